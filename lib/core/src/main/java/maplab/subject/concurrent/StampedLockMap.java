package maplab.subject.concurrent;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.StampedLock;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * A {@code HashMap} guarded by a {@link StampedLock}: reads first try an <em>optimistic</em>
 * read (no write to shared memory at all), validate the stamp afterwards, and fall back to
 * the read lock when a writer got in between; writes take the write lock.
 *
 * <p>The optimistic read runs {@code HashMap} code while a writer may be changing the map, so
 * it is written defensively: its result is used only after {@link StampedLock#validate}
 * succeeds, and any exception it throws (a resize or a tree-bin rotation seen half done can
 * throw, e.g. {@code NullPointerException}, {@code ClassCastException}, or a
 * {@code StackOverflowError} in a tree bin) is taken as "a writer interfered" and the read is
 * repeated under the read lock, where a genuine exception (a key whose {@code hashCode}
 * throws) is thrown again. With one writer at a time a bin's list only ever links older nodes
 * to newer ones, so an optimistic walk of a list ends; tree bins (many colliding keys) could
 * in principle show a transient cycle to a racing reader, which is why the design keeps the
 * validate-then-fall-back discipline rather than trusting a read that returned.
 *
 * <p>Consistency: linearizable, like {@link ReadWriteLockMap}: a validated optimistic read
 * saw the state between two writes. {@link #size} is exact; {@link #forEach} holds the read
 * lock for the whole pass.
 */
public final class StampedLockMap<K, V> implements SharedMap<K, V> {

    private static final BiFunction<Map<Object, Object>, Object, Object> GET = Map::get;
    private static final BiFunction<Map<Object, Object>, Object, Object> CONTAINS = Map::containsKey;
    private static final BiFunction<Map<Object, Object>, Object, Object> SIZE = (m, ignored) -> m.size();

    private final Map<K, V> map = new HashMap<>();
    private final StampedLock lock = new StampedLock();

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
        long stamp = lock.tryOptimisticRead();
        if (stamp != 0L) {
            try {
                Object result = op.apply(m, key);
                if (lock.validate(stamp)) return result;
            } catch (RuntimeException | StackOverflowError racedWithWriter) {
                // A writer changed the map under the optimistic read: repeat it under the read lock.
            }
        }
        long readStamp = lock.readLock();
        try {
            return op.apply(m, key);
        } finally {
            lock.unlockRead(readStamp);
        }
    }

    @Override public V put(K key, V value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        long stamp = lock.writeLock();
        try {
            return map.put(key, value);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    @Override public V remove(K key) {
        Objects.requireNonNull(key, "key");
        long stamp = lock.writeLock();
        try {
            return map.remove(key);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Atomic: all entries become visible together. */
    @Override public void putAll(Map<? extends K, ? extends V> entries) {
        Map<? extends K, ? extends V> checked = NonNull.entries(entries);
        long stamp = lock.writeLock();
        try {
            map.putAll(checked);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    @Override public void forEach(BiConsumer<? super K, ? super V> action) {
        long stamp = lock.readLock();
        try {
            map.forEach(action);
        } finally {
            lock.unlockRead(stamp);
        }
    }
}
