package maplab.peers;

import java.lang.reflect.Field;
import java.util.Map;
import maplab.subject.facade.IntMap;
import maplab.subject.facade.KeyedMap;
import maplab.subject.facade.LongFillTarget;
import org.eclipse.collections.impl.map.mutable.UnifiedMap;
import org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap;

/**
 * Eclipse Collections: primitive maps over an interleaved key/value array (a fixed spread,
 * a short linear probe then a second hash) and {@code UnifiedMap} (keys and values in one
 * array, colliding entries chained in small arrays). Its adapters for key-order's
 * {@link IntMap}, key-types' {@link KeyedMap}, merge's {@link LongFillTarget}, and the
 * {@code UnifiedMap} of collisions, presize and key-types.
 */
public final class EclipseCollections {

    private EclipseCollections() { }

    /** {@code IntIntHashMap} filled with {@code keys} in array order (value = key). */
    public static IntMap intMap(int[] keys) {
        return new IntMapAdapter(keys);
    }

    /** {@code IntIntHashMap} holding {@code keys[i] -> i}, missing = -1. */
    public static KeyedMap intKeyedMap(int[] keys) {
        IntIntHashMap map = new IntIntHashMap();
        for (int i = 0; i < keys.length; i++) map.put(keys[i], i);
        return new KeyedMap.IntKeys(map, keys.clone(), k -> map.getIfAbsent(k, -1), map::size);
    }

    /** {@code new UnifiedMap<>()}: chained in small arrays, grows from 16 entries (load factor 0.75). */
    public static <K, V> Map<K, V> unifiedMap() {
        return new UnifiedMap<>();
    }

    /** {@code new UnifiedMap<>(n)}: the argument counts entries (the table is sized for n / 0.75). */
    public static <K, V> Map<K, V> unifiedMap(int n) {
        return new UnifiedMap<>(n);
    }

    /** True for {@code UnifiedMap}, whose slots {@link #tableLength} reads. */
    public static boolean isUnifiedMap(Map<?, ?> map) {
        return map instanceof UnifiedMap<?, ?>;
    }

    /** Slots of a {@code UnifiedMap}: keys and values interleaved in one array named {@code table}, so half its length. */
    public static int tableLength(Map<?, ?> map) {
        try {
            Object table = TABLE.get(map.getClass()).get(map);
            return table == null ? 0 : java.lang.reflect.Array.getLength(table) / 2;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read the table of " + map.getClass().getName() + ": " + e.getMessage(), e);
        }
    }

    /** The {@code table} array field of the map class, found once per class. */
    private static final ClassValue<Field> TABLE = new ClassValue<>() {
        @Override protected Field computeValue(Class<?> type) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (f.getName().equals("table") && f.getType().isArray()) {
                        f.setAccessible(true);
                        return f;
                    }
                }
            }
            throw new IllegalArgumentException(type.getName() + " has no 'table' array");
        }
    };

    /**
     * {@code LongLongHashMap}: open addressing over an interleaved array, a fixed spread
     * function, a short linear probe then a second hash; iteration in slot order.
     */
    public static final LongFillTarget LONG_MAP = new LongFillTarget() {
        @Override public long[] iterationOrder(long[] keys) {
            LongLongHashMap source = new LongLongHashMap();
            for (long k : keys) source.put(k, k);
            long[] out = new long[source.size()];
            int[] i = {0};
            source.forEachKey(k -> out[i[0]++] = k);
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
            long[] sum = {0};
            map.forEachKeyValue((k, v) -> sum[0] += k + v);
            return sum[0];
        }

        @Override public int size() { return map.size(); }
    }
}
