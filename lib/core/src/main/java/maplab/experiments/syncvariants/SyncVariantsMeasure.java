package maplab.experiments.syncvariants;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.measure.Contention;
import maplab.measure.Jmh;
import maplab.measure.JmhScore;
import maplab.progress.Progress;
import maplab.measure.Measured;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.plan.Unit;
import maplab.subject.concurrent.SharedMapType;
import maplab.workload.Popularity;
import maplab.experiments.RunContext;
import maplab.experiments.syncvariants.SyncVariantsPlan.Batch;
import maplab.experiments.syncvariants.SyncVariantsPlan.LatencyCell;
import static maplab.subject.concurrent.SharedMapType.CONCURRENT_HASH_MAP;
import static maplab.experiments.syncvariants.SyncVariants.LATENCY_BENCH;
import static maplab.experiments.syncvariants.SyncVariants.LATENCY_PART;
import static maplab.experiments.syncvariants.SyncVariants.PERCENTILES;
import static maplab.experiments.syncvariants.SyncVariantsPlan.MS_PER_S;
import static maplab.experiments.syncvariants.SyncVariantsPlan.cellsPerRun;
import static maplab.experiments.syncvariants.SyncVariantsPlan.headlineKeys;
import static maplab.experiments.syncvariants.SyncVariantsPlan.headlinePopularity;
import static maplab.experiments.syncvariants.SyncVariantsPlan.latencyPlan;
import static maplab.experiments.syncvariants.SyncVariantsPlan.plan;
import static maplab.experiments.syncvariants.SyncVariantsPlan.throughputRun;

/**
 * sync-variants' measurement ({@link SyncVariants#measure}): the throughput batches in alternating
 * rounds with their run clock, then the latency cells with their JFR contention recordings;
 * writes rows only.
 */
final class SyncVariantsMeasure {

    private SyncVariantsMeasure() { }

    static void measure(RunContext ctx) {
        Params p = ctx.params();
        ResultBuilder out = ctx.result();

        int cores = Runtime.getRuntime().availableProcessors();
        out.note("logical_cores", cores);
        out.row().measure("logical_cores", cores, Unit.COUNT);

        List<Batch> plan = plan(p);
        List<Map<String, Object>> runOrder = Collections.synchronizedList(new ArrayList<>());
        List<Jmh> jmh = new ArrayList<>();
        for (Batch b : plan) jmh.add(throughputRun(ctx, plan, b).progress(new RunClock(ctx.progress(), b, cellsPerRun(p, b), runOrder)));
        List<List<JmhScore>> results = Jmh.inRounds(jmh, ctx.random("run-order"));
        out.note("run_order", RunClock.withEnds(runOrder, Instant.now()));

        for (int i = 0; i < plan.size(); i++) {
            Batch b = plan.get(i);
            for (JmhScore s : results.get(i)) {
                String subject = s.subject("subject", SharedMapType.class, SharedMapType::id);
                Measured alloc = s.secondary("gc.alloc.rate.norm");
                cell(out, subject, b, s).measure("throughput", s.measured(), Unit.ofJmh(s.unit()));
                cell(out, subject, b, s).measure("alloc_per_op", alloc, Unit.BYTES_PER_OP);
            }
        }
        measureLatency(ctx, headlineKeys(p), headlinePopularity(p));
    }

    /** Frames kept per cell in the {@code blocked_frame} rows. */
    static final int TOP_FRAMES = 5;

    /** A JFR event counts when its stack runs through the measured operation (not JMH's own waits, not the single writer's idle owner thread). */
    static final String LATENCY_METHOD = "maplab.bench.SyncLatencyBench.operate";

    /**
     * Per-operation latency (JMH sample mode: p50 to p99.99 per measured iteration, from JMH's
     * own histogram) and contention (a JFR recording per fork, see {@link Contention}) of each
     * latency cell, at {@code finding_threads} threads, the largest key count and the findings'
     * popularity. One JMH run per read share; the runs alternate in rounds.
     */
    private static void measureLatency(RunContext ctx, String keys, String popularity) {
        Params p = ctx.params();
        List<LatencyCell> plan = latencyPlan(p);
        if (plan.isEmpty()) return;
        int threads = p.getInt("finding_threads");
        int threshold = p.getInt("contention_threshold_us");
        java.nio.file.Path dir = contentionDir(ctx);
        List<List<JmhScore>> results = Jmh.inRounds(latencyRuns(ctx), ctx.random("latency-order"));
        ResultBuilder out = ctx.result();
        for (List<JmhScore> batch : results) {
            for (JmhScore s : batch) {
                String subject = s.param("subject", SharedMapType.class).id();
                int read = Integer.parseInt(s.param("readPct"));
                for (Map.Entry<String, String> pct : PERCENTILES.entrySet()) {
                    latencyRow(out, subject, read, threads, s.param("keys"), s.param("popularity", Popularity.class).id())
                            .with("percentile", pct.getKey()).measure("latency", s.secondary(pct.getValue()), Unit.ofJmh(s.unit()));
                }
            }
        }
        // the recordings: one per fork, each cell's sorted by start time, so the k-th is round k
        Map<List<String>, List<Contention.Blocked>> byCell = new LinkedHashMap<>();
        for (Contention.Blocked b : Contention.readAll(dir, m -> m.equals(LATENCY_METHOD))) {
            byCell.computeIfAbsent(List.of(b.cell().get("subject"), b.cell().get("read_pct"), b.cell().get("threads")), k -> new ArrayList<>()).add(b);
        }
        for (LatencyCell c : plan) {
            List<Contention.Blocked> forks = byCell.getOrDefault(List.of(c.subject().id(), String.valueOf(c.readPct()), String.valueOf(threads)), List.of());
            if (forks.isEmpty()) {
                throw new maplab.measure.MeasurementException("no contention recording for " + c.subject().id() + " at " + c.readPct()
                        + "% reads in " + dir + ": did the JMH fork run SyncLatencyBench with -D" + Contention.DIR_PROPERTY + "?");
            }
            contentionRows(out, c, threads, keys, popularity, threshold, forks, ctx.shard());
        }
    }

    /** Where the latency forks write their JFR recordings. */
    private static java.nio.file.Path contentionDir(RunContext ctx) {
        return ctx.workDir().resolve("contention");
    }

    /**
     * The latency JMH runs, one per latency read share (its latency subjects), at
     * {@code finding_threads} threads, the largest key count and the findings' popularity, each
     * fork recording contention with JFR: as {@link #measure} runs them and
     * {@link SyncVariantsPlan#plan(Plan.Builder)} states them. Each subject is compared with
     * ConcurrentHashMap, so a sequential effort adds rounds to the pairs still open (judged on
     * the mean latency, JMH's primary score in sample mode; the percentile findings widen their
     * intervals for the same looks).
     */
    static List<Jmh> latencyRuns(RunContext ctx) {
        Params p = ctx.params();
        List<LatencyCell> plan = latencyPlan(p);
        java.nio.file.Path dir = contentionDir(ctx);
        List<Jmh> runs = new ArrayList<>();
        for (int read : plan.stream().map(LatencyCell::readPct).distinct().toList()) {
            List<SharedMapType> subjects = plan.stream().filter(c -> c.readPct() == read).map(LatencyCell::subject).toList();
            Jmh run = ctx.jmh(LATENCY_BENCH, LATENCY_PART)
                    .param("subject", subjects)
                    .param("readPct", String.valueOf(read))
                    .param("keys", headlineKeys(p))
                    .param("popularity", Popularity.parse(headlinePopularity(p)))
                    .param("seed", String.valueOf(ctx.seed("workload")))
                    .threads(p.getInt("finding_threads"))
                    .jvmArgsAppend("-D" + Contention.DIR_PROPERTY + "=" + dir, "-D" + Contention.THRESHOLD_PROPERTY + "=" + p.getInt("contention_threshold_us"));
            // the latency findings' pairs: each subject against ConcurrentHashMap (a sequential effort settles them on the mean latency)
            if (subjects.contains(CONCURRENT_HASH_MAP)) {
                for (SharedMapType t : subjects) {
                    if (t != CONCURRENT_HASH_MAP) run.compare(Map.of("subject", t.name()), Map.of("subject", CONCURRENT_HASH_MAP.name()));
                }
            }
            runs.add(run);
        }
        return runs;
    }

    private static ResultBuilder.Row latencyRow(ResultBuilder out, String subject, int read, int threads, String keys, String popularity) {
        return row(out, cellDims(subject, read, threads, Integer.parseInt(keys), popularity));
    }

    /** The dimensions of a throughput, latency or contention cell's rows. */
    static Map<String, Object> cellDims(String subject, int read, int threads, int nKeys, String popularity) {
        return Plan.dims("subject", subject, "read_pct", read, "threads", threads, "n_keys", nKeys, "popularity", popularity);
    }

    /** A row with these dimensions, ready to measure. */
    private static ResultBuilder.Row row(ResultBuilder out, Map<String, Object> dims) {
        ResultBuilder.Row row = out.row();
        dims.forEach(row::with);
        return row;
    }

    /** Rows of one cell's recordings: blocked ms per second and ns per operation (a sample per fork), events, and the top frames. */
    static void contentionRows(ResultBuilder out, LatencyCell c, int threads, String keys, String popularity, int threshold,
                               List<Contention.Blocked> forks, maplab.measure.Shard shard) {
        List<maplab.stats.Estimates.Sample> perSecond = new ArrayList<>();
        List<maplab.stats.Estimates.Sample> perOp = new ArrayList<>();
        Map<String, Long> frames = new LinkedHashMap<>();
        Map<String, Long> events = new LinkedHashMap<>();
        Map<String, Long> eventNanos = new LinkedHashMap<>();
        for (int r = 0; r < forks.size(); r++) {
            Contention.Blocked b = forks.get(r);
            int round = shard.round(r);   // recordings come in this shard's rounds, numbered as the whole run's
            perSecond.add(new maplab.stats.Estimates.Sample(round, 0, b.millisPerSecond()));
            perOp.add(new maplab.stats.Estimates.Sample(round, 0, b.nanosPerOp()));
            b.nanosByFrame().forEach((f, n) -> frames.merge(f, n, Long::sum));
            b.eventsByEvent().forEach((e, n) -> events.merge(e, n, Long::sum));
            b.nanosByEvent().forEach((e, n) -> eventNanos.merge(e, n, Long::sum));
        }
        String subject = c.subject().id();
        latencyRow(out, subject, c.readPct(), threads, keys, popularity).with("threshold_us", threshold)
                .measure("blocked_per_s", Measured.of(perSecond), MS_PER_S);
        latencyRow(out, subject, c.readPct(), threads, keys, popularity).with("threshold_us", threshold)
                .measure("blocked_per_op", Measured.of(perOp), Unit.NS_PER_OP);
        for (String e : Contention.EVENTS) {
            latencyRow(out, subject, c.readPct(), threads, keys, popularity).with("threshold_us", threshold).with("event", e)
                    .measure("blocked_events", events.getOrDefault(e, 0L), Unit.COUNT);
            latencyRow(out, subject, c.readPct(), threads, keys, popularity).with("threshold_us", threshold).with("event", e)
                    .measure("blocked_event_ms", eventNanos.getOrDefault(e, 0L) / 1e6, Unit.MS);
        }
        List<Map.Entry<String, Long>> top = frames.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_FRAMES).toList();
        for (int i = 0; i < top.size(); i++) {
            latencyRow(out, subject, c.readPct(), threads, keys, popularity).with("threshold_us", threshold)
                    .with("rank", i + 1).with("frame", top.get(i).getKey())
                    .measure("blocked_frame_ms", top.get(i).getValue() / 1e6, Unit.MS);
        }
    }

    static ResultBuilder.Row cell(ResultBuilder out, String subject, Batch b, JmhScore s) {
        return row(out, cellDims(subject, b.readPct(), b.threads(), Integer.parseInt(s.param("keys")), s.param("popularity", Popularity.class).id()));
    }

    /**
     * Passes progress on and notes when each JMH run of one batch starts: JMH reports each
     * cell's start, and a run (one round of a batch) starts with its first cell.
     */
    private static final class RunClock implements Progress {
        private final Progress delegate;
        private final Batch batch;
        private final int cellsPerRun;
        private final List<Map<String, Object>> runs;
        private int cellsStarted;

        RunClock(Progress delegate, Batch batch, int cellsPerRun, List<Map<String, Object>> runs) {
            this.delegate = delegate;
            this.batch = batch;
            this.cellsPerRun = cellsPerRun;
            this.runs = runs;
        }

        @Override public void start(String title, int totalSteps) { delegate.start(title, totalSteps); }
        @Override public void addSteps(int moreSteps) { delegate.addSteps(moreSteps); }
        @Override public void skipSteps(int n, String why) { delegate.skipSteps(n, why); }
        @Override public void note(String label) { delegate.note(label); }
        @Override public void done(String summary) { delegate.done(summary); }

        @Override public void step(String label) {
            if (label.startsWith("SyncVariantsBench.operate")) {
                if (cellsStarted % cellsPerRun == 0) {
                    Map<String, Object> run = new LinkedHashMap<>();
                    run.put("round", cellsStarted / cellsPerRun);
                    run.put("read_pct", batch.readPct());
                    run.put("threads", batch.threads());
                    run.put("start", Instant.now().toString());
                    runs.add(run);
                }
                cellsStarted++;
            }
            delegate.step(label);
        }

        /** The runs in start order, each ending when the next one started (the last at {@code end}). */
        static List<Map<String, Object>> withEnds(List<Map<String, Object>> runs, Instant end) {
            List<Map<String, Object>> sorted;
            synchronized (runs) {
                sorted = new ArrayList<>(runs);
            }
            sorted.sort(Comparator.comparing(m -> Instant.parse((String) m.get("start"))));
            for (int i = 0; i < sorted.size(); i++) {
                sorted.get(i).put("end", i + 1 < sorted.size() ? sorted.get(i + 1).get("start") : end.toString());
            }
            return sorted;
        }
    }
}
