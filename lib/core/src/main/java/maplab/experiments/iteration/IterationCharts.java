package maplab.experiments.iteration;

import maplab.conclude.ChartData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import maplab.chart.Charts;
import maplab.conclude.Finding;
import maplab.measure.Rows;
import maplab.subject.iteration.IterationMapKind;
import maplab.subject.iteration.IterationStyle;
import maplab.subject.iteration.MapState;
import maplab.subject.iteration.NodeLayout;
import tech.tablesaw.api.Table;
import maplab.experiments.iteration.IterationProfileConclude.Frame;
import static maplab.experiments.iteration.Iteration.CHART_FRAMES;
import static maplab.experiments.iteration.IterationConclude.ordered;
import static maplab.experiments.iteration.IterationProfileConclude.frames;
import static maplab.experiments.iteration.IterationProfileConclude.shares;

/** iteration's charts: the time ratios, states, styles, node layouts and the hottest frames. */
final class IterationCharts {

    private IterationCharts() { }

    static ChartData.Builder localityChart(Rows times, String collector) {
        List<Rows.Row> rows = ordered(times);
        ChartData.Builder chart = ChartData.bars("Iterating " + rows.get(0).integer("n_keys") + " Integer entries by node layout (JMH, " + collector + ", "
                + Finding.confidenceLabel() + " intervals over forks)", "how the HashMap was built", "time per full iteration (" + rows.get(0).str("unit") + ")");
        chart.yMin(0.0);
        chart.legend(false);
        chart.bars("HashMap", rows.stream().map(r -> NodeLayout.parse(r.str("layout")).label()).toList(),
                rows.stream().map(Rows.Row::value).toList(), rows.stream().map(r -> zeroIfNaN(r.error())).toList());
        return chart;
    }

    /** Self share of the hottest frames: JFR with and without DebugNonSafepoints and async-profiler, side by side. */
    static ChartData.Builder topFramesChart(Rows on, Rows off, Rows async) {
        List<Frame> fOn = frames(on);
        List<Frame> fOff = frames(off);
        List<Frame> fAsync = frames(async);
        List<String> methods = new ArrayList<>();
        for (List<Frame> fs : List.of(fOn, fOff, fAsync)) {
            for (Frame f : fs.subList(0, Math.min(CHART_FRAMES, fs.size()))) if (!methods.contains(f.method())) methods.add(f.method());
        }
        List<String> labels = methods.stream().map(IterationCharts::shortMethod).toList();
        ChartData.Builder chart = ChartData.bars("Where the samples land: self share of the hottest frames (drained-map loop)", "method", "share of samples (self)");
        chart.yMin(0.0);
        chart.xLabelAngle(30);
        addShares(chart, "JFR, DebugNonSafepoints on", fOn, shares(on).samples(), methods, labels);
        if (!fOff.isEmpty()) addShares(chart, "JFR, DebugNonSafepoints off", fOff, shares(off).samples(), methods, labels);
        if (!fAsync.isEmpty()) addShares(chart, "async-profiler, DebugNonSafepoints on", fAsync, shares(async).samples(), methods, labels);
        return chart;
    }

    private static void addShares(ChartData.Builder chart, String name, List<Frame> frames, long samples, List<String> methods, List<String> labels) {
        Map<String, Long> self = new java.util.HashMap<>();
        for (Frame f : frames) self.put(f.method(), f.self());
        chart.bars(name, labels, methods.stream().map(m -> self.getOrDefault(m, 0L) / (double) samples).toList(), null);
    }

    /** {@code java.util.HashMap$HashIterator.nextNode} as {@code HashMap$HashIterator.nextNode}. */
    static String shortMethod(String method) {
        int dot = method.lastIndexOf('.');
        String type = method.substring(0, dot);
        return type.substring(type.lastIndexOf('.') + 1) + method.substring(dot);
    }

    /** The ratios on a log axis; XChart draws error bars wrongly on a log axis, so the intervals are in the "ratios" table. */
    static ChartData.Builder ratioChart(Table ratios, Rows states, Rows styles) {
        String n = states.isEmpty() ? "" : "states: " + states.first().get().integer("n_keys") + " of "
                + states.list().stream().mapToLong(r -> r.integer("n_filled")).max().orElse(0) + " entries left";
        String s = styles.isEmpty() ? "" : "styles: " + styles.first().get().integer("n_keys");
        ChartData.Builder chart = ChartData.bars("Time ratios (" + String.join("; ", List.of(n, s).stream().filter(x -> !x.isEmpty()).toList())
                + "; intervals in the ratios table)", "comparison", "time ratio (x, log scale)");
        chart.logY(true);
        chart.xLabelAngle(45);
        chart.legend(false);
        List<Double> values = ratios.doubleColumn("ratio").asList();
        chart.bars("ratio", ratios.stringColumn("comparison").asList(), values, null);
        logAxisFloor(chart, values.stream().mapToDouble(Double::doubleValue).min().orElse(1));
        return chart;
    }

    static ChartData.Builder statesChart(Rows states) {
        List<String> order = states.distinct("state");
        long k = states.first().get().integer("n_keys");
        // XChart draws error bars wrongly on a logarithmic axis: the intervals are in the tidy table
        ChartData.Builder chart = ChartData.bars(k + " entries, by how the map got them (JMH; intervals in the table)", "state",
                "time per full iteration (" + states.first().get().str("unit") + ", log scale)");
        chart.logY(true);
        double min = Double.POSITIVE_INFINITY;
        for (String kind : states.distinct("subject")) {
            Rows byKind = states.where("subject", kind);
            List<String> present = order.stream().filter(st -> !byKind.where("state", st).isEmpty()).toList();
            List<Double> values = present.stream().map(st -> byKind.where("state", st).one().value()).toList();
            min = Math.min(min, values.stream().mapToDouble(Double::doubleValue).min().orElse(min));
            chart.bars(IterationMapKind.parse(kind).label(), present.stream().map(st -> MapState.parse(st).label()).toList(), values, null);
        }
        logAxisFloor(chart, Double.isFinite(min) ? min : 1);
        return chart;
    }

    static ChartData.Builder stylesChart(Rows styles) {
        List<String> order = styles.distinct("style");
        ChartData.Builder chart = ChartData.bars("Iterating " + styles.first().get().integer("n_keys") + " entries by style (JMH, "
                + Finding.confidenceLabel() + " intervals over forks)", "style", "time per full iteration (" + styles.first().get().str("unit") + ")");
        chart.yMin(0.0);
        for (String kind : styles.distinct("subject")) {
            Rows byKind = styles.where("subject", kind);
            List<String> present = order.stream().filter(st -> !byKind.where("style", st).isEmpty()).toList();
            chart.bars(IterationMapKind.parse(kind).label(), present.stream().map(st -> IterationStyle.parse(st).label()).toList(),
                    present.stream().map(st -> byKind.where("style", st).one().value()).toList(),
                    present.stream().map(st -> zeroIfNaN(byKind.where("style", st).one().error())).toList());
        }
        return chart;
    }

    /** Bars on a log axis need an explicit floor (XChart anchors bars at zero): the power of ten below {@code min}. */
    private static void logAxisFloor(ChartData.Builder chart, double min) {
        chart.yMin(Math.pow(10, Math.floor(Math.log10(min))));
    }

    private static double zeroIfNaN(double d) {
        return Double.isNaN(d) ? 0 : d;
    }
}
