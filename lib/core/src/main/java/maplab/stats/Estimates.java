package maplab.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Intervals for what maplab concludes, all at the one documented level {@link #CONFIDENCE}.
 *
 * <p><b>Unit of replication: the fork.</b> Iterations inside one JVM share its JIT decisions,
 * heap layout and the machine's state at that moment, so they are not independent; forks are.
 * Every interval is therefore computed from per-fork means (the mean of a fork's measured
 * iterations), never from pooled iterations.
 *
 * <p><b>Ratios</b> ({@link #ratio}): the log of each fork mean, then a Student-t interval of the
 * difference of mean logs, exponentiated: a ratio of geometric means with its interval. When
 * both sides have the same fork indices (maplab runs compared subjects in alternating rounds,
 * fork {@code r} of every subject in round {@code r}), the forks are paired and the interval
 * comes from the per-round log ratios, so machine noise that hits one round hits both sides
 * and cancels. Otherwise the two sides are unpaired and Welch's interval is used. A ratio whose
 * interval includes 1 is never called a difference.
 */
public final class Estimates {

    /** The one confidence level of every interval maplab reports. */
    public static final double CONFIDENCE = 0.99;

    private Estimates() { }

    /** A point estimate with its interval at {@link #CONFIDENCE}; {@code n} forks behind it. */
    public record Estimate(double value, double low, double high, int n) {
        /** Half the interval's width. */
        public double halfWidth() { return (high - low) / 2; }

        /** An exact value (a count): its interval is the value itself. */
        public static Estimate exact(double value) { return new Estimate(value, value, value, 1); }

        /** True when the interval is known (finite bounds). */
        public boolean hasInterval() { return Double.isFinite(low) && Double.isFinite(high); }

        /**
         * This estimate of a quantity that cannot be below {@code floor} (bytes allocated cannot
         * be negative): its interval's low end raised to {@code floor} where it reaches below.
         */
        public Estimate atLeast(double floor) {
            return low < floor ? new Estimate(value, floor, high, n) : this;
        }
    }

    /**
     * The Wilson score interval at {@link #CONFIDENCE} for a proportion of {@code x} successes
     * in {@code n} trials (profiler samples on a method, say): the value is {@code x / n}, the
     * bounds {@code (p + z²/2n ± z sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n)} with {@code z} the
     * normal quantile. Unlike the normal approximation it stays inside [0, 1] and is not
     * degenerate at 0 or n successes. It covers sampling error only.
     */
    public static Estimate wilson(long x, long n) {
        if (n <= 0 || x < 0 || x > n) throw new IllegalArgumentException("x, n: need 0 <= x <= n and n > 0, got " + x + " of " + n);
        double z = new NormalDistribution().inverseCumulativeProbability(0.5 + CONFIDENCE / 2);
        double p = x / (double) n;
        double z2n = z * z / n;
        double centre = (p + z2n / 2) / (1 + z2n);
        double half = z / (1 + z2n) * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n));
        // at 0 or n successes the bound on that side is exactly 0 or 1 (the formula gives it up to rounding)
        double low = x == 0 ? 0 : Math.max(0, centre - half);
        double high = x == n ? 1 : Math.min(1, centre + half);
        return new Estimate(p, low, high, (int) Math.min(Integer.MAX_VALUE, n));
    }

    /** One measured value: fork (round) index, iteration inside the fork, value. */
    public record Sample(int fork, int iteration, double value) { }

    /** Means per fork index, in fork order. */
    public static SortedMap<Integer, Double> forkMeans(List<Sample> samples) {
        SortedMap<Integer, double[]> sums = new TreeMap<>();
        for (Sample x : samples) {
            double[] s = sums.computeIfAbsent(x.fork(), k -> new double[2]);
            s[0] += x.value();
            s[1]++;
        }
        SortedMap<Integer, Double> out = new TreeMap<>();
        sums.forEach((fork, s) -> out.put(fork, s[0] / s[1]));
        return out;
    }

    /**
     * The mean of fork means with a Student-t interval over forks; with one fork the interval is
     * unknown (NaN bounds): one JVM cannot show how much JVMs differ.
     */
    public static Estimate mean(Map<Integer, Double> forkMeans) {
        double[] xs = forkMeans.values().stream().mapToDouble(Double::doubleValue).toArray();
        if (xs.length == 0) throw new IllegalArgumentException("forkMeans: needs at least 1 fork, got 0");
        double m = Stats.mean(xs);
        if (xs.length < 2) return new Estimate(m, Double.NaN, Double.NaN, 1);
        double h = t(xs.length - 1) * Stats.standardDeviation(xs) / Math.sqrt(xs.length);
        return new Estimate(m, m - h, m + h, xs.length);
    }

    /**
     * The ratio {@code numerator / denominator} of two measured quantities from their per-fork
     * means (see the class comment for the method). NaN bounds when either side has fewer than
     * two forks or a non-positive fork mean.
     */
    public static Estimate ratio(Map<Integer, Double> numerator, Map<Integer, Double> denominator) {
        return ratio(numerator, denominator, 1);
    }

    /**
     * {@link #ratio(Map, Map)} for a sequential measurement that looked at this ratio up to
     * {@code looks} times and stopped once its interval excluded 1: the interval is widened by
     * Bonferroni, {@code 1 - (1 - CONFIDENCE) / looks}, so that the chance of a false difference
     * over all looks stays within {@code 1 - CONFIDENCE}.
     */
    public static Estimate ratio(Map<Integer, Double> numerator, Map<Integer, Double> denominator, int looks) {
        if (looks < 1) throw new IllegalArgumentException("looks: must be at least 1, got " + looks);
        if (numerator.isEmpty() || denominator.isEmpty()) throw new IllegalArgumentException("numerator, denominator: need at least 1 fork each");
        boolean positive = numerator.values().stream().allMatch(v -> v > 0) && denominator.values().stream().allMatch(v -> v > 0);
        if (!positive) {
            double r = mean(numerator).value() / mean(denominator).value();
            return new Estimate(r, Double.NaN, Double.NaN, Math.min(numerator.size(), denominator.size()));
        }
        if (numerator.keySet().equals(denominator.keySet()) && numerator.size() >= 2) {
            List<Double> d = new ArrayList<>();
            for (Integer fork : numerator.keySet()) d.add(Math.log(numerator.get(fork)) - Math.log(denominator.get(fork)));
            double[] xs = d.stream().mapToDouble(Double::doubleValue).toArray();
            double m = Stats.mean(xs);
            double h = t(xs.length - 1, looks) * Stats.standardDeviation(xs) / Math.sqrt(xs.length);
            return new Estimate(Math.exp(m), Math.exp(m - h), Math.exp(m + h), xs.length);
        }
        double[] a = numerator.values().stream().mapToDouble(Math::log).toArray();
        double[] b = denominator.values().stream().mapToDouble(Math::log).toArray();
        double diff = Stats.mean(a) - Stats.mean(b);
        if (a.length < 2 || b.length < 2) return new Estimate(Math.exp(diff), Double.NaN, Double.NaN, Math.min(a.length, b.length));
        double va = variance(a) / a.length;
        double vb = variance(b) / b.length;
        double se = Math.sqrt(va + vb);
        double df = se == 0 ? a.length + b.length - 2
                : (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        double h = t(df, looks) * se;
        return new Estimate(Math.exp(diff), Math.exp(diff - h), Math.exp(diff + h), Math.min(a.length, b.length));
    }

    /**
     * The ratio {@code b / a} from two estimates that carry only half-widths (no per-fork
     * samples, e.g. older run folders): the conservative interval from the smallest to the
     * largest ratio both intervals allow (see {@link Stats#ratioInterval}).
     */
    public static Estimate ratioOfIntervals(double a, double errorA, double b, double errorB) {
        Stats.Interval i = Stats.ratioInterval(a, errorA, b, errorB);
        return new Estimate(b / a, i.low(), i.high(), 0);
    }

    /**
     * A two-sided test that a ratio is 1: the ratio with its interval at {@link #CONFIDENCE},
     * the test statistic of its log, the degrees of freedom (infinite for a normal
     * approximation) and the p-value (NaN when the data cannot be tested).
     */
    public record RatioTest(Estimate ratio, double statistic, double df, double p) { }

    /**
     * Welch's t test of {@code log numerator - log denominator} over fork means, never paired:
     * for two different runs, where fork {@code r} of one has nothing in common with fork
     * {@code r} of the other. Needs at least two positive fork means on each side (else p and the
     * bounds are NaN). The interval is {@link #ratio}'s unpaired (Welch) interval.
     */
    public static RatioTest unpairedLogRatio(Map<Integer, Double> numerator, Map<Integer, Double> denominator) {
        double[] a = numerator.values().stream().mapToDouble(Double::doubleValue).toArray();
        double[] b = denominator.values().stream().mapToDouble(Double::doubleValue).toArray();
        boolean positive = java.util.Arrays.stream(a).allMatch(v -> v > 0) && java.util.Arrays.stream(b).allMatch(v -> v > 0);
        double r = Stats.mean(a) / Stats.mean(b);
        if (a.length < 2 || b.length < 2 || !positive) {
            return new RatioTest(new Estimate(r, Double.NaN, Double.NaN, Math.min(a.length, b.length)), Double.NaN, Double.NaN, Double.NaN);
        }
        double[] la = java.util.Arrays.stream(a).map(Math::log).toArray();
        double[] lb = java.util.Arrays.stream(b).map(Math::log).toArray();
        double diff = Stats.mean(la) - Stats.mean(lb);
        double va = variance(la) / la.length;
        double vb = variance(lb) / lb.length;
        double se = Math.sqrt(va + vb);
        double df = se == 0 ? la.length + lb.length - 2 : (va + vb) * (va + vb) / (va * va / (la.length - 1) + vb * vb / (lb.length - 1));
        double h = t(df) * se;
        Estimate e = new Estimate(Math.exp(diff), Math.exp(diff - h), Math.exp(diff + h), Math.min(la.length, lb.length));
        if (se == 0) return new RatioTest(e, diff == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, diff), df, diff == 0 ? 1 : 0);
        double stat = diff / se;
        return new RatioTest(e, stat, df, 2 * new TDistribution(df).cumulativeProbability(-Math.abs(stat)));
    }

    /**
     * The test of {@code b / a} from two values with stored half-widths only (no samples, e.g.
     * older run folders): each half-width is read as a {@link #CONFIDENCE} normal interval
     * (standard error = half-width / z), the log ratio's standard error by the delta method
     * {@code sqrt((se_a/a)^2 + (se_b/b)^2)}, and a normal (z) test. Half-widths made from few
     * forks are Student-t widths, wider than normal ones, so this errs toward no difference.
     * NaN p when a value is not positive or a half-width is missing.
     */
    public static RatioTest logRatioFromHalfWidths(double a, double errorA, double b, double errorB) {
        if (!(a > 0 && b > 0) || !(errorA >= 0 && errorB >= 0) || Double.isInfinite(errorA) || Double.isInfinite(errorB)) {
            return new RatioTest(new Estimate(b / a, Double.NaN, Double.NaN, 0), Double.NaN, Double.NaN, Double.NaN);
        }
        org.apache.commons.math3.distribution.NormalDistribution normal = new org.apache.commons.math3.distribution.NormalDistribution();
        double z = normal.inverseCumulativeProbability(0.5 + CONFIDENCE / 2);
        double se = Math.hypot(errorA / z / a, errorB / z / b);
        double diff = Math.log(b / a);
        Estimate e = new Estimate(b / a, Math.exp(diff - z * se), Math.exp(diff + z * se), 0);
        if (se == 0) return new RatioTest(e, diff == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, diff), Double.POSITIVE_INFINITY, diff == 0 ? 1 : 0);
        double stat = diff / se;
        return new RatioTest(e, stat, Double.POSITIVE_INFINITY, 2 * normal.cumulativeProbability(-Math.abs(stat)));
    }

    /** The two-sided Student-t quantile for {@link #CONFIDENCE} with {@code df} degrees of freedom. */
    public static double t(double df) {
        return t(df, 1);
    }

    /** The quantile for {@code looks} Bonferroni-split looks at the same quantity. */
    static double t(double df, int looks) {
        double alpha = (1 - CONFIDENCE) / looks;
        return new TDistribution(df).inverseCumulativeProbability(1 - alpha / 2);
    }

    private static double variance(double[] xs) {
        double sd = Stats.standardDeviation(xs);
        return sd * sd;
    }

    /**
     * Benjamini-Hochberg: which of {@code pValues} are discoveries when the false discovery rate
     * is controlled at {@code q} (e.g. 0.01): sort the p-values, find the largest rank k with
     * {@code p(k) <= k q / m}, and call the k smallest discoveries.
     */
    public static boolean[] benjaminiHochberg(double[] pValues, double q) {
        if (!(q > 0 && q < 1)) throw new IllegalArgumentException("q: must be in (0, 1), got " + q);
        int m = pValues.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) order[i] = i;
        java.util.Arrays.sort(order, (x, y) -> Double.compare(pValues[x], pValues[y]));
        int k = 0;
        for (int rank = 1; rank <= m; rank++) {
            double p = pValues[order[rank - 1]];
            if (!Double.isNaN(p) && p <= rank * q / m) k = rank;
        }
        boolean[] out = new boolean[m];
        for (int rank = 1; rank <= k; rank++) out[order[rank - 1]] = true;
        return out;
    }
}
