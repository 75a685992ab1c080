package maplab.experiments;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import maplab.chart.Charts;
import maplab.experiment.Experiment;
import maplab.experiment.ParamSpec;
import maplab.experiment.Params;
import maplab.experiment.RunContext;
import maplab.experiment.RunData;
import maplab.measure.Effort;
import maplab.measure.GcPauses;
import maplab.measure.JmhScore;
import maplab.result.Finding;
import maplab.result.Measured;
import maplab.result.ResultBuilder;
import maplab.result.Rows;
import maplab.result.TidyTables;
import maplab.result.Unit;
import maplab.stats.Estimates;
import maplab.stats.Estimates.Estimate;
import maplab.stats.Stats;
import maplab.subject.jdk.MapConstructor;
import maplab.subject.putget.PutGetMapKind;
import maplab.workload.MapChurn;
import org.apache.commons.math3.distribution.TDistribution;
import org.knowm.xchart.CategoryChart;

/**
 * gc: what maps cost the garbage collector, in two parts.
 *
 * <p><b>Allocation</b> (part {@code alloc}, effort {@code alloc_effort}): bytes allocated per put
 * and per get (JMH {@code -prof gc}, {@code gc.alloc.rate.norm}) for a boxed
 * {@code HashMap<Integer, Integer>} against fastutil's primitive {@code Int2IntOpenHashMap}. The
 * rows keep every fork's samples; a finding's interval is over forks ({@link Estimates}), and the
 * ratio {@code alloc_hashmap_vs_fastutil} pairs the forks by round. Allocation is measured by JMH
 * in forked JVMs with its interval from fork-to-fork variation, so its basis is {@code timing}
 * (it is not an in-process count: the JIT's escape analysis can remove boxes in one fork and not
 * in another).
 *
 * <p><b>Pauses</b> (part {@code pause}, effort {@code pause_effort} = {@code JVMS:WARMUP+ROUNDS}):
 * {@link MapChurn} (build source maps, merge them into one large map, round after round) runs in
 * fresh JVMs with a pinned collector, default-sized and presized maps in alternating rounds (one
 * JVM of each variant per round, their order drawn from a seed), and every collection's pause is
 * read from JFR ({@code jdk.GarbageCollection}, {@code sumOfPauses}).
 *
 * <p><b>What the pause sample supports.</b> Pauses of one JVM share its heap state, its GC
 * ergonomics and the machine's load at that time: they are not independent, and about 20 pauses
 * per JVM cannot carry a 99th percentile (over about 95 pauses the p99 is about the
 * second-largest pause). The unit of replication is therefore the JVM, as the fork is for JMH:
 * each JVM is summarised by its total pause time, its longest pause and its number of
 * collections, and these per-JVM values are compared across JVMs:
 * <ul>
 *   <li>{@code pause_total_default_vs_presized}, {@code pause_max_default_vs_presized},
 *       {@code collections_default_vs_presized}: ratios of the per-JVM values with their 99%
 *       intervals ({@link Estimates#ratio}: the default and presized JVM of one round are paired,
 *       and the interval is the Student-t interval of the mean per-round log ratio, i.e. a ratio
 *       of geometric means); the verdict comes from that interval.</li>
 *   <li>{@code gc_pause_max_default_ms}, {@code gc_pause_max_presized_ms}: the longest pause of a
 *       JVM, averaged over JVMs, with a Student-t interval over JVMs. (They replace the former
 *       {@code gc_pause_p99_*}, which were not honest.)</li>
 *   <li>{@code pause_difference_p_value}: the two-sided p-value of the paired t-test on the log of
 *       each JVM's total pause time, the test whose interval is
 *       {@code pause_total_default_vs_presized}'s (p &lt; 0.01 exactly when that interval excludes
 *       1). A p-value has no interval: low = high = p, and no verdict of its own; the verdict is
 *       the ratio's. The "pause test" table adds Welch's test on the per-JVM values (unpaired).</li>
 * </ul>
 * The pause histogram pools every pause of every JVM and is descriptive only.
 */
public final class Gc implements Experiment {

    static final String ALLOC_BENCH = "maplab\\.bench\\.GcAllocBench\\.(fill|get)$";
    static final MapConstructor DEFAULT = MapConstructor.HASHMAP_DEFAULT;
    static final MapConstructor PRESIZED = MapConstructor.HASHMAP_PRESIZED;
    /** Bytes the pause workload keeps live per entry at its peak (measured: previous merged map, sources, new merged map). */
    static final long LIVE_BYTES_PER_ENTRY = 256;
    static final int HISTOGRAM_BINS = 12;

    @Override public String id() { return "gc"; }

    @Override public String summary() {
        return "allocation per put/get (boxed HashMap vs fastutil) and GC pauses building and merging maps, default vs presized";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
                ParamSpec.choices("subjects", PutGetMapKind.ids(), "hashmap,fastutil", "hashmap,fastutil", "maps whose allocation per put and get is measured"),
                ParamSpec.integer("alloc_n", 1_000, 10_000_000, 100_000, 1_000_000, "keys put per fill in the allocation benchmark"),
                ParamSpec.effort("alloc", new Effort(4, 1, 100, 2, 100), new Effort(6, 2, 250, 3, 250),
                        "JMH effort of the allocation benchmark (fill and get, -prof gc)"),
                ParamSpec.integer("n", 10_000, 50_000_000, 200_000, 2_000_000, "entries of the map merged each round (pause workload)"),
                ParamSpec.integer("maps", 1, 64, 4, 8, "source maps built and merged each round"),
                ParamSpec.effort("pause", Effort.shots(4, 1, 4), Effort.shots(6, 1, 6),
                        "pause workload: JVMS:WARMUP+ROUNDS, JVMs per variant (the forks of this part: the unit the pause tests replicate over), "
                        + "unrecorded warm-up rounds and recorded rounds per JVM"),
                ParamSpec.choice("gc", GcPauses.Collector.ids(), "g1", "g1", "collector pinned in the pause workload's JVMs"),
                ParamSpec.integer("heap_mb", 112, 65_536, 192, 2_048, "heap of the pause workload's JVMs (-Xms = -Xmx), MiB"));
    }

    @Override
    public void validate(Params p) {
        int n = p.getInt("n");
        if (p.getInt("maps") > n) {
            throw new IllegalArgumentException("parameter 'maps': bad value '" + p.getInt("maps") + "'; allowed: at most n (" + n + ")");
        }
        long needMb = (n * LIVE_BYTES_PER_ENTRY >> 20) + 64;
        if (p.getLong("heap_mb") < needMb) {
            throw new IllegalArgumentException("parameter 'heap_mb': bad value '" + p.getLong("heap_mb") + "'; allowed: a whole number from "
                    + needMb + " to 65536 for n = " + n + " (the workload keeps about " + LIVE_BYTES_PER_ENTRY + " bytes per entry live)");
        }
        Effort pause = p.getEffort("pause");
        if (!pause.singleShot()) {
            throw new IllegalArgumentException("parameter 'pause_effort': bad value '" + pause.text()
                    + "'; allowed: JVMS:WARMUP+ROUNDS without iteration times (e.g. 4:1+4): a pause round is one build-and-merge, not a timed iteration");
        }
    }

    // ------------------------------------------------------------------ measure

    @Override
    public void measure(RunContext ctx) throws Exception {
        allocation(ctx);
        pauses(ctx);
    }

    /** Part one: bytes and time per put and per get, boxed versus primitive; rows with per-fork samples. */
    private void allocation(RunContext ctx) {
        int n = ctx.params().getInt("alloc_n");
        ResultBuilder out = ctx.result();
        List<JmhScore> scores = ctx.jmh(ALLOC_BENCH, "alloc")
                .param("subject", ctx.params().getStrings("subjects"))
                .param("n", String.valueOf(n))
                .param("seed", String.valueOf(ctx.seed("alloc-keys")))
                .profiler("gc")
                .run();
        for (JmhScore s : scores) {
            PutGetMapKind kind = PutGetMapKind.parse(s.param("subject"));
            String operation = s.method().equals("fill") ? "put" : "get";
            double perScore = operation.equals("put") ? n : 1;
            out.row().with("subject", kind.id()).with("operation", operation).with("n_keys", n)
                    .measure("alloc", s.secondary("gc.alloc.rate.norm").scaled(1 / perScore), Unit.BYTES_PER_OP);
            out.row().with("subject", kind.id()).with("operation", operation).with("n_keys", n)
                    .measure("time", s.measured().scaled(1 / perScore), Unit.ofJmh(s.unit()));
        }
    }

    /**
     * Part two: GC pauses of the build-and-merge workload, default-sized versus presized maps.
     * Rows: one {@code pause} row per collection (variant, jvm, collection, collector, cause) and
     * one {@code collections} row per JVM (with the workload's settings as dimensions).
     */
    private void pauses(RunContext ctx) throws InterruptedException {
        Params p = ctx.params();
        int n = p.getInt("n");
        int maps = p.getInt("maps");
        Effort effort = p.getEffort("pause");
        int jvms = effort.forks();
        int warmup = effort.warmupIterations();
        int rounds = effort.iterations();
        GcPauses.Collector gc = GcPauses.Collector.parse(p.getString("gc"));
        long seed = ctx.seed("churn-keys");
        SplittableRandom order = ctx.random("pause-order");
        List<String> jvmArgs = List.of("-Xms" + p.getLong("heap_mb") + "m", "-Xmx" + p.getLong("heap_mb") + "m", gc.flag(),
                "-XX:+AlwaysPreTouch", "-Djava.awt.headless=true");
        Path dir = ctx.workDir().resolve("gc");
        ResultBuilder out = ctx.result();

        Set<String> collectorsSeen = new LinkedHashSet<>();
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("gc", gc.label());
        note.put("jvm_args", jvmArgs);
        note.put("main_class", MapChurn.class.getName());
        note.put("jvms_per_variant", jvms);
        note.put("warmup_rounds", warmup);
        note.put("recorded_rounds", rounds);
        note.put("event", GcPauses.EVENT + " (sumOfPauses)");
        out.note("gc_pause_jvm", note);

        ctx.progress().addSteps(2 * jvms);
        for (int f = 1; f <= jvms; f++) {
            List<MapConstructor> variants = order.nextBoolean() ? List.of(DEFAULT, PRESIZED) : List.of(PRESIZED, DEFAULT);
            for (MapConstructor variant : variants) {
                ctx.checkInterrupted();
                ctx.progress().step("GC pauses, round " + f + "/" + jvms + ", " + label(variant));
                String name = variant.id() + "-" + f;
                Path jfr = dir.resolve(name + ".jfr");
                List<String> args = new ArrayList<>(jvmArgs);
                args.add("-Xlog:gc:file=" + dir.resolve(name + "-gc.log"));
                List<GcPauses.Pause> recorded = GcPauses.fork(args, MapChurn.class,
                        List.of(variant.id(), String.valueOf(n), String.valueOf(maps), String.valueOf(rounds), String.valueOf(seed), jfr.toString(),
                                String.valueOf(warmup)),
                        jfr, dir.resolve(name + ".log"), Duration.ofMinutes(20));
                int i = 0;
                for (GcPauses.Pause pause : recorded) {
                    collectorsSeen.add(pause.collector());
                    out.row().with("variant", variant.id()).with("jvm", f).with("collection", ++i).with("collector", pause.collector())
                            .with("cause", pause.cause()).measure("pause", pause.pauseMs(), Unit.MS);
                }
                out.row().with("variant", variant.id()).with("jvm", f).with("n_keys", n).with("maps", maps).with("rounds", rounds)
                        .with("heap_mb", p.getLong("heap_mb")).with("gc", gc.id()).measure("collections", recorded.size(), Unit.COUNT);
                note.put("collectors_seen", List.copyOf(collectorsSeen));
                out.note("gc_pause_jvm", note);
            }
        }
    }

    // ------------------------------------------------------------------ conclude

    @Override
    public void conclude(RunData data, ResultBuilder out) {
        concludeAllocation(data.rows(), out);
        concludePauses(data.rows(), out);
    }

    private void concludeAllocation(Rows rows, ResultBuilder out) {
        Rows alloc = rows.metric("alloc");
        if (alloc.isEmpty()) return;
        List<Map<String, Object>> table = new ArrayList<>();
        for (Rows.Row r : alloc) {
            Estimate e = bytes(r);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("subject", PutGetMapKind.parse(r.str("subject")).label());
            row.put("operation", r.str("operation"));
            row.put("n_keys", r.integer("n_keys"));
            row.put("forks", (long) r.measured().forkMeans().size());
            row.put("bytes_per_op", e.value());
            row.put("bytes_low", e.low());
            row.put("bytes_high", e.high());
            rows.metric("time").where("subject", r.str("subject")).where("operation", r.str("operation")).first().ifPresent(t -> {
                Estimate te = estimate(t);
                row.put("time_per_op_" + t.str("unit").replace("/op", ""), te.value());
                row.put("time_low", te.low());
                row.put("time_high", te.high());
            });
            table.add(row);
        }
        out.table("allocation", TidyTables.fromRows("allocation", table));

        List<String> subjects = alloc.distinct("subject");
        List<String> ops = alloc.distinct("operation");
        long n = alloc.first().orElseThrow().integer("n_keys");
        CategoryChart chart = Charts.bars("Bytes allocated per operation (JMH -prof gc, " + n + " keys; error bars: "
                + Finding.confidenceLabel() + " interval over forks)", "operation", "allocated (B/op)");
        for (String id : subjects) {
            List<Double> values = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            for (String op : ops) {
                Estimate e = alloc.where("subject", id).where("operation", op).first().map(Gc::bytes).orElse(Estimate.exact(Double.NaN));
                values.add(e.value());
                errors.add(e.hasInterval() ? e.halfWidth() : 0.0);
            }
            Charts.bars(chart, PutGetMapKind.parse(id).label(), ops, values, errors);
        }
        out.chart("allocation", chart);

        allocFinding(out, alloc, "hashmap", "put", "alloc_per_put_hashmap",
                "Each put of an int pair into a boxed HashMap<Integer,Integer> allocated %.1f bytes on average while filling " + n + " keys");
        allocFinding(out, alloc, "fastutil", "put", "alloc_per_put_fastutil",
                "Each put into fastutil's Int2IntOpenHashMap allocated %.1f bytes on average while filling " + n + " keys");
        allocFinding(out, alloc, "hashmap", "get", "alloc_per_get_hashmap",
                "Each get with an int key from a boxed HashMap<Integer,Integer> allocated %.2f bytes on average");
        allocFinding(out, alloc, "fastutil", "get", "alloc_per_get_fastutil",
                "Each get from fastutil's Int2IntOpenHashMap allocated %.4f bytes on average");
        var hm = alloc.where("subject", "hashmap").where("operation", "put").first();
        var fu = alloc.where("subject", "fastutil").where("operation", "put").first();
        if (hm.isPresent() && fu.isPresent()) {
            out.finding(Finding.ratio("alloc_hashmap_vs_fastutil", "Per put, a boxed HashMap<Integer,Integer>", "fastutil's Int2IntOpenHashMap",
                    Finding.Quantity.BYTES, hm.get().measured().ratioTo(fu.get().measured()), Finding.Basis.TIMING).where("n_keys", n));
        }
    }

    private static void allocFinding(ResultBuilder out, Rows alloc, String subject, String operation, String id, String template) {
        alloc.where("subject", subject).where("operation", operation).first().ifPresent(r ->
                out.finding(Finding.estimate(id, bytes(r), "B/op", Finding.Basis.TIMING, template).where("n_keys", r.integer("n_keys"))));
    }

    /** A row's mean over forks with its interval (bytes cannot be negative: the lower bound is cut at 0). */
    static Estimate bytes(Rows.Row r) {
        return nonNegative(estimate(r));
    }

    /** The interval of a quantity that cannot be negative (bytes, a pause), cut at 0. */
    static Estimate nonNegative(Estimate e) {
        return e.hasInterval() ? new Estimate(e.value(), Math.max(0, e.low()), e.high(), e.n()) : e;
    }

    /** A row's estimate: over forks from its samples; for rows stored without samples, value +- the stored error. */
    static Estimate estimate(Rows.Row r) {
        if (!r.samples().isEmpty()) return r.measured().estimate();
        double err = r.error();
        return Double.isFinite(err) ? new Estimate(r.value(), r.value() - err, r.value() + err, 0) : new Estimate(r.value(), Double.NaN, Double.NaN, 0);
    }

    /** One variant's JVMs: per JVM its collections, total pause time, longest pause, and every pause. */
    record PerJvm(SortedMap<Integer, Double> collections, SortedMap<Integer, Double> total, SortedMap<Integer, Double> max, List<Double> pauses) {
        static PerJvm of(Rows rows, String variant) {
            SortedMap<Integer, Double> collections = new TreeMap<>();
            SortedMap<Integer, Double> total = new TreeMap<>();
            SortedMap<Integer, Double> max = new TreeMap<>();
            List<Double> pauses = new ArrayList<>();
            for (Rows.Row r : rows.metric("collections").where("variant", variant)) {
                int jvm = (int) r.integer("jvm");
                collections.put(jvm, r.value());
                total.put(jvm, 0.0);
                max.put(jvm, 0.0);
            }
            for (Rows.Row r : rows.metric("pause").where("variant", variant)) {
                int jvm = (int) r.integer("jvm");
                double ms = r.value();
                pauses.add(ms);
                total.merge(jvm, ms, Double::sum);
                max.merge(jvm, ms, Math::max);
            }
            return new PerJvm(collections, total, max, pauses);
        }
    }

    private void concludePauses(Rows rows, ResultBuilder out) {
        Rows collections = rows.metric("collections");
        if (collections.isEmpty()) {
            out.note("findings_not_computed", List.of("pause findings: need per-JVM 'collections' and per-collection 'pause' rows "
                    + "(runs stored before pauses were kept per JVM have only pooled summaries)"));
            return;
        }
        Rows.Row settings = collections.first().orElseThrow();
        long n = settings.integer("n_keys");
        GcPauses.Collector gc = GcPauses.Collector.parse(settings.str("gc"));
        PerJvm dflt = PerJvm.of(rows, DEFAULT.id());
        PerJvm pre = PerJvm.of(rows, PRESIZED.id());

        perJvmTable(out, dflt, pre);
        summaryTable(out, gc, dflt, pre);
        if (!dflt.pauses().isEmpty() || !pre.pauses().isEmpty()) out.chart("pause histogram", histogram(gc, dflt.pauses(), pre.pauses()));
        out.chart("pause total per JVM", perJvmChart(gc, dflt, pre));

        String what = gc.label() + " pause per JVM while building and merging " + n + "-entry maps with ";
        if (!dflt.max().isEmpty()) {
            out.finding(where(Finding.estimate("gc_pause_max_default_ms", nonNegative(Estimates.mean(dflt.max())), "ms", Finding.Basis.TIMING,
                    "Longest " + what + "new HashMap<>(), mean over " + dflt.max().size() + " JVMs: %.1f ms"), settings));
        }
        if (!pre.max().isEmpty()) {
            out.finding(where(Finding.estimate("gc_pause_max_presized_ms", nonNegative(Estimates.mean(pre.max())), "ms", Finding.Basis.TIMING,
                    "Longest " + what + "presized HashMaps, mean over " + pre.max().size() + " JVMs: %.1f ms"), settings));
        }
        if (dflt.total().isEmpty() || pre.total().isEmpty()) return;
        Estimate total = Estimates.ratio(dflt.total(), pre.total());
        out.finding(where(Finding.timeRatio("pause_total_default_vs_presized", "Total GC pause time per JVM with default-sized maps",
                "that with presized maps", total), settings));
        out.finding(where(Finding.timeRatio("pause_max_default_vs_presized", "The longest GC pause per JVM with default-sized maps",
                "that with presized maps", Estimates.ratio(dflt.max(), pre.max())), settings));
        out.finding(where(Finding.ratio("collections_default_vs_presized", "Collections per JVM with default-sized maps",
                "those with presized maps", Finding.Quantity.AMOUNT, Estimates.ratio(dflt.collections(), pre.collections()), Finding.Basis.TIMING), settings));

        testTable(out, dflt, pre);
        double p = pairedLogP(dflt.total(), pre.total());
        String text = Double.isNaN(p)
                ? String.format(Locale.ROOT, "Too few JVMs to test (%d default-sized, %d presized; each needs at least 2, with pauses): raise the JVMs of pause_effort",
                        dflt.total().size(), pre.total().size())
                : String.format(Locale.ROOT, "%s on the log of each JVM's total GC pause time (%d default-sized and %d presized JVMs; "
                        + "pauses inside one JVM are not treated as independent): p = %.3g. The verdict is pause_total_default_vs_presized's: "
                        + "%s, %s (%s interval %s to %s)", paired(dflt.total(), pre.total()) ? "Paired t-test (JVMs paired by round)" : "Welch's t-test",
                        dflt.total().size(), pre.total().size(), p, Finding.verdict(total, 1).label(), Finding.formatRatio(total.value()),
                        Finding.confidenceLabel(), Finding.formatRatio(total.low()), Finding.formatRatio(total.high()));
        out.finding(where(Finding.statistic("pause_difference_p_value", p, "p", Finding.Basis.TIMING, text), settings));
    }

    /** The pause workload's settings as a finding's conditions (they differ between quick and full). */
    private static Finding where(Finding f, Rows.Row settings) {
        return f.where("n_keys", settings.str("n_keys")).where("maps", settings.str("maps")).where("rounds", settings.str("rounds"))
                .where("heap_mb", settings.str("heap_mb")).where("gc", settings.str("gc"));
    }

    /** Whether two per-JVM maps pair by round (same JVM indices, at least 2). */
    static boolean paired(Map<Integer, Double> a, Map<Integer, Double> b) {
        return a.keySet().equals(b.keySet()) && a.size() >= 2;
    }

    /**
     * The two-sided p-value of the t-test behind {@link Estimates#ratio}: paired on the per-round
     * log ratios when the JVMs pair by round, else Welch's test on the logs; NaN with fewer than 2
     * values a side or a value that is not positive.
     */
    static double pairedLogP(Map<Integer, Double> a, Map<Integer, Double> b) {
        boolean positive = a.values().stream().allMatch(v -> v > 0) && b.values().stream().allMatch(v -> v > 0);
        if (!positive || a.size() < 2 || b.size() < 2) return Double.NaN;
        if (paired(a, b)) {
            double[] d = a.keySet().stream().mapToDouble(k -> Math.log(a.get(k)) - Math.log(b.get(k))).toArray();
            double m = Stats.mean(d);
            double sd = Stats.standardDeviation(d);
            if (sd == 0) return m == 0 ? 1 : 0;
            double t = m / (sd / Math.sqrt(d.length));
            return 2 * new TDistribution(d.length - 1).cumulativeProbability(-Math.abs(t));
        }
        return Stats.welch(logs(a), logs(b)).p();
    }

    private static double[] logs(Map<Integer, Double> xs) {
        return xs.values().stream().mapToDouble(Math::log).toArray();
    }

    private static double[] values(Map<Integer, Double> xs) {
        return xs.values().stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void perJvmTable(ResultBuilder out, PerJvm dflt, PerJvm pre) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (var e : List.of(Map.entry(DEFAULT, dflt), Map.entry(PRESIZED, pre))) {
            for (int jvm : e.getValue().collections().keySet()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("variant", label(e.getKey()));
                row.put("jvm", (long) jvm);
                row.put("collections", Math.round(e.getValue().collections().get(jvm)));
                row.put("total_pause_ms", e.getValue().total().get(jvm));
                row.put("max_pause_ms", e.getValue().max().get(jvm));
                rows.add(row);
            }
        }
        out.table("pause per JVM", TidyTables.fromRows("pause per JVM", rows));
    }

    private static void summaryTable(ResultBuilder out, GcPauses.Collector gc, PerJvm dflt, PerJvm pre) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (var e : List.of(Map.entry(DEFAULT, dflt), Map.entry(PRESIZED, pre))) {
            PerJvm v = e.getValue();
            if (v.collections().isEmpty()) continue;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("variant", label(e.getKey()));
            row.put("collector", gc.label());
            row.put("jvms", (long) v.collections().size());
            addMean(row, "collections_per_jvm", v.collections());
            addMean(row, "total_ms_per_jvm", v.total());
            addMean(row, "max_ms_per_jvm", v.max());
            row.put("pauses", (long) v.pauses().size());
            row.put("median_pause_ms_pooled", v.pauses().isEmpty() ? Double.NaN : Stats.median(v.pauses().stream().mapToDouble(Double::doubleValue).toArray()));
            rows.add(row);
        }
        out.table("pause summary", TidyTables.fromRows("pause summary", rows));
    }

    private static void addMean(Map<String, Object> row, String name, Map<Integer, Double> perJvm) {
        Estimate e = Estimates.mean(perJvm);
        e = nonNegative(e);
        row.put(name, e.value());
        row.put(name + "_low", e.low());
        row.put(name + "_high", e.high());
    }

    /** Per per-JVM quantity: the ratio with its interval, the paired log t-test and Welch's test on the per-JVM values. */
    private static void testTable(ResultBuilder out, PerJvm dflt, PerJvm pre) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (var e : List.of(Map.entry("total pause time per JVM", List.of(dflt.total(), pre.total())),
                Map.entry("longest pause per JVM", List.of(dflt.max(), pre.max())),
                Map.entry("collections per JVM", List.of(dflt.collections(), pre.collections())))) {
            Map<Integer, Double> a = e.getValue().get(0);
            Map<Integer, Double> b = e.getValue().get(1);
            Estimate r = Estimates.ratio(a, b);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("quantity", e.getKey());
            row.put("jvms_default", (long) a.size());
            row.put("jvms_presized", (long) b.size());
            row.put("ratio_default_vs_presized", r.value());
            row.put("ratio_low", r.low());
            row.put("ratio_high", r.high());
            row.put("verdict", Finding.verdict(r, 1).label());
            row.put("p_paired_log_t", pairedLogP(a, b));
            row.put("p_welch_per_jvm", a.size() >= 2 && b.size() >= 2 ? Stats.welch(values(a), values(b)).p() : Double.NaN);
            rows.add(row);
        }
        out.table("pause test", TidyTables.fromRows("pause test", rows));
    }

    /** "default-sized: new HashMap<>()", "presized: HashMap for n entries". */
    static String label(MapConstructor variant) {
        return (variant == DEFAULT ? "default-sized: " : "presized: ") + variant.label();
    }

    private static CategoryChart histogram(GcPauses.Collector gc, List<Double> dflt, List<Double> pre) {
        double hi = 0;
        for (double x : dflt) hi = Math.max(hi, x);
        for (double x : pre) hi = Math.max(hi, x);
        double[] edges = Stats.binEdges(0, hi, HISTOGRAM_BINS);
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < HISTOGRAM_BINS; i++) labels.add(String.format(Locale.ROOT, "%.1f-%.1f", edges[i], edges[i + 1]));
        CategoryChart chart = Charts.bars("GC pause durations (" + gc.label() + ", JFR), every pause of every JVM (descriptive)", "pause (ms)", "pauses (count)");
        Charts.bars(chart, label(DEFAULT), labels, toList(Stats.histogram(toArray(dflt), edges)), null);
        Charts.bars(chart, label(PRESIZED), labels, toList(Stats.histogram(toArray(pre), edges)), null);
        return chart;
    }

    private static CategoryChart perJvmChart(GcPauses.Collector gc, PerJvm dflt, PerJvm pre) {
        CategoryChart chart = Charts.bars("Total GC pause time per JVM (" + gc.label() + "), by round", "round (one JVM of each variant)", "total pause (ms)");
        Set<Integer> jvms = new java.util.TreeSet<>(dflt.total().keySet());
        jvms.addAll(pre.total().keySet());
        List<String> labels = jvms.stream().map(String::valueOf).toList();
        Charts.bars(chart, label(DEFAULT), labels, jvms.stream().map(j -> dflt.total().getOrDefault(j, Double.NaN)).toList(), null);
        Charts.bars(chart, label(PRESIZED), labels, jvms.stream().map(j -> pre.total().getOrDefault(j, Double.NaN)).toList(), null);
        return chart;
    }

    private static List<Long> toList(long[] counts) {
        List<Long> out = new ArrayList<>();
        for (long c : counts) out.add(c);
        return out;
    }

    private static double[] toArray(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
