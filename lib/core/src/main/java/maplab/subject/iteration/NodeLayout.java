package maplab.subject.iteration;

import maplab.subject.facade.IterationMap;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import maplab.plan.EnumIds;

/**
 * Where in memory the entries of a {@code HashMap<Integer, Integer>} of keys 0..n-1 lie, by how
 * the map was built. The table (bucket order) is the same in every layout, because the keys
 * are; only the addresses of the nodes and of the boxed keys and values differ. Iteration
 * walks the table in bucket order and follows each bucket's node, so it reads memory in
 * allocation order when the nodes were allocated in table order, and jumps at random when
 * they were allocated in random key order. The constants are the JMH {@code @Param} values of
 * {@code IterationLocalityBench}.
 */
public enum NodeLayout {
    /** Filled in random key order: each entry's key box, value box and node are allocated together, entries scattered over the table. */
    RANDOM("random-filled"),
    /** Filled in random order, then {@code System.gc()}: a full collection (ParallelGC slides live objects, keeping their address order). */
    RANDOM_FULL_GC("random-filled, full GC"),
    /** Filled in random order, then garbage allocated until one young collection ran: a scavenge copies live objects in the order it reaches them. */
    RANDOM_YOUNG_GC("random-filled, young GC"),
    /** A random-filled map passed to {@code new HashMap<>(m)}: new nodes in table order, but the same boxed keys and values (still in random order). */
    COPIED("random-filled, copied"),
    /** A random-filled map rebuilt in its iteration order with new boxes: nodes, keys and values all allocated in table order. */
    REBUILT("random-filled, rebuilt with new boxes"),
    /** Filled in ascending key order: with small Integer keys, table order, so nodes and boxes lie in iteration order. */
    ASCENDING("ascending-filled");

    private final String label;

    NodeLayout(String label) {
        this.label = label;
    }

    /**
     * A HashMap holding every key of {@code randomOrder} (a permutation of 0..n-1) mapped to itself,
     * laid out as this layout says. The original of a copy or rebuild becomes garbage.
     */
    public Map<Integer, Integer> build(int[] randomOrder) {
        Map<Integer, Integer> map = new HashMap<>();
        if (this == ASCENDING) {
            int[] sorted = randomOrder.clone();
            java.util.Arrays.sort(sorted);
            for (int k : sorted) map.put(k, k);
            return map;
        }
        for (int k : randomOrder) map.put(k, k);
        switch (this) {
            case RANDOM_FULL_GC -> System.gc();
            case RANDOM_YOUNG_GC -> youngCollection();
            case COPIED -> { return new HashMap<>(map); }
            case REBUILT -> {
                Map<Integer, Integer> rebuilt = new HashMap<>(map.size() * 2);
                // fresh boxes (valueOf caches only -128..127; the keys here are mostly larger), allocated in iteration order
                for (Map.Entry<Integer, Integer> e : map.entrySet()) rebuilt.put(box(e.getKey()), box(e.getValue()));
                return rebuilt;
            }
            default -> { }
        }
        return map;
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static Integer box(Integer i) {
        int v = i;
        return v >= -128 && v <= 127 ? i : new Integer(v);
    }

    /** Allocates short-lived arrays until the collector count rises: at least one collection (a young one while the heap has room) has run. */
    private static void youngCollection() {
        long before = collections();
        long sink = 0;
        for (int i = 0; collections() == before; i++) {
            if (i > 1_000_000) throw new IllegalStateException("no collection ran after allocating " + i + " arrays of 64 KiB");
            byte[] garbage = new byte[64 * 1024];
            sink += garbage.length;
        }
        if (sink < 0) throw new AssertionError();
    }

    /** Collections so far, over every collector of this JVM. */
    public static long collections() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) sum += Math.max(0, gc.getCollectionCount());
        return sum;
    }

    /** The sum of {@code key * 31 + value} over the entries, by entrySet: reads every node, key box and value box. */
    public static long sum(Map<Integer, Integer> map) {
        long sum = 0;
        for (Map.Entry<Integer, Integer> e : map.entrySet()) sum += IterationMap.mix(e.getKey(), e.getValue());
        return sum;
    }

    public String label() { return label; }

    public String id() { return EnumIds.id(this); }

    public static List<String> ids() {
        return EnumIds.ids(NodeLayout.class);
    }

    public static NodeLayout parse(String id) {
        return EnumIds.parse(NodeLayout.class, "layout", id);
    }
}
