package maplab.subject.keys;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import maplab.subject.EnumIds;
import org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap;

/**
 * The maps key-types compares: JDK maps with boxed keys of several types, and primitive int
 * maps from fastutil and Eclipse Collections. All are default-constructed and grown by
 * inserting, as most code does. The ids are the JMH {@code @Param} values of
 * {@code KeyTypeBench}.
 */
public enum KeyedMapKind {
    HASHMAP_INTEGER("HashMap<Integer,Integer>", KeyType.INTEGER, HashMap::new),
    HASHMAP_LONG("HashMap<Long,Integer>", KeyType.LONG, HashMap::new),
    HASHMAP_STRING("HashMap<String,Integer>", KeyType.STRING, HashMap::new),
    HASHMAP_RECORD("HashMap<record,Integer>", KeyType.RECORD, HashMap::new),
    LINKEDHASHMAP_INTEGER("LinkedHashMap<Integer,Integer>", KeyType.INTEGER, LinkedHashMap::new),
    TREEMAP_INTEGER("TreeMap<Integer,Integer>", KeyType.INTEGER, TreeMap::new),
    CHM_INTEGER("ConcurrentHashMap<Integer,Integer>", KeyType.INTEGER, ConcurrentHashMap::new),
    /** fastutil {@code Int2IntOpenHashMap}: two int arrays, no objects per entry. */
    FASTUTIL_INT("fastutil Int2IntOpenHashMap", KeyType.INT, null),
    /** Eclipse Collections {@code IntIntHashMap}: an interleaved int array, no objects per entry. */
    ECLIPSE_INT("Eclipse IntIntHashMap", KeyType.INT, null);

    private final String label;
    private final KeyType keyType;
    private final Supplier<Map<Object, Integer>> jdkMap;

    KeyedMapKind(String label, KeyType keyType, Supplier<Map<Object, Integer>> jdkMap) {
        this.label = label;
        this.keyType = keyType;
        this.jdkMap = jdkMap;
    }

    /** A map holding {@code keys[i] -> i} for every i, with lookup keys built separately. */
    public KeyedMap build(int[] keys) {
        return switch (this) {
            case FASTUTIL_INT -> {
                Int2IntOpenHashMap map = new Int2IntOpenHashMap();
                map.defaultReturnValue(-1);
                for (int i = 0; i < keys.length; i++) map.put(keys[i], i);
                yield new PrimitiveKeyedMap(map, keys.clone(), map::get, map::size);
            }
            case ECLIPSE_INT -> {
                IntIntHashMap map = new IntIntHashMap();
                for (int i = 0; i < keys.length; i++) map.put(keys[i], i);
                yield new PrimitiveKeyedMap(map, keys.clone(), k -> map.getIfAbsent(k, -1), map::size);
            }
            default -> {
                Map<Object, Integer> map = jdkMap.get();
                Object[] probes = new Object[keys.length];
                for (int i = 0; i < keys.length; i++) {
                    map.put(keyType.key(keys[i]), i);
                    probes[i] = keyType.key(keys[i]);
                }
                yield new BoxedKeyedMap(map, probes);
            }
        };
    }

    public String label() { return label; }

    public KeyType keyType() { return keyType; }

    public String id() { return EnumIds.id(this); }

    public static List<String> ids() {
        return EnumIds.ids(KeyedMapKind.class);
    }

    public static KeyedMapKind parse(String id) {
        return EnumIds.parse(KeyedMapKind.class, "subject", id);
    }

    /** A JDK map with boxed keys; lookups use equal key objects built apart from the inserted ones. */
    private record BoxedKeyedMap(Map<Object, Integer> map, Object[] probes) implements KeyedMap {
        @Override public int lookup(int i) {
            Integer v = map.get(probes[i]);
            return v == null ? -1 : v;
        }

        @Override public int size() { return map.size(); }
    }

    /** A primitive int map; lookups use the int keys. */
    private record PrimitiveKeyedMap(Object map, int[] probes, java.util.function.IntUnaryOperator get,
                                     java.util.function.IntSupplier sizer) implements KeyedMap {
        @Override public int lookup(int i) { return get.applyAsInt(probes[i]); }
        @Override public int size() { return sizer.getAsInt(); }
    }
}
