package maplab.experiments.keyorder;

import maplab.conclude.ChartData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import maplab.chart.Charts;
import maplab.conclude.Finding;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.subject.intmap.IntMapType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import static maplab.experiments.keyorder.KeyOrderExperiment.label;
import static maplab.experiments.keyorder.KeyOrderMeasure.bucketOf;

/** key-order's charts and tables: probe-length and bin-length histograms, probe table, time per key by order. */
final class KeyOrderCharts {

    private KeyOrderCharts() { }

    /** The probe-length charts of ProbeMap's hashes, HashMap's bin lengths and the probe table (counts). */
    static void probeChartsAndTable(Rows rows, int n, ResultBuilder out) {
        List<String> probeSubjects = List.of(IntMapType.PROBEMAP_IDENTITY.id(), IntMapType.PROBEMAP_MIXED.id());
        for (String subject : probeSubjects) {
            Rows inserts = rows.metric("inserts").where("subject", subject);
            if (!inserts.isEmpty()) out.chart("probe lengths " + subject, probeChart(IntMapType.parse(subject), rows, n));
        }
        if (!rows.metric("buckets").isEmpty()) out.chart("hashmap bin lengths", binChart(rows, n));
        if (!rows.metric("insert_probe_mean").isEmpty()) out.table("probe lengths", probeTable(rows));
    }

    static List<String> bucketLabels(int histogramLength) {
        int buckets = bucketOf(Math.max(0, histogramLength - 1)) + 1;
        List<String> labels = new ArrayList<>();
        for (int b = 0; b < buckets; b++) {
            if (b <= 1) labels.add(String.valueOf(b));
            else labels.add((1 << (b - 1)) + "-" + ((1 << b) - 1));
        }
        return labels;
    }

    /** Per order: share of inserts per probe-length bucket, from the stored {@code inserts} rows. */
    private static ChartData.Builder probeChart(IntMapType t, Rows rows, int n) {
        Rows inserts = rows.metric("inserts").where("subject", t.id());
        List<String> labels = List.of();
        for (String order : inserts.distinct("order")) {
            List<String> l = inserts.where("order", order).distinct("probe_length");
            if (l.size() > labels.size()) labels = l;
        }
        ChartData.Builder chart = ChartData.bars(t.label() + ": probe lengths per insert (n = " + n + ")",
                "probe length (slots beyond the home slot)", "share of inserts (%)");
        for (String order : inserts.distinct("order")) {
            Rows byOrder = inserts.where("order", order);
            double total = byOrder.list().stream().mapToDouble(Rows.Row::value).sum();
            Map<String, Double> count = new LinkedHashMap<>();
            for (Rows.Row r : byOrder) count.put(r.str("probe_length"), r.value());
            List<Double> share = labels.stream().map(l -> 100.0 * count.getOrDefault(l, 0.0) / total).toList();
            Optional<Rows.Row> mean = rows.metric("insert_probe_mean").where("subject", t.id()).where("order", order).first();
            Optional<Rows.Row> max = rows.metric("insert_probe_max").where("subject", t.id()).where("order", order).first();
            String series = mean.isPresent() && max.isPresent()   // a run that stopped part way may lack them: the order alone then
                    ? order + String.format(Locale.ROOT, " (mean %.2f, max %d)", mean.get().value(), (long) max.get().value()) : order;
            chart.bars(series, labels, share, null);
        }
        return chart;
    }

    /** HashMap's bin-length histogram per order, from the stored {@code buckets} rows. */
    private static ChartData.Builder binChart(Rows rows, int n) {
        Rows buckets = rows.metric("buckets").where("subject", IntMapType.HASHMAP.id());
        int longest = buckets.list().stream().mapToInt(r -> (int) r.integer("bin_length")).max().orElse(0) + 1;
        List<String> labels = new ArrayList<>();
        for (int l = 0; l < longest; l++) labels.add(String.valueOf(l));
        ChartData.Builder chart = ChartData.bars("HashMap<Integer,Integer>: bin lengths (n = " + n + ")",
                "bin length (entries in the bucket)", "buckets (count)");
        for (String order : buckets.distinct("order")) {
            Double[] h = new Double[longest];
            Arrays.fill(h, 0.0);
            for (Rows.Row r : buckets.where("order", order)) h[(int) r.integer("bin_length")] = r.value();
            long trees = rows.metric("tree_bins").where("subject", IntMapType.HASHMAP.id()).where("order", order).first()
                    .map(r -> (long) r.value()).orElse(0L);
            chart.bars(order + " (tree bins " + trees + ")", labels, Arrays.asList(h), null);
        }
        return chart;
    }

    /** Mean and longest probe per insert and per lookup, resizes: one line per subject and order. */
    private static Table probeTable(Rows rows) {
        StringColumn subject = StringColumn.create("subject");
        StringColumn order = StringColumn.create("order");
        DoubleColumn insertMean = DoubleColumn.create("insert_probe_mean");
        DoubleColumn insertMax = DoubleColumn.create("insert_probe_max");
        DoubleColumn lookupMean = DoubleColumn.create("lookup_probe_mean");
        DoubleColumn lookupMax = DoubleColumn.create("lookup_probe_max");
        DoubleColumn resizes = DoubleColumn.create("resizes");
        for (Rows.Row r : rows.metric("insert_probe_mean")) {
            Rows same = rows.where("subject", r.str("subject")).where("order", r.str("order"));
            subject.append(r.str("subject"));
            order.append(r.str("order"));
            insertMean.append(r.value());
            insertMax.append(valueOf(same, "insert_probe_max"));
            lookupMean.append(valueOf(same, "lookup_probe_mean"));
            lookupMax.append(valueOf(same, "lookup_probe_max"));
            resizes.append(valueOf(same, "resizes"));
        }
        return Table.create("probe lengths", subject, order, insertMean, insertMax, lookupMean, lookupMax, resizes);
    }

    private static double valueOf(Rows rows, String metric) {
        return rows.metric(metric).first().map(Rows.Row::value).orElse(Double.NaN);
    }

    /** Time per key by order, one series per subject, error bars the rows' 99% intervals over forks. */
    static ChartData.Builder timeChart(String what, Rows times, int n) {
        ChartData.Builder chart = ChartData.bars(what + " (n = " + n + ", " + Finding.confidenceLabel() + " intervals over forks)",
                "insertion order", "time (ns per key)");
        List<String> orders = times.distinct("order");
        for (String subject : times.distinct("subject")) {
            Rows bySubject = times.where("subject", subject);
            List<Double> values = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            for (String o : orders) {
                Rows.Row r = bySubject.where("order", o).first().orElse(null);
                values.add(r == null ? 0.0 : r.value());
                errors.add(r == null || Double.isNaN(r.error()) ? 0.0 : r.error());
            }
            chart.bars(label(subject), orders, values, errors);
        }
        return chart;
    }
}
