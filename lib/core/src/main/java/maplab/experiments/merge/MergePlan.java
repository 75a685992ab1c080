package maplab.experiments.merge;

import java.util.List;
import java.util.Map;
import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.plan.Effort;
import maplab.plan.Unit;
import maplab.subject.merge.FillOrder;
import maplab.subject.merge.MergeStrategy;
import maplab.subject.merge.ReinsertTarget;
import maplab.subject.user.UserSubject;
import maplab.experiments.RunContext;
import maplab.experiments.merge.MergeMeasure.TrapRun;
import static maplab.experiments.merge.Merge.trapSizes;
import static maplab.experiments.merge.Merge.trapVariants;
import static maplab.experiments.merge.MergeConclude.fillFindingId;
import static maplab.experiments.merge.MergeMeasure.fillJmh;
import static maplab.experiments.merge.MergeMeasure.fillTargets;
import static maplab.experiments.merge.MergeMeasure.jdkJmh;
import static maplab.experiments.merge.MergeMeasure.strategies;
import static maplab.experiments.merge.MergeMeasure.trapJmh;
import static maplab.experiments.merge.MergeMeasure.trapRuns;

/**
 * merge's plan ({@link Merge#plan}): the JMH runs as measure builds them, the in-process probe
 * counts with their estimated time, every row measure writes and the findings conclude gives.
 */
final class MergePlan {

    private MergePlan() { }

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
     * counts of every trap variant and size, and the trap's JMH runs ({@link MergeMeasure#trapRuns}), each
     * JMH run built as {@link MergeMeasure#measure} builds it; the rows they write and the findings conclude
     * gives. A trap row of a size whose merge may run out of {@code budget_ms} (a rough estimate,
     * {@link #estimatedMergeMs}) has {@code lower_bound} varying: it is false in the synthetic
     * rows, or true where the merge is expected to run out; a growth exponent with fewer than two
     * sizes expected within the budget is not promised, and a note says so.
     */
    static void plan(Plan.Builder plan, RunContext context) {
        Params p = plan.params();
        RunContext ctx = context;
        plan.jmh("jdk", jdkJmh(ctx));
        for (String strategy : strategies(p)) {
            Map<String, Object> at = Plan.dims("part", "jdk", "subject", strategy, "n_keys", p.getInt("jdk_n"), "overlap_pct", p.getInt("overlap_pct"));
            plan.timed(at, "merge_time", Unit.ofJmh("ms/op"));
            plan.timed(at, "merge_alloc", Unit.BYTES_PER_OP);
        }
        if (strategies(p).containsAll(List.of(MergeStrategy.PUT_ALL.id(), MergeStrategy.PUT_LOOP.id()))) plan.finding("putall_vs_loop");
        if (strategies(p).containsAll(List.of(MergeStrategy.TREEMAP_PUT_ALL.id(), MergeStrategy.PUT_ALL.id()))) {
            plan.finding(MergeConclude.TREEMAP_TIME, MergeConclude.TREEMAP_ALLOC);
        }
        plannedFills(plan, context, "fastutil", "fastutil_n", "fastutil_targets");
        plannedFills(plan, context, "peer", "peer_n", "peer_targets");
        plannedTrap(plan, context);
        MergeProfile.plan(plan, p);
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
        List<String> subjects = targets.stream().map(MergeMeasure::fillSubject).toList();
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
            double setup = run.sizes().stream().mapToDouble(MergePlan::setupSeconds).average().orElse(0);
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
}
