package maplab.experiments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import maplab.chart.Charts;
import maplab.experiment.Experiment;
import maplab.experiment.ParamSpec;
import maplab.experiment.Params;
import maplab.experiment.RunContext;
import maplab.experiment.RunData;
import maplab.measure.ChildJvm;
import maplab.measure.Effort;
import maplab.measure.JfrProfile;
import maplab.measure.Jmh;
import maplab.measure.JmhScore;
import maplab.measure.MeasurementException;
import maplab.result.Finding;
import maplab.result.ResultBuilder;
import maplab.result.Rows;
import maplab.result.Unit;
import maplab.stats.Estimates;
import maplab.stats.Estimates.Estimate;
import maplab.subject.iteration.IterationMapKind;
import maplab.subject.iteration.IterationStyle;
import maplab.subject.iteration.MapState;
import maplab.workload.IterationLoop;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.knowm.xchart.CategoryChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * iteration: what iterating a map really costs. Three parts: (1) {@code states}: a map filled
 * to n and drained or cleared down to k entries, iterated against a fresh map of k (and the
 * remedies: copy constructor, rebuild), per map kind; (2) {@code styles}: iteration styles
 * (entrySet, keySet + get, forEach, a snapshot array) across HashMap, LinkedHashMap, TreeMap
 * and fastutil; (3) {@code profile}: a JFR recording of an iteration loop in a forked JVM.
 *
 * <p><b>Measure.</b> Parts 1 and 2 are two JMH runs measured in alternating rounds
 * ({@link Jmh#inRounds}): round {@code r} runs fork {@code r} of every cell of both, so the
 * compared states (and styles) pair by round. Part 3 records {@code profile_jvms} JVMs one
 * after another and stores, per JVM ({@code jvm} column), the sample counts as rows: all
 * samples, those whose top frame is an iterator's, and the self and total samples of the
 * hottest frames (one row per method).
 *
 * <p><b>Conclude.</b> {@code drained_vs_fresh}, {@code cleared_vs_fresh} and
 * {@code keyset_get_vs_entryset} are time ratios with paired-by-round intervals.
 * {@code iterator_frames_share} is the fraction of CPU samples with an iterator method on top:
 * basis {@code timing} (it estimates a share of CPU time, by sampling). Its interval is over
 * JVMs, like every timing's (the JVM is the unit of replication: how much of the loop the JIT
 * inlines into the caller moves samples between the loop and the iterator: recordings of the
 * same loop gave 0.37, 0.57 and 0.59): the mean of the per-JVM shares with a Student-t interval. A run
 * with one recording (older references) gets the Wilson score interval for a binomial
 * proportion ({@link #wilson}), which covers only the sampling error, and its sentence says so.
 * The top-frames table is built from the frame rows, summed over JVMs.
 */
public final class Iteration implements Experiment {

    static final String BENCH = "maplab.bench.IterationBench.iterate";
    static final int TOP_FRAMES = 15;
    /** Frames stored per profile (by self samples): more than the table shows, few enough to keep results.csv small. */
    static final int STORED_FRAMES = 40;

    @Override public String id() { return "iteration"; }

    @Override public String summary() { return "drained and cleared maps against fresh ones, iteration styles, and a JFR profile of the loop"; }

    /**
     * Quick: only the cells behind a finding (HashMap fresh, drained, cleared at n = 1M, k = 1000;
     * HashMap entrySet and keySet + get at 100,000 entries), 4 forks of 1x100 ms + 3x100 ms (an
     * operation takes microseconds to a few milliseconds), JFR recordings of 0.5 s + 1 s in 3 JVMs.
     * Full: every kind, state and style, n = 4M (as the reference), 5 forks of 1x100 ms + 3x100 ms
     * for the states (the fill to 4M entries in each fork's setup costs more than its
     * measurement) and 1x100 ms + 4x100 ms for the styles (a TreeMap pass over 1M entries takes
     * about 180 ms), recordings of 2 s + 4 s in 4 JVMs.
     */
    @Override
    public List<ParamSpec> params() {
        String allKinds = String.join(",", IterationMapKind.ids());
        String allStates = String.join(",", MapState.ids());
        String allStyles = String.join(",", IterationStyle.ids());
        return List.of(
                ParamSpec.integer("n", 2, 50_000_000, 1_000_000, 4_000_000, "entries a map held before it was drained or cleared"),
                ParamSpec.integer("k", 1, 50_000_000, 1_000, 1_000, "entries left after draining (and in the fresh map); less than n"),
                ParamSpec.choices("states", MapState.ids(), "fresh,drained,cleared", allStates,
                        "map states compared (fresh is the baseline of the ratios)"),
                ParamSpec.choices("state_kinds", IterationMapKind.ids(), "hashmap", allKinds,
                        "map kinds filled, drained and cleared"),
                ParamSpec.integer("style_size", 1, 10_000_000, 100_000, 1_000_000, "entries of the maps whose iteration styles are compared"),
                ParamSpec.choices("kinds", IterationMapKind.ids(), "hashmap", allKinds, "map kinds whose iteration styles are compared"),
                ParamSpec.choices("styles", IterationStyle.ids(), "entryset,keyset_get", allStyles,
                        "iteration styles compared (entrySet is the baseline of the ratios)"),
                ParamSpec.choice("profiled_state", MapState.ids(), "fresh", "fresh",
                        "state of the HashMap (n, k as above) whose entrySet loop is profiled with JFR"),
                ParamSpec.integer("profile_jvms", 1, 20, 3, 4, "JFR profile: JVMs recorded one after another (the share's interval is over JVMs)"),
                ParamSpec.integer("profile_warmup_ms", 0, 600_000, 500, 2_000, "JFR profile: time the loop runs in each JVM before its recording starts"),
                ParamSpec.integer("profile_record_ms", 100, 600_000, 1_000, 4_000, "JFR profile: time recorded in each JVM (a CPU sample every 1 ms)"),
                ParamSpec.effort("states", Effort.parseOrNull("4:1x100ms+3x100ms"), Effort.parseOrNull("5:1x100ms+3x100ms"),
                        "JMH effort of the drained/cleared/fresh maps (same forks as styles: both run in alternating rounds)"),
                ParamSpec.effort("styles", Effort.parseOrNull("4:1x100ms+3x100ms"), Effort.parseOrNull("5:1x100ms+4x100ms"),
                        "JMH effort of the iteration styles (same forks as states)"));
    }

    @Override
    public void validate(Params params) {
        long n = params.getLong("n");
        long k = params.getLong("k");
        if (k >= n) {
            throw new IllegalArgumentException("parameter 'k': bad value '" + k + "'; allowed: a whole number from 1 to n - 1 (" + (n - 1) + ")");
        }
        int forks = params.getEffort("states").forks();
        if (params.getEffort("styles").forks() != forks) {
            throw new IllegalArgumentException("parameter 'styles_effort': bad value '" + params.getEffort("styles").text()
                    + "'; allowed: the same number of forks as states_effort (" + forks + "): both parts run in alternating rounds");
        }
    }

    // ------------------------------------------------------------------ measure

    @Override
    public void measure(RunContext ctx) {
        int n = ctx.params().getInt("n");
        int k = ctx.params().getInt("k");
        int styleSize = ctx.params().getInt("style_size");
        List<String> states = ctx.params().getStrings("states");
        List<String> stateKinds = ctx.params().getStrings("state_kinds");
        List<String> kinds = ctx.params().getStrings("kinds");
        List<String> styles = ctx.params().getStrings("styles");
        long keySeed = ctx.seed("keys");
        ResultBuilder out = ctx.result();

        // 1 and 2: drained, cleared and remedied maps against fresh ones; iteration styles; in alternating rounds
        Jmh statesRun = ctx.jmh(BENCH, "states")
                .param("kind", stateKinds).param("state", states).param("style", IterationStyle.ENTRYSET.id())
                .param("n", String.valueOf(n)).param("k", String.valueOf(k)).param("seed", String.valueOf(keySeed));
        Jmh stylesRun = ctx.jmh(BENCH, "styles")
                .param("kind", kinds).param("state", MapState.FRESH.id()).param("style", styles)
                .param("n", String.valueOf(styleSize)).param("k", String.valueOf(styleSize)).param("seed", String.valueOf(keySeed));
        List<List<JmhScore>> scores = Jmh.inRounds(List.of(statesRun, stylesRun), ctx.random("run-order"));
        for (JmhScore s : scores.get(0)) {
            MapState state = MapState.parse(s.param("state"));
            out.row().with("part", "states").with("subject", s.param("kind")).with("state", state.id()).with("style", IterationStyle.ENTRYSET.id())
                    .with("n_keys", k).with("n_filled", state == MapState.FRESH ? k : n)
                    .measure("iterate_time", s.measured(), Unit.ofJmh(s.unit()));
        }
        for (JmhScore s : scores.get(1)) {
            out.row().with("part", "styles").with("subject", s.param("kind")).with("state", MapState.FRESH.id()).with("style", s.param("style"))
                    .with("n_keys", styleSize).with("n_filled", styleSize)
                    .measure("iterate_time", s.measured(), Unit.ofJmh(s.unit()));
        }

        // 3. where the CPU goes: JFR in a forked JVM; the counts are stored, the table and share are concluded
        MapState profiled = MapState.parse(ctx.params().getString("profiled_state"));
        int filled = profiled == MapState.FRESH ? k : n;
        int jvms = ctx.params().getInt("profile_jvms");
        ctx.progress().addSteps(jvms);
        for (int jvm = 0; jvm < jvms; jvm++) {
            JfrProfile profile = profile(ctx, profiled, n, k, keySeed, jvm);
            profileRow(out, profiled, k, filled, jvm).measure("samples", profile.samples(), Unit.COUNT);
            profileRow(out, profiled, k, filled, jvm).measure("iterator_samples",
                    Math.round(profile.topFrameShare(Iteration::isIteratorFrame) * profile.samples()), Unit.COUNT);
            for (JfrProfile.FrameCount f : profile.topFrames(STORED_FRAMES)) {
                profileRow(out, profiled, k, filled, jvm).with("method", f.method()).measure("self_samples", f.self(), Unit.COUNT);
                profileRow(out, profiled, k, filled, jvm).with("method", f.method()).measure("total_samples", f.total(), Unit.COUNT);
            }
        }
    }

    private static ResultBuilder.Row profileRow(ResultBuilder out, MapState state, int k, int filled, int jvm) {
        return out.row().with("part", "profile").with("subject", IterationMapKind.HASHMAP.id()).with("state", state.id())
                .with("style", IterationStyle.ENTRYSET.id()).with("n_keys", k).with("n_filled", filled).with("jvm", jvm);
    }

    /** Runs {@link IterationLoop} on a HashMap in {@code state} under JFR in forked JVM number {@code jvm} and reads its samples. */
    private static JfrProfile profile(RunContext ctx, MapState state, int n, int k, long keySeed, int jvm) {
        int warmupMs = ctx.params().getInt("profile_warmup_ms");
        int recordMs = ctx.params().getInt("profile_record_ms");
        int periodMs = 1;
        Path dir = ctx.workDir().resolve("jfr");
        Path jfr = dir.resolve("iteration-" + state.id() + (jvm == 0 ? "" : "-" + jvm) + ".jfr");
        List<String> jvmArgs = new ArrayList<>(Jmh.Settings.DEFAULT_JVM_ARGS);
        // attribute samples to the exact (inlined) method, not the nearest safepoint
        jvmArgs.addAll(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints"));
        List<String> args = List.of(IterationMapKind.HASHMAP.id(), state.id(), IterationStyle.ENTRYSET.id(), String.valueOf(n), String.valueOf(k),
                String.valueOf(keySeed), String.valueOf(warmupMs), String.valueOf(recordMs), String.valueOf(periodMs), jfr.toString());
        ctx.progress().step("JFR profile " + (jvm + 1) + " of the entrySet loop over a " + state.label() + " HashMap (" + (warmupMs + recordMs) / 1000.0 + " s)");
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("main_class", IterationLoop.class.getName());
        note.put("jvm_args", jvmArgs);
        note.put("args", args);
        note.put("sample_period_ms", periodMs);
        note.put("recording", dir.getFileName().resolve("iteration-" + state.id() + "[-JVM].jfr").toString());
        note.put("jvms", ctx.params().getInt("profile_jvms"));
        ctx.result().note("jfr", note);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new MeasurementException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        ChildJvm.Output output = ChildJvm.run(IterationLoop.class, jvmArgs, args, Duration.ofMillis(warmupMs + recordMs + 60_000L));
        writeLog(dir.resolve("iteration-loop" + (jvm == 0 ? "" : "-" + jvm) + ".log"), output);
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

    // ------------------------------------------------------------------ conclude

    @Override
    public void conclude(RunData data, ResultBuilder out) {
        Rows rows = data.rows();
        Rows states = rows.metric("iterate_time").where("part", "states");
        Rows styles = rows.metric("iterate_time").where("part", "styles");

        Rows hashMap = states.where("subject", IterationMapKind.HASHMAP.id());
        Rows fresh = hashMap.where("state", MapState.FRESH.id());
        for (MapState variant : List.of(MapState.DRAINED, MapState.CLEARED)) {
            Rows v = hashMap.where("state", variant.id());
            if (fresh.isEmpty() || v.isEmpty()) continue;
            long n = v.one().integer("n_filled");
            long k = v.one().integer("n_keys");
            String a = variant == MapState.DRAINED ? "Iterating a HashMap drained from " + n + " to " + k + " entries"
                    : "Iterating a HashMap cleared after " + n + " entries and refilled with " + k;
            out.finding(Finding.timeRatio(variant.id() + "_vs_fresh", a, "a fresh HashMap of " + k,
                    v.one().measured().ratioTo(fresh.one().measured())).where("n_filled", n).where("n_keys", k));
        }
        Rows hashMapStyles = styles.where("subject", IterationMapKind.HASHMAP.id());
        Rows keySetGet = hashMapStyles.where("style", IterationStyle.KEYSET_GET.id());
        Rows entrySet = hashMapStyles.where("style", IterationStyle.ENTRYSET.id());
        if (!keySetGet.isEmpty() && !entrySet.isEmpty()) {
            out.finding(Finding.timeRatio("keyset_get_vs_entryset", "Iterating a HashMap of " + keySetGet.one().integer("n_keys") + " entries with keySet + get",
                    "entrySet", keySetGet.one().measured().ratioTo(entrySet.one().measured())).where("n_keys", keySetGet.one().integer("n_keys")));
        }
        concludeProfile(rows.where("part", "profile"), out);

        Table ratios = ratioTable(states, styles);
        if (ratios.rowCount() > 0) {
            out.table("ratios", ratios);
            out.chart("ratios", ratioChart(ratios, states, styles));
        }
        if (!states.isEmpty()) out.chart("states", statesChart(states));
        if (!styles.isEmpty()) out.chart("styles", stylesChart(styles));
    }

    /**
     * iterator_frames_share and the top-frames table. With recordings from several JVMs the
     * share is the mean of the per-JVM shares with a Student-t interval over JVMs (JIT decisions
     * differ between JVMs and move samples between the loop and the inlined iterator, more than
     * sampling error does); with one JVM (runs stored before several were recorded) it is that
     * JVM's share with the Wilson interval, which covers sampling error only, and says so.
     */
    private static void concludeProfile(Rows profile, ResultBuilder out) {
        Rows samplesRows = profile.metric("samples");
        if (samplesRows.isEmpty()) return;
        Rows.Row first = samplesRows.list().get(0);
        Map<Integer, Double> shares = new java.util.TreeMap<>();
        long samples = 0;
        long onIterator = 0;
        for (Rows.Row r : samplesRows) {
            Rows same = r.has("jvm") ? profile.where("jvm", r.str("jvm")) : profile;
            long n = (long) r.value();
            Rows iterator = same.metric("iterator_samples");
            // runs stored before the counts were kept have the share itself
            long x = iterator.isEmpty() ? Math.round(same.metric("iterator_frames_share").one().value() * n) : (long) iterator.one().value();
            shares.put(r.has("jvm") ? (int) r.integer("jvm") : 0, x / (double) n);
            samples += n;
            onIterator += x;
        }
        List<Frame> frames = frames(profile);
        String hottest = frames.isEmpty() ? "" : String.format(Locale.ROOT, "; hottest: %s, %.1f%%%% self", frames.get(0).method(),
                100.0 * frames.get(0).self() / samples);
        Estimate share;
        String method;
        if (shares.size() >= 2) {
            Estimate e = Estimates.mean(shares);
            share = new Estimate(e.value(), Math.max(0, e.low()), Math.min(1, e.high()), e.n());
            method = "mean of " + shares.size() + " JVMs' shares, Student-t interval over JVMs";
        } else {
            share = wilson(onIterator, samples);
            method = "one JVM, Wilson interval over its samples (sampling error only)";
        }
        out.finding(Finding.estimate("iterator_frames_share", share, "fraction", Finding.Basis.TIMING,
                "A share of %.3f of " + samples + " CPU samples (" + onIterator + ") of an entrySet loop over a " + MapState.parse(first.str("state")).label()
                        + " HashMap of " + first.integer("n_keys") + " entries had an iterator method on top" + hottest + "; " + method)
                .where("state", first.str("state")).where("n_keys", first.integer("n_keys")).where("n_filled", first.integer("n_filled")));
        if (!frames.isEmpty()) out.table("top frames", topFramesTable(frames, samples));
    }

    /** One profiled method: samples with it on top (self) and anywhere on the stack (total). */
    record Frame(String method, long self, long total) { }

    /**
     * The stored frames summed over JVMs, most self samples first (ties: more total samples, then
     * by name), as {@link JfrProfile#topFrames} orders them. Each JVM stores its
     * {@value #STORED_FRAMES} hottest frames, so a frame below that in one JVM counts 0 there.
     */
    static List<Frame> frames(Rows profile) {
        Map<String, long[]> sums = new LinkedHashMap<>();
        for (Rows.Row r : profile.metric("self_samples")) sums.computeIfAbsent(r.str("method"), m -> new long[2])[0] += (long) r.value();
        for (Rows.Row r : profile.metric("total_samples")) sums.computeIfAbsent(r.str("method"), m -> new long[2])[1] += (long) r.value();
        List<Frame> out = new ArrayList<>();
        sums.forEach((m, c) -> out.add(new Frame(m, c[0], c[1])));
        out.sort(Comparator.comparingLong(Frame::self).reversed().thenComparing(Comparator.comparingLong(Frame::total).reversed())
                .thenComparing(Frame::method));
        return out;
    }

    static Table topFramesTable(List<Frame> frames, long samples) {
        StringColumn method = StringColumn.create("method");
        StringColumn cat = StringColumn.create("category");
        LongColumn self = LongColumn.create("self_samples");
        DoubleColumn selfShare = DoubleColumn.create("self_share");
        LongColumn total = LongColumn.create("total_samples");
        DoubleColumn totalShare = DoubleColumn.create("total_share");
        for (Frame f : frames.subList(0, Math.min(TOP_FRAMES, frames.size()))) {
            method.append(f.method());
            cat.append(category(f.method()));
            self.append(f.self());
            selfShare.append(f.self() / (double) samples);
            total.append(f.total());
            totalShare.append(f.total() / (double) samples);
        }
        return Table.create("top frames", method, cat, self, selfShare, total, totalShare);
    }

    /**
     * The Wilson score interval at {@link Estimates#CONFIDENCE} for a proportion of {@code x}
     * successes in {@code n} trials: the value is {@code x / n}, the bounds are
     * {@code (p + z²/2n ± z sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n)} with {@code z} the normal
     * quantile. Unlike the normal approximation it stays inside [0, 1] and is not degenerate at
     * 0 or n successes.
     */
    static Estimate wilson(long x, long n) {
        if (n <= 0 || x < 0 || x > n) throw new IllegalArgumentException("x, n: need 0 <= x <= n and n > 0, got " + x + " of " + n);
        double z = new NormalDistribution().inverseCumulativeProbability(0.5 + Estimates.CONFIDENCE / 2);
        double p = x / (double) n;
        double z2n = z * z / n;
        double centre = (p + z2n / 2) / (1 + z2n);
        double half = z / (1 + z2n) * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n));
        // at 0 or n successes the bound on that side is exactly 0 or 1 (the formula gives it up to rounding)
        double low = x == 0 ? 0 : Math.max(0, centre - half);
        double high = x == n ? 1 : Math.min(1, centre + half);
        return new Estimate(p, low, high, (int) Math.min(Integer.MAX_VALUE, n));
    }

    /** Every state against fresh and every style against entrySet, per kind: ratio and interval (paired by round). */
    private static Table ratioTable(Rows states, Rows styles) {
        StringColumn comparison = StringColumn.create("comparison");
        DoubleColumn ratio = DoubleColumn.create("ratio");
        DoubleColumn low = DoubleColumn.create("low");
        DoubleColumn high = DoubleColumn.create("high");
        StringColumn verdict = StringColumn.create("verdict");
        addRatios(states, "state", MapState.FRESH.id(), s -> MapState.parse(s).label(), comparison, ratio, low, high, verdict);
        addRatios(styles, "style", IterationStyle.ENTRYSET.id(), s -> IterationStyle.parse(s).label(), comparison, ratio, low, high, verdict);
        return Table.create("ratios", comparison, ratio, low, high, verdict);
    }

    private static void addRatios(Rows rows, String column, String baseline, java.util.function.Function<String, String> label,
                                  StringColumn comparison, DoubleColumn ratio, DoubleColumn low, DoubleColumn high, StringColumn verdict) {
        for (String kind : rows.distinct("subject")) {
            Rows byKind = rows.where("subject", kind);
            Rows base = byKind.where(column, baseline);
            if (base.isEmpty()) continue;
            for (String variant : byKind.distinct(column)) {
                if (variant.equals(baseline)) continue;
                Estimate e = byKind.where(column, variant).one().measured().ratioTo(base.one().measured());
                comparison.append(IterationMapKind.parse(kind).shortLabel() + " " + label.apply(variant) + " / " + label.apply(baseline));
                ratio.append(e.value());
                low.append(e.low());
                high.append(e.high());
                verdict.append(Finding.verdict(e, 1).label());
            }
        }
    }

    /** The ratios on a log axis; XChart draws error bars wrongly on a log axis, so the intervals are in the "ratios" table. */
    private static CategoryChart ratioChart(Table ratios, Rows states, Rows styles) {
        String n = states.isEmpty() ? "" : "states: " + states.first().get().integer("n_keys") + " of "
                + states.list().stream().mapToLong(r -> r.integer("n_filled")).max().orElse(0) + " entries left";
        String s = styles.isEmpty() ? "" : "styles: " + styles.first().get().integer("n_keys");
        CategoryChart chart = Charts.bars("Time ratios (" + String.join("; ", List.of(n, s).stream().filter(x -> !x.isEmpty()).toList())
                + "; intervals in the ratios table)", "comparison", "time ratio (x, log scale)");
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisLabelRotation(45);
        chart.getStyler().setLegendVisible(false);
        List<Double> values = ratios.doubleColumn("ratio").asList();
        Charts.bars(chart, "ratio", ratios.stringColumn("comparison").asList(), values, null);
        logAxisFloor(chart, values.stream().mapToDouble(Double::doubleValue).min().orElse(1));
        return chart;
    }

    private static CategoryChart statesChart(Rows states) {
        List<String> order = states.distinct("state");
        long k = states.first().get().integer("n_keys");
        // XChart draws error bars wrongly on a logarithmic axis: the intervals are in the tidy table
        CategoryChart chart = Charts.bars(k + " entries, by how the map got them (JMH; intervals in the table)", "state",
                "time per full iteration (" + states.first().get().str("unit") + ", log scale)");
        chart.getStyler().setYAxisLogarithmic(true);
        double min = Double.POSITIVE_INFINITY;
        for (String kind : states.distinct("subject")) {
            Rows byKind = states.where("subject", kind);
            List<String> present = order.stream().filter(st -> !byKind.where("state", st).isEmpty()).toList();
            List<Double> values = present.stream().map(st -> byKind.where("state", st).one().value()).toList();
            min = Math.min(min, values.stream().mapToDouble(Double::doubleValue).min().orElse(min));
            Charts.bars(chart, IterationMapKind.parse(kind).label(), present.stream().map(st -> MapState.parse(st).label()).toList(), values, null);
        }
        logAxisFloor(chart, Double.isFinite(min) ? min : 1);
        return chart;
    }

    private static CategoryChart stylesChart(Rows styles) {
        List<String> order = styles.distinct("style");
        CategoryChart chart = Charts.bars("Iterating " + styles.first().get().integer("n_keys") + " entries by style (JMH, "
                + Finding.confidenceLabel() + " intervals over forks)", "style", "time per full iteration (" + styles.first().get().str("unit") + ")");
        chart.getStyler().setYAxisMin(0.0);
        for (String kind : styles.distinct("subject")) {
            Rows byKind = styles.where("subject", kind);
            List<String> present = order.stream().filter(st -> !byKind.where("style", st).isEmpty()).toList();
            Charts.bars(chart, IterationMapKind.parse(kind).label(), present.stream().map(st -> IterationStyle.parse(st).label()).toList(),
                    present.stream().map(st -> byKind.where("style", st).one().value()).toList(),
                    present.stream().map(st -> zeroIfNaN(byKind.where("style", st).one().error())).toList());
        }
        return chart;
    }

    /** Bars on a log axis need an explicit floor (XChart anchors bars at zero): the power of ten below {@code min}. */
    private static void logAxisFloor(CategoryChart chart, double min) {
        chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
    }

    private static double zeroIfNaN(double d) {
        return Double.isNaN(d) ? 0 : d;
    }
}
