package maplab.experiments.merge;

import maplab.conclude.ChartData;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import maplab.chart.Charts;
import maplab.conclude.Finding;
import maplab.measure.Rows;
import maplab.subject.merge.FillOrder;
import maplab.subject.merge.MergeStrategy;
import maplab.subject.merge.ReinsertTarget;
import maplab.experiments.Sweeps;
import maplab.experiments.merge.MergeTrapConclude.TrapPoint;

/** merge's charts: the JDK strategies, the fills, and the trap's time and longest probe against n (lower bounds apart). */
final class MergeCharts {

    private MergeCharts() { }

    /** The JDK strategies' merge times with their intervals over forks. */
    static ChartData.Builder jdkChart(Rows jdk) {
        Rows.Row first = jdk.list().get(0);
        String n = first.str("n_keys");
        String overlap = first.str("overlap_pct");
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        for (Rows.Row r : jdk) {
            labels.add(MergeStrategy.parse(r.str("subject")).label());
            values.add(r.value());
            errors.add(r.error());
        }
        ChartData.Builder chart = ChartData.bars("Merging two HashMaps, n = " + n + ", " + overlap + "% shared (JMH, " + Finding.confidenceLabel() + " interval over forks)",
                "strategy", "time (" + first.str("unit") + ")");
        chart.yMin(0.0);
        chart.bars("merge time", labels, values, errors);
        return chart;
    }

    /** The JDK strategies' bytes allocated per merge (JMH's gc profiler), in MB, with their intervals over forks. */
    static ChartData.Builder jdkAllocChart(Rows alloc) {
        Rows.Row first = alloc.list().get(0);
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        for (Rows.Row r : alloc) {
            labels.add(MergeStrategy.parse(r.str("subject")).label());
            values.add(r.value() / 1e6);
            errors.add(r.error() / 1e6);
        }
        ChartData.Builder chart = ChartData.bars("Bytes allocated per merge, n = " + first.str("n_keys") + ", " + first.str("overlap_pct")
                + "% shared (JMH -prof gc, " + Finding.confidenceLabel() + " interval over forks)", "strategy", "allocation (MB per merge)");
        chart.yMin(0.0);
        chart.bars("allocation", labels, values, errors);
        return chart;
    }

    /** One part's fills ("fastutil" or "peer"): per collection its time in each fill order. */
    static ChartData.Builder fillChart(Rows fill, String part) {
        String n = fill.list().get(0).str("n_keys");
        List<String> subjects = fill.distinct("subject");
        String what = part.equals("fastutil") ? "fastutil" : "peer libraries";
        ChartData.Builder chart = ChartData.bars("Filling open-hash collections (" + what + "), n = " + n + " (JMH single shots, "
                + Finding.confidenceLabel() + " interval over forks)", "collection", "time (" + fill.list().get(0).str("unit") + ")");
        chart.yMin(0.0);
        List<String> labels = subjects.stream().map(MergeConclude::fillLabel).toList();
        for (FillOrder o : FillOrder.values()) {
            Rows byOrder = fill.where("order", o.id());
            if (byOrder.size() != subjects.size() || byOrder.distinct("subject").size() != subjects.size()) continue;
            chart.bars(o.label(), labels,
                    subjects.stream().map(s -> byOrder.where("subject", s).one().value()).toList(),
                    subjects.stream().map(s -> byOrder.where("subject", s).one().error()).toList());
        }
        return chart;
    }

    private static List<ReinsertTarget> variantsOf(List<TrapPoint> points) {
        return points.stream().map(TrapPoint::variant).distinct().toList();
    }

    static ChartData.Builder timeChart(List<TrapPoint> points, long budgetMs) {
        ChartData.Builder chart = ChartData.logLog("Slot-order re-insert: time (budget " + budgetMs + " ms)", "n (keys)",
                "time (ms; JMH single shots, " + Finding.confidenceLabel() + " interval over forks)");
        for (ReinsertTarget v : variantsOf(points)) {
            List<TrapPoint> ps = points.stream().filter(p -> p.variant() == v).toList();
            seriesWithLowerBounds(chart, v.label(), ps, TrapPoint::overBudget, TrapPoint::ms, p -> Sweeps.logSafeError(p.ms(), p.errorMs()));
        }
        return chart;
    }

    static ChartData.Builder probeChart(List<TrapPoint> points) {
        String title = "Slot-order re-insert: longest probe";
        List<TrapPoint> counted = points.stream().filter(p -> !Double.isNaN(p.maxProbe())).toList();
        ChartData.Builder chart = counted.stream().allMatch(p -> p.maxProbe() > 0)
                ? ChartData.logLog(title, "n (keys)", "max probe (slots; counted in process)")
                : ChartData.lines(title, "n (keys)", "max probe (slots; counted in process)");
        for (ReinsertTarget v : variantsOf(counted)) {
            List<TrapPoint> ps = counted.stream().filter(p -> p.variant() == v).toList();
            seriesWithLowerBounds(chart, v.label(), ps, TrapPoint::countCut, TrapPoint::maxProbe, null);
        }
        return chart;
    }

    /**
     * One line of the exact points (with error bars when {@code error} is given) and, apart,
     * the points that are only lower bounds as up-pointing triangles labelled "at least".
     */
    private static void seriesWithLowerBounds(ChartData.Builder chart, String label, List<TrapPoint> ps, Predicate<TrapPoint> lowerBound,
                                              ToDoubleFunction<TrapPoint> y, ToDoubleFunction<TrapPoint> error) {
        List<TrapPoint> exact = ps.stream().filter(lowerBound.negate()).toList();
        List<TrapPoint> bounds = ps.stream().filter(lowerBound).toList();
        if (!exact.isEmpty()) {
            chart.series(label, exact.stream().map(TrapPoint::n).toList(), exact.stream().map(y::applyAsDouble).toList(),
                    error == null ? null : exact.stream().map(error::applyAsDouble).toList());
        }
        if (!bounds.isEmpty()) {
            chart.series(label + ": at least (budget ran out)", bounds.stream().map(TrapPoint::n).toList(),
                    bounds.stream().map(y::applyAsDouble).toList(), null, ChartData.Mark.LOWER_BOUNDS);
        }
    }
}
