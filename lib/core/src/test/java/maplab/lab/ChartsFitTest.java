package maplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import maplab.chart.Charts;
import maplab.chart.Figure;
import maplab.experiments.Experiment;
import maplab.plan.Profile;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.AxisTickCalculator;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.chartpart.ChartPart;
import org.knowm.xchart.style.AxesChartStyler;

/**
 * Every chart of every experiment fits its image and its data, measured with the fonts'
 * metrics on a headless image: in quick and full profile (concluded from synthetic rows of the
 * plan's shape, {@link SyntheticCharts}) and for each stored reference (real data). The title
 * is drawn whole, in lines no wider than the image less its margins; axis titles lie inside the
 * image; no two x tick labels overlap; a chart with one x value is not drawn as lines; every
 * point and error bar lies inside an axis range the chart sets; no error bar of a non-negative
 * quantity reaches below zero.
 */
class ChartsFitTest {

    /** Pixels between two neighbouring x tick labels, at least. */
    static final int MIN_GAP = 4;

    static Stream<Arguments> experiments() {
        List<Arguments> out = new ArrayList<>();
        for (Experiment e : Experiments.all()) {
            out.add(Arguments.of(e.id(), "quick"));
            out.add(Arguments.of(e.id(), "full"));
            out.add(Arguments.of(e.id(), "reference"));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("experiments")
    void everyChartFitsItsImageAndItsData(String id, String source, @TempDir Path tmp) throws Exception {
        Map<String, maplab.conclude.ChartData> charts = charts(id, source, tmp);
        assertThat(charts).as("%s draws charts", id).isNotEmpty();
        SoftAssertions soft = new SoftAssertions();
        for (Map.Entry<String, maplab.conclude.ChartData> c : charts.entrySet()) {
            checkChart(soft, id + "/" + c.getKey(), maplab.render.ChartDrawing.xchart(c.getValue()));
        }
        soft.assertAll();
    }

    private static Map<String, maplab.conclude.ChartData> charts(String id, String source, Path tmp) {
        if (!source.equals("reference")) return SyntheticCharts.of(Experiments.byId(id), Profile.parse(source));
        Path ref = Path.of("../../data/reference", id).toAbsolutePath().normalize();
        assertThat(Files.exists(ref.resolve("meta.json"))).as("reference of " + id).isTrue();
        return Experiments.conclude(ref, tmp.resolve("again")).charts();
    }

    static void checkChart(SoftAssertions soft, String name, Chart<?, ?> chart) throws Exception {
        Figure figure = Figure.of(chart);
        checkLines(soft, name + " title", figure.title(), figure.titleLines(), figure.titleFont(), figure.width());
        for (Figure.Panel p : figure.panels()) {
            if (p.caption() != null) {
                checkLines(soft, name + " caption", p.caption(), Figure.wrap(p.caption(), Figure.captionFont(p.chart()), p.chart().getWidth() - 2 * Figure.MARGIN),
                        Figure.captionFont(p.chart()), p.chart().getWidth());
            }
            if (p.chart() instanceof org.knowm.xchart.XYChart xy) {
                soft.assertThat(xy.getSeriesMap().values().stream().flatMapToDouble(s -> java.util.Arrays.stream(s.getXData())).distinct().count())
                        .as("%s: a line chart has more than one x value (else bars)", name).isNotEqualTo(1L);
            }
            checkPanel(soft, name, p.chart());
        }
    }

    /** The lines are each no wider than the image less its margins and give back the whole text. */
    static void checkLines(SoftAssertions soft, String name, String text, List<String> lines, Font font, int width) {
        FontMetrics m = Figure.metrics(font);
        for (String line : lines) {
            soft.assertThat(m.stringWidth(line)).as("%s line '%s' (%s pt) fits %d px", name, line, font.getSize2D(), width)
                    .isLessThanOrEqualTo(width - 2 * Figure.MARGIN);
        }
        soft.assertThat(String.join("", lines).replaceAll("\\s", "")).as("%s is drawn whole", name).isEqualTo(text.replaceAll("\\s", ""));
        soft.assertThat(font.getSize2D()).as("%s font size", name).isGreaterThanOrEqualTo(10f);
    }

    /** Paints the panel as {@link Figure} does, then checks axis titles, x tick labels and the data against its axes. */
    static void checkPanel(SoftAssertions soft, String name, Chart<?, ?> chart) throws Exception {
        if (!(chart.getStyler() instanceof AxesChartStyler axes)) return;
        boolean titleShown = chart.getStyler().isChartTitleVisible();
        int height = chart.getHeight();
        chart.getStyler().setChartTitleVisible(false);
        Runnable restore = Charts.formatAxes(chart);
        try {
            BufferedImage image = new BufferedImage(chart.getWidth(), Figure.panelHeight(chart), BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = image.createGraphics();
            chart.paint(g, chart.getWidth(), image.getHeight());
            g.dispose();
            Rectangle2D plot = ((ChartPart) call(chart, "getPlot")).getBounds();
            checkAxisTitles(soft, name, chart, axes, plot);
            checkXTicks(soft, name, chart, axes);
            checkData(soft, name, chart, axes);
        } finally {
            restore.run();
            chart.getStyler().setChartTitleVisible(titleShown);
            chart.paint(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics(), chart.getWidth(), height);
        }
    }

    private static void checkAxisTitles(SoftAssertions soft, String name, Chart<?, ?> chart, AxesChartStyler axes, Rectangle2D plot) {
        FontMetrics m = Figure.metrics(axes.getAxisTitleFont());
        if (chart.getXAxisTitle() != null && axes.isXAxisTitleVisible()) {
            double w = m.stringWidth(chart.getXAxisTitle());
            double left = plot.getX() + (plot.getWidth() - w) / 2;
            soft.assertThat(left >= 0 && left + w <= chart.getWidth()).as("%s: x axis title '%s' (%.0f px) inside the image", name, chart.getXAxisTitle(), w).isTrue();
        }
        if (chart.getYAxisTitle() != null && axes.isYAxisTitleVisible()) {
            double w = m.stringWidth(chart.getYAxisTitle());
            double top = plot.getY() + (plot.getHeight() - w) / 2;
            soft.assertThat(top >= 0 && top + w <= chart.getHeight()).as("%s: y axis title '%s' (%.0f px) inside the image", name, chart.getYAxisTitle(), w).isTrue();
        }
    }

    /** Neighbouring x tick labels, at their drawn positions and widths (rotated where the axis rotates them), do not overlap. */
    private static void checkXTicks(SoftAssertions soft, String name, Chart<?, ?> chart, AxesChartStyler axes) throws Exception {
        if (!axes.isXAxisTicksVisible()) return;
        AxisTickCalculator ticks = ((org.knowm.xchart.internal.chartpart.Axis<?, ?>) call(chart, "getXAxis")).getAxisTickCalculator();
        FontMetrics m = Figure.metrics(axes.getAxisTickLabelsFont());
        double angle = Math.toRadians(axes.getXAxisLabelRotation());
        List<String> labels = ticks.getTickLabels();
        List<Double> at = ticks.getTickLocations();
        String previous = null;
        double previousAt = 0;
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i) == null || labels.get(i).isEmpty()) continue;
            if (previous != null) {
                double apart = Math.abs(at.get(i) - previousAt);
                double extent = (m.stringWidth(previous) + m.stringWidth(labels.get(i))) / 2.0 * Math.cos(angle) + m.getHeight() * Math.sin(angle);
                boolean clear = apart >= extent + MIN_GAP || angle > 0 && apart * Math.sin(angle) >= m.getHeight();
                soft.assertThat(clear).as("%s: x tick labels '%s' and '%s' %.0f px apart overlap", name, previous, labels.get(i), apart).isTrue();
            }
            previous = labels.get(i);
            previousAt = at.get(i);
        }
    }

    /** Points and error bars inside the y range the chart sets; positive bounds on a log axis; no error bar of a non-negative series below zero. */
    private static void checkData(SoftAssertions soft, String name, Chart<?, ?> chart, AxesChartStyler axes) {
        boolean log = axes.isYAxisLogarithmic();
        for (Map.Entry<String, ?> e : chart.getSeriesMap().entrySet()) {
            double[] y = yData(e.getValue());
            double[] err = errors(e.getValue());
            boolean nonNegative = java.util.Arrays.stream(y).filter(Double::isFinite).allMatch(v -> v >= 0);
            for (int i = 0; i < y.length; i++) {
                if (!Double.isFinite(y[i])) continue;
                double half = err == null || !Double.isFinite(err[i]) ? 0 : err[i];
                String what = String.format("%s series '%s' point %d (%.4g ± %.4g)", name, e.getKey(), i, y[i], half);
                if (axes.getYAxisMin() != null) soft.assertThat(y[i] - half).as("%s above the axis minimum", what).isGreaterThanOrEqualTo(axes.getYAxisMin() - 1e-9 * Math.abs(y[i]));
                if (axes.getYAxisMax() != null) soft.assertThat(y[i] + half).as("%s below the axis maximum", what).isLessThanOrEqualTo(axes.getYAxisMax() + 1e-9 * Math.abs(y[i]));
                if (log) soft.assertThat(y[i] - half).as("%s positive on a log axis", what).isGreaterThan(0);
                else if (nonNegative) soft.assertThat(y[i] - half).as("%s: error bar of a non-negative quantity", what).isGreaterThanOrEqualTo(0);
            }
        }
    }

    private static double[] yData(Object series) {
        if (series instanceof XYSeries s) return s.getYData();
        return ((CategorySeries) series).getYData().stream().mapToDouble(v -> v == null ? Double.NaN : v.doubleValue()).toArray();
    }

    private static double[] errors(Object series) {
        if (series instanceof XYSeries s) return s.getExtraValues();
        var e = ((CategorySeries) series).getExtraValues();
        return e == null ? null : e.stream().mapToDouble(v -> v == null ? Double.NaN : v.doubleValue()).toArray();
    }

    /** A package-private XChart accessor (the drawn plot, the x axis), read after painting. */
    private static Object call(Chart<?, ?> chart, String method) throws Exception {
        Method m = Chart.class.getDeclaredMethod(method);
        m.setAccessible(true);
        return m.invoke(chart);
    }
}
