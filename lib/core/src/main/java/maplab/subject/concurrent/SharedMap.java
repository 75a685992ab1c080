package maplab.subject.concurrent;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The facade of every map that sync-variants and races compare: the few operations they
 * need, so that a JDK map and our own concurrent designs are measured through the same calls.
 * {@link SharedMapType} names the implementations.
 *
 * <p>Shared contract (checked against {@code HashMap} by the contract test): used from one
 * thread, every implementation behaves like {@code HashMap}; {@code null} keys and values are
 * rejected with {@link NullPointerException} by all of them (ConcurrentHashMap and
 * ConcurrentSkipListMap cannot store null, so none does). What a reader sees while other
 * threads write, and what {@link #forEach} and {@link #size} mean then, is each
 * implementation's own guarantee and is stated in its Javadoc.
 */
public interface SharedMap<K, V> extends AutoCloseable {

    /**
     * Any {@link Map} behind the facade, with no synchronization added: for racing a map that
     * is not thread-safe (a presized {@code HashMap}, maplab's own maps) as the races experiment does.
     */
    static <K, V> SharedMap<K, V> of(Map<K, V> map) {
        return new JdkMap<>(map);
    }

    /** The value for {@code key}, or null. */
    V get(K key);

    /** Maps {@code key} to {@code value}; returns the previous value, or null. */
    V put(K key, V value);

    /** Removes {@code key}; returns its value, or null. */
    V remove(K key);

    boolean containsKey(K key);

    /** The number of entries (see each implementation for its meaning under concurrent writes). */
    int size();

    /** Puts every entry (atomically only where the implementation says so). */
    void putAll(Map<? extends K, ? extends V> entries);

    /** Visits every entry (consistency and failure on concurrent writes: see each implementation). */
    void forEach(BiConsumer<? super K, ? super V> action);

    /** A copy of the contents as a {@code HashMap}, made with {@link #forEach}. */
    default Map<K, V> copy() {
        Map<K, V> out = new HashMap<>();
        forEach(out::put);
        return out;
    }

    /** Releases threads the map owns (only the single-writer map has one); idempotent. */
    @Override
    default void close() { }
}
