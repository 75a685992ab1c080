package maplab.measure.race;

import java.util.ConcurrentModificationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import maplab.subject.concurrent.SharedMap;
import maplab.subject.concurrent.SharedMapType;
import maplab.workload.DistinctInts;

/**
 * Races on purpose: a crew of threads that start each trial together (within a spin of each
 * other, so their work really overlaps) on one fresh map, then the map is checked.
 *
 * <ul>
 *   <li>{@link #puts}: every thread puts its own distinct keys, keeping pace with the others
 *       (none runs more than {@value #PACE_LEAD} puts ahead, so they overlap even on a busy
 *       machine); afterwards {@code containsKey} on every key counts the lost ones, and
 *       {@code size()} is compared with the keys present.</li>
 *   <li>{@link #iterateWhileWriting}: one thread iterates the map ({@code forEach}) pass after
 *       pass while another puts new keys, and records whether a
 *       {@link ConcurrentModificationException} (or anything else) was thrown.</li>
 * </ul>
 * On a map that is not thread-safe a trial may also hang; run such trials in a watched child
 * JVM ({@link maplab.measure.WatchedJvm}, as {@link RaceWorker} does), never in a notebook's JVM.
 */
public final class RaceTrials implements AutoCloseable {

    /**
     * One put trial: keys written, lost, {@code size()} afterwards, exceptions thrown in the
     * writers or the check, and whether every thread was confirmed running when it started.
     */
    public record PutOutcome(int keys, int lost, int size, int exceptions, String firstException, boolean startedTogether) {
        /** Keys still present. */
        public int present() { return keys - lost; }
        /** Whether {@code size()} disagrees with the keys present. */
        public boolean sizeMismatch() { return size != present(); }
    }

    /**
     * One get-during-put trial: lookups of keys present before the race, how many of them missed
     * (answered null or another value), exceptions thrown (the only way Java could "catch" the race),
     * and whether every thread was confirmed running when it started.
     */
    public record GetOutcome(long lookups, long misses, int exceptions, String firstException, boolean startedTogether) { }

    /** One iteration trial: whether the iterator threw {@code ConcurrentModificationException}, other exceptions, full passes made. */
    public record IterationOutcome(boolean cme, int otherExceptions, int passes, String firstException, boolean startedTogether) { }

    /** Puts between two pace checks (a power of two) and the most one thread may run ahead of the slowest. */
    static final int PACE_STEP = 4;
    static final int PACE_LEAD = 16;

    /** Spins to wait for the helpers' answers to one ping, and how long to keep pinging before starting anyway. */
    static final int ECHO_SPINS = 1000;
    static final long COSCHEDULE_BUDGET_MS = 50;

    private final int threads;
    private volatile int ping;
    private int pings;
    private final AtomicIntegerArray echo;
    private boolean lastStartTogether;
    private final Thread[] helpers;
    private final AtomicInteger ready = new AtomicInteger();
    private final AtomicInteger started = new AtomicInteger();
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
        this.echo = new AtomicIntegerArray(threads - 1);
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
        return puts(type::create, keysPerThread, seed);
    }

    /** As {@link #puts(SharedMapType, int, long)}, into a fresh map from {@code maps} (e.g. {@link SharedMap#of} a presized {@code HashMap}). */
    public PutOutcome puts(Supplier<SharedMap<Integer, Integer>> maps, int keysPerThread, long seed) {
        Integer[] keys = distinctKeys(threads * keysPerThread, seed);
        AtomicIntegerArray progress = new AtomicIntegerArray(threads);
        try (SharedMap<Integer, Integer> map = maps.get()) {
            int exceptions = runTrial(member -> {
                try {
                    int first = member * keysPerThread;
                    for (int j = 0; j < keysPerThread; j++) {
                        map.put(keys[first + j], keys[first + j]);
                        if ((j & (PACE_STEP - 1)) == PACE_STEP - 1) keepPace(progress, member, j);
                    }
                } finally {
                    progress.set(member, Integer.MAX_VALUE);  // finished (or failed): nobody waits for it
                }
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
            return new PutOutcome(keys.length, lost, size, exceptions, first, lastStartTogether);
        }
    }

    /**
     * Fills a fresh map from {@code maps} with {@code presentKeys} keys; then crew thread 0 puts
     * {@code newKeys} new keys (growing the table) while every other crew thread looks up the
     * present keys with {@code get}, pass after pass, until the writer is done. A present key
     * that answers null or another value is a miss.
     */
    public GetOutcome getsDuringPuts(Supplier<SharedMap<Integer, Integer>> maps, int presentKeys, int newKeys, long seed) {
        Integer[] keys = distinctKeys(presentKeys + newKeys, seed);
        long[] lookups = new long[threads];
        long[] misses = new long[threads];
        try (SharedMap<Integer, Integer> map = maps.get()) {
            for (int i = 0; i < presentKeys; i++) map.put(keys[i], keys[i]);
            AtomicInteger writerDone = new AtomicInteger();
            int exceptions = runTrial(member -> {
                if (member == 0) {
                    try {
                        for (int i = presentKeys; i < keys.length; i++) map.put(keys[i], keys[i]);
                    } finally {
                        writerDone.set(1);
                    }
                    return;
                }
                do {
                    for (int i = 0; i < presentKeys; i++) {
                        if (!keys[i].equals(map.get(keys[i]))) misses[member]++;
                    }
                    lookups[member] += presentKeys;
                } while (writerDone.get() == 0);
            });
            return new GetOutcome(java.util.Arrays.stream(lookups).sum(), java.util.Arrays.stream(misses).sum(), exceptions, firstFailure(),
                    lastStartTogether);
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
            return new IterationOutcome(cme[0], other, passes[0], cme[0] && first == null ? "ConcurrentModificationException" : first,
                    lastStartTogether);
        }
    }

    /**
     * Records that {@code member} has done {@code done} puts, then waits while it is more than
     * {@value #PACE_LEAD} puts ahead of the slowest thread: the threads really overlap even when
     * the machine is busy and the scheduler runs them one after the other (a thread that
     * finished alone would race with nobody).
     */
    private static void keepPace(AtomicIntegerArray progress, int member, int done) {
        progress.set(member, done);
        for (int spin = 0; ; spin++) {
            int slowest = Integer.MAX_VALUE;
            for (int t = 0; t < progress.length(); t++) slowest = Math.min(slowest, progress.get(t));
            if (done - slowest <= PACE_LEAD) return;
            pause(spin);
        }
    }

    /** {@code n} distinct Integers for {@code seed} ({@link DistinctInts#scrambled}). */
    static Integer[] distinctKeys(int n, long seed) {
        int[] raw = DistinctInts.scrambled(n, seed);
        Integer[] keys = new Integer[n];
        for (int i = 0; i < n; i++) keys[i] = raw[i];
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
        started.set(0);
        done.set(0);
        task = work;
        trial++;                                            // publishes the task: the crew wakes up
        for (int spin = 0; ready.get() < helpers.length; spin++) pause(spin);  // every helper is awake
        lastStartTogether = awaitAllRunning();              // ... and on a core right now
        go = trial;                                         // ... so all start together:
        for (int spin = 0; started.get() < helpers.length; spin++) pause(spin);  // (each helper is running right now)
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

    /**
     * Pings the helpers until every one answers within a few microseconds, which proves they
     * are all on a core at this moment (on a busy machine two threads are often not, and
     * threads that take turns on one core rarely race). With more threads than cores, as many
     * as there are cores must answer. Gives up after
     * {@value #COSCHEDULE_BUDGET_MS} ms; returns whether it succeeded.
     */
    private boolean awaitAllRunning() {
        long deadline = System.nanoTime() + COSCHEDULE_BUDGET_MS * 1_000_000L;
        while (true) {
            int k = ++pings;
            ping = k;
            for (int spin = 0; spin < ECHO_SPINS; spin++) {
                if (allEchoed(k)) return true;
                Thread.onSpinWait();
            }
            if (System.nanoTime() > deadline) return false;
            Thread.yield();
        }
    }

    /** Whether as many helpers as can run beside the caller (one fewer than the cores) answered ping {@code k}. */
    private boolean allEchoed(int k) {
        int answered = 0;
        for (int i = 0; i < echo.length(); i++) if (echo.get(i) == k) answered++;
        return answered >= Math.min(echo.length(), Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
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
            for (int echoed = 0; go != seen; ) {
                int p = ping;
                if (p != echoed) echo.set(member - 1, echoed = p);  // "I am running": answer the ping at once
                Thread.onSpinWait();
            }
            started.incrementAndGet();
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
