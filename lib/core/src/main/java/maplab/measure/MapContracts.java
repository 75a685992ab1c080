package maplab.measure;

import java.util.Collections;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the JDK's maps do at the edges of their contracts, counted in process: whether
 * {@code put(k, null)} keeps the key (a null value is not a delete) or is refused, and whether
 * read-only maps ({@code Map.of}, {@code Collections.unmodifiableMap}, ...) and a null
 * {@code Map} reference answer reads and refuse writes. Exact counts; nothing here is timed.
 */
public final class MapContracts {

    /** The key {@link #nullValues} puts null under and the one it removes. */
    static final String NULLED = "a", REMOVED = "b";
    /** What getOrDefault is asked to return when the key is absent. */
    static final String DEFAULT = "default";

    private MapContracts() { }

    /**
     * One map after {@code put("a", null)} and {@code remove("b")}, starting from {@code {a=A, b=B}}.
     *
     * @param putNullThrew        put(k, null) threw (the map refuses null values)
     * @param containsAfterPutNull containsKey(k) after put(k, null)
     * @param sizeAfterPutNull    size() after put(k, null)
     * @param defaultAfterPutNull getOrDefault(k, d) returned d after put(k, null)
     * @param containsAfterRemove containsKey(k) after remove(k)
     * @param sizeAfterRemove     size() after both
     */
    public record NullValue(String map, boolean putNullThrew, boolean containsAfterPutNull, int sizeAfterPutNull,
                            boolean defaultAfterPutNull, boolean containsAfterRemove, int sizeAfterRemove) { }

    /** Entries in each map before {@link #nullValues} changes it. */
    public static final int NULL_VALUE_ENTRIES = 2;

    /** The maps {@link #nullValues} tries, by name, each made empty. */
    static final Map<String, Supplier<Map<String, String>>> MUTABLE_MAPS = mutableMaps();

    private static Map<String, Supplier<Map<String, String>>> mutableMaps() {
        Map<String, Supplier<Map<String, String>>> m = new LinkedHashMap<>();
        m.put("HashMap", HashMap::new);
        m.put("LinkedHashMap", LinkedHashMap::new);
        m.put("TreeMap", TreeMap::new);
        m.put("WeakHashMap", WeakHashMap::new);
        m.put("IdentityHashMap", IdentityHashMap::new);
        m.put("Hashtable", Hashtable::new);
        m.put("ConcurrentHashMap", ConcurrentHashMap::new);
        m.put("ConcurrentSkipListMap", ConcurrentSkipListMap::new);
        return Collections.unmodifiableMap(m);
    }

    /** The names of the maps {@link #nullValues} tries, in its order. */
    public static List<String> nullValueMaps() {
        return List.copyOf(MUTABLE_MAPS.keySet());
    }

    /** put(k, null) against remove(k) on every map of {@link #nullValueMaps}. */
    public static List<NullValue> nullValues() {
        return MUTABLE_MAPS.entrySet().stream().map(e -> nullValue(e.getKey(), e.getValue().get())).toList();
    }

    private static NullValue nullValue(String name, Map<String, String> map) {
        map.put(NULLED, "A");   // the literals are interned, so IdentityHashMap finds them too
        map.put(REMOVED, "B");
        boolean threw = false;
        try {
            map.put(NULLED, null);
        } catch (NullPointerException e) {
            threw = true;
        }
        boolean contains = map.containsKey(NULLED);
        int size = map.size();
        boolean gaveDefault = DEFAULT.equals(map.getOrDefault(NULLED, DEFAULT));
        map.remove(REMOVED);
        return new NullValue(name, threw, contains, size, gaveDefault, map.containsKey(REMOVED), map.size());
    }

    /**
     * One read-only map (or the null reference): of {@link #READS} reads how many threw, of
     * {@link #WRITES} writes how many threw and how many of those were UnsupportedOperationException.
     */
    public record ReadOnly(String map, int entries, int readsThrown, int writesThrown, int writesUnsupported, boolean putUnsupported) { }

    /** The reads tried: get, containsKey, size, getOrDefault, forEach. */
    public static final int READS = 5;
    /** The writes tried: put, remove, clear, putAll, computeIfAbsent. */
    public static final int WRITES = 5;
    /** The name of the null {@code Map} reference in {@link #readOnly}. */
    public static final String NULL_REFERENCE = "null reference";

    /** Read-only maps by name, then the null reference; each tried with {@link #READS} reads and {@link #WRITES} writes. */
    public static List<ReadOnly> readOnly() {
        Map<String, Map<String, String>> maps = new LinkedHashMap<>();
        maps.put("Map.of(a, b, c)", Map.of("a", "A", "b", "B", "c", "C"));
        maps.put("Map.of()", Map.of());
        maps.put("Map.copyOf", Map.copyOf(new HashMap<>(Map.of("a", "A", "b", "B", "c", "C"))));
        maps.put("Collections.unmodifiableMap", Collections.unmodifiableMap(new HashMap<>(Map.of("a", "A", "b", "B", "c", "C"))));
        maps.put("Collections.emptyMap", Collections.emptyMap());
        maps.put(NULL_REFERENCE, null);
        return maps.entrySet().stream().map(e -> readOnly(e.getKey(), e.getValue())).toList();
    }

    private static ReadOnly readOnly(String name, Map<String, String> map) {
        List<Consumer<Map<String, String>>> reads = List.of(m -> m.get("a"), m -> m.containsKey("a"), Map::size,
                m -> m.getOrDefault("z", DEFAULT), m -> m.forEach((k, v) -> { }));
        List<Consumer<Map<String, String>>> writes = List.of(m -> m.put("z", "Z"), m -> m.remove("a"), Map::clear,
                m -> m.putAll(Map.of("y", "Y")), m -> m.computeIfAbsent("x", k -> "X"));
        int readsThrown = 0, writesThrown = 0, unsupported = 0;
        for (Consumer<Map<String, String>> r : reads) if (thrown(r, map) != null) readsThrown++;
        boolean putUnsupported = false;
        for (int i = 0; i < writes.size(); i++) {
            RuntimeException e = thrown(writes.get(i), map);
            if (e != null) writesThrown++;
            if (e instanceof UnsupportedOperationException) {
                unsupported++;
                if (i == 0) putUnsupported = true;
            }
        }
        return new ReadOnly(name, map == null ? 0 : map.size(), readsThrown, writesThrown, unsupported, putUnsupported);
    }

    /** What {@code op} threw on {@code map}, or null when it returned. */
    private static RuntimeException thrown(Consumer<Map<String, String>> op, Map<String, String> map) {
        try {
            op.accept(map);
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
