package maplab.stats;

import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The run level of repetition: what several independent runs of one finding (other sessions,
 * other machines of the same kind; same experiment, profile and parameters) say beyond what one
 * run's forks can show. A random-effects model with one component per level (Kalibera and Jones,
 * "Rigorous Benchmarking in Reasonable Time", ISMM 2013; Georges, Buytaert and Eeckhout, OOPSLA
 * 2007): run {@code i}'s value is {@code mu + b_i + e_i}, {@code b_i} the run's own offset with
 * variance {@code tau²} (machine, session, day), {@code e_i} its within-run error (forks, rounds)
 * with variance {@code se_i²}. Iterations inside a fork are not a level: they are not independent.
 *
 * <p>Everything here works on the finding's analysis scale: the log for a ratio (its interval is
 * symmetric there), the natural scale for a difference or a count. A run's half-width {@code h}
 * is read as {@code t(df) * se} with the Student-t quantile of {@link Estimates#CONFIDENCE} for its
 * degrees of freedom (forks - 1), or {@code z * se} (normal) when they are unknown (a finding read
 * back from findings.json): with few forks that overstates {@code se}, so the between-run
 * component comes out smaller, never larger, than the data show. Where an interval was widened
 * for sequential looks (Bonferroni) {@code se} is overstated the same way, a little.
 */
public final class BetweenRuns {

    /** Fewest runs a between-run spread is estimated from. */
    public static final int MIN_RUNS = 3;

    private static final double Z = new NormalDistribution().inverseCumulativeProbability(0.5 + Estimates.CONFIDENCE / 2);

    private BetweenRuns() { }

    /**
     * One run's value with the half-width of its interval at {@link Estimates#CONFIDENCE} on the
     * analysis scale, and that interval's degrees of freedom (infinite when unknown).
     */
    public record RunValue(double value, double halfWidth, double df) {

        /** A run whose interval's degrees of freedom are unknown (read as normal). */
        public RunValue(double value, double halfWidth) {
            this(value, halfWidth, Double.POSITIVE_INFINITY);
        }

        /** The standard error behind the half-width: {@code halfWidth / t(df)}. */
        public double se() {
            return halfWidth / quantile(df);
        }
    }

    /** The two-sided quantile of {@link Estimates#CONFIDENCE} for {@code df} degrees of freedom; normal for infinite or unknown ones. */
    static double quantile(double df) {
        return df >= 1 && Double.isFinite(df) ? Estimates.t(df) : Z;
    }

    /**
     * Runs combined: the mean of their values with its interval at {@link Estimates#CONFIDENCE},
     * the between-run standard deviation {@code tau} and the number of runs, on the analysis scale.
     */
    public record Combined(double value, double low, double high, double tau, int runs) { }

    /**
     * Combines {@code k >= 3} runs. {@code tau²} by the method of moments: the variance of the run
     * values minus the mean within-run variance, floored at 0 (unweighted, as Kalibera and Jones's
     * estimators for balanced designs; DerSimonian-Laird's weights would come from the same
     * half-width readings, and with three runs a mis-read weight moves the result more than it
     * gains). The value is the plain mean of the runs (each run counts once, like each fork
     * within a run); its interval is Student-t with {@code k - 1} degrees of freedom on the
     * variance of the run values, never below the mean within-run variance (three runs that agree
     * by chance do not make the reference surer than its runs).
     *
     * @throws IllegalArgumentException with fewer than {@link #MIN_RUNS} runs or a run without a finite value and half-width
     */
    public static Combined combine(List<RunValue> runs) {
        if (runs.size() < MIN_RUNS) throw new IllegalArgumentException("runs: need at least " + MIN_RUNS + " runs, got " + runs.size());
        double[] values = new double[runs.size()];
        double within = 0;
        for (int i = 0; i < values.length; i++) {
            RunValue r = runs.get(i);
            if (!Double.isFinite(r.value()) || !(r.halfWidth() >= 0) || Double.isInfinite(r.halfWidth())) {
                throw new IllegalArgumentException("runs: run " + (i + 1) + " has no finite value and interval (" + r + ")");
            }
            values[i] = r.value();
            within += Math.pow(r.se(), 2) / values.length;
        }
        double mean = Stats.mean(values);
        double s = Stats.standardDeviation(values);
        double tau = Math.sqrt(Math.max(0, s * s - within));
        double h = Estimates.t(values.length - 1) * Math.sqrt(Math.max(s * s, within) / values.length);
        return new Combined(mean, mean - h, mean + h, tau, values.length);
    }

    /**
     * The half-width of a later run's interval ({@code own}: its half-width and degrees of
     * freedom) with a between-run standard deviation {@code tau} (estimated from {@code runs} runs)
     * folded in: {@code t(df) * sqrt(se² + tau²)} with {@code se = own.se()} and the
     * Welch-Satterthwaite degrees of freedom {@code (se² + tau²)² / (se⁴ / df_own + tau⁴ / (runs - 1))}.
     * Never below the run's own half-width. With {@code tau = 0} the half-width is unchanged; when
     * {@code tau} dominates the quantile tends to Student-t with {@code runs - 1} degrees of freedom:
     * three runs say little about how much runs differ. An unknown or infinite half-width is
     * returned as is.
     */
    public static double widenedHalfWidth(RunValue own, double tau, int runs) {
        if (runs < MIN_RUNS - 1) throw new IllegalArgumentException("runs: need at least " + MIN_RUNS + " runs behind tau, got " + runs);
        if (!(tau >= 0) || Double.isInfinite(tau)) throw new IllegalArgumentException("tau: a finite standard deviation >= 0, got " + tau);
        if (tau == 0 || !Double.isFinite(own.halfWidth())) return own.halfWidth();
        double within = Math.pow(own.se(), 2);
        double between = tau * tau;
        double ownDf = own.df() >= 1 && Double.isFinite(own.df()) ? own.df() : Double.POSITIVE_INFINITY;
        double df = Math.pow(within + between, 2) / (within * within / ownDf + between * between / (runs - 1));
        // Welch-Satterthwaite's df can exceed the run's own (a spread with more df beside few forks), and its
        // quantile drop more than the variance grows: an interval that includes more variation is never narrower
        return Math.max(own.halfWidth(), Estimates.t(df) * Math.sqrt(within + between));
    }

    /** {@link #widenedHalfWidth(RunValue, double, int)} for a half-width whose degrees of freedom are unknown (read as normal). */
    public static double widenedHalfWidth(double halfWidth, double tau, int runs) {
        return widenedHalfWidth(new RunValue(0, halfWidth), tau, runs);
    }

    /** The normal quantile a stored half-width is read with ({@code h = z * se}). */
    public static double z() {
        return Z;
    }
}
