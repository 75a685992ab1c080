package maplab.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import maplab.chart.Charts;
import maplab.conclude.ChartData;
import maplab.conclude.ChartData.Mark;
import maplab.conclude.ChartData.Series;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws {@link ChartData}: the one place chart data becomes an XChart chart, in maplab's look
 * ({@link Charts}: palette, markers, fitted titles and ticks, error bars that stop at zero,
 * panels for a single x value or many lines), and from there a PNG or an SVG.
 */
public final class ChartDrawing {

    /** An interval that excludes the point of no difference. */
    private static final Color DETECTED = new Color(0x1565c0);

    private ChartDrawing() { }

    /** The chart as PNG bytes. */
    public static byte[] png(ChartData data) {
        return Charts.png(xchart(data));
    }

    /** The chart as a base64 PNG, for data URIs and Jupyter's image/png. */
    public static String pngBase64(ChartData data) {
        return Base64.getEncoder().encodeToString(png(data));
    }

    /** The chart as an SVG document. */
    public static String svg(ChartData data) {
        return Charts.svg(xchart(data));
    }

    /** The XChart chart {@code data} is drawn as (a fresh one each call). */
    public static Chart<?, ?> xchart(ChartData data) {
        if (data.isEmpty()) return Charts.noData(data.title());
        return data.shape() == ChartData.Shape.BARS ? bars(data) : lines(data);
    }

    private static XYChart lines(ChartData data) {
        XYChart chart = data.shape() == ChartData.Shape.SMALL_MULTIPLES
                ? Charts.smallMultiples(data.title(), data.xTitle(), data.yTitle())
                : Charts.xy(data.title(), data.xTitle(), data.yTitle());
        chart.getStyler().setXAxisLogarithmic(data.logX());
        axes(chart.getStyler(), data);
        if (data.xMin() != null) chart.getStyler().setXAxisMin(data.xMin());
        if (data.xMax() != null) chart.getStyler().setXAxisMax(data.xMax());
        if (data.markerSize() != null) chart.getStyler().setMarkerSize(data.markerSize());
        if (data.xPattern() != null) chart.getStyler().setXAxisDecimalPattern(data.xPattern());
        if (!data.xTickLabels().isEmpty()) chart.setCustomXAxisTickLabelsFormatter(x -> tickLabel(data.xTickLabels(), x));
        for (Series s : data.series()) line(chart, s);
        return chart;
    }

    private static CategoryChart bars(ChartData data) {
        CategoryChart chart = Charts.bars(data.title(), data.xTitle(), data.yTitle());
        axes(chart.getStyler(), data);
        if (data.markerSize() != null) chart.getStyler().setMarkerSize(data.markerSize());
        for (Series s : data.series()) {
            List<Double> errors = s.errors() == null ? null : Charts.clampErrors(s.y(), s.errors(), data.logY());
            CategorySeries c = chart.addSeries(s.name(), s.categories(), s.y(), errors);
            if (s.mark() == Mark.POINTS) c.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
        }
        return chart;
    }

    /** What both kinds of chart take alike: log y, the lower y bound, the legend, turned x labels. */
    private static void axes(AxesChartStyler styler, ChartData data) {
        styler.setYAxisLogarithmic(data.logY());
        if (data.yMin() != null) styler.setYAxisMin(data.yMin());
        styler.setLegendVisible(data.legend());
        if (data.xLabelAngle() != null) styler.setXAxisLabelRotation(data.xLabelAngle());
    }

    /** Adds {@code s} to {@code chart} drawn as its mark says. */
    private static void line(XYChart chart, Series s) {
        switch (s.mark()) {
            case LINE, BARS -> Charts.series(chart, s.name(), s.x(), s.y(), s.errors());
            case POINTS -> Charts.series(chart, s.name(), s.x(), s.y(), s.errors()).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            case STEPS -> Charts.series(chart, s.name(), s.x(), s.y(), s.errors()).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
            case LOWER_BOUNDS -> {
                XYSeries bounds = Charts.series(chart, s.name(), s.x(), s.y(), s.errors());
                bounds.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                bounds.setMarker(SeriesMarkers.TRIANGLE_UP);
            }
            case INTERVAL, INTERVAL_NO_DIFFERENCE -> {
                XYSeries interval = chart.addSeries(s.name(), s.x(), s.y());
                interval.setMarker(SeriesMarkers.NONE);
                interval.setLineColor(s.mark() == Mark.INTERVAL ? DETECTED : Color.GRAY);
                interval.setLineStyle(new BasicStroke(3f));
            }
            case NEUTRAL_LINE -> {
                XYSeries neutral = chart.addSeries(s.name(), s.x(), s.y());
                neutral.setMarker(SeriesMarkers.NONE);
                neutral.setLineColor(Color.RED);
                neutral.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f));
            }
            case VALUES -> {
                XYSeries values = chart.addSeries(s.name(), s.x(), s.y());
                values.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                values.setMarkerColor(Color.BLACK);
                values.setMarker(SeriesMarkers.CIRCLE);
            }
        }
    }

    /**
     * The label given for the tick at {@code x}; else its number at a whole {@code x}, and none
     * between (XChart keeps narrowing its tick spacing while two ticks have the same label, so
     * only ticks between whole numbers may share the blank one).
     */
    private static String tickLabel(Map<Double, String> labels, double x) {
        for (Map.Entry<Double, String> e : labels.entrySet()) {
            if (Math.abs(e.getKey() - x) < 1e-9) return e.getValue();
        }
        return Math.abs(x - Math.rint(x)) < 1e-9 ? String.valueOf(Math.round(x)) : "";
    }
}
