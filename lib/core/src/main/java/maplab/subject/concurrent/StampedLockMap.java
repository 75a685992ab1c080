package maplab.subject.concurrent;

import java.util.Map;
import java.util.concurrent.locks.StampedLock;
import java.util.function.BiConsumer;

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
 * <p>Locks are taken by spinning briefly ({@code tryWriteLock}/{@code tryReadLock}) before
 * blocking, with exactly the waiting policy of {@link ReadWriteLockMap} ({@link SpinThenBlock}),
 * and neither lock is padded, so a comparison of the two measures the lock type alone.
 *
 * <p>Consistency: linearizable, like {@link ReadWriteLockMap}: a validated optimistic read
 * saw the state between two writes. {@link #size} is exact; {@link #forEach} holds the read
 * lock for the whole pass.
 */
public final class StampedLockMap<K, V> implements SharedMap<K, V> {

    private final LockedHashMap<K, V> map = new LockedHashMap<>();

    @Override public V get(K key) { return map.get(key); }

    @Override public boolean containsKey(K key) { return map.containsKey(key); }

    @Override public int size() { return map.size(); }

    @Override public V put(K key, V value) { return map.put(key, value); }

    @Override public V remove(K key) { return map.remove(key); }

    /** Atomic: all entries become visible together. */
    @Override public void putAll(Map<? extends K, ? extends V> entries) { map.putAll(entries); }

    /** Under the read lock for the whole pass. */
    @Override public void forEach(BiConsumer<? super K, ? super V> action) { map.forEach(action); }
}
