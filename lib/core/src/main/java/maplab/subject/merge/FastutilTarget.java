package maplab.subject.merge;

import maplab.subject.EnumIds;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.List;

/**
 * fastutil's open-hash set and map (linear probing, index from the low bits of a fixed
 * mixer) as targets filled one key at a time from a default-sized start. Filling one in
 * another one's iteration order is the quadratic trap's real-world peer. The constant ids are
 * the JMH {@code @Param} values of {@code FastutilFillBench}.
 */
public enum FastutilTarget {
    /** {@code LongOpenHashSet}, {@code add} per key. */
    SET("fastutil LongOpenHashSet") {
        @Override public long[] iterationOrder(long[] keys) {
            LongOpenHashSet source = new LongOpenHashSet();
            for (long k : keys) source.add(k);
            return source.toLongArray();
        }

        @Override public Object fill(long[] keys) {
            LongOpenHashSet target = new LongOpenHashSet();
            for (long k : keys) target.add(k);
            return target;
        }
    },
    /** {@code Long2LongOpenHashMap}, {@code put} per key. */
    MAP("fastutil Long2LongOpenHashMap") {
        @Override public long[] iterationOrder(long[] keys) {
            Long2LongOpenHashMap source = new Long2LongOpenHashMap();
            for (long k : keys) source.put(k, k);
            return source.keySet().toLongArray();
        }

        @Override public Object fill(long[] keys) {
            Long2LongOpenHashMap target = new Long2LongOpenHashMap();
            for (long k : keys) target.put(k, k);
            return target;
        }
    };

    private final String label;

    FastutilTarget(String label) {
        this.label = label;
    }

    /** {@code keys} in the iteration order of a default-built collection of this kind holding them. */
    public abstract long[] iterationOrder(long[] keys);

    /** A new default-sized collection of this kind, filled with {@code keys} in the given order. */
    public abstract Object fill(long[] keys);

    public String label() {
        return label;
    }

    /** The parameter spelling: "set" or "map". */
    public String id() {
        return EnumIds.id(this);
    }

    public static List<String> ids() {
        return EnumIds.ids(FastutilTarget.class);
    }

    public static FastutilTarget parse(String id) {
        return EnumIds.parse(FastutilTarget.class, "target", id);
    }
}
