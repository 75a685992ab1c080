package maplab.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * One look for every maplab chart: a title, axis titles that name the unit, a legend outside
 * the plot, log axes and error bars where they fit. Charts are plain XChart objects, so tests
 * can assert on their series and a notebook can still adjust them.
 */
public final class Charts {

    public static final int WIDTH = 760;
    public static final int HEIGHT = 440;

    private Charts() { }

    /** A line chart; axis titles should carry units, e.g. "n (keys)", "time (ns/op)". */
    public static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setErrorBarsColor(Color.DARK_GRAY);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        return chart;
    }

    /** A line chart with both axes logarithmic (growth against size). */
    public static XYChart logLog(String title, String xTitle, String yTitle) {
        XYChart chart = xy(title, xTitle, yTitle);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        return chart;
    }

    /**
     * A latency-by-percentile chart ("nines" plot): x is {@link #percentileAxis} = 1 / (1 - p) on a
     * log axis, so p90, p99, p99.9... are equally spaced (x = 10, 100, 1000...); y logarithmic.
     * Used for HdrHistogram-style latency distributions.
     */
    public static XYChart percentiles(String title, String yTitle) {
        XYChart chart = xy(title, "percentile as 1/(1-p): 2 = p50, 10 = p90, 100 = p99, 1000 = p99.9, 10^4 = p99.99", yTitle);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        return chart;
    }

    /** A line chart with a logarithmic y axis (values spanning decades, e.g. pause times of different collectors). */
    public static XYChart logY(String title, String xTitle, String yTitle) {
        XYChart chart = xy(title, xTitle, yTitle);
        chart.getStyler().setYAxisLogarithmic(true);
        return chart;
    }

    /** The x position of the {@code percent}-th percentile on a {@link #percentiles} chart: 1 / (1 - percent/100). */
    public static double percentileAxis(double percent) {
        return 1 / (1 - percent / 100);
    }

    /** A bar chart of categories (subjects, orders...). */
    public static CategoryChart bars(String title, String xTitle, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setErrorBarsColor(Color.DARK_GRAY);
        chart.getStyler().setXAxisLabelRotation(20);
        chart.getStyler().setOverlapped(false);
        return chart;
    }

    /** Adds a series with error bars (the same unit as {@code y}; pass null for none). */
    public static XYSeries series(XYChart chart, String name, List<? extends Number> x, List<? extends Number> y,
                                  List<? extends Number> errors) {
        boolean log = chart.getStyler().isYAxisLogarithmic();
        XYSeries s = errors == null ? chart.addSeries(name, x, y) : chart.addSeries(name, x, y, clampErrors(y, errors, log));
        s.setLineStyle(new BasicStroke(2f));
        return s;
    }

    /** Adds a bar series with error bars (pass null for none). */
    public static CategorySeries bars(CategoryChart chart, String name, List<String> categories, List<? extends Number> values,
                                      List<? extends Number> errors) {
        return errors == null ? chart.addSeries(name, categories, values) : chart.addSeries(name, categories, values, clampErrors(values, errors, false));
    }

    /**
     * Error bars that never reach below zero (a time or a throughput cannot be negative; XChart
     * draws symmetric bars, so a half-width larger than the value is cut to the value), nor to
     * zero on a log axis; NaN (no interval) becomes 0.
     */
    public static List<Double> clampErrors(List<? extends Number> values, List<? extends Number> errors, boolean logAxis) {
        if (values.size() != errors.size()) throw new IllegalArgumentException("errors: need one per value, got " + errors.size() + " for " + values.size());
        List<Double> out = new java.util.ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            double v = values.get(i).doubleValue();
            double e = errors.get(i) == null ? 0 : errors.get(i).doubleValue();
            if (!Double.isFinite(e) || e < 0) e = 0;
            if (v >= 0) e = Math.min(e, logAxis ? v * 0.99 : v);
            out.add(e);
        }
        return out;
    }

    /** The chart as PNG bytes. */
    public static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The chart as a base64 PNG, for data URIs and Jupyter's image/png. */
    public static String pngBase64(Chart<?, ?> chart) {
        return Base64.getEncoder().encodeToString(png(chart));
    }

    /** The chart as an SVG document. */
    public static String svg(Chart<?, ?> chart) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void style(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(true);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setLegendBorderColor(Color.LIGHT_GRAY);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setAntiAlias(true);
        styler.setToolTipsEnabled(false);
        if (styler instanceof org.knowm.xchart.style.AxesChartStyler axes) {
            axes.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            axes.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            axes.setPlotGridLinesVisible(true);
        }
    }
}
