package maplab.subject.jdk;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import maplab.peers.Agrona;
import maplab.peers.EclipseCollections;
import maplab.peers.Fastutil;
import maplab.plan.EnumIds;

/**
 * Ways to construct a map for {@code n} entries: the JDK's hash maps (and as peers fastutil's
 * open-hash map, Eclipse's {@code UnifiedMap} and Agrona's {@code Object2ObjectHashMap}) with
 * the default constructor, with {@code n} as the constructor argument, and presized for n
 * entries. Koloboke's {@code HashObjObjMap} is left out: filled with the Integer keys 0..n-1 it
 * grew quadratically (seconds at 50,000 keys). The ids are the JMH {@code @Param} values of
 * {@code PresizeBench}.
 */
public enum MapConstructor {
    /** {@code new HashMap<>()}: starts at 16 buckets and doubles as it fills. */
    HASHMAP_DEFAULT("new HashMap<>()") {
        @Override public <K, V> Map<K, V> create(int n) { return new HashMap<>(); }
    },
    /** {@code new HashMap<>(n)}: sizes the table for n buckets, not n entries, so it may still resize once. */
    HASHMAP_N("new HashMap<>(n)") {
        @Override public <K, V> Map<K, V> create(int n) { return new HashMap<>(n); }
    },
    /** {@link Capacity#newHashMap}: n entries fit without a resize ({@code HashMap.newHashMap(n)} on JDK 19+). */
    HASHMAP_PRESIZED("HashMap for n entries") {
        @Override public <K, V> Map<K, V> create(int n) { return Capacity.newHashMap(n); }
    },
    /** {@code new LinkedHashMap<>()}: HashMap's table growth plus a linked list of entries. */
    LINKEDHASHMAP_DEFAULT("new LinkedHashMap<>()") {
        @Override public <K, V> Map<K, V> create(int n) { return new LinkedHashMap<>(); }
    },
    /** {@code new LinkedHashMap<>(n)}: the same table-not-entries sizing as {@code new HashMap<>(n)}. */
    LINKEDHASHMAP_N("new LinkedHashMap<>(n)") {
        @Override public <K, V> Map<K, V> create(int n) { return new LinkedHashMap<>(n); }
    },
    /** {@link Capacity#newLinkedHashMap}: n entries without a resize. */
    LINKEDHASHMAP_PRESIZED("LinkedHashMap for n entries") {
        @Override public <K, V> Map<K, V> create(int n) { return Capacity.newLinkedHashMap(n); }
    },
    /** {@code new ConcurrentHashMap<>()}: 16 buckets, doubled by cooperative transfers. */
    CHM_DEFAULT("new ConcurrentHashMap<>()") {
        @Override public <K, V> Map<K, V> create(int n) { return new ConcurrentHashMap<>(); }
    },
    /** {@code new ConcurrentHashMap<>(n)}: unlike HashMap, its argument counts entries, so this is presized. */
    CHM_PRESIZED("new ConcurrentHashMap<>(n)") {
        @Override public <K, V> Map<K, V> create(int n) { return new ConcurrentHashMap<>(n); }
    },
    /** fastutil's {@code new Object2ObjectOpenHashMap<>()}: open addressing, grows from 16 expected entries. */
    FASTUTIL_DEFAULT("fastutil, default") {
        @Override public <K, V> Map<K, V> create(int n) { return Fastutil.objectMap(); }
    },
    /** fastutil's {@code new Object2ObjectOpenHashMap<>(n)}: the argument is the expected number of entries. */
    FASTUTIL_EXPECTED("fastutil, expected n") {
        @Override public <K, V> Map<K, V> create(int n) { return Fastutil.objectMap(n); }
    },
    /** Eclipse Collections' {@code new UnifiedMap<>()}: chained in small arrays, grows from 16 entries (load factor 0.75). */
    ECLIPSE_DEFAULT("Eclipse UnifiedMap, default") {
        @Override public <K, V> Map<K, V> create(int n) { return EclipseCollections.unifiedMap(); }
    },
    /** {@code new UnifiedMap<>(n)}: the argument counts entries (the table is sized for n / 0.75), so this is presized. */
    ECLIPSE_N("Eclipse new UnifiedMap<>(n)") {
        @Override public <K, V> Map<K, V> create(int n) { return EclipseCollections.unifiedMap(n); }
    },
    /** Agrona's {@code new Object2ObjectHashMap<>()}: open addressing, 8 slots at load factor 0.65. */
    AGRONA_DEFAULT("Agrona Object2ObjectHashMap, default") {
        @Override public <K, V> Map<K, V> create(int n) { return Agrona.objectMap(); }
    },
    /** {@code new Object2ObjectHashMap<>(n, 0.65f)}: like {@code new HashMap<>(n)}, the argument is slots, not entries, so it may still resize. */
    AGRONA_N("Agrona new Object2ObjectHashMap<>(n, 0.65f)") {
        @Override public <K, V> Map<K, V> create(int n) { return Agrona.objectMap(n); }
    };

    private final String label;

    MapConstructor(String label) {
        this.label = label;
    }

    /** A new empty map built this way, meant to receive {@code n} entries. */
    public abstract <K, V> Map<K, V> create(int n);

    /** How it reads in a chart: "new HashMap<>(n)". */
    public String label() {
        return label;
    }

    /** The parameter spelling, e.g. "hashmap_default". */
    public String id() { return EnumIds.id(this); }

    public static List<String> ids() {
        return EnumIds.ids(MapConstructor.class);
    }

    public static MapConstructor parse(String id) {
        return EnumIds.parse(MapConstructor.class, "constructor", id);
    }
}
