package maplab.conclude;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import maplab.conclude.Finding.Verdict;
import maplab.stats.Estimates.Estimate;
import org.junit.jupiter.api.Test;

/** The equivalence verdict: an interval wholly inside a declared margin, and only then. */
class EquivalenceTest {

    static Finding ratio(double value, double low, double high, double margin) {
        return Finding.timeRatio("r", "A", "B", new Estimate(value, low, high, 10), margin);
    }

    @Test
    void anIntervalInsideTheMarginIsEquivalent() {
        Finding f = ratio(1.004, 0.969, 1.042, 0.10);
        assertThat(f.verdict()).isEqualTo(Verdict.EQUIVALENT);
        assertThat(f.verdictLabel()).isEqualTo("equivalent within ±10%");
        assertThat(f.text()).isEqualTo("A took 1.00x the time of B (99% interval 0.97x to 1.04x): equivalent within ±10%");
        assertThat(f.margin()).isEqualTo(0.10);
    }

    @Test
    void anIntervalIncludingOneButReachingOutsideTheMarginIsNoDetectableDifference() {
        Finding f = ratio(1.017, 0.938, 1.104, 0.10);
        assertThat(f.verdict()).isEqualTo(Verdict.NO_DIFFERENCE);
        assertThat(f.text()).startsWith("No detectable difference in this run");
        assertThat(ratio(1.0, 0.70, 1.40, 0.10).verdict()).isEqualTo(Verdict.NO_DIFFERENCE);
        assertThat(ratio(0.95, 0.90, 1.05, 0.10).verdict()).as("low end below 1/1.10").isEqualTo(Verdict.NO_DIFFERENCE);
    }

    @Test
    void anIntervalExcludingOneStaysADifferenceEvenInsideTheMargin() {
        Finding f = ratio(1.05, 1.02, 1.08, 0.10);
        assertThat(f.verdict()).isEqualTo(Verdict.HIGHER);
        assertThat(f.text()).endsWith("1.05x slower");
        assertThat(ratio(0.96, 0.93, 0.98, 0.10).verdict()).isEqualTo(Verdict.LOWER);
    }

    @Test
    void withoutAMarginTheSameIntervalIsNoDetectableDifference() {
        Finding f = Finding.timeRatio("r", "A", "B", new Estimate(1.004, 0.969, 1.042, 10));
        assertThat(f.verdict()).isEqualTo(Verdict.NO_DIFFERENCE);
        assertThat(f.hasMargin()).isFalse();
        assertThat(f.verdictLabel()).isEqualTo("no detectable difference");
    }

    @Test
    void aDifferenceTakesItsMarginInItsOwnUnit() {
        Finding inside = Finding.versus("d", new Estimate(0.1, -0.3, 0.4, 10), 0, "ns", Finding.Basis.TIMING, "A minus B: %.1f ns", 0.5);
        assertThat(inside.verdict()).isEqualTo(Verdict.EQUIVALENT);
        assertThat(inside.verdictLabel()).isEqualTo("equivalent within ±0.500 ns");
        assertThat(inside.text()).endsWith("): equivalent within ±0.500 ns");
        Finding wider = Finding.versus("d", new Estimate(0.1, -0.6, 0.4, 10), 0, "ns", Finding.Basis.TIMING, "A minus B: %.1f ns", 0.5);
        assertThat(wider.verdict()).isEqualTo(Verdict.NO_DIFFERENCE);
    }

    @Test
    void theMarginKeepsThroughGroupsAndConditionsAndBadMarginsAreRefused() {
        Finding f = ratio(1.004, 0.969, 1.042, 0.10).where("n_keys", 4).inGroup("peers").at("4 keys");
        assertThat(f.margin()).isEqualTo(0.10);
        assertThat(f.verdict()).isEqualTo(Verdict.EQUIVALENT);
        assertThatThrownBy(() -> ratio(1, 0.9, 1.1, -0.1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("margin");
        Finding exactOne = Finding.timeRatio("r", "A", "B", new Estimate(1, 1, 1, 10), Finding.NO_MARGIN);
        assertThat(exactOne.verdict()).as("no margin, no equivalence").isEqualTo(Verdict.NO_DIFFERENCE);
        assertThat(Finding.timeRatio("r", "A", "B", new Estimate(1, 1, 1, 10), Double.NaN)).isEqualTo(exactOne);
    }

    @Test
    void equivalentIsNoDifferenceAndOpposesNothing() {
        assertThat(Verdict.EQUIVALENT.isNoDifference()).isTrue();
        assertThat(Verdict.EQUIVALENT.isDifference()).isFalse();
        assertThat(Verdict.EQUIVALENT.opposes(Verdict.HIGHER) || Verdict.EQUIVALENT.opposes(Verdict.NO_DIFFERENCE)).isFalse();
        assertThat(Verdict.parse("equivalent")).isEqualTo(Verdict.EQUIVALENT);
        assertThat(Verdict.parse("equivalent within ±10%")).isEqualTo(Verdict.EQUIVALENT);
    }
}
