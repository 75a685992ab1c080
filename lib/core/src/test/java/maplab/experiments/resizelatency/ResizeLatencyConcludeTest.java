package maplab.experiments.resizelatency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import maplab.plan.Params;
import maplab.plan.Profile;
import maplab.run.RunData;
import maplab.measure.PutLatency;
import maplab.conclude.ChartData;
import maplab.conclude.Finding;
import maplab.conclude.Finding.Verdict;
import maplab.measure.Measured;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.plan.Unit;
import maplab.stats.Estimates.Sample;
import org.junit.jupiter.api.Test;

/** resize-latency's conclusions from hand-made rows, without child JVMs: ratio verdicts (and a no-difference case), conditions, tables, charts. */
class ResizeLatencyConcludeTest {

    private static final int N = 1_000_000;
    private static final int JVMS = 4;

    /** Per-JVM values (one sample each), JVM j = round j, as measure writes them. */
    private static Measured jvms(double... values) {
        List<Sample> samples = new ArrayList<>();
        for (int j = 0; j < values.length; j++) samples.add(new Sample(j + 1, 1, values[j]));
        return Measured.of(samples);
    }

    /** A cell whose statistics are {@code base} x a fixed per-stat factor, with a little per-JVM wobble. */
    private static void cell(ResultBuilder b, String subject, int writers, double p999, double max, double mean) {
        cell(b, subject, writers, p999, max, mean, new double[] {0.97, 1.02, 1.0, 1.01});
    }

    private static void cell(ResultBuilder b, String subject, int writers, double p999, double max, double mean, double[] wobble) {
        Map<String, Double> stats = new LinkedHashMap<>();
        stats.put("p50", 120.0);
        stats.put("p90", 250.0);
        stats.put("p99", 450.0);
        stats.put("p99_9", p999);
        stats.put("p99_99", 10_000.0);
        stats.put("max", max);
        stats.put("mean", mean);
        for (String stat : PutLatency.STATS) {
            double v = stats.get(stat);
            b.row().with("subject", subject).with("writers", writers).with("n_keys", N).with("stat", stat)
                    .measure("latency", jvms(v * wobble[0], v * wobble[1], v * wobble[2], v * wobble[3]), ResizeLatency.NS);
        }
        for (int bucket = 0; bucket < 3; bucket++) {
            b.row().with("subject", subject).with("writers", writers).with("n_keys", N).with("bucket", bucket).with("first_op", bucket * (N / 3))
                    .measure("bucket_max", jvms(max / 4, max / 3, max / 2, max / 3), ResizeLatency.NS);
        }
        for (int j = 1; j <= JVMS; j++) {
            b.row().with("subject", subject).with("writers", writers).with("n_keys", N).with("jvm", j).with("recorded_fills", 1)
                    .measure("collections", 0, Unit.COUNT);
        }
    }

    /** Resizing puts of a single-writer cell at the last few doublings: {@code nsPerSlot} x new table length, one JVM slowed at one resize. */
    private static void resizes(ResultBuilder b, String subject, double nsPerSlot) {
        for (int j = 1; j <= JVMS; j++) {
            for (int after = 1 << 14; after <= 1 << 21; after <<= 1) {
                double noise = (j == 2 && after == 1 << 19) ? 40 : 1 + 0.02 * j;   // a descheduled put: the median ignores it
                b.row().with("subject", subject).with("writers", 1).with("n_keys", N).with("jvm", j).with("op_index", after * 3 / 8)
                        .with("table_before", after / 2).with("table_after", after).measure("resize_latency", nsPerSlot * after * noise, ResizeLatency.NS);
            }
        }
    }

    private static ResultBuilder rows(double chmTwoWritersP999) {
        ResultBuilder b = new ResultBuilder();
        cell(b, "hashmap_default", 1, 1_500, 40e6, 500);
        cell(b, "hashmap_presized", 1, 500, 10e6, 400);
        cell(b, "chm_default", 1, 800, 30e6, 700);
        cell(b, "chm_default", 2, chmTwoWritersP999, 30e6 * 1.01, 700, new double[] {1.02, 0.97, 1.01, 1.0});   // other JVMs, other noise
        cell(b, "probemap_doubling", 1, 600, 30e6, 400);
        cell(b, "probemap_incremental", 1, 1_000, 3e6, 520);
        resizes(b, "hashmap_default", 8);
        resizes(b, "probemap_doubling", 3.5);
        resizes(b, "probemap_incremental", 0.6);
        b.row().with("subject", "probemap_doubling").with("n_keys", N).with("bytes_per_slot", 16).measure("peak_table_bytes", 3 * (1 << 21) * 16, Unit.BYTES);
        b.row().with("subject", "probemap_doubling").with("n_keys", N).with("bytes_per_slot", 16).measure("mean_table_bytes", 20e6, Unit.BYTES);
        b.row().with("subject", "probemap_incremental").with("n_keys", N).with("bytes_per_slot", 16).measure("peak_table_bytes", 3 * (1 << 21) * 16, Unit.BYTES);
        b.row().with("subject", "probemap_incremental").with("n_keys", N).with("bytes_per_slot", 16).measure("mean_table_bytes", 24e6, Unit.BYTES);
        return b;
    }

    private static ResultBuilder conclude(ResultBuilder rows) {
        ResizeLatency e = new ResizeLatency();
        RunData data = new RunData("resize-latency", Profile.QUICK, Params.resolve(e, Profile.QUICK, Map.of()), Rows.fromObjects(rows.rows(), rows.samples()));
        ResultBuilder out = new ResultBuilder();
        e.conclude(data, out);
        return out;
    }

    private static Map<String, Finding> byId(ResultBuilder out) {
        Map<String, Finding> m = new LinkedHashMap<>();
        for (Finding f : out.findings()) m.put(f.id(), f);
        return m;
    }

    @Test
    void resizeSpikesAndTheIncrementalTradeOffAreCalledFromPairedJvms() {
        Map<String, Finding> f = byId(conclude(rows(800)));

        assertThat(f.get("hashmap_default_vs_presized_p99_9").verdict()).isEqualTo(Verdict.HIGHER);
        assertThat(f.get("hashmap_default_vs_presized_p99_9").value()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(f.get("hashmap_default_vs_presized_max").verdict()).isEqualTo(Verdict.HIGHER);
        assertThat(f.get("incremental_vs_doubling_max").verdict()).isEqualTo(Verdict.LOWER);
        assertThat(f.get("incremental_vs_doubling_max").value()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(0.001));
        assertThat(f.get("incremental_vs_doubling_mean").verdict()).isEqualTo(Verdict.HIGHER);
        assertThat(f.get("incremental_vs_doubling_p99_9").verdict()).isEqualTo(Verdict.HIGHER);
        // per slot, median over resizes: the descheduled put (40x) in JVM 2 does not move it
        Finding resize = f.get("incremental_vs_doubling_resize_put");
        assertThat(resize.verdict()).isEqualTo(Verdict.LOWER);
        assertThat(resize.value()).isCloseTo(0.6 / 3.5, org.assertj.core.data.Offset.offset(0.001));
        assertThat(f.get("hashmap_default_resize_ns_per_bucket").value()).isBetween(8.0, 8.5);
        assertThat(f.get("incremental_vs_doubling_mean_table_bytes").value()).isCloseTo(1.2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(f.get("incremental_vs_doubling_mean_table_bytes").basis()).isEqualTo(Finding.Basis.COUNT);
        assertThat(f.get("max_put_doubling_us").value()).isCloseTo(30_000, org.assertj.core.data.Offset.offset(200.0));
        assertThat(f.get("max_put_incremental_us").value()).isCloseTo(3_000, org.assertj.core.data.Offset.offset(20.0));
        assertThat(f.get("collections_during_recorded_fills").value()).isZero();
        for (Finding x : f.values()) assertThat(x.conditions()).containsEntry("n_keys", String.valueOf(N));
        assertThat(f.get("chm_writers_vs_one_p99_9").conditions()).containsEntry("writers", "2");
    }

    @Test
    void writersThatDoNotChangeTheTailGiveNoDetectableDifference() {
        Map<String, Finding> f = byId(conclude(rows(800)));
        // two writers: the same p99.9 as one writer up to JVM-to-JVM noise
        assertThat(f.get("chm_writers_vs_one_p99_9").verdict()).isEqualTo(Verdict.NO_DIFFERENCE);
        assertThat(f.get("chm_writers_vs_one_p99_9").text()).startsWith("No detectable difference");
        assertThat(f.get("chm_writers_vs_one_max").verdict()).isEqualTo(Verdict.NO_DIFFERENCE);
        Map<String, Finding> slower = byId(conclude(rows(2_400)));
        assertThat(slower.get("chm_writers_vs_one_p99_9").verdict()).isEqualTo(Verdict.HIGHER);
    }

    @Test
    void tablesAndChartsShowEveryCell() {
        ResultBuilder out = conclude(rows(800));
        assertThat(out.tables().get("latency").rowCount()).isEqualTo(6);
        assertThat(out.tables().get("latency").stringColumn("subject").asList()).contains("new ConcurrentHashMap<>(), 2 writers", "ProbeMap, incremental resizing");
        assertThat(out.tables().get("resizes").rowCount()).isEqualTo(3 * 8);
        ChartData percentiles = out.charts().get("percentiles");
        assertThat(percentiles.series()).hasSize(6);
        // p50, p90, p99, p99.9, p99.99 at 1/(1-p), then the max at n
        List<Double> x = percentiles.series("new HashMap<>()").x();
        double[] expected = {2, 10, 100, 1000, 10_000, N};
        assertThat(x).hasSize(expected.length);
        for (int i = 0; i < x.size(); i++) assertThat(x.get(i)).isCloseTo(expected[i], org.assertj.core.data.Percentage.withPercentage(1e-6));
        ChartData byOp = out.charts().get("latency by operation");
        assertThat(byOp.series("new HashMap<>()").y().get(0)).isCloseTo(40e6 / 3, org.assertj.core.data.Offset.offset(1.0));
        ChartData resize = out.charts().get("resize puts");
        assertThat(resize.seriesNames()).containsExactlyInAnyOrder("new HashMap<>()", "ProbeMap, all-at-once doubling", "ProbeMap, incremental resizing");
    }

    @Test
    void badSettingsNameTheParameterAndWhatIsAllowed() {
        ResizeLatency e = new ResizeLatency();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> e.validate(Params.resolve(e, Profile.QUICK, Map.of("n", "4000000", "heap_mb", "256"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'heap_mb'").hasMessageContaining("allowed");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> e.validate(Params.resolve(e, Profile.QUICK, Map.of("fill_effort", "4:1x100ms+2x100ms"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'fill_effort'").hasMessageContaining("JVMS:WARMUP+ROUNDS");
        e.validate(Params.resolve(e, Profile.QUICK, Map.of()));
        e.validate(Params.resolve(e, Profile.FULL, Map.of()));
    }
}
