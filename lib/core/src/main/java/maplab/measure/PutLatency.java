package maplab.measure;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import maplab.subject.growth.GrowingMap;
import maplab.workload.KeyOrder;
import org.HdrHistogram.Histogram;

/**
 * The child JVM of the resize-latency experiment: fills a {@link GrowingMap} from empty to n keys
 * and times <b>every put</b> with {@code System.nanoTime()} around the call, recording it into an
 * HdrHistogram. This runs only in a JVM of its own ({@link #fork} through {@link ChildJvm}), never
 * in the lab's JVM: a per-operation latency recorder has to time single operations, which JMH's
 * modes do not do for a fill whose every put is different (its sample mode samples calls of a
 * whole benchmark method, and a fill from empty is one call).
 *
 * <p><b>Why HdrHistogram.</b> It records every value in O(1) without allocating, with a bounded
 * relative error (3 significant digits here) from 1 ns to minutes, so p99.99 and the max of a
 * million puts are exact to 0.1 % rather than sampled; and histograms add up, so the puts of
 * several writer threads merge into one distribution. The timer's own cost (two nanoTime calls,
 * some tens of ns) is in every value alike and matters only for the fastest percentiles.
 *
 * <p>Per JVM: {@code warmup} fills of a quarter of the keys, timed the same way but thrown away
 * (they compile the code), then {@code recorded} fills, each into a fresh map after a
 * full GC. Besides the merged distribution it prints the longest put in each of {@code buckets}
 * equal runs of operations (so resize spikes show against the operation index), every put
 * during which the table length changed (a resize: operation index, lengths, latency; first
 * recorded fill), and the collections that happened during the recorded fills.
 *
 * <p>Several writers (concurrent maps only): writer t puts keys t, t+W, t+2W... and records its
 * own histogram; the operation index of a put is its key's index, so operations of all writers
 * share one axis.
 *
 * <p>Output lines: {@code PCT stat value} (stats {@link #STATS}, ns), {@code BUCKET index firstOp maxNs},
 * {@code RESIZE op before after latencyNs}, {@code GC collections}, {@code FILL ms} (per recorded
 * fill, wall time), {@code OPS count}.
 */
public final class PutLatency {

    /** The statistics printed per JVM, in this order: percentiles as "p99_9" = 99.9th, then max and mean (ns). */
    public static final List<String> STATS = List.of("p50", "p90", "p99", "p99_9", "p99_99", "max", "mean");

    /** What one child JVM measured. */
    public record Result(Map<String, Double> stats, long[] bucketFirstOp, double[] bucketMax, List<Resize> resizes,
                         long collections, List<Double> fillMs, long operations) { }

    /** A put during which the table length changed. */
    public record Resize(long op, int before, int after, double latencyNs) { }

    private PutLatency() { }

    /** The percentile (0-100) a stat name stands for, NaN for max and mean. */
    public static double percentileOf(String stat) {
        if (!stat.startsWith("p")) return Double.NaN;
        return Double.parseDouble(stat.substring(1).replace('_', '.'));
    }

    /**
     * Runs one child JVM (started by {@code jvm}: the run's measuring JDK) with {@code jvmArgs}
     * and parses what it printed.
     *
     * @throws MeasurementException when the child fails or prints something unexpected
     */
    public static Result fork(ChildJvm jvm, List<String> jvmArgs, GrowingMap subject, int n, int writers, int warmup, int recorded, long seed,
                              int buckets, int migrationSlots, java.time.Duration timeout) {
        ChildJvm.Output out = jvm.run(PutLatency.class, jvmArgs,
                List.of(subject.id(), String.valueOf(n), String.valueOf(writers), String.valueOf(warmup), String.valueOf(recorded),
                        String.valueOf(seed), String.valueOf(buckets), String.valueOf(migrationSlots)), timeout);
        return parse(out.stdout(), buckets);
    }

    static Result parse(String stdout, int buckets) {
        Map<String, Double> stats = new LinkedHashMap<>();
        long[] first = new long[buckets];
        double[] max = new double[buckets];
        List<Resize> resizes = new ArrayList<>();
        List<Double> fills = new ArrayList<>();
        long collections = -1;
        long ops = -1;
        for (String line : stdout.split("\n")) {
            String[] f = line.trim().split(" ");
            try {
                switch (f[0]) {
                    case "PCT" -> stats.put(f[1], Double.parseDouble(f[2]));
                    case "BUCKET" -> {
                        int b = Integer.parseInt(f[1]);
                        first[b] = Long.parseLong(f[2]);
                        max[b] = Double.parseDouble(f[3]);
                    }
                    case "RESIZE" -> resizes.add(new Resize(Long.parseLong(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]), Double.parseDouble(f[4])));
                    case "GC" -> collections = Long.parseLong(f[1]);
                    case "FILL" -> fills.add(Double.parseDouble(f[1]));
                    case "OPS" -> ops = Long.parseLong(f[1]);
                    default -> { }
                }
            } catch (RuntimeException e) {
                throw new MeasurementException("malformed line from the put-latency JVM: " + line, e);
            }
        }
        if (!stats.keySet().containsAll(STATS) || collections < 0 || ops < 0) {
            throw new MeasurementException("the put-latency JVM printed no complete result; it printed: "
                    + (stdout.length() > 400 ? stdout.substring(0, 400) + "..." : stdout));
        }
        return new Result(stats, first, max, resizes, collections, fills, ops);
    }

    /** Child entry point: subject n writers warmup recorded seed buckets migrationSlots. */
    public static void main(String[] args) throws Exception {
        GrowingMap subject = GrowingMap.parse(args[0]);
        int n = Integer.parseInt(args[1]);
        int writers = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int recorded = Integer.parseInt(args[4]);
        long seed = Long.parseLong(args[5]);
        int buckets = Integer.parseInt(args[6]);
        int migrationSlots = Integer.parseInt(args[7]);
        if (writers > 1 && !subject.concurrent()) throw new IllegalArgumentException("writers: " + subject.id() + " takes one writer");
        Integer[] keys = Arrays.stream(KeyOrder.RANDOM.intKeys(n, seed)).boxed().toArray(Integer[]::new);

        // warm-up fills of a quarter of the keys: enough calls to compile every path (resizes included); the heap is pre-touched
        Integer[] warmupKeys = Arrays.copyOf(keys, Math.max(1, n / 4));
        for (int w = 0; w < warmup; w++) fill(subject, warmupKeys, writers, buckets, migrationSlots);
        Histogram all = new Histogram(3);
        double[] bucketMax = new double[buckets];
        long collections = 0;
        List<Resize> resizes = null;
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < recorded; r++) {
            System.gc();
            long gcBefore = collections();
            long start = System.nanoTime();
            Fill f = fill(subject, keys, writers, buckets, migrationSlots);
            long wall = System.nanoTime() - start;
            collections += collections() - gcBefore;
            all.add(f.histogram);
            for (int b = 0; b < buckets; b++) bucketMax[b] = Math.max(bucketMax[b], f.bucketMax[b]);
            if (resizes == null) resizes = f.resizes;
            out.append(String.format(Locale.ROOT, "FILL %.3f%n", wall / 1e6));
        }
        for (String stat : STATS) {
            double v = switch (stat) {
                case "max" -> all.getMaxValue();
                case "mean" -> all.getMean();
                default -> all.getValueAtPercentile(percentileOf(stat));
            };
            out.append("PCT ").append(stat).append(' ').append(v).append('\n');
        }
        for (int b = 0; b < buckets; b++) out.append("BUCKET ").append(b).append(' ').append(firstOp(b, n, buckets)).append(' ').append(bucketMax[b]).append('\n');
        for (Resize z : resizes) out.append("RESIZE ").append(z.op).append(' ').append(z.before).append(' ').append(z.after).append(' ').append(z.latencyNs).append('\n');
        out.append("GC ").append(collections).append('\n');
        out.append("OPS ").append(all.getTotalCount()).append('\n');
        System.out.print(out);
        System.out.flush();
    }

    /** The index of the first operation of {@code bucket} of {@code buckets} equal runs of n operations. */
    public static long firstOp(int bucket, int n, int buckets) {
        return (long) bucket * n / buckets;
    }

    private static long collections() {
        long c = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) c += Math.max(0, gc.getCollectionCount());
        return c;
    }

    private record Fill(Histogram histogram, double[] bucketMax, List<Resize> resizes) { }

    private static Fill fill(GrowingMap subject, Integer[] keys, int writers, int buckets, int migrationSlots) throws InterruptedException {
        Map<Integer, Integer> map = subject.create(keys.length, migrationSlots);
        if (writers == 1) {
            Writer w = new Writer(map, keys, 0, 1, buckets);
            w.run();
            if (w.failure != null) throw new IllegalStateException("the writer failed", w.failure);
            return new Fill(w.histogram, w.bucketMax, w.resizes);
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Writer> ws = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < writers; t++) {
            Writer w = new Writer(map, keys, t, writers, buckets);
            ws.add(w);
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                w.run();
            }, "writer-" + t);
            threads.add(th);
            th.start();
        }
        go.countDown();
        for (Thread th : threads) th.join();
        Histogram h = new Histogram(3);
        double[] max = new double[buckets];
        Map<Integer, Resize> byNewLength = new LinkedHashMap<>();   // one row per resize: the writer's put that waited longest
        for (Writer w : ws) {
            if (w.failure != null) throw new IllegalStateException("writer failed", w.failure);
            h.add(w.histogram);
            for (int b = 0; b < buckets; b++) max[b] = Math.max(max[b], w.bucketMax[b]);
            for (Resize z : w.resizes) byNewLength.merge(z.after, z, (a, b) -> a.latencyNs >= b.latencyNs ? a : b);
        }
        if (map.size() != keys.length) throw new IllegalStateException("the map holds " + map.size() + " keys after " + keys.length + " distinct puts");
        List<Resize> resizes = new ArrayList<>(byNewLength.values());
        resizes.sort((a, b) -> Long.compare(a.op, b.op));
        return new Fill(h, max, resizes);
    }

    /** One writer: puts keys[first], keys[first + step]... timing each put. */
    private static final class Writer implements Runnable {
        final Map<Integer, Integer> map;
        final Integer[] keys;
        final int first;
        final int step;
        final int buckets;
        final Histogram histogram = new Histogram(3);
        final double[] bucketMax;
        final List<Resize> resizes = new ArrayList<>();
        Throwable failure;

        Writer(Map<Integer, Integer> map, Integer[] keys, int first, int step, int buckets) {
            this.map = map;
            this.keys = keys;
            this.first = first;
            this.step = step;
            this.buckets = buckets;
            this.bucketMax = new double[buckets];
        }

        @Override
        public void run() {
            try {
                final Map<Integer, Integer> map = this.map;
                final Integer[] keys = this.keys;
                final int n = keys.length;
                int length = GrowingMap.tableLength(map);
                for (int i = first; i < n; i += step) {
                    Integer k = keys[i];
                    long t0 = System.nanoTime();
                    map.put(k, k);
                    long ns = System.nanoTime() - t0;
                    histogram.recordValue(ns);
                    int b = (int) ((long) i * buckets / n);
                    if (ns > bucketMax[b]) bucketMax[b] = ns;
                    int now = GrowingMap.tableLength(map);
                    if (now != length) {
                        if (length != 0) resizes.add(new Resize(i, length, now, ns));
                        length = now;
                    }
                }
            } catch (Throwable t) {
                failure = t;
            }
        }
    }
}
