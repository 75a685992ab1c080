package maplab.experiments.gc;

import maplab.conclude.ChartData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import maplab.chart.Charts;
import maplab.measure.GcPauses.Collector;
import maplab.conclude.Finding;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.stats.Estimates;
import maplab.stats.Estimates.Estimate;
import maplab.stats.Stats;
import maplab.subject.putget.PutGetMapKind;
import maplab.measure.ChurnKeys;
import maplab.experiments.gc.GcPauseConclude.CellKey;
import maplab.experiments.gc.GcPauseConclude.PerJvm;
import static maplab.experiments.gc.Gc.DEFAULT;
import static maplab.experiments.gc.Gc.HISTOGRAM_BINS;
import static maplab.experiments.gc.Gc.PRESIZED;
import static maplab.experiments.gc.GcPauseConclude.label;

/** gc's charts: bytes and time per operation, collections per JVM, the pauses' distributions. */
final class GcCharts {

    private GcCharts() { }

    static void allocationChart(Rows alloc, long n, ResultBuilder out) {
        List<String> subjects = alloc.distinct("subject");
        List<String> ops = alloc.distinct("operation");
        ChartData.Builder chart = ChartData.bars("Bytes allocated per operation (JMH -prof gc, " + n + " keys; error bars: "
                + Finding.confidenceLabel() + " interval over forks)", "operation", "allocated (B/op)");
        for (String id : subjects) {
            List<Double> values = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            for (String op : ops) {
                Estimate e = alloc.where("subject", id).where("operation", op).first().map(GcConclude::bytes).orElse(Estimate.exact(Double.NaN));
                values.add(e.value());
                errors.add(e.hasInterval() ? e.halfWidth() : 0.0);
            }
            chart.bars(PutGetMapKind.parse(id).label(), ops, values, errors);
        }
        out.chart("allocation", chart);
    }

    /** Collections per JVM for every cell, mean over JVMs with its interval as error bars. */
    static void collectionsChart(ResultBuilder out, Map<CellKey, PerJvm> cells) {
        ChartData.Builder chart = ChartData.bars("Collections per JVM (fixed work; error bars: " + Finding.confidenceLabel() + " interval over JVMs)",
                "collector, keys (default-sized map unless presized)", "collections per JVM");
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        for (var e : cells.entrySet()) {
            if (e.getValue().collections().isEmpty()) continue;
            Estimate m = Estimates.mean(e.getValue().collections());
            labels.add(e.getKey().shortLabel());
            values.add(m.value());
            errors.add(m.hasInterval() ? m.halfWidth() : 0.0);
        }
        chart.bars("collections per JVM (mean)", labels, values, errors);
        out.chart("collections per JVM", chart);
    }

    /** Every pause of every JVM per collector (default-sized map of ints), sorted: pause against percentile, log axis; descriptive. */
    static void pauseDistributionChart(ResultBuilder out, Map<CellKey, PerJvm> cells) {
        ChartData.Builder chart = ChartData.logY("Pauses per collector (every JVM pooled; descriptive)",
                "percentile of pauses (%)", "pause (ms, log axis)");
        boolean any = false;
        for (var e : cells.entrySet()) {
            CellKey k = e.getKey();
            List<Double> pauses = e.getValue().pauses().stream().filter(x -> x > 0).sorted().toList();
            if (!k.variant().equals(DEFAULT.id()) || !k.keys().equals(ChurnKeys.INT.id()) || pauses.isEmpty()) continue;
            List<Double> x = new ArrayList<>();
            for (int i = 0; i < pauses.size(); i++) x.add(pauses.size() == 1 ? 100.0 : 100.0 * i / (pauses.size() - 1));
            chart.series(k.collector().label() + " (" + pauses.size() + " pauses)", x, pauses, null);
            any = true;
        }
        if (any) out.chart("pause distribution per collector", chart);
    }

    static ChartData.Builder histogram(Collector gc, List<Double> dflt, List<Double> pre) {
        double hi = 0;
        for (double x : dflt) hi = Math.max(hi, x);
        for (double x : pre) hi = Math.max(hi, x);
        double[] edges = Stats.binEdges(0, hi, HISTOGRAM_BINS);
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < HISTOGRAM_BINS; i++) labels.add(String.format(Locale.ROOT, "%.1f-%.1f", edges[i], edges[i + 1]));
        ChartData.Builder chart = ChartData.bars("GC pause durations (" + gc.label() + "), every pause of every JVM (descriptive)", "pause (ms)", "pauses (count)");
        chart.bars(label(DEFAULT), labels, toList(Stats.histogram(toArray(dflt), edges)), null);
        chart.bars(label(PRESIZED), labels, toList(Stats.histogram(toArray(pre), edges)), null);
        return chart;
    }

    static ChartData.Builder perJvmChart(Collector gc, PerJvm dflt, PerJvm pre) {
        ChartData.Builder chart = ChartData.bars("Total GC pause time per JVM (" + gc.label() + "), by round", "round (one JVM of each variant)", "total pause (ms)");
        Set<Integer> jvms = new java.util.TreeSet<>(dflt.total().keySet());
        jvms.addAll(pre.total().keySet());
        List<String> labels = jvms.stream().map(String::valueOf).toList();
        chart.bars(label(DEFAULT), labels, jvms.stream().map(j -> dflt.total().getOrDefault(j, Double.NaN)).toList(), null);
        chart.bars(label(PRESIZED), labels, jvms.stream().map(j -> pre.total().getOrDefault(j, Double.NaN)).toList(), null);
        return chart;
    }

    private static List<Long> toList(long[] counts) {
        List<Long> out = new ArrayList<>();
        for (long c : counts) out.add(c);
        return out;
    }

    private static double[] toArray(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
