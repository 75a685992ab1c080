package maplab.experiments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import maplab.chart.Charts;
import maplab.experiment.Experiment;
import maplab.experiment.ParamSpec;
import maplab.experiment.Params;
import maplab.experiment.Profile;
import maplab.experiment.RunContext;
import maplab.measure.ChildJvm;
import maplab.measure.JfrProfile;
import maplab.measure.Jmh;
import maplab.measure.JmhScore;
import maplab.measure.MeasurementException;
import maplab.result.Finding;
import maplab.result.ResultBuilder;
import maplab.result.Unit;
import maplab.subject.EnumIds;
import maplab.subject.iteration.IterationMapKind;
import maplab.subject.iteration.IterationStyle;
import maplab.subject.iteration.MapState;
import maplab.workload.IterationLoop;
import org.knowm.xchart.CategoryChart;

/**
 * iteration: what iterating a map really costs. Three parts: (1) a map filled to n and
 * drained or cleared down to k entries, iterated against a fresh map of k (and the remedies:
 * copy constructor, rebuild), per map kind; (2) iteration styles (entrySet, keySet + get,
 * forEach, a snapshot array) across HashMap, LinkedHashMap, TreeMap and fastutil; (3) a JFR
 * recording of an iteration loop in a forked JVM, read into a top-frames table and the share
 * of CPU samples whose top frame is an iterator's. Timings by JMH in forked JVMs.
 */
public final class Iteration implements Experiment {

    static final String BENCH = "maplab.bench.IterationBench.iterate";
    static final int TOP_FRAMES = 15;

    @Override public String id() { return "iteration"; }

    @Override public String summary() { return "drained and cleared maps against fresh ones, iteration styles, and a JFR profile of the loop"; }

    @Override
    public List<ParamSpec> params() {
        String allKinds = String.join(",", IterationMapKind.ids());
        return List.of(
                ParamSpec.integer("n", 2, 50_000_000, 1_000_000, 4_000_000, "entries a map held before it was drained or cleared"),
                ParamSpec.integer("k", 1, 50_000_000, 1_000, 1_000, "entries left after draining (and in the fresh map); less than n"),
                ParamSpec.choices("states", MapState.ids(), String.join(",", MapState.ids()), String.join(",", MapState.ids()),
                        "map states compared (fresh is the baseline of the ratios)"),
                ParamSpec.choices("state_kinds", IterationMapKind.ids(), "hashmap,fastutil", allKinds,
                        "map kinds filled, drained and cleared"),
                ParamSpec.integer("style_size", 1, 10_000_000, 100_000, 1_000_000, "entries of the maps whose iteration styles are compared"),
                ParamSpec.choices("kinds", IterationMapKind.ids(), allKinds, allKinds, "map kinds whose iteration styles are compared"),
                ParamSpec.choices("styles", IterationStyle.ids(), String.join(",", IterationStyle.ids()), String.join(",", IterationStyle.ids()),
                        "iteration styles compared (entrySet is the baseline of the ratios)"),
                ParamSpec.choice("profiled_state", MapState.ids(), "fresh", "fresh",
                        "state of the HashMap (n, k as above) whose entrySet loop is profiled with JFR"));
    }

    @Override
    public void validate(Params params) {
        long n = params.getLong("n");
        long k = params.getLong("k");
        if (k >= n) {
            throw new IllegalArgumentException("parameter 'k': bad value '" + k + "'; allowed: a whole number from 1 to n - 1 (" + (n - 1) + ")");
        }
    }

    @Override
    public void measure(RunContext ctx) {
        int n = ctx.params().getInt("n");
        int k = ctx.params().getInt("k");
        int styleSize = ctx.params().getInt("style_size");
        List<MapState> states = ctx.params().getStrings("states").stream().map(MapState::parse).toList();
        List<IterationMapKind> stateKinds = ctx.params().getStrings("state_kinds").stream().map(IterationMapKind::parse).toList();
        List<IterationMapKind> kinds = ctx.params().getStrings("kinds").stream().map(IterationMapKind::parse).toList();
        List<IterationStyle> styles = ctx.params().getStrings("styles").stream().map(IterationStyle::parse).toList();
        long keySeed = ctx.seed("keys");
        ResultBuilder out = ctx.result();
        Jmh.Settings settings = settings(ctx.profile());

        // 1. drained, cleared and remedied maps against fresh ones
        Map<IterationMapKind, Map<MapState, JmhScore>> byState = new LinkedHashMap<>();
        for (JmhScore s : ctx.jmh(BENCH).settings(settings)
                .param("kind", ids(stateKinds)).param("state", ids(states)).param("style", IterationStyle.ENTRYSET.id())
                .param("n", String.valueOf(n)).param("k", String.valueOf(k)).param("seed", String.valueOf(keySeed)).run()) {
            IterationMapKind kind = IterationMapKind.parse(s.param("kind"));
            MapState state = MapState.parse(s.param("state"));
            byState.computeIfAbsent(kind, x -> new LinkedHashMap<>()).put(state, s);
            out.row().with("part", "states").with("subject", kind.id()).with("state", state.id()).with("style", IterationStyle.ENTRYSET.id())
                    .with("n_keys", k).with("n_filled", state == MapState.FRESH ? k : n)
                    .measure("iterate_time", s.score(), s.error(), Unit.ofJmh(s.unit()));
        }

        // 2. iteration styles on fresh maps
        Map<IterationMapKind, Map<IterationStyle, JmhScore>> byStyle = new LinkedHashMap<>();
        for (JmhScore s : ctx.jmh(BENCH).settings(settings)
                .param("kind", ids(kinds)).param("state", MapState.FRESH.id()).param("style", ids(styles))
                .param("n", String.valueOf(styleSize)).param("k", String.valueOf(styleSize)).param("seed", String.valueOf(keySeed)).run()) {
            IterationMapKind kind = IterationMapKind.parse(s.param("kind"));
            IterationStyle style = IterationStyle.parse(s.param("style"));
            byStyle.computeIfAbsent(kind, x -> new LinkedHashMap<>()).put(style, s);
            out.row().with("part", "styles").with("subject", kind.id()).with("state", MapState.FRESH.id()).with("style", style.id())
                    .with("n_keys", styleSize).with("n_filled", styleSize)
                    .measure("iterate_time", s.score(), s.error(), Unit.ofJmh(s.unit()));
        }

        // 3. where the CPU goes: JFR in a forked JVM
        MapState profiled = MapState.parse(ctx.params().getString("profiled_state"));
        JfrProfile profile = profile(ctx, profiled, n, k, keySeed);
        out.table("top frames", profile.topFramesTable(TOP_FRAMES, Iteration::category));
        double iteratorShare = profile.topFrameShare(Iteration::isIteratorFrame);
        out.row().with("part", "profile").with("subject", IterationMapKind.HASHMAP.id()).with("state", profiled.id()).with("style", IterationStyle.ENTRYSET.id())
                .with("n_keys", k).with("n_filled", profiled == MapState.FRESH ? k : n)
                .measure("samples", profile.samples(), Unit.COUNT);
        out.row().with("part", "profile").with("subject", IterationMapKind.HASHMAP.id()).with("state", profiled.id()).with("style", IterationStyle.ENTRYSET.id())
                .with("n_keys", k).with("n_filled", profiled == MapState.FRESH ? k : n)
                .measure("iterator_frames_share", iteratorShare, Unit.FRACTION);

        charts(out, n, k, styleSize, byState, byStyle);
        findings(out, n, k, byState, byStyle, profiled, profile, iteratorShare);
    }

    private static Jmh.Settings settings(Profile profile) {
        Jmh.Settings base = Jmh.Settings.forProfile(profile);
        // one iteration takes microseconds to milliseconds: half-second iterations hold thousands of them
        return profile == Profile.FULL ? base.withWarmup(5, 500).withMeasurement(5, 500) : base.withWarmup(2, 100).withMeasurement(5, 90);
    }

    /** Runs {@link IterationLoop} on a HashMap in {@code state} under JFR in a forked JVM and reads its samples. */
    private static JfrProfile profile(RunContext ctx, MapState state, int n, int k, long keySeed) {
        boolean full = ctx.profile() == Profile.FULL;
        int warmupMs = full ? 3000 : 1000;
        int recordMs = full ? 8000 : 2000;
        int periodMs = 1;
        Path dir = ctx.workDir().resolve("jfr");
        Path jfr = dir.resolve("iteration-" + state.id() + ".jfr");
        List<String> jvmArgs = new ArrayList<>(Jmh.Settings.DEFAULT_JVM_ARGS);
        // attribute samples to the exact (inlined) method, not the nearest safepoint
        jvmArgs.addAll(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints"));
        List<String> args = List.of(IterationMapKind.HASHMAP.id(), state.id(), IterationStyle.ENTRYSET.id(), String.valueOf(n), String.valueOf(k),
                String.valueOf(keySeed), String.valueOf(warmupMs), String.valueOf(recordMs), String.valueOf(periodMs), jfr.toString());
        ctx.progress().addSteps(1);
        ctx.progress().step("JFR profile of the entrySet loop over a " + state.label() + " HashMap (" + (warmupMs + recordMs) / 1000.0 + " s)");
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("main_class", IterationLoop.class.getName());
        note.put("jvm_args", jvmArgs);
        note.put("args", args);
        note.put("sample_period_ms", periodMs);
        note.put("recording", dir.getFileName().resolve(jfr.getFileName()).toString());
        ctx.result().note("jfr", note);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new MeasurementException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        ChildJvm.Output output = ChildJvm.run(IterationLoop.class, jvmArgs, args, Duration.ofMillis(warmupMs + recordMs + 60_000L));
        writeLog(dir.resolve("iteration-loop.log"), output);
        JfrProfile profile = JfrProfile.read(jfr);
        if (profile.samples() == 0) throw new MeasurementException("the JFR recording " + jfr + " has no execution samples; the loop said: " + output.stdout().strip());
        return profile;
    }

    private static void writeLog(Path log, ChildJvm.Output output) {
        try {
            Files.writeString(log, output.stdout() + output.stderr());
        } catch (IOException e) {
            throw new MeasurementException("cannot write " + log + ": " + e.getMessage(), e);
        }
    }

    /** A frame is an iterator's when its class is an Iterator or Spliterator implementation (HashMap$HashIterator, fastutil's MapIterator...). */
    static boolean isIteratorFrame(String method) {
        String type = method.substring(0, method.lastIndexOf('.'));
        String simple = type.substring(type.lastIndexOf('.') + 1);
        return simple.contains("Iterator");
    }

    /** iterator, map (the rest of java.util and fastutil), user (maplab's loop), or jdk/other. */
    static String category(String method) {
        if (isIteratorFrame(method)) return "iterator";
        if (method.startsWith("java.util.") || method.startsWith("it.unimi.dsi.fastutil.")) return "map";
        if (method.startsWith("maplab.")) return "user";
        if (method.startsWith("java.") || method.startsWith("jdk.")) return "jdk";
        return "other";
    }

    private static void charts(ResultBuilder out, int n, int k, int styleSize, Map<IterationMapKind, Map<MapState, JmhScore>> byState,
                               Map<IterationMapKind, Map<IterationStyle, JmhScore>> byStyle) {
        List<String> names = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        addRatios(byState, MapState.FRESH, MapState::label, names, ratios);
        addRatios(byStyle, IterationStyle.ENTRYSET, IterationStyle::label, names, ratios);
        if (!names.isEmpty()) {
            CategoryChart chart = Charts.bars("Time ratios (states: " + k + " of " + n + " entries left; styles: " + styleSize + ")",
                    "comparison", "time ratio (x, log scale)");
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setXAxisLabelRotation(45);
            chart.getStyler().setLegendVisible(false);
            Charts.bars(chart, "ratio", names, ratios, null);
            logAxisFloor(chart, ratios.stream().mapToDouble(Double::doubleValue).min().orElse(1));
            out.chart("ratios", chart);
        }

        if (!byState.isEmpty()) {
            List<MapState> states = byState.values().iterator().next().keySet().stream().toList();
            // XChart draws error bars wrongly on a logarithmic axis: the intervals are in the tidy table
            CategoryChart chart = Charts.bars(k + " entries, by how the map got them (JMH; CIs in the table)", "state",
                    "time per full iteration (" + unit(byState) + ", log scale)");
            chart.getStyler().setYAxisLogarithmic(true);
            byState.forEach((kind, scores) -> Charts.bars(chart, kind.label(), states.stream().map(MapState::label).toList(),
                    states.stream().map(st -> scores.get(st).score()).toList(), null));
            logAxisFloor(chart, byState.values().stream().flatMap(m -> m.values().stream()).mapToDouble(JmhScore::score).min().orElse(1));
            out.chart("states", chart);
        }
        if (!byStyle.isEmpty()) {
            List<IterationStyle> styles = byStyle.values().iterator().next().keySet().stream().toList();
            CategoryChart chart = Charts.bars("Iterating " + styleSize + " entries by style (JMH, 99.9% CI)", "style",
                    "time per full iteration (" + unit(byStyle) + ")");
            chart.getStyler().setYAxisMin(0.0); // times are positive; wide intervals of a quick run would pull the axis below zero
            byStyle.forEach((kind, scores) -> Charts.bars(chart, kind.label(), styles.stream().map(IterationStyle::label).toList(),
                    styles.stream().map(st -> scores.get(st).score()).toList(),
                    styles.stream().map(st -> zeroIfNaN(scores.get(st).error())).toList()));
            out.chart("styles", chart);
        }
    }

    /** For every kind measured with {@code baseline}: "kind variant / baseline" and the time ratio, for each other variant. */
    private static <V> void addRatios(Map<IterationMapKind, Map<V, JmhScore>> scores, V baseline, java.util.function.Function<V, String> label,
                                      List<String> names, List<Double> ratios) {
        scores.forEach((kind, byVariant) -> {
            JmhScore base = byVariant.get(baseline);
            if (base == null) return;
            byVariant.forEach((variant, s) -> {
                if (variant.equals(baseline)) return;
                names.add(kind.shortLabel() + " " + label.apply(variant) + " / " + label.apply(baseline));
                ratios.add(s.score() / base.score());
            });
        });
    }

    private static void findings(ResultBuilder out, int n, int k, Map<IterationMapKind, Map<MapState, JmhScore>> byState,
                                 Map<IterationMapKind, Map<IterationStyle, JmhScore>> byStyle, MapState profiled, JfrProfile profile, double iteratorShare) {
        Map<MapState, JmhScore> hashMap = byState.getOrDefault(IterationMapKind.HASHMAP, Map.of());
        JmhScore fresh = hashMap.get(MapState.FRESH);
        if (fresh != null && hashMap.containsKey(MapState.DRAINED)) {
            out.finding(Finding.timeRatio("drained_vs_fresh", "Iterating a HashMap drained from " + n + " to " + k + " entries",
                    hashMap.get(MapState.DRAINED).score(), "a fresh HashMap of " + k, fresh.score()));
        }
        if (fresh != null && hashMap.containsKey(MapState.CLEARED)) {
            out.finding(Finding.timeRatio("cleared_vs_fresh", "Iterating a HashMap cleared after " + n + " entries and refilled with " + k,
                    hashMap.get(MapState.CLEARED).score(), "a fresh HashMap of " + k, fresh.score()));
        }
        Map<IterationStyle, JmhScore> hashMapStyles = byStyle.getOrDefault(IterationMapKind.HASHMAP, Map.of());
        if (hashMapStyles.containsKey(IterationStyle.KEYSET_GET) && hashMapStyles.containsKey(IterationStyle.ENTRYSET)) {
            out.finding(Finding.timeRatio("keyset_get_vs_entryset", "Iterating a HashMap with keySet + get",
                    hashMapStyles.get(IterationStyle.KEYSET_GET).score(), "entrySet", hashMapStyles.get(IterationStyle.ENTRYSET).score()));
        }
        JfrProfile.FrameCount top = profile.topFrames(1).get(0);
        out.finding(new Finding("iterator_frames_share", iteratorShare, "fraction", String.format(Locale.ROOT,
                "%.1f%% of %d CPU samples of an entrySet loop over a %s HashMap had an iterator method on top (hottest: %s, %.1f%% self)",
                100 * iteratorShare, profile.samples(), profiled.label(), top.method(), 100.0 * top.self() / profile.samples())));
    }

    private static String unit(Map<IterationMapKind, ? extends Map<?, JmhScore>> scores) {
        return scores.values().iterator().next().values().iterator().next().unit();
    }

    /** Bars on a log axis need an explicit floor (XChart anchors bars at zero): the power of ten below {@code min}. */
    private static void logAxisFloor(CategoryChart chart, double min) {
        chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
    }

    private static double zeroIfNaN(double d) {
        return Double.isNaN(d) ? 0 : d;
    }

    private static List<String> ids(List<? extends Enum<?>> values) {
        return values.stream().map(EnumIds::id).toList();
    }
}
