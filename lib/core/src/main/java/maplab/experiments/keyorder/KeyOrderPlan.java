package maplab.experiments.keyorder;

import java.util.List;
import java.util.Map;
import maplab.measure.Jmh;
import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.plan.Unit;
import maplab.subject.intmap.IntMapType;
import maplab.subject.user.FillPilot;
import maplab.subject.user.UserSubject;
import maplab.workload.KeyOrder;
import maplab.experiments.RunContext;
import static maplab.experiments.keyorder.KeyOrderConclude.PROBE_FINDINGS;
import static maplab.experiments.keyorder.KeyOrderConclude.ratioId;
import static maplab.experiments.keyorder.KeyOrderConclude.userComparisonId;
import static maplab.experiments.keyorder.KeyOrderExperiment.GC;
import static maplab.experiments.keyorder.KeyOrderExperiment.PART;
import static maplab.experiments.keyorder.KeyOrderExperiment.PROBE_SUBJECTS;
import static maplab.experiments.keyorder.KeyOrderExperiment.timedSubjectIds;
import static maplab.experiments.keyorder.KeyOrderExperiment.userHashes;
import static maplab.experiments.keyorder.KeyOrderMeasure.timedRun;

/**
 * key-order's plan ({@link KeyOrderExperiment#plan}): the probe counts and the JMH run with their
 * estimates, every row measure writes and the findings conclude gives for them.
 */
final class KeyOrderPlan {

    private KeyOrderPlan() { }

    /**
     * The plan: per order, the in-process counts (both ProbeMaps' probe lengths, HashMap's bins)
     * and each user hash's probe lengths; then the one JMH run of {@link KeyOrderMeasure#timedRun} (a time row per
     * subject, order and method), and the findings those rows give. Histogram rows past the first
     * bucket (probe lengths, bin lengths) depend on the keys: planned as observed and optional.
     */
    static void plan(Plan.Builder plan, RunContext context) {
        Params p = plan.params();
        int n = p.getInt("n");
        List<KeyOrder> orders = p.getStrings("orders").stream().map(KeyOrder::parse).toList();
        List<String> userHashes = userHashes(p);
        for (KeyOrder order : orders) {
            plan.step("probe and bin lengths: " + order.label(), 1, countSeconds(order, n));
            for (IntMapType t : PROBE_SUBJECTS) plannedProbeRows(plan, t.id(), order, n);
            Map<String, Object> hashMap = Plan.dims("subject", IntMapType.HASHMAP.id(), "order", order.label(), "n_keys", n);
            plan.count(Plan.dims("subject", IntMapType.HASHMAP.id(), "order", order.label(), "n_keys", n, "bin_length", 0), "buckets", Unit.COUNT);
            plan.optional(true).varying("bin_length");   // one row per bin length up to the longest bin
            plan.count(Plan.dims("subject", IntMapType.HASHMAP.id(), "order", order.label(), "n_keys", n, "bin_length", 1), "buckets", Unit.COUNT);
            plan.optional(false).varying();
            plan.count(hashMap, "max_bin_length", Unit.COUNT);
            plan.count(hashMap, "tree_bins", Unit.COUNT);
        }
        for (String user : userHashes) {
            plan.step("probe lengths: ProbeMap with " + UserSubject.label(user), orders.size(), countSeconds(KeyOrder.RANDOM, n) / 2);
            for (KeyOrder order : orders) plannedProbeRows(plan, user, order, n);
        }
        List<String> subjects = timedSubjectIds(p);
        List<KeyOrder> timedOrders = p.getStrings("timed_orders").stream().map(KeyOrder::parse).toList();
        List<String> methods = p.getStrings("timed_methods");
        if (!subjects.isEmpty() && !timedOrders.isEmpty()) {
            // a user's map fills once per fork (the benchmark's set-up): an O(n)-insert map makes that minutes, which the plan must know
            plan.jmh(PART, timedRun(context, subjects, timedOrders, methods, n, context.seed("keys")), c -> 0,
                    c -> FillPilot.forkSetupSeconds(c, Jmh.USER_PARAM, n));
            for (String method : methods) {
                for (String subject : subjects) {
                    for (KeyOrder order : timedOrders) {
                        plan.timed(Plan.dims("subject", subject, "order", order.label(), "n_keys", n, "gc", GC), method + "_time", Unit.NS_PER_OP);
                    }
                }
            }
        }
        plannedFindings(plan, orders, userHashes, subjects, timedOrders, methods);
    }

    /** Rough seconds of one order's counts: two ProbeMap fills and lookups and a HashMap fill; strided keys pile up under the identity hash. */
    private static double countSeconds(KeyOrder order, int n) {
        return (order == KeyOrder.STRIDED ? 1.2e-6 : 4e-7) * n;
    }

    /** The rows {@link KeyOrderMeasure#record} writes for one probe-counted subject and order. */
    private static void plannedProbeRows(Plan.Builder plan, String subject, KeyOrder order, int n) {
        Map<String, Object> at = Plan.dims("subject", subject, "order", order.label(), "n_keys", n);
        for (String metric : List.of("insert_probe_mean", "insert_probe_max", "lookup_probe_mean", "lookup_probe_max")) plan.count(at, metric, Unit.PROBES);
        plan.count(at, "resizes", Unit.COUNT);
        plan.count(at, "final_capacity", Unit.COUNT);
        plan.count(Plan.dims("subject", subject, "order", order.label(), "n_keys", n, "probe_length", "0"), "inserts", Unit.COUNT);
        plan.optional(true).varying("probe_length");   // one row per power-of-two bucket up to the longest probe
        plan.count(Plan.dims("subject", subject, "order", order.label(), "n_keys", n, "probe_length", "1"), "inserts", Unit.COUNT);
        plan.optional(false).varying();
    }

    /** The findings {@link KeyOrderConclude#conclude} gives for rows of this plan. */
    private static void plannedFindings(Plan.Builder plan, List<KeyOrder> orders, List<String> userHashes, List<String> subjects,
                                        List<KeyOrder> timedOrders, List<String> methods) {
        List<String> labels = orders.stream().map(KeyOrder::label).toList();
        for (String[] f : PROBE_FINDINGS) if (labels.contains(f[0])) plan.finding("probe_mean_" + f[0] + "_" + f[1]);
        for (String user : userHashes) for (String order : labels) plan.finding("probe_mean_" + order + "_" + UserSubject.findingName(user));
        if (labels.contains("chunked")) plan.finding("probe_max_chunked_identity");
        if (labels.contains("strided")) plan.finding("hashmap_tree_bins_strided");
        if (labels.stream().filter(o -> !o.equals("strided")).count() >= 2) plan.finding("hashmap_bins_same_for_every_order");
        List<String> timedLabels = timedOrders.stream().map(KeyOrder::label).toList();
        for (String method : methods) {
            if (timedLabels.contains("random") && timedLabels.contains("ascending")) for (String subject : subjects) plan.finding(ratioId(method, subject));
            for (String user : subjects) {
                if (!UserSubject.isUserId(user)) continue;
                for (String other : subjects) {
                    if (other.equals(user) || (UserSubject.isUserId(other) && other.compareTo(user) < 0)) continue;
                    for (String order : timedLabels) plan.finding(userComparisonId(method, order, user, other));
                }
            }
        }
    }
}
