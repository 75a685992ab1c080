package maplab.experiments.collisions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import maplab.run.RunData;
import maplab.conclude.Finding;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.stats.Stats;
import maplab.subject.collision.CollisionCase;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import static maplab.experiments.collisions.CollisionsCharts.timeCharts;
import static maplab.experiments.collisions.CollisionsFindings.findings;

/**
 * collisions' conclusions ({@link Collisions#conclude}) from the stored rows: the user key findings,
 * the operations table and the growth fits; the other findings are {@link CollisionsFindings}'.
 */
final class CollisionsConclude {

    private CollisionsConclude() { }

    static void conclude(RunData data, ResultBuilder out) {
        Rows rows = data.rows();
        out.table("operations", operationsTable(rows));
        Rows fills = rows.metric("fill_time");
        timeCharts(fills, out);
        findings(rows, data.params().getEffort("insert").looks(), out);
    }

    /**
     * For each user key type: {@code tree_bins_user_<name>} (tree bins of a HashMap of its keys at the
     * largest size, longest bin in the sentence). For each user hash:
     * {@code probe_mean_colliding_string_user_<name>} (mean probe per insert of the colliding Strings
     * at the largest size, the random Strings' in the sentence). Counts, exact for the seed.
     */
    static void userFindings(Rows rows, ResultBuilder out) {
        for (String user : rows.distinct("subject")) {
            if (!maplab.subject.user.UserSubject.isUserId(user)) continue;
            Rows mine = rows.where("subject", user);
            String label = maplab.subject.user.UserSubject.label(user);
            String name = maplab.subject.user.UserSubject.findingName(user);
            Rows trees = mine.metric("tree_bins");
            if (!trees.isEmpty()) {
                int maxN = trees.distinct("n_keys").stream().mapToInt(Integer::parseInt).max().orElseThrow();
                double longest = mine.metric("max_bin_length").where("n_keys", maxN).one().value();
                out.finding(Finding.count("tree_bins_" + name, trees.where("n_keys", maxN).one().value(), "count",
                        "A HashMap of " + maxN + " of your keys (" + label + ") had %.0f tree bins; its longest bin held "
                                + (long) longest + " entries (counted)").where("n_keys", maxN));
            }
            Rows probes = mine.metric("mean_probe_per_insert");
            if (!probes.isEmpty()) {
                int maxN = probes.distinct("n_keys").stream().mapToInt(Integer::parseInt).max().orElseThrow();
                Rows colliding = probes.where("n_keys", maxN).where("key_kind", "colliding_string");
                Rows random = probes.where("n_keys", maxN).where("key_kind", "random_string");
                if (colliding.isEmpty() || random.isEmpty()) continue;
                out.finding(Finding.count("probe_mean_colliding_string_" + name, colliding.one().value(), "probes",
                        "With " + label + " as ProbeMap's hash of hashCode(), inserting " + maxN + " Strings that share one String.hashCode took %.1f"
                                + String.format(Locale.ROOT, " probes per insert beyond the home slot, against %.2f for random Strings", random.one().value())
                                + " (counted; a hash of hashCode() cannot separate keys whose hashCode is equal)").where("n_keys", maxN));
            }
        }
    }

    /** The sizes a metric was measured at for one case, ascending. */
    static List<Integer> sizesOf(Rows rows, CollisionCase c) {
        TreeSet<Integer> ns = new TreeSet<>();
        for (Rows.Row r : rows.where("subject", c.id())) ns.add((int) r.integer("n_keys"));
        return new ArrayList<>(ns);
    }

    private static Table operationsTable(Rows rows) {
        StringColumn subject = StringColumn.create("case");
        IntColumn n = IntColumn.create("n_keys");
        DoubleColumn equals = DoubleColumn.create("equals per insert");
        DoubleColumn compare = DoubleColumn.create("compareTo per insert");
        DoubleColumn hash = DoubleColumn.create("hashCode per insert");
        DoubleColumn trees = DoubleColumn.create("tree bins");
        DoubleColumn maxBin = DoubleColumn.create("longest bin");
        DoubleColumn probe = DoubleColumn.create("mean probe per insert");
        for (CollisionCase c : CollisionCase.values()) {
            Rows ofCase = rows.where("subject", c.id());
            for (int size : sizesOf(ofCase.metric("equals_per_insert"), c)) {
                Rows at = ofCase.where("n_keys", size);
                subject.append(c.label());
                n.append(size);
                equals.append(value(at, "equals_per_insert"));
                compare.append(value(at, "compareto_per_insert"));
                hash.append(value(at, "hashcode_per_insert"));
                trees.append(value(at, "tree_bins"));
                maxBin.append(value(at, "max_bin_length"));
                probe.append(value(at, "mean_probe_per_insert"));
            }
        }
        return Table.create("operations", subject, n, equals, compare, hash, trees, maxBin, probe);
    }

    static double value(Rows at, String metric) {
        return at.metric(metric).first().map(Rows.Row::value).orElse(Double.NaN);
    }

    /**
     * The power law of total fill time against n for case {@code c}, fitted on log-log axes to
     * every fork mean (each fork a point; a stored run without samples gives one point per n), so
     * the exponent's interval reflects fork-to-fork variation as well as the fit.
     */
    static Stats.Growth growth(Rows fills, CollisionCase c) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (Rows.Row r : fills.where("subject", c.id())) {
            double n = r.integer("n_keys");
            Map<Integer, Double> forks = r.measured().forkMeans();
            if (forks.isEmpty()) {
                xs.add(n);
                ys.add(r.value());
            } else {
                for (double y : forks.values()) {
                    xs.add(n);
                    ys.add(y);
                }
            }
        }
        return Stats.growth(xs.stream().mapToDouble(Double::doubleValue).toArray(), ys.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
