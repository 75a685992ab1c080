package maplab.measure;

/** A child JVM for WatchedJvmTest: finishes items, but hangs on item 3 and exits on item 6 (only in its first launch from 0..5). */
public final class FlakyChild {
    private FlakyChild() { }

    public static void main(String[] args) {
        int items = Integer.parseInt(args[0]);
        for (int i = WatchedJvm.from(args); i < items; i++) {
            if (i == 3) while (true) Thread.onSpinWait();  // a hung trial
            if (i == 6) System.exit(3);                      // a crashed JVM
            System.out.println("some other output");
            WatchedJvm.report(i, "payload " + i);
        }
    }
}
