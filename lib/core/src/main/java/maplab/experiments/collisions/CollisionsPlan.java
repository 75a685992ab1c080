package maplab.experiments.collisions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.measure.Jmh;
import maplab.plan.Unit;
import maplab.subject.collision.CollisionCase;
import maplab.experiments.RunContext;
import static maplab.experiments.collisions.Collisions.CALLS_PER_INSERT;
import static maplab.experiments.collisions.Collisions.NS_PER_INSERT;
import static maplab.experiments.collisions.Collisions.RATIO_CASES;
import static maplab.experiments.collisions.Collisions.cases;
import static maplab.experiments.collisions.Collisions.sizes;
import static maplab.experiments.collisions.CollisionsMeasure.jmh;

/**
 * collisions' plan ({@link Collisions#plan}): the JMH batches with their fill estimates, the
 * in-process counts, every row measure writes and the findings conclude gives for them.
 */
final class CollisionsPlan {

    private CollisionsPlan() { }

    /** One JMH batch of the plan: these subjects at these sizes. */
    record Timed(List<CollisionCase> subjects, List<Integer> sizes) { }

    /**
     * The JMH batches: one per growth case (so constant_hash can stop at its own largest n), then
     * the ratio-only cases at the largest size, then the peer libraries' cases at {@code peer_n}.
     */
    static List<Timed> timed(Params p, List<CollisionCase> cases, List<Integer> sizes) {
        List<Timed> out = new ArrayList<>();
        List<CollisionCase> growth = p.getStrings("growth_cases").stream().map(CollisionCase::parse)
                .filter(cases::contains).toList();
        int nonComparableMax = p.getInt("noncomparable_max_n");
        for (CollisionCase g : growth) {
            List<Integer> ns = g == CollisionCase.CONSTANT_HASH ? sizes.stream().filter(n -> n <= nonComparableMax).toList() : sizes;
            if (!ns.isEmpty()) out.add(new Timed(List.of(g), ns));
        }
        List<CollisionCase> ratioOnly = RATIO_CASES.stream().filter(cases::contains).filter(c -> !growth.contains(c)).toList();
        if (!ratioOnly.isEmpty()) out.add(new Timed(ratioOnly, List.of(sizes.get(sizes.size() - 1))));
        int peerN = p.getInt("peer_n");
        List<CollisionCase> peers = p.getStrings("peer_cases").stream().map(CollisionCase::parse)
                .filter(c -> out.stream().noneMatch(t -> t.subjects().contains(c) && t.sizes().contains(peerN))).toList();
        if (!peers.isEmpty()) out.add(new Timed(peers, List.of(peerN)));   // the peer libraries' maps at their own size, unless a growth batch times them there
        return out;
    }

    /**
     * The plan: the call counts of every case at every size (in process), the user key types'
     * and hashes' counts, then the JMH batches of {@link #timed} (fill_time and time_per_insert
     * per cell), and the findings those rows give.
     */
    static void plan(Plan.Builder plan, RunContext context) {
        Params p = plan.params();
        List<Integer> sizes = sizes(p);
        List<CollisionCase> cases = cases(p);
        for (CollisionCase c : cases) {
            plan.step("counting calls: " + c.label(), 1, sizes.stream().mapToDouble(n -> countSeconds(c, n)).sum());
            for (int n : sizes) plannedCounts(plan, c, n);
        }
        for (String user : p.getStrings("user_key_types")) {
            plan.step("counting bins: " + user, 1, 0.1);
            for (int n : sizes) {
                plan.count(Plan.dims("subject", user, "n_keys", n), "tree_bins", Unit.COUNT);
                plan.count(Plan.dims("subject", user, "n_keys", n), "max_bin_length", Unit.COUNT);
            }
            plan.finding("tree_bins_" + maplab.subject.user.UserSubject.findingName(user));
        }
        for (String user : p.getStrings("user_subjects")) {
            plan.step("counting probes: " + user, 1, 0.2);
            for (String kind : List.of("colliding_string", "random_string")) {
                for (int n : sizes) {
                    plan.count(Plan.dims("subject", user, "key_kind", kind, "n_keys", n), "mean_probe_per_insert", Unit.PROBES);
                    plan.count(Plan.dims("subject", user, "key_kind", kind, "n_keys", n), "max_probe", Unit.PROBES);
                }
            }
            plan.finding("probe_mean_colliding_string_" + maplab.subject.user.UserSubject.findingName(user));
        }
        RunContext ctx = context;
        Map<CollisionCase, Set<Integer>> timedAt = new java.util.LinkedHashMap<>();
        for (Timed t : timed(p, cases, sizes)) {
            Jmh run = jmh(ctx, t.subjects(), t.sizes(), 0, 0);
            plan.jmh("insert", run, cell -> fillSeconds(CollisionCase.valueOf(cell.get("subject")), Integer.parseInt(cell.get("n"))));
            for (CollisionCase subject : t.subjects()) {
                for (int n : t.sizes()) {
                    plan.timed(Plan.dims("subject", subject.id(), "n_keys", n), "fill_time", Unit.NS_PER_OP);
                    plan.timed(Plan.dims("subject", subject.id(), "n_keys", n), "time_per_insert", NS_PER_INSERT);
                    timedAt.computeIfAbsent(subject, k -> new TreeSet<>()).add(n);
                }
            }
        }
        plannedFindings(plan, cases, sizes, timedAt);
    }

    /**
     * Rough seconds of one timed fill: the quadratic cases (constant-hash keys that are not
     * Comparable, colliding Strings in a map without tree bins) cost about n^2/2 equals calls of
     * a few nanoseconds (1.4 s at n = 16384 for constant_hash, 5 to 8 s at 32768 for the peers, in the reference); the rest are
     * far below an iteration.
     */
    static double fillSeconds(CollisionCase c, int n) {
        if (!quadratic(c)) return 0;
        double scans = "eclipse".equals(c.library()) ? 1.75 : 1;   // UnifiedMap counted 1.75x the equals calls per insert of the other peers
        return scans * EQUALS_SECONDS * n * (double) n / 2;
    }

    /** Seconds per equals call in a quadratic fill: 7.7e-9 to 1.0e-8 in the full reference (slower as n outgrows the caches). */
    static final double EQUALS_SECONDS = 9e-9;

    private static boolean quadratic(CollisionCase c) {
        return c == CollisionCase.CONSTANT_HASH || (c.isPeer() && c.kind() == maplab.workload.KeyKind.COLLIDING_STRING);
    }

    /** Rough seconds of one in-process count (instrumented keys; the constant-hash cases are quadratic). */
    private static double countSeconds(CollisionCase c, int n) {
        return quadratic(c) ? 3 * EQUALS_SECONDS * n * (double) n / 2 : 2e-6 * n;   // instrumented keys count every call
    }

    private static void plannedCounts(Plan.Builder plan, CollisionCase c, int n) {
        Map<String, Object> at = Plan.dims("subject", c.id(), "n_keys", n);
        for (String metric : List.of("equals_per_insert", "compareto_per_insert", "hashcode_per_insert")) plan.count(at, metric, CALLS_PER_INSERT);
        if (c.seededProbeMap()) {
            plan.count(at, "mean_probe_per_insert", Unit.PROBES);
            plan.count(at, "max_probe", Unit.PROBES);
        } else if (!c.isPeer()) {
            plan.count(at, "tree_bins", Unit.COUNT);
            plan.count(at, "max_bin_length", Unit.COUNT);
        }
    }

    /** The findings {@link CollisionsConclude#conclude} gives for rows of this plan. */
    private static void plannedFindings(Plan.Builder plan, List<CollisionCase> cases, List<Integer> sizes, Map<CollisionCase, Set<Integer>> timedAt) {
        if (cases.contains(CollisionCase.CONSTANT_HASH)) plan.finding("noncomparable_equals_per_insert_at_max_n");
        if (timedAt.getOrDefault(CollisionCase.CONSTANT_HASH, Set.of()).size() >= 2) plan.finding("noncomparable_growth_exponent");
        if (cases.contains(CollisionCase.CONSTANT_HASH_COMPARABLE)) plan.finding("comparable_compares_per_insert_at_max_n");
        if (timedTogether(timedAt, CollisionCase.COLLIDING_STRING, CollisionCase.RANDOM_STRING)) plan.finding("colliding_vs_random_string");
        if (timedTogether(timedAt, CollisionCase.COLLIDING_STRING_SEEDED, CollisionCase.RANDOM_STRING_SEEDED)) plan.finding("seeded_content_hash_vs_random");
        for (CollisionCase c : cases) {
            if (c.isPeer() && c.kind() == maplab.workload.KeyKind.COLLIDING_STRING) plan.finding(c.library() + "_colliding_equals_per_insert");
        }
        for (CollisionCase c : CollisionCase.values()) {
            if (!c.isPeer() || c.kind() != maplab.workload.KeyKind.COLLIDING_STRING) continue;
            if (timedTogether(timedAt, c, CollisionCase.parse("random_string_" + c.library()))) plan.finding("colliding_vs_random_string_" + c.library());
            if (timedAt.getOrDefault(c, Set.of()).size() >= 2) plan.finding(c.library() + "_colliding_growth_exponent");
        }
        if (cases.contains(CollisionCase.COLLIDING_STRING)) plan.finding("tree_bins");
    }

    private static boolean timedTogether(Map<CollisionCase, Set<Integer>> timedAt, CollisionCase a, CollisionCase b) {
        Set<Integer> common = new TreeSet<>(timedAt.getOrDefault(a, Set.of()));
        common.retainAll(timedAt.getOrDefault(b, Set.of()));
        return !common.isEmpty();
    }
}
