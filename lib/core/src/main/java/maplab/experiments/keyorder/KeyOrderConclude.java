package maplab.experiments.keyorder;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import maplab.run.RunData;
import maplab.conclude.Finding;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.subject.intmap.IntMapType;
import maplab.subject.user.UserSubject;
import maplab.workload.KeyOrder;
import static maplab.experiments.keyorder.KeyOrderCharts.probeChartsAndTable;
import static maplab.experiments.keyorder.KeyOrderCharts.timeChart;
import static maplab.experiments.keyorder.KeyOrderExperiment.findingName;
import static maplab.experiments.keyorder.KeyOrderExperiment.label;
import static maplab.experiments.keyorder.KeyOrderMeasure.binHistograms;

/**
 * key-order's conclusions ({@link KeyOrderExperiment#conclude}) from the stored rows: probe lengths,
 * HashMap's bins, the random-vs-ascending time ratios and the user subjects' comparisons.
 */
final class KeyOrderConclude {

    private KeyOrderConclude() { }

    static void conclude(RunData data, ResultBuilder out) {
        Rows rows = data.rows();
        int n = data.params().getInt("n");
        probeChartsAndTable(rows, n, out);
        probeFindings(rows, n, out);
        binFindings(rows, n, out);
        timingFindings(rows, n, data.params().getEffort(KeyOrderExperiment.PART).looks(), out);
    }

    /**
     * {@code probe_mean_<order>_<hash>}, the user hashes' and {@code probe_max_chunked_identity}:
     * ProbeMap's probes per insert (counted).
     */
    private static void probeFindings(Rows rows, int n, ResultBuilder out) {
        for (String[] f : PROBE_FINDINGS) {
            out.attempt("probe_mean_" + f[0] + "_" + f[1], () -> {
                Rows mean = rows.metric("insert_probe_mean").where("subject", "probemap_" + f[1]).where("order", f[0]);
                if (mean.isEmpty()) return;
                Rows.Row max = rows.metric("insert_probe_max").where("subject", "probemap_" + f[1]).where("order", f[0]).one();
                out.finding(Finding.count("probe_mean_" + f[0] + "_" + f[1], mean.one().value(), "probes",
                        "With the " + f[1] + " hash, inserting " + n + " keys in " + f[0] + " order into a growing ProbeMap took %.3f probes"
                                + " per insert beyond the home slot (longest: " + (long) max.value() + "; counted, exact for this seed)").where("n_keys", n));
            });
        }
        out.inGroup("user_subjects", () -> userHashProbeFindings(rows, n, out));
        out.attempt("probe_max_chunked_identity", () -> {
            Rows chunkedMax = rows.metric("insert_probe_max").where("subject", IntMapType.PROBEMAP_IDENTITY.id()).where("order", "chunked");
            Rows ascendingMax = rows.metric("insert_probe_max").where("subject", IntMapType.PROBEMAP_IDENTITY.id()).where("order", "ascending");
            if (!chunkedMax.isEmpty() && !ascendingMax.isEmpty()) {
                out.finding(Finding.count("probe_max_chunked_identity", chunkedMax.one().value(), "probes",
                        "With the identity hash, the longest insert in chunked order (runs of " + KeyOrder.CHUNK + " keys, runs shuffled) probed %.0f"
                                + " slots beyond its home slot, against " + (long) ascendingMax.one().value() + " in ascending order (counted)").where("n_keys", n));
            }
        });
    }

    /** HashMap's bins: tree bins under strided keys, and bin lengths that do not depend on the order (counted). */
    private static void binFindings(Rows rows, int n, ResultBuilder out) {
        out.attempt("hashmap_tree_bins_strided", () -> {
            Rows stridedTrees = rows.metric("tree_bins").where("subject", IntMapType.HASHMAP.id()).where("order", "strided");
            if (!stridedTrees.isEmpty()) {
                long longest = (long) rows.metric("max_bin_length").where("subject", IntMapType.HASHMAP.id()).where("order", "strided").one().value();
                out.finding(Finding.count("hashmap_tree_bins_strided", stridedTrees.one().value(), "count",
                        "Strided keys (multiples of " + KeyOrder.STRIDE + ") piled up in HashMap bins of up to " + longest
                                + " entries, and %.0f bins became red-black trees (counted)").where("n_keys", n));
            }
        });
        out.attempt("hashmap_bins_same_for_every_order", () -> {
            Map<String, List<String>> histograms = binHistograms(rows);
            histograms.remove("strided");
            if (histograms.size() >= 2) {
                boolean same = histograms.values().stream().distinct().count() == 1;
                out.finding(Finding.count("hashmap_bins_same_for_every_order", same ? 1 : 0, "boolean", same
                        ? "HashMap's bin lengths were identical for every order of the keys 0..n-1 (" + String.join(", ", histograms.keySet())
                                + "): its structure does not depend on insertion order (counted)"
                        : "HashMap's bin lengths differed between orders of the same keys (" + String.join(", ", histograms.keySet()) + ", counted)")
                        .where("n_keys", n));
            }
        });

    }

    /**
     * Time charts and the ratios of random to ascending order per subject, paired by round (JMH);
     * {@code looks}: how often a sequential effort looked at each ratio (its Bonferroni divisor).
     */
    private static void timingFindings(Rows rows, int n, int looks, ResultBuilder out) {
        out.groups("peers", "user_subjects");
        for (String method : List.of("iterate", "lookup")) {
            Rows times = rows.metric(method + "_time");
            if (times.isEmpty()) continue;
            out.chart(method.equals("iterate") ? "iteration time" : "lookup time", timeChart(method.equals("iterate")
                    ? "Full iteration per key" : "Lookup per key, in insertion order", times, n));
            for (String subject : times.distinct("subject")) {
                out.attempt(ratioId(method, subject), () -> {
                    Rows random = times.where("subject", subject).where("order", "random");
                    Rows ascending = times.where("subject", subject).where("order", "ascending");
                    if (random.isEmpty() || ascending.isEmpty()) return;
                    String label = label(subject);
                    String gc = gcOf(random.one());
                    String a = method.equals("iterate") ? "Iterating a " + label + " filled in random order"
                            : "Looking up every key of a " + label + " filled and read in random order";
                    String b = method.equals("iterate") ? "one filled in ascending order" : "one filled and read in ascending order";
                    out.finding(Finding.timeRatio(ratioId(method, subject), a, b, random.one().measured().ratioTo(ascending.one().measured(), looks),
                                    equivalenceMargin(ratioId(method, subject)))
                            .where("n_keys", n).where("gc", gc).inGroup(isPeer(subject) ? "peers" : UserSubject.isUserId(subject) ? "user_subjects" : ""));
                });
            }
            out.inGroup("user_subjects", () -> userComparisons(method, times, n, looks, out));
        }
    }

    /**
     * For each user hash counted (rows of a {@code user:} subject with probe counts), per order:
     * {@code probe_mean_<order>_<user>} (probes per insert beyond the home slot, exact for the seed),
     * with the mixed hash's mean in the same order in the sentence when it was counted.
     */
    private static void userHashProbeFindings(Rows rows, int n, ResultBuilder out) {
        Rows means = rows.metric("insert_probe_mean");
        for (String subject : means.distinct("subject")) {
            if (!UserSubject.isUserId(subject)) continue;
            for (String order : means.where("subject", subject).distinct("order")) {
                out.attempt("probe_mean_" + order + "_" + UserSubject.findingName(subject), () -> {
                    Rows.Row max = rows.metric("insert_probe_max").where("subject", subject).where("order", order).one();
                    Rows mixed = means.where("subject", IntMapType.PROBEMAP_MIXED.id()).where("order", order);
                    String against = mixed.isEmpty() ? "" : String.format(java.util.Locale.ROOT, "; the mixed hash: %.3f", mixed.one().value());
                    out.finding(Finding.count("probe_mean_" + order + "_" + UserSubject.findingName(subject), means.where("subject", subject).where("order", order).one().value(),
                            "probes", "With " + UserSubject.label(subject) + " as ProbeMap's hash, inserting " + n + " keys in " + order
                                    + " order took %.3f probes per insert beyond the home slot (longest: " + (long) max.value() + against
                                    + "; counted, exact for this seed)").where("n_keys", n));
                });
            }
        }
    }

    /**
     * Each user subject against every built-in subject timed beside it, per order:
     * {@code <method>_<order>_<user>_vs_<subject>} (time ratio, paired by round).
     */
    private static void userComparisons(String method, Rows times, int n, int looks, ResultBuilder out) {
        List<String> subjects = times.distinct("subject");
        for (String user : subjects) {
            if (!UserSubject.isUserId(user)) continue;
            for (String other : subjects) {
                if (other.equals(user) || (UserSubject.isUserId(other) && other.compareTo(user) < 0)) continue;   // each pair of user subjects once
                for (String order : times.distinct("order")) {
                    String id = userComparisonId(method, order, user, other);
                    out.attempt(id, () -> {
                        Rows mine = times.where("subject", user).where("order", order);
                        Rows theirs = times.where("subject", other).where("order", order);
                        if (mine.isEmpty() || theirs.isEmpty()) return;
                        String what = method.equals("iterate") ? "Iterating " : "Looking up every key of ";
                        out.finding(Finding.timeRatio(id, what + "a " + label(user) + " filled in " + order + " order", "a " + label(other),
                                mine.one().measured().ratioTo(theirs.one().measured(), looks))
                                .where("n_keys", n).where("order", order).where("gc", gcOf(mine.one())));
                    });
                }
            }
        }
    }

    /** {@code <method>_<order>_<user>_vs_<subject>}: a user subject's time against another subject's in one order. */
    static String userComparisonId(String method, String order, String user, String other) {
        return method + "_" + order + "_" + UserSubject.findingName(user) + "_vs_" + findingName(other);
    }

    /** The probe-length findings of the built-in ProbeMaps: {order, hash}, id {@code probe_mean_<order>_<hash>}. */
    static final String[][] PROBE_FINDINGS = {{"ascending", "identity"}, {"random", "identity"}, {"ascending", "mixed"}, {"random", "mixed"},
            {"chunked", "identity"}, {"strided", "identity"}, {"descending", "identity"}};

    /**
     * The random-vs-ascending ratios whose point is "no difference expected" (the key order does
     * not change where these maps put keys, or iteration walks the table whatever the order):
     * they declare a ±10% equivalence margin.
     */
    static final Set<String> NO_DIFFERENCE_EXPECTED = Set.of("iterate_random_vs_ascending_probemap_identity",
            "iterate_random_vs_ascending_probemap_mixed", "iterate_random_vs_ascending_fastutil",
            "lookup_random_vs_ascending_probemap_mixed", "lookup_random_vs_ascending_fastutil");

    /** The equivalence margin of a random-vs-ascending ratio: 0.10 for those expected not to differ, else none ({@link Finding#NO_MARGIN}). */
    static double equivalenceMargin(String ratioId) {
        return NO_DIFFERENCE_EXPECTED.contains(ratioId) ? 0.10 : Finding.NO_MARGIN;
    }

    /** The id of a random-vs-ascending time ratio for a subject id (built-in or user). */
    /** Whether {@code subject} is a peer library's map (not HashMap, ProbeMap or a user's). */
    static boolean isPeer(String subject) {
        if (UserSubject.isUserId(subject)) return false;
        IntMapType t = IntMapType.parse(subject);
        return t != IntMapType.HASHMAP && !t.id().startsWith("probemap");
    }

    static String ratioId(String method, String subject) {
        if (UserSubject.isUserId(subject)) return method + "_random_vs_ascending_" + UserSubject.findingName(subject);
        return ratioId(method, IntMapType.parse(subject));
    }

    /** The id of a random-vs-ascending time ratio: HashMap's carry the ids of the contract, other subjects a suffix. */
    static String ratioId(String method, IntMapType t) {
        if (t == IntMapType.HASHMAP) return method.equals("iterate") ? "hashmap_iterate_random_vs_ascending" : "lookup_random_vs_ascending";
        return method + "_random_vs_ascending_" + t.id();
    }

    /**
     * The collector the timed forks ran with: the {@code gc} column; runs made before it existed
     * ran with maplab's default fork arguments, which pinned ParallelGC.
     */
    static String gcOf(Rows.Row row) {
        return row.has("gc") ? row.str("gc") : "parallel";
    }
}
