package maplab.experiments;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import maplab.chart.Charts;
import maplab.plan.ParamSpec;
import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.run.RunData;
import maplab.plan.Effort;
import maplab.measure.PutLatency;
import maplab.conclude.Finding;
import maplab.measure.Measured;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.conclude.TidyTables;
import maplab.plan.Unit;
import maplab.stats.Estimates;
import maplab.stats.Estimates.Estimate;
import maplab.stats.Estimates.Sample;
import maplab.stats.Stats;
import maplab.subject.growth.GrowingMap;
import maplab.subject.probe.HashMode;
import maplab.subject.probe.IncrementalProbeMap;
import maplab.subject.probe.ProbeConfig;
import maplab.subject.probe.ProbeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * resize-latency: how long one {@code put} takes while a map grows from empty to n keys, and
 * what a resize does to the tail of that distribution.
 *
 * <p><b>Subjects</b> ({@link GrowingMap}): {@code HashMap} default and presized,
 * {@code ConcurrentHashMap} default and presized with one writer and with {@code writers}
 * writers (its resize is cooperative: a writer that meets a resize helps transfer bins), ProbeMap
 * doubling all at once and {@link IncrementalProbeMap} (old and new table side by side, a few
 * slots migrated per write, like Go's map evacuation and Redis's rehash).
 *
 * <p><b>Measure.</b> Every put is timed in a forked child JVM ({@link PutLatency}: nanoTime around
 * the put, recorded into an HdrHistogram; never in the lab's JVM), with the collector pinned
 * (Parallel, like JMH's forks here) and a fixed, pre-touched heap ({@code -XX:+AlwaysPreTouch}: a
 * large new table would otherwise pay the operating system's first-touch page faults, which are
 * not the map's work) whose young generation holds a whole fill, so a recorded fill normally runs
 * without a collection (the collections are counted and shown).
 * HdrHistogram rather than JMH's sample mode: a fill from empty is one call whose every put is
 * different, sample mode would time whole calls or a sample of them; HdrHistogram records every
 * put with bounded relative error and merges the writers' histograms. Effort
 * {@code fill_effort = JVMS:WARMUP+ROUNDS}: JVMs per cell (the unit of replication, as forks are for
 * JMH), unrecorded warm-up fills and recorded fills per JVM. Rounds alternate the cells in an
 * order drawn from a seed, so machine noise lands on every cell alike.
 *
 * <p>Rows: {@code latency} per cell and statistic (p50 ... p99.99, max, mean; one sample per JVM),
 * {@code bucket_max} (the longest put in each of {@code buckets} runs of operations, per JVM),
 * {@code resize_latency} (each put that changed the table length, per JVM: its operation index
 * and latency), {@code collections} and {@code fill_time} per JVM, and, counted in process,
 * {@code peak_table_bytes} and {@code mean_table_bytes} of the two ProbeMaps (slots held by live
 * tables x 16 bytes: two compressed references and a long hash per slot).
 *
 * <p><b>Conclude.</b> Findings are ratios of per-JVM statistics, paired by round, with the
 * Student-t interval of the mean log ratio over rounds ({@link Estimates#ratio}) at 99 %:
 * {@code hashmap_default_vs_presized_p99_9} and {@code _max}; {@code incremental_vs_doubling_max},
 * {@code _p99_9}, {@code _mean} and {@code _resize_put} (per JVM the median over its resizes of
 * the resizing put's ns per new slot: robust to the odd descheduled put, which a single max is
 * not); {@code chm_writers_vs_one_p99_9} and {@code _max} (condition {@code writers}). Estimates
 * over JVMs: {@code max_put_doubling_us}, {@code max_put_incremental_us},
 * {@code hashmap_default_resize_ns_per_bucket}. Counts: {@code incremental_vs_doubling_mean_table_bytes},
 * {@code collections_during_recorded_fills}. Every finding records {@code n_keys}.
 */
public final class ResizeLatency implements Experiment {

    /** Bytes per ProbeMap slot with compressed references: key and value references, and the long hash. */
    static final int BYTES_PER_SLOT = 16;
    /** Heap needed per key, generously (key, node or slots, old and new table, one warm-up fill's garbage). */
    static final long HEAP_BYTES_PER_KEY = 240;
    static final Unit NS = new Unit("ns", Unit.Direction.LOWER);
    /** Resizes to smaller tables are too quick to time one put reliably; the per-slot cost uses the larger ones. */
    static final long MIN_RESIZE_SLOTS = 1 << 15;
    static final List<String> PERCENTILE_STATS = List.of("p50", "p90", "p99", "p99_9", "p99_99");

    @Override public String id() { return "resize-latency"; }

    @Override public String summary() {
        return "per-put latency while maps grow: resize spikes, presized maps, incremental resizing, ConcurrentHashMap's helping writers";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
                ParamSpec.integer("n", 1_000, 20_000_000, 1_000_000, 2_000_000, "keys put into each map, from empty"),
                ParamSpec.choices("subjects", GrowingMap.ids(),
                        "hashmap_default,hashmap_presized,chm_default,probemap_doubling,probemap_incremental", String.join(",", GrowingMap.ids()),
                        "maps filled (ConcurrentHashMap ones also with 'writers' threads)"),
                ParamSpec.integer("writers", 2, 64, 2, 2, "writer threads of the several-writers ConcurrentHashMap cells (the machine's cores are recorded)"),
                ParamSpec.integer("migration_slots", 1, 1 << 20, IncrementalProbeMap.DEFAULT_MIGRATION_SLOTS, IncrementalProbeMap.DEFAULT_MIGRATION_SLOTS,
                        "old-table slots the incremental ProbeMap migrates per write"),
                ParamSpec.effort("fill", Effort.shots(4, 1, 1), Effort.shots(8, 2, 1),
                        "JVMS:WARMUP+ROUNDS: JVMs per cell (the unit the intervals replicate over), unrecorded warm-up fills and recorded fills per JVM"),
                ParamSpec.integer("buckets", 10, 2_000, 100, 200, "runs of operations whose longest put is kept (latency against operation index)"),
                ParamSpec.integer("heap_mb", 128, 65_536, 384, 768, "heap of the recording JVMs (-Xms = -Xmx; half of it young generation), MiB"));
    }

    @Override
    public void validate(Params p) {
        long needMb = ((long) p.getInt("n") * HEAP_BYTES_PER_KEY >> 20) + 64;
        if (p.getLong("heap_mb") < needMb) {
            throw new IllegalArgumentException("parameter 'heap_mb': bad value '" + p.getLong("heap_mb") + "'; allowed: a whole number from "
                    + needMb + " to 65536 for n = " + p.getInt("n") + " (about " + HEAP_BYTES_PER_KEY + " bytes per key)");
        }
        Effort e = p.getEffort("fill");
        if (!e.singleShot()) {
            throw new IllegalArgumentException("parameter 'fill_effort': bad value '" + e.text()
                    + "'; allowed: JVMS:WARMUP+ROUNDS without iteration times (e.g. 4:1+1): a round is one fill from empty");
        }
        if (e.iterations() < 1) {
            throw new IllegalArgumentException("parameter 'fill_effort': bad value '" + e.text() + "'; allowed: at least one recorded fill per JVM (e.g. 4:1+1)");
        }
    }

    /** One measured cell: a map and its number of writers. */
    record Cell(GrowingMap subject, int writers) {
        String key() { return subject.id() + "/" + writers; }

        String label() { return label(subject, writers); }

        static String label(GrowingMap subject, int writers) {
            if (!subject.concurrent()) return subject.label();
            return subject.label() + ", " + writers + (writers == 1 ? " writer" : " writers");
        }
    }

    /** The cells of a run: each subject with one writer, and each concurrent one also with {@code writers}. */
    static List<Cell> cells(List<GrowingMap> subjects, int writers) {
        List<Cell> cells = new ArrayList<>();
        for (GrowingMap s : subjects) {
            cells.add(new Cell(s, 1));
            if (s.concurrent()) cells.add(new Cell(s, writers));
        }
        return cells;
    }

    // ================================================================ measure

    /** The plan's progress steps: one per cell and round (a child JVM each). */
    @Override
    public int plannedSteps(Params p) {
        return cells(p).size() * p.getEffort("fill").forks();
    }

    /** The run's cells: its subjects at its writer count. */
    private static List<Cell> cells(Params p) {
        return cells(p.getStrings("subjects").stream().map(GrowingMap::parse).toList(), p.getInt("writers"));
    }

    /** The recording JVMs' options: Parallel GC, a fixed pre-touched heap of {@code heapMb} MiB, half of it young generation. */
    private static List<String> jvmArgs(long heapMb) {
        return List.of("-XX:+UseParallelGC", "-Xms" + heapMb + "m", "-Xmx" + heapMb + "m", "-XX:NewRatio=1", "-XX:+AlwaysPreTouch",
                "--add-opens", "java.base/java.util=ALL-UNNAMED", "--add-opens", "java.base/java.util.concurrent=ALL-UNNAMED",
                "-Djava.awt.headless=true");
    }

    /**
     * The plan: the ProbeMaps' table memory counted in process, then one child JVM per cell and
     * round ({@code fill_effort}'s JVMs), with the rows they give and the findings conclude
     * gives for those cells. The resizing puts' rows have {@code op_index}, {@code table_before}
     * and {@code table_after} varying (with several writers, which writer's put meets a resize is
     * chance): the plan lists the resizes of a table doubling at load factor 0.75
     * ({@link #expectedResizes}) for the synthetic rows.
     */
    @Override
    public void plan(Plan.Builder plan, RunContext context) {
        Params p = plan.params();
        int n = p.getInt("n");
        int buckets = p.getInt("buckets");
        Effort effort = p.getEffort("fill");
        List<Cell> cells = cells(p);
        plan.step("counting table memory: ProbeMap doubling and incremental", 1, 0.3 + 2e-7 * n);
        for (GrowingMap s : List.of(GrowingMap.PROBEMAP_DOUBLING, GrowingMap.PROBEMAP_INCREMENTAL)) {
            plan.count(Plan.dims("subject", s.id(), "n_keys", n, "bytes_per_slot", BYTES_PER_SLOT), "peak_table_bytes", Unit.BYTES);
            plan.count(Plan.dims("subject", s.id(), "n_keys", n, "bytes_per_slot", BYTES_PER_SLOT), "mean_table_bytes", Unit.BYTES);
        }
        plan.count(Plan.dims("subject", GrowingMap.PROBEMAP_INCREMENTAL.id(), "n_keys", n, "migration_slots", p.getInt("migration_slots")),
                "migrating_puts", Unit.COUNT, n / 2);
        // a JVM: start and heap pre-touch, then warm-up fills of n/4 keys and recorded fills of n, each put timed (~150 ns with the recorder)
        double perJvm = 1.0 + p.getLong("heap_mb") * 5e-4 + (effort.warmupIterations() * (n / 4.0) + effort.iterations() * (double) n) * 1.5e-7;
        for (Cell c : cells) {
            plan.step("put latency JVMs: " + c.label(), effort.forks(), perJvm);
            Map<String, Object> cell = Plan.dims("subject", c.subject().id(), "writers", c.writers(), "n_keys", n);
            for (int jvm = 1; jvm <= effort.forks(); jvm++) {
                plan.varying("op_index", "table_before", "table_after");
                for (long[] z : expectedResizes(c.subject(), n)) {
                    plan.count(with(cell, "jvm", jvm, "op_index", z[0], "table_before", (int) z[1], "table_after", (int) z[2]), "resize_latency", NS);
                }
                plan.varying();
                plan.count(with(cell, "jvm", jvm, "recorded_fills", effort.iterations()), "collections", Unit.COUNT, 0);
            }
            for (String stat : PutLatency.STATS) plan.timed(with(cell, "stat", stat), "latency", NS);
            for (int b = 0; b < buckets; b++) plan.timed(with(cell, "bucket", b, "first_op", PutLatency.firstOp(b, n, buckets)), "bucket_max", NS);
            plan.timed(cell, "fill_time", Unit.MS);
        }
        plannedFindings(plan, cells, n);
    }

    private static Map<String, Object> with(Map<String, Object> dims, Object... more) {
        Map<String, Object> out = new LinkedHashMap<>(dims);
        out.putAll(Plan.dims(more));
        return out;
    }

    /**
     * The resizes a fill of n keys makes if its table doubles once it holds more than 0.75 of its
     * length, from HashMap's and ConcurrentHashMap's first table (16) or ProbeMap's (2); none for
     * the presized maps: {operation index, length before, length after}. The plan's stand-in for
     * what the run finds (the ProbeMaps keep a free slot, several writers meet resizes at other
     * operations).
     */
    static List<long[]> expectedResizes(GrowingMap subject, int n) {
        int length = switch (subject) {
            case HASHMAP_DEFAULT, CHM_DEFAULT -> 16;
            case PROBEMAP_DOUBLING, PROBEMAP_INCREMENTAL -> 2;
            case HASHMAP_PRESIZED, CHM_PRESIZED -> 0;
        };
        List<long[]> out = new ArrayList<>();
        while (length > 0 && (long) (length * 0.75) < n) {
            out.add(new long[] {(long) (length * 0.75), length, 2L * length});
            length *= 2;
        }
        return out;
    }

    /** The findings {@link #findings} gives for these cells. */
    private static void plannedFindings(Plan.Builder plan, List<Cell> cells, int n) {
        boolean hashMap = hasCell(cells, GrowingMap.HASHMAP_DEFAULT, 1);
        boolean doubling = hasCell(cells, GrowingMap.PROBEMAP_DOUBLING, 1);
        boolean incremental = hasCell(cells, GrowingMap.PROBEMAP_INCREMENTAL, 1);
        if (hashMap && hasCell(cells, GrowingMap.HASHMAP_PRESIZED, 1)) plan.finding("hashmap_default_vs_presized_p99_9", "hashmap_default_vs_presized_max");
        if (doubling && incremental) {
            plan.finding("incremental_vs_doubling_max", "incremental_vs_doubling_p99_9", "incremental_vs_doubling_mean");
            if (resizesAtLeast(GrowingMap.PROBEMAP_DOUBLING, n) && resizesAtLeast(GrowingMap.PROBEMAP_INCREMENTAL, n)) {
                plan.finding("incremental_vs_doubling_resize_put");
            }
        }
        if (hashMap && resizesAtLeast(GrowingMap.HASHMAP_DEFAULT, n)) plan.finding("hashmap_default_resize_ns_per_bucket");
        if (doubling) plan.finding("max_put_doubling_us");
        if (incremental) plan.finding("max_put_incremental_us");
        plan.finding("incremental_vs_doubling_mean_table_bytes");
        if (cells.stream().anyMatch(c -> c.subject() == GrowingMap.CHM_DEFAULT && c.writers() > 1) && hasCell(cells, GrowingMap.CHM_DEFAULT, 1)) {
            plan.finding("chm_writers_vs_one_p99_9", "chm_writers_vs_one_max");
        }
        plan.finding("collections_during_recorded_fills");
        if ((hashMap || doubling && incremental) && !resizesAtLeast(GrowingMap.HASHMAP_DEFAULT, n) && !resizesAtLeast(GrowingMap.PROBEMAP_DOUBLING, n)) {
            plan.note("n = " + n + " is too small for a resize to >= " + MIN_RESIZE_SLOTS + " slots: no finding on the resizing put's cost per slot");
        }
    }

    private static boolean hasCell(List<Cell> cells, GrowingMap subject, int writers) {
        return cells.contains(new Cell(subject, writers));
    }

    /** Whether a fill of n keys is expected to resize to at least {@link #MIN_RESIZE_SLOTS} slots (the resizes the per-slot cost uses). */
    private static boolean resizesAtLeast(GrowingMap subject, int n) {
        return expectedResizes(subject, n).stream().anyMatch(z -> z[2] >= MIN_RESIZE_SLOTS);
    }

    @Override
    public void measure(RunContext ctx) throws InterruptedException {
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
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("main_class", PutLatency.class.getName());
        note.put("jvm_args", jvmArgs);
        note.put("recorder", "HdrHistogram, 3 significant digits, System.nanoTime around each put");
        note.put("cores", Runtime.getRuntime().availableProcessors());
        out.note("put_latency_jvm", note);

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
                for (PutLatency.Resize z : r.resizes()) {
                    out.row().with("subject", c.subject().id()).with("writers", c.writers()).with("n_keys", n).with("jvm", jvm)
                            .with("op_index", z.op()).with("table_before", z.before()).with("table_after", z.after())
                            .measure("resize_latency", z.latencyNs(), NS);
                }
                out.row().with("subject", c.subject().id()).with("writers", c.writers()).with("n_keys", n).with("jvm", jvm)
                        .with("recorded_fills", effort.iterations()).measure("collections", r.collections(), Unit.COUNT);
            }
        }
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
     * same keys, at its peak and averaged over the puts (slots of the live tables x {@link #BYTES_PER_SLOT}).
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

    // ================================================================ conclude

    @Override
    public void conclude(RunData data, ResultBuilder out) {
        Rows rows = data.rows();
        Rows latency = rows.metric("latency");
        if (latency.isEmpty()) return;
        List<Cell> cells = cellsIn(latency);
        String n = latency.first().orElseThrow().str("n_keys");

        latencyTable(rows, cells, out);
        resizeTable(rows, cells, out);
        memoryTable(rows, out);
        out.chart("percentiles", percentileChart(latency, cells, n));
        out.chart("latency by operation", operationChart(rows.metric("bucket_max"), cells, n));
        if (!rows.metric("resize_latency").isEmpty()) out.chart("resize puts", resizeChart(rows.metric("resize_latency"), cells, n));
        findings(rows, out);
    }

    /** The cells present in the rows, in the order of their first row. */
    static List<Cell> cellsIn(Rows latency) {
        List<Cell> cells = new ArrayList<>();
        for (Rows.Row r : latency) {
            Cell c = new Cell(GrowingMap.parse(r.str("subject")), (int) r.integer("writers"));
            if (!cells.contains(c)) cells.add(c);
        }
        return cells;
    }

    private static Rows cell(Rows rows, GrowingMap subject, int writers) {
        return rows.where("subject", subject.id()).where("writers", writers);
    }

    /** A cell's statistic (per-JVM samples), if measured. */
    static java.util.Optional<Measured> stat(Rows rows, GrowingMap subject, int writers, String stat) {
        return cell(rows.metric("latency"), subject, writers).where("stat", stat).first().map(Rows.Row::measured);
    }

    /**
     * The findings, each a ratio of per-JVM statistics paired by round (or, for the ProbeMaps'
     * memory, a ratio of in-process counts), with the conditions it was measured under.
     */
    static void findings(Rows rows, ResultBuilder out) {
        Rows latency = rows.metric("latency");
        if (latency.isEmpty()) return;
        String n = latency.first().orElseThrow().str("n_keys");

        out.attempt("hashmap_default_vs_presized_p99_9", () -> ratio(out, rows, "hashmap_default_vs_presized_p99_9", "p99_9", GrowingMap.HASHMAP_DEFAULT, 1, GrowingMap.HASHMAP_PRESIZED, 1,
                "The 99.9th-percentile put while filling new HashMap<>() with " + n + " keys", "that of a presized HashMap", n));
        out.attempt("hashmap_default_vs_presized_max", () -> ratio(out, rows, "hashmap_default_vs_presized_max", "max", GrowingMap.HASHMAP_DEFAULT, 1, GrowingMap.HASHMAP_PRESIZED, 1,
                "The longest put while filling new HashMap<>() with " + n + " keys", "that of a presized HashMap", n));
        out.attempt("incremental_vs_doubling_max", () -> ratio(out, rows, "incremental_vs_doubling_max", "max", GrowingMap.PROBEMAP_INCREMENTAL, 1, GrowingMap.PROBEMAP_DOUBLING, 1,
                "The longest put into the incrementally resizing ProbeMap (" + n + " keys)", "that of ProbeMap doubling all at once", n));
        out.attempt("incremental_vs_doubling_p99_9", () -> ratio(out, rows, "incremental_vs_doubling_p99_9", "p99_9", GrowingMap.PROBEMAP_INCREMENTAL, 1, GrowingMap.PROBEMAP_DOUBLING, 1,
                "The 99.9th-percentile put into the incrementally resizing ProbeMap", "that of ProbeMap doubling all at once", n));
        out.attempt("incremental_vs_doubling_mean", () -> ratio(out, rows, "incremental_vs_doubling_mean", "mean", GrowingMap.PROBEMAP_INCREMENTAL, 1, GrowingMap.PROBEMAP_DOUBLING, 1,
                "The mean put into the incrementally resizing ProbeMap", "that of ProbeMap doubling all at once", n));
        Rows resizes = rows.metric("resize_latency");
        out.attempt("incremental_vs_doubling_resize_put", () -> {
            Map<Integer, Double> slotI = resizeNsPerSlot(resizes, GrowingMap.PROBEMAP_INCREMENTAL);
            Map<Integer, Double> slotD = resizeNsPerSlot(resizes, GrowingMap.PROBEMAP_DOUBLING);
            if (slotI.isEmpty() || slotD.isEmpty()) return;
            out.finding(Finding.timeRatio("incremental_vs_doubling_resize_put", "A resizing put into the incrementally resizing ProbeMap "
                    + "(it only allocates the new table; per JVM the median over resizes to >= " + MIN_RESIZE_SLOTS + " slots of ns per new slot)",
                    "one into ProbeMap doubling all at once (it allocates and re-inserts every key)", Estimates.ratio(slotI, slotD)).where("n_keys", n));
        });
        out.attempt("hashmap_default_resize_ns_per_bucket", () -> {
            Map<Integer, Double> slotH = resizeNsPerSlot(resizes, GrowingMap.HASHMAP_DEFAULT);
            if (slotH.isEmpty()) return;
            out.finding(Finding.estimate("hashmap_default_resize_ns_per_bucket", Gc.nonNegative(Estimates.mean(slotH)), "ns", Finding.Basis.TIMING,
                    "A resizing put into new HashMap<>(), which splits every bin into the doubled table, took %.2f ns per bucket of the new table, "
                    + "per JVM the median over its resizes to >= " + MIN_RESIZE_SLOTS + " buckets, mean over " + slotH.size() + " JVMs").where("n_keys", n));
        });
        for (GrowingMap s : List.of(GrowingMap.PROBEMAP_DOUBLING, GrowingMap.PROBEMAP_INCREMENTAL)) {
            String id = s == GrowingMap.PROBEMAP_DOUBLING ? "max_put_doubling_us" : "max_put_incremental_us";
            out.attempt(id, () -> stat(rows, s, 1, "max").ifPresent(m -> out.finding(Finding.estimate(id,
                    Gc.nonNegative(m.scaled(1e-3).estimate()), "us", Finding.Basis.TIMING,
                    "The longest put into " + s.label() + " while filling " + n + " keys, mean over " + m.forkMeans().size() + " JVMs: %.0f us")
                    .where("n_keys", n))));
        }

        Rows memory = rows.metric("mean_table_bytes");
        out.attempt("incremental_vs_doubling_mean_table_bytes", () -> {
            var di = memory.where("subject", GrowingMap.PROBEMAP_INCREMENTAL.id()).first();
            var dd = memory.where("subject", GrowingMap.PROBEMAP_DOUBLING.id()).first();
            if (di.isEmpty() || dd.isEmpty()) return;
            double r = di.get().value() / dd.get().value();
            out.finding(Finding.count("incremental_vs_doubling_mean_table_bytes", r, "x", "Averaged over the " + n
                    + " puts, the incremental ProbeMap held %.2fx the table bytes of ProbeMap doubling all at once (it keeps the old table until "
                    + "migrated; counted: slots of the live tables x " + BYTES_PER_SLOT + " B)").where("n_keys", n));
        });

        List<Integer> several = rows.metric("latency").where("subject", GrowingMap.CHM_DEFAULT.id()).distinct("writers").stream()
                .map(Integer::parseInt).filter(w -> w > 1).toList();
        for (int w : several) {
            out.attempt("chm_writers_vs_one_p99_9", () -> ratio(out, rows, "chm_writers_vs_one_p99_9", "p99_9", GrowingMap.CHM_DEFAULT, w, GrowingMap.CHM_DEFAULT, 1,
                    "The 99.9th-percentile put into new ConcurrentHashMap<>() with " + w + " writers (they help transfer bins when they meet a resize)",
                    "that with one writer", n));
            out.attempt("chm_writers_vs_one_max", () -> ratio(out, rows, "chm_writers_vs_one_max", "max", GrowingMap.CHM_DEFAULT, w, GrowingMap.CHM_DEFAULT, 1,
                    "The longest put into new ConcurrentHashMap<>() with " + w + " writers", "that with one writer", n));
        }

        Rows collections = rows.metric("collections");
        out.attempt("collections_during_recorded_fills", () -> {
            if (collections.isEmpty()) return;
            double total = 0;
            for (Rows.Row r : collections) total += r.value();
            out.finding(Finding.count("collections_during_recorded_fills", total, "count", "Garbage collections during the recorded fills, all JVMs of all "
                    + "subjects together: %.0f (a spike is a resize, not a collection, when this is 0)").where("n_keys", n));
        });
    }

    private static void ratio(ResultBuilder out, Rows rows, String id, String stat, GrowingMap a, int writersA, GrowingMap b, int writersB,
                              String labelA, String labelB, String n) {
        var ma = stat(rows, a, writersA, stat);
        var mb = stat(rows, b, writersB, stat);
        if (ma.isEmpty() || mb.isEmpty()) return;
        Finding f = Finding.timeRatio(id, labelA, labelB, ma.get().ratioTo(mb.get())).where("n_keys", n);
        if (writersA != writersB) f = f.where("writers", Math.max(writersA, writersB));
        out.finding(f);
    }

    /** One row per cell: the percentiles, max and mean (means over JVMs), with the max's interval, resizes and collections. */
    private static void latencyTable(Rows rows, List<Cell> cells, ResultBuilder out) {
        List<Map<String, Object>> table = new ArrayList<>();
        for (Cell c : cells) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("subject", c.label());
            Rows mine = cell(rows.metric("latency"), c.subject(), c.writers());
            row.put("jvms", (long) mine.first().map(r -> r.measured().forkMeans().size()).orElse(0));
            for (String stat : PutLatency.STATS) {
                mine.where("stat", stat).first().ifPresent(r -> row.put(stat + "_ns", r.value()));
            }
            mine.where("stat", "max").first().ifPresent(r -> {
                Estimate e = Gc.nonNegative(r.measured().estimate());
                row.put("max_low_ns", e.low());
                row.put("max_high_ns", e.high());
            });
            Rows resizes = cell(rows.metric("resize_latency"), c.subject(), c.writers());
            long jvms = resizes.distinct("jvm").size();
            row.put("resizes_per_fill", jvms == 0 ? 0L : (long) Math.round((double) resizes.size() / jvms));
            double gcs = 0;
            for (Rows.Row r : cell(rows.metric("collections"), c.subject(), c.writers())) gcs += r.value();
            row.put("collections", (long) gcs);
            cell(rows.metric("fill_time"), c.subject(), c.writers()).first().ifPresent(r -> row.put("fill_ms", r.value()));
            table.add(row);
        }
        out.table("latency", TidyTables.fromRows("latency", table));
    }

    /** Per cell and resize (by new table length): where it happened and how long that put took, mean and max over JVMs. */
    private static void resizeTable(Rows rows, List<Cell> cells, ResultBuilder out) {
        List<Map<String, Object>> table = new ArrayList<>();
        for (Cell c : cells) {
            Rows mine = cell(rows.metric("resize_latency"), c.subject(), c.writers());
            for (String after : mine.distinct("table_after")) {
                Rows one = mine.where("table_after", after);
                double sum = 0, max = 0;
                long op = Long.MAX_VALUE;
                for (Rows.Row r : one) {
                    sum += r.value();
                    max = Math.max(max, r.value());
                    op = Math.min(op, r.integer("op_index"));
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("subject", c.label());
                row.put("op_index", op);
                row.put("table_before", one.first().orElseThrow().integer("table_before"));
                row.put("table_after", Long.parseLong(after));
                row.put("jvms", (long) one.size());
                row.put("mean_latency_us", sum / one.size() / 1e3);
                row.put("max_latency_us", max / 1e3);
                table.add(row);
            }
        }
        if (!table.isEmpty()) out.table("resizes", TidyTables.fromRows("resizes", table));
    }

    private static void memoryTable(Rows rows, ResultBuilder out) {
        List<Map<String, Object>> table = new ArrayList<>();
        for (Rows.Row r : rows.metric("peak_table_bytes")) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("subject", GrowingMap.parse(r.str("subject")).label());
            row.put("peak_table_mb", r.value() / (1 << 20));
            rows.metric("mean_table_bytes").where("subject", r.str("subject")).first().ifPresent(m -> row.put("mean_table_mb", m.value() / (1 << 20)));
            rows.metric("migrating_puts").where("subject", r.str("subject")).first().ifPresent(m -> row.put("puts_while_migrating", (long) m.value()));
            table.add(row);
        }
        if (!table.isEmpty()) out.table("table memory", TidyTables.fromRows("table memory", table));
    }

    /** Latency against percentile (log x as 1/(1-p), log y), one line per cell, error bars over JVMs; max plotted at 1/(1-p) = puts per JVM. */
    static XYChart percentileChart(Rows latency, List<Cell> cells, String n) {
        XYChart chart = Charts.percentiles("Put latency by percentile while filling " + n + " keys (HdrHistogram; error bars: "
                + Finding.confidenceLabel() + " interval over JVMs; last point: max)", "put latency (ns)");
        for (Cell c : cells) {
            Rows mine = cell(latency, c.subject(), c.writers());
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            List<Double> errs = new ArrayList<>();
            for (String stat : PERCENTILE_STATS) {
                mine.where("stat", stat).first().ifPresent(r -> {
                    xs.add(Charts.percentileAxis(PutLatency.percentileOf(stat)));
                    ys.add(r.value());
                    errs.add(r.error());
                });
            }
            mine.where("stat", "max").first().ifPresent(r -> {
                xs.add(Double.parseDouble(n));
                ys.add(r.value());
                errs.add(r.error());
            });
            if (!xs.isEmpty()) Charts.series(chart, c.label(), xs, ys, errs);
        }
        return chart;
    }

    /**
     * The longest put in each run of operations against the run's first operation index, the
     * median over JVMs (a resize happens at the same operation in every JVM, a descheduled thread
     * at random ones, so the median keeps resize spikes and drops most of the machine's noise).
     */
    static XYChart operationChart(Rows bucketMax, List<Cell> cells, String n) {
        // one small panel per subject: the noisy lines of several subjects hide each other in one plot
        XYChart chart = Charts.smallMultiples("Longest put per " + bucketMax.distinct("bucket").size() + "th of the fill against operation index (median over JVMs)",
                "operation index (puts so far, of " + n + ")", "longest put in the run (ns)");
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(0);
        for (Cell c : cells) {
            Rows mine = cell(bucketMax, c.subject(), c.writers());
            if (mine.isEmpty()) continue;
            List<Long> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (Rows.Row r : mine) {
                xs.add(r.integer("first_op"));
                ys.add(Math.max(1, medianOverJvms(r)));
            }
            Charts.series(chart, c.label(), xs, ys, null);
        }
        return chart;
    }

    static double medianOverJvms(Rows.Row r) {
        if (r.samples().isEmpty()) return r.value();
        return Stats.median(r.measured().forkMeans().values().stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Each resize's put (the put during which the table length changed) against its operation index, mean over JVMs, log-log. */
    static XYChart resizeChart(Rows resizes, List<Cell> cells, String n) {
        XYChart chart = Charts.logLog("The put that resized the table, against operation index (" + n + " keys; mean over JVMs, bars: min to max)",
                "operation index of the resizing put", "latency of that put (ns)");
        for (Cell c : cells) {
            Rows mine = cell(resizes, c.subject(), c.writers());
            if (mine.isEmpty() || c.writers() > 1) continue;   // several writers: each resize is seen by one of them, at varying indices
            List<Long> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            List<Double> errs = new ArrayList<>();
            for (String after : mine.distinct("table_after")) {
                Rows one = mine.where("table_after", after);
                double[] v = one.list().stream().mapToDouble(Rows.Row::value).toArray();
                xs.add(one.list().stream().mapToLong(r -> r.integer("op_index")).min().orElseThrow() + 1);
                double mean = Stats.mean(v);
                ys.add(mean);
                errs.add((Arrays.stream(v).max().orElse(mean) - Arrays.stream(v).min().orElse(mean)) / 2);
            }
            Charts.series(chart, c.label(), xs, ys, errs);
        }
        return chart;
    }

    /**
     * Per JVM, the median over its resizes to at least {@link #MIN_RESIZE_SLOTS} slots of the
     * resizing put's latency divided by the new table's length. A resize's work grows with the
     * table, so per slot the resizes of one fill are comparable, and the median over them ignores
     * the one or two resizing puts that a loaded machine happened to deschedule (a single put's
     * latency includes whatever the operating system did meanwhile). One writer only.
     */
    static Map<Integer, Double> resizeNsPerSlot(Rows resizes, GrowingMap subject) {
        Map<Integer, List<Double>> perJvm = new java.util.TreeMap<>();
        for (Rows.Row r : cell(resizes, subject, 1)) {
            long after = r.integer("table_after");
            if (after < MIN_RESIZE_SLOTS) continue;
            perJvm.computeIfAbsent((int) r.integer("jvm"), k -> new ArrayList<>()).add(r.value() / after);
        }
        Map<Integer, Double> out = new java.util.TreeMap<>();
        perJvm.forEach((jvm, v) -> out.put(jvm, Stats.median(v.stream().mapToDouble(Double::doubleValue).toArray())));
        return out;
    }

    /** An estimate in ns as us. */
    static Estimate micros(Estimate ns) {
        return new Estimate(ns.value() / 1e3, ns.low() / 1e3, ns.high() / 1e3, ns.n());
    }

    /** "p99_9" as "p99.9". */
    static String statLabel(String stat) {
        return stat.replace('_', '.').toLowerCase(Locale.ROOT);
    }
}
