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
import maplab.chart.Charts;
import maplab.experiment.Experiment;
import maplab.experiment.ParamSpec;
import maplab.experiment.Params;
import maplab.experiment.RunContext;
import maplab.measure.GcPauses;
import maplab.measure.JmhScore;
import maplab.result.Finding;
import maplab.result.ResultBuilder;
import maplab.result.TidyTables;
import maplab.result.Unit;
import maplab.stats.Stats;
import maplab.subject.putget.PutGetMapKind;
import maplab.subject.jdk.MapConstructor;
import maplab.workload.MapChurn;
import org.knowm.xchart.CategoryChart;

/**
 * gc: what maps cost the garbage collector. Part one measures bytes allocated per put and per
 * get (JMH {@code -prof gc}) for a boxed {@code HashMap<Integer, Integer>} against fastutil's
 * primitive {@code Int2IntOpenHashMap}. Part two runs {@link MapChurn} (build source maps,
 * merge them into one large map, round after round) in forked JVMs with a pinned collector,
 * once with default-sized and once with presized maps, alternating the variants fork by
 * fork, and reads every collection's pause from JFR ({@code jdk.GarbageCollection}).
 *
 * <p>Pauses of one JVM share its heap state and the machine's load at that time, so the
 * variants alternate JVM by JVM (many short JVMs rather than a few long ones) to spread drifts
 * in load over both. The two variants' pauses are compared with Welch's t-test (p-value and Cohen's d). GC
 * pauses are often skewed; when either sample's absolute skewness exceeds {@value #SKEWED},
 * the Mann-Whitney U test is run too, and a difference is called significant only when
 * Welch's test is significant at {@value #ALPHA} and, on skewed samples, Mann-Whitney agrees.
 */
public final class Gc implements Experiment {

    static final String ALLOC_BENCH = "maplab\\.bench\\.GcAllocBench\\.(fill|get)$";
    static final MapConstructor DEFAULT = MapConstructor.HASHMAP_DEFAULT;
    static final MapConstructor PRESIZED = MapConstructor.HASHMAP_PRESIZED;
    /** Significance level of the pause comparison. */
    static final double ALPHA = 0.05;
    /** Skewness above which pauses are also compared by ranks (Mann-Whitney U). */
    static final double SKEWED = 1.0;
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
                ParamSpec.integer("n", 10_000, 50_000_000, 500_000, 2_000_000, "entries of the map merged each round (pause workload)"),
                ParamSpec.integer("maps", 1, 64, 4, 8, "source maps built and merged each round"),
                ParamSpec.integer("rounds", 2, 1_000, 6, 8, "recorded rounds per forked JVM (after one warm-up round)"),
                ParamSpec.integer("forks", 1, 20, 3, 5, "forked JVMs per variant for the pause workload"),
                ParamSpec.choice("gc", GcPauses.Collector.ids(), "g1", "g1", "collector pinned in the pause workload's JVMs"),
                ParamSpec.integer("heap_mb", 128, 65_536, 512, 2_048, "heap of the pause workload's JVMs (-Xms = -Xmx), MiB"));
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
    }

    @Override
    public void measure(RunContext ctx) throws Exception {
        allocation(ctx);
        pauses(ctx);
    }

    /** Part one: bytes and time per put and per get, boxed versus primitive. */
    private void allocation(RunContext ctx) {
        int n = ctx.params().getInt("alloc_n");
        ResultBuilder out = ctx.result();
        List<JmhScore> scores = ctx.jmh(ALLOC_BENCH)
                .param("subject", ctx.params().getStrings("subjects"))
                .param("n", String.valueOf(n))
                .param("seed", String.valueOf(ctx.seed("alloc-keys")))
                .profiler("gc")
                .run();
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Map<PutGetMapKind, Double>> bytes = new LinkedHashMap<>();
        Map<String, Map<PutGetMapKind, Double>> bytesError = new LinkedHashMap<>();
        for (JmhScore s : scores) {
            PutGetMapKind kind = PutGetMapKind.parse(s.param("subject"));
            String operation = s.method().equals("fill") ? "put" : "get";
            int perScore = operation.equals("put") ? n : 1;
            maplab.result.Measured alloc = s.secondary("gc.alloc.rate.norm");
            double b = alloc.value() / perScore;
            double be = alloc.error() / perScore;
            out.row().with("subject", kind.id()).with("operation", operation).with("n_keys", n).measure("alloc", b, be, Unit.BYTES_PER_OP);
            out.row().with("subject", kind.id()).with("operation", operation).with("n_keys", n)
                    .measure("time", s.score() / perScore, s.error() / perScore, Unit.ofJmh(s.unit()));
            bytes.computeIfAbsent(operation, o -> new LinkedHashMap<>()).put(kind, b);
            bytesError.computeIfAbsent(operation, o -> new LinkedHashMap<>()).put(kind, zeroIfNaN(be));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("subject", kind.label());
            row.put("operation", operation);
            row.put("bytes_per_op", b);
            row.put("bytes_error", be);
            row.put("time_per_op_" + s.unit().replace("/op", ""), s.score() / perScore);
            row.put("time_error", s.error() / perScore);
            rows.add(row);
        }
        out.table("allocation", TidyTables.fromRows("allocation", rows));

        CategoryChart chart = Charts.bars("Bytes allocated per operation (JMH -prof gc, " + n + " keys)", "operation", "allocated (B/op)");
        for (String id : ctx.params().getStrings("subjects")) {
            PutGetMapKind kind = PutGetMapKind.parse(id);
            List<String> ops = new ArrayList<>(bytes.keySet());
            Charts.bars(chart, kind.label(), ops, ops.stream().map(o -> bytes.get(o).getOrDefault(kind, Double.NaN)).toList(),
                    ops.stream().map(o -> bytesError.get(o).getOrDefault(kind, 0.0)).toList());
        }
        out.chart("allocation", chart);

        Map<PutGetMapKind, Double> put = bytes.getOrDefault("put", Map.of());
        if (put.containsKey(PutGetMapKind.HASHMAP)) {
            out.finding(Finding.of("alloc_per_put_hashmap", put.get(PutGetMapKind.HASHMAP), "B/op",
                    "Each put of an int pair into a boxed HashMap<Integer,Integer> allocated %.1f bytes on average while filling " + n + " keys"));
        }
        if (put.containsKey(PutGetMapKind.FASTUTIL)) {
            out.finding(Finding.of("alloc_per_put_fastutil", put.get(PutGetMapKind.FASTUTIL), "B/op",
                    "Each put into fastutil's Int2IntOpenHashMap allocated %.1f bytes on average while filling " + n + " keys"));
        }
        Map<PutGetMapKind, Double> get = bytes.getOrDefault("get", Map.of());
        if (get.containsKey(PutGetMapKind.HASHMAP)) {
            out.finding(Finding.of("alloc_per_get_hashmap", get.get(PutGetMapKind.HASHMAP), "B/op",
                    "Each get with an int key from a boxed HashMap<Integer,Integer> allocated %.1f bytes on average"));
        }
        if (get.containsKey(PutGetMapKind.FASTUTIL)) {
            out.finding(Finding.of("alloc_per_get_fastutil", get.get(PutGetMapKind.FASTUTIL), "B/op",
                    "Each get from fastutil's Int2IntOpenHashMap allocated %.2f bytes on average"));
        }
        if (put.containsKey(PutGetMapKind.HASHMAP) && put.getOrDefault(PutGetMapKind.FASTUTIL, 0.0) > 0) {
            out.finding(Finding.of("alloc_hashmap_vs_fastutil", put.get(PutGetMapKind.HASHMAP) / put.get(PutGetMapKind.FASTUTIL), "x",
                    "A boxed HashMap allocated %.1fx the bytes per put of fastutil's primitive map"));
        }
    }

    /** Part two: GC pauses of the build-and-merge workload, default-sized versus presized maps. */
    private void pauses(RunContext ctx) throws InterruptedException {
        Params p = ctx.params();
        int n = p.getInt("n");
        int maps = p.getInt("maps");
        int rounds = p.getInt("rounds");
        int forks = p.getInt("forks");
        GcPauses.Collector gc = GcPauses.Collector.parse(p.getString("gc"));
        long seed = ctx.seed("churn-keys");
        List<String> jvmArgs = List.of("-Xms" + p.getLong("heap_mb") + "m", "-Xmx" + p.getLong("heap_mb") + "m", gc.flag(),
                "-XX:+AlwaysPreTouch", "-Djava.awt.headless=true");
        Path dir = ctx.workDir().resolve("gc");
        ResultBuilder out = ctx.result();

        Map<MapConstructor, List<Double>> pauses = new LinkedHashMap<>();
        pauses.put(DEFAULT, new ArrayList<>());
        pauses.put(PRESIZED, new ArrayList<>());
        Set<String> collectorsSeen = new LinkedHashSet<>();
        List<Map<String, Object>> samples = new ArrayList<>();
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("gc", gc.label());
        note.put("jvm_args", jvmArgs);
        note.put("main_class", MapChurn.class.getName());
        note.put("forks_per_variant", forks);
        note.put("event", GcPauses.EVENT + " (sumOfPauses)");
        out.note("gc_pause_jvm", note);

        ctx.progress().addSteps(2 * forks);
        for (int f = 1; f <= forks; f++) {
            for (MapConstructor variant : pauses.keySet()) {
                ctx.checkInterrupted();
                ctx.progress().step("GC pauses, " + label(variant) + ", JVM " + f + "/" + forks);
                String name = variant.id() + "-" + f;
                Path jfr = dir.resolve(name + ".jfr");
                List<String> args = new ArrayList<>(jvmArgs);
                args.add("-Xlog:gc:file=" + dir.resolve(name + "-gc.log"));
                List<GcPauses.Pause> recorded = GcPauses.fork(args, MapChurn.class,
                        List.of(variant.id(), String.valueOf(n), String.valueOf(maps), String.valueOf(rounds), String.valueOf(seed), jfr.toString()),
                        jfr, dir.resolve(name + ".log"), Duration.ofMinutes(20));
                int i = 0;
                for (GcPauses.Pause pause : recorded) {
                    pauses.get(variant).add(pause.pauseMs());
                    collectorsSeen.add(pause.collector());
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("variant", variant.id());
                    row.put("jvm", f);
                    row.put("collection", ++i);
                    row.put("collector", pause.collector());
                    row.put("cause", pause.cause());
                    row.put("pause_ms", pause.pauseMs());
                    samples.add(row);
                }
                note.put("collectors_seen", List.copyOf(collectorsSeen));
                out.note("gc_pause_jvm", note);
            }
        }
        out.table("pause samples", TidyTables.fromRows("pause samples", samples));

        double[] dflt = toArray(pauses.get(DEFAULT));
        double[] pre = toArray(pauses.get(PRESIZED));
        List<Map<String, Object>> summary = new ArrayList<>();
        for (Map.Entry<MapConstructor, List<Double>> e : pauses.entrySet()) {
            double[] xs = toArray(e.getValue());
            String v = e.getKey().id();
            out.row().with("subject", v).with("n_keys", n).with("gc", gc.id()).measure("pause_count", xs.length, Unit.COUNT);
            if (xs.length == 0) continue;
            double half = xs.length >= 2 ? Stats.meanConfidenceInterval(xs, 0.999).halfWidth() : Double.NaN;
            out.row().with("subject", v).with("n_keys", n).with("gc", gc.id()).measure("pause_mean", Stats.mean(xs), half, Unit.MS);
            out.row().with("subject", v).with("n_keys", n).with("gc", gc.id()).measure("pause_median", Stats.median(xs), Unit.MS);
            out.row().with("subject", v).with("n_keys", n).with("gc", gc.id()).measure("pause_p99", Stats.percentile(xs, 99), Unit.MS);
            out.row().with("subject", v).with("n_keys", n).with("gc", gc.id()).measure("pause_max", max(xs), Unit.MS);
            out.row().with("subject", v).with("n_keys", n).with("gc", gc.id()).measure("pause_total_per_round", sum(xs) / (forks * rounds), Unit.MS);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("variant", label(e.getKey()));
            row.put("collector", gc.label());
            row.put("pauses", (long) xs.length);
            row.put("mean_ms", Stats.mean(xs));
            row.put("median_ms", Stats.median(xs));
            row.put("p99_ms", Stats.percentile(xs, 99));
            row.put("max_ms", max(xs));
            row.put("skewness", xs.length >= 3 ? Stats.skewness(xs) : Double.NaN);
            row.put("total_ms_per_round", sum(xs) / (forks * rounds));
            summary.add(row);
        }
        out.table("pause summary", TidyTables.fromRows("pause summary", summary));
        if (dflt.length + pre.length > 0) out.chart("pause histogram", histogram(gc, dflt, pre));

        String what = " " + gc.label() + " pauses while building and merging " + n + "-entry maps ";
        if (dflt.length > 0) {
            out.finding(new Finding("gc_pause_p99_default_ms", Stats.percentile(dflt, 99), "ms", String.format(Locale.ROOT,
                    "99th percentile of %d%swith new HashMap<>(): %.2f ms", dflt.length, what, Stats.percentile(dflt, 99))));
        }
        if (pre.length > 0) {
            out.finding(new Finding("gc_pause_p99_presized_ms", Stats.percentile(pre, 99), "ms", String.format(Locale.ROOT,
                    "99th percentile of %d%swith presized HashMaps: %.2f ms", pre.length, what, Stats.percentile(pre, 99))));
        }
        if (dflt.length > 0 && pre.length > 0 && sum(pre) > 0) {
            out.finding(Finding.timeRatio("pause_total_default_vs_presized", "GC pauses with default-sized maps", sum(dflt),
                    "those with presized maps", sum(pre)));
        }
        compare(out, dflt, pre);
    }

    /** Welch's t-test (and Mann-Whitney U on skewed samples) on the two variants' pauses. */
    private static void compare(ResultBuilder out, double[] dflt, double[] pre) {
        if (dflt.length < 2 || pre.length < 2) {
            out.finding(new Finding("pause_difference_p_value", Double.NaN, "p", String.format(Locale.ROOT,
                    "Too few pauses to test (%d default, %d presized; each needs at least 2): raise rounds or n", dflt.length, pre.length)));
            return;
        }
        Stats.Welch w = Stats.welch(dflt, pre);
        double skew = Math.max(dflt.length >= 3 ? Math.abs(Stats.skewness(dflt)) : 0, pre.length >= 3 ? Math.abs(Stats.skewness(pre)) : 0);
        boolean skewed = skew > SKEWED;
        Stats.MannWhitney mw = Stats.mannWhitney(dflt, pre);
        boolean significant = w.significant(ALPHA) && (!skewed || mw.significant(ALPHA));

        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(testRow("Welch's t-test", "t", w.t(), w.df(), w.p(), "Cohen's d", w.cohensD(), w.significant(ALPHA)));
        rows.add(testRow("Mann-Whitney U", "U", mw.u(), Double.NaN, mw.p(), "", Double.NaN, mw.significant(ALPHA)));
        out.table("pause test", TidyTables.fromRows("pause test", rows));
        out.finding(new Finding("pause_effect_size", w.cohensD(), "d", String.format(Locale.ROOT,
                "Cohen's d of default-sized against presized pauses: %.2f (%s effect; mean %.2f ms against %.2f ms)",
                w.cohensD(), effectWord(w.cohensD()), w.meanA(), w.meanB())));

        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "Welch's t-test on %d default-sized and %d presized pauses: p = %.3g, Cohen's d = %.2f (mean %.2f ms against %.2f ms). ",
                dflt.length, pre.length, w.p(), w.cohensD(), w.meanA(), w.meanB()));
        if (skewed) {
            text.append(String.format(Locale.ROOT, "The pauses are skewed (|skewness| up to %.1f); Mann-Whitney U gives p = %.3g. ", skew, mw.p()));
        }
        if (significant) {
            text.append(String.format(Locale.ROOT, "The difference is significant at alpha = %.2f: default-sized maps had %s pauses on average.",
                    ALPHA, w.meanA() > w.meanB() ? "longer" : "shorter"));
        } else if (w.significant(ALPHA)) {
            text.append(String.format(Locale.ROOT, "Welch's test alone would call it significant, but on these skewed samples the rank test does not agree: not called significant at alpha = %.2f.", ALPHA));
        } else {
            text.append(String.format(Locale.ROOT, "No significant difference at alpha = %.2f.", ALPHA));
        }
        out.finding(new Finding("pause_difference_p_value", w.p(), "p", text.toString()));
    }

    private static Map<String, Object> testRow(String test, String statisticName, double statistic, double df, double p,
                                               String effectName, double effect, boolean significant) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("test", test);
        row.put("statistic", statisticName);
        row.put("value", statistic);
        row.put("df", df);
        row.put("p_value", p);
        row.put("effect_size", effectName);
        row.put("effect", effect);
        row.put("significant_at_0.05", significant);
        return row;
    }

    /** "default-sized: new HashMap<>()", "presized: HashMap for n entries". */
    static String label(MapConstructor variant) {
        return (variant == DEFAULT ? "default-sized: " : "presized: ") + variant.label();
    }

    /** Cohen's conventional words for |d|. */
    static String effectWord(double d) {
        double a = Math.abs(d);
        return a < 0.2 ? "negligible" : a < 0.5 ? "small" : a < 0.8 ? "medium" : "large";
    }

    private static CategoryChart histogram(GcPauses.Collector gc, double[] dflt, double[] pre) {
        double hi = Math.max(dflt.length == 0 ? 0 : max(dflt), pre.length == 0 ? 0 : max(pre));
        double[] edges = Stats.binEdges(0, hi, HISTOGRAM_BINS);
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < HISTOGRAM_BINS; i++) labels.add(String.format(Locale.ROOT, "%.1f-%.1f", edges[i], edges[i + 1]));
        CategoryChart chart = Charts.bars("GC pause durations (" + gc.label() + ", JFR), default-sized vs presized maps", "pause (ms)", "pauses (count)");
        Charts.bars(chart, label(DEFAULT), labels, toList(Stats.histogram(dflt, edges)), null);
        Charts.bars(chart, label(PRESIZED), labels, toList(Stats.histogram(pre, edges)), null);
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

    private static double max(double[] xs) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : xs) m = Math.max(m, x);
        return m;
    }

    private static double sum(double[] xs) {
        double s = 0;
        for (double x : xs) s += x;
        return s;
    }

    private static double zeroIfNaN(double d) {
        return Double.isNaN(d) ? 0 : d;
    }
}
