package maplab.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The run level against worked numbers: three runs of the fastutil trap ratio on the log scale
 * (values 1.60, 2.06, 1.79; 99% half-widths 0.274, 0.106, 0.15), computed by hand with
 * z = 2.5758293 and Student-t quantiles t(0.995, 2) = 9.9248432, t(0.995, 3.0549) = 5.738051.
 */
class BetweenRunsTest {

    private static final List<BetweenRuns.RunValue> TRAP = List.of(
            new BetweenRuns.RunValue(1.60, 0.274), new BetweenRuns.RunValue(2.06, 0.106), new BetweenRuns.RunValue(1.79, 0.15));

    @Test
    void combinesRunsByMethodOfMoments() {
        // variance of the values 0.0534333, mean within-run variance (h/z)^2 0.0054667: tau^2 = 0.0479667
        BetweenRuns.Combined c = BetweenRuns.combine(TRAP);
        assertThat(c.value()).isCloseTo(1.8166667, within(1e-6));
        assertThat(c.tau()).isCloseTo(0.2190130, within(1e-6));
        assertThat(c.runs()).isEqualTo(3);
        // t(2) * sqrt(0.0534333 / 3) = 9.9248432 * 0.1334583
        assertThat(c.high() - c.value()).isCloseTo(1.3245525, within(1e-6));
        assertThat(c.value() - c.low()).isCloseTo(1.3245525, within(1e-6));
    }

    @Test
    void runsThatAgreeWithinTheirOwnErrorsHaveNoBetweenRunSpread() {
        BetweenRuns.Combined c = BetweenRuns.combine(List.of(
                new BetweenRuns.RunValue(1.00, 0.30), new BetweenRuns.RunValue(1.02, 0.30), new BetweenRuns.RunValue(0.99, 0.30)));
        assertThat(c.tau()).isZero();
        // never narrower than the runs' own errors allow: t(2) * (0.30 / z) / sqrt(3)
        assertThat(c.high() - c.value()).isCloseTo(9.9248432 * 0.30 / 2.5758293 / Math.sqrt(3), within(1e-6));
    }

    @Test
    void widensALaterRunByWelchSatterthwaite() {
        // se^2 = (0.274 / z)^2 = 0.0113150, tau^2 = 0.0479667, df = 0.0592817^2 / (0.0479667^2 / 2) = 3.05490
        assertThat(BetweenRuns.widenedHalfWidth(0.274, 0.2190130, 3)).isCloseTo(5.738051 * Math.sqrt(0.0592817), within(2e-5));
        // a spread small beside the run's own error barely widens it (df about 517)
        assertThat(BetweenRuns.widenedHalfWidth(0.2, 0.02, 3)).isCloseTo(0.2072941, within(2e-6));
        assertThat(BetweenRuns.widenedHalfWidth(0.2, 0, 3)).isEqualTo(0.2);
        assertThat(BetweenRuns.widenedHalfWidth(Double.POSITIVE_INFINITY, 0.1, 3)).isInfinite();
    }

    @Test
    void aRunWhoseDegreesOfFreedomAreKnownIsReadWithStudentT() {
        // 5 df each: se = h / t(0.995, 5) = h / 4.0321430; mean within-run variance 0.0022309, tau^2 = 0.0512024
        List<BetweenRuns.RunValue> runs = TRAP.stream().map(r -> new BetweenRuns.RunValue(r.value(), r.halfWidth(), 5)).toList();
        BetweenRuns.Combined c = BetweenRuns.combine(runs);
        assertThat(c.tau()).isCloseTo(0.2262795, within(1e-6));
        assertThat(c.high() - c.value()).isCloseTo(1.3245525, within(1e-6));
        // fold: se^2 = 0.0046177, df = (se^2 + tau^2)^2 / (se^4 / 5 + tau^4 / 2) = 2.36930, t(0.995, 2.3693) = 7.683239
        assertThat(BetweenRuns.widenedHalfWidth(runs.get(0), c.tau(), 3)).isCloseTo(1.8152642, within(2e-5));
    }

    @Test
    void aSmallSpreadBesideFewForksNeverNarrowsTheInterval() {
        // 3 df: t = 5.8409; tau^2 a tenth of se^2 gives WS df 3.576 and t(3.576) * sqrt(1.1) = 5.2426 se, below 5.8409 se
        BetweenRuns.RunValue few = new BetweenRuns.RunValue(0, 5.8409093, 3);
        assertThat(BetweenRuns.widenedHalfWidth(few, Math.sqrt(0.1), 3)).isEqualTo(5.8409093);
    }

    @Test
    void aSpreadThatDominatesTendsToStudentTWithRunsMinusOneDegreesOfFreedom() {
        assertThat(BetweenRuns.widenedHalfWidth(1e-9, 0.1, 3)).isCloseTo(9.9248432 * 0.1, within(1e-6));
    }

    @Test
    void refusesTooFewRunsAndRunsWithoutAnInterval() {
        assertThatThrownBy(() -> BetweenRuns.combine(TRAP.subList(0, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runs: need at least 3 runs, got 2");
        assertThatThrownBy(() -> BetweenRuns.combine(List.of(TRAP.get(0), TRAP.get(1), new BetweenRuns.RunValue(1, Double.NaN))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("run 3 has no finite value and interval");
        assertThatThrownBy(() -> BetweenRuns.widenedHalfWidth(0.1, -1, 3)).hasMessageContaining("tau:");
    }
}
