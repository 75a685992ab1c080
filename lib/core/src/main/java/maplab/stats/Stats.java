package maplab.stats;

import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.apache.commons.math3.stat.inference.TTest;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * The statistics maplab's experiments use, on commons-math3: summaries, percentiles,
 * skewness, confidence intervals (of a mean and of a ratio of two estimates), Welch's t-test
 * with effect size, Mann-Whitney U, histograms on shared bins, and the growth exponent of a
 * power law fitted by least squares on log-log axes.
 */
public final class Stats {

    private Stats() { }

    public static double mean(double[] xs) {
        requireSamples("xs", xs, 1);
        return new DescriptiveStatistics(xs).getMean();
    }

    public static double median(double[] xs) {
        return percentile(xs, 50);
    }

    /** The p-th percentile (0 < p <= 100), commons-math3's default estimation. */
    public static double percentile(double[] xs, double p) {
        requireSamples("xs", xs, 1);
        if (!(p > 0 && p <= 100)) throw new IllegalArgumentException("p: must be in (0, 100], got " + p);
        return new DescriptiveStatistics(xs).getPercentile(p);
    }

    public static double standardDeviation(double[] xs) {
        requireSamples("xs", xs, 2);
        return new DescriptiveStatistics(xs).getStandardDeviation();
    }

    /**
     * Sample skewness (commons-math3's adjusted Fisher-Pearson estimator; 0 for a symmetric
     * sample, above 1 for a long right tail such as GC pauses). Needs three values.
     */
    public static double skewness(double[] xs) {
        requireSamples("xs", xs, 3);
        return new DescriptiveStatistics(xs).getSkewness();
    }

    /** A confidence interval (of a mean, or of a ratio). */
    public record Interval(double low, double high) {
        public double halfWidth() { return (high - low) / 2; }

        /** True when both intervals have finite bounds and share no point. */
        public boolean disjoint(Interval other) {
            return Double.isFinite(low) && Double.isFinite(high) && Double.isFinite(other.low) && Double.isFinite(other.high)
                    && (high < other.low || other.high < low);
        }
    }

    /**
     * The interval of {@code b / a} when {@code a} and {@code b} are positive estimates with
     * confidence half-widths {@code errorA} and {@code errorB}: from the smallest to the largest
     * ratio the two intervals allow, {@code [(b - eb) / (a + ea), (b + eb) / (a - ea)]}
     * (conservative; the upper bound is infinite when {@code a}'s interval reaches zero). NaN
     * bounds when an error is unknown (NaN).
     */
    public static Interval ratioInterval(double a, double errorA, double b, double errorB) {
        if (Double.isNaN(errorA) || Double.isNaN(errorB) || !(a > 0) || !(b > 0)) return new Interval(Double.NaN, Double.NaN);
        if (errorA < 0 || errorB < 0) throw new IllegalArgumentException("errorA, errorB: must be >= 0, got " + errorA + ", " + errorB);
        double low = Math.max(0, b - errorB) / (a + errorA);
        double high = a - errorA > 0 ? (b + errorB) / (a - errorA) : Double.POSITIVE_INFINITY;
        return new Interval(low, high);
    }

    /** Student-t confidence interval of the mean at {@code level} (e.g. 0.95). */
    public static Interval meanConfidenceInterval(double[] xs, double level) {
        requireSamples("xs", xs, 2);
        if (!(level > 0 && level < 1)) throw new IllegalArgumentException("level: must be in (0, 1), got " + level);
        double m = mean(xs);
        double se = standardDeviation(xs) / Math.sqrt(xs.length);
        double t = new TDistribution(xs.length - 1).inverseCumulativeProbability(0.5 + level / 2);
        return new Interval(m - t * se, m + t * se);
    }

    /**
     * Welch's two-sample t-test (unequal variances).
     *
     * @param t       the t statistic
     * @param df      Welch-Satterthwaite degrees of freedom
     * @param p       two-sided p-value
     * @param cohensD effect size: difference of means ({@code a - b}) over the pooled standard deviation
     */
    public record Welch(double t, double df, double p, double cohensD, double meanA, double meanB) {
        /** Significant at {@code alpha} (e.g. 0.05). */
        public boolean significant(double alpha) { return p < alpha; }
    }

    public static Welch welch(double[] a, double[] b) {
        requireSamples("a", a, 2);
        requireSamples("b", b, 2);
        TTest test = new TTest();
        double sa = standardDeviation(a);
        double sb = standardDeviation(b);
        double pooled = Math.sqrt(((a.length - 1) * sa * sa + (b.length - 1) * sb * sb) / (a.length + b.length - 2));
        double d = pooled == 0 ? 0 : (mean(a) - mean(b)) / pooled;
        double va = sa * sa / a.length;
        double vb = sb * sb / b.length;
        double df = (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        return new Welch(test.t(a, b), df, test.tTest(a, b), d, mean(a), mean(b));
    }

    /**
     * The Mann-Whitney U test (rank sums; for skewed distributions such as GC pauses).
     *
     * @param u the larger of the two U statistics, as commons-math3 reports it
     * @param p two-sided p-value (normal approximation, no continuity correction)
     */
    public record MannWhitney(double u, double p) {
        public boolean significant(double alpha) { return p < alpha; }
    }

    public static MannWhitney mannWhitney(double[] a, double[] b) {
        requireSamples("a", a, 1);
        requireSamples("b", b, 1);
        MannWhitneyUTest test = new MannWhitneyUTest();
        return new MannWhitney(test.mannWhitneyU(a, b), test.mannWhitneyUTest(a, b));
    }

    /** Two-sided p-value of the Mann-Whitney U test (for skewed distributions such as GC pauses). */
    public static double mannWhitneyP(double[] a, double[] b) {
        return mannWhitney(a, b).p();
    }

    /** {@code bins + 1} equally spaced bin edges from {@code min} to {@code max} (shared by samples to be compared). */
    public static double[] binEdges(double min, double max, int bins) {
        if (bins < 1) throw new IllegalArgumentException("bins: must be at least 1, got " + bins);
        if (!(max >= min)) throw new IllegalArgumentException("min, max: need min <= max, got " + min + ", " + max);
        double width = max > min ? (max - min) / bins : 1;
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) edges[i] = min + i * width;
        if (max > min) edges[bins] = max; // min + bins * width can round below max, and the largest value would fall outside
        return edges;
    }

    /**
     * Counts per bin: bin i holds {@code edges[i] <= x < edges[i + 1]}, the last bin also its
     * upper edge; values outside the edges are not counted.
     */
    public static long[] histogram(double[] xs, double[] edges) {
        if (edges.length < 2) throw new IllegalArgumentException("edges: needs at least 2, got " + edges.length);
        long[] counts = new long[edges.length - 1];
        for (double x : xs) {
            int i = Arrays.binarySearch(edges, x);
            int bin = i >= 0 ? Math.min(i, counts.length - 1) : -i - 2;
            if (bin >= 0 && bin < counts.length) counts[bin]++;
        }
        return counts;
    }

    /**
     * A power law {@code y = c * x^k} fitted by least squares on log-log axes.
     *
     * @param exponent k
     * @param r2       coefficient of determination of the log-log fit
     */
    public record Growth(double exponent, double coefficient, double r2, double exponentLow, double exponentHigh) {
        /** The exponent with its interval at {@link Estimates#CONFIDENCE} (NaN bounds with fewer than 3 points). */
        public Estimates.Estimate exponentEstimate() {
            return new Estimates.Estimate(exponent, exponentLow, exponentHigh, 0);
        }
    }

    /** Fits {@code y = c * x^k}; all values must be positive, at least two distinct x. */
    public static Growth growth(double[] x, double[] y) {
        if (x.length != y.length) throw new IllegalArgumentException("x, y: must have the same length, got " + x.length + " and " + y.length);
        requireSamples("x", x, 2);
        SimpleRegression r = new SimpleRegression();
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] > 0 && y[i] > 0)) throw new IllegalArgumentException("x, y: must be positive for a log-log fit, got (" + x[i] + ", " + y[i] + ")");
            r.addData(Math.log(x[i]), Math.log(y[i]));
        }
        double half = x.length >= 3 ? slopeHalfWidth(r) : Double.NaN;
        return new Growth(r.getSlope(), Math.exp(r.getIntercept()), r.getRSquare(), r.getSlope() - half, r.getSlope() + half);
    }

    /** Half-width of the slope's Student-t interval at {@link Estimates#CONFIDENCE}, n - 2 degrees of freedom. */
    private static double slopeHalfWidth(SimpleRegression r) {
        double se = r.getSlopeStdErr();
        if (!(se > 0)) return 0;
        return Estimates.t(r.getN() - 2) * se;
    }

    private static void requireSamples(String name, double[] xs, int min) {
        if (xs == null || xs.length < min) {
            throw new IllegalArgumentException(name + ": needs at least " + min + " value(s), got " + (xs == null ? 0 : xs.length));
        }
        if (Arrays.stream(xs).anyMatch(Double::isNaN)) throw new IllegalArgumentException(name + ": contains NaN");
    }
}
