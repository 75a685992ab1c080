package maplab.workload;

import maplab.plan.EnumIds;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Orders in which a key set can be inserted. Keys are the distinct values {@code 0..n-1}
 * times a stride of 1 (strided uses a power-of-two stride so that low hash bits collide).
 */
public enum KeyOrder {
    /** 0, 1, 2, ... */
    ASCENDING,
    /** n-1, n-2, ... */
    DESCENDING,
    /** A seeded Fisher-Yates shuffle. */
    RANDOM,
    /** Runs of {@value #CHUNK} ascending keys, the runs shuffled. */
    CHUNKED,
    /** 0, S, 2S, ... with S = {@value #STRIDE}: distinct keys whose low bits are all equal. */
    STRIDED;

    public static final int CHUNK = 64;
    public static final int STRIDE = 1024;

    /** The parameter spelling: "ascending", "random", ... */
    public String label() {
        return EnumIds.id(this);
    }

    public static List<String> labels() {
        return EnumIds.ids(KeyOrder.class);
    }

    public static KeyOrder parse(String s) {
        return EnumIds.parse(KeyOrder.class, "order", s);
    }

    /** {@code n} distinct long keys in this order, shuffles drawn from {@code seed}. */
    public long[] longKeys(int n, long seed) {
        if (n < 0) throw new IllegalArgumentException("n: must be >= 0, got " + n);
        long[] keys = new long[n];
        SplittableRandom random = new SplittableRandom(seed);
        switch (this) {
            case ASCENDING -> { for (int i = 0; i < n; i++) keys[i] = i; }
            case DESCENDING -> { for (int i = 0; i < n; i++) keys[i] = n - 1 - i; }
            case RANDOM -> { for (int i = 0; i < n; i++) keys[i] = i; shuffle(keys, random); }
            case CHUNKED -> {
                int chunks = (n + CHUNK - 1) / CHUNK;
                int[] order = new int[chunks];
                for (int i = 0; i < chunks; i++) order[i] = i;
                for (int i = chunks - 1; i > 0; i--) { int j = random.nextInt(i + 1); int t = order[i]; order[i] = order[j]; order[j] = t; }
                int k = 0;
                for (int c : order) for (int i = c * CHUNK; i < Math.min(n, (c + 1) * CHUNK); i++) keys[k++] = i;
            }
            case STRIDED -> { for (int i = 0; i < n; i++) keys[i] = (long) i * STRIDE; }
        }
        return keys;
    }

    /** The same keys as ints (n and strides must fit in an int). */
    public int[] intKeys(int n, long seed) {
        long[] keys = longKeys(n, seed);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = Math.toIntExact(keys[i]);
        return out;
    }

    /** Seeded Fisher-Yates shuffle in place. */
    public static void shuffle(long[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
