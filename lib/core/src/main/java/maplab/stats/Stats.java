package maplab.stats;

import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.apache.commons.math3.stat.inference.TTest;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * The statistics maplab's experiments use, on commons-math3: summaries, percentiles,
 * confidence intervals, Welch's t-test with effect size, Mann-Whitney U, and the growth
 * exponent of a power law fitted by least squares on log-log axes.
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

    /** A confidence interval for the mean. */
    public record Interval(double low, double high) {
        public double halfWidth() { return (high - low) / 2; }
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
     * @param p       two-sided p-value
     * @param cohensD effect size: difference of means over the pooled standard deviation
     */
    public record Welch(double t, double p, double cohensD, double meanA, double meanB) {
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
        return new Welch(test.t(a, b), test.tTest(a, b), d, mean(a), mean(b));
    }

    /** Two-sided p-value of the Mann-Whitney U test (for skewed distributions such as GC pauses). */
    public static double mannWhitneyP(double[] a, double[] b) {
        requireSamples("a", a, 1);
        requireSamples("b", b, 1);
        return new MannWhitneyUTest().mannWhitneyUTest(a, b);
    }

    /**
     * A power law {@code y = c * x^k} fitted by least squares on log-log axes.
     *
     * @param exponent k
     * @param r2       coefficient of determination of the log-log fit
     */
    public record Growth(double exponent, double coefficient, double r2) { }

    /** Fits {@code y = c * x^k}; all values must be positive, at least two distinct x. */
    public static Growth growth(double[] x, double[] y) {
        if (x.length != y.length) throw new IllegalArgumentException("x, y: must have the same length, got " + x.length + " and " + y.length);
        requireSamples("x", x, 2);
        SimpleRegression r = new SimpleRegression();
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] > 0 && y[i] > 0)) throw new IllegalArgumentException("x, y: must be positive for a log-log fit, got (" + x[i] + ", " + y[i] + ")");
            r.addData(Math.log(x[i]), Math.log(y[i]));
        }
        return new Growth(r.getSlope(), Math.exp(r.getIntercept()), r.getRSquare());
    }

    private static void requireSamples(String name, double[] xs, int min) {
        if (xs == null || xs.length < min) {
            throw new IllegalArgumentException(name + ": needs at least " + min + " value(s), got " + (xs == null ? 0 : xs.length));
        }
        if (Arrays.stream(xs).anyMatch(Double::isNaN)) throw new IllegalArgumentException(name + ": contains NaN");
    }
}
