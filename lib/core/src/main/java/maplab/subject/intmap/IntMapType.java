package maplab.subject.intmap;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import maplab.peers.Agrona;
import maplab.peers.EclipseCollections;
import maplab.peers.Fastutil;
import maplab.peers.Hppc;
import maplab.peers.Koloboke;
import maplab.plan.EnumIds;
import maplab.subject.facade.IntMap;
import maplab.subject.probe.HashMode;
import maplab.subject.probe.LongProbeMap;
import maplab.subject.probe.ProbeConfig;

/**
 * The int-keyed maps compared by key-order; ids are parameter values, the constants JMH {@code @Param} values.
 * Every map starts at its default size and grows while the keys go in, as in ordinary use.
 */
public enum IntMapType {
    /** {@link LongProbeMap}, identity hash, low bits: slot = key mod capacity. */
    PROBEMAP_IDENTITY("ProbeMap identity"),
    /** {@link LongProbeMap}, murmur3 fmix64, low bits. */
    PROBEMAP_MIXED("ProbeMap mixed"),
    /** {@code HashMap<Integer,Integer>}: Integer.hashCode spread by h ^ h>>>16, chained bins. */
    HASHMAP("HashMap<Integer,Integer>"),
    /** fastutil {@code Int2IntOpenHashMap}: linear probing, a phi-mix hash. */
    FASTUTIL("fastutil Int2IntOpenHashMap"),
    /** Eclipse Collections {@code IntIntHashMap}: an interleaved key/value array, a fixed spread, a short linear probe then a second hash. */
    ECLIPSE("Eclipse Collections IntIntHashMap"),
    /** HPPC {@code IntIntHashMap} (0.10): linear probing over a phi mix; iteration starts at a per-iteration seeded slot. */
    HPPC("HPPC IntIntHashMap"),
    /** Agrona {@code Int2IntHashMap}: an interleaved array, linear probing over a fixed hash, load factor 0.65. */
    AGRONA("Agrona Int2IntHashMap"),
    /** Koloboke {@code HashIntIntMap} (1.0.0): linear probing over a mixed hash, parallel key/value layout. */
    KOLOBOKE("Koloboke HashIntIntMap"),
    /**
     * A user's map ({@link LongMap}): the stand-in constant of {@code KeyOrderBench}'s subject, whose
     * {@code user} {@code @Param} names the class ({@link EnumIds#USER}: no parameter value of its own).
     */
    USER("a user's map");

    /** The expected size every map starts from (HashMap's and fastutil's default of 16). */
    public static final int DEFAULT_EXPECTED = 16;

    private final String label;

    IntMapType(String label) {
        this.label = label;
    }

    public String id() {
        return EnumIds.id(this);
    }

    public String label() {
        return label;
    }

    public static List<String> ids() {
        return EnumIds.ids(IntMapType.class);
    }

    public static IntMapType parse(String s) {
        return EnumIds.parse(IntMapType.class, "subject", s);
    }

    /** The ProbeMap config of the ProbeMap subjects (counters as asked). */
    public ProbeConfig probeConfig(boolean counting) {
        return switch (this) {
            case PROBEMAP_IDENTITY -> ProbeConfig.of(HashMode.IDENTITY).withCounting(counting);
            case PROBEMAP_MIXED -> ProbeConfig.of(HashMode.MIXED).withCounting(counting);
            default -> throw new IllegalStateException(id() + " is not a ProbeMap");
        };
    }

    public boolean isProbeMap() {
        return this == PROBEMAP_IDENTITY || this == PROBEMAP_MIXED;
    }

    /** A default-sized map of this type filled with {@code keys} in array order (value = key). */
    public IntMap build(int[] keys) {
        return switch (this) {
            case PROBEMAP_IDENTITY, PROBEMAP_MIXED -> new ProbeAdapter(fillProbeMap(keys, probeConfig(false)), keys);
            case HASHMAP -> new HashMapAdapter(keys);
            case FASTUTIL -> Fastutil.intMap(keys);
            case ECLIPSE -> EclipseCollections.intMap(keys);
            case HPPC -> Hppc.intMap(keys);
            case AGRONA -> Agrona.intMap(keys);
            case KOLOBOKE -> Koloboke.intMap(keys);
            case USER -> throw new IllegalStateException("subject: a user's map is made from its class (UserSubject.newMap), not from " + this);
        };
    }

    /** A default-sized LongProbeMap with {@code config}, filled with {@code keys} in array order. */
    public static LongProbeMap fillProbeMap(int[] keys, ProbeConfig config) {
        LongProbeMap m = new LongProbeMap(config, DEFAULT_EXPECTED);
        for (int k : keys) m.put(k, k);
        return m;
    }

    /** A default HashMap filled with {@code keys} in array order. */
    public static HashMap<Integer, Integer> fillHashMap(Integer[] keys) {
        HashMap<Integer, Integer> m = new HashMap<>();
        for (Integer k : keys) m.put(k, k);
        return m;
    }

    private static final class ProbeAdapter implements IntMap {
        private final LongProbeMap map;
        private final int[] keys;

        ProbeAdapter(LongProbeMap map, int[] keys) {
            this.map = map;
            this.keys = keys.clone();
        }

        @Override public long lookupAll() {
            long sum = 0;
            for (int k : keys) sum += map.get(k);
            return sum;
        }

        @Override public long iterateAll() {
            long[] sum = {0};
            map.forEach((k, v) -> sum[0] += k + v);
            return sum[0];
        }

        @Override public int size() { return map.size(); }
    }

    private static final class HashMapAdapter implements IntMap {
        private final Integer[] keys;
        private final HashMap<Integer, Integer> map;

        HashMapAdapter(int[] raw) {
            keys = new Integer[raw.length];
            for (int i = 0; i < raw.length; i++) keys[i] = raw[i];
            map = fillHashMap(keys);
        }

        @Override public long lookupAll() {
            long sum = 0;
            for (Integer k : keys) sum += map.get(k);
            return sum;
        }

        @Override public long iterateAll() {
            long sum = 0;
            for (Map.Entry<Integer, Integer> e : map.entrySet()) sum += e.getKey() + e.getValue();
            return sum;
        }

        @Override public int size() { return map.size(); }
    }
}
