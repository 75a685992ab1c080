package maplab.peers;

import it.unimi.dsi.fastutil.Hash;
import it.unimi.dsi.fastutil.ints.Int2IntMap;
import it.unimi.dsi.fastutil.ints.Int2IntMaps;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntIterator;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import it.unimi.dsi.fastutil.objects.Object2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.objects.ObjectIterator;
import java.lang.reflect.Field;
import java.util.Map;
import maplab.subject.facade.IntMap;
import maplab.subject.facade.IterationMap;
import maplab.subject.facade.KeyedMap;
import maplab.subject.facade.LongFillTarget;
import maplab.subject.facade.PutGetMap;

/**
 * fastutil (it.unimi.dsi): open addressing over primitive arrays, linear probing, a fixed
 * phi-mix of the hash. Its adapters for every facade it takes part in: key-order's
 * {@link IntMap}, key-types' {@link KeyedMap}, iteration's {@link IterationMap}, gc's
 * {@link PutGetMap}, merge's {@link LongFillTarget}s, and the {@code Object2ObjectOpenHashMap}
 * of collisions and presize.
 */
public final class Fastutil {

    private Fastutil() { }

    /** {@code Int2IntOpenHashMap} filled with {@code keys} in array order (value = key). */
    public static IntMap intMap(int[] keys) {
        return new IntMapAdapter(keys);
    }

    /** {@code Int2IntOpenHashMap} holding {@code keys[i] -> i}, missing = -1. */
    public static KeyedMap intKeyedMap(int[] keys) {
        Int2IntOpenHashMap map = new Int2IntOpenHashMap();
        map.defaultReturnValue(-1);
        for (int i = 0; i < keys.length; i++) map.put(keys[i], i);
        return new KeyedMap.IntKeys(map, keys.clone(), map::get, map::size);
    }

    /** An empty default-constructed {@code Int2IntOpenHashMap} as an {@link IterationMap}. */
    public static IterationMap iterationMap() {
        return new IterationAdapter(new Int2IntOpenHashMap());
    }

    /** An empty default-sized {@code Int2IntOpenHashMap}: keys and values in two int arrays, no per-entry object. */
    public static PutGetMap putGetMap() {
        Int2IntOpenHashMap map = new Int2IntOpenHashMap();
        return new PutGetMap() {
            @Override public void put(int key, int value) { map.put(key, value); }
            @Override public int get(int key, int missing) { return map.getOrDefault(key, missing); }
            @Override public int size() { return map.size(); }
        };
    }

    /** {@code new Object2ObjectOpenHashMap<>()}: open addressing, grows from 16 expected entries. */
    public static <K, V> Map<K, V> objectMap() {
        return new Object2ObjectOpenHashMap<>();
    }

    /** {@code new Object2ObjectOpenHashMap<>(expected)}: the argument is the expected number of entries. */
    public static <K, V> Map<K, V> objectMap(int expected) {
        return new Object2ObjectOpenHashMap<>(expected);
    }

    /** {@code LongOpenHashSet}, {@code add} per key. */
    public static final LongFillTarget LONG_SET = new LongFillTarget() {
        @Override public long[] iterationOrder(long[] keys) {
            LongOpenHashSet source = new LongOpenHashSet();
            for (long k : keys) source.add(k);
            return source.toLongArray();
        }

        @Override public Object fill(long[] keys) {
            LongOpenHashSet target = new LongOpenHashSet();
            for (long k : keys) target.add(k);
            return target;
        }

        @Override public int size(Object filled) { return ((LongOpenHashSet) filled).size(); }
    };

    /** {@code Long2LongOpenHashMap}, {@code put} per key. */
    public static final LongFillTarget LONG_MAP = new LongFillTarget() {
        @Override public long[] iterationOrder(long[] keys) {
            Long2LongOpenHashMap source = new Long2LongOpenHashMap();
            for (long k : keys) source.put(k, k);
            return source.keySet().toLongArray();
        }

        @Override public Object fill(long[] keys) {
            Long2LongOpenHashMap target = new Long2LongOpenHashMap();
            for (long k : keys) target.put(k, k);
            return target;
        }

        @Override public int size(Object filled) { return ((Long2LongOpenHashMap) filled).size(); }
    };

    /** True for fastutil's open-hash maps, whose table length {@link #tableLength} reads. */
    public static boolean isOpenHash(Map<?, ?> map) {
        return map instanceof Hash;
    }

    /**
     * The slots of a fastutil open-hash map: the length of its {@code key} array (fastutil has
     * no public accessor; the array has one extra slot for the null key, which is not counted).
     */
    public static int tableLength(Map<?, ?> map) {
        try {
            Object keys = KEYS.get(map.getClass()).get(map);
            return keys == null ? 0 : java.lang.reflect.Array.getLength(keys) - 1;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read the key array of " + map.getClass().getName() + ": " + e.getMessage(), e);
        }
    }

    private static final ClassValue<Field> KEYS = new ClassValue<>() {
        @Override protected Field computeValue(Class<?> type) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                try {
                    Field f = c.getDeclaredField("key");
                    if (!f.getType().isArray()) continue;
                    f.setAccessible(true);
                    return f;
                } catch (NoSuchFieldException e) {
                    // look in the superclass
                }
            }
            throw new IllegalArgumentException(type.getName() + " has no 'key' array: not a fastutil open-hash map");
        }
    };

    private static final class IntMapAdapter implements IntMap {
        private final int[] keys;
        private final Int2IntOpenHashMap map = new Int2IntOpenHashMap();

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
            ObjectIterator<Int2IntMap.Entry> it = map.int2IntEntrySet().fastIterator();   // one reused entry: fastutil's fast path
            while (it.hasNext()) {
                Int2IntMap.Entry e = it.next();
                sum += e.getIntKey() + e.getIntValue();
            }
            return sum;
        }

        @Override public int size() { return map.size(); }
    }

    /** {@link Int2IntOpenHashMap} as an {@link IterationMap}: no boxing except in {@code forEach}, which takes a BiConsumer. */
    private static final class IterationAdapter implements IterationMap {

        private final Int2IntOpenHashMap map;

        IterationAdapter(Int2IntOpenHashMap map) {
            this.map = map;
        }

        @Override public void put(int key, int value) { map.put(key, value); }
        @Override public void remove(int key) { map.remove(key); }
        @Override public void clear() { map.clear(); }
        @Override public int size() { return map.size(); }

        @Override
        public long sumEntrySet() {
            long sum = 0;
            for (Int2IntMap.Entry e : Int2IntMaps.fastIterable(map)) sum += IterationMap.mix(e.getIntKey(), e.getIntValue());
            return sum;
        }

        @Override
        public long sumKeySetGet() {
            long sum = 0;
            for (IntIterator it = map.keySet().iterator(); it.hasNext(); ) {
                int k = it.nextInt();
                sum += IterationMap.mix(k, map.get(k));
            }
            return sum;
        }

        @Override
        public long sumForEach() {
            long[] sum = {0};
            map.forEach((k, v) -> sum[0] += IterationMap.mix(k, v));
            return sum[0];
        }

        @Override
        public Object[] snapshot() {
            return map.int2IntEntrySet().toArray();
        }

        @Override
        public long sumSnapshot(Object[] snapshot) {
            long sum = 0;
            for (Object o : snapshot) {
                Int2IntMap.Entry e = (Int2IntMap.Entry) o;
                sum += IterationMap.mix(e.getIntKey(), e.getIntValue());
            }
            return sum;
        }

        /** The copy constructor sizes the new table for the current entries. */
        @Override public IterationMap copy() { return new IterationAdapter(new Int2IntOpenHashMap(map)); }

        /** fastutil's own remedy: {@code trim()} rehashes in place into the smallest table for the entries. */
        @Override
        public IterationMap rebuild() {
            map.trim();
            return this;
        }

        @Override public Object unwrap() { return map; }
    }
}
