package maplab.experiments.resizelatency;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import maplab.plan.Params;
import maplab.plan.Effort;
import maplab.measure.PutLatency;
import maplab.measure.Measured;
import maplab.conclude.ResultBuilder;
import maplab.plan.Unit;
import maplab.stats.Estimates.Sample;
import maplab.subject.growth.GrowingMap;
import maplab.subject.probe.HashMode;
import maplab.subject.probe.IncrementalProbeMap;
import maplab.subject.probe.ProbeConfig;
import maplab.subject.probe.ProbeMap;
import maplab.experiments.RunContext;
import maplab.experiments.resizelatency.ResizeLatency.Cell;
import static maplab.experiments.resizelatency.ResizeLatency.BYTES_PER_SLOT;
import static maplab.experiments.resizelatency.ResizeLatency.NS;
import static maplab.experiments.resizelatency.ResizeLatency.cells;
import static maplab.experiments.resizelatency.ResizeLatencyPlan.jvmArgs;

/**
 * resize-latency's measurement ({@link ResizeLatency#measure}): one recording JVM per cell and round
 * timing every put, and the maps' memory; writes rows only.
 */
final class ResizeLatencyMeasure {

    private ResizeLatencyMeasure() { }

    static void measure(RunContext ctx) throws InterruptedException {
        Params p = ctx.params();
        int n = p.getInt("n");
        int writers = p.getInt("writers");
        int slots = p.getInt("migration_slots");
        int buckets = p.getInt("buckets");
        Effort effort = p.getEffort("fill");
        List<Cell> cells = cells(p);
        long keySeed = ctx.seed("keys");
        SplittableRandom order = ctx.random("run-order");
        List<String> jvmArgs = jvmArgs(p.getLong("heap_mb"));
        ResultBuilder out = ctx.result();
        noteJvm(out, jvmArgs);

        memory(ctx, n, slots);

        Map<String, Map<String, List<Sample>>> stats = new LinkedHashMap<>();
        Map<String, List<List<Sample>>> bucketMax = new LinkedHashMap<>();
        Map<String, List<Sample>> fillMs = new LinkedHashMap<>();
        long[] firstOps = null;
        ctx.progress().addSteps(cells.size() * effort.forks());
        for (int round = 1; round <= effort.forks(); round++) {
            List<Cell> shuffled = new ArrayList<>(cells);
            for (int i = shuffled.size() - 1; i > 0; i--) java.util.Collections.swap(shuffled, i, order.nextInt(i + 1));
            for (Cell c : shuffled) {
                ctx.checkInterrupted();
                ctx.progress().step("put latency, round " + round + "/" + effort.forks() + ": " + c.label());
                PutLatency.Result r = PutLatency.fork(ctx.childJvm(), jvmArgs, c.subject(), n, c.writers(), effort.warmupIterations(), effort.iterations(),
                        keySeed, buckets, slots, Duration.ofMinutes(10));
                int jvm = round;
                for (String stat : PutLatency.STATS) {
                    stats.computeIfAbsent(c.key(), k -> new LinkedHashMap<>()).computeIfAbsent(stat, k -> new ArrayList<>())
                            .add(new Sample(jvm, 1, r.stats().get(stat)));
                }
                List<List<Sample>> bm = bucketMax.computeIfAbsent(c.key(), k -> new ArrayList<>());
                for (int b = 0; b < buckets; b++) {
                    if (bm.size() <= b) bm.add(new ArrayList<>());
                    bm.get(b).add(new Sample(jvm, 1, r.bucketMax()[b]));
                }
                firstOps = r.bucketFirstOp();
                for (int f = 0; f < r.fillMs().size(); f++) {
                    fillMs.computeIfAbsent(c.key(), k -> new ArrayList<>()).add(new Sample(jvm, f + 1, r.fillMs().get(f)));
                }
                jvmRows(out, c, n, jvm, r, effort.iterations());
            }
        }
        cellRows(out, cells, n, stats, bucketMax, fillMs, firstOps);
    }

    /** The note on the recording JVMs: main class, options, recorder, cores. */
    private static void noteJvm(ResultBuilder out, List<String> jvmArgs) {
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("main_class", PutLatency.class.getName());
        note.put("jvm_args", jvmArgs);
        note.put("recorder", "HdrHistogram, 3 significant digits, System.nanoTime around each put");
        note.put("cores", Runtime.getRuntime().availableProcessors());
        out.note("put_latency_jvm", note);
    }

    /** One recording JVM's rows: each resize's put and the collections during its recorded fills. */
    private static void jvmRows(ResultBuilder out, Cell c, int n, int jvm, PutLatency.Result r, int recordedFills) {
        for (PutLatency.Resize z : r.resizes()) {
            out.row().with("subject", c.subject().id()).with("writers", c.writers()).with("n_keys", n).with("jvm", jvm)
                    .with("op_index", z.op()).with("table_before", z.before()).with("table_after", z.after())
                    .measure("resize_latency", z.latencyNs(), NS);
        }
        out.row().with("subject", c.subject().id()).with("writers", c.writers()).with("n_keys", n).with("jvm", jvm)
                .with("recorded_fills", recordedFills).measure("collections", r.collections(), Unit.COUNT);
    }

    /** Each cell's rows over its JVMs: latency per statistic, each bucket's longest put, the fill time. */
    private static void cellRows(ResultBuilder out, List<Cell> cells, int n, Map<String, Map<String, List<Sample>>> stats,
                                 Map<String, List<List<Sample>>> bucketMax, Map<String, List<Sample>> fillMs, long[] firstOps) {
        for (Cell c : cells) {
            Map<String, List<Sample>> s = stats.get(c.key());
            if (s == null) continue;
            for (String stat : PutLatency.STATS) {
                out.row().with("subject", c.subject().id()).with("writers", c.writers()).with("n_keys", n).with("stat", stat)
                        .measure("latency", Measured.of(s.get(stat)), NS);
            }
            List<List<Sample>> bm = bucketMax.get(c.key());
            for (int b = 0; b < bm.size(); b++) {
                out.row().with("subject", c.subject().id()).with("writers", c.writers()).with("n_keys", n).with("bucket", b)
                        .with("first_op", firstOps[b]).measure("bucket_max", Measured.of(bm.get(b)), NS);
            }
            out.row().with("subject", c.subject().id()).with("writers", c.writers()).with("n_keys", n)
                    .measure("fill_time", Measured.of(fillMs.get(c.key())), Unit.MS);
        }
    }

    /**
     * Counted in process (no timing): the table memory the two ProbeMaps hold while filling the
     * same keys, at its peak and averaged over the puts (slots of the live tables x {@link ResizeLatency#BYTES_PER_SLOT}).
     */
    private static void memory(RunContext ctx, int n, int slots) {
        int[] keys = maplab.workload.KeyOrder.RANDOM.intKeys(n, ctx.seed("keys"));
        ProbeConfig config = ProbeConfig.of(HashMode.MIXED);
        ProbeMap<Integer, Integer> doubling = new ProbeMap<>(config, 0);
        IncrementalProbeMap<Integer, Integer> incremental = new IncrementalProbeMap<>(config, 0, slots);
        long peakD = 0, peakI = 0;
        double sumD = 0, sumI = 0;
        long migratingPuts = 0;
        for (int k : keys) {
            int before = doubling.capacity();
            doubling.put(k, k);
            // during an all-at-once doubling both tables live inside this one put
            long heldD = doubling.capacity() != before ? (long) before + doubling.capacity() : doubling.capacity();
            incremental.put(k, k);
            long heldI = incremental.slotsHeld();
            if (incremental.migrating()) migratingPuts++;
            peakD = Math.max(peakD, heldD);
            peakI = Math.max(peakI, heldI);
            sumD += doubling.capacity();
            sumI += heldI;
        }
        ResultBuilder out = ctx.result();
        for (var e : List.of(Map.entry(GrowingMap.PROBEMAP_DOUBLING, new double[] {peakD, sumD / n}),
                Map.entry(GrowingMap.PROBEMAP_INCREMENTAL, new double[] {peakI, sumI / n}))) {
            out.row().with("subject", e.getKey().id()).with("n_keys", n).with("bytes_per_slot", BYTES_PER_SLOT)
                    .measure("peak_table_bytes", e.getValue()[0] * BYTES_PER_SLOT, Unit.BYTES);
            out.row().with("subject", e.getKey().id()).with("n_keys", n).with("bytes_per_slot", BYTES_PER_SLOT)
                    .measure("mean_table_bytes", e.getValue()[1] * BYTES_PER_SLOT, Unit.BYTES);
        }
        out.row().with("subject", GrowingMap.PROBEMAP_INCREMENTAL.id()).with("n_keys", n).with("migration_slots", slots)
                .measure("migrating_puts", migratingPuts, Unit.COUNT);
    }
}
