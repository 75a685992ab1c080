package maplab.experiments.merge;

import java.util.List;
import maplab.experiments.Experiment;
import maplab.experiments.RunContext;
import maplab.plan.ParamSpec;
import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.run.RunData;
import maplab.conclude.ResultBuilder;
import maplab.plan.Effort;
import maplab.subject.merge.FastutilTarget;
import maplab.subject.merge.FillOrder;
import maplab.subject.merge.MergeStrategy;
import maplab.subject.merge.ReinsertTarget;
import maplab.experiments.Sweeps;

/**
 * merge: how to merge maps, and the quadratic trap. First the JDK's ways to merge two
 * {@code HashMap}s ({@link MergeStrategy}), timed with JMH. Then the trap: the keys of a
 * {@code LongProbeMap}, in its slot order, go into an empty map with the same hash and top-bit
 * indexing, with per-map seeds, or presized ({@link ReinsertTarget}), over several sizes:
 * longest probe run counted in process, time with JMH single shots, and the growth exponent
 * fitted on log-log axes. Every merge has a time budget; one that runs out is a lower bound
 * ("at least"). Last the real libraries: fastutil open-hash collections, and the peer
 * libraries' long maps (Eclipse Collections, HPPC, Agrona, Koloboke; {@link FastutilTarget}),
 * filled in another one's iteration order versus shuffled: which of them fall into the trap.
 *
 * <p><b>Parts and their JMH effort</b> ({@code <part>_effort}): {@code jdk} (the strategies),
 * {@code fastutil} (the fastutil fills), {@code peer} (the peer libraries' fills, at {@code peer_n}), {@code trap} (every variant but the same-hash one at the largest
 * size) and {@code same_hash} (the same-hash variant at the largest size; its shots are long, so
 * it gets fewer; measured in alternating rounds with {@code trap}, so both need the same forks),
 * and {@code growth} (every variant at the smaller sizes: only the growth fit uses them, and its
 * interval comes from the scatter around the fitted line, so one fork per size is enough).
 * jdk, fastutil and peer are sequential in both profiles (e.g. {@code 4-8:2+3}): rounds are added
 * only to the cells of the ratios still open, and conclude widens each of those ratios for the
 * planned looks. The trap's ratio (same_hash against the others) spans two JMH runs and is
 * usually a lower bound, so trap and same_hash keep a fixed effort.
 *
 * <p><b>Measure</b> writes rows only: {@code merge_time} (part jdk, trap), {@code merge_alloc} (part jdk: bytes per merge) and {@code fill_time}
 * (parts fastutil and peer) with their per-fork samples; for the trap also {@code lower_bound} (a shot ran
 * out of {@code budget_ms}), and the in-process counts {@code max_probe},
 * {@code mean_probe_per_insert} and {@code keys_inserted} (fewer than n when the count ran out of
 * the budget; then {@code lower_bound} is true on the probe rows). <b>Conclude</b> computes every
 * finding, table and chart from those rows ({@link #conclude}). Last, the same-hash merge runs
 * under JFR in a forked JVM ({@link MergeProfile}): is its hotspot visible in a profile?
 */
public final class Merge implements Experiment {

    static final String JDK_BENCH = "maplab.bench.MergeBench.merge";
    static final String TRAP_BENCH = "maplab.bench.ReinsertBench.reinsert";
    static final String FASTUTIL_BENCH = "maplab.bench.FastutilFillBench.fill";
    static final List<String> FASTUTIL_IDS = java.util.Arrays.stream(FastutilTarget.values()).filter(t -> !t.isPeer() && t != FastutilTarget.USER).map(FastutilTarget::id).toList();
    static final List<String> PEER_IDS = java.util.Arrays.stream(FastutilTarget.values()).filter(FastutilTarget::isPeer).map(FastutilTarget::id).toList();

    @Override public String id() { return "merge"; }

    @Override public String summary() { return "merging maps: JDK strategies, and the quadratic trap of re-inserting in slot order"; }

    @Override
    public List<ParamSpec> params() {
        String all = String.join(",", ReinsertTarget.ids());
        String strategies = String.join(",", MergeStrategy.ids());
        return List.of(
                ParamSpec.integers("sizes", 256, 1 << 22, "8192,16384,32768,65536,262144",
                        "4096,8192,16384,32768,65536,131072,262144,524288,1048576",
                        "keys in the source map of the trap; the largest is where the variants are compared, the others feed the growth fit")
                        .smoke("8192,16384,32768"),
                ParamSpec.integer("budget_ms", 10, 600_000, 1_000, 5_000,
                        "time budget of one trap merge (each JMH shot and the in-process probe count); a merge that runs out is reported as 'at least'")
                        .smoke(200),
                ParamSpec.choices("variants", ReinsertTarget.ids(), "same_hash,seeded", all, "trap targets compared"),
                ParamSpec.integer("jdk_n", 1_000, 10_000_000, 100_000, 1_000_000, "entries in each of the two JDK maps merged")
                        .smoke(10_000),
                ParamSpec.integer("overlap_pct", 0, 100, 50, 50, "percentage of keys the two JDK maps share"),
                ParamSpec.choices("strategies", MergeStrategy.ids(), "put_all,put_loop,treemap_put_all", strategies,
                        "JDK merge strategies compared (time, and bytes allocated per merge from JMH's gc profiler)"),
                ParamSpec.integer("fastutil_n", 1_024, 1 << 23, 262_144, 1_048_576, "keys in the fastutil fills")
                        .smoke(32_768),
                ParamSpec.choices("fastutil_targets", FASTUTIL_IDS, "set", "set,map", "fastutil collections filled"),
                ParamSpec.userSubjects("user_subjects", "your own maps (LongMap), filled like the fastutil targets (another one's iteration order vs shuffled) after the map contract holds", maplab.subject.intmap.LongMap.class, maplab.subject.probe.LongHash.class),
                ParamSpec.integer("peer_n", 1_024, 1 << 23, 1_048_576, 1_048_576,
                        "keys in the peer libraries' fills (the trap needs about 2^20 keys to show in the libraries that fall into it less deeply than fastutil)")
                        .smoke(65_536),
                ParamSpec.choices("peer_targets", PEER_IDS, "agrona_map,hppc_map", String.join(",", PEER_IDS),
                        "peer libraries' long maps filled in another one's iteration order and shuffled (quick: one that falls into the trap and one that protects itself)"),
                ParamSpec.integer("profile_n", 1_024, 1 << 20, 32_768, 65_536,
                        "keys in the same-hash merge profiled with JFR (re-inserted over and over in a forked JVM)")
                        .smoke(8_192),
                ParamSpec.integer("profile_record_ms", 100, 600_000, 1_000, 5_000,
                        "milliseconds of the JFR recording of the same-hash merge (after 0.5 s of warm-up, not recorded)")
                        .smoke(200),
                ParamSpec.effort("jdk", Effort.parseOrNull("4-8:1x100ms+2x100ms"), Effort.parseOrNull("6-12:2x200ms+3x200ms"),
                        "JMH effort of the JDK strategies (average time per merge)"),
                ParamSpec.effort("fastutil", Effort.parseOrNull("4-8:2+3"), Effort.parseOrNull("6-12:2+3"),
                        "JMH effort of the fastutil fills (single shots)"),
                ParamSpec.effort("peer", Effort.parseOrNull("4-8:2+3"), Effort.parseOrNull("6-12:2+3"),
                        "JMH effort of the peer libraries' fills (single shots)"),
                ParamSpec.effort("trap", Effort.shots(3, 3, 5), Effort.shots(6, 3, 5),
                        "JMH effort of the trap variants other than same_hash at the largest size (single shots; same forks as same_hash_effort)"),
                ParamSpec.effort("same_hash", Effort.shots(3, 0, 1), Effort.shots(6, 0, 1),
                        "JMH effort of the same-hash variant at the largest size (single shots, each up to budget_ms; same forks as trap_effort)"),
                ParamSpec.effort("growth", Effort.shots(1, 2, 3), Effort.shots(2, 1, 2),
                        "JMH effort of every trap variant at the smaller sizes (single shots; only the growth fit uses them)"));
    }

    @Override
    public void validate(Params params) {
        Sweeps.requireTwoSizes(params, "sizes");
        int trap = params.getEffort("trap").forks();
        int same = params.getEffort("same_hash").forks();
        if (trap != same) {
            throw new IllegalArgumentException("parameter 'same_hash_effort': bad value '" + params.getEffort("same_hash").text()
                    + "'; allowed: the same forks as trap_effort (" + trap + "): both are measured in alternating rounds");
        }
    }

    /**
     * The plan's progress steps, one per JMH cell and fork (the sequential parts jdk, fastutil and peer may
     * take up to its maximum forks) and one per in-process probe count: JDK strategies,
     * fastutil fills (targets and user subjects x fill orders), probe counts (variants x sizes),
     * trap times at the largest size, growth times at the smaller sizes.
     */
    @Override
    public int plannedSteps(Params p) {
        List<Integer> sizes = trapSizes(p);
        List<ReinsertTarget> variants = trapVariants(p);
        int sameHash = variants.contains(ReinsertTarget.SAME_HASH) ? 1 : 0;
        return p.getStrings("strategies").size() * p.getEffort("jdk").plannedForks(true)
                + (p.getStrings("fastutil_targets").size() + p.getStrings("user_subjects").size()) * FillOrder.ids().size()
                        * p.getEffort("fastutil").plannedForks(true)
                + p.getStrings("peer_targets").size() * FillOrder.ids().size() * p.getEffort("peer").plannedForks(true)
                + variants.size() * sizes.size()
                + sameHash * p.getEffort("same_hash").plannedForks(false) + (variants.size() - sameHash) * p.getEffort("trap").plannedForks(false)
                + variants.size() * (sizes.size() - 1) * p.getEffort("growth").plannedForks(false)
                + 1;   // the JFR profile of the same-hash merge
    }

    /** The trap's sizes, ascending, each once. */
    static List<Integer> trapSizes(Params p) {
        return p.getSortedInts("sizes");
    }

    static List<ReinsertTarget> trapVariants(Params p) {
        return p.getStrings("variants").stream().map(ReinsertTarget::parse).toList();
    }

    /** The plan: {@link MergePlan#plan}. */
    @Override
    public void plan(Plan.Builder plan, RunContext context) {
        MergePlan.plan(plan, context);
    }

    /** Measures: {@link MergeMeasure#measure}. */
    @Override
    public void measure(RunContext ctx) throws Exception {
        MergeMeasure.measure(ctx);
    }

    /** Concludes: {@link MergeConclude#conclude}. */
    @Override
    public void conclude(RunData data, ResultBuilder out) {
        MergeConclude.conclude(data, out);
    }
}
