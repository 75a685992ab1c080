package maplab.subject.keys;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import maplab.peers.Agrona;
import maplab.peers.EclipseCollections;
import maplab.peers.Fastutil;
import maplab.peers.Guava;
import maplab.peers.Hppc;
import maplab.peers.Koloboke;
import maplab.plan.EnumIds;
import maplab.subject.facade.KeyedMap;

/**
 * The maps key-types compares: JDK maps with boxed keys of several types, primitive int maps
 * from fastutil, Eclipse Collections, HPPC, Agrona and Koloboke, the object maps of Eclipse,
 * HPPC and Agrona with Integer keys, and Guava's read-only {@code ImmutableMap}. (Koloboke's
 * {@code HashObjObjMap} is left out: filled with the Integer keys 0..n-1 it took seconds at
 * 50,000 entries and grew quadratically, which no run of this size can afford.) All are default-constructed and grown by
 * inserting, as most code does. The constants are the JMH {@code @Param} values of
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
    ECLIPSE_INT("Eclipse IntIntHashMap", KeyType.INT, null),
    /** HPPC {@code IntIntHashMap}: two int arrays, no objects per entry. */
    HPPC_INT("HPPC IntIntHashMap", KeyType.INT, null),
    /** Agrona {@code Int2IntHashMap}: one interleaved int array at load factor 0.65. */
    AGRONA_INT("Agrona Int2IntHashMap", KeyType.INT, null),
    /** Koloboke {@code HashIntIntMap}: one interleaved key/value array. */
    KOLOBOKE_INT("Koloboke HashIntIntMap", KeyType.INT, null),
    /** Eclipse Collections {@code UnifiedMap}: keys and values in one array, colliding entries in small chained arrays; boxed keys. */
    ECLIPSE_UNIFIED_INTEGER("Eclipse UnifiedMap<Integer,Integer>", KeyType.INTEGER, EclipseCollections::unifiedMap),
    /** HPPC {@code ObjectObjectHashMap}: open addressing over two Object arrays; boxed keys. */
    HPPC_OBJECT_INTEGER("HPPC ObjectObjectHashMap<Integer,Integer>", KeyType.INTEGER, null),
    /** Agrona {@code Object2ObjectHashMap}: open addressing over one interleaved Object array; boxed keys. */
    AGRONA_OBJECT_INTEGER("Agrona Object2ObjectHashMap<Integer,Integer>", KeyType.INTEGER, Agrona::objectMap),
    /** Guava {@code ImmutableMap.copyOf} of a filled HashMap: a read-only map built once (entries, a hash table, insertion order kept). */
    GUAVA_IMMUTABLE_INTEGER("Guava ImmutableMap<Integer,Integer>", KeyType.INTEGER, null),
    /**
     * A HashMap of a user's key type ({@link KeySource}): the stand-in constant of {@code KeyTypeBench}'s
     * subject, whose {@code user} {@code @Param} names the class ({@link EnumIds#USER}: no parameter value of its own).
     */
    USER("HashMap of a user's key type", null, null);

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
            case FASTUTIL_INT -> Fastutil.intKeyedMap(keys);
            case ECLIPSE_INT -> EclipseCollections.intKeyedMap(keys);
            case HPPC_INT -> Hppc.intKeyedMap(keys);
            case AGRONA_INT -> Agrona.intKeyedMap(keys);
            case KOLOBOKE_INT -> Koloboke.intKeyedMap(keys);
            case HPPC_OBJECT_INTEGER -> Hppc.objectKeyedMap(keys, keyType::key);
            case GUAVA_IMMUTABLE_INTEGER -> Guava.immutableKeyedMap(keys, keyType::key);
            case USER -> throw new IllegalStateException("subject: a user's key type is made from its class (UserSubject.newInstance), not from " + this);
            default -> {
                Map<Object, Integer> map = jdkMap.get();
                Object[] probes = new Object[keys.length];
                for (int i = 0; i < keys.length; i++) {
                    map.put(keyType.key(keys[i]), i);
                    probes[i] = keyType.key(keys[i]);
                }
                yield new KeyedMap.BoxedKeys(map, probes);
            }
        };
    }

    public String label() { return label; }

    /** True for the maps of the peer libraries (Eclipse Collections, HPPC, Agrona, Koloboke, Guava). */
    public boolean isPeer() {
        return ordinal() >= ECLIPSE_INT.ordinal() && this != USER;
    }

    public KeyType keyType() { return keyType; }

    public String id() { return EnumIds.id(this); }

    public static List<String> ids() {
        return EnumIds.ids(KeyedMapKind.class);
    }

    public static KeyedMapKind parse(String id) {
        return EnumIds.parse(KeyedMapKind.class, "subject", id);
    }
}
