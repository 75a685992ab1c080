package maplab.workload;

import java.util.List;
import maplab.plan.EnumIds;
import org.apache.commons.math3.distribution.ZipfDistribution;
import org.apache.commons.math3.random.Well19937c;

/**
 * How often each of n keys is used: all alike, or skewed the way real traffic is (a few hot
 * keys, a long tail).
 */
public enum Popularity {
    /** Every key equally likely. */
    UNIFORM,
    /**
     * Zipf with exponent {@value #ZIPF_EXPONENT} (as in YCSB): the k-th most popular key is
     * used about 1/k as often as the first. Which keys are hot is a seeded random choice.
     */
    ZIPF;

    public static final double ZIPF_EXPONENT = 0.99;

    /** The parameter spelling: "uniform", "zipf". */
    public String id() {
        return EnumIds.id(this);
    }

    public static List<String> ids() {
        return EnumIds.ids(Popularity.class);
    }

    public static Popularity parse(String s) {
        return EnumIds.parse(Popularity.class, "popularity", s);
    }

    /**
     * {@code count} key indexes in {@code [0, n)} drawn with this popularity from {@code seed}.
     * For Zipf, popularity rank r is mapped to a seeded random index so hot keys are spread
     * over the key set rather than being the smallest ones.
     */
    public int[] indexes(int n, int count, long seed) {
        if (n < 1) throw new IllegalArgumentException("n: must be at least 1, got " + n);
        if (count < 0) throw new IllegalArgumentException("count: must be >= 0, got " + count);
        Well19937c random = new Well19937c(seed);
        int[] out = new int[count];
        if (this == UNIFORM) {
            for (int i = 0; i < count; i++) out[i] = random.nextInt(n);
            return out;
        }
        int[] rankToIndex = KeyOrder.RANDOM.intKeys(n, random.nextLong());
        ZipfDistribution zipf = new ZipfDistribution(random, n, ZIPF_EXPONENT);
        for (int i = 0; i < count; i++) out[i] = rankToIndex[zipf.sample() - 1];
        return out;
    }
}
