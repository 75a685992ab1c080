package maplab.subject.jdk;

/** Initial capacities for "n entries without a resize" at HashMap's default load factor 0.75. */
public final class Capacity {
    private Capacity() { }

    /** The smallest initial capacity for which n entries never trigger a resize: ceil(n / 0.75). */
    public static int forEntries(int n) {
        if (n < 0) throw new IllegalArgumentException("n: must be >= 0, got " + n);
        return (int) Math.min(Integer.MAX_VALUE, (long) Math.ceil(n / 0.75));
    }
}
