package maplab.subject.concurrent;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;

/**
 * A {@code HashMap} guarded by a (non-fair) {@link ReentrantReadWriteLock}: reads share the
 * read lock, writes take the write lock.
 *
 * <p>Consistency: linearizable. Every operation runs under the lock, so each one sees all
 * writes that completed before it; {@link #size} is exact; {@link #forEach} holds the read
 * lock for the whole pass and sees one consistent state (writers wait until it ends).
 * Readers still write to the lock's shared state, so many readers contend on one cache line.
 *
 * <p>Locks are taken by spinning briefly ({@code tryLock}) before blocking, with exactly the
 * waiting policy of {@link StampedLockMap} ({@link SpinThenBlock}), so a comparison of the two
 * measures the lock type alone.
 */
public final class ReadWriteLockMap<K, V> implements SharedMap<K, V> {

    private final Map<K, V> map = new HashMap<>();
    private final Lock read;
    private final Lock write;

    public ReadWriteLockMap() {
        ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        this.read = lock.readLock();
        this.write = lock.writeLock();
    }

    @Override public V get(K key) {
        Objects.requireNonNull(key, "key");
        SpinThenBlock.lock(read);
        try {
            return map.get(key);
        } finally {
            read.unlock();
        }
    }

    @Override public boolean containsKey(K key) {
        Objects.requireNonNull(key, "key");
        SpinThenBlock.lock(read);
        try {
            return map.containsKey(key);
        } finally {
            read.unlock();
        }
    }

    @Override public int size() {
        SpinThenBlock.lock(read);
        try {
            return map.size();
        } finally {
            read.unlock();
        }
    }

    @Override public V put(K key, V value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        SpinThenBlock.lock(write);
        try {
            return map.put(key, value);
        } finally {
            write.unlock();
        }
    }

    @Override public V remove(K key) {
        Objects.requireNonNull(key, "key");
        SpinThenBlock.lock(write);
        try {
            return map.remove(key);
        } finally {
            write.unlock();
        }
    }

    /** Atomic: all entries become visible together. */
    @Override public void putAll(Map<? extends K, ? extends V> entries) {
        Map<? extends K, ? extends V> checked = NonNull.entries(entries);
        SpinThenBlock.lock(write);
        try {
            map.putAll(checked);
        } finally {
            write.unlock();
        }
    }

    @Override public void forEach(BiConsumer<? super K, ? super V> action) {
        SpinThenBlock.lock(read);
        try {
            map.forEach(action);
        } finally {
            read.unlock();
        }
    }
}
