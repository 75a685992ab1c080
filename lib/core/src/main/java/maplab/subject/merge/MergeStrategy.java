package maplab.subject.merge;

import maplab.plan.EnumIds;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import maplab.subject.jdk.Capacity;

/**
 * Ways to merge two JDK maps {@code a} and {@code b} into a new {@code HashMap} (or, for
 * {@link #TREEMAP_PUT_ALL}, a {@code TreeMap}: the ordered tree as a merge target). Where a key is
 * in both, b's value wins in every strategy (for {@code merge()} through its remapping
 * function), so all of them build the same map and differ only in how. The constants are
 * the JMH {@code @Param} values of {@code MergeBench}.
 */
public enum MergeStrategy {
    /** {@code new HashMap<>()} then {@code putAll(a)}, {@code putAll(b)}: putAll sizes an empty table for a up front. */
    PUT_ALL("new HashMap<>(), putAll(a), putAll(b)") {
        @Override public <K, V> Map<K, V> merge(Map<K, V> a, Map<K, V> b) {
            Map<K, V> m = new HashMap<>();
            m.putAll(a);
            m.putAll(b);
            return m;
        }
    },
    /** {@code new HashMap<>()} then one {@code put} per entry of a and of b: the table doubles as it fills. */
    PUT_LOOP("new HashMap<>(), put per entry") {
        @Override public <K, V> Map<K, V> merge(Map<K, V> a, Map<K, V> b) {
            Map<K, V> m = new HashMap<>();
            for (Map.Entry<K, V> e : a.entrySet()) m.put(e.getKey(), e.getValue());
            for (Map.Entry<K, V> e : b.entrySet()) m.put(e.getKey(), e.getValue());
            return m;
        }
    },
    /** A HashMap presized for {@code a.size() + b.size()} entries, then putAll: never resizes. */
    PRESIZED("presized HashMap, putAll") {
        @Override public <K, V> Map<K, V> merge(Map<K, V> a, Map<K, V> b) {
            Map<K, V> m = new HashMap<>(Capacity.forEntries(a.size() + b.size()));
            m.putAll(a);
            m.putAll(b);
            return m;
        }
    },
    /** {@code new HashMap<>(a)} (sized for a, copies a's entries) then {@code putAll(b)}. */
    COPY_CONSTRUCTOR("new HashMap<>(a), putAll(b)") {
        @Override public <K, V> Map<K, V> merge(Map<K, V> a, Map<K, V> b) {
            Map<K, V> m = new HashMap<>(a);
            m.putAll(b);
            return m;
        }
    },
    /** {@code new HashMap<>(a)} then {@code b.forEach((k, v) -> m.merge(k, v, (inA, inB) -> inB))}: the remapping function runs for every shared key. */
    MERGE_METHOD("new HashMap<>(a), merge() per key of b") {
        @Override public <K, V> Map<K, V> merge(Map<K, V> a, Map<K, V> b) {
            Map<K, V> m = new HashMap<>(a);
            b.forEach((k, v) -> m.merge(k, v, MergeStrategy::second));
            return m;
        }
    },
    /**
     * {@code new TreeMap<>()} then {@code putAll(a)}, {@code putAll(b)}: a red-black tree as the
     * target (the source's "B-tree for frequent merges"), one node per entry, O(log n) per put.
     * Keys must be {@code Comparable}.
     */
    TREEMAP_PUT_ALL("new TreeMap<>(), putAll(a), putAll(b)") {
        @Override public <K, V> Map<K, V> merge(Map<K, V> a, Map<K, V> b) {
            Map<K, V> m = new TreeMap<>();
            m.putAll(a);
            m.putAll(b);
            return m;
        }
    };

    private final String label;

    MergeStrategy(String label) {
        this.label = label;
    }

    /** A new map with every key of {@code a} and {@code b}; a key in both keeps b's value. */
    public abstract <K, V> Map<K, V> merge(Map<K, V> a, Map<K, V> b);

    private static <V> V second(V inA, V inB) {
        return inB;
    }

    /** How it reads in a chart. */
    public String label() {
        return label;
    }

    /** The parameter spelling, e.g. "put_all". */
    public String id() {
        return EnumIds.id(this);
    }

    public static List<String> ids() {
        return EnumIds.ids(MergeStrategy.class);
    }

    public static MergeStrategy parse(String id) {
        return EnumIds.parse(MergeStrategy.class, "strategy", id);
    }
}
