package maplab.measure.race;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import maplab.subject.concurrent.SharedMap;
import maplab.subject.concurrent.SharedMapType;

/**
 * A child JVM (JDK 21+) that stresses shared maps with thousands of virtual threads at once, the
 * Java form of "a million goroutines on one map": every virtual thread does {@code --ops}
 * operations on one shared map, half {@code put}s of its own distinct keys and half {@code get}s
 * of keys picked at random (seeded); afterwards every key put is looked up. Counts only, no timing.
 *
 * <p>{@code java -cp benchmarks.jar maplab.measure.race.VirtualThreadStress --subjects concurrent_hash_map,synchronized_map
 * --threads 10000 --ops 100 --seed 1}
 *
 * <p>Prints one line per subject: {@code VT <subject> <threads> <completed ops> <keys put> <lost keys> <size> <failed threads>}.
 * Compiled for Java 17, so the virtual-thread executor is looked up reflectively; on an older JVM it exits with code 3.
 */
public final class VirtualThreadStress {

    private VirtualThreadStress() { }

    /** One subject's outcome. */
    public record Outcome(int threads, long completedOps, long keysPut, long lostKeys, int size, int failedThreads) { }

    public static void main(String[] args) throws Exception {
        java.util.Map<String, String> opts = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        int threads = Integer.parseInt(opts.get("threads"));
        int ops = Integer.parseInt(opts.get("ops"));
        long seed = Long.parseLong(opts.get("seed"));
        if (Runtime.version().feature() < 21) {
            System.err.println("virtual threads need JDK 21+, this is " + Runtime.version());
            System.exit(3);
        }
        for (String id : opts.get("subjects").split(",")) {
            SharedMapType type = SharedMapType.parse(id);
            Outcome o = stress(type, threads, ops, seed);
            System.out.println(String.join(" ", "VT", type.id(), String.valueOf(o.threads()), String.valueOf(o.completedOps()),
                    String.valueOf(o.keysPut()), String.valueOf(o.lostKeys()), String.valueOf(o.size()), String.valueOf(o.failedThreads())));
        }
        System.exit(0);
    }

    /** {@code threads} virtual threads, {@code ops} operations each, on one fresh map of {@code type}. */
    static Outcome stress(SharedMapType type, int threads, int ops, long seed) throws Exception {
        AtomicLong completed = new AtomicLong();
        int puts = (ops + 1) / 2;
        ExecutorService pool = (ExecutorService) java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        try (SharedMap<Integer, Integer> map = type.create()) {
            List<Future<?>> done = new ArrayList<>(threads);
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    SplittableRandom rnd = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (thread + 1)));
                    for (int j = 0; j < ops; j++) {
                        if (j % 2 == 0) map.put(thread * puts + j / 2, thread);
                        else map.get(rnd.nextInt(threads * puts));
                        completed.incrementAndGet();
                    }
                }));
            }
            int failed = 0;
            for (Future<?> f : done) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    failed++;
                }
            }
            long lost = 0;
            for (int k = 0; k < threads * puts; k++) if (!map.containsKey(k)) lost++;
            return new Outcome(threads, completed.get(), (long) threads * puts, lost, map.size(), failed);
        } finally {
            pool.shutdown();
        }
    }
}
