package maplab.experiments.iteration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.measure.Jmh;
import maplab.plan.Unit;
import maplab.subject.iteration.IterationMapKind;
import maplab.subject.iteration.IterationStyle;
import maplab.subject.iteration.MapState;
import maplab.experiments.RunContext;
import maplab.experiments.iteration.IterationConclude.LocalityRatio;
import static maplab.experiments.iteration.Iteration.ASYNC_PROFILER;
import static maplab.experiments.iteration.Iteration.JFR;
import static maplab.experiments.iteration.Iteration.OFF;
import static maplab.experiments.iteration.Iteration.ON;
import static maplab.experiments.iteration.Iteration.STORED_FRAMES;
import static maplab.experiments.iteration.IterationConclude.LOCALITY_RATIOS;
import static maplab.experiments.iteration.IterationMeasure.JMH_PARTS;
import static maplab.experiments.iteration.IterationMeasure.jmhBatches;
import static maplab.experiments.iteration.IterationRows.asyncRanStatus;
import static maplab.experiments.iteration.IterationRows.collector;
import static maplab.experiments.iteration.IterationRows.filled;
import static maplab.experiments.iteration.IterationRows.localityDims;
import static maplab.experiments.iteration.IterationRows.profileDims;
import static maplab.experiments.iteration.IterationRows.stateDims;
import static maplab.experiments.iteration.IterationRows.styleDims;
import static maplab.experiments.iteration.IterationRows.withAsync;

/**
 * iteration's plan ({@link Iteration#plan}): the three JMH batches with the maps their forks fill,
 * the profiled JVMs, every row measure writes and the findings conclude gives for them.
 */
final class IterationPlan {

    private IterationPlan() { }

    /** Seconds per entry a fork or profiled JVM spends filling its map before measuring (boxing into a cold JVM on a busy 2-core machine). */
    static final double FILL_SECONDS_PER_ENTRY = 2e-6;
    /** Seconds to start a profiled JVM and read its recording afterwards. */
    static final double PROFILE_JVM_SECONDS = 2.5;
    /** The unit IterationBench and IterationLocalityBench report in. */
    static final Unit JMH_UNIT = Unit.ofJmh("us/op");

    /**
     * The plan: the three JMH batches of {@link IterationMeasure#jmhBatches} with the maps their forks fill in
     * set-up, the profiled JVMs, every row measure writes (of the profiles' frames only the
     * iterator's, see the note) and the findings conclude gives for them.
     */
    static void plan(Plan.Builder plan, RunContext context) {
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

        IterationEvents.plan(plan);
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

    /** The findings {@link IterationConclude#conclude} gives for the rows of this plan. */
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
        if (p.getStrings("kinds").contains(hashMap) && p.getStrings("styles").contains(IterationStyle.ENTRYSET.id())) {
            for (IterationConclude.StructureRatio r : IterationConclude.STRUCTURE_RATIOS) {
                if (p.getStrings("kinds").contains(r.kind().id()) && p.getStrings("styles").contains(r.style().id())) plan.finding(r.id());
            }
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
}
