package maplab.workload;

/**
 * Distinct int keys whose bits look random, as real keys' hashes do. {@code Integer}s
 * {@code 0..n-1} are a trap for hash-map benchmarks: {@code Integer.hashCode} is the value, so
 * they fill a {@code HashMap}'s buckets perfectly, one key each, and favour every design that
 * indexes by the raw hash over one that mixes it.
 */
public final class DistinctInts {
    private DistinctInts() { }

    /**
     * {@code n} distinct ints for {@code seed}: i maps through a bijection of int (an odd
     * multiply and add, then Chris Wellons' "lowbias32" xorshift-multiply mixer), so no two
     * collide and every bit depends on every bit of i and the seed.
     */
    public static int[] scrambled(int n, long seed) {
        if (n < 0) throw new IllegalArgumentException("n: must be >= 0, got " + n);
        int salt = (int) (seed ^ (seed >>> 32));
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int x = i * 0x9E3779B9 + salt;
            x ^= x >>> 16;
            x *= 0x7feb352d;
            x ^= x >>> 15;
            x *= 0x846ca68b;
            x ^= x >>> 16;
            out[i] = x;
        }
        return out;
    }
}
