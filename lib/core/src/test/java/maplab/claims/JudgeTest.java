package maplab.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import maplab.claims.Claim.Combine;
import maplab.claims.Claim.Prediction;
import maplab.conclude.Finding;
import maplab.conclude.Finding.Verdict;
import org.junit.jupiter.api.Test;

/** Statuses come from verdicts and intervals, never from the ledger's words. */
class JudgeTest {

    static Finding ratio(String id, double value, double low, double high, Verdict verdict) {
        return new Finding(id, value, "x", low, high, Finding.Basis.TIMING, verdict, "", Map.of());
    }

    static Finding count(String id, double value) {
        return new Finding(id, value, "count", value, value, Finding.Basis.COUNT, null, "", Map.of());
    }

    static Claim.Test test(String finding, Prediction p, double than) {
        return new Claim.Test("exp", finding, p, than);
    }

    static Claim.Test test(String finding, Prediction p) {
        return test(finding, p, Double.NaN);
    }

    @Test
    void aRatioWhoseIntervalIncludesOneIsNoDetectableDifference() {
        Finding f = ratio("r", 1.12, 0.85, 1.47, Verdict.NO_DIFFERENCE);
        assertThat(Judge.status(test("r", Prediction.HIGHER), f)).isEqualTo(Status.NO_DIFFERENCE);
        assertThat(Judge.status(test("r", Prediction.LOWER), f)).isEqualTo(Status.NO_DIFFERENCE);
        assertThat(Judge.status(test("r", Prediction.NO_DIFFERENCE), f)).isEqualTo(Status.HOLDS);
    }

    @Test
    void equivalenceHoldsForNoDifferenceAndIsNoDetectableDifferenceForADirection() {
        Finding f = Finding.timeRatio("r", "A", "B", new maplab.stats.Estimates.Estimate(1.004, 0.969, 1.042, 10), 0.10);
        assertThat(f.verdict()).isEqualTo(Verdict.EQUIVALENT);
        assertThat(Judge.status(test("r", Prediction.NO_DIFFERENCE), f)).isEqualTo(Status.HOLDS);
        assertThat(Judge.status(test("r", Prediction.HIGHER), f)).isEqualTo(Status.NO_DIFFERENCE);
        assertThat(Judge.status(test("r", Prediction.LOWER), f)).isEqualTo(Status.NO_DIFFERENCE);
    }

    @Test
    void aDetectedDifferenceHoldsInItsDirectionAndIsOppositeInTheOther() {
        Finding higher = ratio("r", 1.86, 1.40, 2.48, Verdict.HIGHER);
        assertThat(Judge.status(test("r", Prediction.HIGHER), higher)).isEqualTo(Status.HOLDS);
        assertThat(Judge.status(test("r", Prediction.LOWER), higher)).isEqualTo(Status.OPPOSITE);
        assertThat(Judge.status(test("r", Prediction.NO_DIFFERENCE), higher)).isEqualTo(Status.OPPOSITE);
        Finding lower = ratio("r", 0.41, 0.23, 0.73, Verdict.LOWER);
        assertThat(Judge.status(test("r", Prediction.LOWER), lower)).isEqualTo(Status.HOLDS);
        assertThat(Judge.status(test("r", Prediction.HIGHER), lower)).isEqualTo(Status.OPPOSITE);
    }

    @Test
    void boundsCompareTheWholeIntervalWithTheClaimsNumber() {
        assertThat(Judge.status(test("c", Prediction.AT_LEAST, 2), count("c", 38))).isEqualTo(Status.HOLDS);
        assertThat(Judge.status(test("c", Prediction.AT_LEAST, 2), count("c", 2))).isEqualTo(Status.HOLDS);
        assertThat(Judge.status(test("c", Prediction.AT_LEAST, 2), count("c", 1))).isEqualTo(Status.OPPOSITE);
        assertThat(Judge.status(test("c", Prediction.AT_MOST, 0), count("c", 0))).isEqualTo(Status.HOLDS);
        assertThat(Judge.status(test("c", Prediction.AT_MOST, 0.1), ratio("c", 1.67, 0.66, 2.69, null))).isEqualTo(Status.OPPOSITE);
        Finding exponent = ratio("e", 1.84, 1.44, 2.23, null);
        assertThat(Judge.status(test("e", Prediction.AT_LEAST, 1.5), exponent)).isEqualTo(Status.NO_DIFFERENCE);
        assertThat(Judge.status(test("e", Prediction.AT_MOST, 1.5), exponent)).isEqualTo(Status.NO_DIFFERENCE);
        assertThat(Judge.status(test("e", Prediction.AT_LEAST, 1), exponent)).isEqualTo(Status.HOLDS);
    }

    @Test
    void aLowerBoundRatioCountsAsTheSideOfOneItLiesOn() {
        Finding atLeast = ratio("b", 53, 53, Double.POSITIVE_INFINITY, Verdict.AT_LEAST);
        assertThat(Judge.status(test("b", Prediction.HIGHER), atLeast)).isEqualTo(Status.HOLDS);
        assertThat(Judge.status(test("b", Prediction.AT_LEAST, 2), atLeast)).isEqualTo(Status.HOLDS);
        assertThat(Judge.status(test("b", Prediction.AT_MOST, 2), atLeast)).isEqualTo(Status.OPPOSITE);
    }

    @Test
    void aDirectionNeedsAFindingWithAVerdict() {
        assertThatThrownBy(() -> Judge.status(test("c", Prediction.HIGHER), count("c", 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exp/c has no verdict");
    }

    @Test
    void aFindingNotComputedOrAbsentIsNotMeasuredAndAnExperimentNotRunIsNotRun() {
        Claim claim = new Claim("A1", "article 000", "c", "q", List.of(test("r", Prediction.HIGHER), new Claim.Test("other", "x", Prediction.HIGHER, Double.NaN)),
                Combine.ALL, "", null, "");
        RunSet runs = RunSet.empty("runs").with("exp", List.of(Finding.notComputed("r", "too few sizes")));
        Assessment a = Judge.assess(claim, runs);
        assertThat(a.evidence()).extracting(Assessment.Evidence::status).containsExactly(Status.NOT_MEASURED, Status.NOT_RUN);
        assertThat(a.status()).isEqualTo(Status.NOT_MEASURED);
        assertThat(Judge.assess(claim, RunSet.empty("none").with("exp", List.of())).evidence().get(0).status()).isEqualTo(Status.NOT_MEASURED);
    }

    @Test
    void aLaterRunOfTheSameExperimentDoesNotHideAFindingOnlyAnEarlierRunComputed() {
        RunSet runs = RunSet.empty("report")
                .with("exp", List.of(count("a", 1), count("b", 2)))
                .with("exp", List.of(count("a", 5), Finding.notComputed("b", "not in this run's parameters")));

        assertThat(runs.finding("exp", "a")).get().extracting(Finding::value).isEqualTo(5.0);
        assertThat(runs.finding("exp", "b")).get().extracting(Finding::value).as("the computed one stays").isEqualTo(2.0);
        assertThat(RunSet.empty("r").with("exp", List.of(count("a", 1))).with("exp", List.of(count("c", 3))).finding("exp", "a")).isPresent();
    }

    @Test
    void aClaimWithoutTestsIsNotTestedYetOrNotApplicableWithItsReason() {
        RunSet runs = RunSet.empty("runs");
        assertThat(Judge.assess(new Claim("A3", "s", "c", "q", List.of(), Combine.ALL, "", null, ""), runs).status()).isEqualTo(Status.NOT_TESTED);
        assertThat(Judge.assess(new Claim("A10", "s", "c", "q", List.of(), Combine.ALL, "", "no unsafe", ""), runs).status()).isEqualTo(Status.NOT_APPLICABLE);
    }

    @Test
    void allNeedsEveryTestAndAnyNeedsOne() {
        assertThat(Judge.combine(Combine.ALL, List.of(Status.HOLDS, Status.HOLDS))).isEqualTo(Status.HOLDS);
        assertThat(Judge.combine(Combine.ALL, List.of(Status.HOLDS, Status.NO_DIFFERENCE))).isEqualTo(Status.NO_DIFFERENCE);
        assertThat(Judge.combine(Combine.ALL, List.of(Status.HOLDS, Status.OPPOSITE, Status.NO_DIFFERENCE))).isEqualTo(Status.OPPOSITE);
        assertThat(Judge.combine(Combine.ALL, List.of(Status.HOLDS, Status.NOT_MEASURED))).isEqualTo(Status.NOT_MEASURED);
        assertThat(Judge.combine(Combine.ANY, List.of(Status.NO_DIFFERENCE, Status.HOLDS))).isEqualTo(Status.HOLDS);
        assertThat(Judge.combine(Combine.ANY, List.of(Status.NO_DIFFERENCE, Status.OPPOSITE))).isEqualTo(Status.NO_DIFFERENCE);
        assertThat(Judge.combine(Combine.ANY, List.of(Status.OPPOSITE, Status.OPPOSITE))).isEqualTo(Status.OPPOSITE);
    }

    @Test
    void aTestNeedsANumberExactlyWhenItPredictsABound() {
        assertThatThrownBy(() -> test("c", Prediction.AT_LEAST)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("than: ");
        assertThatThrownBy(() -> test("c", Prediction.HIGHER, 2)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("than: ");
        assertThatThrownBy(() -> Prediction.parse("bigger")).hasMessageContaining("allowed: higher, lower, no difference, at least, at most");
    }
}
