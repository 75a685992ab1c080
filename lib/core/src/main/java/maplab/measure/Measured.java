package maplab.measure;

import java.util.List;
import maplab.stats.Estimates;
import maplab.stats.Estimates.Estimate;
import maplab.stats.Estimates.Sample;

/**
 * A measured quantity as stored in a run: its value, the half-width of its interval at
 * {@link Estimates#CONFIDENCE} over forks (NaN with one fork), and the samples behind it (fork,
 * iteration, value), so conclusions can be recomputed from the run folder.
 */
public record Measured(double value, double error, List<Sample> samples) {

    public Measured {
        samples = List.copyOf(samples);
    }

    /** From samples: the mean of fork means and its Student-t half-width over forks. */
    public static Measured of(List<Sample> samples) {
        Estimate e = Estimates.mean(Estimates.forkMeans(samples));
        return new Measured(e.value(), e.hasInterval() ? e.halfWidth() : Double.NaN, samples);
    }

    /** Every sample and the value multiplied by {@code factor} (per-entry from per-operation, ms from ns...). */
    public Measured scaled(double factor) {
        return new Measured(value * factor, error * factor,
                samples.stream().map(s -> new Sample(s.fork(), s.iteration(), s.value() * factor)).toList());
    }

    /** The per-fork means. */
    public java.util.SortedMap<Integer, Double> forkMeans() {
        return Estimates.forkMeans(samples);
    }

    /** The estimate with its interval over forks. */
    public Estimate estimate() {
        return Estimates.mean(forkMeans());
    }

    /**
     * The ratio {@code this / denominator} with its interval: from per-fork samples when both
     * have them ({@link Estimates#ratio}: paired by round when the forks match), else from the
     * two stored half-widths ({@link Estimates#ratioOfIntervals}, conservative).
     */
    public Estimate ratioTo(Measured denominator) {
        return ratioTo(denominator, 1);
    }

    /** {@link #ratioTo(Measured)} for a ratio measured sequentially with up to {@code looks} looks ({@link Estimates#ratio(java.util.Map, java.util.Map, int)}). */
    public Estimate ratioTo(Measured denominator, int looks) {
        if (!samples.isEmpty() && !denominator.samples.isEmpty()) return Estimates.ratio(forkMeans(), denominator.forkMeans(), looks);
        return Estimates.ratioOfIntervals(denominator.value, denominator.error, value, error);
    }

    /** The largest single sample (e.g. to see whether a single shot ran out of its budget). */
    public double max() {
        return samples.stream().mapToDouble(Sample::value).max().orElse(Double.NaN);
    }
}
