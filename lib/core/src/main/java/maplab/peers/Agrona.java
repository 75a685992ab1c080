package maplab.peers;

import java.util.Map;
import maplab.subject.facade.IntMap;
import maplab.subject.facade.KeyedMap;
import maplab.subject.facade.LongFillTarget;
import org.agrona.collections.Hashing;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Object2ObjectHashMap;

/**
 * Agrona (Real Logic): open addressing with linear probing over a fixed hash, load factor
 * 0.65; primitive maps keep keys and values interleaved and need a value that stands for
 * "absent". Its adapters for key-order's {@link IntMap}, key-types' {@link KeyedMap}, merge's
 * {@link LongFillTarget}, and the {@code Object2ObjectHashMap} of collisions, presize and
 * key-types.
 */
public final class Agrona {

    /** The "absent" value of the long maps; the keys' values are the keys, never this. */
    static final long MISSING = Long.MIN_VALUE;

    private Agrona() { }

    /** {@code Int2IntHashMap} filled with {@code keys} in array order (value = key). */
    public static IntMap intMap(int[] keys) {
        return new IntMapAdapter(keys);
    }

    /** {@code Int2IntHashMap} holding {@code keys[i] -> i}, missing = -1. */
    public static KeyedMap intKeyedMap(int[] keys) {
        Int2IntHashMap map = new Int2IntHashMap(-1);
        for (int i = 0; i < keys.length; i++) map.put(keys[i], i);
        return new KeyedMap.IntKeys(map, keys.clone(), map::get, map::size);
    }

    /** {@code new Object2ObjectHashMap<>()}: open addressing, 8 slots at load factor 0.65. */
    public static <K, V> Map<K, V> objectMap() {
        return new Object2ObjectHashMap<>();
    }

    /** {@code new Object2ObjectHashMap<>(n, 0.65f)}: the argument is slots, not entries. */
    public static <K, V> Map<K, V> objectMap(int n) {
        return new Object2ObjectHashMap<>(n, Hashing.DEFAULT_LOAD_FACTOR);
    }

    /** True for {@code Object2ObjectHashMap}, whose slots {@link #tableLength} reads. */
    public static boolean isObjectMap(Map<?, ?> map) {
        return map instanceof Object2ObjectHashMap<?, ?>;
    }

    /** Slots of an {@code Object2ObjectHashMap} (its public {@code capacity()}). */
    public static int tableLength(Map<?, ?> map) {
        return ((Object2ObjectHashMap<?, ?>) map).capacity();
    }

    /** {@code Long2LongHashMap}: linear probing over a fixed hash, load factor 0.65; iteration in slot order. */
    public static final LongFillTarget LONG_MAP = new LongFillTarget() {
        @Override public long[] iterationOrder(long[] keys) {
            Long2LongHashMap source = new Long2LongHashMap(MISSING);
            for (long k : keys) source.put(k, k);
            long[] out = new long[source.size()];
            int[] i = {0};
            source.forEachLong((k, v) -> out[i[0]++] = k);
            return out;
        }

        @Override public Object fill(long[] keys) {
            Long2LongHashMap target = new Long2LongHashMap(MISSING);
            for (long k : keys) target.put(k, k);
            return target;
        }

        @Override public int size(Object filled) { return ((Long2LongHashMap) filled).size(); }
    };

    private static final class IntMapAdapter implements IntMap {
        private final int[] keys;
        private final Int2IntHashMap map = new Int2IntHashMap(Integer.MIN_VALUE);

        IntMapAdapter(int[] keys) {
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
}
