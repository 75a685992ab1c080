package maplab.subject.jdk;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import maplab.peers.Agrona;
import maplab.peers.EclipseCollections;
import maplab.peers.Fastutil;

/**
 * The bucket-array length of a hash map, for counting resizes: {@code HashMap} and
 * {@code LinkedHashMap} through {@link HashMapInternals}, {@code ConcurrentHashMap} through
 * {@link ConcurrentHashMapInternals}, and the peer libraries' maps through their own classes
 * in {@code maplab.peers} (fastutil's open-hash maps, Eclipse's {@code UnifiedMap}, Agrona's
 * {@code Object2ObjectHashMap}).
 */
public final class TableLength {

    private TableLength() { }

    /** The number of buckets (slots) the map's table has now; 0 when it has none yet. */
    public static int of(Map<?, ?> map) {
        if (map instanceof HashMap<?, ?> h) return HashMapInternals.tableLength(h);
        if (map instanceof ConcurrentHashMap<?, ?> c) return ConcurrentHashMapInternals.tableLength(c);
        if (Fastutil.isOpenHash(map)) return Fastutil.tableLength(map);
        if (Agrona.isObjectMap(map)) return Agrona.tableLength(map);
        if (EclipseCollections.isUnifiedMap(map)) return EclipseCollections.tableLength(map);
        throw new IllegalArgumentException("table length: unsupported map " + map.getClass().getName()
                + "; supported: HashMap, LinkedHashMap, ConcurrentHashMap, fastutil open-hash maps, Eclipse UnifiedMap,"
                + " Agrona Object2ObjectHashMap");
    }
}
