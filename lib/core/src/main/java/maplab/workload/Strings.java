package maplab.workload;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/** String key sets: all colliding under {@code String.hashCode}, or random of one length. */
public final class Strings {
    private Strings() { }

    /** "Aa" and "BB" have the same {@code String.hashCode} (2112), so any concatenation of k such blocks shares one hash. */
    public static final String BLOCK_A = "Aa";
    public static final String BLOCK_B = "BB";

    /** The length of the strings {@link #colliding} makes for n keys: 2 chars per block, ceil(log2 n) blocks (at least 1). */
    public static int collidingLength(int n) {
        return 2 * blocks(n);
    }

    private static int blocks(int n) {
        return Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(0, n - 1)));
    }

    /**
     * {@code n} distinct Strings with one and the same {@code hashCode}: string i spells the
     * bits of i in "Aa"/"BB" blocks; returned in a seeded random order.
     */
    public static String[] colliding(int n, long seed) {
        checkN(n);
        int blocks = blocks(n);
        String[] out = new String[n];
        StringBuilder sb = new StringBuilder(2 * blocks);
        for (int i = 0; i < n; i++) {
            sb.setLength(0);
            for (int b = blocks - 1; b >= 0; b--) sb.append(((i >>> b) & 1) == 0 ? BLOCK_A : BLOCK_B);
            out[i] = sb.toString();
        }
        shuffle(out, new SplittableRandom(seed));
        return out;
    }

    /** {@code n} distinct random Strings of ASCII letters, all {@code length} chars long. */
    public static String[] random(int n, int length, long seed) {
        checkN(n);
        if (length < 1) throw new IllegalArgumentException("length: bad value '" + length + "'; allowed: a whole number >= 1");
        if (length < 5 && Math.pow(52, length) < 2.0 * n) {
            throw new IllegalArgumentException("length: bad value '" + length + "'; allowed: long enough for " + n + " distinct strings");
        }
        SplittableRandom r = new SplittableRandom(seed);
        Set<String> seen = new HashSet<>(n * 2);
        String[] out = new String[n];
        char[] buf = new char[length];
        for (int i = 0; i < n; ) {
            for (int c = 0; c < length; c++) {
                int x = r.nextInt(52);
                buf[c] = (char) (x < 26 ? 'A' + x : 'a' + x - 26);
            }
            String s = new String(buf);
            if (seen.add(s)) out[i++] = s;
        }
        return out;
    }

    static void checkN(int n) {
        if (n < 0) throw new IllegalArgumentException("n: bad value '" + n + "'; allowed: a whole number >= 0");
    }

    static <T> void shuffle(T[] a, SplittableRandom r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            T t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
