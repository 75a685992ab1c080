package maplab.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import maplab.experiment.Params;
import maplab.experiment.Profile;
import maplab.experiment.RunData;
import maplab.result.Finding;
import maplab.result.Measured;
import maplab.result.ResultBuilder;
import maplab.result.Rows;
import maplab.result.Unit;
import maplab.stats.Estimates.Sample;
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
        double p = Gc.pairedLogP(a, b);
        assertThat(Finding.verdict(ratio, 1)).isEqualTo(Finding.Verdict.HIGHER);
        assertThat(p).isLessThan(0.01);
        // Unpaired (different JVM indices): Welch on the logs cannot see through the drift.
        Map<Integer, Double> c = Map.of(6, 100.0, 7, 199.0, 8, 151.0, 9, 300.0, 10, 109.0);
        assertThat(Gc.pairedLogP(a, c)).isGreaterThan(0.01);
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
}
