package maplab.subject.jdk;

import it.unimi.dsi.fastutil.Hash;
import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bucket-array length of a hash map, for counting resizes: {@code HashMap} and
 * {@code LinkedHashMap} through {@link HashMapInternals}, {@code ConcurrentHashMap} through
 * {@link ConcurrentHashMapInternals}, and fastutil's open-hash maps from the length of their
 * {@code key} array (fastutil has no public accessor; the array has one extra slot for the
 * null key, which is not counted).
 */
public final class TableLength {

    private static final ClassValue<Field> FASTUTIL_KEYS = new ClassValue<>() {
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

    private TableLength() { }

    /** The number of buckets (slots) the map's table has now; 0 when it has none yet. */
    public static int of(Map<?, ?> map) {
        if (map instanceof HashMap<?, ?> h) return HashMapInternals.tableLength(h);
        if (map instanceof ConcurrentHashMap<?, ?> c) return ConcurrentHashMapInternals.tableLength(c);
        if (map instanceof Hash) return fastutil(map);
        if (map instanceof org.agrona.collections.Object2ObjectHashMap<?, ?> a) return a.capacity();
        if (map instanceof org.eclipse.collections.impl.map.mutable.UnifiedMap<?, ?>) return interleaved(map);
        throw new IllegalArgumentException("table length: unsupported map " + map.getClass().getName()
                + "; supported: HashMap, LinkedHashMap, ConcurrentHashMap, fastutil open-hash maps, Eclipse UnifiedMap,"
                + " Agrona Object2ObjectHashMap");
    }

    /** The {@code table} array field of an interleaved map class, found once per class. */
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
     * Slots of a map that keeps keys and values interleaved in one array named {@code table}
     * (Eclipse's {@code UnifiedMap}): half the array's length.
     */
    private static int interleaved(Map<?, ?> map) {
        try {
            Object table = TABLE.get(map.getClass()).get(map);
            return table == null ? 0 : java.lang.reflect.Array.getLength(table) / 2;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read the table of " + map.getClass().getName() + ": " + e.getMessage(), e);
        }
    }

    private static int fastutil(Map<?, ?> map) {
        try {
            Object keys = FASTUTIL_KEYS.get(map.getClass()).get(map);
            return keys == null ? 0 : java.lang.reflect.Array.getLength(keys) - 1;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read the key array of " + map.getClass().getName() + ": " + e.getMessage(), e);
        }
    }
}
