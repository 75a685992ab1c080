package maplab.experiments;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import maplab.chart.Charts;
import maplab.experiment.Experiment;
import maplab.experiment.ParamSpec;
import maplab.experiment.Params;
import maplab.experiment.Profile;
import maplab.experiment.RunContext;
import maplab.measure.Jmh;
import maplab.measure.JmhScore;
import maplab.result.Finding;
import maplab.result.ResultBuilder;
import maplab.result.Unit;
import maplab.stats.Stats;
import maplab.subject.merge.FastutilTarget;
import maplab.subject.merge.FillOrder;
import maplab.subject.merge.MergeStrategy;
import maplab.subject.merge.ReinsertTarget;
import maplab.subject.probe.LongProbeMap;
import maplab.workload.KeyOrder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.openjdk.jmh.annotations.Mode;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * merge: how to merge maps, and the quadratic trap. First the JDK's ways to merge two
 * {@code HashMap}s ({@link MergeStrategy}), timed with JMH. Then the trap: the keys of a
 * {@code LongProbeMap}, in its slot order, go into an empty map with the same hash and top-bit
 * indexing, with per-map seeds, or presized ({@link ReinsertTarget}), over several sizes:
 * longest probe run counted in process, time with JMH single shots, and the growth exponent
 * fitted on log-log axes. Every merge has a time budget; one that runs out is reported as a
 * lower bound ("more than"). Last the real-world peer: fastutil open-hash collections filled
 * in another one's iteration order versus shuffled.
 */
public final class Merge implements Experiment {

    static final String JDK_BENCH = "maplab.bench.MergeBench.merge";
    static final String TRAP_BENCH = "maplab.bench.ReinsertBench.reinsert";
    static final String FASTUTIL_BENCH = "maplab.bench.FastutilFillBench.fill";

    @Override public String id() { return "merge"; }

    @Override public String summary() { return "merging maps: JDK strategies, and the quadratic trap of re-inserting in slot order"; }

    @Override
    public List<ParamSpec> params() {
        String all = String.join(",", ReinsertTarget.ids());
        String strategies = String.join(",", MergeStrategy.ids());
        return List.of(
                ParamSpec.integers("sizes", 256, 1 << 22, "4096,16384,65536,262144",
                        "4096,8192,16384,32768,65536,131072,262144,524288,1048576", "keys in the source map of the trap"),
                ParamSpec.integer("budget_ms", 10, 600_000, 1_000, 5_000,
                        "time budget of one trap merge (each JMH shot and the in-process probe count); a merge that runs out is reported as 'more than'"),
                ParamSpec.choices("variants", ReinsertTarget.ids(), all, all, "trap targets compared"),
                ParamSpec.integer("jdk_n", 1_000, 10_000_000, 100_000, 1_000_000, "entries in each of the two JDK maps merged"),
                ParamSpec.integer("overlap_pct", 0, 100, 50, 50, "percentage of keys the two JDK maps share"),
                ParamSpec.choices("strategies", MergeStrategy.ids(), strategies, strategies, "JDK merge strategies compared"),
                ParamSpec.integer("fastutil_n", 1_024, 1 << 23, 262_144, 1_048_576, "keys in the fastutil fills"),
                ParamSpec.choices("fastutil_targets", FastutilTarget.ids(), "set", "set,map", "fastutil collections filled"));
    }

    @Override
    public void validate(Params params) {
        Sweeps.requireTwoSizes(params, "sizes");
    }

    @Override
    public void measure(RunContext ctx) throws Exception {
        ResultBuilder out = ctx.result();
        List<Runnable> findingsLast = new ArrayList<>();
        jdkStrategies(ctx, out);
        fastutilPeer(ctx, out);
        trap(ctx, out, findingsLast);
        for (Runnable r : findingsLast) r.run();
    }

    // ---------------------------------------------------------------- JDK strategies

    private void jdkStrategies(RunContext ctx, ResultBuilder out) {
        int n = ctx.params().getInt("jdk_n");
        int overlap = ctx.params().getInt("overlap_pct");
        List<MergeStrategy> strategies = ctx.params().getStrings("strategies").stream().map(MergeStrategy::parse).toList();
        List<JmhScore> scores = ctx.jmh(JDK_BENCH)
                .param("strategy", strategies.stream().map(MergeStrategy::id).toList())
                .param("n", String.valueOf(n))
                .param("overlapPct", String.valueOf(overlap))
                .param("seed", String.valueOf(ctx.seed("jdk-keys")))
                .mode(Mode.AverageTime).timeUnit(TimeUnit.MILLISECONDS)
                .run();
        Map<MergeStrategy, JmhScore> by = new EnumMap<>(MergeStrategy.class);
        for (JmhScore s : scores) {
            MergeStrategy m = MergeStrategy.parse(s.param("strategy"));
            by.put(m, s);
            out.row().with("part", "jdk").with("subject", m.id()).with("n_keys", n).with("overlap_pct", overlap)
                    .measure("merge_time", s.score(), s.error(), Unit.ofJmh(s.unit()));
        }
        List<MergeStrategy> timed = new ArrayList<>(by.keySet());
        CategoryChart chart = Charts.bars("Merging two HashMaps, n = " + n + ", " + overlap + "% shared (JMH, 99.9% CI)",
                "strategy", "time (" + scores.get(0).unit() + ")");
        Charts.bars(chart, "merge time", timed.stream().map(MergeStrategy::label).toList(),
                timed.stream().map(m -> by.get(m).score()).toList(),
                timed.stream().map(m -> zeroIfNaN(by.get(m).error())).toList());
        out.chart("jdk strategies", chart);
        if (by.containsKey(MergeStrategy.PUT_ALL) && by.containsKey(MergeStrategy.PUT_LOOP)) {
            out.finding(Finding.timeRatio("putall_vs_loop", "Merging with putAll into new HashMap<>()",
                    by.get(MergeStrategy.PUT_ALL).score(), "a put loop", by.get(MergeStrategy.PUT_LOOP).score()));
        }
    }

    // ---------------------------------------------------------------- fastutil peer

    private void fastutilPeer(RunContext ctx, ResultBuilder out) {
        int n = ctx.params().getInt("fastutil_n");
        List<FastutilTarget> targets = ctx.params().getStrings("fastutil_targets").stream().map(FastutilTarget::parse).toList();
        List<JmhScore> scores = ctx.jmh(FASTUTIL_BENCH)
                .param("target", targets.stream().map(FastutilTarget::id).toList())
                .param("order", FillOrder.ids())
                .param("n", String.valueOf(n))
                .param("seed", String.valueOf(ctx.seed("fastutil-keys")))
                .param("shuffleSeed", String.valueOf(ctx.seed("fastutil-shuffle")))
                .mode(Mode.SingleShotTime).timeUnit(TimeUnit.MILLISECONDS)
                .settings(shots(ctx.profile(), 4, 6))
                .run();
        Map<FastutilTarget, Map<FillOrder, JmhScore>> by = new EnumMap<>(FastutilTarget.class);
        for (JmhScore s : scores) {
            FastutilTarget t = FastutilTarget.parse(s.param("target"));
            FillOrder o = FillOrder.parse(s.param("order"));
            by.computeIfAbsent(t, k -> new EnumMap<>(FillOrder.class)).put(o, s);
            out.row().with("part", "fastutil").with("subject", "fastutil_" + t.id()).with("order", o.id()).with("n_keys", n)
                    .measure("fill_time", s.score(), s.error(), Unit.ofJmh(s.unit()));
        }
        CategoryChart chart = Charts.bars("fastutil fill, n = " + n + " (JMH single shot, 99.9% CI)",
                "collection", "time (ms/op)");
        List<FastutilTarget> timed = new ArrayList<>(by.keySet());
        for (FillOrder o : FillOrder.values()) {
            Charts.bars(chart, o.label(), timed.stream().map(FastutilTarget::label).toList(),
                    timed.stream().map(t -> by.get(t).get(o).score()).toList(),
                    timed.stream().map(t -> zeroIfNaN(by.get(t).get(o).error())).toList());
        }
        out.chart("fastutil", chart);
        FastutilTarget first = timed.get(0);
        out.finding(Finding.timeRatio("fastutil_iteration_order_vs_shuffled",
                "Filling a " + first.label() + " of " + n + " keys in another one's iteration order",
                by.get(first).get(FillOrder.ITERATION).score(), "the same keys shuffled", by.get(first).get(FillOrder.SHUFFLED).score()));
    }

    // ---------------------------------------------------------------- the trap

    /** One variant at one size: time (a lower bound when the budget ran out) and probe counts. */
    record TrapPoint(ReinsertTarget variant, int n, double ms, double errorMs, boolean overBudget,
                     int maxProbe, double meanProbe, int inserted) {
        boolean countCut() { return inserted < n; }
    }

    /** Probe counts of one re-insert: longest and mean probe, and how many keys went in before the budget ran out. */
    record ProbeCount(int maxProbe, double meanProbe, int inserted) { }

    /** Re-inserts the slot order of an n-key source into a counting target, within {@code budgetMs}. */
    static ProbeCount countProbes(ReinsertTarget v, int n, long keySeed, long sourceSeed, long targetSeed, long budgetMs) {
        long[] slotOrder = v.source(KeyOrder.RANDOM.longKeys(n, keySeed), sourceSeed).keys();
        LongProbeMap target = v.target(n, targetSeed, true);
        int inserted = ReinsertTarget.insertWithin(target, slotOrder, TimeUnit.MILLISECONDS.toNanos(budgetMs));
        return new ProbeCount(target.counters().maxProbe(), target.counters().meanInsertProbe(), inserted);
    }

    private void trap(RunContext ctx, ResultBuilder out, List<Runnable> findingsLast) throws InterruptedException {
        List<Integer> sizes = new ArrayList<>(new TreeSet<>(ctx.params().getInts("sizes")));
        List<ReinsertTarget> variants = ctx.params().getStrings("variants").stream().map(ReinsertTarget::parse).toList();
        long budgetMs = ctx.params().getLong("budget_ms");
        long keySeed = ctx.seed("trap-keys");
        long sourceSeed = ctx.seed("trap-source-map");
        long targetSeed = ctx.seed("trap-target-map");

        // Probe counts in process, counters on, each count within the same budget.
        Map<ReinsertTarget, Map<Integer, ProbeCount>> counts = new EnumMap<>(ReinsertTarget.class);
        ctx.progress().addSteps(variants.size() * sizes.size());
        for (ReinsertTarget v : variants) {
            for (int n : sizes) {
                ctx.checkInterrupted();
                ctx.progress().step("counting probes: " + v.label() + ", n = " + n);
                counts.computeIfAbsent(v, k -> new TreeMap<>()).put(n, countProbes(v, n, keySeed, sourceSeed, targetSeed, budgetMs));
            }
        }

        // Times with JMH: the same-hash variant gets few shots (they are long), the others many (they are short).
        List<TrapPoint> points = new ArrayList<>();
        for (ReinsertTarget v : variants) {
            Jmh.Settings settings = v == ReinsertTarget.SAME_HASH ? shots(ctx.profile(), 1, 3) : shots(ctx.profile(), 10, 5);
            List<JmhScore> scores = ctx.jmh(TRAP_BENCH)
                    .param("target", v.id())
                    .param("n", sizes)
                    .param("seed", String.valueOf(keySeed))
                    .param("sourceSeed", String.valueOf(sourceSeed))
                    .param("targetSeed", String.valueOf(targetSeed))
                    .param("budgetMs", String.valueOf(budgetMs))
                    .mode(Mode.SingleShotTime).timeUnit(TimeUnit.MILLISECONDS)
                    .settings(settings)
                    .run();
            for (JmhScore s : scores) {
                int n = Integer.parseInt(s.param("n"));
                boolean over = s.measured().max() >= budgetMs;
                ProbeCount c = counts.get(v).get(n);
                TrapPoint p = new TrapPoint(v, n, s.score(), over ? Double.NaN : s.error(), over, c.maxProbe(), c.meanProbe(), c.inserted());
                points.add(p);
                record(out, p);
            }
        }
        out.table("trap", trapTable(points, budgetMs));
        out.chart("merge time", timeChart(points, variants, budgetMs));
        out.chart("max probe", probeChart(points, variants));
        findings(out, points, sizes, budgetMs, findingsLast);
    }

    private static void record(ResultBuilder out, TrapPoint p) {
        out.row().with("part", "trap").with("subject", p.variant().id()).with("n_keys", p.n()).with("lower_bound", p.overBudget())
                .measure("merge_time", p.ms(), p.errorMs(), Unit.MS_PER_OP);
        out.row().with("part", "trap").with("subject", p.variant().id()).with("n_keys", p.n()).with("lower_bound", p.countCut())
                .measure("max_probe", p.maxProbe(), Unit.PROBES);
        out.row().with("part", "trap").with("subject", p.variant().id()).with("n_keys", p.n()).with("lower_bound", p.countCut())
                .measure("mean_probe_per_insert", p.meanProbe(), Unit.PROBES);
    }

    private static Table trapTable(List<TrapPoint> points, long budgetMs) {
        StringColumn variant = StringColumn.create("variant");
        IntColumn n = IntColumn.create("n_keys");
        StringColumn time = StringColumn.create("merge time (ms)");
        StringColumn maxProbe = StringColumn.create("max probe");
        StringColumn mean = StringColumn.create("mean probe per insert");
        for (TrapPoint p : points) {
            variant.append(p.variant().label());
            n.append(p.n());
            time.append(p.overBudget() ? String.format(Locale.ROOT, "more than %.1f (budget %d ms)", p.ms(), budgetMs)
                    : String.format(Locale.ROOT, "%.3f ± %.3f", p.ms(), zeroIfNaN(p.errorMs())));
            String cut = p.countCut() ? " (budget hit after " + p.inserted() + " keys)" : "";
            maxProbe.append((p.countCut() ? "at least " : "") + p.maxProbe() + cut);
            mean.append(String.format(Locale.ROOT, "%s%.2f%s", p.countCut() ? "at least " : "", p.meanProbe(), cut));
        }
        return Table.create("trap", variant, n, time, maxProbe, mean);
    }

    private static XYChart timeChart(List<TrapPoint> points, List<ReinsertTarget> variants, long budgetMs) {
        XYChart chart = Charts.logLog("Slot-order re-insert: time (budget " + budgetMs + " ms)", "n (keys)", "time (ms; JMH single shot, 99.9% CI)");
        for (ReinsertTarget v : variants) {
            List<TrapPoint> ps = points.stream().filter(p -> p.variant() == v).toList();
            seriesWithLowerBounds(chart, v.label(), ps, TrapPoint::overBudget,
                    TrapPoint::ms, p -> Sweeps.logSafeError(p.ms(), p.errorMs()));
        }
        return chart;
    }

    private static XYChart probeChart(List<TrapPoint> points, List<ReinsertTarget> variants) {
        String title = "Slot-order re-insert: longest probe";
        XYChart chart = points.stream().allMatch(p -> p.maxProbe() > 0)
                ? Charts.logLog(title, "n (keys)", "max probe (slots; counted in process)")
                : Charts.xy(title, "n (keys)", "max probe (slots; counted in process)");
        for (ReinsertTarget v : variants) {
            List<TrapPoint> ps = points.stream().filter(p -> p.variant() == v).toList();
            seriesWithLowerBounds(chart, v.label(), ps, TrapPoint::countCut, p -> (double) p.maxProbe(), null);
        }
        return chart;
    }

    /**
     * One line of the exact points (with error bars when {@code error} is given) and, apart,
     * the points that are only lower bounds as up-pointing triangles labelled "at least".
     */
    private static void seriesWithLowerBounds(XYChart chart, String label, List<TrapPoint> ps,
                                              java.util.function.Predicate<TrapPoint> lowerBound,
                                              java.util.function.ToDoubleFunction<TrapPoint> y,
                                              java.util.function.ToDoubleFunction<TrapPoint> error) {
        List<TrapPoint> exact = ps.stream().filter(lowerBound.negate()).toList();
        List<TrapPoint> bounds = ps.stream().filter(lowerBound).toList();
        if (!exact.isEmpty()) {
            Charts.series(chart, label, exact.stream().map(TrapPoint::n).toList(), exact.stream().map(p -> y.applyAsDouble(p)).toList(),
                    error == null ? null : exact.stream().map(p -> error.applyAsDouble(p)).toList());
        }
        if (!bounds.isEmpty()) {
            XYSeries s = Charts.series(chart, label + ": at least (budget ran out)", bounds.stream().map(TrapPoint::n).toList(),
                    bounds.stream().map(p -> y.applyAsDouble(p)).toList(), null);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.TRIANGLE_UP);
        }
    }

    static void findings(ResultBuilder out, List<TrapPoint> points, List<Integer> sizes, long budgetMs, List<Runnable> later) {
        int maxN = sizes.get(sizes.size() - 1);
        TrapPoint same = point(points, ReinsertTarget.SAME_HASH, maxN);
        TrapPoint seeded = point(points, ReinsertTarget.SEEDED, maxN);
        if (same != null && seeded != null) {
            String a = "Re-inserting " + maxN + " keys in slot order into a map with the same hash";
            if (same.overBudget()) {
                double ratio = same.ms() / seeded.ms();
                out.finding(new Finding("same_hash_vs_seeded", ratio, "x", String.format(Locale.ROOT,
                        "%s took more than %s the time of per-map seeds (it ran out of its %d ms budget; the value is a lower bound)",
                        a, Finding.formatRatio(ratio), budgetMs)));
            } else {
                out.finding(Finding.timeRatio("same_hash_vs_seeded", a, same.ms(), "per-map seeds", seeded.ms()));
            }
        }
        for (ReinsertTarget v : List.of(ReinsertTarget.SAME_HASH, ReinsertTarget.SEEDED, ReinsertTarget.PRESIZED)) {
            List<TrapPoint> ps = points.stream().filter(p -> p.variant() == v).toList();
            if (ps.isEmpty()) continue;
            String id = v.id() + "_growth_exponent";
            List<TrapPoint> fit = ps.stream().filter(p -> !p.overBudget()).toList();
            if (fit.size() < 2) {
                later.add(() -> {
                    throw new IllegalStateException(id + ": only " + fit.size() + " of " + ps.size()
                            + " sizes finished within budget_ms=" + budgetMs + "; raise budget_ms or use smaller sizes");
                });
                continue;
            }
            Stats.Growth g = Stats.growth(fit.stream().mapToDouble(TrapPoint::n).toArray(), fit.stream().mapToDouble(TrapPoint::ms).toArray());
            int over = ps.size() - fit.size();
            String note = over == 0 ? "" : "; " + over + " larger size(s) ran out of the budget and are left out, so the true growth is steeper";
            out.finding(Finding.of(id, g.exponent(), "exponent", String.format(Locale.ROOT,
                    "Re-inserting in slot order (%s): time grew as n^%%.2f (least squares on log-log over n = %d..%d, R² = %.3f%s)",
                    v.label(), fit.get(0).n(), fit.get(fit.size() - 1).n(), g.r2(), note)));
        }
        for (ReinsertTarget v : List.of(ReinsertTarget.SAME_HASH, ReinsertTarget.SEEDED)) {
            TrapPoint p = point(points, v, maxN);
            if (p == null) continue;
            String template = p.countCut()
                    ? "Re-inserting " + maxN + " keys in slot order (" + v.label() + "): the longest probe run was at least %.0f slots (the count ran out of its budget after " + p.inserted() + " keys)"
                    : "Re-inserting " + maxN + " keys in slot order (" + v.label() + "): the longest probe run was %.0f slots";
            out.finding(Finding.of(v.id() + "_max_probe", p.maxProbe(), "probes", template));
        }
    }

    private static TrapPoint point(List<TrapPoint> points, ReinsertTarget v, int n) {
        return points.stream().filter(p -> p.variant() == v && p.n() == n).findFirst().orElse(null);
    }

    // ---------------------------------------------------------------- helpers

    /** Single-shot settings: the profile's forks and fork arguments with these shot counts (more in full). */
    static Jmh.Settings shots(Profile profile, int warmup, int measured) {
        Jmh.Settings s = Jmh.Settings.forProfile(profile);
        return profile == Profile.FULL ? s.withWarmup(warmup * 2, 0).withMeasurement(measured * 2, 0) : s.withWarmup(warmup, 0).withMeasurement(measured, 0);
    }

    private static double zeroIfNaN(double d) {
        return Double.isNaN(d) ? 0 : d;
    }
}
