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
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One look for every maplab chart: a title, axis titles that name the unit, a legend outside
 * the plot, log axes and error bars where they fit. Charts are plain XChart objects, so tests
 * can assert on their series and a notebook can still adjust them.
 *
 * <p>Readability is decided here, in one place every chart goes through: a palette of clearly
 * distinct colours (Okabe-Ito, safe for colour-blind readers) each with its own marker
 * ({@link #style}); at most {@link #MAX_LINES} lines per panel, a chart with more is drawn as
 * stacked panels in one image ({@link #png}); one number format per axis, chosen from the
 * data when the image is made ({@link #formatAxes}).
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

    /**
     * The chart as PNG bytes: axes formatted ({@link #formatAxes}), and an XY chart with more
     * than {@link #MAX_LINES} series drawn as stacked panels of at most that many lines each.
     */
    public static byte[] png(Chart<?, ?> chart) {
        try {
            List<Chart<?, ?>> panels = panels(chart);
            if (panels.size() == 1) {
                Runnable restore = formatAxes(chart);
                try {
                    return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
                } finally {
                    restore.run();
                }
            }
            java.awt.image.BufferedImage all = new java.awt.image.BufferedImage(chart.getWidth(),
                    panels.stream().mapToInt(Chart::getHeight).sum(), java.awt.image.BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = all.createGraphics();
            int y = 0;
            for (Chart<?, ?> p : panels) {
                formatAxes(p);
                g.drawImage(BitmapEncoder.getBufferedImage(p), 0, y, null);
                y += p.getHeight();
            }
            g.dispose();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            javax.imageio.ImageIO.write(all, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The panels {@code chart} is drawn as: itself, or for an XY chart with more than
     * {@link #MAX_LINES} series, copies with the series shared out evenly in order (titled
     * "(1 of 2)"...), on the same axes ranges so panels compare at a glance.
     */
    public static List<Chart<?, ?>> panels(Chart<?, ?> chart) {
        if (!(chart instanceof XYChart xy) || xy.getSeriesMap().size() <= MAX_LINES) return List.of(chart);
        List<XYSeries> all = new java.util.ArrayList<>(xy.getSeriesMap().values());
        int count = (all.size() + MAX_LINES - 1) / MAX_LINES;
        int per = (all.size() + count - 1) / count;
        double[] xRange = range(all, true);
        double[] yRange = range(all, false);
        List<Chart<?, ?>> out = new java.util.ArrayList<>();
        for (int p = 0; p < count; p++) {
            XYChart panel = xy(xy.getTitle() + " (" + (p + 1) + " of " + count + ")", xy.getXAxisTitle(), xy.getYAxisTitle());
            copyStyle(xy.getStyler(), panel.getStyler());
            if (!panel.getStyler().isXAxisLogarithmic() || xRange[0] > 0) panel.getStyler().setXAxisMin(xRange[0]).setXAxisMax(xRange[1]);
            if (!panel.getStyler().isYAxisLogarithmic() || yRange[0] > 0) panel.getStyler().setYAxisMin(yRange[0]).setYAxisMax(yRange[1]);
            for (XYSeries s : all.subList(p * per, Math.min(all.size(), (p + 1) * per))) {
                double[] errors = s.getExtraValues();
                XYSeries c = panel.addSeries(s.getName(), s.getXData(), s.getYData(), errors);
                c.setXYSeriesRenderStyle(s.getXYSeriesRenderStyle());
                if (s.getLineStyle() != null) c.setLineStyle(s.getLineStyle());
            }
            out.add(panel);
        }
        return out;
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
     * Gives each numeric axis that has no pattern yet one decimal pattern for all its tick
     * labels, chosen from the data ({@link #axisPattern}), so an axis never shows {@code 1000}
     * next to {@code 1E4}. A pattern a notebook set itself is kept. Returns what undoes it, so
     * a chart that gets more data later is formatted afresh.
     */
    public static Runnable formatAxes(Chart<?, ?> chart) {
        Runnable titles = fitTitles(chart);
        if (!(chart.getStyler() instanceof AxesChartStyler axes)) return titles;
        String oldX = axes.getXAxisDecimalPattern();
        String oldY = axes.getYAxisDecimalPattern();
        List<Double> xs = new java.util.ArrayList<>();
        List<Double> ys = new java.util.ArrayList<>();
        for (Object o : chart.getSeriesMap().values()) {
            if (o instanceof XYSeries s) {
                for (double v : s.getXData()) xs.add(v);
                for (double v : s.getYData()) ys.add(v);
            } else if (o instanceof CategorySeries s) {
                for (Number v : s.getYData()) if (v != null) ys.add(v.doubleValue());
            }
        }
        if (chart instanceof XYChart && axes.getXAxisDecimalPattern() == null && !xs.isEmpty()) {
            axes.setXAxisDecimalPattern(axisPattern(xs, axes.isXAxisLogarithmic()));
        }
        if (axes.getYAxisDecimalPattern() == null && !ys.isEmpty()) {
            axes.setYAxisDecimalPattern(axisPattern(ys, axes.isYAxisLogarithmic()));
        }
        return () -> {
            axes.setXAxisDecimalPattern(oldX);
            axes.setYAxisDecimalPattern(oldY);
            titles.run();
        };
    }

    /**
     * Shrinks the fonts of a chart's title and axis titles that would not fit the image (XChart
     * clips them at both ends instead), down to 8 points; returns what restores them. The x axis
     * title is centred under the plot, which a legend beside it narrows.
     */
    static Runnable fitTitles(Chart<?, ?> chart) {
        Styler st = chart.getStyler();
        Font title = st.getChartTitleFont();
        boolean legendBeside = st.isLegendVisible() && st.getLegendPosition() == Styler.LegendPosition.OutsideE;
        int legend = legendBeside ? legendWidth(chart) : 0;
        // the title is centred over the plot, which a legend beside it pushes left: it fits in about the image less the legend
        st.setChartTitleFont(fitted(title, chart.getTitle(), Math.min(chart.getWidth() - 16, chart.getWidth() - legend + 40)));
        if (!(st instanceof AxesChartStyler axes)) return () -> st.setChartTitleFont(title);
        Font axisTitle = axes.getAxisTitleFont();
        int plotWidth = legendBeside ? Math.max(100, chart.getWidth() - legend - 90) : (int) (chart.getWidth() * 0.85);
        String longest = chart.getXAxisTitle() == null ? "" : chart.getXAxisTitle();
        Font fittedX = fitted(axisTitle, longest, plotWidth);
        Font fittedY = fitted(axisTitle, chart.getYAxisTitle() == null ? "" : chart.getYAxisTitle(), chart.getHeight() - 80);
        axes.setAxisTitleFont(fittedX.getSize() <= fittedY.getSize() ? fittedX : fittedY);
        return () -> {
            st.setChartTitleFont(title);
            axes.setAxisTitleFont(axisTitle);
        };
    }

    /** Pixels a legend beside the plot takes: its longest series name, the marker and the padding around them. */
    private static int legendWidth(Chart<?, ?> chart) {
        Font font = chart.getStyler().getLegendFont();
        java.awt.image.BufferedImage scratch = new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = scratch.createGraphics();
        try {
            int longest = 0;
            for (Object name : chart.getSeriesMap().keySet()) longest = Math.max(longest, g.getFontMetrics(font).stringWidth(String.valueOf(name)));
            return longest + 60;
        } finally {
            g.dispose();
        }
    }

    /** {@code font}, made smaller (not below 8 points) until {@code text} is at most {@code maxWidth} pixels wide. */
    static Font fitted(Font font, String text, int maxWidth) {
        if (font == null || text == null || text.isEmpty()) return font;
        java.awt.image.BufferedImage scratch = new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = scratch.createGraphics();
        try {
            Font f = font;
            while (g.getFontMetrics(f).stringWidth(text) > maxWidth && f.getSize2D() > 8f) {
                f = f.deriveFont(Math.max(8f, f.getSize2D() - 0.5f));   // glyph widths do not scale exactly with the size: step down
            }
            return f;
        } finally {
            g.dispose();
        }
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

    /** The chart as an SVG document (one panel, axes formatted as in {@link #png}). */
    public static String svg(Chart<?, ?> chart) {
        Runnable restore = formatAxes(chart);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            restore.run();
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
        styler.setSeriesColors(PALETTE);
        styler.setSeriesMarkers(MARKERS);
        if (styler instanceof org.knowm.xchart.style.AxesChartStyler axes) {
            axes.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            axes.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            axes.setPlotGridLinesVisible(true);
        }
    }
}
