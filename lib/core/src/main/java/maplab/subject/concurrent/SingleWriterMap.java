package maplab.subject.concurrent;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * A single-writer map: every write is queued to one owner thread (like sending it down a
 * channel), which applies writes one at a time, in queue order; no other thread ever writes
 * the data. Readers do not go through the owner: they read the map the owner
 * <em>publishes into</em>, a {@link ConcurrentHashMap} that only the owner writes.
 *
 * <p>Why this split: reads through the owner would turn every {@code get} into two thread
 * hand-offs; a freshly copied snapshot per write would make every write cost the whole map
 * (that is {@link CopyOnWriteMap}). A concurrent map written by one thread keeps reads
 * lock-free and writes free of writer-writer contention, at the price of a hand-off per write.
 *
 * <p>Consistency a reader gets: {@link #put}, {@link #remove} and {@link #putAll} return only
 * after the owner has applied the write, so a thread always reads its own writes, and a write
 * that returned is seen by every read that starts afterwards (writes are linearizable: the
 * owner's order is the order). A reader never sees half of one entry's write. It can see the
 * entries of an unfinished {@link #putAll} one by one (not atomic to readers); {@link #size}
 * and {@link #forEach} are those of {@code ConcurrentHashMap} (weakly consistent, never throw).
 *
 * <p>Lifecycle: the owner is a daemon thread, started by the constructor. {@link #close}
 * lets it finish every write queued before the call, then stops it and waits for it; writes
 * after {@code close} throw {@link IllegalStateException}; reads keep working on the final
 * contents.
 */
public final class SingleWriterMap<K, V> implements SharedMap<K, V> {

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final int SPINS = 128;
    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private enum Op { PUT, REMOVE, PUT_ALL, STOP }

    /** One queued write; the owner fills in the outcome, then sets {@code done}. */
    private static final class Write {
        final Op op;
        final Object key;
        final Object value;
        final Thread caller = Thread.currentThread();
        Object result;
        RuntimeException failure;
        volatile boolean done;

        Write(Op op, Object key, Object value) {
            this.op = op;
            this.key = key;
            this.value = value;
        }
    }

    private final ConcurrentHashMap<K, V> published = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Write> queue = new LinkedBlockingQueue<>();
    private final Thread owner;
    private volatile boolean closed;

    public SingleWriterMap() {
        owner = new Thread(this::ownerLoop, "maplab-single-writer-" + THREADS.incrementAndGet());
        owner.setDaemon(true);
        owner.start();
    }

    @Override public V get(K key) { return published.get(Objects.requireNonNull(key, "key")); }

    @Override public boolean containsKey(K key) { return published.containsKey(Objects.requireNonNull(key, "key")); }

    @Override public int size() { return published.size(); }

    @Override public void forEach(BiConsumer<? super K, ? super V> action) { published.forEach(action); }

    @SuppressWarnings("unchecked")
    @Override public V put(K key, V value) {
        return (V) submit(new Write(Op.PUT, Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value")));
    }

    @SuppressWarnings("unchecked")
    @Override public V remove(K key) {
        return (V) submit(new Write(Op.REMOVE, Objects.requireNonNull(key, "key"), null));
    }

    @Override public void putAll(Map<? extends K, ? extends V> entries) {
        submit(new Write(Op.PUT_ALL, null, NonNull.entries(entries)));
    }

    /** Stops the owner after the writes queued so far; idempotent. */
    @Override public void close() {
        if (Thread.currentThread() == owner) throw new IllegalStateException("the single-writer map cannot be closed from its owner thread");
        synchronized (this) {
            if (!closed) {
                closed = true;
                queue.add(new Write(Op.STOP, null, null));
            }
        }
        boolean interrupted = false;
        while (owner.isAlive()) {
            try {
                owner.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /** Whether the owner thread is still running (false after {@link #close}). */
    public boolean ownerAlive() {
        return owner.isAlive();
    }

    private Object submit(Write w) {
        if (closed) throw closedError();
        queue.add(w);
        int spins = SPINS;
        while (!w.done) {
            if (spins > 0) {
                spins--;
                Thread.onSpinWait();
            } else if (!owner.isAlive() && !w.done) {
                // Queued after the owner drained its last writes: it will never run.
                if (queue.remove(w)) throw closedError();
            } else {
                LockSupport.parkNanos(this, PARK_NANOS);
            }
        }
        if (w.failure != null) throw w.failure;
        return w.result;
    }

    private static IllegalStateException closedError() {
        return new IllegalStateException("single-writer map is closed: no more writes");
    }

    @SuppressWarnings("unchecked")
    private void ownerLoop() {
        while (true) {
            Write w;
            try {
                w = queue.take();
            } catch (InterruptedException e) {
                continue;  // only close() stops the owner, so that no queued write is lost
            }
            if (w.op == Op.STOP) break;
            try {
                w.result = switch (w.op) {
                    case PUT -> published.put((K) w.key, (V) w.value);
                    case REMOVE -> published.remove(w.key);
                    case PUT_ALL -> { published.putAll((Map<K, V>) w.value); yield null; }
                    case STOP -> throw new AssertionError();
                };
            } catch (RuntimeException e) {
                w.failure = e;
            }
            complete(w);
        }
        // Writes that slipped in after STOP: refuse them rather than leave their callers waiting.
        for (Write w; (w = queue.poll()) != null; ) {
            w.failure = closedError();
            complete(w);
        }
    }

    private static void complete(Write w) {
        w.done = true;
        LockSupport.unpark(w.caller);
    }
}
