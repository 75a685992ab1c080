package maplab.race;

import java.util.ConcurrentModificationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import maplab.subject.concurrent.SharedMap;
import maplab.subject.concurrent.SharedMapType;

/**
 * Races on purpose: a crew of threads that start each trial together (within a spin of each
 * other, so their work really overlaps) on one fresh map, then the map is checked.
 *
 * <ul>
 *   <li>{@link #puts}: every thread puts its own distinct keys; afterwards {@code containsKey}
 *       on every key counts the lost ones, and {@code size()} is compared with the keys present.</li>
 *   <li>{@link #iterateWhileWriting}: one thread iterates the map ({@code forEach}) pass after
 *       pass while another puts new keys, and records whether a
 *       {@link ConcurrentModificationException} (or anything else) was thrown.</li>
 * </ul>
 * On a map that is not thread-safe a trial may also hang; run such trials in a watched child
 * JVM ({@link maplab.measure.WatchedJvm}, as {@link RaceWorker} does), never in a notebook's JVM.
 */
public final class RaceTrials implements AutoCloseable {

    /** One put trial: keys written, lost, {@code size()} afterwards, exceptions thrown in the writers or the check. */
    public record PutOutcome(int keys, int lost, int size, int exceptions, String firstException) {
        /** Keys still present. */
        public int present() { return keys - lost; }
        /** Whether {@code size()} disagrees with the keys present. */
        public boolean sizeMismatch() { return size != present(); }
    }

    /** One iteration trial: whether the iterator threw {@code ConcurrentModificationException}, other exceptions, full passes made. */
    public record IterationOutcome(boolean cme, int otherExceptions, int passes, String firstException) { }

    private final int threads;
    private final Thread[] helpers;
    private final AtomicInteger ready = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private volatile int go;
    private volatile int trial;
    private volatile IntConsumer task;
    private volatile boolean closed;
    private final Throwable[] failures;

    /**
     * A crew of {@code threads} (at least 2): the thread that calls a trial is member 0, the
     * others are daemon helper threads that wait (spinning, then yielding) between trials.
     */
    public RaceTrials(int threads) {
        if (threads < 2) throw new IllegalArgumentException("threads: bad value " + threads + "; allowed: a whole number from 2");
        this.threads = threads;
        this.failures = new Throwable[threads];
        this.helpers = new Thread[threads - 1];
        for (int i = 0; i < helpers.length; i++) {
            int member = i + 1;
            helpers[i] = new Thread(() -> work(member), "maplab-race-" + member);
            helpers[i].setDaemon(true);
            helpers[i].start();
        }
    }

    public int threads() {
        return threads;
    }

    /**
     * Every crew thread puts {@code keysPerThread} distinct keys (the seed picks which) into one
     * fresh map of {@code type}; returns what is left.
     */
    public PutOutcome puts(SharedMapType type, int keysPerThread, long seed) {
        Integer[] keys = distinctKeys(threads * keysPerThread, seed);
        try (SharedMap<Integer, Integer> map = type.create()) {
            int exceptions = runTrial(member -> {
                for (int i = member * keysPerThread, end = i + keysPerThread; i < end; i++) map.put(keys[i], keys[i]);
            });
            String first = firstFailure();
            int lost = 0;
            int size;
            try {
                for (Integer k : keys) if (!map.containsKey(k)) lost++;
                size = map.size();
            } catch (RuntimeException | StackOverflowError e) {
                exceptions++;
                if (first == null) first = e.getClass().getSimpleName();
                size = -1;
            }
            return new PutOutcome(keys.length, lost, size, exceptions, first);
        }
    }

    /**
     * Fills a map of {@code type} with {@code mapKeys} keys; then crew thread 0 iterates it with
     * {@code forEach}, pass after pass, until crew thread 1 has put {@code writes} new keys.
     */
    public IterationOutcome iterateWhileWriting(SharedMapType type, int mapKeys, int writes, long seed) {
        Integer[] keys = distinctKeys(mapKeys + writes, seed);
        try (SharedMap<Integer, Integer> map = type.create()) {
            for (int i = 0; i < mapKeys; i++) map.put(keys[i], keys[i]);
            boolean[] cme = new boolean[1];
            int[] passes = new int[1];
            long[] sink = new long[1];
            AtomicInteger writerDone = new AtomicInteger();
            runTrial(member -> {
                if (member == 1) {
                    try {
                        for (int i = mapKeys; i < keys.length; i++) map.put(keys[i], keys[i]);
                    } finally {
                        writerDone.set(1);
                    }
                } else if (member == 0) {
                    try {
                        do {
                            map.forEach((k, v) -> sink[0] += k);
                            passes[0]++;
                        } while (writerDone.get() == 0);
                    } catch (ConcurrentModificationException e) {
                        cme[0] = true;
                    }
                }
            });
            int other = 0;
            String first = null;
            for (Throwable t : failures) {
                if (t != null) {
                    other++;
                    if (first == null) first = t.getClass().getSimpleName();
                }
            }
            if (sink[0] == 42) System.out.print("");  // keep the iteration's work observable
            return new IterationOutcome(cme[0], other, passes[0], cme[0] && first == null ? "ConcurrentModificationException" : first);
        }
    }

    /** {@code n} distinct Integers: i -> (i * golden ratio) xor seed is a bijection on int. */
    static Integer[] distinctKeys(int n, long seed) {
        Integer[] keys = new Integer[n];
        int salt = (int) (seed ^ (seed >>> 32));
        for (int i = 0; i < n; i++) keys[i] = (i * 0x9E3779B1) ^ salt;
        return keys;
    }

    /**
     * Runs {@code work} on every crew thread at once; returns how many threw. Hand-offs spin
     * (with {@code Thread.yield}) instead of parking: on a busy machine a parked thread can wait
     * milliseconds to be scheduled again, and trials run back to back.
     */
    private int runTrial(IntConsumer work) {
        if (closed) throw new IllegalStateException("race crew is closed");
        java.util.Arrays.fill(failures, null);
        ready.set(0);
        done.set(0);
        task = work;
        trial++;                                            // publishes the task: the crew wakes up
        for (int spin = 0; ready.get() < helpers.length; spin++) pause(spin);  // every helper is awake and spinning
        go = trial;                                         // ... and now all start together
        try {
            work.accept(0);                                 // the calling thread is crew member 0
        } catch (Throwable t) {
            failures[0] = t;
        }
        for (int spin = 0; done.get() < helpers.length; spin++) pause(spin);
        int thrown = 0;
        for (Throwable t : failures) if (t != null) thrown++;
        return thrown;
    }

    /** Busy-waits briefly, then yields the core (other threads may need it to make progress). */
    private static void pause(int spin) {
        if (spin < 1000) Thread.onSpinWait();
        else Thread.yield();
    }

    private String firstFailure() {
        for (Throwable t : failures) if (t != null) return t.getClass().getSimpleName();
        return null;
    }

    private void work(int member) {
        int seen = 0;
        while (true) {
            for (int spin = 0; trial == seen; spin++) {
                if (closed) return;
                pause(spin);
            }
            seen = trial;
            ready.incrementAndGet();
            while (go != seen) Thread.onSpinWait();
            try {
                task.accept(member);
            } catch (Throwable t) {
                failures[member] = t;
            }
            done.incrementAndGet();
        }
    }

    /** Stops the crew (idempotent). */
    @Override
    public void close() {
        closed = true;  // idle crew threads see it and end; a stuck one is a daemon and cannot keep the JVM alive
    }
}
