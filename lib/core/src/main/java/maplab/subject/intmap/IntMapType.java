package maplab.subject.intmap;

import maplab.plan.EnumIds;
import it.unimi.dsi.fastutil.ints.Int2IntMap;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.ObjectIterator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import maplab.subject.probe.HashMode;
import maplab.subject.probe.LongProbeMap;
import maplab.subject.probe.ProbeConfig;

/**
 * The int-keyed maps compared by key-order; ids are parameter and JMH {@code @Param} values.
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
    KOLOBOKE("Koloboke HashIntIntMap");

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
            case FASTUTIL -> new FastutilAdapter(keys);
            case ECLIPSE -> new EclipseAdapter(keys);
            case HPPC -> new HppcAdapter(keys);
            case AGRONA -> new AgronaAdapter(keys);
            case KOLOBOKE -> new KolobokeAdapter(keys);
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

    private static final class FastutilAdapter implements IntMap {
        private final int[] keys;
        private final Int2IntOpenHashMap map = new Int2IntOpenHashMap();

        FastutilAdapter(int[] keys) {
            this.keys = keys.clone();
            for (int k : keys) map.put(k, k);
        }

        @Override public long lookupAll() {
            long sum = 0;
            for (int k : keys) sum += map.get(k);
            return sum;
        }

        @Override public long iterateAll() {
            long sum = 0;
            ObjectIterator<Int2IntMap.Entry> it = map.int2IntEntrySet().fastIterator();   // one reused entry: fastutil's fast path
            while (it.hasNext()) {
                Int2IntMap.Entry e = it.next();
                sum += e.getIntKey() + e.getIntValue();
            }
            return sum;
        }

        @Override public int size() { return map.size(); }
    }

    private static final class EclipseAdapter implements IntMap {
        private final int[] keys;
        private final org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap map =
                new org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap();

        EclipseAdapter(int[] keys) {
            this.keys = keys.clone();
            for (int k : keys) map.put(k, k);
        }

        @Override public long lookupAll() {
            long sum = 0;
            for (int k : keys) sum += map.get(k);
            return sum;
        }

        @Override public long iterateAll() {
            long[] sum = {0};
            map.forEachKeyValue((k, v) -> sum[0] += k + v);
            return sum[0];
        }

        @Override public int size() { return map.size(); }
    }

    private static final class HppcAdapter implements IntMap {
        private final int[] keys;
        private final com.carrotsearch.hppc.IntIntHashMap map = new com.carrotsearch.hppc.IntIntHashMap();

        HppcAdapter(int[] keys) {
            this.keys = keys.clone();
            for (int k : keys) map.put(k, k);
        }

        @Override public long lookupAll() {
            long sum = 0;
            for (int k : keys) sum += map.get(k);
            return sum;
        }

        @Override public long iterateAll() {
            long sum = 0;
            for (com.carrotsearch.hppc.cursors.IntIntCursor c : map) sum += c.key + c.value;   // one reused cursor
            return sum;
        }

        @Override public int size() { return map.size(); }
    }

    private static final class AgronaAdapter implements IntMap {
        private final int[] keys;
        private final org.agrona.collections.Int2IntHashMap map = new org.agrona.collections.Int2IntHashMap(Integer.MIN_VALUE);

        AgronaAdapter(int[] keys) {
            this.keys = keys.clone();
            for (int k : keys) map.put(k, k);
        }

        @Override public long lookupAll() {
            long sum = 0;
            for (int k : keys) sum += map.get(k);
            return sum;
        }

        @Override public long iterateAll() {
            long[] sum = {0};
            map.forEachInt((k, v) -> sum[0] += k + v);
            return sum[0];
        }

        @Override public int size() { return map.size(); }
    }

    private static final class KolobokeAdapter implements IntMap {
        private final int[] keys;
        private final com.koloboke.collect.map.hash.HashIntIntMap map = com.koloboke.collect.map.hash.HashIntIntMaps.newMutableMap();

        KolobokeAdapter(int[] keys) {
            this.keys = keys.clone();
            for (int k : keys) map.put(k, k);
        }

        @Override public long lookupAll() {
            long sum = 0;
            for (int k : keys) sum += map.get(k);
            return sum;
        }

        @Override public long iterateAll() {
            long sum = 0;
            com.koloboke.collect.map.IntIntCursor c = map.cursor();
            while (c.moveNext()) sum += c.key() + c.value();
            return sum;
        }

        @Override public int size() { return map.size(); }
    }
}
