package maplab.experiments.syncvariants;

import maplab.conclude.ChartData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import maplab.chart.Charts;
import maplab.conclude.Finding;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.subject.concurrent.SharedMapType;
import maplab.experiments.syncvariants.SyncVariantsConclude.Slice;
import static maplab.experiments.syncvariants.SyncVariants.PERCENTILES;
import static maplab.experiments.syncvariants.SyncVariantsConclude.cells;
import static maplab.experiments.syncvariants.SyncVariantsConclude.ints;
import static maplab.experiments.syncvariants.SyncVariantsLatencyConclude.conditionsText;
import static maplab.experiments.syncvariants.SyncVariantsLatencyConclude.one;
import static maplab.experiments.syncvariants.SyncVariantsPlan.cells;

/** sync-variants' charts: throughput against threads, latency against percentile, blocked time. */
final class SyncVariantsCharts {

    private SyncVariantsCharts() { }

    /** Latency against percentile (x: p50, p90, p99, p99.9, p99.99 at even steps), one line per subject, log y (the tail spans decades). */
    static void latencyChart(ResultBuilder out, Rows lat, int read) {
        if (lat.isEmpty()) return;
        Rows.Row any = lat.list().get(0);
        ChartData.Builder chart = ChartData.lines("Latency per operation, " + read + "% reads (" + conditionsText(any) + "; mean over forks, "
                + Finding.confidenceLabel() + " CI)", "percentile", "latency (" + any.str("unit") + ", log axis)");
        chart.logY(true);
        List<String> names = new ArrayList<>(PERCENTILES.keySet());
        for (int i = 0; i < names.size(); i++) chart.xTickLabel(i + 1, names.get(i));
        for (SharedMapType t : SharedMapType.values()) {
            List<Integer> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            List<Double> e = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                Optional<Rows.Row> r = one(lat.where("subject", t.id()).where("percentile", names.get(i)));
                if (r.isEmpty() || !(r.get().value() > 0)) continue;
                x.add(i + 1);
                y.add(r.get().value());
                e.add(r.get().error());
            }
            if (!x.isEmpty()) chart.series(t.label(), x, y, e);
        }
        if (!chart.isEmpty()) out.chart("latency percentiles, " + read + "% reads", chart);
    }

    /** Blocked ms per second per subject (bars, log axis when every bar is above zero and they span more than two decades). */
    static void blockedChart(ResultBuilder out, Rows bps, int read) {
        if (bps.isEmpty()) return;
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        for (SharedMapType t : SharedMapType.values()) {
            Optional<Rows.Row> r = one(bps.where("subject", t.id()));
            if (r.isEmpty()) continue;
            names.add(t.label());
            values.add(r.get().value());
            errors.add(r.get().error());
        }
        if (names.isEmpty()) return;   // no subject with one row at this read share: nothing to draw (XChart refuses an empty series)
        Rows.Row any = bps.list().get(0);
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        // above two decades a log axis; XChart draws bars from zero, which a log axis cannot show, so then points
        boolean log = min > 0 && max / min > 100;
        ChartData.Builder chart = ChartData.bars("Time blocked, " + read + "% reads (" + conditionsText(any) + "; JFR waits over "
                + any.str("threshold_us") + " us; " + Finding.confidenceLabel() + " CI over forks)", "subject",
                "blocked (ms per s, summed over threads" + (log ? ", log axis)" : ")"));
        chart.logY(log);
        if (log) chart.markerSize(10);
        chart.bars("blocked", names, values, errors, log ? ChartData.Mark.POINTS : ChartData.Mark.BARS);
        out.chart("blocked time, " + read + "% reads", chart);
    }

    /** The chart name for a read share: plain for the headline slice, with the slice otherwise. */
    public static String chartName(int readPct, int nKeys, String popularity, boolean headline) {
        return "throughput, " + readPct + "% reads" + (headline ? "" : ", " + nKeys + " keys, " + popularity);
    }

    /** Throughput against threads, one chart per read share and slice, one line per subject, error bars from the rows. */
    static void charts(ResultBuilder out, Rows throughput, Slice headline) {
        List<Integer> reads = ints(throughput, "read_pct").stream().sorted(Comparator.reverseOrder()).toList();
        for (int read : reads) {
            for (int keys : ints(throughput, "n_keys").stream().sorted(Comparator.reverseOrder()).toList()) {
                for (String pop : throughput.distinct("popularity")) {
                    Slice s = new Slice(keys, pop);
                    Rows here = cells(throughput, read, s);
                    if (here.isEmpty()) continue;
                    String unit = here.list().get(0).str("unit");
                    // error bars: the rows' intervals over forks; a run stored without samples has only JMH's own error
                    boolean overForks = here.list().stream().noneMatch(r -> r.samples().isEmpty());
                    ChartData.Builder chart = ChartData.lines("Throughput, " + read + "% reads (" + keys + " keys, " + pop + "; "
                            + (overForks ? Finding.confidenceLabel() + " CI over forks)" : "stored JMH error)"),
                            "threads", "throughput (" + unit + ")");
                    for (long threads : here.list().stream().map(r -> r.integer("threads")).distinct().toList()) {
                        chart.xTickLabel(threads, String.valueOf(threads));   // whole thread counts only
                    }
                    for (SharedMapType t : SharedMapType.values()) {
                        List<Rows.Row> line = here.where("subject", t.id()).list().stream()
                                .sorted(Comparator.comparingLong(r -> r.integer("threads"))).toList();
                        if (line.isEmpty()) continue;
                        chart.series(t.label(), line.stream().map(r -> r.integer("threads")).toList(),
                                line.stream().map(Rows.Row::value).toList(), line.stream().map(Rows.Row::error).toList());
                    }
                    out.chart(chartName(read, keys, pop, s.equals(headline)), chart);
                }
            }
        }
    }
}
