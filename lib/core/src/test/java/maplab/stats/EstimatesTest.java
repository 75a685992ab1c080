package maplab.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.TreeMap;
import maplab.stats.Estimates.Estimate;
import org.junit.jupiter.api.Test;

/** Worked values (computed by hand from the formulas, t quantiles from tables) for the intervals findings rest on. */
class EstimatesTest {

    private static Map<Integer, Double> forks(int firstFork, double... means) {
        Map<Integer, Double> m = new TreeMap<>();
        for (int i = 0; i < means.length; i++) m.put(firstFork + i, means[i]);
        return m;
    }

    @Test
    void theConfidenceLevelIsOneDocumentedValue() {
        assertThat(Estimates.CONFIDENCE).isEqualTo(0.99);
        assertThat(Estimates.t(3)).isCloseTo(5.840909, within(1e-5));
        assertThat(Estimates.t(4)).isCloseTo(4.604095, within(1e-5));
    }

    @Test
    void anIntervalOfANonNegativeQuantityIsBoundedAtZero() {
        // bytes per operation of 0.1, 0.0, 0.3, 0.0 over four forks: the t interval reaches below zero, bytes cannot
        Estimate bytes = new Estimate(0.1, -0.35, 0.55, 4);
        assertThat(bytes.atLeast(0)).isEqualTo(new Estimate(0.1, 0.0, 0.55, 4));
        Estimate clear = new Estimate(4.0, 3.5, 4.5, 4);
        assertThat(clear.atLeast(0)).isSameAs(clear);
    }

    @Test
    void pairedRatioUsesPerRoundLogRatios() {
        // log ratios ln 2.0, ln 2.2, ln 1.9, ln 2.1: geometric mean 2.04695, t(0.995, 3) = 5.8409
        Estimate r = Estimates.ratio(forks(0, 2.0, 2.2, 1.9, 2.1), forks(0, 1.0, 1.0, 1.0, 1.0));
        assertThat(r.value()).isCloseTo(2.046946, within(1e-5));
        assertThat(r.low()).isCloseTo(1.702484, within(1e-5));
        assertThat(r.high()).isCloseTo(2.461103, within(1e-5));
        assertThat(r.n()).isEqualTo(4);
    }

    @Test
    void pairingCancelsNoiseThatHitsBothSidesOfARound() {
        // a round that is 3x slower for everyone: paired, the ratio is exactly 2 in every round
        Estimate paired = Estimates.ratio(forks(0, 2, 6, 2), forks(0, 1, 3, 1));
        assertThat(paired.low()).isCloseTo(2, within(1e-12));
        assertThat(paired.high()).isCloseTo(2, within(1e-12));
        Estimate unpaired = Estimates.ratio(forks(0, 2, 6, 2), forks(10, 1, 3, 1));
        assertThat(unpaired.high() / unpaired.low()).isGreaterThan(5);
    }

    @Test
    void unpairedRatioUsesWelchOnLogs() {
        // logs 1,2,3 vs 0,1,2: difference 1, se sqrt(2/3), Welch df exactly 4, t(0.995, 4) = 4.6041
        Estimate r = Estimates.ratio(forks(0, Math.exp(1), Math.exp(2), Math.exp(3)), forks(5, 1, Math.exp(1), Math.exp(2)));
        assertThat(r.value()).isCloseTo(Math.E, within(1e-9));
        assertThat(r.low()).isCloseTo(0.0633407, within(1e-6));
        assertThat(r.high()).isCloseTo(116.6558, within(1e-3));
    }

    @Test
    void sequentialLooksWidenTheIntervalByBonferroni() {
        Map<Integer, Double> a = forks(0, 2.0, 2.2, 1.9, 2.1);
        Map<Integer, Double> b = forks(0, 1.0, 1.0, 1.0, 1.0);
        Estimate once = Estimates.ratio(a, b, 1);
        Estimate fiveLooks = Estimates.ratio(a, b, 5);
        assertThat(once).isEqualTo(Estimates.ratio(a, b));
        // alpha 0.01 / 5 = 0.002: t(0.999, 3) = 10.2145 instead of 5.8409
        double logHalf = Math.log(fiveLooks.high() / fiveLooks.value());
        assertThat(logHalf / Math.log(once.high() / once.value())).isCloseTo(10.21453 / 5.840909, within(1e-4));
        assertThat(fiveLooks.value()).isEqualTo(once.value());
    }

    @Test
    void oneForkHasNoInterval() {
        Estimate r = Estimates.ratio(forks(0, 2.0), forks(0, 1.0));
        assertThat(r.value()).isEqualTo(2.0);
        assertThat(r.hasInterval()).isFalse();
        assertThat(Estimates.mean(forks(0, 3.0)).hasInterval()).isFalse();
    }

    @Test
    void meanOfForkMeans() {
        // 10, 12, 14: mean 12, sd 2, t(0.995, 2) = 9.9248 -> half-width 9.9248 * 2 / sqrt(3) = 11.4602
        Estimate m = Estimates.mean(forks(0, 10, 12, 14));
        assertThat(m.value()).isEqualTo(12.0);
        assertThat(m.halfWidth()).isCloseTo(11.4602, within(1e-3));
    }

    @Test
    void growthExponentCarriesTheFitsInterval() {
        // y ~ x^2 with noise at x = 1, 2, 4, 8; slope 2.00170, t(0.995, 2) = 9.9248
        Stats.Growth g = Stats.growth(new double[] {1, 2, 4, 8}, new double[] {1.0, 4.2, 15.5, 66.0});
        assertThat(g.exponent()).isCloseTo(2.001699, within(1e-5));
        assertThat(g.exponentLow()).isCloseTo(1.724167, within(1e-4));
        assertThat(g.exponentHigh()).isCloseTo(2.279231, within(1e-4));
        assertThat(Stats.growth(new double[] {1, 2}, new double[] {1, 4}).exponentEstimate().hasInterval()).isFalse();
    }

    @Test
    void benjaminiHochbergWorkedExample() {
        double[] p = {0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216};
        assertThat(Estimates.benjaminiHochberg(p, 0.05)).containsExactly(true, true, false, false, false, false, false, false, false, false);
        // step-up: a p-value above its own threshold is still a discovery when a larger rank passes
        assertThat(Estimates.benjaminiHochberg(new double[] {0.03, 0.02}, 0.05)).containsExactly(true, true);
        assertThatThrownBy(() -> Estimates.benjaminiHochberg(p, 1.5)).hasMessageContaining("q:");
    }

    @Test
    void unpairedLogRatioTestIsWelchOnLogsWithAPValue() {
        // logs 1,2,3 vs 0,1,2: difference 1, se sqrt(2/3), t = 1.224745, Welch df 4;
        // p = 1 - t (t^2 + 6) / (t^2 + 4)^1.5 for 4 degrees of freedom = 0.2878641
        // (same fork indices on both sides: still unpaired, forks of two runs are not rounds)
        Estimates.RatioTest r = Estimates.unpairedLogRatio(forks(0, Math.exp(1), Math.exp(2), Math.exp(3)), forks(0, 1, Math.exp(1), Math.exp(2)));
        assertThat(r.ratio().value()).isCloseTo(Math.E, within(1e-9));
        assertThat(r.statistic()).isCloseTo(1.224745, within(1e-6));
        assertThat(r.df()).isCloseTo(4, within(1e-9));
        assertThat(r.p()).isCloseTo(0.2878641, within(1e-6));
        assertThat(r.ratio().low()).isCloseTo(0.0633407, within(1e-6));
        assertThat(r.ratio().high()).isCloseTo(116.6558, within(1e-3));
        // a clear difference: every fork of B 2x A's, small spread
        assertThat(Estimates.unpairedLogRatio(forks(0, 2.0, 2.02, 1.98, 2.01), forks(0, 1.0, 1.01, 0.99, 1.0)).p()).isLessThan(1e-6);
        assertThat(Estimates.unpairedLogRatio(forks(0, 2.0), forks(0, 1.0, 1.1)).p()).isNaN();
    }

    @Test
    void halfWidthTestIsANormalApproximationOnTheLogRatio() {
        // a = 100, b = 110, each with standard error 5% (half-width z * se, z = 2.575829):
        // se of the log ratio 0.05 sqrt 2 = 0.0707107, z = ln 1.1 / 0.0707107 = 1.347889, p = 0.1776939
        double z = 2.5758293035489;
        Estimates.RatioTest r = Estimates.logRatioFromHalfWidths(100, z * 5, 110, z * 5.5);
        assertThat(r.statistic()).isCloseTo(1.347889, within(1e-6));
        assertThat(r.p()).isCloseTo(0.1776939, within(1e-6));
        assertThat(r.ratio().low()).isCloseTo(0.9168344, within(1e-6));
        assertThat(r.ratio().high()).isCloseTo(1.3197586, within(1e-6));
        assertThat(Estimates.logRatioFromHalfWidths(100, Double.NaN, 110, 1).p()).isNaN();
        assertThat(Estimates.logRatioFromHalfWidths(100, 0, 100, 0).p()).isEqualTo(1.0);
    }
}
