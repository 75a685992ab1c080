package maplab.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.Base64;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One look for every maplab chart: a title, axis titles that name the unit, a legend outside
 * the plot, log axes and error bars where they fit. Results hold plain chart data
 * ({@code maplab.conclude.ChartData}) that {@code maplab.render.ChartDrawing} draws through
 * this class; a notebook can also build its own XChart chart here and have it shown the same way.
 *
 * <p>Readability is decided here, in one place every chart goes through: a palette of clearly
 * distinct colours (Okabe-Ito, safe for colour-blind readers) each with its own marker
 * ({@link #style}); a {@link Figure} per image whose title wraps instead of being cut; the
 * panels a chart is drawn as ({@link #panels}: bars for a single x value, small multiples,
 * at most {@link #MAX_LINES} lines per panel); tick labels and axis titles that fit
 * ({@link #formatAxes}); error bars that never reach below zero ({@link #clampErrors}).
 */
public final class Charts {

    public static final int WIDTH = 760;
    public static final int HEIGHT = 440;

    /** Lines per panel: an XY chart with more series is split into stacked panels of at most this many. */
    public static final int MAX_LINES = 6;

    /**
     * Okabe-Ito's colour-blind-safe palette (without its yellow, too pale on white), plus a
     * dark grey and a wine red: eight colours no two of which are easily confused.
     */
    public static final Color[] PALETTE = {
            new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
            new Color(0xE69F00), new Color(0x56B4E9), new Color(0x333333), new Color(0x882255)};

    /** One marker shape per palette colour, so series differ in print and for colour-blind readers too. */
    public static final org.knowm.xchart.style.markers.Marker[] MARKERS = {
            SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP,
            SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS, SeriesMarkers.OVAL};

    private Charts() { }

    /** A line chart; axis titles should carry units, e.g. "n (keys)", "time (ns/op)". */
    public static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        styleXy(chart);
        return chart;
    }

    /**
     * A line chart drawn as small multiples ({@link SmallMultiples}): one small panel per series,
     * for series that would hide each other in one plot (dense, noisy lines of several subjects).
     */
    public static XYChart smallMultiples(String title, String xTitle, String yTitle) {
        XYChart chart = new SmallMultiples(WIDTH, HEIGHT);
        chart.setTitle(title);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        styleXy(chart);
        return chart;
    }

    private static void styleXy(XYChart chart) {
        style(chart.getStyler());
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setErrorBarsColor(Color.DARK_GRAY);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    }

    /** A line chart with both axes logarithmic (growth against size). */
    public static XYChart logLog(String title, String xTitle, String yTitle) {
        XYChart chart = xy(title, xTitle, yTitle);
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

    /** A small chart that says, in its title, that there is nothing to draw (shown where a chart was left out). */
    public static XYChart noData(String title) {
        XYChart chart = xy(title, "", "");
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setAxisTicksVisible(false);
        chart.getStyler().setPlotGridLinesVisible(false);
        XYSeries s = chart.addSeries(" ", new double[] {0, 1}, new double[] {0, 0});
        s.setLineColor(new Color(0, 0, 0, 0));
        s.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        return chart;
    }

    /** Adds a series with error bars (the same unit as {@code y}; pass null for none). */
    public static XYSeries series(XYChart chart, String name, List<? extends Number> x, List<? extends Number> y,
                                  List<? extends Number> errors) {
        if (y.isEmpty() || x.isEmpty()) {   // no data: a series the chart does not hold (a chart left with none is left out of the result)
            return new XYSeries(name, new double[0], new double[0], null, org.knowm.xchart.internal.series.Series.DataType.Number);
        }
        boolean log = chart.getStyler().isYAxisLogarithmic();
        XYSeries s = errors == null ? chart.addSeries(name, x, y) : chart.addSeries(name, x, y, clampErrors(y, errors, log));
        s.setLineStyle(new BasicStroke(2f));
        return s;
    }

    /** Adds a bar series with error bars (pass null for none). */
    public static CategorySeries bars(CategoryChart chart, String name, List<String> categories, List<? extends Number> values,
                                      List<? extends Number> errors) {
        if (values.isEmpty() || categories.isEmpty()) return new CategorySeries(name, List.of(), List.of(), null, org.knowm.xchart.internal.series.Series.DataType.String);
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

    /** The chart as PNG bytes: its {@link Figure} (title wrapped to fit, {@link #panels}, axes formatted by {@link #formatAxes}). */
    public static byte[] png(Chart<?, ?> chart) {
        return Figure.of(chart).png();
    }

    /**
     * The panels {@code chart} is drawn as, one look per shape of data:
     * <ul>
     * <li>an XY chart whose series all sit at one x value (one thread count, say) as grouped bars,
     *     one per series ({@link #singleXAsBars}): a line through one x is a vertical pile of points;</li>
     * <li>{@link SmallMultiples} as one small panel per series, on the same axes ranges;</li>
     * <li>an XY chart with more than {@link #MAX_LINES} series as stacked panels of at most that
     *     many lines each, the series shared out evenly in order, on the same axes ranges;</li>
     * <li>any other chart as itself.</li>
     * </ul>
     * The chart itself is never changed.
     */
    public static List<Chart<?, ?>> panels(Chart<?, ?> chart) {
        if (!(chart instanceof XYChart xy) || xy.getSeriesMap().isEmpty()) return List.of(chart);
        if (singleX(xy)) return List.of(singleXAsBars(xy));
        List<XYSeries> all = new java.util.ArrayList<>(xy.getSeriesMap().values());
        if (xy instanceof SmallMultiples && all.size() > 1) {
            List<Chart<?, ?>> out = new java.util.ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                XYChart panel = panel(xy, all, List.of(all.get(i)), chart.getWidth() / SmallMultiples.COLUMNS, SmallMultiples.PANEL_HEIGHT);
                panel.setTitle(all.get(i).getName());
                panel.getStyler().setLegendVisible(false);
                panel.getStyler().setSeriesColors(new java.awt.Color[] {PALETTE[i % PALETTE.length]});
                panel.getStyler().setSeriesMarkers(new org.knowm.xchart.style.markers.Marker[] {MARKERS[i % MARKERS.length]});
                out.add(panel);
            }
            return out;
        }
        if (all.size() <= MAX_LINES) return List.of(chart);
        int count = (all.size() + MAX_LINES - 1) / MAX_LINES;
        int per = (all.size() + count - 1) / count;
        List<Chart<?, ?>> out = new java.util.ArrayList<>();
        for (int p = 0; p < count; p++) {
            out.add(panel(xy, all, all.subList(p * per, Math.min(all.size(), (p + 1) * per)), chart.getWidth(), chart.getHeight()));
        }
        return out;
    }

    /** A panel of {@code xy} holding {@code mine} of its series {@code all}, on the axes ranges of all of them. */
    private static XYChart panel(XYChart xy, List<XYSeries> all, List<XYSeries> mine, int width, int height) {
        XYChart panel = new XYChartBuilder().width(width).height(height).title(xy.getTitle())
                .xAxisTitle(xy.getXAxisTitle()).yAxisTitle(xy.getYAxisTitle()).build();
        styleXy(panel);
        copyStyle(xy.getStyler(), panel.getStyler());
        double[] xRange = range(all, true);
        double[] yRange = range(all, false);
        if (!panel.getStyler().isXAxisLogarithmic() || xRange[0] > 0) panel.getStyler().setXAxisMin(xRange[0]).setXAxisMax(xRange[1]);
        if (!panel.getStyler().isYAxisLogarithmic()) panel.getStyler().setYAxisMin(yRange[0]).setYAxisMax(yRange[1]);
        else if (yRange[0] > 0) {
            double[] bounds = AxisFormat.decadeBounds(yRange[0], Math.max(yRange[1], yRange[0] * 1.0001));
            panel.getStyler().setYAxisMin(bounds[0]).setYAxisMax(bounds[1]);
        }
        for (XYSeries s : mine) {
            XYSeries c = panel.addSeries(s.getName(), s.getXData(), s.getYData(), s.getExtraValues());
            c.setXYSeriesRenderStyle(s.getXYSeriesRenderStyle());
            if (s.getLineStyle() != null) c.setLineStyle(s.getLineStyle());
        }
        return panel;
    }

    /** True when every series of {@code xy} has one point and all of them the same x: nothing to draw a line along. */
    static boolean singleX(XYChart xy) {
        Double x = null;
        for (XYSeries s : xy.getSeriesMap().values()) {
            if (s.getXData().length != 1) return false;
            if (x != null && x != s.getXData()[0]) return false;
            x = s.getXData()[0];
        }
        return x != null;
    }

    /**
     * An XY chart whose series all sit at one x value drawn as grouped bars: one category (that x,
     * under the x axis title) with one bar per series, its error bar kept; points instead of bars
     * on a logarithmic y axis (a bar has no bottom there).
     */
    static CategoryChart singleXAsBars(XYChart xy) {
        CategoryChart bars = bars(xy.getTitle(), xy.getXAxisTitle(), xy.getYAxisTitle());
        bars.getStyler().setXAxisLabelRotation(0);
        bars.getStyler().setYAxisLogarithmic(xy.getStyler().isYAxisLogarithmic());
        bars.getStyler().setYAxisMin(xy.getStyler().getYAxisMin()).setYAxisMax(xy.getStyler().getYAxisMax());
        if (xy.getStyler().isYAxisLogarithmic()) bars.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
        String category = AxisFormat.compact(List.of(xy.getSeriesMap().values().iterator().next().getXData()[0])).apply(
                xy.getSeriesMap().values().iterator().next().getXData()[0]);
        for (XYSeries s : xy.getSeriesMap().values()) {
            double[] e = s.getExtraValues();
            bars.addSeries(s.getName(), List.of(category), List.of(s.getYData()[0]), e == null ? null : List.of(e[0]));
        }
        return bars;
    }

    private static void copyStyle(org.knowm.xchart.style.XYStyler from, org.knowm.xchart.style.XYStyler to) {
        to.setXAxisLogarithmic(from.isXAxisLogarithmic());
        to.setYAxisLogarithmic(from.isYAxisLogarithmic());
        to.setMarkerSize(from.getMarkerSize());
        to.setDefaultSeriesRenderStyle(from.getDefaultSeriesRenderStyle());
        to.setXAxisDecimalPattern(from.getXAxisDecimalPattern());
        to.setYAxisDecimalPattern(from.getYAxisDecimalPattern());
        to.setLegendPosition(from.getLegendPosition());
    }

    /** The smallest and largest finite x (or y) value of {@code series}, including error bars on y. */
    private static double[] range(List<XYSeries> series, boolean x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (XYSeries s : series) {
            double[] v = x ? s.getXData() : s.getYData();
            double[] e = x ? null : s.getExtraValues();
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i])) continue;
                double err = e == null || i >= e.length || !Double.isFinite(e[i]) ? 0 : e[i];
                lo = Math.min(lo, v[i] - err);
                hi = Math.max(hi, v[i] + err);
            }
        }
        return Double.isFinite(lo) ? new double[] {lo, hi} : new double[] {0, 1};
    }

    /**
     * Formats the axes for drawing ({@link AxisFormat}): compact tick labels on linear axes
     * ({@code 150k}, {@code 1.05M}), one pattern per logarithmic axis, at least two labelled
     * decades on a logarithmic y axis, axis titles shrunk where they would not fit. A pattern,
     * label function or bound a notebook set itself is kept. Returns what undoes it, so a chart
     * that gets more data later is formatted afresh.
     */
    public static Runnable formatAxes(Chart<?, ?> chart) {
        return AxisFormat.apply(chart);
    }

    /**
     * One {@link java.text.DecimalFormat} pattern for an axis over {@code values}: grouped
     * integers ({@code 1,000 10,000}) when the ticks are whole numbers, as many optional
     * decimals as the smallest tick needs otherwise, and scientific notation for the whole
     * axis when plain digits would get too long (below 1e-5 or from 1e9 on).
     */
    public static String axisPattern(List<Double> values, boolean logarithmic) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double minPositive = Double.POSITIVE_INFINITY;
        for (double v : values) {
            if (!Double.isFinite(v)) continue;
            min = Math.min(min, v);
            max = Math.max(max, v);
            if (Math.abs(v) > 0) minPositive = Math.min(minPositive, Math.abs(v));
        }
        if (!Double.isFinite(min)) return "#,##0.###";
        double largest = Math.max(Math.abs(min), Math.abs(max));
        // the finest tick: a decade below the smallest value on a log axis, about a tenth of the span on a linear one
        double step = logarithmic ? minPositive : (max > min ? (max - min) / 10 : Math.max(largest, 1e-300) / 10);
        if (logarithmic && largest / minPositive > 1e6 || largest >= 1e9 || step < 1e-5) return "0.##E0";
        int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step));
        return decimals == 0 ? "#,##0" : "#,##0." + "#".repeat(Math.min(decimals, 6));
    }

    /** The chart as a base64 PNG, for data URIs and Jupyter's image/png. */
    public static String pngBase64(Chart<?, ?> chart) {
        return Base64.getEncoder().encodeToString(png(chart));
    }

    /** The chart as an SVG document: the same {@link Figure} as {@link #png}. */
    public static String svg(Chart<?, ?> chart) {
        return Figure.of(chart).svg();
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
        styler.setSeriesColors(PALETTE);
        styler.setSeriesMarkers(MARKERS);
        if (styler instanceof org.knowm.xchart.style.AxesChartStyler axes) {
            axes.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            axes.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            axes.setPlotGridLinesVisible(true);
        }
    }
}
