package maplab.conclude;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import maplab.stats.BetweenRuns;
import maplab.stats.Estimates.Estimate;
import org.junit.jupiter.api.Test;

/** Findings over several runs, and a later run's finding with the between-run spread folded in. */
class BetweenRunTest {

    private static final List<String> RUNS = List.of("r1", "r2", "r3");

    /** A time ratio with a log-symmetric interval exp(log value ± h), its forks unknown (its half-width read as normal). */
    private static Finding ratio(double value, double h) {
        return Finding.timeRatio("trap", "ordered", "shuffled", new Estimate(value, value * Math.exp(-h), value * Math.exp(h), 0));
    }

    @Test
    void aFindingKnowsTheForksBehindItsIntervalAndTheFoldUsesThem() {
        Finding run = Finding.timeRatio("trap", "ordered", "shuffled", new Estimate(4.95, 4.95 * Math.exp(-0.274), 4.95 * Math.exp(0.274), 6));
        assertThat(run.n()).isEqualTo(6);
        Finding f = BetweenRun.fold(run, new BetweenRun(0.2262795, BetweenRun.LOG, RUNS, false));
        assertThat(Math.log(f.high() / f.value())).isCloseTo(1.8152642, within(2e-5));
    }

    @Test
    void combinesRatiosOnTheLogScale() {
        List<Finding> runs = List.of(ratio(Math.exp(1.60), 0.274), ratio(Math.exp(2.06), 0.106), ratio(Math.exp(1.79), 0.15));
        Finding c = BetweenRun.combine(runs, RUNS);
        // the worked numbers of BetweenRunsTest, back on the ratio scale
        assertThat(Math.log(c.value())).isCloseTo(1.8166667, within(1e-6));
        assertThat(Math.log(c.high()) - Math.log(c.value())).isCloseTo(1.3245525, within(1e-6));
        assertThat(c.betweenRun().sd()).isCloseTo(0.2190130, within(1e-6));
        assertThat(c.betweenRun().scale()).isEqualTo(BetweenRun.LOG);
        assertThat(c.betweenRun().runIds()).containsExactly("r1", "r2", "r3");
        assertThat(c.betweenRun().folded()).isFalse();
        assertThat(c.verdict()).isEqualTo(Finding.Verdict.HIGHER);
        assertThat(c.text()).startsWith("Over 3 runs: 6.15x (99% interval 1.64x to 23.1x; sd 24.5% between runs): above 1. The first run: ordered took");
    }

    @Test
    void aCountEqualInEveryRunStaysAsItIsWithNoSpread() {
        Finding probes = Finding.count("max_probe", 161, "probes", "%.0f probes");
        Finding c = BetweenRun.combine(List.of(probes, probes, probes), RUNS);
        assertThat(c.value()).isEqualTo(161);
        assertThat(c.text()).isEqualTo(probes.text());
        assertThat(c.betweenRun().sd()).isZero();
    }

    @Test
    void aBoundOrAFindingMissingFromARunIsNotCombined() {
        Finding bound = Finding.ratioAtLeast("same_hash", "a", "b", Finding.Quantity.TIME, 53, "budget");
        assertThat(BetweenRun.combine(List.of(bound, bound, bound), RUNS)).isSameAs(bound);
        Finding only = ratio(2, 0.1);
        List<Finding> combined = BetweenRun.combineAll(List.of(List.of(only), List.of(), List.of(only)), RUNS);
        assertThat(combined).containsExactly(only);
    }

    @Test
    void foldingWidensTheIntervalAroundTheSameValueAndSaysSo() {
        Finding run = ratio(4.95, 0.274);
        BetweenRun spread = new BetweenRun(0.2190130, BetweenRun.LOG, RUNS, false);
        Finding f = BetweenRun.fold(run, spread);
        double h = BetweenRuns.widenedHalfWidth(0.274, 0.2190130, 3);
        assertThat(f.value()).isEqualTo(4.95);
        assertThat(Math.log(f.high() / f.value())).isCloseTo(h, within(1e-9));
        assertThat(Math.log(f.value() / f.low())).isCloseTo(h, within(1e-9));
        assertThat(f.verdict()).isEqualTo(Finding.Verdict.HIGHER);
        assertThat(f.betweenRun().folded()).isTrue();
        assertThat(f.text()).contains("99% interval " + Finding.formatRatio(f.low()) + " to " + Finding.formatRatio(f.high())
                + " with the between-run spread of 3 runs (sd 24.5% between runs)").endsWith("4.95x slower");
    }

    @Test
    void foldingCanTurnADifferenceIntoNoDetectableDifference() {
        Finding run = ratio(1.2, 0.1);
        assertThat(run.verdict()).isEqualTo(Finding.Verdict.HIGHER);
        Finding f = BetweenRun.fold(run, new BetweenRun(0.15, BetweenRun.LOG, RUNS, false));
        assertThat(f.verdict()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);
        assertThat(f.low()).isLessThan(1);
        assertThat(f.text()).startsWith("No detectable difference across runs: with the between-run spread of 3 runs")
                .contains("includes 1 (this run alone: ordered took 1.20x the time of shuffled");
    }

    @Test
    void foldingCanLoseEquivalenceButKeepsTheMargin() {
        Finding run = Finding.timeRatio("same", "a", "b", new Estimate(1.0, 0.97, 1.03, 6), 0.10);
        assertThat(run.verdict()).isEqualTo(Finding.Verdict.EQUIVALENT);
        assertThat(BetweenRun.fold(run, new BetweenRun(0.005, BetweenRun.LOG, RUNS, false)).verdict()).isEqualTo(Finding.Verdict.EQUIVALENT);
        Finding wide = BetweenRun.fold(run, new BetweenRun(0.05, BetweenRun.LOG, RUNS, false));
        assertThat(wide.verdict()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);
        assertThat(wide.margin()).isEqualTo(0.10);
    }

    @Test
    void aDifferenceFoldsOnItsNaturalScaleAroundItsNeutralPoint() {
        Finding run = Finding.versus("share", new Estimate(0.62, 0.58, 0.66, 100), 0.5, "fraction", Finding.Basis.TIMING, "share %.2f");
        assertThat(run.verdict()).isEqualTo(Finding.Verdict.HIGHER);
        Finding f = BetweenRun.fold(run, new BetweenRun(0.05, BetweenRun.NATURAL, RUNS, false));
        assertThat(f.high() - f.value()).isCloseTo(BetweenRuns.widenedHalfWidth(new BetweenRuns.RunValue(0.62, 0.04, 99), 0.05, 3), within(1e-9));
        assertThat(f.verdict()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);
        assertThat(f.text()).contains("includes 0.5");
    }

    @Test
    void noSpreadOrNoIntervalLeavesTheFindingAsItIs() {
        Finding run = ratio(2, 0.1);
        assertThat(BetweenRun.fold(run, new BetweenRun(0, BetweenRun.LOG, RUNS, false))).isSameAs(run);
        Finding none = Finding.notComputed("trap", "no rows");
        assertThat(BetweenRun.fold(none, new BetweenRun(0.1, BetweenRun.LOG, RUNS, false))).isSameAs(none);
    }
}
