package maplab.conclude;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * What a chart shows, as plain data: its titles, its axes (logarithmic or not, bounds, tick
 * labels) and its series with their error bars. Concluding makes chart data; only
 * {@code maplab.render} draws it (with XChart, in one look for every chart), so results hold no
 * drawing objects and a chart's data can be checked, stored or drawn again.
 *
 * <p>A series says what its points <em>mean</em> ({@link Mark}: a line, points, a lower bound,
 * an interval...), not how they look; the look is render's.
 *
 * @param title       the chart's title (render wraps it to fit)
 * @param xTitle      the x axis title, with its unit
 * @param yTitle      the y axis title, with its unit
 * @param shape       lines over numeric x, bars over categories, or small multiples
 * @param logX        a logarithmic x axis
 * @param logY        a logarithmic y axis
 * @param xMin        the x axis' lower bound, or null for the data's
 * @param xMax        the x axis' upper bound, or null for the data's
 * @param yMin        the y axis' lower bound, or null for the data's
 * @param legend      whether the legend is shown
 * @param xLabelAngle degrees the x tick labels are turned (bars with long category names), or null for render's choice
 * @param markerSize  pixels of a point marker (0: lines only), or null for render's choice
 * @param xPattern    a {@link java.text.DecimalFormat} pattern for the x ticks, or null for render's choice
 * @param xTickLabels labels for the x ticks at these values, the other whole-number ticks showing their number and
 *                    ticks between whole numbers none (an axis of counts or of named steps); empty for plain numbers
 * @param series      the series, in legend order; empty for a chart with no data
 */
public record ChartData(String title, String xTitle, String yTitle, Shape shape, boolean logX, boolean logY,
                        Double xMin, Double xMax, Double yMin, boolean legend, Integer xLabelAngle, Integer markerSize,
                        String xPattern, Map<Double, String> xTickLabels, List<Series> series) {

    /** How the series are laid out. */
    public enum Shape {
        /** Series over a numeric x axis, drawn together. */
        LINES,
        /** Series over categories (subjects, orders...), drawn as grouped bars. */
        BARS,
        /** Series over a numeric x axis that would hide each other together: one small panel per series. */
        SMALL_MULTIPLES
    }

    /** What a series' points are. */
    public enum Mark {
        /** Points joined by a line. */
        LINE,
        /** Bars from zero (a bar chart's series). */
        BARS,
        /** Points not joined (runs, a scatter). */
        POINTS,
        /** A step function (a table length as entries arrive). */
        STEPS,
        /** Lower bounds (a measurement that ran out of its budget): points drawn as bounds. */
        LOWER_BOUNDS,
        /** An interval (two points at one x) that excludes the point of no difference. */
        INTERVAL,
        /** An interval that includes the point of no difference (no detectable difference, or equivalent within a margin). */
        INTERVAL_NO_DIFFERENCE,
        /** The point of no difference drawn as a reference line. */
        NEUTRAL_LINE,
        /** The values an interval chart is about. */
        VALUES
    }

    /**
     * One series: numeric {@code x} (lines) or {@code categories} (bars), its {@code y} values,
     * and half-widths of error bars in y's unit (null for none).
     */
    public record Series(String name, List<Double> x, List<String> categories, List<Double> y, List<Double> errors, Mark mark) {
        public Series {
            Objects.requireNonNull(name, "name");
            x = x == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(x));
            categories = categories == null ? List.of() : List.copyOf(categories);
            y = Collections.unmodifiableList(new ArrayList<>(y));
            errors = errors == null ? null : Collections.unmodifiableList(new ArrayList<>(errors));
            mark = mark == null ? (categories.isEmpty() ? Mark.LINE : Mark.BARS) : mark;
            int points = categories.isEmpty() ? x.size() : categories.size();
            if (points != y.size()) throw new IllegalArgumentException("y: need one value per point, got " + y.size() + " for " + points);
            if (errors != null && errors.size() != y.size()) {
                throw new IllegalArgumentException("errors: need one per value, got " + errors.size() + " for " + y.size());
            }
        }
    }

    public ChartData {
        Objects.requireNonNull(shape, "shape");
        xTickLabels = xTickLabels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(xTickLabels));
        series = List.copyOf(series);
    }

    /** True when the chart has no series: nothing to draw. */
    public boolean isEmpty() { return series.isEmpty(); }

    /** The series' names, in legend order. */
    public List<String> seriesNames() { return series.stream().map(Series::name).toList(); }

    /** The series with this name. */
    public Series series(String name) {
        return series.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no series '" + name + "' in chart '" + title + "'; series: " + seriesNames()));
    }

    /** A chart that says, in its title, that there is nothing to draw (shown where a chart was left out). */
    public static ChartData noData(String title) {
        return lines(title, "", "").legend(false).build();
    }

    // ------------------------------------------------------------------ builders

    /** Lines over a numeric x axis; axis titles should carry units, e.g. "n (keys)", "time (ns/op)". */
    public static Builder lines(String title, String xTitle, String yTitle) {
        return new Builder(title, xTitle, yTitle, Shape.LINES);
    }

    /** Lines with both axes logarithmic (growth against size). */
    public static Builder logLog(String title, String xTitle, String yTitle) {
        return lines(title, xTitle, yTitle).logX(true).logY(true);
    }

    /** Lines with a logarithmic y axis (values spanning decades). */
    public static Builder logY(String title, String xTitle, String yTitle) {
        return lines(title, xTitle, yTitle).logY(true);
    }

    /**
     * A latency-by-percentile chart ("nines" plot): x is {@link #percentileAxis} = 1 / (1 - p)
     * on a log axis, so p90, p99, p99.9... are equally spaced (x = 10, 100, 1000...); y logarithmic.
     */
    public static Builder percentiles(String title, String yTitle) {
        return logLog(title, "percentile, as 1/(1-p): 1E1 = p90, 1E2 = p99, 1E3 = p99.9", yTitle).xPattern("0E0");
    }

    /** The x position of the {@code percent}-th percentile on a {@link #percentiles} chart: 1 / (1 - percent/100). */
    public static double percentileAxis(double percent) {
        return 1 / (1 - percent / 100);
    }

    /** Bars over categories (subjects, orders...). */
    public static Builder bars(String title, String xTitle, String yTitle) {
        return new Builder(title, xTitle, yTitle, Shape.BARS);
    }

    /** Series that would hide each other in one plot (dense, noisy lines): one small panel per series. */
    public static Builder smallMultiples(String title, String xTitle, String yTitle) {
        return new Builder(title, xTitle, yTitle, Shape.SMALL_MULTIPLES);
    }

    /** Collects a chart's settings and series; {@link #build} makes the chart data. */
    public static final class Builder {
        private final String title;
        private final String xTitle;
        private final String yTitle;
        private final Shape shape;
        private boolean logX;
        private boolean logY;
        private Double xMin;
        private Double xMax;
        private Double yMin;
        private boolean legend = true;
        private Integer xLabelAngle;
        private Integer markerSize;
        private String xPattern;
        private final Map<Double, String> xTickLabels = new LinkedHashMap<>();
        private final List<Series> series = new ArrayList<>();

        private Builder(String title, String xTitle, String yTitle, Shape shape) {
            this.title = title;
            this.xTitle = xTitle;
            this.yTitle = yTitle;
            this.shape = shape;
        }

        public Builder logX(boolean on) { logX = on; return this; }
        public Builder logY(boolean on) { logY = on; return this; }
        public Builder xRange(double min, double max) { xMin = min; xMax = max; return this; }
        public Builder yMin(double min) { yMin = min; return this; }
        public Builder legend(boolean shown) { legend = shown; return this; }
        public Builder xLabelAngle(int degrees) { xLabelAngle = degrees; return this; }
        public Builder markerSize(int pixels) { markerSize = pixels; return this; }
        public Builder xPattern(String decimalPattern) { xPattern = decimalPattern; return this; }

        /** Labels the x tick at {@code x} with {@code label}; once any is given, the axis is one of whole numbers ({@link ChartData#xTickLabels}). */
        public Builder xTickLabel(double x, String label) { xTickLabels.put(x, label); return this; }

        public boolean isLogY() { return logY; }

        /** True while no series holds data. */
        public boolean isEmpty() { return series.isEmpty(); }

        /** A line over numeric x with error bars (y's unit; null for none). A series without points is left out. */
        public Builder series(String name, List<? extends Number> x, List<? extends Number> y, List<? extends Number> errors) {
            return series(name, x, y, errors, Mark.LINE);
        }

        /** A series over numeric x marked as {@code mark}. A series without points is left out. */
        public Builder series(String name, List<? extends Number> x, List<? extends Number> y, List<? extends Number> errors, Mark mark) {
            if (shape == Shape.BARS) throw new IllegalArgumentException("series: a bar chart takes categories; use bars(name, categories, ...)");
            if (x.isEmpty() || y.isEmpty()) return this;
            series.add(new Series(name, doubles(x), null, doubles(y), errors == null ? null : doubles(errors), mark));
            return this;
        }

        /** A bar series over {@code categories} with error bars (null for none). A series without bars is left out. */
        public Builder bars(String name, List<String> categories, List<? extends Number> values, List<? extends Number> errors) {
            return bars(name, categories, values, errors, Mark.BARS);
        }

        /** A series over {@code categories} marked as {@code mark} ({@link Mark#POINTS}: points instead of bars). */
        public Builder bars(String name, List<String> categories, List<? extends Number> values, List<? extends Number> errors, Mark mark) {
            if (shape != Shape.BARS) throw new IllegalArgumentException("bars: only a bar chart takes categories; use series(name, x, y, ...)");
            if (categories.isEmpty() || values.isEmpty()) return this;
            series.add(new Series(name, null, categories, doubles(values), errors == null ? null : doubles(errors), mark));
            return this;
        }

        public ChartData build() {
            return new ChartData(title, xTitle, yTitle, shape, logX, logY, xMin, xMax, yMin, legend, xLabelAngle, markerSize,
                    xPattern, xTickLabels, series);
        }

        private static List<Double> doubles(List<? extends Number> values) {
            List<Double> out = new ArrayList<>(values.size());
            for (Number v : values) out.add(v == null ? Double.NaN : v.doubleValue());
            return out;
        }
    }
}
