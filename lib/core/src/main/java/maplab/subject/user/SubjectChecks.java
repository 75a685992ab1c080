package maplab.subject.user;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import maplab.subject.concurrent.SharedMap;
import maplab.subject.intmap.LongMap;
import maplab.subject.keys.KeySource;
import maplab.subject.probe.LongHash;

/**
 * The checks a user hash, key type or shared map passes before anything is timed with it (a
 * user map gets {@link MapContract}). Each throws an {@link IllegalArgumentException} naming
 * the subject and the first violation, with the inputs that show it.
 */
public final class SubjectChecks {

    /** Keys a hash or a key source is checked on. */
    static final int KEYS = 20_000;
    /** Threads and keys per thread of the shared map's concurrent check. */
    static final int THREADS = 4;
    static final int KEYS_PER_THREAD = 5_000;
    /** How long the concurrent check may take before it is reported as stuck. */
    static volatile java.time.Duration timeLimit = java.time.Duration.ofSeconds(60);

    private SubjectChecks() { }

    /**
     * A hash must be deterministic: the same key hashes the same every time, in a second
     * instance too (ProbeMap re-hashes on growth and lookup; a JMH fork makes its own
     * instance). Checked on edge keys and {@value #KEYS} random keys from {@code seed}; a hash
     * that throws is reported too.
     */
    public static MapContract.Report requireHash(String subject, Supplier<LongHash> factory, long seed) {
        LongHash a = factory.get();
        LongHash b = factory.get();
        long[] keys = checkKeys(seed);
        for (long k : keys) {
            long first;
            long again;
            long other;
            try {
                first = a.hash(k);
                again = a.hash(k);
                other = b.hash(k);
            } catch (RuntimeException | StackOverflowError e) {
                throw new IllegalArgumentException("subject '" + subject + "': hash(" + k + ") threw " + e + ", so nothing is benchmarked with it");
            }
            if (first != again || first != other) {
                throw new IllegalArgumentException("subject '" + subject + "': the hash is not deterministic, so nothing is benchmarked with it: hash("
                        + k + ") gave " + first + ", then " + again + ", and " + other + " in a second instance"
                        + " (a hash must give the same value for the same key every time and in every instance)");
            }
        }
        return new MapContract.Report(1, keys.length * 3L, seed, String.format(java.util.Locale.ROOT,
                "hash deterministic: %d keys hashed twice and in a second instance (seed %d)", keys.length, seed));
    }

    private static long[] checkKeys(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] keys = new long[KEYS];
        long[] edge = {0, 1, -1, 2, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE};
        System.arraycopy(edge, 0, keys, 0, edge.length);
        for (int i = edge.length; i < keys.length; i++) keys[i] = (i & 1) == 0 ? i : r.nextLong();
        return keys;
    }

    /**
     * A key source must keep the {@code equals}/{@code hashCode} contract on keys 0 to
     * {@value #KEYS}: {@code key(i)} is not null, equals itself and a second {@code key(i)}
     * (both ways), equal keys have equal hash codes, a hash code does not change, no key equals
     * null, and keys of different {@code i} are unequal.
     */
    public static MapContract.Report requireKeys(String subject, KeySource source, long seed) {
        Map<Object, Integer> seen = new HashMap<>();
        long checks = 0;
        for (int i = 0; i < KEYS; i++) {
            String what = check(source, i, seen);
            if (what != null) {
                throw new IllegalArgumentException("subject '" + subject + "': breaks the equals/hashCode contract, so nothing is benchmarked with it: " + what);
            }
            checks += 7;
        }
        return new MapContract.Report(1, checks, seed, String.format(java.util.Locale.ROOT,
                "equals/hashCode contract kept: keys 0 to %d (each made twice), %d checks", KEYS - 1, checks));
    }

    private static String check(KeySource source, int i, Map<Object, Integer> seen) {
        Object a;
        Object b;
        try {
            a = source.key(i);
            b = source.key(i);
        } catch (RuntimeException e) {
            return "key(" + i + ") threw " + e;
        }
        if (a == null || b == null) return "key(" + i + ") returned null";
        try {
            if (!a.equals(a)) return "key(" + i + ") = " + a + " does not equal itself";
            if (!a.equals(b) || !b.equals(a)) return "two calls of key(" + i + ") gave unequal keys (" + a + ", " + b + "): equals must compare content";
            if (a.hashCode() != b.hashCode()) return "key(" + i + ") = " + a + ": equal keys have different hash codes (" + a.hashCode() + ", " + b.hashCode() + ")";
            if (a.hashCode() != a.hashCode()) return "key(" + i + ") = " + a + ": its hash code changes between calls";
            if (a.equals(null)) return "key(" + i + ") = " + a + " equals null";
        } catch (RuntimeException e) {
            return "key(" + i + ") = " + a + ": equals or hashCode threw " + e;
        }
        Integer before = seen.put(a, i);
        if (before != null) return "key(" + before + ") and key(" + i + ") are equal (" + a + "): different i must give unequal keys";
        return null;
    }

    /**
     * A shared map keeps the map contract from one thread ({@link MapContract}, through a
     * {@link LongMap} view with {@code Long} keys and values), then a short concurrent check:
     * {@value #THREADS} threads put disjoint keys ({@value #KEYS_PER_THREAD} each), after which
     * size and every get must be right; then writers and readers share 256 keys and a reader
     * must never see a value no writer wrote for that key.
     */
    public static MapContract.Report requireShared(String subject, Supplier<SharedMap<Object, Object>> factory, long seed) {
        MapContract.Report sequential = MapContract.require(subject, () -> new SharedAsLongMap(factory.get()), seed);
        String what = concurrentViolation(factory);
        if (what != null) {
            throw new IllegalArgumentException("subject '" + subject + "': fails the concurrent check, so nothing is benchmarked with it: " + what);
        }
        return new MapContract.Report(sequential.sequences() + 2, sequential.operations() + 2L * THREADS * KEYS_PER_THREAD, seed,
                sequential + String.format(java.util.Locale.ROOT, "; concurrent check kept: %d threads put %d disjoint keys each (size and every get"
                        + " right), 2 writers and 2 readers on 256 shared keys read no value never written", THREADS, KEYS_PER_THREAD));
    }

    static String concurrentViolation(Supplier<SharedMap<Object, Object>> factory) {
        // 1. disjoint puts
        try (SharedMap<Object, Object> map = factory.get()) {
            ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
            String stuck = inThreads(THREADS, t -> {
                for (int i = 0; i < KEYS_PER_THREAD; i++) {
                    long k = (long) t * KEYS_PER_THREAD + i;
                    map.put(k, k * 31 + 7);
                }
            }, errors);
            if (stuck != null) return "threads putting disjoint keys " + stuck;
            if (!errors.isEmpty()) return "threads putting disjoint keys: " + errors.peek();
            int expected = THREADS * KEYS_PER_THREAD;
            if (map.size() != expected) {
                return THREADS + " threads each put " + KEYS_PER_THREAD + " disjoint keys (thread t keys t x " + KEYS_PER_THREAD + " + 0.."
                        + (KEYS_PER_THREAD - 1) + "), then size() is " + map.size() + ", expected " + expected;
            }
            for (long k = 0; k < expected; k++) {
                Object v = map.get(k);
                if (!Long.valueOf(k * 31 + 7).equals(v)) {
                    return THREADS + " threads each put " + KEYS_PER_THREAD + " disjoint keys (value = key x 31 + 7), then get(" + k + ") is " + v + ", expected " + (k * 31 + 7);
                }
            }
        }
        // 2. shared keys: two writers, two readers; every value read must be one a writer wrote for that key
        try (SharedMap<Object, Object> map = factory.get()) {
            ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
            String stuck = inThreads(4, t -> {
                boolean writer = t < 2;
                for (int round = 0; round < 40 && errors.isEmpty(); round++) {
                    for (long k = 0; k < 256; k++) {
                        if (writer) {
                            map.put(k, k * 8 + t + 1);
                        } else {
                            Object v = map.get(k);
                            if (v != null && (!(v instanceof Long l) || l >> 3 != k || (l & 7) < 1 || (l & 7) > 2)) {
                                errors.add("get(" + k + ") returned " + v + " while two threads put " + (k * 8 + 1) + " or " + (k * 8 + 2) + " for it: a value never written");
                                return;
                            }
                        }
                    }
                }
            }, errors);
            if (stuck != null) return "two writers and two readers on 256 shared keys " + stuck;
            if (!errors.isEmpty()) return errors.peek();
        }
        return null;
    }

    private interface Worker { void run(int thread); }

    /** Runs {@code threads} daemon threads; null when all finished in time, else what is stuck. */
    private static String inThreads(int threads, Worker worker, ConcurrentLinkedQueue<String> errors) {
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                try {
                    start.await();
                    worker.run(id);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException | Error e) {
                    errors.add("thread " + id + " threw " + e);
                } finally {
                    done.countDown();
                }
            }, "maplab-shared-check-" + t);
            th.setDaemon(true);   // a deadlocked user map must not keep the JVM alive
            all.add(th);
            th.start();
        }
        start.countDown();
        try {
            if (!done.await(timeLimit.toMillis(), TimeUnit.MILLISECONDS)) {
                all.forEach(Thread::interrupt);
                return "did not finish within " + timeLimit.toSeconds() + " s (a deadlock or a lost wake-up?)";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "was interrupted";
        }
        return null;
    }

    /** A shared map seen as a {@link LongMap} (Long keys and values), for the sequential map contract. */
    static final class SharedAsLongMap implements LongMap {
        private final SharedMap<Object, Object> map;

        SharedAsLongMap(SharedMap<Object, Object> map) { this.map = map; }

        @Override public boolean put(long key, long value) { return map.put(key, value) == null; }
        @Override public long getOrDefault(long key, long defaultValue) {
            Object v = map.get(key);
            return v == null ? defaultValue : (Long) v;
        }
        @Override public boolean remove(long key) { return map.remove(key) != null; }
        @Override public int size() { return map.size(); }
        @Override public void forEach(EntryVisitor visitor) { map.forEach((k, v) -> visitor.visit((Long) k, (Long) v)); }
    }
}
