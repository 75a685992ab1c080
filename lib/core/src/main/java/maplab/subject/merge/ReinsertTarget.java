package maplab.subject.merge;

import maplab.plan.EnumIds;
import java.util.List;
import maplab.subject.probe.HashMode;
import maplab.subject.probe.IndexBits;
import maplab.subject.probe.LongProbeMap;
import maplab.subject.probe.ProbeConfig;

/**
 * The quadratic trap: the keys of a large {@link LongProbeMap}, taken in its slot order, are
 * inserted into an empty target. Each constant says how the source and the target hash and
 * how the target starts; the constants are the JMH {@code @Param} values of {@code ReinsertBench}.
 *
 * <p>With the same hash and top-bit indexing, slot order is sorted by the top bits of the
 * hash, so the keys land in the smaller, growing target in ascending slot order at a density
 * above one key per slot: they pile up into one probe run that every later key walks to its
 * end. A per-map seed (mixed in before the finalizer) makes the source's order look random to
 * the target; presizing the target gives it the source's table size, so slot order maps one
 * to one.
 */
public enum ReinsertTarget {
    /** Source and target use the same unseeded hash (murmur3 fmix64) and top-bit indexing; the target grows from empty. */
    SAME_HASH("same hash, growing target"),
    /** Source and target each mix their own seed into the key before the finalizer; the target grows from empty. */
    SEEDED("per-map seeds, growing target"),
    /** The same hash as {@link #SAME_HASH}, but the target is presized for all the keys. */
    PRESIZED("same hash, presized target");

    /** Load factor of source and target (the JDK's and fastutil's default). */
    public static final double LOAD_FACTOR = 0.75;

    /** How often {@link #insertWithin} looks at the clock: every this many inserts. */
    static final int CLOCK_EVERY = 256;

    private final String label;

    ReinsertTarget(String label) {
        this.label = label;
    }

    /** The source map's configuration; {@code seed} matters only for {@link #SEEDED}. */
    public ProbeConfig sourceConfig(long seed, boolean counting) {
        return config(seed, counting);
    }

    /** The source: {@code keys} inserted into a default-sized map with {@link #sourceConfig}. */
    public LongProbeMap source(long[] keys, long seed) {
        LongProbeMap map = new LongProbeMap(sourceConfig(seed, false), 0);
        for (long k : keys) map.put(k, k);
        return map;
    }

    /** A new, empty target for {@code n} keys; {@code seed} matters only for {@link #SEEDED} (use another seed than the source's). */
    public LongProbeMap target(int n, long seed, boolean counting) {
        return new LongProbeMap(config(seed, counting), this == PRESIZED ? n : 0);
    }

    private ProbeConfig config(long seed, boolean counting) {
        HashMode hash = this == SEEDED ? HashMode.SEEDED : HashMode.MIXED;
        return new ProbeConfig(hash, IndexBits.HIGH, LOAD_FACTOR, this == SEEDED ? seed : 0L, counting);
    }

    /**
     * Puts {@code keys} (value = key) into {@code target} in order until all are in or
     * {@code budgetNanos} have passed (the clock is read every {@value #CLOCK_EVERY} inserts);
     * returns how many were inserted. This keeps a variant inside its time budget: a merge
     * that stops early took more than the budget. {@code Long.MAX_VALUE} means no budget.
     */
    public static int insertWithin(LongProbeMap target, long[] keys, long budgetNanos) {
        long start = System.nanoTime();
        int i = 0;
        while (i < keys.length) {
            int end = Math.min(keys.length, i + CLOCK_EVERY);
            for (; i < end; i++) target.put(keys[i], keys[i]);
            if (i < keys.length && System.nanoTime() - start > budgetNanos) break;
        }
        return i;
    }

    public String label() {
        return label;
    }

    /** The parameter spelling, e.g. "same_hash". */
    public String id() {
        return EnumIds.id(this);
    }

    public static List<String> ids() {
        return EnumIds.ids(ReinsertTarget.class);
    }

    public static ReinsertTarget parse(String id) {
        return EnumIds.parse(ReinsertTarget.class, "variant", id);
    }
}
