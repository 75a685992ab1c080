package maplab.subject.concurrent;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.StampedLock;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * The implementation of {@link StampedLockMap} and of each {@link ShardedMap} segment: a
 * {@code HashMap} and the {@link StampedLock} that guards it, in one object (the lock's state
 * and the map's reference share a cache line, one pointer hop fewer per operation than a map
 * that holds a separate lock; Java 7's ConcurrentHashMap segments extended their lock the same
 * way). Package-private, so the lock methods it inherits are not part of anyone's API; the
 * guarantees are documented on {@link StampedLockMap}.
 */
@SuppressWarnings("serial")
final class LockedHashMap<K, V> extends StampedLock implements SharedMap<K, V> {

    private static final BiFunction<Map<Object, Object>, Object, Object> GET = Map::get;
    private static final BiFunction<Map<Object, Object>, Object, Object> CONTAINS = Map::containsKey;
    private static final BiFunction<Map<Object, Object>, Object, Object> SIZE = (m, ignored) -> m.size();

    private final Map<K, V> map = new HashMap<>();

    @SuppressWarnings("unchecked")
    @Override public V get(K key) {
        return (V) read(GET, Objects.requireNonNull(key, "key"));
    }

    @Override public boolean containsKey(K key) {
        return (Boolean) read(CONTAINS, Objects.requireNonNull(key, "key"));
    }

    @Override public int size() {
        return (Integer) read(SIZE, null);
    }

    /** One read: optimistic first, validated; under the read lock when that failed or threw. */
    @SuppressWarnings("unchecked")
    private Object read(BiFunction<Map<Object, Object>, Object, Object> op, Object key) {
        Map<Object, Object> m = (Map<Object, Object>) map;
        long stamp = tryOptimisticRead();
        if (stamp != 0L) {
            try {
                Object result = op.apply(m, key);
                if (validate(stamp)) return result;
            } catch (RuntimeException | StackOverflowError racedWithWriter) {
                // A writer changed the map under the optimistic read: repeat it under the read lock.
            }
        }
        long readStamp = readLock();
        try {
            return op.apply(m, key);
        } finally {
            unlockRead(readStamp);
        }
    }

    @Override public V put(K key, V value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        long stamp = writeLock();
        try {
            return map.put(key, value);
        } finally {
            unlockWrite(stamp);
        }
    }

    @Override public V remove(K key) {
        Objects.requireNonNull(key, "key");
        long stamp = writeLock();
        try {
            return map.remove(key);
        } finally {
            unlockWrite(stamp);
        }
    }

    /** Atomic: all entries become visible together. */
    @Override public void putAll(Map<? extends K, ? extends V> entries) {
        Map<? extends K, ? extends V> checked = NonNull.entries(entries);
        long stamp = writeLock();
        try {
            map.putAll(checked);
        } finally {
            unlockWrite(stamp);
        }
    }

    @Override public void forEach(BiConsumer<? super K, ? super V> action) {
        long stamp = readLock();
        try {
            map.forEach(action);
        } finally {
            unlockRead(stamp);
        }
    }
}
