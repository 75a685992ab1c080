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
 * way). Locks are taken with the waiting policy shared with {@link ReadWriteLockMap}
 * ({@link SpinThenBlock}). Not padded: {@link StampedLockMap} is compared with
 * {@link ReadWriteLockMap}, whose lock is not padded either; the sharded map's segments use
 * {@link Padded}. Package-private, so the lock methods it inherits are not part of anyone's API;
 * the guarantees are documented on {@link StampedLockMap}.
 */
@SuppressWarnings("serial")
class LockedHashMap<K, V> extends StampedLock implements SharedMap<K, V> {

    private static final BiFunction<Map<Object, Object>, Object, Object> GET = Map::get;
    private static final BiFunction<Map<Object, Object>, Object, Object> CONTAINS = Map::containsKey;
    private static final BiFunction<Map<Object, Object>, Object, Object> SIZE = (m, ignored) -> m.size();

    /**
     * A segment of {@link ShardedMap}: padded after the lock's state and the map reference, so
     * that neighbouring segments' locks (written on every put) and maps do not share a cache
     * line (false sharing between segments that the sharding is meant to keep apart). A single
     * lock has no such neighbours, so {@link StampedLockMap} does without.
     */
    @SuppressWarnings("serial")
    static final class Padded<K, V> extends LockedHashMap<K, V> {
        @SuppressWarnings("unused")
        private long pad1, pad2, pad3, pad4, pad5, pad6, pad7;
    }

    private final Map<K, V> map;

    LockedHashMap() {
        this(new HashMap<>());
    }

    /** {@code map} is allocated before this object, so it sits before the lock, not after it. */
    private LockedHashMap(Map<K, V> map) {
        this.map = map;
    }

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
        long readStamp = readStamp();
        try {
            return op.apply(m, key);
        } finally {
            unlockRead(readStamp);
        }
    }

    private long writeStamp() {
        return SpinThenBlock.writeLock(this);
    }

    private long readStamp() {
        return SpinThenBlock.readLock(this);
    }

    @Override public V put(K key, V value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        long stamp = writeStamp();
        try {
            return map.put(key, value);
        } finally {
            unlockWrite(stamp);
        }
    }

    @Override public V remove(K key) {
        Objects.requireNonNull(key, "key");
        long stamp = writeStamp();
        try {
            return map.remove(key);
        } finally {
            unlockWrite(stamp);
        }
    }

    /** Atomic: all entries become visible together. */
    @Override public void putAll(Map<? extends K, ? extends V> entries) {
        Map<? extends K, ? extends V> checked = NonNull.entries(entries);
        long stamp = writeStamp();
        try {
            map.putAll(checked);
        } finally {
            unlockWrite(stamp);
        }
    }

    @Override public void forEach(BiConsumer<? super K, ? super V> action) {
        long stamp = readStamp();
        try {
            map.forEach(action);
        } finally {
            unlockRead(stamp);
        }
    }
}
