package maplab.subject.jdk;

import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.util.Arrays;
import java.util.HashMap;

/**
 * Reads what {@code java.util.HashMap} hides: its table length, how many entries each bucket
 * (bin) holds, and which bins have become red-black trees. Needs
 * {@code --add-opens java.base/java.util=ALL-UNNAMED} (the maplab kernel, launcher and
 * benchmarks set it); without it every call fails with a message that says so.
 */
public final class HashMapInternals {

    public static final String ADD_OPENS = "--add-opens java.base/java.util=ALL-UNNAMED";
    private static volatile Field table;
    private static volatile Field next;
    private static volatile Class<?> treeNode;

    private HashMapInternals() { }

    /**
     * The bins of one HashMap.
     *
     * @param tableLength  buckets in the table (0 before the first put)
     * @param histogram    element L counts the buckets holding L entries (element 0: empty buckets)
     * @param treeBins     buckets that are red-black trees (TreeNode bins) rather than lists
     */
    public record Bins(int tableLength, long[] histogram, int treeBins) {
        /** The longest bin. */
        public int maxLength() {
            return histogram.length - 1;
        }

        /** The mean number of entries met when looking up a present key: sum of L^2 over bins, over the entries (a list scan's cost, 1 = no collisions). */
        public double meanEntriesPerLookup() {
            long entries = 0;
            long squares = 0;
            for (int l = 0; l < histogram.length; l++) {
                entries += l * histogram[l];
                squares += (long) l * l * histogram[l];
            }
            return entries == 0 ? Double.NaN : (double) squares / entries;
        }

        @Override public boolean equals(Object o) {
            return o instanceof Bins b && b.tableLength == tableLength && b.treeBins == treeBins && Arrays.equals(b.histogram, histogram);
        }
        @Override public int hashCode() { return 31 * Arrays.hashCode(histogram) + treeBins; }
        @Override public String toString() { return "Bins[table=" + tableLength + ", histogram=" + Arrays.toString(histogram) + ", treeBins=" + treeBins + "]"; }
    }

    /** The length of the bucket table (0 before the first put). Works for LinkedHashMap too. */
    public static int tableLength(HashMap<?, ?> map) {
        Object[] t = table(map);
        return t == null ? 0 : t.length;
    }

    /** The bucket table itself (null before the first put). */
    public static Object[] table(HashMap<?, ?> map) {
        try {
            return (Object[]) tableField().get(map);
        } catch (IllegalAccessException e) {
            throw missingOpens(e);
        }
    }

    /** Bin lengths (a histogram) and tree bins of {@code map}. Works for LinkedHashMap too. */
    public static Bins bins(HashMap<?, ?> map) {
        Object[] t = table(map);
        if (t == null) return new Bins(0, new long[0], 0);
        Field nextField = nextField();
        Class<?> tree = treeNode;
        long[] hist = new long[9];
        int max = 0;
        int trees = 0;
        try {
            for (Object head : t) {
                int length = 0;
                for (Object node = head; node != null; node = nextField.get(node)) length++;
                if (head != null && tree.isInstance(head)) trees++;
                if (length >= hist.length) hist = Arrays.copyOf(hist, Math.max(length + 1, hist.length * 2));
                hist[length]++;
                max = Math.max(max, length);
            }
        } catch (IllegalAccessException e) {
            throw missingOpens(e);
        }
        return new Bins(t.length, Arrays.copyOf(hist, max + 1), trees);
    }

    private static Field tableField() {
        Field f = table;
        if (f == null) {
            f = accessible(HashMap.class, "table");
            table = f;
        }
        return f;
    }

    /** HashMap.Node.next: every bin, list or tree, keeps its nodes linked through it. */
    private static Field nextField() {
        Field f = next;
        if (f == null) {
            try {
                treeNode = Class.forName("java.util.HashMap$TreeNode");
                f = accessible(Class.forName("java.util.HashMap$Node"), "next");
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("this JDK's HashMap has no Node/TreeNode classes: " + e.getMessage(), e);
            }
            next = f;
        }
        return f;
    }

    private static Field accessible(Class<?> c, String name) {
        try {
            Field f = c.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (InaccessibleObjectException | NoSuchFieldException e) {
            throw missingOpens(e);
        }
    }

    static IllegalStateException missingOpens(Exception e) {
        return new IllegalStateException("cannot read java.util.HashMap internals: start the JVM with " + ADD_OPENS
                + " (./maplab and the maplab kernel do this) [" + e.getMessage() + "]", e);
    }
}
