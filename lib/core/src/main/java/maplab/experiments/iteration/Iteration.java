package maplab.experiments.iteration;

import java.util.List;
import maplab.experiments.Experiment;
import maplab.experiments.RunContext;
import maplab.plan.ParamSpec;
import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.run.RunData;
import maplab.measure.AsyncSampler;
import maplab.plan.Effort;
import maplab.measure.Jmh;
import maplab.conclude.ResultBuilder;
import maplab.subject.iteration.IterationMapKind;
import maplab.subject.iteration.IterationStyle;
import maplab.subject.iteration.MapState;
import maplab.subject.iteration.NodeLayout;

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
 * interval for a binomial proportion ({@link IterationProfileConclude#wilson}), which covers only the sampling error,
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
                ParamSpec.integer("n", 2, 50_000_000, 1_000_000, 4_000_000, "entries a map held before it was drained or cleared")
                        .smoke(100_000),
                ParamSpec.integer("k", 1, 50_000_000, 1_000, 1_000, "entries left after draining (and in the fresh map); less than n"),
                ParamSpec.choices("states", MapState.ids(), "fresh,drained,cleared", allStates,
                        "map states compared (fresh is the baseline of the ratios)"),
                ParamSpec.choices("state_kinds", IterationMapKind.ids(), "hashmap", allKinds,
                        "map kinds filled, drained and cleared"),
                ParamSpec.integer("style_size", 1, 10_000_000, 100_000, 1_000_000, "entries of the maps whose iteration styles are compared")
                        .smoke(10_000),
                ParamSpec.choices("kinds", IterationMapKind.ids(), "hashmap", allKinds, "map kinds whose iteration styles are compared"),
                ParamSpec.choices("styles", IterationStyle.ids(), "entryset,keyset_get", allStyles,
                        "iteration styles compared (entrySet is the baseline of the ratios)"),
                ParamSpec.integer("locality_n", 1, 20_000_000, 1 << 20, 1 << 20,
                        "entries (keys 0..n-1) of the HashMaps whose node layouts are compared; well beyond the caches")
                        .smoke(65_536),
                ParamSpec.choices("layouts", NodeLayout.ids(), "random,copied,ascending", allLayouts,
                        "node layouts compared: how the HashMap was filled, copied, rebuilt or collected"),
                ParamSpec.choice("profiled_state", MapState.ids(), "drained", "drained",
                        "state of the HashMap (n, k as above) whose entrySet loop is profiled with JFR"),
                ParamSpec.integer("profile_jvms", 1, 20, 3, 4, "JFR profile: JVMs recorded one after another for each DebugNonSafepoints setting (the share's interval is over JVMs)")
                        .smoke(1),
                ParamSpec.integer("profile_warmup_ms", 0, 600_000, 300, 2_000, "JFR profile: time the loop runs in each JVM before its recording starts")
                        .smoke(100),
                ParamSpec.integer("profile_record_ms", 100, 600_000, 700, 4_000, "JFR profile: time recorded in each JVM (a CPU sample every 1 ms)")
                        .smoke(200),
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
                + profileSteps(p.getInt("profile_jvms"), p.getStrings("debug_nonsafepoints").size())
                + 1;   // the JFR custom events (IterationEvents)
    }

    /** Progress steps of the profiles: one per JVM and DebugNonSafepoints setting. */
    static int profileSteps(int jvms, int modes) {
        return jvms * modes;
    }

    /** The plan: {@link IterationPlan#plan}. */
    @Override
    public void plan(Plan.Builder plan, RunContext context) {
        IterationPlan.plan(plan, context);
    }

    /** Measures: {@link IterationMeasure#measure}. */
    @Override
    public void measure(RunContext ctx) {
        IterationMeasure.measure(ctx);
    }

    /** Concludes: {@link IterationConclude#conclude}. */
    @Override
    public void conclude(RunData data, ResultBuilder out) {
        IterationConclude.conclude(data, out);
    }
}
