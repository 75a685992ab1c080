package maplab.subject.merge;

import maplab.plan.EnumIds;
import java.util.List;
import java.util.SplittableRandom;
import maplab.workload.KeyOrder;

/** The order in which a fastutil target receives its keys; the constants are {@code FastutilFillBench}'s {@code @Param} values. */
public enum FillOrder {
    /** The iteration order of another collection of the same kind that holds the keys (what {@code for (k : source) target.add(k)} does). */
    ITERATION("in another one's iteration order"),
    /** A seeded shuffle of the same keys. */
    SHUFFLED("in shuffled order");

    private final String label;

    FillOrder(String label) {
        this.label = label;
    }

    /** {@code keys} arranged in this order for {@code target}; the shuffle draws from {@code seed}. */
    public long[] arrange(FastutilTarget target, long[] keys, long seed) {
        long[] ordered = target.iterationOrder(keys);
        if (this == SHUFFLED) KeyOrder.shuffle(ordered, new SplittableRandom(seed));
        return ordered;
    }

    public String label() {
        return label;
    }

    public String id() {
        return EnumIds.id(this);
    }

    public static List<String> ids() {
        return EnumIds.ids(FillOrder.class);
    }

    public static FillOrder parse(String id) {
        return EnumIds.parse(FillOrder.class, "order", id);
    }
}
