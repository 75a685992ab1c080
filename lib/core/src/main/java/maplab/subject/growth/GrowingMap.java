package maplab.subject.growth;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import maplab.subject.jdk.TableLength;
import maplab.plan.EnumIds;
import maplab.subject.jdk.Capacity;
import maplab.subject.probe.HashMode;
import maplab.subject.probe.IncrementalProbeMap;
import maplab.subject.probe.ProbeConfig;
import maplab.subject.probe.ProbeMap;

/**
 * The maps whose per-put latency the resize-latency experiment records while they fill from
 * empty: how each is built, whether several threads may write it, and its table length now (to
 * see which put hit a resize). Ids are the experiment's {@code subjects} values.
 */
public enum GrowingMap {
    HASHMAP_DEFAULT("new HashMap<>()", false),
    HASHMAP_PRESIZED("HashMap for n entries", false),
    CHM_DEFAULT("new ConcurrentHashMap<>()", true),
    CHM_PRESIZED("new ConcurrentHashMap<>(n)", true),
    PROBEMAP_DOUBLING("ProbeMap, all-at-once doubling", false),
    PROBEMAP_INCREMENTAL("ProbeMap, incremental resizing", false);

    private final String label;
    private final boolean concurrent;

    GrowingMap(String label, boolean concurrent) {
        this.label = label;
        this.concurrent = concurrent;
    }

    /**
     * An empty map for {@code n} keys: default-sized ones start small and grow, presized ones
     * never resize; ProbeMaps use the mixed hash (a strong finalizer) with load factor 0.75 and
     * the incremental one migrates {@code migrationSlots} old slots per write.
     */
    public Map<Integer, Integer> create(int n, int migrationSlots) {
        ProbeConfig probe = ProbeConfig.of(HashMode.MIXED);
        return switch (this) {
            case HASHMAP_DEFAULT -> new HashMap<>();
            case HASHMAP_PRESIZED -> Capacity.newHashMap(n);
            case CHM_DEFAULT -> new ConcurrentHashMap<>();
            // ConcurrentHashMap's constructor argument is the number of elements to accommodate
            case CHM_PRESIZED -> new ConcurrentHashMap<>(n);
            case PROBEMAP_DOUBLING -> new ProbeMap<>(probe, 0);
            case PROBEMAP_INCREMENTAL -> new IncrementalProbeMap<>(probe, 0, migrationSlots);
        };
    }

    /** The slots or buckets of the map's (newest) table now; 0 before a lazily allocated table exists. */
    public static int tableLength(Map<?, ?> map) {
        if (map instanceof ProbeMap<?, ?> p) return p.capacity();
        if (map instanceof IncrementalProbeMap<?, ?> p) return p.capacity();
        return TableLength.of(map);
    }

    /** Whether several threads may put into it at once. */
    public boolean concurrent() { return concurrent; }

    public String label() { return label; }

    public String id() { return EnumIds.id(this); }

    public static List<String> ids() { return EnumIds.ids(GrowingMap.class); }

    public static GrowingMap parse(String id) { return EnumIds.parse(GrowingMap.class, "subject", id); }
}
