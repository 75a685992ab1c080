package maplab.experiments.collisions;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import maplab.conclude.Finding;
import maplab.measure.Measured;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.stats.Stats;
import maplab.subject.collision.CollisionCase;
import static maplab.experiments.collisions.CollisionsConclude.growth;
import static maplab.experiments.collisions.CollisionsConclude.sizesOf;
import static maplab.experiments.collisions.CollisionsConclude.userFindings;
import static maplab.experiments.collisions.CollisionsConclude.value;

/** collisions' findings: equals and compareTo calls, their growth, tree bins, time ratios and the peers'. */
final class CollisionsFindings {

    private CollisionsFindings() { }

    /** {@code looks}: how often a sequential insert_effort looked at each time ratio (its Bonferroni divisor). */
    static void findings(Rows rows, int looks, ResultBuilder out) {
        userFindings(rows, out);
        out.attempt("noncomparable_equals_per_insert_at_max_n", () -> nonComparableCalls(rows, out));
        out.attempt("noncomparable_growth_exponent", () -> nonComparableGrowth(rows, out));
        out.attempt("comparable_compares_per_insert_at_max_n", () -> comparableCalls(rows, out));
        out.attempt("colliding_vs_random_string", () -> ratio(rows, out, "colliding_vs_random_string", CollisionCase.COLLIDING_STRING, CollisionCase.RANDOM_STRING,
                "Inserting %d colliding Strings into a HashMap", "random Strings of the same length", Finding.NO_MARGIN, looks));
        out.attempt("seeded_content_hash_vs_random", () -> ratio(rows, out, "seeded_content_hash_vs_random", CollisionCase.COLLIDING_STRING_SEEDED,
                CollisionCase.RANDOM_STRING_SEEDED, "Inserting %d colliding Strings into a ProbeMap with a seeded content hash", "random Strings in the same map",
                SEEDED_MARGIN, looks));
        peerFindings(rows, looks, out);
        out.attempt("tree_bins", () -> treeBins(rows, out));
    }

    private static void nonComparableCalls(Rows rows, ResultBuilder out) {
        Rows constant = rows.where("subject", CollisionCase.CONSTANT_HASH.id());
        List<Integer> counted = sizesOf(constant.metric("equals_per_insert"), CollisionCase.CONSTANT_HASH);
        if (!counted.isEmpty()) {
            int maxN = counted.get(counted.size() - 1);
            double eq = constant.metric("equals_per_insert").where("n_keys", maxN).one().value();
            out.finding(Finding.count("noncomparable_equals_per_insert_at_max_n", eq, "calls",
                    "Inserting " + maxN + " constant-hash keys that are not Comparable into a HashMap cost %.0f equals calls per insert ("
                            + String.format(Locale.ROOT, "%.2f", eq / maxN) + " n)").where("n_keys", maxN));
        }
    }

    private static void nonComparableGrowth(Rows rows, ResultBuilder out) {
        Rows constantFills = rows.metric("fill_time").where("subject", CollisionCase.CONSTANT_HASH.id());
        List<Integer> timed = sizesOf(constantFills, CollisionCase.CONSTANT_HASH);
        if (timed.size() >= 2) {
            Stats.Growth g = growth(constantFills, CollisionCase.CONSTANT_HASH);
            String range = timed.get(0) + ".." + timed.get(timed.size() - 1);
            out.finding(Finding.estimate("noncomparable_growth_exponent", g.exponentEstimate(), "exponent", Finding.Basis.TIMING,
                    "The total time to insert n constant-hash keys that are not Comparable grew as n^%.2f (least squares on log-log over every fork at n = "
                            + range + ", R² = " + String.format(Locale.ROOT, "%.3f", g.r2()) + "; 2 is quadratic, 1 linear)")
                    .where("sizes", range));
        }
    }

    private static void comparableCalls(Rows rows, ResultBuilder out) {
        Rows comparable = rows.metric("compareto_per_insert").where("subject", CollisionCase.CONSTANT_HASH_COMPARABLE.id());
        List<Integer> cmpSizes = sizesOf(comparable, CollisionCase.CONSTANT_HASH_COMPARABLE);
        if (!cmpSizes.isEmpty()) {
            int maxN = cmpSizes.get(cmpSizes.size() - 1);
            double v = comparable.where("n_keys", maxN).one().value();
            out.finding(Finding.count("comparable_compares_per_insert_at_max_n", v, "calls",
                    "Inserting " + maxN + " constant-hash Comparable keys into a HashMap cost %.1f compareTo calls per insert (log2 n = "
                            + String.format(Locale.ROOT, "%.1f", Math.log(maxN) / Math.log(2)) + ")").where("n_keys", maxN));
        }
    }

    private static void treeBins(Rows rows, ResultBuilder out) {
        Rows trees = rows.metric("tree_bins");
        List<Integer> treeSizes = sizesOf(trees, CollisionCase.COLLIDING_STRING);
        if (!treeSizes.isEmpty()) {
            int maxN = treeSizes.get(treeSizes.size() - 1);
            Rows at = rows.where("subject", CollisionCase.COLLIDING_STRING.id()).where("n_keys", maxN);
            StringBuilder others = new StringBuilder();
            for (CollisionCase c : List.of(CollisionCase.RANDOM_STRING, CollisionCase.CONSTANT_HASH, CollisionCase.DISTINCT_HASH)) {
                trees.where("subject", c.id()).where("n_keys", maxN).first().ifPresent(r ->
                        others.append(others.length() == 0 ? "" : ", ").append(c.id()).append(": ").append(String.format(Locale.ROOT, "%.0f", r.value())));
            }
            out.finding(Finding.count("tree_bins", at.metric("tree_bins").one().value(), "count",
                    "A HashMap holding " + maxN + " colliding Strings had %.0f tree bin(s); its longest bin held "
                            + String.format(Locale.ROOT, "%.0f", value(at, "max_bin_length")) + " keys"
                            + (others.length() == 0 ? "" : " (tree bins for " + others + ")")).where("n_keys", maxN));
        }
    }

    /** The seeded content hash should make colliding Strings cost what random ones do: a ±10% equivalence margin. */
    static final double SEEDED_MARGIN = 0.10;

    /**
     * The time ratio of case {@code a} to case {@code b} at the largest n both were timed at, paired by
     * round and widened for {@code looks} sequential looks; {@code margin}: its equivalence margin ({@link Finding#NO_MARGIN} for none).
     */
    private static void ratio(Rows rows, ResultBuilder out, String id, CollisionCase a, CollisionCase b, String aLabel, String bLabel, double margin, int looks) {
        Rows fills = rows.metric("fill_time");
        Set<Integer> common = new LinkedHashSet<>(sizesOf(fills, a));
        common.retainAll(sizesOf(fills, b));
        if (common.isEmpty()) return;
        int n = new TreeSet<>(common).last();
        Measured ma = fills.where("subject", a.id()).where("n_keys", n).one().measured();
        Measured mb = fills.where("subject", b.id()).where("n_keys", n).one().measured();
        out.finding(Finding.timeRatio(id, String.format(Locale.ROOT, aLabel, n), bLabel, ma.ratioTo(mb, looks), margin).where("n_keys", n));
    }

    /**
     * Per peer library: equals calls per insert of the colliding Strings at the largest counted
     * n (a count) and, when timed, colliding against random Strings in that library's map (a
     * time ratio paired by round) and, when its colliding fill was timed at two or more sizes, the
     * growth exponent of that fill (quadratic: every insert scans the earlier keys with equals).
     * Ids {@code <library>_colliding_equals_per_insert}, {@code colliding_vs_random_string_<library>}
     * and {@code <library>_colliding_growth_exponent}.
     */
    /** "an Agrona Object2ObjectHashMap", "a fastutil ...": a peer case's map with its article. */
    private static String mapOf(CollisionCase c) {
        String map = c.label().replaceFirst("^[^,]*, ", "");
        return ("aeiouAEIOU".indexOf(map.charAt(0)) >= 0 ? "an " : "a ") + map;
    }

    private static void peerFindings(Rows rows, int looks, ResultBuilder out) {
        out.inGroup("peers", () -> {
            for (CollisionCase colliding : CollisionCase.values()) {
                if (!colliding.isPeer() || colliding.kind() != maplab.workload.KeyKind.COLLIDING_STRING) continue;
                String lib = colliding.library();
                CollisionCase random = CollisionCase.parse("random_string_" + lib);
                Rows eq = rows.metric("equals_per_insert").where("subject", colliding.id());
                List<Integer> ns = sizesOf(eq, colliding);
                if (!ns.isEmpty()) {
                    int maxN = ns.get(ns.size() - 1);
                    out.attempt(lib + "_colliding_equals_per_insert", () -> out.finding(Finding.count(lib + "_colliding_equals_per_insert",
                            eq.where("n_keys", maxN).one().value(), "calls", "Inserting " + maxN + " colliding Strings into " + mapOf(colliding) + " cost %.0f equals calls per insert (counted)").where("n_keys", maxN)));
                }
                out.attempt("colliding_vs_random_string_" + lib, () -> ratio(rows, out, "colliding_vs_random_string_" + lib, colliding, random,
                        "Inserting %d colliding Strings into " + mapOf(colliding), "random Strings of the same length", Finding.NO_MARGIN, looks));
                Rows fills = rows.metric("fill_time").where("subject", colliding.id());
                List<Integer> timed = sizesOf(fills, colliding);
                if (timed.size() >= 2) {
                    out.attempt(lib + "_colliding_growth_exponent", () -> {
                        Stats.Growth g = growth(fills, colliding);
                        String range = timed.get(0) + ".." + timed.get(timed.size() - 1);
                        out.finding(Finding.estimate(lib + "_colliding_growth_exponent", g.exponentEstimate(), "exponent", Finding.Basis.TIMING,
                                "The time to fill " + mapOf(colliding) + " with n colliding Strings grew as n^%.2f"
                                        + " (least squares on log-log over every fork at n = " + range + ", R² = " + String.format(Locale.ROOT, "%.3f", g.r2())
                                        + "; 2 is quadratic, 1 linear)").where("sizes", range));
                    });
                }
            }
        });
    }
}
