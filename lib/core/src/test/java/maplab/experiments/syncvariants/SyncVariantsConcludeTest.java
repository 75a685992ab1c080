package maplab.experiments.syncvariants;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import maplab.plan.Params;
import maplab.plan.Profile;
import maplab.run.RunData;
import maplab.conclude.Finding;
import maplab.conclude.Finding.Verdict;
import maplab.measure.Measured;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.plan.Unit;
import maplab.stats.Estimates.Sample;
import org.junit.jupiter.api.Test;

/** sync-variants' conclusions from small hand-made rows, without JMH. */
class SyncVariantsConcludeTest {

    /** Rows being built: throughput (and a flat allocation) per cell, from per-fork means. */
    static final class Cells {
        final ResultBuilder rows = new ResultBuilder();

        Cells cores(int n) {
            rows.row().measure("logical_cores", n, Unit.COUNT);
            return this;
        }

        /** One cell; fork {@code r} (round r) gets three iterations around {@code forkMeans[r]}. */
        Cells cell(String subject, int read, int threads, double... forkMeans) {
            List<Sample> samples = new ArrayList<>();
            for (int f = 0; f < forkMeans.length; f++) {
                for (int i = 0; i < 3; i++) samples.add(new Sample(f, i, forkMeans[f] * (1 + 0.002 * (i - 1))));
            }
            Measured m = Measured.of(samples);
            rows.row().with("subject", subject).with("read_pct", read).with("threads", threads).with("n_keys", 65536)
                    .with("popularity", "uniform").measure("throughput", m, Unit.ofJmh("ops/us"));
            rows.row().with("subject", subject).with("read_pct", read).with("threads", threads).with("n_keys", 65536)
                    .with("popularity", "uniform").measure("alloc_per_op", new Measured(0.01, 0.001, List.of()), Unit.BYTES_PER_OP);
            return this;
        }

        ResultBuilder conclude(Profile profile) {
            RunData data = new RunData("sync-variants", profile, Params.resolve(new SyncVariants(), profile, Map.of()),
                    Rows.fromObjects(rows.rows(), rows.samples()));
            ResultBuilder out = new ResultBuilder();
            new SyncVariants().conclude(data, out);
            return out;
        }
    }

    static Finding finding(ResultBuilder out, String id) {
        return out.findings().stream().filter(f -> f.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no finding " + id + " in " + out.findings()));
    }

    @Test
    void aClearDifferenceIsCalledWithItsConditions() {
        ResultBuilder out = new Cells().cores(2)
                .cell("concurrent_hash_map", 95, 4, 120, 118, 123, 119, 121)
                .cell("synchronized_map", 95, 4, 30, 29, 31, 30.5, 29.5)
                .conclude(Profile.QUICK);
        Finding f = finding(out, "chm_vs_synchronized_read95");
        assertThat(f.verdict()).isEqualTo(Verdict.HIGHER);
        assertThat(f.basis()).isEqualTo(Finding.Basis.TIMING);
        assertThat(f.value()).isBetween(3.9, 4.1);
        assertThat(f.low()).isGreaterThan(3.5).isLessThan(f.value());
        assertThat(f.high()).isGreaterThan(f.value()).isLessThan(4.5);
        assertThat(f.conditions()).containsEntry("threads", "4").containsEntry("read_pct", "95")
                .containsEntry("n_keys", "65536").containsEntry("popularity", "uniform");
        assertThat(f.text()).startsWith("At 4 threads, 95% reads, 65536 keys, uniform popularity, ConcurrentHashMap had")
                .contains("more throughput");
    }

    @Test
    void overlappingForksGiveNoDetectableDifference() {
        // copy-on-write and ConcurrentHashMap at 100% reads: fork means interleave, the ratio is near 1
        ResultBuilder out = new Cells()
                .cell("copy_on_write", 100, 4, 125, 131, 118, 136, 122)
                .cell("concurrent_hash_map", 100, 4, 133, 124, 129, 121, 135)
                .conclude(Profile.QUICK);
        Finding f = finding(out, "cow_vs_chm_read100");
        assertThat(f.verdict()).isEqualTo(Verdict.NO_DIFFERENCE);
        assertThat(f.low()).isLessThan(1);
        assertThat(f.high()).isGreaterThan(1);
        assertThat(f.text()).contains("no detectable difference in this run").contains("which includes 1")
                .doesNotContain("more throughput").doesNotContain("less throughput");
    }

    @Test
    void aSlowRoundThatHitsBothSubjectsCancelsInThePairedRatio() {
        // round 2 ran in a slow stretch of the machine: both subjects lost two thirds (the reference's dip). Paired by
        // round the ratio is 4 in every round; unpaired (or from the two cells' intervals) it could not be told from 1.
        ResultBuilder out = new Cells()
                .cell("concurrent_hash_map", 95, 4, 120, 118, 40, 121)
                .cell("synchronized_map", 95, 4, 30, 29.5, 10, 30.25)
                .conclude(Profile.QUICK);
        Finding f = finding(out, "chm_vs_synchronized_read95");
        assertThat(f.verdict()).isEqualTo(Verdict.HIGHER);
        assertThat(f.low()).isGreaterThan(3.8);
        assertThat(f.high()).isLessThan(4.2);
    }

    @Test
    void findingsStayAtTheFindingsThreadCountAndMoreThreadsGetTheirOwnIds() {
        ResultBuilder out = new Cells().cores(2)
                .cell("sharded", 50, 4, 40, 42, 41, 39, 40)
                .cell("concurrent_hash_map", 50, 4, 70, 72, 69, 71, 70)
                .cell("sharded", 50, 8, 38, 37, 39, 38, 36)
                .cell("concurrent_hash_map", 50, 8, 37, 39, 38, 36, 38)
                .conclude(Profile.FULL);
        Finding at4 = finding(out, "sharded_vs_chm_read50");
        assertThat(at4.conditions()).containsEntry("threads", "4");
        assertThat(at4.verdict()).isEqualTo(Verdict.LOWER);
        Finding at8 = finding(out, "sharded_vs_chm_read50_t8");
        assertThat(at8.conditions()).containsEntry("threads", "8");
        assertThat(at8.verdict()).isEqualTo(Verdict.NO_DIFFERENCE);
        // comparisons whose cells were not measured are named, not invented
        assertThat(out.findings()).extracting(Finding::id).doesNotContain("chm_vs_synchronized_read95", "cow_vs_chm_read50");
        assertThat(String.valueOf(out.notes().get("findings_not_computed")))
                .contains("chm_vs_synchronized_read95: needs concurrent_hash_map and synchronized_map at 4 threads, 95% reads");
        Finding perCore = finding(out, "max_threads_per_core");
        assertThat(perCore.value()).isEqualTo(4.0);
        assertThat(perCore.basis()).isEqualTo(Finding.Basis.PARAMETER);
        assertThat(perCore.text()).contains("oversubscribed");
    }

    @Test
    void chartsPlotThroughputAgainstThreadsFromTheRowsWithErrorBarsAboveZero() {
        ResultBuilder out = new Cells()
                .cell("synchronized_map", 0, 2, 25, 27, 26, 24)
                .cell("synchronized_map", 0, 4, 2, 30, 1, 28)   // wide: a half-width larger than the value
                .conclude(Profile.QUICK);
        var data = out.charts().get("throughput, 0% reads");
        assertThat(data.series("synchronizedMap").x()).containsExactly(2.0, 4.0);
        // as drawn, error bars stop at zero
        var s = ((org.knowm.xchart.XYChart) maplab.render.ChartDrawing.xchart(data)).getSeriesMap().get("synchronizedMap");
        assertThat(s.getYData()[0]).isEqualTo(25.5, org.assertj.core.api.Assertions.within(1e-6));
        double[] y = s.getYData();
        double[] e = s.getExtraValues();
        for (int i = 0; i < y.length; i++) assertThat(y[i] - e[i]).isGreaterThanOrEqualTo(0);
        assertThat(e[0]).isGreaterThan(0);
        assertThat(out.tables().get("throughput").columnNames()).contains("ops/us, 2 threads", "± 4 threads");
    }
}
