package maplab.experiments.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import maplab.plan.Params;
import maplab.plan.Profile;
import maplab.run.RunData;
import maplab.measure.GcPauses;
import maplab.conclude.Finding;
import maplab.measure.Measured;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.plan.Unit;
import maplab.stats.Estimates.Sample;
import maplab.measure.ChurnKeys;
import org.junit.jupiter.api.Test;

/**
 * gc's conclusions on hand-made rows, without JMH or forked JVMs: allocation estimates and the
 * boxed-versus-primitive ratio from per-fork samples; pause comparisons from per-JVM summaries
 * (paired by round), with a p-value that agrees with the ratio's verdict; and a case where the
 * JVMs do not support a difference.
 */
class GcConcludeTest {

    static final Gc GC = new Gc();

    /** Samples over {@code forks} forks, 2 iterations each, around {@code value} with a small fork-to-fork wobble. */
    static Measured measured(double value, double wobble, int forks) {
        List<Sample> s = new ArrayList<>();
        for (int f = 0; f < forks; f++) {
            double fork = value * (1 + wobble * ((f % 2 == 0) ? 1 : -1) * (1 + f) / forks);
            s.add(new Sample(f, 0, fork));
            s.add(new Sample(f, 1, fork));
        }
        return Measured.of(s);
    }

    static void alloc(ResultBuilder b, String subject, String op, double bytes, double nanos) {
        b.row().with("subject", subject).with("operation", op).with("n_keys", 100_000).measure("alloc", measured(bytes, 1e-4, 4), Unit.BYTES_PER_OP);
        b.row().with("subject", subject).with("operation", op).with("n_keys", 100_000).measure("time", measured(nanos, 0.05, 4), Unit.NS_PER_OP);
    }

    /** One JVM of {@code variant} in round {@code jvm} with these pauses (ms). */
    static void jvm(ResultBuilder b, String variant, int jvm, double... pauses) {
        int i = 0;
        for (double p : pauses) {
            b.row().with("variant", variant).with("jvm", jvm).with("collection", ++i).with("collector", "G1New")
                    .with("cause", "G1 Evacuation Pause").measure("pause", p, Unit.MS);
        }
        b.row().with("variant", variant).with("jvm", jvm).with("n_keys", 200_000).with("maps", 4).with("rounds", 4)
                .with("heap_mb", 192).with("gc", "g1").measure("collections", pauses.length, Unit.COUNT);
    }

    /** One JVM of a cell (collector, variant, keys) in round {@code jvm}: its pauses (ms), bytes per entry and stall time, in today's row format. */
    static void cell(ResultBuilder b, String gc, String variant, String keys, int jvm, double allocPerEntry, double stallMs, double... pauses) {
        int i = 0;
        for (double p : pauses) {
            b.row().with("gc", gc).with("variant", variant).with("keys", keys).with("jvm", jvm).with("collection", ++i).with("gc_id", 10 + i)
                    .with("collector", gc).with("phase", "Pause Young").measure("pause", p, Unit.MS);
        }
        b.row().with("gc", gc).with("variant", variant).with("keys", keys).with("jvm", jvm).with("n_keys", 200_000).with("maps", 4).with("rounds", 4)
                .with("heap_mb", 192).with("jdk", 17).measure("collections", pauses.length, Unit.COUNT);
        b.row().with("gc", gc).with("variant", variant).with("keys", keys).with("jvm", jvm).measure("alloc_per_entry", allocPerEntry, Unit.BYTES_PER_ENTRY);
        b.row().with("gc", gc).with("variant", variant).with("keys", keys).with("jvm", jvm).measure("stall_total", stallMs, Unit.MS);
    }

    static void offered(ResultBuilder b, String gc, boolean offered) {
        b.row().with("gc", gc).with("jdk", 17).with("status", offered ? "measured" : "not offered by JDK 17")
                .with("flags", offered ? "-XX:+UseX" : "").measure("offered", offered ? 1 : 0, Unit.COUNT);
    }

    static ResultBuilder conclude(ResultBuilder measured) {
        Params params = Params.resolve(GC, Profile.QUICK, Map.of());
        RunData data = new RunData("gc", Profile.QUICK, params, Rows.fromObjects(measured.rows(), measured.samples()));
        ResultBuilder out = new ResultBuilder();
        GC.conclude(data, out);
        return out;
    }

    static Finding finding(ResultBuilder out, String id) {
        return out.findings().stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError("no finding " + id));
    }

    static ResultBuilder allocationRows() {
        ResultBuilder b = new ResultBuilder();
        alloc(b, "hashmap", "put", 80.8, 90);
        alloc(b, "fastutil", "put", 33.6, 35);
        alloc(b, "hashmap", "get", 16.0, 60);
        alloc(b, "fastutil", "get", 0.0002, 30);
        return b;
    }

    @Test
    void boxedPutsAllocateMoreThanPrimitiveOnesWithIntervalsOverForks() {
        ResultBuilder out = conclude(allocationRows());
        Finding ratio = finding(out, "alloc_hashmap_vs_fastutil");
        assertThat(ratio.verdict()).isEqualTo(Finding.Verdict.HIGHER);
        assertThat(ratio.value()).isCloseTo(80.8 / 33.6, within(0.01));
        assertThat(ratio.low()).isLessThan(ratio.value()).isGreaterThan(2.3);
        assertThat(ratio.high()).isGreaterThan(ratio.value()).isLessThan(2.5);
        assertThat(ratio.basis()).isEqualTo(Finding.Basis.TIMING);
        assertThat(ratio.conditions()).containsEntry("n_keys", "100000");
        assertThat(ratio.text()).contains("more bytes");
        Finding put = finding(out, "alloc_per_put_hashmap");
        assertThat(put.value()).isCloseTo(80.8, within(0.01));
        assertThat(put.low()).isLessThan(80.8).isGreaterThan(80.7);
        assertThat(put.verdict()).isNull();
        assertThat(finding(out, "alloc_per_get_fastutil").low()).isGreaterThanOrEqualTo(0);
        assertThat(out.tables().get("allocation").rowCount()).isEqualTo(4);
        // no pause rows: no pause findings
        assertThat(out.findings()).extracting(Finding::id).doesNotContain("pause_difference_p_value", "pause_total_default_vs_presized");
    }

    @Test
    void pausesAreComparedAcrossJvmsAndThePValueAgreesWithTheRatio() {
        ResultBuilder b = new ResultBuilder();
        jvm(b, "hashmap_default", 1, 10, 12, 11);
        jvm(b, "hashmap_presized", 1, 5, 6);
        jvm(b, "hashmap_default", 2, 11, 13, 12);
        jvm(b, "hashmap_presized", 2, 5, 7);
        jvm(b, "hashmap_default", 3, 9, 14, 10);
        jvm(b, "hashmap_presized", 3, 6, 5);
        jvm(b, "hashmap_default", 4, 12, 12, 12);
        jvm(b, "hashmap_presized", 4, 4, 7);
        ResultBuilder out = conclude(b);

        Finding total = finding(out, "pause_total_default_vs_presized");
        assertThat(total.verdict()).isEqualTo(Finding.Verdict.HIGHER);
        // per-round totals 33/11, 36/12, 33/11, 36/11: geometric mean of the ratios
        double expected = Math.exp((Math.log(3) * 3 + Math.log(36.0 / 11)) / 4);
        assertThat(total.value()).isCloseTo(expected, within(1e-9));
        assertThat(total.conditions()).containsEntry("n_keys", "200000").containsEntry("rounds", "4").containsEntry("heap_mb", "192");

        Finding max = finding(out, "gc_pause_max_default_ms");
        assertThat(max.value()).isCloseTo((12 + 13 + 14 + 12) / 4.0, within(1e-9));
        assertThat(max.low()).isLessThan(max.value());
        assertThat(finding(out, "gc_pause_max_presized_ms").value()).isCloseTo((6 + 7 + 6 + 7) / 4.0, within(1e-9));
        assertThat(finding(out, "collections_default_vs_presized").value()).isCloseTo(1.5, within(1e-9));

        Finding p = finding(out, "pause_difference_p_value");
        assertThat(p.value()).isLessThan(0.01);
        assertThat(p.low()).isEqualTo(p.value());
        assertThat(p.high()).isEqualTo(p.value());
        assertThat(p.basis()).isEqualTo(Finding.Basis.TIMING);
        assertThat(p.verdict()).isNull();
        assertThat(p.text()).contains("Paired t-test").contains("higher");
        assertThat(out.tables().get("pause per JVM").rowCount()).isEqualTo(8);
        assertThat(out.charts()).containsKeys("pause histogram", "pause total per JVM");
    }

    @Test
    void jvmsThatDoNotDifferGiveNoDetectableDifference() {
        ResultBuilder b = new ResultBuilder();
        jvm(b, "hashmap_default", 1, 10, 20);
        jvm(b, "hashmap_presized", 1, 14, 19);
        jvm(b, "hashmap_default", 2, 15, 25);
        jvm(b, "hashmap_presized", 2, 11, 20);
        jvm(b, "hashmap_default", 3, 12, 19);
        jvm(b, "hashmap_presized", 3, 16, 20);
        jvm(b, "hashmap_default", 4, 18, 20);
        jvm(b, "hashmap_presized", 4, 12, 21);
        ResultBuilder out = conclude(b);

        Finding total = finding(out, "pause_total_default_vs_presized");
        assertThat(total.verdict()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);
        assertThat(total.low()).isLessThan(1);
        assertThat(total.high()).isGreaterThan(1);
        assertThat(total.text()).startsWith("No detectable difference in this run");
        Finding p = finding(out, "pause_difference_p_value");
        assertThat(p.value()).isGreaterThan(0.01);
        assertThat(p.text()).contains("no detectable difference");
        assertThat(finding(out, "collections_default_vs_presized").verdict()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);
    }

    @Test
    void pairedPValueIsBelowTheLevelExactlyWhenTheRatioIntervalExcludesOne() {
        // Rounds with a shared drift: paired, the default side is consistently 10% higher.
        Map<Integer, Double> a = Map.of(1, 110.0, 2, 220.0, 3, 165.0, 4, 330.0, 5, 121.0);
        Map<Integer, Double> b = Map.of(1, 100.0, 2, 199.0, 3, 151.0, 4, 300.0, 5, 109.0);
        var ratio = maplab.stats.Estimates.ratio(new java.util.TreeMap<>(a), new java.util.TreeMap<>(b));
        double p = GcPauseComparisons.pairedLogP(a, b);
        assertThat(Finding.verdict(ratio, 1)).isEqualTo(Finding.Verdict.HIGHER);
        assertThat(p).isLessThan(0.01);
        // Unpaired (different JVM indices): Welch on the logs cannot see through the drift.
        Map<Integer, Double> c = Map.of(6, 100.0, 7, 199.0, 8, 151.0, 9, 300.0, 10, 109.0);
        assertThat(GcPauseComparisons.pairedLogP(a, c)).isGreaterThan(0.01);
        assertThat(Finding.verdict(maplab.stats.Estimates.ratio(new java.util.TreeMap<>(a), new java.util.TreeMap<>(c)), 1))
                .isEqualTo(Finding.Verdict.NO_DIFFERENCE);
    }

    @Test
    void rowsWithoutSamplesUseTheirStoredError() {
        ResultBuilder b = new ResultBuilder();
        b.row().with("subject", "hashmap").with("operation", "put").with("n_keys", 1_000_000).measure("alloc", 80.77, 0.01, Unit.BYTES_PER_OP);
        b.row().with("subject", "fastutil").with("operation", "put").with("n_keys", 1_000_000).measure("alloc", 33.55, 0.01, Unit.BYTES_PER_OP);
        ResultBuilder out = conclude(b);
        Finding put = finding(out, "alloc_per_put_hashmap");
        assertThat(put.low()).isCloseTo(80.76, within(1e-9));
        assertThat(put.high()).isCloseTo(80.78, within(1e-9));
        assertThat(finding(out, "alloc_hashmap_vs_fastutil").verdict()).isEqualTo(Finding.Verdict.HIGHER);
    }

    // ------------------------------------------------------------------ collectors

    /** Four rounds: G1 pauses ~20-40 ms, Parallel about the same, ZGC three ~0.02 ms pauses per cycle and fewer cycles. */
    static ResultBuilder collectorRows() {
        ResultBuilder b = new ResultBuilder();
        offered(b, "g1", true);
        offered(b, "parallel", true);
        offered(b, "zgc", true);
        offered(b, "zgc_generational", false);
        double[][] g1 = {{20, 30, 25}, {22, 35, 21}, {19, 28, 30}, {25, 31, 20}};
        double[][] parallel = {{28, 31, 19}, {20, 30, 26}, {22, 36, 20}, {18, 27, 29}};
        double[][] zgc = {{0.02, 0.015, 0.01}, {0.03, 0.02, 0.012}, {0.025, 0.018, 0.011}, {0.02, 0.022, 0.01}};
        for (int j = 1; j <= 4; j++) {
            cell(b, "g1", "hashmap_default", "int", j, 86 + j * 0.01, 0, g1[j - 1]);
            cell(b, "parallel", "hashmap_default", "int", j, 86 - j * 0.01, 0, parallel[j - 1]);
            cell(b, "zgc", "hashmap_default", "int", j, 121 + j * 0.02, 40 + j, zgc[j - 1]);
        }
        return b;
    }

    @Test
    void collectorsAreComparedWithG1JvmByJvm() {
        ResultBuilder out = conclude(collectorRows());
        Finding zMax = finding(out, "pause_max_zgc_vs_g1");
        assertThat(zMax.verdict()).isEqualTo(Finding.Verdict.LOWER);
        assertThat(zMax.high()).isLessThan(0.01);
        // per round: longest ZGC pause / longest G1 pause, geometric mean
        double expected = Math.exp((Math.log(0.02 / 30) + Math.log(0.03 / 35) + Math.log(0.025 / 30) + Math.log(0.022 / 31)) / 4);
        assertThat(zMax.value()).isCloseTo(expected, within(1e-12));
        assertThat(zMax.conditions()).containsEntry("gc", "zgc").containsEntry("n_keys", "200000");
        assertThat(finding(out, "pause_total_zgc_vs_g1").verdict()).isEqualTo(Finding.Verdict.LOWER);
        assertThat(finding(out, "gc_pause_max_zgc_ms").value()).isCloseTo((0.02 + 0.03 + 0.025 + 0.022) / 4, within(1e-12));
        // ZGC without compressed oops allocates more per entry
        Finding alloc = finding(out, "alloc_per_entry_zgc_vs_g1");
        assertThat(alloc.verdict()).isEqualTo(Finding.Verdict.HIGHER);
        assertThat(alloc.text()).contains("more bytes");
        assertThat(finding(out, "stall_total_zgc_ms").value()).isCloseTo(42.5, within(1e-9));
        assertThat(out.findings()).extracting(Finding::id).doesNotContain("stall_total_parallel_ms", "pause_max_g1_vs_g1");
        // Parallel's pauses are drawn from the same range: no detectable difference, both ways of asking
        assertThat(finding(out, "pause_max_parallel_vs_g1").verdict()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);
        assertThat(finding(out, "pause_total_parallel_vs_g1").verdict()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);
        assertThat(finding(out, "alloc_per_entry_parallel_vs_g1").verdict()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);
        // the same number of collections in every JVM: a ratio of exactly 1
        assertThat(finding(out, "collections_parallel_vs_g1").value()).isEqualTo(1.0);
        assertThat(finding(out, "collections_parallel_vs_g1").verdict()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);

        Finding rank = finding(out, "collector_rank_max_pause");
        assertThat(rank.value()).isEqualTo(1);   // ZGC < {G1, Parallel}: one step separated, one not
        assertThat(rank.text()).containsSubsequence("ZGC (single-generation)", " < ", " < ").contains("1 of 2 steps");
        assertThat(rank.conditions().get("collectors")).startsWith("zgc,");
        assertThat(out.tables().get("collector comparison").rowCount()).isEqualTo(8);
        assertThat(out.charts()).containsKeys("pause distribution per collector", "collections per JVM");
    }

    @Test
    void fewerCollectionsAreAFindingOfTheirOwn() {
        ResultBuilder b = new ResultBuilder();
        for (int j = 1; j <= 4; j++) {
            cell(b, "g1", "hashmap_default", "int", j, 86, 0, 10, 11, 12, 10, 9, 11);
            cell(b, "parallel", "hashmap_default", "int", j, 86, 0, j % 2 == 0 ? new double[] {10, 12, 11} : new double[] {12, 9});
        }
        ResultBuilder out = conclude(b);
        Finding count = finding(out, "collections_parallel_vs_g1");
        assertThat(count.verdict()).isEqualTo(Finding.Verdict.LOWER);
        assertThat(count.value()).isCloseTo(Math.sqrt(2.0 / 6 * 3.0 / 6), within(1e-12));
        // the longest pauses alike: the frequency differs, the pause length does not
        assertThat(finding(out, "pause_max_parallel_vs_g1").verdict()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);
    }

    @Test
    void anUnofferedCollectorIsListedNotDropped() {
        ResultBuilder out = conclude(collectorRows());
        tech.tablesaw.api.Table collectors = out.tables().get("collectors");
        assertThat(collectors.rowCount()).isEqualTo(4);
        assertThat(collectors.stringColumn("status").asList()).containsExactly("measured", "measured", "measured", "not offered by JDK 17");
        assertThat(collectors.stringColumn("collector").get(3)).isEqualTo("Generational ZGC");
        assertThat(out.findings()).extracting(Finding::id).noneMatch(id -> id.contains("zgc_generational"));
        assertThat(String.valueOf(out.notes().get("collectors_not_offered"))).contains("Generational ZGC: not offered by JDK 17");
    }

    @Test
    void thePlanRunsWhatTheJdkOffers() {
        List<GcPauses.Collector> all = List.of(GcPauses.Collector.G1, GcPauses.Collector.PARALLEL, GcPauses.Collector.ZGC, GcPauses.Collector.ZGC_GENERATIONAL);
        List<ChurnKeys> keys = List.of(ChurnKeys.INT, ChurnKeys.RANDOM_STRING, ChurnKeys.COLLIDING_STRING);
        Gc.Plan on17 = Gc.Plan.of(all, keys, 17);
        assertThat(on17.notOffered()).containsExactly(GcPauses.Collector.ZGC_GENERATIONAL);
        assertThat(on17.cells()).extracting(Gc.Cell::name).containsExactly("g1-hashmap_default-int", "g1-hashmap_presized-int",
                "g1-hashmap_default-random_string", "g1-hashmap_default-colliding_string", "parallel-hashmap_default-int", "zgc-hashmap_default-int");
        Gc.Plan on25 = Gc.Plan.of(all, keys, 25);
        assertThat(on25.notOffered()).containsExactly(GcPauses.Collector.ZGC);
        assertThat(on25.cells()).extracting(Gc.Cell::name).contains("zgc_generational-hashmap_default-int").doesNotContain("zgc-hashmap_default-int");
        assertThat(Gc.Plan.of(all, keys, 22).cells()).hasSize(7);
        // without G1 the first offered collector is the base
        Gc.Plan noG1 = Gc.Plan.of(List.of(GcPauses.Collector.ZGC_GENERATIONAL, GcPauses.Collector.PARALLEL), List.of(ChurnKeys.INT), 17);
        assertThat(noG1.base()).contains(GcPauses.Collector.PARALLEL);
        assertThat(noG1.cells()).extracting(Gc.Cell::name).containsExactly("parallel-hashmap_default-int", "parallel-hashmap_presized-int");
    }

    @Test
    void withoutG1ThePlansBaseCollectorKeepsThePresizedComparison() {
        ResultBuilder b = new ResultBuilder();
        for (int j = 1; j <= 4; j++) {
            cell(b, "parallel", "hashmap_default", "int", j, 86, 0, 10, 11);
            cell(b, "zgc", "hashmap_default", "int", j, 121, 5, 0.01, 0.02, 0.01);
            cell(b, "zgc", "hashmap_presized", "int", j, 120, 5, 0.01, 0.02, 0.01 + j * 0.001);
        }
        ResultBuilder out = conclude(b);
        assertThat(finding(out, "pause_total_default_vs_presized").conditions()).containsEntry("gc", "zgc");
        // no G1: nothing is compared with G1, but the rank still orders what ran
        assertThat(out.findings()).extracting(Finding::id).noneMatch(id -> id.endsWith("_vs_g1"));
        assertThat(finding(out, "collector_rank_max_pause").text()).contains("ZGC (single-generation)").contains("Parallel");
    }

    // ------------------------------------------------------------------ colliding keys

    @Test
    void collidingKeysThatCostMoreAreCalledHigher() {
        ResultBuilder b = new ResultBuilder();
        double[][] random = {{20, 25}, {22, 24}, {21, 26}, {19, 23}};
        double[][] colliding = {{30, 38, 12}, {33, 36, 10}, {31, 40, 11}, {29, 35, 12}};
        for (int j = 1; j <= 4; j++) {
            cell(b, "g1", "hashmap_default", "random_string", j, 140 + j * 0.1, 0, random[j - 1]);
            cell(b, "g1", "hashmap_default", "colliding_string", j, 196 + j * 0.1, 0, colliding[j - 1]);
        }
        ResultBuilder out = conclude(b);
        Finding total = finding(out, "pause_total_colliding_vs_random_string");
        assertThat(total.verdict()).isEqualTo(Finding.Verdict.HIGHER);
        assertThat(total.value()).isCloseTo(Math.exp((Math.log(80.0 / 45) + Math.log(79.0 / 46) + Math.log(82.0 / 47) + Math.log(76.0 / 42)) / 4), within(1e-12));
        assertThat(total.conditions()).containsEntry("keys", "colliding_string").containsEntry("gc", "g1");
        assertThat(finding(out, "pause_max_colliding_vs_random_string").verdict()).isEqualTo(Finding.Verdict.HIGHER);
        assertThat(finding(out, "collections_colliding_vs_random_string").value()).isCloseTo(1.5, within(1e-12));
        assertThat(finding(out, "alloc_per_entry_colliding_vs_random_string").verdict()).isEqualTo(Finding.Verdict.HIGHER);
        assertThat(out.tables().get("collision comparison").rowCount()).isEqualTo(4);
        // no int cells: no default-vs-presized or collector findings
        assertThat(out.findings()).extracting(Finding::id).doesNotContain("pause_total_default_vs_presized", "collector_rank_max_pause");
    }

    @Test
    void collidingKeysThatDoNotDifferGiveNoDetectableDifference() {
        ResultBuilder b = new ResultBuilder();
        double[][] random = {{20, 25}, {30, 21}, {21, 26}, {28, 23}};
        double[][] colliding = {{27, 22}, {21, 24}, {29, 25}, {20, 22}};
        for (int j = 1; j <= 4; j++) {
            cell(b, "g1", "hashmap_default", "random_string", j, 140 + j, 0, random[j - 1]);
            cell(b, "g1", "hashmap_default", "colliding_string", j, 142 - j, 0, colliding[j - 1]);
        }
        ResultBuilder out = conclude(b);
        assertThat(finding(out, "pause_total_colliding_vs_random_string").verdict()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);
        assertThat(finding(out, "pause_max_colliding_vs_random_string").verdict()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);
        assertThat(finding(out, "pause_max_colliding_vs_random_string").text()).startsWith("No detectable difference in this run");
        assertThat(finding(out, "alloc_per_entry_colliding_vs_random_string").verdict()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);
    }

    @Test
    void nearestRankP99IsTheLargestBelowAHundredPauses() {
        assertThat(GcPauseConclude.nearestRank(List.of(3.0, 1.0, 2.0), 0.99)).isEqualTo(3.0);
        List<Double> hundred = new ArrayList<>();
        for (int i = 1; i <= 200; i++) hundred.add((double) i);
        assertThat(GcPauseConclude.nearestRank(hundred, 0.99)).isEqualTo(198.0);
    }
}
