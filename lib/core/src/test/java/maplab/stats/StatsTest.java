package maplab.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Stats against values computed by hand or published with commons-math3's own tests (from R). */
class StatsTest {

    private static final double[] ONE_TO_TEN = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

    @Test
    void meanMedianAndPercentilesByHand() {
        assertThat(Stats.mean(ONE_TO_TEN)).isEqualTo(5.5);
        assertThat(Stats.median(new double[] {7, 1, 3})).isEqualTo(3);
        assertThat(Stats.median(ONE_TO_TEN)).isEqualTo(5.5);
        // commons-math3's default estimate: position p(n+1)/100, interpolated; past the last value it is the maximum.
        assertThat(Stats.percentile(ONE_TO_TEN, 90)).isCloseTo(9.9, within(1e-12));
        assertThat(Stats.percentile(ONE_TO_TEN, 25)).isCloseTo(2.75, within(1e-12));
        assertThat(Stats.percentile(ONE_TO_TEN, 99)).isEqualTo(10);
        assertThat(Stats.standardDeviation(new double[] {2, 4, 4, 4, 5, 5, 7, 9})).isCloseTo(Math.sqrt(32.0 / 7), within(1e-12));
    }

    @Test
    void skewnessIsZeroForSymmetricDataAndPositiveForARightTail() {
        assertThat(Stats.skewness(ONE_TO_TEN)).isCloseTo(0, within(1e-12));
        // By hand: mean 2, deviations -1,-1,-1,3; m2 = 3, sum of cubes = 24; adjusted G1 = n/((n-1)(n-2)) * sum/s^3 with s^2 = 4.
        assertThat(Stats.skewness(new double[] {1, 1, 1, 5})).isCloseTo(4.0 / 6 * 24 / 8, within(1e-12));
    }

    @Test
    void meanConfidenceIntervalUsesStudentT() {
        // mean 3, s = sqrt(2.5), se = s / sqrt(5), t(4, 0.975) = 2.776445105 (tables)
        Stats.Interval ci = Stats.meanConfidenceInterval(new double[] {1, 2, 3, 4, 5}, 0.95);
        double half = 2.776445105 * Math.sqrt(2.5) / Math.sqrt(5);
        assertThat(ci.low()).isCloseTo(3 - half, within(1e-8));
        assertThat(ci.high()).isCloseTo(3 + half, within(1e-8));
        assertThat(ci.halfWidth()).isCloseTo(half, within(1e-8));
    }

    @Test
    void welchMatchesRAsPublishedInCommonsMathTests() {
        // commons-math3 TTestTest.testTwoSampleTHeterscedastic, values from R 1.8.1
        double[] a = {7, -4, 18, 17, -3, -5, 1, 10, 11, -2};
        double[] b = {-1, 12, -1, -3, 3, -5, 5, 2, -11, -1, -3};
        Stats.Welch w = Stats.welch(a, b);
        assertThat(w.t()).isCloseTo(1.60371728768, within(1e-10));
        assertThat(w.p()).isCloseTo(0.128839369622, within(1e-10));
        assertThat(w.significant(0.2)).isTrue();
        assertThat(w.significant(0.1)).isFalse();
        assertThat(w.meanA()).isCloseTo(5.0, within(1e-12));
        assertThat(w.meanB()).isCloseTo(-3.0 / 11, within(1e-12));
    }

    @Test
    void welchDegreesOfFreedomAndCohensDByHand() {
        // a: mean 2, var 1; b: mean 5, var 4; n = 3 each.
        double[] a = {1, 2, 3};
        double[] b = {3, 5, 7};
        Stats.Welch w = Stats.welch(a, b);
        double va = 1.0 / 3, vb = 4.0 / 3;
        assertThat(w.df()).isCloseTo((va + vb) * (va + vb) / (va * va / 2 + vb * vb / 2), within(1e-12));
        assertThat(w.t()).isCloseTo(-3 / Math.sqrt(va + vb), within(1e-12));
        assertThat(w.cohensD()).isCloseTo(-3 / Math.sqrt(2.5), within(1e-12));
    }

    @Test
    void mannWhitneyMatchesRAsPublishedInCommonsMathTests() {
        // commons-math3 MannWhitneyUTestTest.testMannWhitneyUSimple: R wilcox.test(exact = FALSE, correct = FALSE)
        double[] x = {19, 22, 16, 29, 24};
        double[] y = {20, 11, 17, 12};
        Stats.MannWhitney mw = Stats.mannWhitney(x, y);
        assertThat(mw.u()).isEqualTo(17);
        assertThat(mw.p()).isCloseTo(0.08641, within(1e-5));
        assertThat(Stats.mannWhitneyP(x, y)).isEqualTo(mw.p());
    }

    @Test
    void growthExponentOfAPerfectPowerLawIsExact() {
        double[] x = {1, 2, 4, 8, 16, 1024};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = 3 * x[i] * x[i];
        Stats.Growth g = Stats.growth(x, y);
        assertThat(g.exponent()).isCloseTo(2, within(1e-12));
        assertThat(g.coefficient()).isCloseTo(3, within(1e-9));
        assertThat(g.r2()).isCloseTo(1, within(1e-12));
        assertThat(Stats.growth(new double[] {10, 100, 1000}, new double[] {5, 5, 5}).exponent()).isCloseTo(0, within(1e-12));
    }

    @Test
    void ratioIntervalSpansTheExtremeRatios() {
        Stats.Interval r = Stats.ratioInterval(10, 1, 20, 2);
        assertThat(r.low()).isCloseTo(18.0 / 11, within(1e-12));
        assertThat(r.high()).isCloseTo(22.0 / 9, within(1e-12));
        assertThat(Stats.ratioInterval(10, Double.NaN, 20, 2).low()).isNaN();
        assertThat(Stats.ratioInterval(1, 2, 5, 0).high()).isInfinite();
        assertThat(new Stats.Interval(1, 2).disjoint(new Stats.Interval(2.5, 3))).isTrue();
        assertThat(new Stats.Interval(1, 2).disjoint(new Stats.Interval(1.5, 3))).isFalse();
        assertThat(new Stats.Interval(1, 2).disjoint(new Stats.Interval(Double.NaN, Double.NaN))).isFalse();
    }

    @Test
    void histogramCountsOnSharedEdges() {
        double[] edges = Stats.binEdges(0, 10, 5);
        assertThat(edges).containsExactly(0, 2, 4, 6, 8, 10);
        assertThat(Stats.histogram(new double[] {0, 1.9, 2, 9.99, 10, 11, -1}, edges)).containsExactly(2, 1, 0, 0, 2);
        assertThat(Stats.histogram(new double[] {3, 3}, Stats.binEdges(3, 3, 2))).containsExactly(2, 0);
    }

    @Test
    void badInputNamesTheArgument() {
        assertThatThrownBy(() -> Stats.mean(new double[0])).hasMessageContaining("xs: needs at least 1");
        assertThatThrownBy(() -> Stats.percentile(ONE_TO_TEN, 0)).hasMessageContaining("p: must be in (0, 100]");
        assertThatThrownBy(() -> Stats.welch(new double[] {1}, ONE_TO_TEN)).hasMessageContaining("a: needs at least 2");
        assertThatThrownBy(() -> Stats.growth(new double[] {1, 2}, new double[] {1, -1})).hasMessageContaining("positive");
    }

    @Test
    void theLargestValueIsAlwaysCounted() {
        double max = 1.7; // ten bins of 0.17 add up to 1.6999999999999997, less than max
        double[] edges = Stats.binEdges(0, max, 10);
        org.assertj.core.api.Assertions.assertThat(edges[10]).isEqualTo(max);
        org.assertj.core.api.Assertions.assertThat(java.util.Arrays.stream(Stats.histogram(new double[] {0, max / 3, max}, edges)).sum()).isEqualTo(3);
    }
}
