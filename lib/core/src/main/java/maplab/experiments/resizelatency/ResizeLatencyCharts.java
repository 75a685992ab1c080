package maplab.experiments.resizelatency;

import maplab.conclude.ChartData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import maplab.chart.Charts;
import maplab.measure.PutLatency;
import maplab.conclude.Finding;
import maplab.measure.Rows;
import maplab.stats.Estimates.Estimate;
import maplab.stats.Stats;
import maplab.subject.growth.GrowingMap;
import maplab.experiments.resizelatency.ResizeLatency.Cell;
import static maplab.experiments.resizelatency.ResizeLatency.MIN_RESIZE_SLOTS;
import static maplab.experiments.resizelatency.ResizeLatency.PERCENTILE_STATS;
import static maplab.experiments.resizelatency.ResizeLatencyConclude.cell;

/** resize-latency's charts: latency against percentile, latency per operation, each resize's put. */
final class ResizeLatencyCharts {

    private ResizeLatencyCharts() { }

    /** Latency against percentile (log x as 1/(1-p), log y), one line per cell, error bars over JVMs; max plotted at 1/(1-p) = puts per JVM. */
    static ChartData.Builder percentileChart(Rows latency, List<Cell> cells, String n) {
        ChartData.Builder chart = ChartData.percentiles("Put latency by percentile while filling " + n + " keys (HdrHistogram; error bars: "
                + Finding.confidenceLabel() + " interval over JVMs; last point: max)", "put latency (ns)");
        for (Cell c : cells) {
            Rows mine = cell(latency, c.subject(), c.writers());
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            List<Double> errs = new ArrayList<>();
            for (String stat : PERCENTILE_STATS) {
                mine.where("stat", stat).first().ifPresent(r -> {
                    xs.add(ChartData.percentileAxis(PutLatency.percentileOf(stat)));
                    ys.add(r.value());
                    errs.add(r.error());
                });
            }
            mine.where("stat", "max").first().ifPresent(r -> {
                xs.add(Double.parseDouble(n));
                ys.add(r.value());
                errs.add(r.error());
            });
            if (!xs.isEmpty()) chart.series(c.label(), xs, ys, errs);
        }
        return chart;
    }

    /**
     * The longest put in each run of operations against the run's first operation index, the
     * median over JVMs (a resize happens at the same operation in every JVM, a descheduled thread
     * at random ones, so the median keeps resize spikes and drops most of the machine's noise).
     */
    static ChartData.Builder operationChart(Rows bucketMax, List<Cell> cells, String n) {
        // one small panel per subject: the noisy lines of several subjects hide each other in one plot
        ChartData.Builder chart = ChartData.smallMultiples("Longest put per " + bucketMax.distinct("bucket").size() + "th of the fill against operation index (median over JVMs)",
                "operation index (puts so far, of " + n + ")", "longest put in the run (ns)");
        chart.logY(true);
        chart.markerSize(0);
        for (Cell c : cells) {
            Rows mine = cell(bucketMax, c.subject(), c.writers());
            if (mine.isEmpty()) continue;
            List<Long> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (Rows.Row r : mine) {
                xs.add(r.integer("first_op"));
                ys.add(Math.max(1, medianOverJvms(r)));
            }
            chart.series(c.label(), xs, ys, null);
        }
        return chart;
    }

    static double medianOverJvms(Rows.Row r) {
        if (r.samples().isEmpty()) return r.value();
        return Stats.median(r.measured().forkMeans().values().stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Each resize's put (the put during which the table length changed) against its operation index, mean over JVMs, log-log. */
    static ChartData.Builder resizeChart(Rows resizes, List<Cell> cells, String n) {
        ChartData.Builder chart = ChartData.logLog("The put that resized the table, against operation index (" + n + " keys; mean over JVMs, bars: min to max)",
                "operation index of the resizing put", "latency of that put (ns)");
        for (Cell c : cells) {
            Rows mine = cell(resizes, c.subject(), c.writers());
            if (mine.isEmpty() || c.writers() > 1) continue;   // several writers: each resize is seen by one of them, at varying indices
            List<Long> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            List<Double> errs = new ArrayList<>();
            for (String after : mine.distinct("table_after")) {
                Rows one = mine.where("table_after", after);
                double[] v = one.list().stream().mapToDouble(Rows.Row::value).toArray();
                xs.add(one.list().stream().mapToLong(r -> r.integer("op_index")).min().orElseThrow() + 1);
                double mean = Stats.mean(v);
                ys.add(mean);
                errs.add((Arrays.stream(v).max().orElse(mean) - Arrays.stream(v).min().orElse(mean)) / 2);
            }
            chart.series(c.label(), xs, ys, errs);
        }
        return chart;
    }

    /**
     * Per JVM, the median over its resizes to at least {@link ResizeLatency#MIN_RESIZE_SLOTS} slots of the
     * resizing put's latency divided by the new table's length. A resize's work grows with the
     * table, so per slot the resizes of one fill are comparable, and the median over them ignores
     * the one or two resizing puts that a loaded machine happened to deschedule (a single put's
     * latency includes whatever the operating system did meanwhile). One writer only.
     */
    static Map<Integer, Double> resizeNsPerSlot(Rows resizes, GrowingMap subject) {
        Map<Integer, List<Double>> perJvm = new java.util.TreeMap<>();
        for (Rows.Row r : cell(resizes, subject, 1)) {
            long after = r.integer("table_after");
            if (after < MIN_RESIZE_SLOTS) continue;
            perJvm.computeIfAbsent((int) r.integer("jvm"), k -> new ArrayList<>()).add(r.value() / after);
        }
        Map<Integer, Double> out = new java.util.TreeMap<>();
        perJvm.forEach((jvm, v) -> out.put(jvm, Stats.median(v.stream().mapToDouble(Double::doubleValue).toArray())));
        return out;
    }

    /** An estimate in ns as us. */
    static Estimate micros(Estimate ns) {
        return new Estimate(ns.value() / 1e3, ns.low() / 1e3, ns.high() / 1e3, ns.n());
    }

    /** "p99_9" as "p99.9". */
    static String statLabel(String stat) {
        return stat.replace('_', '.').toLowerCase(Locale.ROOT);
    }
}
