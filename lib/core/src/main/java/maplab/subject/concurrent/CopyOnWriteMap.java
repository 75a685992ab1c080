package maplab.subject.concurrent;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

/**
 * A copy-on-write map: readers read an immutable snapshot (a {@code HashMap} that is never
 * changed after it is published) through one {@code volatile} field, without any lock;
 * writers, one at a time (serialised by a fair lock, in arrival order), copy the current
 * snapshot, change the copy and publish it with a single volatile write.
 *
 * <p>Consistency: linearizable. The volatile write publishes a completely built map, so a
 * reader never sees a partial copy or a half-written entry, and every read sees the latest
 * published snapshot. {@link #forEach} and {@link #size} work on one snapshot: a true
 * point-in-time view that never throws. {@link #putAll} is atomic (one copy, one swap).
 * Cost: every write copies the whole map (time and allocation grow with its size), so it
 * suits maps that are read far more often than written.
 */
public final class CopyOnWriteMap<K, V> implements SharedMap<K, V> {

    private volatile Map<K, V> snapshot = new HashMap<>();
    /**
     * Fair: writers copy in arrival order. A write holds the lock for a whole copy, so with an
     * unfair lock one writer can barge in again and again while another waits indefinitely.
     */
    private final ReentrantLock writeLock = new ReentrantLock(true);

    @Override public V get(K key) { return snapshot.get(Objects.requireNonNull(key, "key")); }

    @Override public boolean containsKey(K key) { return snapshot.containsKey(Objects.requireNonNull(key, "key")); }

    @Override public int size() { return snapshot.size(); }

    @Override public V put(K key, V value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        writeLock.lock();
        try {
            Map<K, V> next = new HashMap<>(snapshot);
            V previous = next.put(key, value);
            snapshot = next;
            return previous;
        } finally {
            writeLock.unlock();
        }
    }

    @Override public V remove(K key) {
        Objects.requireNonNull(key, "key");
        writeLock.lock();
        try {
            Map<K, V> current = snapshot;
            if (!current.containsKey(key)) return null;  // nothing changes: nothing to copy
            Map<K, V> next = new HashMap<>(current);
            V previous = next.remove(key);
            snapshot = next;
            return previous;
        } finally {
            writeLock.unlock();
        }
    }

    @Override public void putAll(Map<? extends K, ? extends V> entries) {
        Map<? extends K, ? extends V> checked = NonNull.entries(entries);
        writeLock.lock();
        try {
            Map<K, V> next = new HashMap<>(snapshot);
            next.putAll(checked);
            snapshot = next;
        } finally {
            writeLock.unlock();
        }
    }

    @Override public void forEach(BiConsumer<? super K, ? super V> action) { snapshot.forEach(action); }
}
