package maplab.chart;

import java.awt.Font;
import java.awt.FontMetrics;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * Tick labels and axis titles that fit: compact numbers on linear axes ({@code 150k},
 * {@code 1.05M}), one pattern per logarithmic axis (plain digits where the decade labels fit,
 * else {@code 1E6}), at least two labelled decades on a logarithmic y axis, and axis titles
 * drawn smaller where they would not fit beside the plot. Applied while a chart is drawn and
 * undone afterwards, so a chart that gets more data later is formatted afresh.
 */
final class AxisFormat {

    /** The smallest font size an axis title is shrunk to. */
    static final float MIN_AXIS_TITLE_SIZE = 9f;

    private static final DecimalFormatSymbols ROOT = DecimalFormatSymbols.getInstance(Locale.ROOT);

    private AxisFormat() { }

    /** Formats {@code chart}'s axes (what the class says); returns what undoes it. A pattern, function or bound a caller set is kept. */
    static Runnable apply(Chart<?, ?> chart) {
        Runnable titles = fitAxisTitles(chart);
        if (!(chart.getStyler() instanceof AxesChartStyler axes)) return titles;
        Saved saved = new Saved(axes);
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<Double> yLows = new ArrayList<>();
        List<Double> yHighs = new ArrayList<>();
        collect(chart, xs, ys, yLows, yHighs);
        if (chart instanceof XYChart && !xs.isEmpty()) formatX(chart, axes, xs);
        if (chart instanceof CategoryChart bars && !bars.getSeriesMap().isEmpty()) {
            CategoryLabels labels = categoryLabels(bars);
            axes.setXAxisLabelRotation(labels.rotation());
            axes.setAxisTickLabelsFont(labels.font());
        }
        if (!ys.isEmpty()) formatY(axes, ys, yLows, yHighs);
        return () -> {
            saved.restore(axes);
            titles.run();
        };
    }

    /** What {@link #apply} may change on an axes styler, to put back. */
    private record Saved(String xPattern, String yPattern, Function<Double, String> xFunction, Function<Double, String> yFunction,
                         Double xMin, Double yMin, Double yMax, int rotation, Font tickFont) {
        Saved(AxesChartStyler a) {
            this(a.getXAxisDecimalPattern(), a.getYAxisDecimalPattern(), a.getxAxisTickLabelsFormattingFunction(),
                    a.getyAxisTickLabelsFormattingFunction(), a.getXAxisMin(),
                    a.getYAxisMin(), a.getYAxisMax(), a.getXAxisLabelRotation(), a.getAxisTickLabelsFont());
        }

        void restore(AxesChartStyler a) {
            a.setXAxisDecimalPattern(xPattern);
            a.setYAxisDecimalPattern(yPattern);
            a.setxAxisTickLabelsFormattingFunction(xFunction);
            a.setyAxisTickLabelsFormattingFunction(yFunction);
            a.setXAxisMin(xMin);
            a.setYAxisMin(yMin);
            a.setYAxisMax(yMax);
            a.setXAxisLabelRotation(rotation);
            a.setAxisTickLabelsFont(tickFont);
        }
    }

    /** How a category axis's labels are drawn: rotated by {@code rotation} degrees, in {@code font}, needing {@code extraHeight} more pixels than a chart has for them. */
    record CategoryLabels(int rotation, Font font, int extraHeight) { }

    /** Rotations tried for category labels that would overlap, in order of preference. */
    private static final int[] ROTATIONS = {0, 45, 90};

    /**
     * Category labels that do not overlap: the chart's own rotation where its labels fit side
     * by side, else the first of 0, 45 and 90 degrees where they fit, at the tick font's
     * size or smaller (down to 9 points); labels that stand up need a taller image, by
     * {@code extraHeight}.
     */
    static CategoryLabels categoryLabels(CategoryChart chart) {
        java.util.Collection<?> categories = chart.getSeriesMap().values().iterator().next().getXData();
        Font font = chart.getStyler().getAxisTickLabelsFont();
        double spacing = 0.92 * plotWidth(chart) / Math.max(1, categories.size());
        for (Font f = font; ; f = f.deriveFont(f.getSize2D() - 1f)) {
            FontMetrics m = Figure.metrics(f);
            int widest = categories.stream().mapToInt(c -> m.stringWidth(String.valueOf(c))).max().orElse(0);
            int own = chart.getStyler().getXAxisLabelRotation();
            for (int rotation : java.util.stream.IntStream.concat(java.util.stream.IntStream.of(own), java.util.Arrays.stream(ROTATIONS)).toArray()) {
                double angle = Math.toRadians(rotation);
                boolean sideBySide = spacing >= widest * Math.cos(angle) + m.getHeight() * Math.sin(angle) + 6;
                boolean stacked = rotation >= 45 && spacing * Math.sin(angle) >= m.getHeight() + 3;   // slanted a little, long labels run into each other
                if (sideBySide || stacked || f.getSize2D() <= 9f && rotation == 90) {
                    int tall = (int) Math.ceil(widest * Math.sin(angle) + m.getHeight() * Math.cos(angle));
                    return new CategoryLabels(rotation, f, Math.max(0, tall - 60));
                }
            }
        }
    }

    /** The finite x and y values of every series, and each y's low and high end with its error bar. */
    private static void collect(Chart<?, ?> chart, List<Double> xs, List<Double> ys, List<Double> lows, List<Double> highs) {
        for (Object o : chart.getSeriesMap().values()) {
            if (o instanceof XYSeries s) {
                for (double v : s.getXData()) if (Double.isFinite(v)) xs.add(v);
                addYs(s.getYData(), s.getExtraValues(), ys, lows, highs);
            } else if (o instanceof CategorySeries s) {
                addYs(doubles(s.getYData()), s.getExtraValues() == null ? null : doubles(s.getExtraValues()), ys, lows, highs);
            }
        }
    }

    private static double[] doubles(java.util.Collection<? extends Number> values) {
        return values.stream().mapToDouble(v -> v == null ? Double.NaN : v.doubleValue()).toArray();
    }

    private static void addYs(double[] y, double[] errors, List<Double> ys, List<Double> lows, List<Double> highs) {
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) continue;
            double e = errors == null || i >= errors.length || !Double.isFinite(errors[i]) ? 0 : errors[i];
            ys.add(y[i]);
            lows.add(y[i] - e);
            highs.add(y[i] + e);
        }
    }

    private static void formatX(Chart<?, ?> chart, AxesChartStyler axes, List<Double> xs) {
        if (axes.getXAxisDecimalPattern() != null || axes.getxAxisTickLabelsFormattingFunction() != null) return;
        if (axes.isXAxisLogarithmic()) {
            axes.setXAxisDecimalPattern(logPattern(xs, axes.getAxisTickLabelsFont(), plotWidth(chart)));
            return;
        }
        axes.setxAxisTickLabelsFormattingFunction(compact(xs));
        double min = axes.getXAxisMin() != null ? axes.getXAxisMin() : xs.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = xs.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        if (equallySpaced(xs, min) && max > min) axes.setXAxisMin(min - (max - min) * 0.005);
    }

    /**
     * True when {@code xs} from {@code min} on are an evenly spaced grid of at least three
     * values: XChart then labels every k-th grid value, with labels 10% apart at best, instead
     * of round ticks at its spacing hint; a start a hair below the grid turns that off.
     */
    static boolean equallySpaced(List<Double> xs, double min) {
        double[] v = java.util.stream.DoubleStream.concat(java.util.stream.DoubleStream.of(min), xs.stream().mapToDouble(Double::doubleValue))
                .distinct().sorted().toArray();
        if (v.length < 3 || v[0] < min) return false;
        double step = v[1] - v[0];
        for (int i = 2; i < v.length; i++) if (Math.abs(v[i] - v[i - 1] - step) > 1e-4) return false;
        return true;
    }

    private static void formatY(AxesChartStyler axes, List<Double> ys, List<Double> lows, List<Double> highs) {
        if (axes.isYAxisLogarithmic()) {
            double lo = lows.stream().filter(v -> v > 0).mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
            double hi = highs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            if (axes.getYAxisMin() == null && axes.getYAxisMax() == null && Double.isFinite(lo) && hi > lo) {
                double[] bounds = decadeBounds(lo, hi);
                axes.setYAxisMin(bounds[0]);
                axes.setYAxisMax(bounds[1]);
            }
            if (axes.getYAxisDecimalPattern() == null && axes.getyAxisTickLabelsFormattingFunction() == null) {
                List<Double> shown = new ArrayList<>(ys);   // the axis's own range, where set, decides: panels sharing it read alike
                if (axes.getYAxisMin() != null) shown.add(axes.getYAxisMin());
                if (axes.getYAxisMax() != null) shown.add(axes.getYAxisMax());
                axes.setYAxisDecimalPattern(logPattern(shown, axes.getAxisTickLabelsFont(), Integer.MAX_VALUE));
            }
        } else if (axes.getYAxisDecimalPattern() == null && axes.getyAxisTickLabelsFormattingFunction() == null) {
            List<Double> all = new ArrayList<>(lows);
            all.addAll(highs);
            axes.setyAxisTickLabelsFormattingFunction(compact(all));
        }
    }

    /**
     * Bounds for a logarithmic axis over {@code [lo, hi]} (both positive): the data's own range
     * widened by a twentieth of it on each side (so no point sits on the plot's edge), or, when
     * that holds fewer than two powers of ten (XChart labels only those), widened to the powers
     * of ten around the data so the axis has at least two labels.
     */
    static double[] decadeBounds(double lo, double hi) {
        double pad = Math.pow(hi / lo, 0.05);
        double min = lo / pad;
        double max = hi * pad;
        int first = (int) Math.ceil(Math.log10(min) - 1e-9);
        int last = (int) Math.floor(Math.log10(max) + 1e-9);
        if (last - first >= 1) return new double[] {min, max};
        int below = (int) Math.floor(Math.log10(lo) + 1e-9);
        int above = Math.max(below + 1, (int) Math.ceil(Math.log10(hi) - 1e-9));
        return new double[] {Math.min(min, Math.pow(10, below)), Math.max(max, Math.pow(10, above))};
    }

    /**
     * One pattern for a logarithmic axis's decade labels: plain digits ({@code 1,000}, as many
     * decimals as its smallest decade needs) when they fit side by side in {@code pixels} (for a
     * y axis, {@code Integer.MAX_VALUE}: when they stay below ten million), else scientific
     * ({@code 1E6}) for the whole axis, never a mix.
     */
    static String logPattern(List<Double> values, Font font, int pixels) {
        double minPositive = values.stream().filter(v -> v > 0).mapToDouble(Double::doubleValue).min().orElse(1);
        double max = values.stream().mapToDouble(Math::abs).max().orElse(1);
        int low = (int) Math.ceil(Math.log10(minPositive) - 1e-9);   // the lowest labelled decade
        int high = (int) Math.ceil(Math.log10(Math.max(max, minPositive)));
        if (low < -4 || high > 9) return "0E0";
        String plain = low >= 0 ? "#,##0" : "#,##0." + "#".repeat(-low);
        DecimalFormat f = new DecimalFormat(plain, ROOT);
        int widest = Math.max(Figure.metrics(font).stringWidth(f.format(Math.pow(10, high))), Figure.metrics(font).stringWidth(f.format(Math.pow(10, low))));
        int decades = Math.max(1, high - low);
        if (pixels == Integer.MAX_VALUE) return high < 7 ? plain : "0E0";   // stacked labels (a y axis) never overlap: only their length counts
        return (widest + 10) * (decades + 1) <= pixels ? plain : "0E0";
    }

    /**
     * A tick label function for a linear axis over {@code values}: thousands, millions and
     * billions with a suffix ({@code 150k}, {@code 1.05M}, {@code 2G}; thousands only on an axis
     * reaching ten thousand); smaller numbers with as many decimals as the axis's step needs
     * ({@link Charts#axisPattern}).
     */
    static Function<Double, String> compact(List<Double> values) {
        DecimalFormat small = new DecimalFormat(Charts.axisPattern(values, false), ROOT);
        DecimalFormat scaled = new DecimalFormat("0.###", ROOT);
        double largest = values.stream().mapToDouble(Math::abs).max().orElse(0);
        double from = largest >= 1e4 ? 1e3 : 1e4;   // an axis up to 9,999 keeps plain digits: 1,100 beside 900, not 1.1k
        return v -> compact(v, from, small, scaled);
    }

    private static String compact(double v, double from, DecimalFormat small, DecimalFormat scaled) {
        double a = Math.abs(v);
        if (a >= 1e9) return scaled.format(v / 1e9) + "G";
        if (a >= 1e6) return scaled.format(v / 1e6) + "M";
        if (a >= from) return scaled.format(v / 1e3) + "k";
        return small.format(v);
    }

    /** Pixels the plot of {@code chart} is about wide: the image less the y axis and a legend beside the plot. */
    static int plotWidth(Chart<?, ?> chart) {
        Styler st = chart.getStyler();
        boolean legendBeside = st.isLegendVisible() && st.getLegendPosition() == Styler.LegendPosition.OutsideE;
        return legendBeside ? Math.max(100, chart.getWidth() - legendWidth(chart) - 90) : (int) (chart.getWidth() * 0.85);
    }

    /** Pixels a legend beside the plot takes: its longest series name, the marker and the padding around them. */
    static int legendWidth(Chart<?, ?> chart) {
        int longest = 0;
        for (Object name : chart.getSeriesMap().keySet()) longest = Math.max(longest, Figure.metrics(chart.getStyler().getLegendFont()).stringWidth(String.valueOf(name)));
        return longest + 60;
    }

    /**
     * Shrinks the axis title font (down to {@link #MIN_AXIS_TITLE_SIZE}) until the x axis title
     * fits under the plot and the y axis title beside it; returns what restores it.
     */
    static Runnable fitAxisTitles(Chart<?, ?> chart) {
        if (!(chart.getStyler() instanceof AxesChartStyler axes)) return () -> { };
        Font axisTitle = axes.getAxisTitleFont();
        Font fittedX = fitted(axisTitle, chart.getXAxisTitle(), plotWidth(chart));
        Font fittedY = fitted(axisTitle, chart.getYAxisTitle(), chart.getHeight() - 70);
        axes.setAxisTitleFont(fittedX.getSize2D() <= fittedY.getSize2D() ? fittedX : fittedY);
        return () -> axes.setAxisTitleFont(axisTitle);
    }

    /** {@code font}, made smaller (not below {@link #MIN_AXIS_TITLE_SIZE}) until {@code text} is at most {@code maxWidth} pixels wide. */
    static Font fitted(Font font, String text, int maxWidth) {
        if (font == null || text == null || text.isEmpty()) return font;
        Font f = font;
        while (Figure.metrics(f).stringWidth(text) > maxWidth && f.getSize2D() > MIN_AXIS_TITLE_SIZE) {
            f = f.deriveFont(Math.max(MIN_AXIS_TITLE_SIZE, f.getSize2D() - 0.5f));   // glyph widths do not scale exactly with the size: step down
        }
        return f;
    }
}
