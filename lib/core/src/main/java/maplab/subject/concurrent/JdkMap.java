package maplab.subject.concurrent;

import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * A JDK {@link Map} behind the facade, with its own guarantees: {@code HashMap} (none: for
 * one thread only), {@code Collections.synchronizedMap} (every call under one lock),
 * {@code ConcurrentHashMap} and {@code ConcurrentSkipListMap} (lock-free reads, weakly
 * consistent iteration). See {@link SharedMapType} for each one's consistency.
 */
final class JdkMap<K, V> implements SharedMap<K, V> {

    private final Map<K, V> map;

    JdkMap(Map<K, V> map) {
        this.map = map;
    }

    @Override public V get(K key) { return map.get(Objects.requireNonNull(key, "key")); }

    @Override public V put(K key, V value) {
        return map.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    }

    @Override public V remove(K key) { return map.remove(Objects.requireNonNull(key, "key")); }

    @Override public boolean containsKey(K key) { return map.containsKey(Objects.requireNonNull(key, "key")); }

    @Override public int size() { return map.size(); }

    @Override public void putAll(Map<? extends K, ? extends V> entries) {
        map.putAll(NonNull.entries(entries));
    }

    /**
     * {@code Map.forEach}: {@code HashMap}'s throws {@link java.util.ConcurrentModificationException}
     * when it notices a structural change (best effort); {@code synchronizedMap}'s holds the
     * map's lock for the whole pass; the concurrent maps' are weakly consistent and never throw.
     */
    @Override public void forEach(BiConsumer<? super K, ? super V> action) { map.forEach(action); }

    @Override public String toString() { return map.getClass().getSimpleName() + map; }
}
