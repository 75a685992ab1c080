package maplab.subject.concurrent;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.StampedLock;

/**
 * The one waiting policy of the lock-based subjects ({@link StampedLockMap}, the
 * {@link ShardedMap} segments and {@link ReadWriteLockMap}): try to acquire up to
 * {@value #SPINS} times, with {@link Thread#onSpinWait} between tries, then block in the lock's
 * own acquire.
 *
 * <p>Why both spin: a critical section here is one {@code HashMap} operation (well under a
 * microsecond) while parking and waking a thread costs tens of microseconds, so a short spin is
 * what a careful implementation with either lock would do. Why one shared policy: the
 * sync-variants comparison of StampedLock against ReentrantReadWriteLock should measure the lock
 * (optimistic reads that write nothing against a shared read count every reader updates), not
 * which subject waits more cleverly; with the same tries, the same pause between them and the
 * same point at which a thread blocks, only the locks differ. Both try-acquires barge (they
 * ignore queued waiters), so neither side gains from fairness either.
 */
final class SpinThenBlock {

    /** Acquire attempts before blocking. */
    static final int SPINS = 128;

    private SpinThenBlock() { }

    /** Acquires {@code lock} (a read or a write lock of a {@code ReentrantReadWriteLock}). */
    static void lock(Lock lock) {
        for (int i = 0; i < SPINS; i++) {
            if (lock.tryLock()) return;
            Thread.onSpinWait();
        }
        lock.lock();
    }

    /** The write lock of {@code lock}; returns its stamp. */
    static long writeLock(StampedLock lock) {
        for (int i = 0; i < SPINS; i++) {
            long stamp = lock.tryWriteLock();
            if (stamp != 0L) return stamp;
            Thread.onSpinWait();
        }
        return lock.writeLock();
    }

    /** The read lock of {@code lock}; returns its stamp. */
    static long readLock(StampedLock lock) {
        for (int i = 0; i < SPINS; i++) {
            long stamp = lock.tryReadLock();
            if (stamp != 0L) return stamp;
            Thread.onSpinWait();
        }
        return lock.readLock();
    }
}
