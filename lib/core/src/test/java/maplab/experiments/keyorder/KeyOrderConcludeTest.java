package maplab.experiments.keyorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import maplab.plan.Params;
import maplab.plan.Profile;
import maplab.run.RunData;
import maplab.conclude.Finding;
import maplab.conclude.Finding.Basis;
import maplab.conclude.Finding.Verdict;
import maplab.measure.Measured;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.plan.Unit;
import maplab.stats.Estimates.Sample;
import org.junit.jupiter.api.Test;

/** key-order's conclusions from hand-made rows, without JMH: counts are exact, time ratios pair by round. */
class KeyOrderConcludeTest {

    private static final KeyOrderExperiment EXPERIMENT = new KeyOrderExperiment();
    private static final int N = 4096;

    /** Fork means {@code perFork[f]}, three iterations each at exactly that value. */
    private static Measured forks(double... perFork) {
        List<Sample> samples = new ArrayList<>();
        for (int f = 0; f < perFork.length; f++) {
            for (int i = 0; i < 3; i++) samples.add(new Sample(f, i, perFork[f]));
        }
        return Measured.of(samples);
    }

    private static void time(ResultBuilder b, String method, String subject, String order, Measured m) {
        b.row().with("subject", subject).with("order", order).with("n_keys", N).with("gc", KeyOrderExperiment.GC).measure(method + "_time", m, Unit.NS_PER_OP);
    }

    private static void probes(ResultBuilder b, String subject, String order, double mean, long max, long... histogram) {
        b.row().with("subject", subject).with("order", order).with("n_keys", N).measure("insert_probe_mean", mean, Unit.PROBES);
        b.row().with("subject", subject).with("order", order).with("n_keys", N).measure("insert_probe_max", max, Unit.PROBES);
        List<String> labels = KeyOrderCharts.bucketLabels(1 << (histogram.length - 1));
        for (int i = 0; i < histogram.length; i++) {
            b.row().with("subject", subject).with("order", order).with("n_keys", N).with("probe_length", labels.get(i)).measure("inserts", histogram[i], Unit.COUNT);
        }
    }

    private static void bins(ResultBuilder b, String order, long trees, long... histogram) {
        for (int len = 0; len < histogram.length; len++) {
            b.row().with("subject", "hashmap").with("order", order).with("n_keys", N).with("bin_length", len).measure("buckets", histogram[len], Unit.COUNT);
        }
        b.row().with("subject", "hashmap").with("order", order).with("n_keys", N).measure("max_bin_length", histogram.length - 1, Unit.COUNT);
        b.row().with("subject", "hashmap").with("order", order).with("n_keys", N).measure("tree_bins", trees, Unit.COUNT);
    }

    /** Concluded as a fixed effort measured it (one look). */
    private static ResultBuilder conclude(ResultBuilder b) {
        return conclude(b, "4:1x100ms+3x100ms");
    }

    private static ResultBuilder conclude(ResultBuilder b, String effort) {
        Params params = Params.resolve(EXPERIMENT, Profile.QUICK, Map.of("n", String.valueOf(N), "timed_effort", effort));
        ResultBuilder out = new ResultBuilder();
        EXPERIMENT.conclude(new RunData("key-order", Profile.QUICK, params, Rows.fromObjects(b.rows(), b.samples())), out);
        return out;
    }

    private static Finding finding(ResultBuilder out, String id) {
        return out.findings().stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError("no finding " + id));
    }

    @Test
    void probeCountsAreExactFindingsMeasuredAtTheirSize() {
        ResultBuilder b = new ResultBuilder();
        probes(b, "probemap_identity", "ascending", 0, 0, N);
        probes(b, "probemap_identity", "random", 0.68, 9, 3000, 600, 300, 150, 46);
        probes(b, "probemap_identity", "chunked", 42.8, 200, 1000, 500, 500, 1000, 1000, 96);
        probes(b, "probemap_mixed", "ascending", 2.3, 12, 2000, 1000, 500, 400, 196);
        probes(b, "probemap_mixed", "random", 2.29, 11, 2000, 1000, 500, 400, 196);
        ResultBuilder out = conclude(b);

        Finding chunked = finding(out, "probe_max_chunked_identity");
        assertThat(chunked.value()).isEqualTo(200);
        assertThat(chunked.basis()).isEqualTo(Basis.COUNT);
        assertThat(chunked.low()).isEqualTo(200);
        assertThat(chunked.high()).isEqualTo(200);
        assertThat(chunked.verdict()).isNull();
        assertThat(chunked.conditions()).containsEntry("n_keys", String.valueOf(N));
        assertThat(chunked.text()).contains("probed 200 slots", "against 0 in ascending order");
        assertThat(finding(out, "probe_mean_random_identity").value()).isEqualTo(0.68);
        assertThat(finding(out, "probe_mean_random_identity").text()).contains("0.680 probes", "longest: 9");
        assertThat(finding(out, "probe_mean_ascending_mixed").value()).isEqualTo(2.3);
        assertThat(out.findings()).extracting(Finding::id).doesNotContain("probe_mean_strided_identity", "hashmap_iterate_random_vs_ascending");
        // the chart is built from the stored histogram rows: one series per order
        assertThat(out.charts().get("probe lengths probemap_identity").series()).hasSize(3);
        assertThat(out.tables().get("probe lengths").rowCount()).isEqualTo(5);
    }

    @Test
    void aUserHashsProbeCountsAreFindingsBesideTheMixedHash() {
        ResultBuilder b = new ResultBuilder();
        probes(b, "probemap_mixed", "random", 0.5, 11, 2000, 1000, 500, 400, 196);
        probes(b, "user:org.x.LowBitsHash", "random", 310.25, 4096, 10, 10, 10, 10, 4056);
        probes(b, "user:org.x.LowBitsHash", "ascending", 0, 0, N);
        ResultBuilder out = conclude(b);
        Finding random = finding(out, "probe_mean_random_user_low_bits_hash");
        assertThat(random.value()).isEqualTo(310.25);
        assertThat(random.basis()).isEqualTo(Basis.COUNT);
        assertThat(random.conditions()).containsEntry("n_keys", String.valueOf(N));
        assertThat(random.text()).contains("LowBitsHash (yours)", "310.250 probes", "longest: 4096", "the mixed hash: 0.500");
        assertThat(finding(out, "probe_mean_ascending_user_low_bits_hash").text()).doesNotContain("the mixed hash");
        assertThat(out.findings()).extracting(Finding::id).doesNotContain("probe_mean_random_mixed_user_low_bits_hash");
    }

    @Test
    void binsAreTheSameForEveryOrderOnlyWhenEveryHistogramMatches() {
        ResultBuilder same = new ResultBuilder();
        bins(same, "ascending", 0, 100, 200, 50);
        bins(same, "random", 0, 100, 200, 50);
        bins(same, "strided", 3, 4000, 0, 0, 0, 0, 0, 0, 0, 0, 12);   // strided is left out of the comparison
        ResultBuilder out = conclude(same);
        assertThat(finding(out, "hashmap_bins_same_for_every_order").value()).isEqualTo(1);
        Finding trees = finding(out, "hashmap_tree_bins_strided");
        assertThat(trees.value()).isEqualTo(3);
        assertThat(trees.text()).contains("bins of up to 9 entries", "3 bins became red-black trees");

        ResultBuilder differ = new ResultBuilder();
        bins(differ, "ascending", 0, 100, 200, 50);
        bins(differ, "random", 0, 101, 198, 51);
        assertThat(finding(conclude(differ), "hashmap_bins_same_for_every_order").value()).isZero();
    }

    @Test
    void aLargeTimeRatioIsCalledHigherWithTheConditionsItWasMeasuredUnder() {
        ResultBuilder b = new ResultBuilder();
        time(b, "iterate", "hashmap", "ascending", forks(7.0, 7.4, 6.9, 7.2));
        time(b, "iterate", "hashmap", "random", forks(38, 41, 37, 40));
        ResultBuilder out = conclude(b);

        Finding f = finding(out, "hashmap_iterate_random_vs_ascending");
        assertThat(f.basis()).isEqualTo(Basis.TIMING);
        assertThat(f.verdict()).isEqualTo(Verdict.HIGHER);
        assertThat(f.value()).isBetween(5.2, 5.8);
        assertThat(f.low()).isGreaterThan(4.5).isLessThan(f.value());
        assertThat(f.high()).isGreaterThan(f.value()).isLessThan(6.5);
        assertThat(f.conditions()).containsEntry("n_keys", String.valueOf(N)).containsEntry("gc", "epsilon");
        assertThat(f.text()).contains("slower").doesNotContain("No detectable");
        assertThat(out.charts()).containsKey("iteration time");
    }

    @Test
    void noisyTimesThatDoNotSupportADifferenceGetNoDetectableDifference() {
        // fastutil's lookup: the table is reached by a hash either way, the order does not matter;
        // one slow fork on each side (not the same round) makes the means differ by 30%
        ResultBuilder b = new ResultBuilder();
        time(b, "lookup", "fastutil", "ascending", forks(18, 19, 18.5, 30));
        time(b, "lookup", "fastutil", "random", forks(30, 18.4, 19, 18.2));
        ResultBuilder out = conclude(b);

        Finding f = finding(out, "lookup_random_vs_ascending_fastutil");
        assertThat(f.verdict()).isEqualTo(Verdict.NO_DIFFERENCE);
        assertThat(f.low()).isLessThan(1);
        assertThat(f.high()).isGreaterThan(1);
        assertThat(f.text()).startsWith("No detectable difference in this run").contains("which includes 1").doesNotContain("slower", "faster");
    }

    @Test
    void aRatioExpectedNotToDifferSettlesAsEquivalentWhenItsIntervalIsInsideTheMargin() {
        // fastutil's lookup with tight forks: random is within 1% of ascending in every round
        ResultBuilder b = new ResultBuilder();
        time(b, "lookup", "fastutil", "ascending", forks(18, 19, 18.5, 18.2));
        time(b, "lookup", "fastutil", "random", forks(18.1, 18.9, 18.6, 18.1));
        time(b, "lookup", "hashmap", "ascending", forks(18, 19, 18.5, 18.2));
        time(b, "lookup", "hashmap", "random", forks(18.1, 18.9, 18.6, 18.1));
        ResultBuilder out = conclude(b);

        Finding f = finding(out, "lookup_random_vs_ascending_fastutil");
        assertThat(f.verdict()).isEqualTo(Verdict.EQUIVALENT);
        assertThat(f.margin()).isEqualTo(0.10);
        assertThat(f.text()).endsWith("equivalent within ±10%");
        Finding hashMap = finding(out, "lookup_random_vs_ascending");
        assertThat(hashMap.hasMargin()).as("HashMap's lookup is expected to differ: no margin").isFalse();
        assertThat(hashMap.verdict()).isEqualTo(Verdict.NO_DIFFERENCE);
    }

    @Test
    void ratiosPairForksByRoundSoNoiseSharedByARoundCancels() {
        // every round's machine state scales both orders alike (1x, 2x, 1.5x, 3x); random is 1.2x ascending in each round
        double[] round = {1, 2, 1.5, 3};
        double[] ascending = new double[4];
        double[] random = new double[4];
        for (int r = 0; r < 4; r++) {
            ascending[r] = 3 * round[r];
            random[r] = 3.6 * round[r] * (r % 2 == 0 ? 1.01 : 0.99);
        }
        ResultBuilder b = new ResultBuilder();
        time(b, "lookup", "hashmap", "ascending", forks(ascending));
        time(b, "lookup", "hashmap", "random", forks(random));
        Finding f = finding(conclude(b), "lookup_random_vs_ascending");
        // unpaired, these fork means overlap completely; paired by round the 1.2x is clear
        assertThat(f.verdict()).isEqualTo(Verdict.HIGHER);
        assertThat(f.value()).isCloseTo(1.2, org.assertj.core.data.Offset.offset(0.01));
        assertThat(f.high()).isLessThan(1.3);
    }

    @Test
    void aSequentialEffortWidensEveryTimeRatioForItsLooks() {
        ResultBuilder b = new ResultBuilder();
        String mine = "user:org.example.RobinHoodMap";
        robinHoodLookups(b, mine);
        ResultBuilder once = conclude(b, "4:1x100ms+3x100ms");
        ResultBuilder looked = conclude(b, "4-8:1x100ms+3x100ms");   // five looks: each at 99.8%
        for (String id : List.of("lookup_random_vs_ascending", "lookup_random_vs_ascending_user_robin_hood_map", "lookup_ascending_user_robin_hood_map_vs_hashmap")) {
            Finding one = finding(once, id);
            Finding five = finding(looked, id);
            assertThat(five.value()).as(id).isCloseTo(one.value(), org.assertj.core.data.Offset.offset(1e-12));
            assertThat(five.low()).as(id).isLessThan(one.low());
            assertThat(five.high()).as(id).isGreaterThan(one.high());
        }
    }

    @Test
    void timedRowsWithoutAGcColumnWereMeasuredWithTheDefaultParallelGc() {
        ResultBuilder b = new ResultBuilder();
        b.row().with("subject", "hashmap").with("order", "ascending").with("n_keys", N).measure("lookup_time", forks(3, 3.1, 2.9, 3), Unit.NS_PER_OP);
        b.row().with("subject", "hashmap").with("order", "random").with("n_keys", N).measure("lookup_time", forks(9, 9.5, 8.8, 9.2), Unit.NS_PER_OP);
        assertThat(finding(conclude(b), "lookup_random_vs_ascending").conditions()).containsEntry("gc", "parallel");
    }

    @Test
    void aUserSubjectIsComparedWithEachPeerPerOrderFromItsRowsAlone() {
        ResultBuilder b = new ResultBuilder();
        String mine = "user:org.example.RobinHoodMap";
        // paired by round: the user map takes about 2x HashMap's time in ascending order, the same in random order
        robinHoodLookups(b, mine);
        ResultBuilder out = conclude(b);

        Finding ascending = finding(out, "lookup_ascending_user_robin_hood_map_vs_hashmap");
        assertThat(ascending.verdict()).isEqualTo(Verdict.HIGHER);
        assertThat(ascending.low()).isGreaterThan(1.5);
        assertThat(ascending.conditions()).containsEntry("order", "ascending");
        assertThat(ascending.text()).contains("RobinHoodMap (yours)");
        Finding random = finding(out, "lookup_random_user_robin_hood_map_vs_hashmap");
        assertThat(random.verdict()).isEqualTo(Verdict.NO_DIFFERENCE);
        assertThat(random.low()).isLessThan(1).isPositive();
        assertThat(random.high()).isGreaterThan(1);
        Finding own = finding(out, "lookup_random_vs_ascending_user_robin_hood_map");
        assertThat(own.verdict()).isEqualTo(Verdict.HIGHER);
        // no comparison of HashMap with itself or of the built-ins among themselves
        assertThat(out.findings()).noneMatch(f -> f.id().startsWith("lookup_ascending_hashmap"));
    }

    @Test
    void peerLibrariesGetTheirOwnRandomVersusAscendingRatios() {
        ResultBuilder b = new ResultBuilder();
        time(b, "iterate", "agrona", "ascending", forks(1.0, 1.1, 0.9, 1.0));
        time(b, "iterate", "agrona", "random", forks(1.05, 1.0, 1.0, 0.95));       // slot order does not depend on insertion order
        time(b, "lookup", "hppc", "ascending", forks(2.0, 2.1, 1.9, 2.0));
        time(b, "lookup", "hppc", "random", forks(8.0, 8.6, 7.7, 8.1));            // random reads miss the cache
        ResultBuilder out = conclude(b);

        Finding agrona = finding(out, "iterate_random_vs_ascending_agrona");
        assertThat(agrona.verdict()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);
        assertThat(agrona.text()).contains("Agrona Int2IntHashMap");
        Finding hppc = finding(out, "lookup_random_vs_ascending_hppc");
        assertThat(hppc.verdict()).isEqualTo(Finding.Verdict.HIGHER);
        assertThat(hppc.low()).isGreaterThan(3);
        assertThat(hppc.conditions()).containsEntry("n_keys", String.valueOf(N)).containsEntry("gc", KeyOrderExperiment.GC);
    }

    /** Lookup rows of HashMap and a user's map, paired by round: about 2x HashMap's time in ascending order, the same in random order. */
    private static void robinHoodLookups(ResultBuilder b, String mine) {
        time(b, "lookup", "hashmap", "ascending", forks(10, 11, 12, 10.5));
        time(b, "lookup", mine, "ascending", forks(20.2, 22.1, 23.8, 21.0));
        time(b, "lookup", "hashmap", "random", forks(30, 33, 29, 31));
        time(b, "lookup", mine, "random", forks(33, 29, 32, 30));
    }
}
