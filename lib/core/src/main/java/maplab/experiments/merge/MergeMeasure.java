package maplab.experiments.merge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import maplab.plan.Params;
import maplab.measure.Jmh;
import maplab.measure.JmhScore;
import maplab.measure.Measured;
import maplab.conclude.ResultBuilder;
import maplab.plan.Unit;
import maplab.subject.merge.FastutilTarget;
import maplab.subject.merge.FillOrder;
import maplab.subject.merge.MergeStrategy;
import maplab.subject.merge.ReinsertTarget;
import maplab.subject.probe.LongProbeMap;
import maplab.subject.user.UserSubject;
import maplab.workload.KeyOrder;
import org.openjdk.jmh.annotations.Mode;
import maplab.experiments.RunContext;
import static maplab.experiments.merge.Merge.FASTUTIL_BENCH;
import static maplab.experiments.merge.Merge.JDK_BENCH;
import static maplab.experiments.merge.Merge.TRAP_BENCH;
import static maplab.experiments.merge.Merge.trapSizes;
import static maplab.experiments.merge.Merge.trapVariants;

/**
 * merge's measurement ({@link Merge#measure}): the JDK strategies, the fastutil and peer fills, and
 * the trap (probe counts in process, times with JMH single shots); writes rows only.
 */
final class MergeMeasure {

    private MergeMeasure() { }

    static void measure(RunContext ctx) throws Exception {
        ResultBuilder out = ctx.result();
        jdkStrategies(ctx, out);
        fills(ctx, out, "fastutil", "fastutil_n", "fastutil_targets");
        fills(ctx, out, "peer", "peer_n", "peer_targets");
        trap(ctx, out);
        if (ctx.shard().first()) MergeProfile.measure(ctx, out);   // a child JVM, not JMH rounds: measured once when the run is split into shards
    }

    private static void jdkStrategies(RunContext ctx, ResultBuilder out) {
        int n = ctx.params().getInt("jdk_n");
        int overlap = ctx.params().getInt("overlap_pct");
        for (JmhScore s : jdkJmh(ctx).run()) {
            String strategy = s.param("strategy", MergeStrategy.class).id();
            out.row().with("part", "jdk").with("subject", strategy).with("n_keys", n).with("overlap_pct", overlap)
                    .measure("merge_time", s.measured(), Unit.ofJmh(s.unit()));
            out.row().with("part", "jdk").with("subject", strategy).with("n_keys", n).with("overlap_pct", overlap)
                    .measure("merge_alloc", s.secondary("gc.alloc.rate.norm"), Unit.BYTES_PER_OP);
        }
    }

    static List<String> strategies(Params p) {
        return p.getStrings("strategies").stream().map(MergeStrategy::parse).map(MergeStrategy::id).toList();
    }

    /** The strategies of the {@code strategies} parameter, as constants (MergeBench's {@code @Param}). */
    static List<MergeStrategy> strategyConstants(Params p) {
        return p.getStrings("strategies").stream().map(MergeStrategy::parse).toList();
    }

    /**
     * The JDK strategies' JMH run (part jdk), with JMH's gc profiler (bytes allocated per merge):
     * putAll against the put loop, and the TreeMap target against putAll, compared sequentially.
     */
    static Jmh jdkJmh(RunContext ctx) {
        return ctx.jmh(JDK_BENCH, "jdk")
                .param("strategy", strategyConstants(ctx.params()))
                .param("n", String.valueOf(ctx.params().getInt("jdk_n")))
                .param("overlapPct", String.valueOf(ctx.params().getInt("overlap_pct")))
                .param("seed", String.valueOf(ctx.seed("jdk-keys")))
                .compare(Map.of("strategy", MergeStrategy.PUT_ALL.name()), Map.of("strategy", MergeStrategy.PUT_LOOP.name()))   // JMH's spelling of the constants
                .compare(Map.of("strategy", MergeStrategy.TREEMAP_PUT_ALL.name()), Map.of("strategy", MergeStrategy.PUT_ALL.name()))
                .mode(Mode.AverageTime).timeUnit(TimeUnit.MILLISECONDS)
                .profiler("gc");
    }

    /**
     * One part of fills ("fastutil" or "peer"): its targets in both orders, one JMH run. The
     * users' maps ({@code user_subjects}) are filled in the fastutil part, beside fastutil.
     */
    private static void fills(RunContext ctx, ResultBuilder out, String part, String nParam, String targetsParam) {
        int n = ctx.params().getInt(nParam);
        List<String> targets = fillTargets(ctx.params(), part, targetsParam);
        if (targets.isEmpty()) return;
        for (JmhScore s : fillJmh(ctx, part, n, targets).run()) {
            // dimensions in the order of results.csv's columns (part, subject, n_keys, ..., order): samples.csv keys rows by that order
            out.row().with("part", part).with("subject", s.subject("target", FastutilTarget.class, FastutilTarget::subject)).with("n_keys", n).with("order", s.param("order", FillOrder.class).id())
                    .measure("fill_time", s.measured(), Unit.ofJmh(s.unit()));
        }
    }

    /** The targets of one part of fills; the users' maps go into the fastutil part. */
    static List<String> fillTargets(Params p, String part, String targetsParam) {
        List<String> targets = new ArrayList<>(p.getStrings(targetsParam).stream().map(FastutilTarget::parse).map(FastutilTarget::id).toList());
        if (part.equals("fastutil")) targets.addAll(p.getStrings("user_subjects"));
        return targets;
    }

    /** The subject column of a fill target: a user's id as it is, a library's target as its subject. */
    static String fillSubject(String target) {
        return UserSubject.isUserId(target) ? target : FastutilTarget.parse(target).subject();
    }

    /**
     * One part's fills as one JMH run: every target in both orders, with the findings'
     * comparisons (to which a sequential effort adds rounds): each target's iteration order
     * against shuffled, and each user's map in iteration order against every library's.
     */
    static Jmh fillJmh(RunContext ctx, String part, int n, List<String> targets) {
        Jmh run = ctx.jmh(FASTUTIL_BENCH, part)
                .subjects("target", targets, FastutilTarget::parse, FastutilTarget.USER)
                .param("order", FillOrder.values())
                .param("n", String.valueOf(n))
                .param("seed", String.valueOf(ctx.seed("fastutil-keys")))
                .param("shuffleSeed", String.valueOf(ctx.seed("fastutil-shuffle")))
                .mode(Mode.SingleShotTime).timeUnit(TimeUnit.MILLISECONDS);
        List<Map<String, String>> libraries = targets.stream().filter(t -> !UserSubject.isUserId(t)).map(MergeMeasure::fillCell).toList();
        for (String t : targets) run.compare(inOrder(fillCell(t), FillOrder.ITERATION), inOrder(fillCell(t), FillOrder.SHUFFLED));
        for (String user : targets.stream().filter(UserSubject::isUserId).toList()) {
            for (Map<String, String> library : libraries) run.compare(inOrder(fillCell(user), FillOrder.ITERATION), inOrder(library, FillOrder.ITERATION));
        }
        return run;
    }

    /** The JMH parameters that select one fill target's cells: a user's id, or a library's constant (JMH's spelling). */
    private static Map<String, String> fillCell(String target) {
        return UserSubject.isUserId(target) ? Map.of(Jmh.USER_PARAM, target)
                : Map.of("target", FastutilTarget.parse(target).name(), Jmh.USER_PARAM, "");
    }

    private static Map<String, String> inOrder(Map<String, String> cell, FillOrder order) {
        Map<String, String> selector = new java.util.HashMap<>(cell);
        selector.put("order", order.name());
        return selector;
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

    private static void trap(RunContext ctx, ResultBuilder out) throws InterruptedException {
        trapProbes(ctx, out);
        trapTimes(ctx, out);
    }

    /** Probe counts in process, counters on, each count within the same budget. */
    private static void trapProbes(RunContext ctx, ResultBuilder out) throws InterruptedException {
        List<Integer> sizes = trapSizes(ctx.params());
        List<ReinsertTarget> variants = trapVariants(ctx.params());
        long budgetMs = ctx.params().getLong("budget_ms");
        long keySeed = ctx.seed("trap-keys");
        long sourceSeed = ctx.seed("trap-source-map");
        long targetSeed = ctx.seed("trap-target-map");
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
    }

    /**
     * Times at the largest size: the same-hash variant (few long shots) and the others, in
     * alternating rounds; then the times at the smaller sizes, for the growth fit.
     */
    private static void trapTimes(RunContext ctx, ResultBuilder out) {
        long budgetMs = ctx.params().getLong("budget_ms");
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
            out.row().with("part", "trap").with("subject", s.param("target", ReinsertTarget.class).id()).with("n_keys", Integer.parseInt(s.param("n")))
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

    static Jmh trapJmh(RunContext ctx, TrapRun run) {
        return ctx.jmh(TRAP_BENCH, run.part())
                .param("target", run.variants())
                .param("n", run.sizes())
                .param("seed", String.valueOf(ctx.seed("trap-keys")))
                .param("sourceSeed", String.valueOf(ctx.seed("trap-source-map")))
                .param("targetSeed", String.valueOf(ctx.seed("trap-target-map")))
                .param("budgetMs", String.valueOf(ctx.params().getLong("budget_ms")))
                .mode(Mode.SingleShotTime).timeUnit(TimeUnit.MILLISECONDS);
    }
}
