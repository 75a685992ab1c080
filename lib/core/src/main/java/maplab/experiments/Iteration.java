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
import maplab.measure.AsyncSampler;
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
import maplab.subject.iteration.NodeLayout;
import maplab.workload.IterationLoop;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.knowm.xchart.CategoryChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * iteration: what iterating a map really costs. Four parts: (1) {@code states}: a map filled
 * to n and drained or cleared down to k entries, iterated against a fresh map of k (and the
 * remedies: copy constructor, rebuild), per map kind; (2) {@code styles}: iteration styles
 * (entrySet, keySet + get, forEach, a snapshot array) across HashMap, LinkedHashMap, TreeMap
 * and fastutil; (3) {@code profile}: where the CPU goes in the drained map's loop, by JFR with
 * and without {@code -XX:+DebugNonSafepoints} and by async-profiler beside JFR, in forked JVMs;
 * (4) {@code locality}: the same HashMap of 2^20 Integer keys filled in random order, copied
 * ({@code new HashMap<>(m)}), rebuilt, collected, or filled in ascending order
 * ({@link NodeLayout}): does copying restore iteration locality?
 *
 * <p><b>Measure.</b> Parts 1, 2 and 4 are three JMH runs measured in alternating rounds
 * ({@link Jmh#inRounds}): round {@code r} runs fork {@code r} of every cell of all three, so the
 * compared states, styles and layouts pair by round. The layouts run with JMH's gc profiler
 * and the pinned collector ({@code -XX:+UseParallelGC -Xms1g -Xmx1g}, the {@code collector}
 * column): a collection between fill and measurement could move the nodes (a ParallelGC
 * scavenge copies them in the order it reaches them, a full collection slides them keeping
 * their order), so the collections during the measured iterations are counted, and the layouts
 * {@code random_full_gc} and {@code random_young_gc} (full profile) measure what a collection
 * after the fill does. Part 3 records {@code profile_jvms} JVMs per DebugNonSafepoints setting
 * ({@code jvm}, {@code debug_nonsafepoints} and {@code profiler} columns), alternating the
 * settings; async-profiler ({@link AsyncSampler}, itimer mode) samples the same recorded
 * window as JFR in the DebugNonSafepoints JVMs. Per JVM and profiler the sample counts are rows:
 * all samples, those whose top frame is an iterator's, the self and total samples of the
 * hottest frames (one row per method), and whether the profiler ran (with the reason if not).
 *
 * <p><b>Conclude.</b> {@code drained_vs_fresh}, {@code cleared_vs_fresh},
 * {@code keyset_get_vs_entryset}, {@code locality_random_vs_copied} and
 * {@code locality_copied_vs_ascending} (and the full profile's other layouts) are time ratios
 * with paired-by-round intervals. {@code iterator_frames_share}, the headline profile, is the
 * fraction of JFR's CPU samples of the drained map's loop (with DebugNonSafepoints) with an
 * iterator method on top: basis {@code timing} (it estimates a share of CPU time, by sampling).
 * Its interval is over JVMs, like every timing's (the JVM is the unit of replication: how much
 * of the loop the JIT inlines into the caller moves samples between the loop and the iterator:
 * recordings of the same fresh-map loop gave 0.37, 0.57 and 0.59): the mean of the per-JVM shares
 * with a Student-t interval. A run with one recording (older references) gets the Wilson score
 * interval for a binomial proportion ({@link #wilson}), which covers only the sampling error,
 * and its sentence says so. The same share without DebugNonSafepoints and by async-profiler,
 * their differences from the headline (Welch over the two sets of JVMs; paired by JVM for
 * async-profiler), the top-frames tables (summed over JVMs) and a table of which profilers ran.
 */
public final class Iteration implements Experiment {

    static final String BENCH = "maplab.bench.IterationBench.iterate";
    static final String LOCALITY_BENCH = "maplab.bench.IterationLocalityBench.iterate";
    static final String ON = "on";
    static final String OFF = "off";
    static final String JFR = "jfr";
    static final String ASYNC_PROFILER = "async_profiler";
    static final String NONE = "none";
    static final int TOP_FRAMES = 15;
    /** Frames per profile in the top-frames chart. */
    static final int CHART_FRAMES = 5;
    /** Frames stored per profile (by self samples): more than the table shows, few enough to keep results.csv small. */
    static final int STORED_FRAMES = 40;

    @Override public String id() { return "iteration"; }

    @Override public String summary() { return "drained and cleared maps against fresh ones, iteration styles, and a JFR profile of the loop"; }

    /**
     * Quick: only the cells behind a finding (HashMap fresh, drained, cleared at n = 1M, k = 1000;
     * HashMap entrySet and keySet + get at 100,000 entries; the random-filled, copied and
     * ascending-filled HashMaps of 2^20 entries), 4 forks of 1x100 ms + 3x100 ms (2x100 ms of
     * warm-up for the layouts: one pass takes tens of milliseconds), JFR recordings of the drained map of 0.3 s +
     * 0.7 s in 3 JVMs with DebugNonSafepoints and 3 without, async-profiler beside JFR in the
     * first three. Full: every kind, state, style and layout, n = 4M (as the reference), 5 forks
     * of 1x100 ms + 3x100 ms for the states (the fill to 4M entries in each fork's setup costs
     * more than its measurement) and 1x100 ms + 4x100 ms for the styles and layouts (a TreeMap
     * pass over 1M entries takes about 180 ms), recordings of 2 s + 4 s in 4 JVMs each way.
     *
     * <p>The layouts hold 2^20 entries in both profiles: nodes and boxes take about 64 MB, twice
     * this machine's 32 MiB L3 and far beyond its 2 MiB L2, so a walk in random address order
     * misses the caches; at 256k entries (16 MB) the whole map would fit in L3.
     */
    @Override
    public List<ParamSpec> params() {
        String allKinds = String.join(",", IterationMapKind.ids());
        String allStates = String.join(",", MapState.ids());
        String allStyles = String.join(",", IterationStyle.ids());
        String allLayouts = String.join(",", NodeLayout.ids());
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
                ParamSpec.integer("locality_n", 1, 20_000_000, 1 << 20, 1 << 20,
                        "entries (keys 0..n-1) of the HashMaps whose node layouts are compared; well beyond the caches"),
                ParamSpec.choices("layouts", NodeLayout.ids(), "random,copied,ascending", allLayouts,
                        "node layouts compared: how the HashMap was filled, copied, rebuilt or collected"),
                ParamSpec.choice("profiled_state", MapState.ids(), "drained", "drained",
                        "state of the HashMap (n, k as above) whose entrySet loop is profiled with JFR"),
                ParamSpec.integer("profile_jvms", 1, 20, 3, 4, "JFR profile: JVMs recorded one after another for each DebugNonSafepoints setting (the share's interval is over JVMs)"),
                ParamSpec.integer("profile_warmup_ms", 0, 600_000, 300, 2_000, "JFR profile: time the loop runs in each JVM before its recording starts"),
                ParamSpec.integer("profile_record_ms", 100, 600_000, 700, 4_000, "JFR profile: time recorded in each JVM (a CPU sample every 1 ms)"),
                ParamSpec.choices("debug_nonsafepoints", List.of(ON, OFF), "on,off", "on,off",
                        "JFR profile: record with -XX:+DebugNonSafepoints (on: samples name the inlined method) and/or without (off)"),
                ParamSpec.choice("second_profiler", List.of(ASYNC_PROFILER, NONE), ASYNC_PROFILER, ASYNC_PROFILER,
                        "a second sampler beside JFR in the DebugNonSafepoints JVMs: async-profiler (itimer mode, no kernel privileges) or none"),
                ParamSpec.effort("states", Effort.parseOrNull("4:1x100ms+3x100ms"), Effort.parseOrNull("5:1x100ms+3x100ms"),
                        "JMH effort of the drained/cleared/fresh maps (same forks as styles and locality: all run in alternating rounds)"),
                ParamSpec.effort("styles", Effort.parseOrNull("4:1x100ms+3x100ms"), Effort.parseOrNull("5:1x100ms+4x100ms"),
                        "JMH effort of the iteration styles (same forks as states)"),
                ParamSpec.effort("locality", Effort.parseOrNull("4:2x100ms+3x100ms"), Effort.parseOrNull("5:2x100ms+4x100ms"),
                        "JMH effort of the node layouts (same forks as states; a pass over 2^20 scattered entries takes tens of ms, so two warm-up iterations)"));
    }

    @Override
    public void validate(Params params) {
        long n = params.getLong("n");
        long k = params.getLong("k");
        if (k >= n) {
            throw new IllegalArgumentException("parameter 'k': bad value '" + k + "'; allowed: a whole number from 1 to n - 1 (" + (n - 1) + ")");
        }
        int forks = params.getEffort("states").forks();
        for (String part : List.of("styles", "locality")) {
            if (params.getEffort(part).forks() != forks) {
                throw new IllegalArgumentException("parameter '" + part + "_effort': bad value '" + params.getEffort(part).text()
                        + "'; allowed: the same number of forks as states_effort (" + forks + "): the parts run in alternating rounds");
            }
        }
    }

    // ------------------------------------------------------------------ measure

    /**
     * The plan's progress steps: one per JMH cell and fork of the three parts (states: kinds x
     * states; styles: kinds x styles; locality: layouts; no comparison adds rounds), then the
     * profiled JVMs ({@link #profileSteps}).
     */
    @Override
    public int plannedSteps(Params p) {
        return p.getStrings("state_kinds").size() * p.getStrings("states").size() * p.getEffort("states").plannedForks(false)
                + p.getStrings("kinds").size() * p.getStrings("styles").size() * p.getEffort("styles").plannedForks(false)
                + p.getStrings("layouts").size() * p.getEffort("locality").plannedForks(false)
                + profileSteps(p.getInt("profile_jvms"), p.getStrings("debug_nonsafepoints").size());
    }

    /** Progress steps of the profiles: one per JVM and DebugNonSafepoints setting. */
    private static int profileSteps(int jvms, int modes) {
        return jvms * modes;
    }

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

        // 1, 2 and 4: drained, cleared and remedied maps against fresh ones; iteration styles; node layouts; in alternating rounds
        Jmh statesRun = ctx.jmh(BENCH, "states")
                .param("kind", stateKinds).param("state", states).param("style", IterationStyle.ENTRYSET.id())
                .param("n", String.valueOf(n)).param("k", String.valueOf(k)).param("seed", String.valueOf(keySeed));
        Jmh stylesRun = ctx.jmh(BENCH, "styles")
                .param("kind", kinds).param("state", MapState.FRESH.id()).param("style", styles)
                .param("n", String.valueOf(styleSize)).param("k", String.valueOf(styleSize)).param("seed", String.valueOf(keySeed));
        int localityN = ctx.params().getInt("locality_n");
        // the gc profiler counts the collections in each measured iteration: a collection could move the nodes
        Jmh localityRun = ctx.jmh(LOCALITY_BENCH, "locality").profiler("gc")
                .param("layout", ctx.params().getStrings("layouts")).param("n", String.valueOf(localityN)).param("seed", String.valueOf(keySeed));
        List<List<JmhScore>> scores = Jmh.inRounds(List.of(statesRun, stylesRun, localityRun), ctx.random("run-order"));
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
        for (JmhScore s : scores.get(2)) {
            String collector = collector(s.jvmArgs());
            localityRow(out, s, localityN, collector).measure("iterate_time", s.measured(), Unit.ofJmh(s.unit()));
            JmhScore.Secondary gc = s.secondary().get("gc.count");
            // JMH reports gc.count only for iterations with a collection: absent means none in any measured iteration
            double collections = gc == null ? 0 : gc.samples().stream().mapToDouble(Estimates.Sample::value).sum();
            localityRow(out, s, localityN, collector).measure("collections_measured", collections, Unit.COUNT);
        }

        // 3. where the CPU goes: JFR (and async-profiler) in forked JVMs; the counts are stored, the tables and shares are concluded
        MapState profiled = MapState.parse(ctx.params().getString("profiled_state"));
        int filled = profiled == MapState.FRESH ? k : n;
        int jvms = ctx.params().getInt("profile_jvms");
        List<String> modes = ctx.params().getStrings("debug_nonsafepoints");
        boolean async = ctx.params().getString("second_profiler").equals(ASYNC_PROFILER);
        ctx.progress().addSteps(profileSteps(jvms, modes.size()));
        for (int jvm = 0; jvm < jvms; jvm++) {
            for (String mode : modes) {
                // async-profiler only beside JFR with DebugNonSafepoints: loading it could change how the JIT keeps debug information
                boolean withAsync = async && mode.equals(ON);
                Recorded r = profile(ctx, profiled, n, k, keySeed, jvm, mode.equals(ON), withAsync);
                storeProfile(out, r.jfr(), JFR, mode, profiled, k, filled, jvm, "ran");
                if (withAsync) {
                    if (r.async() != null) storeProfile(out, r.async(), ASYNC_PROFILER, mode, profiled, k, filled, jvm, "ran (" + AsyncSampler.EVENT + ")");
                    else profileRow(out, profiled, k, filled, jvm, ASYNC_PROFILER, mode).with("status", r.asyncStatus()).measure("profiler_ran", 0, Unit.COUNT);
                }
            }
        }
    }

    /** The GC and heap flags of a fork (e.g. {@code -XX:+UseParallelGC -Xms1g -Xmx1g}), the last -XX:+Use*GC winning as in the JVM. */
    static String collector(List<String> jvmArgs) {
        String gc = "default collector";
        List<String> heap = new ArrayList<>();
        for (String a : jvmArgs) {
            if (a.startsWith("-XX:+Use") && a.endsWith("GC")) gc = a.substring("-XX:+Use".length());
            else if (a.startsWith("-Xms") || a.startsWith("-Xmx")) heap.add(a);
        }
        return heap.isEmpty() ? gc : gc + " " + String.join(" ", heap);
    }

    private static ResultBuilder.Row localityRow(ResultBuilder out, JmhScore s, int n, String collector) {
        return out.row().with("part", "locality").with("subject", IterationMapKind.HASHMAP.id()).with("layout", s.param("layout"))
                .with("style", IterationStyle.ENTRYSET.id()).with("n_keys", n).with("collector", collector);
    }

    private static void storeProfile(ResultBuilder out, JfrProfile profile, String profiler, String mode, MapState state, int k, int filled, int jvm, String status) {
        profileRow(out, state, k, filled, jvm, profiler, mode).with("status", status).measure("profiler_ran", 1, Unit.COUNT);
        profileRow(out, state, k, filled, jvm, profiler, mode).measure("samples", profile.samples(), Unit.COUNT);
        profileRow(out, state, k, filled, jvm, profiler, mode).measure("iterator_samples",
                Math.round(profile.topFrameShare(Iteration::isIteratorFrame) * profile.samples()), Unit.COUNT);
        for (JfrProfile.FrameCount f : profile.topFrames(STORED_FRAMES)) {
            profileRow(out, state, k, filled, jvm, profiler, mode).with("method", f.method()).measure("self_samples", f.self(), Unit.COUNT);
            profileRow(out, state, k, filled, jvm, profiler, mode).with("method", f.method()).measure("total_samples", f.total(), Unit.COUNT);
        }
    }

    private static ResultBuilder.Row profileRow(ResultBuilder out, MapState state, int k, int filled, int jvm, String profiler, String mode) {
        return out.row().with("part", "profile").with("subject", IterationMapKind.HASHMAP.id()).with("state", state.id())
                .with("style", IterationStyle.ENTRYSET.id()).with("n_keys", k).with("n_filled", filled).with("jvm", jvm)
                .with("profiler", profiler).with("debug_nonsafepoints", mode);
    }

    /** One profiled JVM: JFR's samples, async-profiler's (null when it did not run) and what the loop said about it. */
    record Recorded(JfrProfile jfr, JfrProfile async, String asyncStatus) { }

    /**
     * Runs {@link IterationLoop} on a HashMap in {@code state} under JFR (and async-profiler when
     * {@code withAsync}) in forked JVM number {@code jvm}, with or without
     * {@code -XX:+DebugNonSafepoints}, and reads the samples.
     */
    private static Recorded profile(RunContext ctx, MapState state, int n, int k, long keySeed, int jvm, boolean debugNonSafepoints, boolean withAsync) {
        int warmupMs = ctx.params().getInt("profile_warmup_ms");
        int recordMs = ctx.params().getInt("profile_record_ms");
        int periodMs = 1;
        Path dir = ctx.workDir().resolve("jfr");
        String suffix = (debugNonSafepoints ? "" : "-nodebug") + (jvm == 0 ? "" : "-" + jvm);
        Path jfr = dir.resolve("iteration-" + state.id() + suffix + ".jfr");
        Path collapsed = dir.resolve("iteration-" + state.id() + suffix + "-async.collapsed");
        List<String> jvmArgs = new ArrayList<>(Jmh.Settings.DEFAULT_JVM_ARGS);
        // on: attribute samples to the exact (inlined) method, not the nearest safepoint's debug information
        if (debugNonSafepoints) jvmArgs.addAll(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints"));
        List<String> args = new ArrayList<>(List.of(IterationMapKind.HASHMAP.id(), state.id(), IterationStyle.ENTRYSET.id(), String.valueOf(n), String.valueOf(k),
                String.valueOf(keySeed), String.valueOf(warmupMs), String.valueOf(recordMs), String.valueOf(periodMs), jfr.toString()));
        if (withAsync) args.add(collapsed.toString());
        ctx.progress().step("JFR profile " + (jvm + 1) + " (DebugNonSafepoints " + (debugNonSafepoints ? ON : OFF) + (withAsync ? ", with async-profiler" : "")
                + ") of the entrySet loop over a " + state.label() + " HashMap (" + (warmupMs + recordMs) / 1000.0 + " s)");
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("main_class", IterationLoop.class.getName());
        note.put("jvm_args", Jmh.Settings.DEFAULT_JVM_ARGS);
        note.put("debug_nonsafepoints", ctx.params().getStrings("debug_nonsafepoints"));
        note.put("debug_nonsafepoints_flags", List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints"));
        note.put("args", args.subList(0, 9));
        note.put("sample_period_ms", periodMs);
        note.put("recording", dir.getFileName().resolve("iteration-" + state.id() + "[-nodebug][-JVM].jfr").toString());
        note.put("jvms", ctx.params().getInt("profile_jvms"));
        note.put("second_profiler", ctx.params().getString("second_profiler").equals(ASYNC_PROFILER)
                ? "async-profiler, " + AsyncSampler.EVENT + " mode, same window as JFR, in the DebugNonSafepoints JVMs" : NONE);
        ctx.result().note("jfr", note);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new MeasurementException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        ChildJvm.Output output = ChildJvm.run(IterationLoop.class, jvmArgs, args, Duration.ofMillis(warmupMs + recordMs + 60_000L));
        writeLog(dir.resolve("iteration-loop" + suffix + ".log"), output);
        JfrProfile profile = JfrProfile.read(jfr);
        if (profile.samples() == 0) throw new MeasurementException("the JFR recording " + jfr + " has no execution samples; the loop said: " + output.stdout().strip());
        if (!withAsync) return new Recorded(profile, null, "");
        String said = output.stdout().lines().filter(l -> l.startsWith(IterationLoop.ASYNC_UNAVAILABLE)).findFirst().orElse("");
        if (!said.isEmpty()) return new Recorded(profile, null, said);
        JfrProfile async = AsyncSampler.readCollapsed(collapsed, "main");
        if (async.samples() == 0) return new Recorded(profile, null, "async-profiler ran but took no sample of the loop's thread");
        return new Recorded(profile, async, "ran");
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
        concludeLocality(rows.where("part", "locality"), out);
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
     * The locality findings: the random-filled HashMap against its copy, the copy against an
     * ascending-filled one (and, where measured, the rebuilt and collected layouts), time ratios
     * with paired-by-round intervals; the collections counted during the measured iterations;
     * the layouts table and chart.
     */
    private static void concludeLocality(Rows locality, ResultBuilder out) {
        Rows times = locality.metric("iterate_time");
        if (times.isEmpty()) return;
        Rows.Row any = times.list().get(0);
        long n = any.integer("n_keys");
        String collector = any.str("collector");
        String map = "a HashMap<Integer, Integer> of " + n + " entries";
        localityRatio(out, times, "locality_random_vs_copied", NodeLayout.RANDOM, NodeLayout.COPIED,
                "Iterating " + map + " filled in random key order", "its copy (new HashMap<>(m), nodes allocated in table order)", n, collector);
        localityRatio(out, times, "locality_copied_vs_ascending", NodeLayout.COPIED, NodeLayout.ASCENDING,
                "Iterating the copy of a random-filled " + map.substring(2), "one filled in ascending key order", n, collector);
        localityRatio(out, times, "locality_rebuilt_vs_ascending", NodeLayout.REBUILT, NodeLayout.ASCENDING,
                "Iterating a random-filled " + map.substring(2) + " rebuilt in table order with new boxes", "one filled in ascending key order", n, collector);
        localityRatio(out, times, "locality_full_gc_vs_random", NodeLayout.RANDOM_FULL_GC, NodeLayout.RANDOM,
                "Iterating a random-filled " + map.substring(2) + " after a full collection (" + collector + ")", "the same map never collected", n, collector);
        localityRatio(out, times, "locality_young_gc_vs_random", NodeLayout.RANDOM_YOUNG_GC, NodeLayout.RANDOM,
                "Iterating a random-filled " + map.substring(2) + " after a young collection (" + collector + ")", "the same map never collected", n, collector);
        Rows collections = locality.metric("collections_measured");
        if (!collections.isEmpty()) {
            double total = 0;
            for (Rows.Row r : collections) total += r.value();
            out.finding(Finding.count("locality_collections_measured", total, "collections",
                    "%.0f garbage collections ran during the measured iterations of the " + collections.size() + " layouts (JMH gc profiler, "
                            + collector + "): " + (total == 0 ? "none could move the nodes while they were timed"
                            : "a collection may have moved nodes while they were timed"))
                    .where("n_keys", n).where("collector", collector));
        }
        out.table("locality", localityTable(locality));
        out.chart("locality", localityChart(times, collector));
    }

    private static void localityRatio(ResultBuilder out, Rows times, String id, NodeLayout a, NodeLayout b, String aLabel, String bLabel, long n, String collector) {
        Rows ra = times.where("layout", a.id());
        Rows rb = times.where("layout", b.id());
        if (ra.isEmpty() || rb.isEmpty()) return;
        out.finding(Finding.timeRatio(id, aLabel, bLabel, ra.one().measured().ratioTo(rb.one().measured())).where("n_keys", n).where("collector", collector));
    }

    /** Layout, time per full iteration with its interval half-width, and collections during measurement. */
    static Table localityTable(Rows locality) {
        StringColumn layout = StringColumn.create("layout");
        DoubleColumn time = DoubleColumn.create("time");
        DoubleColumn error = DoubleColumn.create("error");
        StringColumn unit = StringColumn.create("unit");
        DoubleColumn ns = DoubleColumn.create("ns_per_entry");
        DoubleColumn gcs = DoubleColumn.create("collections_measured");
        for (Rows.Row r : ordered(locality.metric("iterate_time"))) {
            layout.append(NodeLayout.parse(r.str("layout")).label());
            time.append(r.value());
            error.append(r.error());
            unit.append(r.str("unit"));
            ns.append(r.str("unit").startsWith("us") ? r.value() * 1000 / r.integer("n_keys") : Double.NaN);
            Rows c = locality.metric("collections_measured").where("layout", r.str("layout"));
            gcs.append(c.isEmpty() ? Double.NaN : c.one().value());
        }
        return Table.create("locality", layout, time, error, unit, ns, gcs);
    }

    private static List<Rows.Row> ordered(Rows times) {
        return times.list().stream().sorted(Comparator.comparingInt(r -> NodeLayout.parse(r.str("layout")).ordinal())).toList();
    }

    private static CategoryChart localityChart(Rows times, String collector) {
        List<Rows.Row> rows = ordered(times);
        CategoryChart chart = Charts.bars("Iterating " + rows.get(0).integer("n_keys") + " Integer entries by node layout (JMH, " + collector + ", "
                + Finding.confidenceLabel() + " intervals over forks)", "how the HashMap was built", "time per full iteration (" + rows.get(0).str("unit") + ")");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setLegendVisible(false);
        Charts.bars(chart, "HashMap", rows.stream().map(r -> NodeLayout.parse(r.str("layout")).label()).toList(),
                rows.stream().map(Rows.Row::value).toList(), rows.stream().map(r -> zeroIfNaN(r.error())).toList());
        return chart;
    }

    /** The profile rows of one profiler and DebugNonSafepoints setting (rows stored before either was recorded: JFR, on). */
    static Rows profileOf(Rows profile, String profiler, String mode) {
        return profile.filter(r -> (r.has("profiler") ? r.str("profiler") : JFR).equals(profiler)
                && (r.has("debug_nonsafepoints") ? r.str("debug_nonsafepoints") : ON).equals(mode), profiler + ", DebugNonSafepoints " + mode);
    }

    /** Per-JVM iterator shares of one profile, with the sample totals. */
    record Shares(Map<Integer, Double> byJvm, long samples, long onIterator) {
        /** Mean over JVMs with a Student-t interval; with one JVM the Wilson interval over its samples (sampling error only). */
        Estimate estimate() {
            if (byJvm.size() >= 2) {
                Estimate e = Estimates.mean(byJvm);
                return new Estimate(e.value(), Math.max(0, e.low()), Math.min(1, e.high()), e.n());
            }
            return wilson(onIterator, samples);
        }

        String method() {
            return byJvm.size() >= 2 ? "mean of " + byJvm.size() + " JVMs' shares, Student-t interval over JVMs"
                    : "one JVM, Wilson interval over its samples (sampling error only)";
        }
    }

    static Shares shares(Rows profile) {
        Map<Integer, Double> shares = new java.util.TreeMap<>();
        long samples = 0;
        long onIterator = 0;
        for (Rows.Row r : profile.metric("samples")) {
            Rows same = r.has("jvm") ? profile.where("jvm", r.str("jvm")) : profile;
            long n = (long) r.value();
            Rows iterator = same.metric("iterator_samples");
            // runs stored before the counts were kept have the share itself
            long x = iterator.isEmpty() ? Math.round(same.metric("iterator_frames_share").one().value() * n) : (long) iterator.one().value();
            shares.put(r.has("jvm") ? (int) r.integer("jvm") : 0, x / (double) n);
            samples += n;
            onIterator += x;
        }
        return new Shares(shares, samples, onIterator);
    }

    /**
     * The profile findings and tables. The headline, {@code iterator_frames_share}, is JFR on the
     * profiled (drained) map with DebugNonSafepoints: per JVM the share of samples with an
     * iterator method on top, the mean over JVMs with a Student-t interval (JIT decisions differ
     * between JVMs and move samples between the loop and the inlined iterator, more than
     * sampling error does); with one JVM (runs stored before several were recorded) that JVM's
     * share with the Wilson interval, which covers sampling error only, and says so. The same
     * share without DebugNonSafepoints; the difference with minus without (two sets of JVMs:
     * Welch interval); async-profiler's share minus JFR's in the same JVMs and window (paired
     * by JVM: Student-t over the per-JVM differences); the top-frames tables; which profilers ran.
     */
    private static void concludeProfile(Rows profile, ResultBuilder out) {
        Rows headline = profileOf(profile, JFR, ON);
        Rows without = profileOf(profile, JFR, OFF);
        Rows async = profileOf(profile, ASYNC_PROFILER, ON);
        if (!headline.metric("samples").isEmpty()) {
            Rows.Row first = headline.metric("samples").list().get(0);
            Shares on = shares(headline);
            out.finding(shareFinding("iterator_frames_share", headline, on, "JFR with -XX:+DebugNonSafepoints"));
            if (!frames(headline).isEmpty()) out.table("top frames", topFramesTable(frames(headline), on.samples()));
            if (!without.metric("samples").isEmpty()) {
                Shares off = shares(without);
                out.finding(shareFinding("iterator_frames_share_without_debug_nonsafepoints", without, off, "JFR without -XX:+DebugNonSafepoints"));
                if (!frames(without).isEmpty()) out.table("top frames without DebugNonSafepoints", topFramesTable(frames(without), off.samples()));
                out.finding(Finding.versus("debug_nonsafepoints_iterator_share_difference", welchDifference(on.byJvm(), off.byJvm()), 0, "fraction", Finding.Basis.TIMING,
                        "The share of JFR's CPU samples with an iterator method on top, with -XX:+DebugNonSafepoints minus without (" + on.byJvm().size() + " and "
                                + off.byJvm().size() + " JVMs, Welch interval), was %+.3f")
                        .where("state", first.str("state")).where("n_keys", first.integer("n_keys")).where("n_filled", first.integer("n_filled")));
            }
            if (!async.metric("samples").isEmpty()) {
                Shares a = shares(async);
                out.finding(shareFinding("async_iterator_frames_share", async, a, "async-profiler (" + AsyncSampler.EVENT + ") with -XX:+DebugNonSafepoints"));
                if (!frames(async).isEmpty()) out.table("top frames async-profiler", topFramesTable(frames(async), a.samples()));
                Map<Integer, Double> diffs = new java.util.TreeMap<>();
                a.byJvm().forEach((jvm, share) -> { if (on.byJvm().containsKey(jvm)) diffs.put(jvm, share - on.byJvm().get(jvm)); });
                if (!diffs.isEmpty()) {
                    out.finding(Finding.versus("async_minus_jfr_iterator_share", Estimates.mean(diffs), 0, "fraction", Finding.Basis.TIMING,
                            "In the same JVMs and recorded window, async-profiler's share of samples with an iterator method on top minus JFR's (" + diffs.size()
                                    + " JVMs, paired by JVM, Student-t interval) was %+.3f")
                            .where("state", first.str("state")).where("n_keys", first.integer("n_keys")).where("n_filled", first.integer("n_filled")));
                }
            }
            if (!frames(headline).isEmpty()) out.chart("top frames", topFramesChart(headline, without, async));
        }
        Table ran = profilersTable(profile);
        if (ran.rowCount() > 0) out.table("profilers", ran);
    }

    private static Finding shareFinding(String id, Rows rows, Shares s, String how) {
        Rows.Row first = rows.metric("samples").list().get(0);
        List<Frame> frames = frames(rows);
        String hottest = frames.isEmpty() ? "" : String.format(Locale.ROOT, "; hottest: %s, %.1f%%%% self", frames.get(0).method(),
                100.0 * frames.get(0).self() / s.samples());
        return Finding.estimate(id, s.estimate(), "fraction", Finding.Basis.TIMING,
                "A share of %.3f of " + s.samples() + " CPU samples (" + s.onIterator() + ") of an entrySet loop over a "
                        + MapState.parse(first.str("state")).label() + " HashMap of " + first.integer("n_keys") + " entries had an iterator method on top ("
                        + how + ")" + hottest + "; " + s.method())
                .where("state", first.str("state")).where("n_keys", first.integer("n_keys")).where("n_filled", first.integer("n_filled"));
    }

    /**
     * {@code mean(a) - mean(b)} of two independent sets with Welch's interval at
     * {@link Estimates#CONFIDENCE}; NaN bounds when either side has fewer than two values.
     */
    static Estimate welchDifference(Map<Integer, Double> a, Map<Integer, Double> b) {
        double[] xa = a.values().stream().mapToDouble(Double::doubleValue).toArray();
        double[] xb = b.values().stream().mapToDouble(Double::doubleValue).toArray();
        if (xa.length == 0 || xb.length == 0) throw new IllegalArgumentException("a, b: need at least one value each");
        double d = maplab.stats.Stats.mean(xa) - maplab.stats.Stats.mean(xb);
        if (xa.length < 2 || xb.length < 2) return new Estimate(d, Double.NaN, Double.NaN, Math.min(xa.length, xb.length));
        double sa = maplab.stats.Stats.standardDeviation(xa);
        double sb = maplab.stats.Stats.standardDeviation(xb);
        double va = sa * sa / xa.length;
        double vb = sb * sb / xb.length;
        double se = Math.sqrt(va + vb);
        double df = se == 0 ? xa.length + xb.length - 2 : (va + vb) * (va + vb) / (va * va / (xa.length - 1) + vb * vb / (xb.length - 1));
        double h = Estimates.t(df) * se;
        return new Estimate(d, d - h, d + h, Math.min(xa.length, xb.length));
    }

    /** Which profilers ran, per profiler and DebugNonSafepoints setting: JVMs that recorded, JVMs where it did not run (and why), samples. */
    static Table profilersTable(Rows profile) {
        StringColumn profiler = StringColumn.create("profiler");
        StringColumn mode = StringColumn.create("debug_nonsafepoints");
        LongColumn ran = LongColumn.create("jvms_ran");
        LongColumn failed = LongColumn.create("jvms_not_ran");
        LongColumn samples = LongColumn.create("samples");
        StringColumn status = StringColumn.create("status");
        Rows flags = profile.metric("profiler_ran");
        for (String p : List.of(JFR, ASYNC_PROFILER)) {
            for (String m : List.of(ON, OFF)) {
                Rows f = profileOf(flags, p, m);
                Rows s = profileOf(profile.metric("samples"), p, m);
                if (f.isEmpty() && s.isEmpty()) continue;
                long yes = f.list().stream().filter(r -> r.value() > 0).count();
                profiler.append(p.equals(JFR) ? "JFR" : "async-profiler (" + AsyncSampler.EVENT + ")");
                mode.append(m);
                ran.append(f.isEmpty() ? s.size() : yes);
                failed.append(f.size() - yes);
                samples.append(s.list().stream().mapToLong(r -> (long) r.value()).sum());
                status.append(String.join("; ", f.list().stream().map(r -> r.str("status")).distinct().toList()));
            }
        }
        return Table.create("profilers", profiler, mode, ran, failed, samples, status);
    }

    /** Self share of the hottest frames: JFR with and without DebugNonSafepoints and async-profiler, side by side. */
    private static CategoryChart topFramesChart(Rows on, Rows off, Rows async) {
        List<Frame> fOn = frames(on);
        List<Frame> fOff = frames(off);
        List<Frame> fAsync = frames(async);
        List<String> methods = new ArrayList<>();
        for (List<Frame> fs : List.of(fOn, fOff, fAsync)) {
            for (Frame f : fs.subList(0, Math.min(CHART_FRAMES, fs.size()))) if (!methods.contains(f.method())) methods.add(f.method());
        }
        List<String> labels = methods.stream().map(Iteration::shortMethod).toList();
        CategoryChart chart = Charts.bars("Where the samples land: self share of the hottest frames (drained-map loop)", "method", "share of samples (self)");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setXAxisLabelRotation(30);
        addShares(chart, "JFR, DebugNonSafepoints on", fOn, shares(on).samples(), methods, labels);
        if (!fOff.isEmpty()) addShares(chart, "JFR, DebugNonSafepoints off", fOff, shares(off).samples(), methods, labels);
        if (!fAsync.isEmpty()) addShares(chart, "async-profiler, DebugNonSafepoints on", fAsync, shares(async).samples(), methods, labels);
        return chart;
    }

    private static void addShares(CategoryChart chart, String name, List<Frame> frames, long samples, List<String> methods, List<String> labels) {
        Map<String, Long> self = new java.util.HashMap<>();
        for (Frame f : frames) self.put(f.method(), f.self());
        Charts.bars(chart, name, labels, methods.stream().map(m -> self.getOrDefault(m, 0L) / (double) samples).toList(), null);
    }

    /** {@code java.util.HashMap$HashIterator.nextNode} as {@code HashMap$HashIterator.nextNode}. */
    static String shortMethod(String method) {
        int dot = method.lastIndexOf('.');
        String type = method.substring(0, dot);
        return type.substring(type.lastIndexOf('.') + 1) + method.substring(dot);
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
