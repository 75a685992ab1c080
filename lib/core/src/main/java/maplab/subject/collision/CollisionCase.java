package maplab.subject.collision;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import maplab.peers.Agrona;
import maplab.peers.EclipseCollections;
import maplab.peers.Fastutil;
import maplab.peers.Koloboke;
import maplab.plan.EnumIds;
import maplab.subject.probe.ProbeConfig;
import maplab.subject.probe.ProbeMap;
import maplab.workload.CallCounts;
import maplab.workload.KeyKind;

/**
 * What the collisions experiment inserts into what: a {@link KeyKind} and a map, either
 * {@code java.util.HashMap} (default-sized), a {@link ProbeMap} whose seeded hash reads the
 * String's content, or a peer library's default-sized map (fastutil, Eclipse Collections,
 * Agrona, Koloboke; HPPC's object map is no {@code java.util.Map} and is left out). The ids are the JMH {@code @Param} values of {@code CollisionsBench}.
 */
public enum CollisionCase {
    /** Strings that all share one {@code String.hashCode} ("Aa"/"BB" blocks), in a HashMap: one bin, a red-black tree ordered by compareTo. */
    COLLIDING_STRING(KeyKind.COLLIDING_STRING, false, "colliding Strings, HashMap"),
    /** Random Strings of the same length, in a HashMap: the baseline for Strings. */
    RANDOM_STRING(KeyKind.RANDOM_STRING, false, "random Strings, HashMap"),
    /** Keys that all hash to one constant and are not Comparable: the tree bin cannot order them and scans with equals. */
    CONSTANT_HASH(KeyKind.CONSTANT_HASH, false, "constant hash, not Comparable, HashMap"),
    /** Keys that all hash to one constant but are Comparable: the tree bin orders them with compareTo. */
    CONSTANT_HASH_COMPARABLE(KeyKind.CONSTANT_HASH_COMPARABLE, false, "constant hash, Comparable, HashMap"),
    /** Keys with distinct hash codes: the baseline for the instrumented keys. */
    DISTINCT_HASH(KeyKind.DISTINCT_HASH, false, "distinct hashes, HashMap"),
    /**
     * The colliding Strings in a ProbeMap that hashes their content with a per-map seed: collisions
     * precomputed for {@code String.hashCode} no longer collide (a remedy for those, not a defence
     * against an attacker who can observe timings; keyed hashes such as SipHash are).
     */
    COLLIDING_STRING_SEEDED(KeyKind.COLLIDING_STRING, true, "colliding Strings, ProbeMap seeded content hash"),
    /** Random Strings in the same seeded ProbeMap: the baseline for the seeded content hash. */
    RANDOM_STRING_SEEDED(KeyKind.RANDOM_STRING, true, "random Strings, ProbeMap seeded content hash"),
    /** The colliding Strings in fastutil's {@code Object2ObjectOpenHashMap}: linear probing over a mix of hashCode, so one probe run. */
    COLLIDING_STRING_FASTUTIL(KeyKind.COLLIDING_STRING, "fastutil", "colliding Strings, fastutil Object2ObjectOpenHashMap",
            Fastutil::objectMap),
    RANDOM_STRING_FASTUTIL(KeyKind.RANDOM_STRING, "fastutil", "random Strings, fastutil Object2ObjectOpenHashMap",
            Fastutil::objectMap),
    /** The colliding Strings in Eclipse's {@code UnifiedMap}: one bucket's chain, scanned with equals (no trees). */
    COLLIDING_STRING_ECLIPSE(KeyKind.COLLIDING_STRING, "eclipse", "colliding Strings, Eclipse UnifiedMap",
            EclipseCollections::unifiedMap),
    RANDOM_STRING_ECLIPSE(KeyKind.RANDOM_STRING, "eclipse", "random Strings, Eclipse UnifiedMap",
            EclipseCollections::unifiedMap),
    /** The colliding Strings in Agrona's {@code Object2ObjectHashMap}: linear probing over hashCode, so one probe run. */
    COLLIDING_STRING_AGRONA(KeyKind.COLLIDING_STRING, "agrona", "colliding Strings, Agrona Object2ObjectHashMap",
            Agrona::objectMap),
    RANDOM_STRING_AGRONA(KeyKind.RANDOM_STRING, "agrona", "random Strings, Agrona Object2ObjectHashMap",
            Agrona::objectMap),
    /** The colliding Strings in Koloboke's {@code HashObjObjMap}: linear probing over a mix of hashCode, so one probe run. */
    COLLIDING_STRING_KOLOBOKE(KeyKind.COLLIDING_STRING, "koloboke", "colliding Strings, Koloboke HashObjObjMap",
            Koloboke::objectMap),
    RANDOM_STRING_KOLOBOKE(KeyKind.RANDOM_STRING, "koloboke", "random Strings, Koloboke HashObjObjMap",
            Koloboke::objectMap);

    private final KeyKind kind;
    private final boolean seededProbeMap;
    private final String label;
    /** The peer library ("fastutil", "eclipse", ...), null for HashMap and ProbeMap. */
    private final String library;
    private final java.util.function.Supplier<Map<Object, Object>> peerMap;

    CollisionCase(KeyKind kind, boolean seededProbeMap, String label) {
        this.kind = kind;
        this.seededProbeMap = seededProbeMap;
        this.label = label;
        this.library = null;
        this.peerMap = null;
    }

    CollisionCase(KeyKind kind, String library, String label, java.util.function.Supplier<Map<Object, Object>> peerMap) {
        this.kind = kind;
        this.seededProbeMap = false;
        this.label = label;
        this.library = library;
        this.peerMap = peerMap;
    }

    /** True for the peer libraries' maps. */
    public boolean isPeer() { return peerMap != null; }

    /** The peer library's id ("fastutil", "eclipse", "agrona", "koloboke"); null for HashMap and ProbeMap. */
    public String library() { return library; }

    public KeyKind kind() { return kind; }

    /** True for the ProbeMap cases, false for HashMap. */
    public boolean seededProbeMap() { return seededProbeMap; }

    /** A new, default-sized map of this case; {@code seed} is the ProbeMap's hash seed, {@code counting} turns its probe counters on. */
    public Map<Object, Object> newMap(long seed, boolean counting) {
        if (peerMap != null) return peerMap.get();
        return seededProbeMap ? new ProbeMap<>(ProbeConfig.seeded(seed).withCounting(counting), 0) : new HashMap<>();
    }

    /** The keys a program would use (plain Strings for String kinds), for timing. */
    public Object[] keys(int n, long seed) {
        return kind.plainKeys(n, seed);
    }

    /**
     * Keys that count their {@code equals}/{@code compareTo}/{@code hashCode} calls in
     * {@code counts}, for every case. The wrappers still show their content to ProbeMap's
     * seeded hash ({@code CountingString} is a {@link CharSequence} hashed by its characters,
     * {@code CountingKey} a {@link maplab.workload.SeededHashable}), so the ProbeMap cases
     * probe exactly as with plain keys, and their counts show that the seeded hash never calls
     * {@code hashCode()}.
     */
    public Object[] countingKeys(int n, long seed, CallCounts counts) {
        return kind.keys(n, seed, counts);
    }

    /** Puts every key (value = key) into {@code map}; returns the map. */
    public static Map<Object, Object> insertAll(Map<Object, Object> map, Object[] keys) {
        for (Object k : keys) map.put(k, k);
        return map;
    }

    public String label() {
        return label;
    }

    /** The parameter spelling, e.g. "constant_hash". */
    public String id() {
        return EnumIds.id(this);
    }

    public static List<String> ids() {
        return EnumIds.ids(CollisionCase.class);
    }

    public static CollisionCase parse(String id) {
        return EnumIds.parse(CollisionCase.class, "case", id);
    }
}
