package maplab.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import maplab.plan.Params;
import maplab.plan.Profile;
import maplab.run.RunData;
import maplab.conclude.Finding;
import maplab.measure.Measured;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.plan.Unit;
import maplab.stats.Estimates.Sample;
import org.junit.jupiter.api.Test;

/** presize's conclusions from hand-made rows, without JMH: counts, ratios with verdicts, conditions, charts. */
class PresizeConcludeTest {

    private static final int N = 100_000;

    private static Measured forks(double... forkMeans) {
        List<Sample> samples = new ArrayList<>();
        for (int f = 0; f < forkMeans.length; f++) {
            samples.add(new Sample(f, 0, forkMeans[f] * 0.995));
            samples.add(new Sample(f, 1, forkMeans[f] * 1.005));
        }
        return Measured.of(samples);
    }

    private static ResultBuilder rows(Measured defaultTime, Measured presizedTime, boolean steps) {
        ResultBuilder b = new ResultBuilder();
        Object[][] counts = {{"hashmap_default", 14}, {"hashmap_n", 1}, {"hashmap_presized", 0}};
        for (Object[] c : counts) {
            b.row().with("subject", c[0]).with("n_keys", N).measure("resizes", ((Integer) c[1]).doubleValue(), Unit.COUNT);
            b.row().with("subject", c[0]).with("n_keys", N).measure("final_table_length", 262144, Unit.COUNT);
            if (steps) {
                b.row().with("subject", c[0]).with("n_keys", N).with("entries", 1).measure("table_length", 16, Unit.COUNT);
                b.row().with("subject", c[0]).with("n_keys", N).with("entries", N).measure("table_length", 262144, Unit.COUNT);
            }
        }
        b.row().with("subject", "hashmap_default").with("n_keys", N).measure("insert_time", defaultTime, Unit.MS_PER_OP);
        b.row().with("subject", "hashmap_default").with("n_keys", N).measure("alloc_per_entry", forks(48.8, 48.8, 48.8, 48.8), Unit.BYTES_PER_ENTRY);
        b.row().with("subject", "hashmap_presized").with("n_keys", N).measure("insert_time", presizedTime, Unit.MS_PER_OP);
        b.row().with("subject", "hashmap_presized").with("n_keys", N).measure("alloc_per_entry", forks(40.4, 40.4, 40.4, 40.4), Unit.BYTES_PER_ENTRY);
        return b;
    }

    /** Concluded as a fixed effort measured it (one look). */
    private static ResultBuilder conclude(ResultBuilder rows) {
        return conclude(rows, "4:1+3");
    }

    private static ResultBuilder conclude(ResultBuilder rows, String insertEffort) {
        Presize presize = new Presize();
        RunData data = new RunData("presize", Profile.QUICK, Params.resolve(presize, Profile.QUICK, Map.of("insert_effort", insertEffort)),
                Rows.fromObjects(rows.rows(), rows.samples()));
        ResultBuilder out = new ResultBuilder();
        presize.conclude(data, out);
        return out;
    }

    private static Map<String, Finding> byId(ResultBuilder out) {
        Map<String, Finding> f = new HashMap<>();
        out.findings().forEach(x -> f.put(x.id(), x));
        return f;
    }

    @Test
    void resizeCountsAreExactAndNameTheirSize() {
        Map<String, Finding> f = byId(conclude(rows(forks(60, 62, 59, 61), forks(50, 51, 49.5, 50.5), true)));
        assertThat(f.get("resizes_default").value()).isEqualTo(14);
        assertThat(f.get("resizes_default").basis()).isEqualTo(Finding.Basis.COUNT);
        assertThat(f.get("resizes_default").conditions()).containsEntry("n_keys", String.valueOf(N));
        assertThat(f.get("resizes_new_hashmap_n").text()).contains("still resized 1 time(s)");
        assertThat(f.get("resizes_presized").value()).isZero();
    }

    @Test
    void aClearGapIsHigherAndAllocationIsABytesRatio() {
        Map<String, Finding> f = byId(conclude(rows(forks(60, 62, 59, 61), forks(50, 51, 49.5, 50.5), true)));
        Finding time = f.get("insert_default_vs_presized");
        assertThat(time.verdict()).isEqualTo(Finding.Verdict.HIGHER);
        assertThat(time.low()).isGreaterThan(1.1);
        assertThat(time.text()).contains("slower");
        Finding alloc = f.get("alloc_default_vs_presized");
        assertThat(alloc.verdict()).isEqualTo(Finding.Verdict.HIGHER);
        assertThat(alloc.value()).isCloseTo(48.8 / 40.4, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(alloc.text()).contains("more bytes");
    }

    @Test
    void aSequentialEffortWidensTheTimeRatioForItsLooks() {
        ResultBuilder rows = rows(forks(60, 62, 59, 61), forks(50, 51, 49.5, 50.5), false);
        Finding once = byId(conclude(rows, "4:1+3")).get("insert_default_vs_presized");
        Finding five = byId(conclude(rows, "4-8:1+3")).get("insert_default_vs_presized");
        assertThat(five.value()).isCloseTo(once.value(), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(five.low()).isLessThan(once.low());
        assertThat(five.high()).isGreaterThan(once.high());
    }

    @Test
    void overlappingForksGiveNoDetectableDifference() {
        Map<String, Finding> f = byId(conclude(rows(forks(50, 53, 49, 52), forks(51, 50, 52, 50), true)));
        Finding time = f.get("insert_default_vs_presized");
        assertThat(time.verdict()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);
        assertThat(time.low()).isLessThan(1);
        assertThat(time.high()).isGreaterThan(1);
        assertThat(time.text()).startsWith("No detectable difference").doesNotContain("slower", "faster");
    }

    @Test
    void storedRowsWithoutSamplesGetConservativeIntervalsAndNoStepChartWithoutSteps() {
        ResultBuilder b = rows(new Measured(257.9, 5.7, List.of()), new Measured(206.7, 3.0, List.of()), false);
        ResultBuilder out = conclude(b);
        Finding time = byId(out).get("insert_default_vs_presized");
        assertThat(time.verdict()).isEqualTo(Finding.Verdict.HIGHER);
        // from the extremes both intervals allow: (257.9 - 5.7) / (206.7 + 3.0) to (257.9 + 5.7) / (206.7 - 3.0)
        assertThat(time.low()).isCloseTo(252.2 / 209.7, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(time.high()).isCloseTo(263.6 / 203.7, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(out.charts()).containsKeys("insert time", "allocation").doesNotContainKey("table length");
        assertThat(conclude(rows(forks(60, 62, 59, 61), forks(50, 51, 49.5, 50.5), true)).charts()).containsKey("table length");
    }

    @Test
    void peersGetResizeCountsAndADefaultVersusNRatioEach() {
        ResultBuilder b = rows(forks(30, 31, 29, 30), forks(20, 21, 19, 20), false);
        b.row().with("subject", "agrona_default").with("n_keys", N).measure("resizes", 15, Unit.COUNT);
        b.row().with("subject", "agrona_n").with("n_keys", N).measure("resizes", 1, Unit.COUNT);
        b.row().with("subject", "agrona_default").with("n_keys", N).measure("insert_time", forks(40, 42, 41, 40), Unit.MS_PER_OP);
        b.row().with("subject", "agrona_n").with("n_keys", N).measure("insert_time", forks(20, 21, 20, 19), Unit.MS_PER_OP);
        b.row().with("subject", "eclipse_default").with("n_keys", N).measure("insert_time", forks(20, 26, 19, 23), Unit.MS_PER_OP);
        b.row().with("subject", "eclipse_n").with("n_keys", N).measure("insert_time", forks(22, 21, 24, 20), Unit.MS_PER_OP);
        Map<String, Finding> f = byId(conclude(b));

        assertThat(f.get("resizes_agrona_default").value()).isEqualTo(15);
        assertThat(f.get("resizes_agrona_n").value()).isEqualTo(1);
        assertThat(f.get("resizes_agrona_n").text()).contains("Agrona new Object2ObjectHashMap<>(n, 0.65f) resized 1 time(s)");
        Finding agrona = f.get("insert_agrona_default_vs_n");
        assertThat(agrona.verdict()).isEqualTo(Finding.Verdict.HIGHER);
        assertThat(agrona.low()).isGreaterThan(1.5);
        Finding eclipse = f.get("insert_eclipse_default_vs_n");
        assertThat(eclipse.verdict()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);
        assertThat(eclipse.low()).isLessThan(1);
        assertThat(eclipse.high()).isGreaterThan(1);
        assertThat(f).doesNotContainKey("insert_fastutil_default_vs_n").doesNotContainKey("resizes_fastutil_default");   // fastutil: tables only
    }

    private static ResultBuilder withSortedFill(Measured presizedTime, Measured sortedTime) {
        ResultBuilder b = rows(forks(60, 62, 59, 61), presizedTime, false);
        b.row().with("subject", "hashmap_presized").with("n_keys", N).with("key_order", "ascending").measure("insert_time_sorted_keys", sortedTime, Unit.MS_PER_OP);
        return b;
    }

    @Test
    void sortedKeysIntoAPresizedMapAreARatioPairedByRoundAndABarOfTheTimeChart() {
        ResultBuilder out = conclude(withSortedFill(forks(50, 51, 49.5, 50.5), forks(30, 31, 29.5, 30.5)));
        Finding f = byId(out).get("presized_sorted_vs_presized_random");
        assertThat(f.verdict()).isEqualTo(Finding.Verdict.LOWER);
        assertThat(f.high()).isLessThan(0.7);
        assertThat(f.text()).contains("faster");
        assertThat(f.conditions()).containsEntry("n_keys", String.valueOf(N));
        assertThat(out.charts().get("insert time").series().get(0).categories()).contains("HashMap for n entries, sorted keys");
    }

    @Test
    void sortedKeysOverlappingRandomOnesGiveNoDetectableDifferenceAndOldRunsLeaveItOut() {
        Finding f = byId(conclude(withSortedFill(forks(50, 53, 49, 52), forks(51, 50, 52, 50)))).get("presized_sorted_vs_presized_random");
        assertThat(f.verdict()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);
        assertThat(f.text()).startsWith("No detectable difference");
        assertThat(byId(conclude(rows(forks(60, 62, 59, 61), forks(50, 51, 49.5, 50.5), false)))).doesNotContainKey("presized_sorted_vs_presized_random");
    }
}
