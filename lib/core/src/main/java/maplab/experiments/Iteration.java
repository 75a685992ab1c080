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
import maplab.plan.ParamSpec;
import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.run.RunData;
import maplab.measure.AsyncSampler;
import maplab.measure.ChildJvm;
import maplab.plan.Effort;
import maplab.measure.JfrProfile;
import maplab.measure.Jmh;
import maplab.measure.JmhScore;
import maplab.measure.MeasurementException;
import maplab.conclude.Finding;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.plan.Unit;
import maplab.stats.Estimates;
import maplab.stats.Estimates.Estimate;
import maplab.subject.iteration.IterationMapKind;
import maplab.subject.iteration.IterationStyle;
import maplab.subject.iteration.MapState;
import maplab.subject.iteration.NodeLayout;
import maplab.measure.IterationLoop;
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

    /** Seconds per entry a fork or profiled JVM spends filling its map before measuring (boxing into a cold JVM on a busy 2-core machine). */
    static final double FILL_SECONDS_PER_ENTRY = 2e-6;
    /** Seconds to start a profiled JVM and read its recording afterwards. */
    static final double PROFILE_JVM_SECONDS = 2.5;
    /** The unit IterationBench and IterationLocalityBench report in. */
    static final Unit JMH_UNIT = Unit.ofJmh("us/op");

    /**
     * The plan: the three JMH batches of {@link #jmhBatches} with the maps their forks fill in
     * set-up, the profiled JVMs, every row measure writes (of the profiles' frames only the
     * iterator's, see the note) and the findings conclude gives for them.
     */
    @Override
    public void plan(Plan.Builder plan, RunContext context) {
        Params p = plan.params();
        int n = p.getInt("n");
        int k = p.getInt("k");
        int styleSize = p.getInt("style_size");
        int localityN = p.getInt("locality_n");
        List<String> states = p.getStrings("states");
        List<String> stateKinds = p.getStrings("state_kinds");
        List<String> kinds = p.getStrings("kinds");
        List<String> styles = p.getStrings("styles");
        List<String> layouts = p.getStrings("layouts");
        int forks = p.getEffort("states").plannedForks(false);

        List<Jmh> batches = jmhBatches(context);
        for (int i = 0; i < JMH_PARTS.size(); i++) plan.jmh(JMH_PARTS.get(i), batches.get(i));
        long drainedOrCleared = states.stream().filter(st -> !st.equals(MapState.FRESH.id())).count();
        plan.step("states forks: filling " + n + " entries before draining or clearing", (int) drainedOrCleared * stateKinds.size() * forks, fillSeconds(n));
        plan.step("styles forks: filling " + styleSize + " entries", kinds.size() * styles.size() * forks, fillSeconds(styleSize));
        plan.step("locality forks: filling " + localityN + " entries", layouts.size() * forks, fillSeconds(localityN));

        for (String kind : stateKinds) {
            for (String state : states) plan.timed(stateDims(kind, MapState.parse(state), n, k), "iterate_time", JMH_UNIT);
        }
        for (String kind : kinds) {
            for (String style : styles) plan.timed(styleDims(kind, style, styleSize), "iterate_time", JMH_UNIT);
        }
        String collector = collector(batches.get(2).forkJvmArgs());
        for (String layout : layouts) {
            plan.timed(localityDims(layout, localityN, collector), "iterate_time", JMH_UNIT);
            plan.count(localityDims(layout, localityN, collector), "collections_measured", Unit.COUNT, 0);
        }
        planProfiles(plan, p, n, k);
        plannedFindings(plan, p);
    }

    /** Seconds to fill a map of {@code entries} in a fresh JVM. */
    private static double fillSeconds(int entries) {
        return entries * FILL_SECONDS_PER_ENTRY;
    }

    /**
     * The profiled JVMs and their rows: per JVM and DebugNonSafepoints setting JFR's
     * {@code profiler_ran}, {@code samples} and {@code iterator_samples} (synthetic counts that
     * make a share), async-profiler's beside JFR with DebugNonSafepoints (optional: it may not
     * run), and the iterator's own frame, optional, standing for the hottest frames (which they
     * are depends on the JIT: the frame rows {@linkplain Plan.Builder#varying vary} in method).
     */
    private static void planProfiles(Plan.Builder plan, Params p, int n, int k) {
        MapState profiled = MapState.parse(p.getString("profiled_state"));
        int filled = filled(profiled, n, k);
        int jvms = p.getInt("profile_jvms");
        boolean async = p.getString("second_profiler").equals(ASYNC_PROFILER);
        double recorded = (p.getInt("profile_warmup_ms") + p.getInt("profile_record_ms")) / 1000.0;
        for (String mode : p.getStrings("debug_nonsafepoints")) {
            boolean withAsync = withAsync(async, mode);
            plan.step("JFR profile JVMs, DebugNonSafepoints " + mode + (withAsync ? ", with async-profiler" : ""), jvms,
                    PROFILE_JVM_SECONDS + fillSeconds(filled) + recorded + (withAsync ? 0.5 : 0));
            for (int jvm = 0; jvm < jvms; jvm++) {
                plannedProfile(plan, profileDims(profiled, k, filled, jvm, JFR, mode), "ran", 400 + 50 * jvm + (mode.equals(ON) ? 200 : 0), false);
                if (withAsync) plannedProfile(plan, profileDims(profiled, k, filled, jvm, ASYNC_PROFILER, mode), asyncRanStatus(), 650 + 40 * jvm, true);
            }
        }
        plan.note("profiles: each JVM stores its " + STORED_FRAMES + " hottest frames (self_samples and total_samples per method); which they are"
                + " depends on the JIT, so the plan states " + ITERATOR_FRAME + "'s (optional) for them all");
        if (async) {
            plan.note("async-profiler: a JVM where it cannot run stores one profiler_ran row of 0 with the reason as status instead of its counts");
        }
    }

    /** The frame the plan states for every profile: the iterator's step, hottest in the drained map's loop. */
    static final String ITERATOR_FRAME = "java.util.HashMap$HashIterator.nextNode";

    /**
     * One profile's rows: the profiler ran, of 1000 samples {@code onIterator} had an iterator on
     * top, and the iterator's frame (optional); all optional when the profiler may not run.
     */
    private static void plannedProfile(Plan.Builder plan, Map<String, Object> dims, String status, int onIterator, boolean mayNotRun) {
        plan.optional(mayNotRun);
        Map<String, Object> ran = new LinkedHashMap<>(dims);
        ran.put("status", status);
        plan.varying(mayNotRun ? new String[] {"status"} : new String[0]);   // a profiler that cannot run says why in its status
        plan.count(ran, "profiler_ran", Unit.COUNT, 1);
        plan.varying();
        plan.count(dims, "samples", Unit.COUNT, 1000);
        plan.count(dims, "iterator_samples", Unit.COUNT, onIterator);
        Map<String, Object> frame = new LinkedHashMap<>(dims);
        frame.put("method", ITERATOR_FRAME);
        plan.optional(true).varying("method");   // the hottest frames, whichever the JIT made hottest
        plan.count(frame, "self_samples", Unit.COUNT, onIterator);
        plan.count(frame, "total_samples", Unit.COUNT, onIterator);
        plan.optional(false).varying();
    }

    /** The comparisons of node layouts: a time ratio each, when both layouts are measured. */
    record LocalityRatio(String id, NodeLayout a, NodeLayout b) { }

    static final List<LocalityRatio> LOCALITY_RATIOS = List.of(
            new LocalityRatio("locality_random_vs_copied", NodeLayout.RANDOM, NodeLayout.COPIED),
            new LocalityRatio("locality_copied_vs_ascending", NodeLayout.COPIED, NodeLayout.ASCENDING),
            new LocalityRatio("locality_rebuilt_vs_ascending", NodeLayout.REBUILT, NodeLayout.ASCENDING),
            new LocalityRatio("locality_full_gc_vs_random", NodeLayout.RANDOM_FULL_GC, NodeLayout.RANDOM),
            new LocalityRatio("locality_young_gc_vs_random", NodeLayout.RANDOM_YOUNG_GC, NodeLayout.RANDOM));

    /** The findings {@link #conclude} gives for the rows of this plan. */
    private static void plannedFindings(Plan.Builder plan, Params p) {
        List<String> states = p.getStrings("states");
        String hashMap = IterationMapKind.HASHMAP.id();
        if (p.getStrings("state_kinds").contains(hashMap) && states.contains(MapState.FRESH.id())) {
            for (MapState variant : List.of(MapState.DRAINED, MapState.CLEARED)) {
                if (states.contains(variant.id())) plan.finding(variant.id() + "_vs_fresh");
            }
        }
        if (p.getStrings("kinds").contains(hashMap) && p.getStrings("styles").containsAll(List.of(IterationStyle.KEYSET_GET.id(), IterationStyle.ENTRYSET.id()))) {
            plan.finding("keyset_get_vs_entryset");
        }
        List<String> layouts = p.getStrings("layouts");
        for (LocalityRatio r : LOCALITY_RATIOS) {
            if (layouts.contains(r.a().id()) && layouts.contains(r.b().id())) plan.finding(r.id());
        }
        if (!layouts.isEmpty()) plan.finding("locality_collections_measured");
        List<String> modes = p.getStrings("debug_nonsafepoints");
        if (!modes.contains(ON)) {
            plan.note("profile: no finding without DebugNonSafepoints on (every share is compared with JFR's with it)");
            return;
        }
        plan.finding("iterator_frames_share");
        if (modes.contains(OFF)) plan.finding("iterator_frames_share_without_debug_nonsafepoints", "debug_nonsafepoints_iterator_share_difference");
        if (p.getString("second_profiler").equals(ASYNC_PROFILER)) {
            plan.finding("async_iterator_frames_share", "async_minus_jfr_iterator_share");
            plan.note("async_iterator_frames_share and async_minus_jfr_iterator_share are not computed when async-profiler cannot run here");
        }
    }

    /** The JMH parts, in the order of {@link #jmhBatches}. */
    static final List<String> JMH_PARTS = List.of("states", "styles", "locality");

    /**
     * The three JMH batches measured in alternating rounds ({@link Jmh#inRounds}), in the order of
     * {@link #JMH_PARTS}: the states (drained, cleared and remedied maps against fresh ones), the
     * iteration styles, and the node layouts (with the gc profiler). {@link #plan} and
     * {@link #measure} both build them here.
     */
    private static List<Jmh> jmhBatches(RunContext ctx) {
        Params p = ctx.params();
        int n = p.getInt("n");
        int k = p.getInt("k");
        int styleSize = p.getInt("style_size");
        String keySeed = String.valueOf(ctx.seed("keys"));
        Jmh statesRun = ctx.jmh(BENCH, "states")
                .param("kind", p.getStrings("state_kinds")).param("state", p.getStrings("states")).param("style", IterationStyle.ENTRYSET.id())
                .param("n", String.valueOf(n)).param("k", String.valueOf(k)).param("seed", keySeed);
        Jmh stylesRun = ctx.jmh(BENCH, "styles")
                .param("kind", p.getStrings("kinds")).param("state", MapState.FRESH.id()).param("style", p.getStrings("styles"))
                .param("n", String.valueOf(styleSize)).param("k", String.valueOf(styleSize)).param("seed", keySeed);
        // the gc profiler counts the collections in each measured iteration: a collection could move the nodes
        Jmh localityRun = ctx.jmh(LOCALITY_BENCH, "locality").profiler("gc")
                .param("layout", p.getStrings("layouts")).param("n", String.valueOf(p.getInt("locality_n"))).param("seed", keySeed);
        return List.of(statesRun, stylesRun, localityRun);
    }

    @Override
    public void measure(RunContext ctx) {
        int n = ctx.params().getInt("n");
        int k = ctx.params().getInt("k");
        int styleSize = ctx.params().getInt("style_size");
        long keySeed = ctx.seed("keys");
        ResultBuilder out = ctx.result();

        // 1, 2 and 4: drained, cleared and remedied maps against fresh ones; iteration styles; node layouts; in alternating rounds
        int localityN = ctx.params().getInt("locality_n");
        List<List<JmhScore>> scores = Jmh.inRounds(jmhBatches(ctx), ctx.random("run-order"));
        for (JmhScore s : scores.get(0)) {
            row(out, stateDims(s.param("kind"), MapState.parse(s.param("state")), n, k)).measure("iterate_time", s.measured(), Unit.ofJmh(s.unit()));
        }
        for (JmhScore s : scores.get(1)) {
            row(out, styleDims(s.param("kind"), s.param("style"), styleSize)).measure("iterate_time", s.measured(), Unit.ofJmh(s.unit()));
        }
        for (JmhScore s : scores.get(2)) {
            Map<String, Object> dims = localityDims(s.param("layout"), localityN, collector(s.jvmArgs()));
            row(out, dims).measure("iterate_time", s.measured(), Unit.ofJmh(s.unit()));
            JmhScore.Secondary gc = s.secondary().get("gc.count");
            // JMH reports gc.count only for iterations with a collection: absent means none in any measured iteration
            double collections = gc == null ? 0 : gc.samples().stream().mapToDouble(Estimates.Sample::value).sum();
            row(out, dims).measure("collections_measured", collections, Unit.COUNT);
        }

        // 3. where the CPU goes: JFR (and async-profiler) in forked JVMs; the counts are stored, the tables and shares are concluded
        MapState profiled = MapState.parse(ctx.params().getString("profiled_state"));
        int filled = filled(profiled, n, k);
        int jvms = ctx.params().getInt("profile_jvms");
        List<String> modes = ctx.params().getStrings("debug_nonsafepoints");
        boolean async = ctx.params().getString("second_profiler").equals(ASYNC_PROFILER);
        ctx.progress().addSteps(profileSteps(jvms, modes.size()));
        for (int jvm = 0; jvm < jvms; jvm++) {
            for (String mode : modes) {
                boolean withAsync = withAsync(async, mode);
                Recorded r = profile(ctx, profiled, n, k, keySeed, jvm, mode.equals(ON), withAsync);
                storeProfile(out, r.jfr(), JFR, mode, profiled, k, filled, jvm, "ran");
                if (withAsync) {
                    if (r.async() != null) storeProfile(out, r.async(), ASYNC_PROFILER, mode, profiled, k, filled, jvm, asyncRanStatus());
                    else row(out, profileDims(profiled, k, filled, jvm, ASYNC_PROFILER, mode)).with("status", r.asyncStatus()).measure("profiler_ran", 0, Unit.COUNT);
                }
            }
        }
    }

    /** Whether async-profiler runs beside JFR: only with DebugNonSafepoints (loading it could change how the JIT keeps debug information). */
    private static boolean withAsync(boolean asyncProfiler, String mode) {
        return asyncProfiler && mode.equals(ON);
    }

    /** The status of a profiler_ran row when async-profiler ran. */
    private static String asyncRanStatus() {
        return "ran (" + AsyncSampler.EVENT + ")";
    }

    /** Entries the map in {@code state} held before it was drained or cleared ({@code k} for a fresh map). */
    private static int filled(MapState state, int n, int k) {
        return state == MapState.FRESH ? k : n;
    }

    /** A row with these dimensions, in their order. */
    private static ResultBuilder.Row row(ResultBuilder out, Map<String, Object> dims) {
        ResultBuilder.Row row = out.row();
        dims.forEach(row::with);
        return row;
    }

    /** A states row's dimensions: {@code k} entries left in a map of {@code kind} that held {@code n} (unless fresh). */
    private static Map<String, Object> stateDims(String kind, MapState state, int n, int k) {
        return Plan.dims("part", "states", "subject", kind, "state", state.id(), "style", IterationStyle.ENTRYSET.id(),
                "n_keys", k, "n_filled", filled(state, n, k));
    }

    /** A styles row's dimensions: a fresh map of {@code kind} with {@code size} entries iterated in {@code style}. */
    private static Map<String, Object> styleDims(String kind, String style, int size) {
        return Plan.dims("part", "styles", "subject", kind, "state", MapState.FRESH.id(), "style", style, "n_keys", size, "n_filled", size);
    }

    /** A locality row's dimensions: a HashMap of {@code n} entries in {@code layout}, under {@code collector}. */
    private static Map<String, Object> localityDims(String layout, int n, String collector) {
        return Plan.dims("part", "locality", "subject", IterationMapKind.HASHMAP.id(), "layout", layout,
                "style", IterationStyle.ENTRYSET.id(), "n_keys", n, "collector", collector);
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

    private static void storeProfile(ResultBuilder out, JfrProfile profile, String profiler, String mode, MapState state, int k, int filled, int jvm, String status) {
        Map<String, Object> dims = profileDims(state, k, filled, jvm, profiler, mode);
        row(out, dims).with("status", status).measure("profiler_ran", 1, Unit.COUNT);
        row(out, dims).measure("samples", profile.samples(), Unit.COUNT);
        row(out, dims).measure("iterator_samples", Math.round(profile.topFrameShare(Iteration::isIteratorFrame) * profile.samples()), Unit.COUNT);
        for (JfrProfile.FrameCount f : profile.topFrames(STORED_FRAMES)) {
            row(out, dims).with("method", f.method()).measure("self_samples", f.self(), Unit.COUNT);
            row(out, dims).with("method", f.method()).measure("total_samples", f.total(), Unit.COUNT);
        }
    }

    /** A profile row's dimensions: JVM {@code jvm} of one profiler and DebugNonSafepoints setting, recording the loop over a HashMap in {@code state}. */
    private static Map<String, Object> profileDims(MapState state, int k, int filled, int jvm, String profiler, String mode) {
        return Plan.dims("part", "profile", "subject", IterationMapKind.HASHMAP.id(), "state", state.id(), "style", IterationStyle.ENTRYSET.id(),
                "n_keys", k, "n_filled", filled, "jvm", jvm, "profiler", profiler, "debug_nonsafepoints", mode);
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
        ChildJvm.Output output = ctx.childJvm().run(IterationLoop.class, jvmArgs, args, Duration.ofMillis(warmupMs + recordMs + 60_000L));
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
            out.attempt(variant.id() + "_vs_fresh", () -> {
                long n = v.one().integer("n_filled");
                long k = v.one().integer("n_keys");
                String a = variant == MapState.DRAINED ? "Iterating a HashMap drained from " + n + " to " + k + " entries"
                        : "Iterating a HashMap cleared after " + n + " entries and refilled with " + k;
                out.finding(Finding.timeRatio(variant.id() + "_vs_fresh", a, "a fresh HashMap of " + k,
                        v.one().measured().ratioTo(fresh.one().measured())).where("n_filled", n).where("n_keys", k));
            });
        }
        Rows hashMapStyles = styles.where("subject", IterationMapKind.HASHMAP.id());
        Rows keySetGet = hashMapStyles.where("style", IterationStyle.KEYSET_GET.id());
        Rows entrySet = hashMapStyles.where("style", IterationStyle.ENTRYSET.id());
        if (!keySetGet.isEmpty() && !entrySet.isEmpty()) {
            out.attempt("keyset_get_vs_entryset", () -> out.finding(Finding.timeRatio("keyset_get_vs_entryset",
                    "Iterating a HashMap of " + keySetGet.one().integer("n_keys") + " entries with keySet + get",
                    "entrySet", keySetGet.one().measured().ratioTo(entrySet.one().measured())).where("n_keys", keySetGet.one().integer("n_keys"))));
        }
        out.inGroup("locality", () -> concludeLocality(rows.where("part", "locality"), out));
        out.inGroup("profile", () -> concludeProfile(rows.where("part", "profile"), out));

        ifDrawable(out, () -> {
            Table ratios = ratioTable(states, styles);
            if (ratios.rowCount() > 0) {
                out.table("ratios", ratios);
                out.chart("ratios", ratioChart(ratios, states, styles));
            }
        });
        if (!states.isEmpty()) ifDrawable(out, () -> out.chart("states", statesChart(states)));
        if (!styles.isEmpty()) ifDrawable(out, () -> out.chart("styles", stylesChart(styles)));
    }

    /**
     * Adds a table or chart unless the rows present cannot make it (a run that stopped part way):
     * then it is left out, and the findings are unaffected.
     */
    private static void ifDrawable(ResultBuilder out, Runnable tableOrChart) {
        out.attempt(List.of(), tableOrChart);
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
        Map<String, List<String>> labels = Map.of(
                "locality_random_vs_copied", List.of("Iterating " + map + " filled in random key order", "its copy (new HashMap<>(m), nodes allocated in table order)"),
                "locality_copied_vs_ascending", List.of("Iterating the copy of a random-filled " + map.substring(2), "one filled in ascending key order"),
                "locality_rebuilt_vs_ascending", List.of("Iterating a random-filled " + map.substring(2) + " rebuilt in table order with new boxes",
                        "one filled in ascending key order"),
                "locality_full_gc_vs_random", List.of("Iterating a random-filled " + map.substring(2) + " after a full collection (" + collector + ")",
                        "the same map never collected"),
                "locality_young_gc_vs_random", List.of("Iterating a random-filled " + map.substring(2) + " after a young collection (" + collector + ")",
                        "the same map never collected"));
        for (LocalityRatio r : LOCALITY_RATIOS) {
            out.attempt(r.id(), () -> localityRatio(out, times, r, labels.get(r.id()).get(0), labels.get(r.id()).get(1), n, collector));
        }
        Rows collections = locality.metric("collections_measured");
        if (!collections.isEmpty()) {
            out.attempt("locality_collections_measured", () -> {
                double total = 0;
                for (Rows.Row r : collections) total += r.value();
                out.finding(Finding.count("locality_collections_measured", total, "collections",
                        "%.0f garbage collections ran during the measured iterations of the " + collections.size() + " layouts (JMH gc profiler, "
                                + collector + "): " + (total == 0 ? "none could move the nodes while they were timed"
                                : "a collection may have moved nodes while they were timed"))
                        .where("n_keys", n).where("collector", collector));
            });
        }
        ifDrawable(out, () -> out.table("locality", localityTable(locality)));
        ifDrawable(out, () -> out.chart("locality", localityChart(times, collector)));
    }

    private static void localityRatio(ResultBuilder out, Rows times, LocalityRatio ratio, String aLabel, String bLabel, long n, String collector) {
        Rows ra = times.where("layout", ratio.a().id());
        Rows rb = times.where("layout", ratio.b().id());
        if (ra.isEmpty() || rb.isEmpty()) return;
        out.finding(Finding.timeRatio(ratio.id(), aLabel, bLabel, ra.one().measured().ratioTo(rb.one().measured())).where("n_keys", n).where("collector", collector));
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
            out.attempt("iterator_frames_share", () -> out.finding(shareFinding("iterator_frames_share", headline, shares(headline), "JFR with -XX:+DebugNonSafepoints")));
            if (!frames(headline).isEmpty()) ifDrawable(out, () -> out.table("top frames", topFramesTable(frames(headline), shares(headline).samples())));
            if (!without.metric("samples").isEmpty()) {
                out.attempt("iterator_frames_share_without_debug_nonsafepoints", () -> out.finding(shareFinding("iterator_frames_share_without_debug_nonsafepoints",
                        without, shares(without), "JFR without -XX:+DebugNonSafepoints")));
                if (!frames(without).isEmpty()) {
                    ifDrawable(out, () -> out.table("top frames without DebugNonSafepoints", topFramesTable(frames(without), shares(without).samples())));
                }
                out.attempt("debug_nonsafepoints_iterator_share_difference", () -> {
                    Shares on = shares(headline);
                    Shares off = shares(without);
                    out.finding(Finding.versus("debug_nonsafepoints_iterator_share_difference", welchDifference(on.byJvm(), off.byJvm()), 0, "fraction", Finding.Basis.TIMING,
                            "The share of JFR's CPU samples with an iterator method on top, with -XX:+DebugNonSafepoints minus without (" + on.byJvm().size() + " and "
                                    + off.byJvm().size() + " JVMs, Welch interval), was %+.3f")
                            .where("state", first.str("state")).where("n_keys", first.integer("n_keys")).where("n_filled", first.integer("n_filled")));
                });
            }
            if (!async.metric("samples").isEmpty()) {
                out.attempt("async_iterator_frames_share", () -> out.finding(shareFinding("async_iterator_frames_share", async, shares(async),
                        "async-profiler (" + AsyncSampler.EVENT + ") with -XX:+DebugNonSafepoints")));
                if (!frames(async).isEmpty()) ifDrawable(out, () -> out.table("top frames async-profiler", topFramesTable(frames(async), shares(async).samples())));
                out.attempt("async_minus_jfr_iterator_share", () -> {
                    Shares on = shares(headline);
                    Map<Integer, Double> diffs = new java.util.TreeMap<>();
                    shares(async).byJvm().forEach((jvm, share) -> { if (on.byJvm().containsKey(jvm)) diffs.put(jvm, share - on.byJvm().get(jvm)); });
                    if (!diffs.isEmpty()) {
                        out.finding(Finding.versus("async_minus_jfr_iterator_share", Estimates.mean(diffs), 0, "fraction", Finding.Basis.TIMING,
                                "In the same JVMs and recorded window, async-profiler's share of samples with an iterator method on top minus JFR's (" + diffs.size()
                                        + " JVMs, paired by JVM, Student-t interval) was %+.3f")
                                .where("state", first.str("state")).where("n_keys", first.integer("n_keys")).where("n_filled", first.integer("n_filled")));
                    }
                });
            }
            if (!frames(headline).isEmpty()) ifDrawable(out, () -> out.chart("top frames", topFramesChart(headline, without, async)));
        }
        ifDrawable(out, () -> {
            Table ran = profilersTable(profile);
            if (ran.rowCount() > 0) out.table("profilers", ran);
        });
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
