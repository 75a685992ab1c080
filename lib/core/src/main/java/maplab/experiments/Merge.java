package maplab.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import maplab.chart.Charts;
import maplab.plan.ParamSpec;
import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.run.RunData;
import maplab.plan.Effort;
import maplab.measure.Jmh;
import maplab.measure.JmhScore;
import maplab.conclude.Finding;
import maplab.measure.Measured;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.plan.Unit;
import maplab.stats.Estimates.Estimate;
import maplab.stats.Stats;
import maplab.subject.merge.FastutilTarget;
import maplab.subject.merge.FillOrder;
import maplab.subject.merge.MergeStrategy;
import maplab.subject.merge.ReinsertTarget;
import maplab.subject.probe.LongProbeMap;
import maplab.subject.user.UserSubject;
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
 *
 * <p><b>Measure</b> writes rows only: {@code merge_time} (part jdk, trap) and {@code fill_time}
 * (parts fastutil and peer) with their per-fork samples; for the trap also {@code lower_bound} (a shot ran
 * out of {@code budget_ms}), and the in-process counts {@code max_probe},
 * {@code mean_probe_per_insert} and {@code keys_inserted} (fewer than n when the count ran out of
 * the budget; then {@code lower_bound} is true on the probe rows). <b>Conclude</b> computes every
 * finding, table and chart from those rows ({@link #conclude}).
 */
public final class Merge implements Experiment {

    static final String JDK_BENCH = "maplab.bench.MergeBench.merge";
    static final String TRAP_BENCH = "maplab.bench.ReinsertBench.reinsert";
    static final String FASTUTIL_BENCH = "maplab.bench.FastutilFillBench.fill";
    static final List<String> FASTUTIL_IDS = java.util.Arrays.stream(FastutilTarget.values()).filter(t -> !t.isPeer()).map(FastutilTarget::id).toList();
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
                        "keys in the source map of the trap; the largest is where the variants are compared, the others feed the growth fit"),
                ParamSpec.integer("budget_ms", 10, 600_000, 1_000, 5_000,
                        "time budget of one trap merge (each JMH shot and the in-process probe count); a merge that runs out is reported as 'at least'"),
                ParamSpec.choices("variants", ReinsertTarget.ids(), "same_hash,seeded", all, "trap targets compared"),
                ParamSpec.integer("jdk_n", 1_000, 10_000_000, 100_000, 1_000_000, "entries in each of the two JDK maps merged"),
                ParamSpec.integer("overlap_pct", 0, 100, 50, 50, "percentage of keys the two JDK maps share"),
                ParamSpec.choices("strategies", MergeStrategy.ids(), "put_all,put_loop", strategies, "JDK merge strategies compared"),
                ParamSpec.integer("fastutil_n", 1_024, 1 << 23, 262_144, 1_048_576, "keys in the fastutil fills"),
                ParamSpec.choices("fastutil_targets", FASTUTIL_IDS, "set", "set,map", "fastutil collections filled"),
                ParamSpec.userSubjects("user_subjects", "your own maps (LongMap), filled like the fastutil targets (another one's iteration order vs shuffled) after the map contract holds", maplab.subject.intmap.LongMap.class, maplab.subject.probe.LongHash.class),
                ParamSpec.integer("peer_n", 1_024, 1 << 23, 1_048_576, 1_048_576,
                        "keys in the peer libraries' fills (the trap needs about 2^20 keys to show in the libraries that fall into it less deeply than fastutil)"),
                ParamSpec.choices("peer_targets", PEER_IDS, "agrona_map,hppc_map", String.join(",", PEER_IDS),
                        "peer libraries' long maps filled in another one's iteration order and shuffled (quick: one that falls into the trap and one that protects itself)"),
                ParamSpec.effort("jdk", new Effort(4, 1, 100, 2, 100), Effort.parseOrNull("6-12:2x200ms+3x200ms"),
                        "JMH effort of the JDK strategies (average time per merge)"),
                ParamSpec.effort("fastutil", Effort.shots(4, 2, 3), Effort.shots(6, 2, 3),
                        "JMH effort of the fastutil fills (single shots)"),
                ParamSpec.effort("peer", Effort.shots(4, 2, 3), Effort.shots(6, 2, 3),
                        "JMH effort of the peer libraries' fills (single shots)"),
                ParamSpec.effort("trap", Effort.shots(4, 3, 5), Effort.shots(6, 3, 5),
                        "JMH effort of the trap variants other than same_hash at the largest size (single shots; same forks as same_hash_effort)"),
                ParamSpec.effort("same_hash", Effort.shots(4, 0, 1), Effort.shots(6, 0, 1),
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

    // ================================================================ measure

    /**
     * The plan's progress steps, one per JMH cell and fork (the JDK strategies' comparison may
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
                        * p.getEffort("fastutil").plannedForks(false)
                + p.getStrings("peer_targets").size() * FillOrder.ids().size() * p.getEffort("peer").plannedForks(false)
                + variants.size() * sizes.size()
                + sameHash * p.getEffort("same_hash").plannedForks(false) + (variants.size() - sameHash) * p.getEffort("trap").plannedForks(false)
                + variants.size() * (sizes.size() - 1) * p.getEffort("growth").plannedForks(false);
    }

    /** The trap's sizes, ascending, each once. */
    private static List<Integer> trapSizes(Params p) {
        return new ArrayList<>(new TreeSet<>(p.getInts("sizes")));
    }

    private static List<ReinsertTarget> trapVariants(Params p) {
        return p.getStrings("variants").stream().map(ReinsertTarget::parse).toList();
    }

    @Override
    public void measure(RunContext ctx) throws Exception {
        ResultBuilder out = ctx.result();
        jdkStrategies(ctx, out);
        fills(ctx, out, "fastutil", "fastutil_n", "fastutil_targets");
        fills(ctx, out, "peer", "peer_n", "peer_targets");
        trap(ctx, out);
    }

    private void jdkStrategies(RunContext ctx, ResultBuilder out) {
        int n = ctx.params().getInt("jdk_n");
        int overlap = ctx.params().getInt("overlap_pct");
        for (JmhScore s : jdkJmh(ctx).run()) {
            out.row().with("part", "jdk").with("subject", MergeStrategy.parse(s.param("strategy")).id()).with("n_keys", n).with("overlap_pct", overlap)
                    .measure("merge_time", s.measured(), Unit.ofJmh(s.unit()));
        }
    }

    private static List<String> strategies(Params p) {
        return p.getStrings("strategies").stream().map(MergeStrategy::parse).map(MergeStrategy::id).toList();
    }

    /** The JDK strategies' JMH run (part jdk): putAll against the put loop compared sequentially. */
    private static Jmh jdkJmh(RunContext ctx) {
        return ctx.jmh(JDK_BENCH, "jdk")
                .param("strategy", strategies(ctx.params()))
                .param("n", String.valueOf(ctx.params().getInt("jdk_n")))
                .param("overlapPct", String.valueOf(ctx.params().getInt("overlap_pct")))
                .param("seed", String.valueOf(ctx.seed("jdk-keys")))
                .compare(Map.of("strategy", MergeStrategy.PUT_ALL.id()), Map.of("strategy", MergeStrategy.PUT_LOOP.id()))
                .mode(Mode.AverageTime).timeUnit(TimeUnit.MILLISECONDS);
    }

    /**
     * One part of fills ("fastutil" or "peer"): its targets in both orders, one JMH run. The
     * users' maps ({@code user_subjects}) are filled in the fastutil part, beside fastutil.
     */
    private void fills(RunContext ctx, ResultBuilder out, String part, String nParam, String targetsParam) {
        int n = ctx.params().getInt(nParam);
        List<String> targets = fillTargets(ctx.params(), part, targetsParam);
        if (targets.isEmpty()) return;
        for (JmhScore s : fillJmh(ctx, part, n, targets).run()) {
            // dimensions in the order of results.csv's columns (part, subject, n_keys, ..., order): samples.csv keys rows by that order
            out.row().with("part", part).with("subject", fillSubject(s.param("target"))).with("n_keys", n).with("order", FillOrder.parse(s.param("order")).id())
                    .measure("fill_time", s.measured(), Unit.ofJmh(s.unit()));
        }
    }

    /** The targets of one part of fills; the users' maps go into the fastutil part. */
    private static List<String> fillTargets(Params p, String part, String targetsParam) {
        List<String> targets = new ArrayList<>(p.getStrings(targetsParam).stream().map(FastutilTarget::parse).map(FastutilTarget::id).toList());
        if (part.equals("fastutil")) targets.addAll(p.getStrings("user_subjects"));
        return targets;
    }

    /** The subject column of a fill target: a user's id as it is, a library's target as its subject. */
    private static String fillSubject(String target) {
        return UserSubject.isUserId(target) ? target : FastutilTarget.parse(target).subject();
    }

    /** One part's fills as one JMH run: every target in both orders. */
    private static Jmh fillJmh(RunContext ctx, String part, int n, List<String> targets) {
        return ctx.jmh(FASTUTIL_BENCH, part)
                .param("target", targets)
                .param("order", FillOrder.ids())
                .param("n", String.valueOf(n))
                .param("seed", String.valueOf(ctx.seed("fastutil-keys")))
                .param("shuffleSeed", String.valueOf(ctx.seed("fastutil-shuffle")))
                .mode(Mode.SingleShotTime).timeUnit(TimeUnit.MILLISECONDS);
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

    private void trap(RunContext ctx, ResultBuilder out) throws InterruptedException {
        List<Integer> sizes = trapSizes(ctx.params());
        List<ReinsertTarget> variants = trapVariants(ctx.params());
        long budgetMs = ctx.params().getLong("budget_ms");
        long keySeed = ctx.seed("trap-keys");
        long sourceSeed = ctx.seed("trap-source-map");
        long targetSeed = ctx.seed("trap-target-map");

        // Probe counts in process, counters on, each count within the same budget.
        ctx.progress().addSteps(variants.size() * sizes.size());
        for (ReinsertTarget v : variants) {
            for (int n : sizes) {
                ctx.checkInterrupted();
                ctx.progress().step("counting probes: " + v.label() + ", n = " + n);
                ProbeCount c = countProbes(v, n, keySeed, sourceSeed, targetSeed, budgetMs);
                boolean cut = c.inserted() < n;
                out.row().with("part", "trap").with("subject", v.id()).with("n_keys", n).with("lower_bound", cut)
                        .measure("max_probe", c.maxProbe(), Unit.PROBES);
                out.row().with("part", "trap").with("subject", v.id()).with("n_keys", n).with("lower_bound", cut)
                        .measure("mean_probe_per_insert", c.meanProbe(), Unit.PROBES);
                out.row().with("part", "trap").with("subject", v.id()).with("n_keys", n).with("lower_bound", cut)
                        .measure("keys_inserted", c.inserted(), Unit.COUNT);
            }
        }

        // Times at the largest size: the same-hash variant (few long shots) and the others, in alternating rounds;
        // then the times at the smaller sizes, for the growth fit.
        List<Jmh> atLargest = new ArrayList<>();
        Jmh growth = null;
        for (TrapRun run : trapRuns(ctx.params())) {
            Jmh jmh = trapJmh(ctx, run);
            if (run.part().equals("growth")) growth = jmh;
            else atLargest.add(jmh);
        }
        List<JmhScore> scores = new ArrayList<>();
        Jmh.inRounds(atLargest, ctx.random("run-order")).forEach(scores::addAll);
        if (growth != null) scores.addAll(growth.run());
        for (JmhScore s : scores) {
            Measured m = s.measured();
            out.row().with("part", "trap").with("subject", ReinsertTarget.parse(s.param("target")).id()).with("n_keys", Integer.parseInt(s.param("n")))
                    .with("lower_bound", m.max() >= budgetMs)
                    .measure("merge_time", m, Unit.ofJmh(s.unit()));
        }
    }

    /** One JMH run of the trap: a part (its effort), its variants and sizes. */
    record TrapRun(String part, List<ReinsertTarget> variants, List<Integer> sizes) { }

    /**
     * The trap's JMH runs: at the largest size the same-hash variant (part same_hash) and the
     * others (part trap), measured in alternating rounds; every variant at the smaller sizes (part growth).
     */
    static List<TrapRun> trapRuns(Params p) {
        List<Integer> sizes = trapSizes(p);
        List<Integer> largest = List.of(sizes.get(sizes.size() - 1));
        List<Integer> smaller = sizes.subList(0, sizes.size() - 1);
        List<ReinsertTarget> variants = trapVariants(p);
        List<ReinsertTarget> others = variants.stream().filter(v -> v != ReinsertTarget.SAME_HASH).toList();
        List<TrapRun> runs = new ArrayList<>();
        if (variants.contains(ReinsertTarget.SAME_HASH)) runs.add(new TrapRun("same_hash", List.of(ReinsertTarget.SAME_HASH), largest));
        if (!others.isEmpty()) runs.add(new TrapRun("trap", others, largest));
        if (!smaller.isEmpty()) runs.add(new TrapRun("growth", variants, List.copyOf(smaller)));
        return runs;
    }

    private static Jmh trapJmh(RunContext ctx, TrapRun run) {
        return ctx.jmh(TRAP_BENCH, run.part())
                .param("target", run.variants().stream().map(ReinsertTarget::id).toList())
                .param("n", run.sizes())
                .param("seed", String.valueOf(ctx.seed("trap-keys")))
                .param("sourceSeed", String.valueOf(ctx.seed("trap-source-map")))
                .param("targetSeed", String.valueOf(ctx.seed("trap-target-map")))
                .param("budgetMs", String.valueOf(ctx.params().getLong("budget_ms")))
                .mode(Mode.SingleShotTime).timeUnit(TimeUnit.MILLISECONDS);
    }

    // ================================================================ plan

    /**
     * Rough milliseconds of one slot-order re-insert of {@code n} keys without a budget, from the
     * reference run on a quiet 2-core machine, erring long: the same hash is quadratic (475 ms at 131072 keys,
     * 2.8 s at 262144), per-map seeds (65 ms at 2^20) and the presized target (22 ms) linear.
     */
    static double estimatedMergeMs(ReinsertTarget v, int n) {
        return switch (v) {
            case SAME_HASH -> 4e-8 * n * (double) n;
            case SEEDED -> 6.5e-5 * n;
            case PRESIZED -> 2.5e-5 * n;
        };
    }

    /** Whether a merge of {@code n} keys may run out of the budget (on a loaded machine: estimated above a third of it). */
    static boolean mayRunOut(ReinsertTarget v, int n, long budgetMs) {
        return estimatedMergeMs(v, n) > budgetMs / 3.0;
    }

    /** Whether a merge of {@code n} keys is expected to run out of the budget (estimated above it). */
    static boolean expectedToRunOut(ReinsertTarget v, int n, long budgetMs) {
        return estimatedMergeMs(v, n) > budgetMs;
    }

    /** Rough seconds to build the keys and the source map of an n-key merge (once per JMH fork, and per probe count). */
    private static double setupSeconds(int n) {
        return 1e-7 * n;
    }

    /**
     * The plan: the JDK strategies (part jdk), the fastutil and peer fills, the in-process probe
     * counts of every trap variant and size, and the trap's JMH runs ({@link #trapRuns}), each
     * JMH run built as {@link #measure} builds it; the rows they write and the findings conclude
     * gives. A trap row of a size whose merge may run out of {@code budget_ms} (a rough estimate,
     * {@link #estimatedMergeMs}) has {@code lower_bound} varying: it is false in the synthetic
     * rows, or true where the merge is expected to run out; a growth exponent with fewer than two
     * sizes expected within the budget is not promised, and a note says so.
     */
    @Override
    public void plan(Plan.Builder plan, RunContext context) {
        Params p = plan.params();
        RunContext ctx = context;
        plan.jmh("jdk", jdkJmh(ctx));
        for (String strategy : strategies(p)) {
            plan.timed(Plan.dims("part", "jdk", "subject", strategy, "n_keys", p.getInt("jdk_n"), "overlap_pct", p.getInt("overlap_pct")),
                    "merge_time", Unit.ofJmh("ms/op"));
        }
        if (strategies(p).containsAll(List.of(MergeStrategy.PUT_ALL.id(), MergeStrategy.PUT_LOOP.id()))) plan.finding("putall_vs_loop");
        plannedFills(plan, context, "fastutil", "fastutil_n", "fastutil_targets");
        plannedFills(plan, context, "peer", "peer_n", "peer_targets");
        plannedTrap(plan, context);
    }

    private static void plannedFills(Plan.Builder plan, RunContext context, String part, String nParam, String targetsParam) {
        Params p = plan.params();
        int n = p.getInt(nParam);
        List<String> targets = fillTargets(p, part, targetsParam);
        if (targets.isEmpty()) return;
        // a fill of n keys: a few tens of ns per key shuffled, several times that in another one's iteration order (in the
        // libraries that fall into the trap); keys and orders built once per fork
        Effort effort = p.getEffort(part);
        plan.jmh(part, fillJmh(context, part, n, targets), 6e-8 * n + setupSeconds(n) * 2 / Math.max(1, effort.warmupIterations() + effort.iterations()));
        List<String> subjects = targets.stream().map(Merge::fillSubject).toList();
        for (String subject : subjects) {
            for (String order : FillOrder.ids()) {
                plan.timed(Plan.dims("part", part, "subject", subject, "n_keys", n, "order", order), "fill_time", Unit.ofJmh("ms/op"));
            }
        }
        List<String> libraries = subjects.stream().filter(s -> !UserSubject.isUserId(s)).toList();
        for (int i = 0; i < subjects.size(); i++) {
            String s = subjects.get(i);
            if (UserSubject.isUserId(s)) {
                String name = UserSubject.findingName(s);
                plan.finding("fill_iteration_order_vs_shuffled_" + name);
                for (String other : libraries) plan.finding("fill_iteration_order_" + name + "_vs_" + other);
            } else {
                plan.finding(fillFindingId(part, i, s));
            }
        }
    }

    private static void plannedTrap(Plan.Builder plan, RunContext context) {
        Params p = plan.params();
        RunContext ctx = context;
        List<Integer> sizes = trapSizes(p);
        List<ReinsertTarget> variants = trapVariants(p);
        long budgetMs = p.getLong("budget_ms");
        for (ReinsertTarget v : variants) {
            plan.step("counting probes: " + v.label(), 1,
                    sizes.stream().mapToDouble(n -> setupSeconds(n) + Math.min(1.5 * estimatedMergeMs(v, n), budgetMs) / 1000).sum());
        }
        for (TrapRun run : trapRuns(p)) {
            Effort effort = p.getEffort(run.part());
            double shotMs = run.variants().stream().flatMap(v -> run.sizes().stream().map(n -> Math.min(estimatedMergeMs(v, n), budgetMs)))
                    .mapToDouble(Double::doubleValue).average().orElse(0);
            double setup = run.sizes().stream().mapToDouble(Merge::setupSeconds).average().orElse(0);
            plan.jmh(run.part(), trapJmh(ctx, run), shotMs / 1000 + setup / Math.max(1, effort.warmupIterations() + effort.iterations()));
        }
        for (ReinsertTarget v : variants) {
            for (int n : sizes) {
                boolean over = expectedToRunOut(v, n, budgetMs);
                if (mayRunOut(v, n, budgetMs)) plan.varying("lower_bound");
                Map<String, Object> at = Plan.dims("part", "trap", "subject", v.id(), "n_keys", n, "lower_bound", over);
                plan.count(at, "max_probe", Unit.PROBES);
                plan.count(at, "mean_probe_per_insert", Unit.PROBES);
                plan.count(at, "keys_inserted", Unit.COUNT, over ? n / 2 : n);
                plan.timed(at, "merge_time", Unit.ofJmh("ms/op"), over ? Math.max(budgetMs, 1.0) : Math.max(estimatedMergeMs(v, n), 0.01));
                plan.varying();
            }
        }
        plannedTrapFindings(plan, sizes, variants, budgetMs);
    }

    /** The trap's findings for this plan, and notes on those the budget may keep from being computed. */
    private static void plannedTrapFindings(Plan.Builder plan, List<Integer> sizes, List<ReinsertTarget> variants, long budgetMs) {
        int maxN = sizes.get(sizes.size() - 1);
        if (variants.contains(ReinsertTarget.SAME_HASH) && variants.contains(ReinsertTarget.SEEDED)) {
            if (!expectedToRunOut(ReinsertTarget.SEEDED, maxN, budgetMs)) plan.finding("same_hash_vs_seeded");
            if (mayRunOut(ReinsertTarget.SEEDED, maxN, budgetMs)) {
                plan.note("same_hash_vs_seeded may not be computed: the per-map-seeds merge of " + maxN + " keys may run out of budget_ms=" + budgetMs);
            }
        }
        for (ReinsertTarget v : variants) {
            String id = v.id() + "_growth_exponent";
            long expected = sizes.stream().filter(n -> !expectedToRunOut(v, n, budgetMs)).count();
            long safe = sizes.stream().filter(n -> !mayRunOut(v, n, budgetMs)).count();
            if (expected >= 2) plan.finding(id);
            if (safe < 2) {
                plan.note(id + " may not be computed: by a rough estimate only " + safe + " of " + sizes.size()
                        + " sizes surely finish within budget_ms=" + budgetMs + " (" + expected + " expected to); raise budget_ms or use smaller sizes");
            }
        }
        for (ReinsertTarget v : List.of(ReinsertTarget.SAME_HASH, ReinsertTarget.SEEDED)) {
            if (variants.contains(v)) plan.finding(v.id() + "_max_probe");
        }
    }

    // ================================================================ conclude

    @Override
    public void conclude(RunData data, ResultBuilder out) {
        Rows rows = data.rows();
        long budgetMs = data.params().getLong("budget_ms");
        out.attempt("putall_vs_loop", () -> concludeJdk(rows, data.params().getEffort("jdk").looks(), out));
        concludeFills(rows, out);
        out.inGroup("user_subjects", () -> concludeUserFills(rows, out));
        List<TrapPoint> points = trapPoints(rows);
        if (!points.isEmpty()) {
            out.table("trap", trapTable(points, budgetMs));
            out.chart("merge time", timeChart(points, budgetMs));
            out.chart("max probe", probeChart(points));
            trapFindings(out, points, budgetMs);
        }
    }

    /** {@code looks}: how often a sequential jdk_effort looked at putAll against the loop (the interval's Bonferroni divisor). */
    private static void concludeJdk(Rows rows, int looks, ResultBuilder out) {
        Rows jdk = rows.metric("merge_time").where("part", "jdk");
        if (jdk.isEmpty()) return;
        Rows.Row first = jdk.list().get(0);
        String n = first.str("n_keys");
        String overlap = first.str("overlap_pct");
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        for (Rows.Row r : jdk) {
            labels.add(MergeStrategy.parse(r.str("subject")).label());
            values.add(r.value());
            errors.add(r.error());
        }
        CategoryChart chart = Charts.bars("Merging two HashMaps, n = " + n + ", " + overlap + "% shared (JMH, " + Finding.confidenceLabel() + " interval over forks)",
                "strategy", "time (" + first.str("unit") + ")");
        chart.getStyler().setYAxisMin(0.0);
        Charts.bars(chart, "merge time", labels, values, errors);
        out.chart("jdk strategies", chart);
        Rows putAll = jdk.where("subject", MergeStrategy.PUT_ALL.id());
        Rows loop = jdk.where("subject", MergeStrategy.PUT_LOOP.id());
        if (!putAll.isEmpty() && !loop.isEmpty()) {
            out.finding(Finding.timeRatio("putall_vs_loop", "Merging with putAll into new HashMap<>()", "a put loop",
                    putAll.one().measured().ratioTo(loop.one().measured(), looks)).where("n_keys", n).where("overlap_pct", overlap));
        }
    }

    /**
     * The trap for users' maps: per user subject, filling in another one's iteration order
     * against shuffled ({@code fill_iteration_order_vs_shuffled_<user>}), and each against the
     * fastutil targets filled the same way ({@code fill_iteration_order_<user>_vs_<target>}).
     */
    static void concludeUserFills(Rows rows, ResultBuilder out) {
        Rows fill = rows.metric("fill_time").where("part", "fastutil");
        if (fill.isEmpty()) return;
        String n = fill.list().get(0).str("n_keys");
        for (String user : fill.distinct("subject")) {
            if (!UserSubject.isUserId(user)) continue;
            Rows it = fill.where("subject", user).where("order", FillOrder.ITERATION.id());
            Rows sh = fill.where("subject", user).where("order", FillOrder.SHUFFLED.id());
            if (it.isEmpty() || sh.isEmpty()) continue;
            String own = "fill_iteration_order_vs_shuffled_" + UserSubject.findingName(user);
            out.attempt(own, () -> out.finding(Finding.timeRatio(own,
                    "Filling a " + UserSubject.label(user) + " of " + n + " keys in another one's iteration order", "the same keys shuffled",
                    it.one().measured().ratioTo(sh.one().measured())).where("n_keys", n)));
            for (String other : fill.distinct("subject")) {
                if (UserSubject.isUserId(other)) continue;
                Rows theirs = fill.where("subject", other).where("order", FillOrder.ITERATION.id());
                if (theirs.isEmpty()) continue;
                String versus = "fill_iteration_order_" + UserSubject.findingName(user) + "_vs_" + other;
                out.attempt(versus, () -> out.finding(Finding.timeRatio(versus,
                        "Filling a " + UserSubject.label(user) + " of " + n + " keys in another one's iteration order",
                        "a " + fillLabel(other) + " filled the same way", it.one().measured().ratioTo(theirs.one().measured())).where("n_keys", n)));
            }
        }
    }

    private static String fillLabel(String subject) {
        return UserSubject.isUserId(subject) ? UserSubject.label(subject) : FastutilTarget.ofSubject(subject).label();
    }

    /**
     * The fills of fastutil (part "fastutil") and of the peer libraries (part "peer"): a chart
     * per part, per collection a time ratio of iteration order to shuffled, and a table of every
     * library's verdict. The first fastutil collection carries the id
     * {@code fastutil_iteration_order_vs_shuffled}; every other one {@code <subject>_iteration_order_vs_shuffled}.
     */
    private static void concludeFills(Rows rows, ResultBuilder out) {
        List<Finding> verdicts = new ArrayList<>();
        boolean anyPeer = false;
        for (String part : List.of("fastutil", "peer")) {
            Rows fill = rows.metric("fill_time").where("part", part);
            if (fill.isEmpty()) continue;
            String n = fill.list().get(0).str("n_keys");
            List<String> subjects = fill.distinct("subject");
            String what = part.equals("fastutil") ? "fastutil" : "peer libraries";
            CategoryChart chart = Charts.bars("Filling open-hash collections (" + what + "), n = " + n + " (JMH single shots, "
                    + Finding.confidenceLabel() + " interval over forks)", "collection", "time (" + fill.list().get(0).str("unit") + ")");
            chart.getStyler().setYAxisMin(0.0);
            List<String> labels = subjects.stream().map(Merge::fillLabel).toList();
            for (FillOrder o : FillOrder.values()) {
                Rows byOrder = fill.where("order", o.id());
                if (byOrder.size() != subjects.size() || byOrder.distinct("subject").size() != subjects.size()) continue;
                Charts.bars(chart, o.label(), labels,
                        subjects.stream().map(s -> byOrder.where("subject", s).one().value()).toList(),
                        subjects.stream().map(s -> byOrder.where("subject", s).one().error()).toList());
            }
            out.chart(part.equals("fastutil") ? "fastutil" : "peers", chart);
            for (int i = 0; i < subjects.size(); i++) {
                String s = subjects.get(i);
                if (UserSubject.isUserId(s)) continue;   // users' maps: concludeUserFills
                String id = fillFindingId(part, i, s);
                out.attempt(id, () -> {
                    Finding f = fillFinding(fill, s, id, n);
                    if (f == null) return;
                    out.finding(f);
                    verdicts.add(f);
                });
                anyPeer |= verdicts.stream().anyMatch(f -> f.id().equals(id)) && FastutilTarget.ofSubject(s).isPeer();
            }
        }
        if (anyPeer) out.table("re-insert trap by library", trapVerdictTable(verdicts));
    }

    /** The id of a library's fill finding: the first fastutil collection's is {@code fastutil_iteration_order_vs_shuffled}, every other {@code <subject>_iteration_order_vs_shuffled}. */
    private static String fillFindingId(String part, int index, String subject) {
        return part.equals("fastutil") && index == 0 ? "fastutil_iteration_order_vs_shuffled" : subject + "_iteration_order_vs_shuffled";
    }

    /**
     * One library's fill in another one's iteration order against the same keys shuffled: a
     * paired time ratio ({@link Measured#ratioTo}); null when either order is missing.
     */
    private static Finding fillFinding(Rows fill, String subject, String id, String n) {
        Rows it = fill.where("subject", subject).where("order", FillOrder.ITERATION.id());
        Rows sh = fill.where("subject", subject).where("order", FillOrder.SHUFFLED.id());
        if (it.isEmpty() || sh.isEmpty()) return null;
        FastutilTarget t = FastutilTarget.ofSubject(subject);
        return Finding.timeRatio(id, "Filling a " + t.label() + " of " + n + " keys in another one's iteration order", "the same keys shuffled",
                it.one().measured().ratioTo(sh.one().measured())).where("n_keys", n).where("target", t.id());
    }

    /**
     * Which library falls into the re-insert trap: per library the iteration-order / shuffled
     * time ratio, its interval and what the verdict means here ("higher": slower in another
     * one's iteration order, so it falls into the trap; "no detectable difference": protected,
     * or too small an effect for this run).
     */
    static Table trapVerdictTable(List<Finding> findings) {
        StringColumn lib = StringColumn.create("library");
        StringColumn n = StringColumn.create("n_keys");
        StringColumn ratio = StringColumn.create("iteration order / shuffled (time)");
        StringColumn interval = StringColumn.create(Finding.confidenceLabel() + " interval");
        StringColumn verdict = StringColumn.create("verdict");
        for (Finding f : findings) {
            lib.append(FastutilTarget.parse(f.conditions().get("target")).label());
            n.append(f.conditions().get("n_keys"));
            ratio.append(String.format(Locale.ROOT, "%.2f", f.value()));
            interval.append(Double.isFinite(f.low()) ? String.format(Locale.ROOT, "[%.2f, %.2f]", f.low(), f.high()) : "none");
            verdict.append(switch (f.verdict()) {
                case HIGHER -> "falls into the trap: slower in another one's iteration order";
                case LOWER -> "no trap: faster in another one's iteration order";
                default -> "no trap detected: " + f.verdict().label();
            });
        }
        return Table.create("re-insert trap by library", lib, n, ratio, interval, verdict);
    }

    /**
     * One variant at one size, as stored: time (a lower bound when a shot ran out of the budget)
     * and probe counts (lower bounds when the count ran out; {@code inserted} is -1 when the run
     * did not store it).
     */
    record TrapPoint(ReinsertTarget variant, int n, Measured time, boolean overBudget,
                     double maxProbe, double meanProbe, boolean countCut, long inserted) {
        double ms() { return time.value(); }
        double errorMs() { return overBudget ? Double.NaN : time.error(); }
    }

    /** The trap's points from the rows: one per variant and size with a time, in variant order, then by size. */
    static List<TrapPoint> trapPoints(Rows rows) {
        Rows trap = rows.where("part", "trap");
        List<TrapPoint> out = new ArrayList<>();
        for (ReinsertTarget v : ReinsertTarget.values()) {
            Rows mine = trap.where("subject", v.id());
            List<Rows.Row> times = new ArrayList<>(mine.metric("merge_time").list());
            times.sort(java.util.Comparator.comparingLong(r -> r.integer("n_keys")));
            for (Rows.Row t : times) {
                Rows at = mine.where("n_keys", t.str("n_keys"));
                Rows.Row max = at.metric("max_probe").first().orElse(null);
                Rows.Row mean = at.metric("mean_probe_per_insert").first().orElse(null);
                Rows.Row inserted = at.metric("keys_inserted").first().orElse(null);
                out.add(new TrapPoint(v, (int) t.integer("n_keys"), t.measured(), t.bool("lower_bound"),
                        max == null ? Double.NaN : max.value(), mean == null ? Double.NaN : mean.value(),
                        max != null && max.bool("lower_bound"), inserted == null ? -1 : (long) inserted.value()));
            }
        }
        return out;
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
            time.append(p.overBudget() ? "at least " + Finding.formatBound(p.ms(), true).replace("x", "") + " (budget " + budgetMs + " ms ran out)"
                    : Double.isNaN(p.errorMs()) ? String.format(Locale.ROOT, "%.3f (no interval: one fork)", p.ms())
                    : String.format(Locale.ROOT, "%.3f ± %.3f", p.ms(), p.errorMs()));
            String cut = !p.countCut() ? "" : p.inserted() >= 0 ? " (budget hit after " + p.inserted() + " keys)" : " (budget hit)";
            maxProbe.append(Double.isNaN(p.maxProbe()) ? "" : (p.countCut() ? "at least " : "") + String.format(Locale.ROOT, "%.0f", p.maxProbe()) + cut);
            mean.append(Double.isNaN(p.meanProbe()) ? "" : String.format(Locale.ROOT, "%s%.2f%s", p.countCut() ? "at least " : "", p.meanProbe(), cut));
        }
        return Table.create("trap", variant, n, time, maxProbe, mean);
    }

    private static List<ReinsertTarget> variantsOf(List<TrapPoint> points) {
        return points.stream().map(TrapPoint::variant).distinct().toList();
    }

    private static XYChart timeChart(List<TrapPoint> points, long budgetMs) {
        XYChart chart = Charts.logLog("Slot-order re-insert: time (budget " + budgetMs + " ms)", "n (keys)",
                "time (ms; JMH single shots, " + Finding.confidenceLabel() + " interval over forks)");
        for (ReinsertTarget v : variantsOf(points)) {
            List<TrapPoint> ps = points.stream().filter(p -> p.variant() == v).toList();
            seriesWithLowerBounds(chart, v.label(), ps, TrapPoint::overBudget, TrapPoint::ms, p -> Sweeps.logSafeError(p.ms(), p.errorMs()));
        }
        return chart;
    }

    private static XYChart probeChart(List<TrapPoint> points) {
        String title = "Slot-order re-insert: longest probe";
        List<TrapPoint> counted = points.stream().filter(p -> !Double.isNaN(p.maxProbe())).toList();
        XYChart chart = counted.stream().allMatch(p -> p.maxProbe() > 0)
                ? Charts.logLog(title, "n (keys)", "max probe (slots; counted in process)")
                : Charts.xy(title, "n (keys)", "max probe (slots; counted in process)");
        for (ReinsertTarget v : variantsOf(counted)) {
            List<TrapPoint> ps = counted.stream().filter(p -> p.variant() == v).toList();
            seriesWithLowerBounds(chart, v.label(), ps, TrapPoint::countCut, TrapPoint::maxProbe, null);
        }
        return chart;
    }

    /**
     * One line of the exact points (with error bars when {@code error} is given) and, apart,
     * the points that are only lower bounds as up-pointing triangles labelled "at least".
     */
    private static void seriesWithLowerBounds(XYChart chart, String label, List<TrapPoint> ps, Predicate<TrapPoint> lowerBound,
                                              ToDoubleFunction<TrapPoint> y, ToDoubleFunction<TrapPoint> error) {
        List<TrapPoint> exact = ps.stream().filter(lowerBound.negate()).toList();
        List<TrapPoint> bounds = ps.stream().filter(lowerBound).toList();
        if (!exact.isEmpty()) {
            Charts.series(chart, label, exact.stream().map(TrapPoint::n).toList(), exact.stream().map(y::applyAsDouble).toList(),
                    error == null ? null : exact.stream().map(error::applyAsDouble).toList());
        }
        if (!bounds.isEmpty()) {
            XYSeries s = Charts.series(chart, label + ": at least (budget ran out)", bounds.stream().map(TrapPoint::n).toList(),
                    bounds.stream().map(y::applyAsDouble).toList(), null);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.TRIANGLE_UP);
        }
    }

    /**
     * The trap's findings from its points. {@code same_hash_vs_seeded} compares the two at the
     * largest size both were timed at: a paired time ratio ({@link Measured#ratioTo}) when the
     * same-hash merge finished, else the lower bound of {@link #lowerBoundRatio}. Growth
     * exponents are least-squares slopes on log-log axes over the sizes that finished within the
     * budget, with the slope's Student-t interval ({@link Stats#growth}); the longest probe runs
     * are exact counts, or "at least" bounds when the count ran out of the budget. A finding that
     * cannot be concluded (too few sizes within budget) is not computed, with the reason; the
     * others are.
     */
    static void trapFindings(ResultBuilder out, List<TrapPoint> points, long budgetMs) {
        TrapPoint same = null;
        TrapPoint seeded = null;
        for (TrapPoint p : points) {
            if (p.variant() != ReinsertTarget.SAME_HASH) continue;
            TrapPoint s = point(points, ReinsertTarget.SEEDED, p.n());
            if (s != null && (same == null || p.n() > same.n())) {
                same = p;
                seeded = s;
            }
        }
        if (same != null) {
            TrapPoint sameAtN = same;
            TrapPoint seededAtN = seeded;
            out.attempt("same_hash_vs_seeded", () -> sameHashVsSeeded(out, sameAtN, seededAtN, budgetMs));
        }
        for (ReinsertTarget v : ReinsertTarget.values()) {
            List<TrapPoint> ps = points.stream().filter(p -> p.variant() == v).toList();
            if (ps.isEmpty()) continue;
            String id = v.id() + "_growth_exponent";
            out.attempt(id, () -> growthExponent(out, id, v, ps, budgetMs));
        }
        for (ReinsertTarget v : List.of(ReinsertTarget.SAME_HASH, ReinsertTarget.SEEDED)) {
            TrapPoint p = points.stream().filter(x -> x.variant() == v && !Double.isNaN(x.maxProbe())).reduce((x, y) -> y).orElse(null);
            if (p == null) continue;
            out.attempt(v.id() + "_max_probe", () -> {
                String head = "Re-inserting " + p.n() + " keys in slot order (" + v.label() + "): the longest probe run was ";
                Finding f = p.countCut()
                        ? Finding.bound(v.id() + "_max_probe", p.maxProbe(), "probes", Finding.Verdict.AT_LEAST, head + "at least %.0f slots (the count ran out of its "
                                + budgetMs + " ms budget" + (p.inserted() >= 0 ? " after " + p.inserted() + " keys" : "") + ")")
                        : Finding.count(v.id() + "_max_probe", p.maxProbe(), "probes", head + "%.0f slots");
                out.finding(f.where("n_keys", p.n()));
            });
        }
    }

    /**
     * {@code same_hash_vs_seeded} at the largest size both were timed at.
     *
     * @throws IllegalStateException when the per-map-seeds merge ran out of the budget too
     */
    private static void sameHashVsSeeded(ResultBuilder out, TrapPoint same, TrapPoint seeded, long budgetMs) {
        int n = same.n();
        String a = "Re-inserting " + n + " keys in slot order into a map with the same hash";
        if (seeded.overBudget()) {
            throw new IllegalStateException("same_hash_vs_seeded: the per-map-seeds merge of " + n + " keys ran out of budget_ms=" + budgetMs + " too; raise budget_ms");
        } else if (same.overBudget()) {
            LowerBound b = lowerBoundRatio(same.time(), seeded.time());
            out.finding(Finding.ratioAtLeast("same_hash_vs_seeded", a, "per-map seeds", Finding.Quantity.TIME, b.ratio(),
                    "it ran out of its " + budgetMs + " ms budget; the bound is " + b.how())
                    .where("n_keys", n).where("budget_ms", budgetMs));
        } else {
            out.finding(Finding.timeRatio("same_hash_vs_seeded", a, "per-map seeds", same.time().ratioTo(seeded.time())).where("n_keys", n));
        }
    }

    /**
     * {@code <variant>_growth_exponent} over the sizes of {@code ps} that finished within the budget.
     *
     * @throws IllegalStateException when fewer than two did
     */
    private static void growthExponent(ResultBuilder out, String id, ReinsertTarget v, List<TrapPoint> ps, long budgetMs) {
        List<TrapPoint> fit = ps.stream().filter(p -> !p.overBudget()).toList();
        if (fit.size() < 2) {
            throw new IllegalStateException(id + ": only " + fit.size() + " of " + ps.size() + " sizes finished within budget_ms=" + budgetMs
                    + "; raise budget_ms or use smaller sizes");
        }
        Stats.Growth g = Stats.growth(fit.stream().mapToDouble(TrapPoint::n).toArray(), fit.stream().mapToDouble(TrapPoint::ms).toArray());
        int over = ps.size() - fit.size();
        String note = over == 0 ? "" : "; " + over + " larger size(s) ran out of the budget and are left out, so the true growth is steeper";
        String range = fit.get(0).n() + ".." + fit.get(fit.size() - 1).n();
        out.finding(Finding.estimate(id, g.exponentEstimate(), "exponent", Finding.Basis.TIMING, String.format(Locale.ROOT,
                "Re-inserting in slot order (%s): time grew as n^%%.2f (least squares on log-log over %d sizes, n = %s, R² = %.3f%s)",
                v.label(), fit.size(), range, g.r2(), note)).where("n_keys", range));
    }

    /** A conservative lower bound of a ratio: {@code numerator / denominator}, both as used. */
    record LowerBound(double ratio, double numerator, double denominator, String how) { }

    /**
     * The lower bound of {@code cut / other} when {@code cut}'s merge ran out of its budget. Every
     * cut shot is at most the time the whole merge would take, so each fork's mean of cut shots
     * is a lower bound of that fork's true time; the numerator is the <b>smallest</b> fork mean
     * (the stored value when there are no samples). The denominator is the <b>upper</b> end of
     * {@code other}'s interval at {@link maplab.stats.Estimates#CONFIDENCE} over forks (stored
     * value + error without samples; its value when it has no interval). So the ratio errs low on
     * both sides: the same-hash merge took at least this many times as long, at that confidence.
     */
    static LowerBound lowerBoundRatio(Measured cut, Measured other) {
        double num = cut.samples().isEmpty() ? cut.value()
                : cut.forkMeans().values().stream().mapToDouble(Double::doubleValue).min().orElse(cut.value());
        String numHow = cut.samples().isEmpty() ? "its stored time as cut" : "its time as cut (smallest fork mean)";
        double den;
        String denHow;
        if (other.samples().isEmpty()) {
            den = Double.isFinite(other.error()) ? other.value() + other.error() : other.value();
            denHow = Double.isFinite(other.error()) ? "the per-map-seeds time plus its stored error" : "the per-map-seeds time (no interval stored)";
        } else {
            Estimate e = other.estimate();
            den = e.hasInterval() ? Math.max(e.high(), e.value()) : e.value();
            denHow = e.hasInterval() ? "the upper end of the per-map-seeds time's " + Finding.confidenceLabel() + " interval over forks"
                    : "the per-map-seeds time (one fork: no interval)";
        }
        return new LowerBound(num / den, num, den, String.format(Locale.ROOT, "%s, %.1f ms, over %s, %.3f ms", numHow, num, denHow, den));
    }

    private static TrapPoint point(List<TrapPoint> points, ReinsertTarget v, int n) {
        return points.stream().filter(p -> p.variant() == v && p.n() == n).findFirst().orElse(null);
    }
}
