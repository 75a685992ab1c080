package maplab.peers;

import com.koloboke.collect.map.IntIntCursor;
import com.koloboke.collect.map.hash.HashIntIntMap;
import com.koloboke.collect.map.hash.HashIntIntMaps;
import com.koloboke.collect.map.hash.HashLongLongMap;
import com.koloboke.collect.map.hash.HashLongLongMaps;
import com.koloboke.collect.map.hash.HashObjObjMaps;
import java.util.Map;
import maplab.subject.facade.IntMap;
import maplab.subject.facade.KeyedMap;
import maplab.subject.facade.LongFillTarget;

/**
 * Koloboke (1.0.0, its last release, 2016): linear probing over a mixed hash, one interleaved
 * key/value array. Its adapters for key-order's {@link IntMap}, key-types' {@link KeyedMap},
 * merge's {@link LongFillTarget}, and the {@code HashObjObjMap} of collisions (left out of
 * presize and key-types: filled with the Integer keys 0..n-1 it grew quadratically).
 */
public final class Koloboke {

    private Koloboke() { }

    /** {@code HashIntIntMap} filled with {@code keys} in array order (value = key). */
    public static IntMap intMap(int[] keys) {
        return new IntMapAdapter(keys);
    }

    /** {@code HashIntIntMap} holding {@code keys[i] -> i}, missing = -1. */
    public static KeyedMap intKeyedMap(int[] keys) {
        HashIntIntMap map = HashIntIntMaps.newMutableMap();
        for (int i = 0; i < keys.length; i++) map.put(keys[i], i);
        return new KeyedMap.IntKeys(map, keys.clone(), k -> map.getOrDefault(k, -1), map::size);
    }

    /** A new mutable {@code HashObjObjMap}. */
    public static <K, V> Map<K, V> objectMap() {
        return HashObjObjMaps.newMutableMap();
    }

    /** {@code HashLongLongMap}: linear probing over a mixed hash; iteration by its cursor. */
    public static final LongFillTarget LONG_MAP = new LongFillTarget() {
        @Override public long[] iterationOrder(long[] keys) {
            HashLongLongMap source = HashLongLongMaps.newMutableMap();
            for (long k : keys) source.put(k, k);
            long[] out = new long[source.size()];
            int[] i = {0};
            source.forEach((long k, long v) -> out[i[0]++] = k);
            return out;
        }

        @Override public Object fill(long[] keys) {
            HashLongLongMap target = HashLongLongMaps.newMutableMap();
            for (long k : keys) target.put(k, k);
            return target;
        }

        @Override public int size(Object filled) { return ((HashLongLongMap) filled).size(); }
    };

    private static final class IntMapAdapter implements IntMap {
        private final int[] keys;
        private final HashIntIntMap map = HashIntIntMaps.newMutableMap();

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
            IntIntCursor c = map.cursor();
            while (c.moveNext()) sum += c.key() + c.value();
            return sum;
        }

        @Override public int size() { return map.size(); }
    }
}
