package maplab.experiments.merge;

import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import maplab.chart.Charts;
import maplab.conclude.Finding;
import maplab.subject.merge.ReinsertTarget;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import maplab.experiments.Sweeps;
import maplab.experiments.merge.MergeTrapConclude.TrapPoint;

/** merge's trap charts: time and longest probe against n, lower bounds apart. */
final class MergeCharts {

    private MergeCharts() { }

    private static List<ReinsertTarget> variantsOf(List<TrapPoint> points) {
        return points.stream().map(TrapPoint::variant).distinct().toList();
    }

    static XYChart timeChart(List<TrapPoint> points, long budgetMs) {
        XYChart chart = Charts.logLog("Slot-order re-insert: time (budget " + budgetMs + " ms)", "n (keys)",
                "time (ms; JMH single shots, " + Finding.confidenceLabel() + " interval over forks)");
        for (ReinsertTarget v : variantsOf(points)) {
            List<TrapPoint> ps = points.stream().filter(p -> p.variant() == v).toList();
            seriesWithLowerBounds(chart, v.label(), ps, TrapPoint::overBudget, TrapPoint::ms, p -> Sweeps.logSafeError(p.ms(), p.errorMs()));
        }
        return chart;
    }

    static XYChart probeChart(List<TrapPoint> points) {
        String title = "Slot-order re-insert: longest probe";
        List<TrapPoint> counted = points.stream().filter(p -> !Double.isNaN(p.maxProbe())).toList();
        XYChart chart = counted.stream().allMatch(p -> p.maxProbe() > 0)
                ? Charts.logLog(title, "n (keys)", "max probe (slots; counted in process)")
                : Charts.xy(title, "n (keys)", "max probe (slots; counted in process)");
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
    private static void seriesWithLowerBounds(XYChart chart, String label, List<TrapPoint> ps, Predicate<TrapPoint> lowerBound,
                                              ToDoubleFunction<TrapPoint> y, ToDoubleFunction<TrapPoint> error) {
        List<TrapPoint> exact = ps.stream().filter(lowerBound.negate()).toList();
        List<TrapPoint> bounds = ps.stream().filter(lowerBound).toList();
        if (!exact.isEmpty()) {
            Charts.series(chart, label, exact.stream().map(TrapPoint::n).toList(), exact.stream().map(y::applyAsDouble).toList(),
                    error == null ? null : exact.stream().map(error::applyAsDouble).toList());
        }
        if (!bounds.isEmpty()) {
            XYSeries s = Charts.series(chart, label + ": at least (budget ran out)", bounds.stream().map(TrapPoint::n).toList(),
                    bounds.stream().map(y::applyAsDouble).toList(), null);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.TRIANGLE_UP);
        }
    }
}
