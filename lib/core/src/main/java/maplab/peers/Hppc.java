package maplab.peers;

import com.carrotsearch.hppc.IntIntHashMap;
import com.carrotsearch.hppc.LongLongHashMap;
import com.carrotsearch.hppc.ObjectObjectHashMap;
import com.carrotsearch.hppc.cursors.IntIntCursor;
import com.carrotsearch.hppc.cursors.LongLongCursor;
import com.carrotsearch.hppc.cursors.ObjectObjectCursor;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import maplab.subject.facade.IntMap;
import maplab.subject.facade.KeyedMap;
import maplab.subject.facade.LongFillTarget;

/**
 * HPPC (0.10, Carrot Search): linear probing over a phi mix; every iteration starts at a
 * seeded slot and steps by a seeded odd increment. Its object map is no {@code java.util.Map}.
 * Its adapters for key-order's {@link IntMap}, key-types' {@link KeyedMap} and merge's
 * {@link LongFillTarget}.
 */
public final class Hppc {

    private Hppc() { }

    /** {@code IntIntHashMap} filled with {@code keys} in array order (value = key). */
    public static IntMap intMap(int[] keys) {
        return new IntMapAdapter(keys);
    }

    /** {@code IntIntHashMap} holding {@code keys[i] -> i}, missing = -1. */
    public static KeyedMap intKeyedMap(int[] keys) {
        IntIntHashMap map = new IntIntHashMap();
        for (int i = 0; i < keys.length; i++) map.put(keys[i], i);
        return new KeyedMap.IntKeys(map, keys.clone(), k -> map.getOrDefault(k, -1), map::size);
    }

    /** {@code ObjectObjectHashMap} holding {@code key(keys[i]) -> i}; lookups use equal keys built apart. */
    public static KeyedMap objectKeyedMap(int[] keys, IntFunction<Object> key) {
        ObjectObjectHashMap<Object, Integer> map = new ObjectObjectHashMap<>();
        Object[] probes = new Object[keys.length];
        for (int i = 0; i < keys.length; i++) {
            map.put(key.apply(keys[i]), i);
            probes[i] = key.apply(keys[i]);
        }
        return new KeyedMap.ObjectKeys(map, probes, k -> map.getOrDefault(k, -1), map::size);
    }

    /** True for HPPC's object map, whose keys and values {@link #forEachKeyAndValue} visits. */
    public static boolean isObjectMap(Object map) {
        return map instanceof ObjectObjectHashMap<?, ?>;
    }

    /** Gives every key and every value of an HPPC {@code ObjectObjectHashMap} to {@code action}. */
    public static void forEachKeyAndValue(Object map, Consumer<Object> action) {
        for (ObjectObjectCursor<?, ?> c : (ObjectObjectHashMap<?, ?>) map) {
            action.accept(c.key);
            action.accept(c.value);
        }
    }

    /**
     * {@code LongLongHashMap}: linear probing over a fixed mixer, but every iteration starts at
     * a seeded slot and steps by a seeded odd increment (a new seed per iteration), so its
     * iteration order is a scrambled permutation of the slots.
     */
    public static final LongFillTarget LONG_MAP = new LongFillTarget() {
        @Override public long[] iterationOrder(long[] keys) {
            LongLongHashMap source = new LongLongHashMap();
            for (long k : keys) source.put(k, k);
            long[] out = new long[source.size()];
            int i = 0;
            for (LongLongCursor c : source) out[i++] = c.key;
            return out;
        }

        @Override public Object fill(long[] keys) {
            LongLongHashMap target = new LongLongHashMap();
            for (long k : keys) target.put(k, k);
            return target;
        }

        @Override public int size(Object filled) { return ((LongLongHashMap) filled).size(); }
    };

    private static final class IntMapAdapter implements IntMap {
        private final int[] keys;
        private final IntIntHashMap map = new IntIntHashMap();

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
            long sum = 0;
            for (IntIntCursor c : map) sum += c.key + c.value;   // one reused cursor
            return sum;
        }

        @Override public int size() { return map.size(); }
    }
}
