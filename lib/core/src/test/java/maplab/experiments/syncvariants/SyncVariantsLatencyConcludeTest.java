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

/**
 * sync-variants' newer conclusions from hand-made rows, without JMH: write-heavy and
 * single-writer throughput, allocation per operation, blocked time and latency percentiles.
 */
class SyncVariantsLatencyConcludeTest {

    static List<Sample> forks(double... forkMeans) {
        List<Sample> samples = new ArrayList<>();
        for (int f = 0; f < forkMeans.length; f++) {
            for (int i = 0; i < 3; i++) samples.add(new Sample(f, i, forkMeans[f] * (1 + 0.002 * (i - 1))));
        }
        return samples;
    }

    static final class Cells {
        final ResultBuilder rows = new ResultBuilder();

        ResultBuilder.Row at(String subject, int read) {
            return rows.row().with("subject", subject).with("read_pct", read).with("threads", 4).with("n_keys", 65536).with("popularity", "uniform");
        }

        Cells throughput(String subject, int read, double... forkMeans) {
            at(subject, read).measure("throughput", Measured.of(forks(forkMeans)), Unit.ofJmh("ops/us"));
            return this;
        }

        Cells alloc(String subject, int read, double... forkMeans) {
            at(subject, read).measure("alloc_per_op", Measured.of(forks(forkMeans)), Unit.BYTES_PER_OP);
            return this;
        }

        Cells blocked(String subject, int read, double[] msPerSecond, double[] nsPerOp) {
            at(subject, read).with("threshold_us", 10).measure("blocked_per_s", Measured.of(forks(msPerSecond)), new Unit("ms/s", Unit.Direction.LOWER));
            at(subject, read).with("threshold_us", 10).measure("blocked_per_op", Measured.of(forks(nsPerOp)), Unit.NS_PER_OP);
            return this;
        }

        Cells frame(String subject, int read, int rank, String frame, double ms) {
            at(subject, read).with("threshold_us", 10).with("rank", rank).with("frame", frame).measure("blocked_frame_ms", ms, Unit.MS);
            return this;
        }

        Cells latency(String subject, int read, String percentile, double... forkMeans) {
            at(subject, read).with("percentile", percentile).measure("latency", Measured.of(forks(forkMeans)), Unit.ofJmh("ns/op"));
            return this;
        }

        ResultBuilder conclude() {
            return conclude(Map.of());
        }

        /** Concluded with the full profile's parameters, {@code set} overriding some. */
        ResultBuilder conclude(Map<String, String> set) {
            RunData data = new RunData("sync-variants", Profile.FULL, Params.resolve(new SyncVariants(), Profile.FULL, set),
                    Rows.fromObjects(rows.rows(), rows.samples()));
            ResultBuilder out = new ResultBuilder();
            new SyncVariants().conclude(data, out);
            return out;
        }
    }

    static Finding finding(ResultBuilder out, String id) {
        return SyncVariantsConcludeTest.finding(out, id);
    }

    static boolean has(ResultBuilder out, String id) {
        return out.findings().stream().anyMatch(f -> f.id().equals(id));
    }

    @Test
    void writeHeavyAndSingleWriterComparisonsAreCalledOrNotFromTheirCells() {
        ResultBuilder out = new Cells()
                .throughput("concurrent_hash_map", 0, 60, 58, 62, 61, 59)
                .throughput("synchronized_map", 0, 15, 14, 16, 15.5, 14.5)
                .throughput("concurrent_hash_map", 95, 100, 80, 120, 90, 110)
                .throughput("single_writer", 95, 95, 85, 110, 100, 105)
                .conclude();
        Finding writeHeavy = finding(out, "chm_vs_synchronized_read0");
        assertThat(writeHeavy.verdict()).isEqualTo(Verdict.HIGHER);
        assertThat(writeHeavy.value()).isBetween(3.9, 4.1);
        assertThat(writeHeavy.conditions()).containsEntry("read_pct", "0").containsEntry("threads", "4");
        // forks that move together round by round, but the two subjects' means within a few percent: no call either way
        Finding single = finding(out, "single_writer_vs_chm_read95");
        assertThat(single.verdict()).isEqualTo(Verdict.NO_DIFFERENCE);
        assertThat(single.low()).isLessThan(1);
        assertThat(single.high()).isGreaterThan(1);

        ResultBuilder slower = new Cells()
                .throughput("concurrent_hash_map", 95, 100, 98, 102, 99, 101)
                .throughput("single_writer", 95, 20, 21, 19, 20, 20.5)
                .conclude();
        assertThat(finding(slower, "single_writer_vs_chm_read95").verdict()).isEqualTo(Verdict.LOWER);
        assertThat(has(slower, "chm_vs_synchronized_read0")).isFalse();
    }

    @Test
    void allocationPerOperationIsAnEstimatePerSubjectWithWrites() {
        ResultBuilder out = new Cells()
                .throughput("copy_on_write", 50, 1, 1, 1, 1, 1)
                .alloc("copy_on_write", 50, 3.0e6, 3.1e6, 2.9e6, 3.0e6, 3.05e6)
                .throughput("concurrent_hash_map", 50, 100, 100, 100, 100, 100)
                .alloc("concurrent_hash_map", 50, 0.01, 0.02, 0.0, 0.01, 0.015)
                .throughput("concurrent_hash_map", 100, 100, 100, 100, 100, 100)
                .alloc("concurrent_hash_map", 100, 0.01, 0.01, 0.01, 0.01, 0.01)
                .conclude();
        Finding cow = finding(out, "alloc_per_op_copy_on_write_read50");
        assertThat(cow.value()).isBetween(2.9e6, 3.1e6);
        assertThat(cow.low()).isLessThan(cow.value()).isGreaterThan(2.8e6);
        assertThat(cow.high()).isGreaterThan(cow.value()).isLessThan(3.2e6);
        assertThat(cow.unit()).isEqualTo("B/op");
        assertThat(cow.conditions()).containsEntry("read_pct", "50");
        assertThat(finding(out, "alloc_per_op_concurrent_hash_map_read50").high()).isLessThan(1);
        // at 100% reads no map writes, so no allocation finding
        assertThat(has(out, "alloc_per_op_concurrent_hash_map_read100")).isFalse();
    }

    @Test
    void blockedTimeOfALockAgainstConcurrentHashMapIsAPairedDifference() {
        ResultBuilder out = new Cells()
                .blocked("synchronized_map", 95, new double[] {900, 950, 870, 920, 910}, new double[] {300, 320, 290, 310, 305})
                .blocked("concurrent_hash_map", 95, new double[] {0, 0, 0, 0, 0}, new double[] {0, 0, 0, 0, 0})
                .blocked("rw_lock", 95, new double[] {2, 0, 3, 1, 0}, new double[] {1, 0, 1, 1, 0})
                .frame("synchronized_map", 95, 1, "java.util.Collections$SynchronizedMap.get", 4000)
                .frame("synchronized_map", 95, 2, "java.util.Collections$SynchronizedMap.put", 500)
                .conclude();
        Finding sync = finding(out, "blocked_synchronized_map_vs_chm_read95");
        assertThat(sync.verdict()).isEqualTo(Verdict.HIGHER);
        assertThat(sync.value()).isBetween(905.0, 915.0);
        assertThat(sync.low()).isGreaterThan(800);
        assertThat(sync.conditions()).containsEntry("threshold_us", "10").containsEntry("threads", "4");
        // a lock that hardly waits longer than the threshold: the interval includes 0
        Finding rw = finding(out, "blocked_rw_lock_vs_chm_read95");
        assertThat(rw.verdict()).isEqualTo(Verdict.NO_DIFFERENCE);
        assertThat(rw.low()).isLessThan(0);
        Finding perOp = finding(out, "blocked_per_op_synchronized_map_read95");
        assertThat(perOp.value()).isBetween(300.0, 310.0);
        assertThat(perOp.unit()).isEqualTo("ns/op");
        assertThat(has(out, "blocked_per_op_concurrent_hash_map_read95")).isTrue();
        assertThat(out.tables().get("top contended frames").rowCount()).isEqualTo(2);
        assertThat(out.tables().get("top contended frames").stringColumn("frame").get(0)).isEqualTo("java.util.Collections$SynchronizedMap.get");
        assertThat(out.charts()).containsKey("blocked time, 95% reads");
        assertThat(maplab.render.ChartDrawing.png(out.charts().get("blocked time, 95% reads"))).isNotEmpty();
    }

    /** Source claim A16 (sharding cuts lock contention): the sharded map against one lock, throughput and blocked time. */
    @Test
    void shardedAgainstOneLockIsComparedForThroughputAndBlockedTime() {
        ResultBuilder out = new Cells()
                .throughput("sharded", 50, 12, 13, 11, 12.5, 12)
                .throughput("synchronized_map", 50, 4, 4.2, 3.9, 4.1, 4)
                .throughput("concurrent_hash_map", 50, 20, 21, 19, 20, 20)
                .blocked("synchronized_map", 50, new double[] {900, 950, 870, 920, 910}, new double[] {300, 320, 290, 310, 305})
                .blocked("sharded", 50, new double[] {40, 60, 30, 50, 45}, new double[] {10, 12, 9, 11, 10})
                .blocked("concurrent_hash_map", 50, new double[] {0, 0, 0, 0, 0}, new double[] {0, 0, 0, 0, 0})
                .conclude();
        Finding tp = finding(out, "sharded_vs_synchronized_read50");
        assertThat(tp.verdict()).isEqualTo(Verdict.HIGHER);
        assertThat(tp.value()).isCloseTo(60.5 / 20.2, org.assertj.core.api.Assertions.within(0.05));
        Finding blocked = finding(out, "blocked_sharded_vs_synchronized_read50");
        assertThat(blocked.verdict()).isEqualTo(Verdict.LOWER);
        assertThat(blocked.value()).isBetween(-870.0, -860.0);
        assertThat(blocked.text()).contains("more than synchronizedMap's");
        assertThat(blocked.group()).isEqualTo("contention");
        // the existing comparison with ConcurrentHashMap keeps its wording
        assertThat(finding(out, "blocked_sharded_vs_chm_read50").text()).contains("more than ConcurrentHashMap's");
    }

    @Test
    void shardedAndOneLockThatDoNotSeparateShowNoDetectableDifference() {
        ResultBuilder out = new Cells()
                .throughput("sharded", 50, 4, 4.4, 3.7, 4.2, 3.9)
                .throughput("synchronized_map", 50, 4.1, 4.0, 4.3, 3.8, 4.2)
                .blocked("synchronized_map", 50, new double[] {900, 700, 1100, 800, 950}, new double[] {300, 250, 350, 280, 320})
                .blocked("sharded", 50, new double[] {1000, 650, 1000, 900, 850}, new double[] {320, 240, 330, 300, 290})
                .conclude();
        assertThat(finding(out, "sharded_vs_synchronized_read50").verdict()).isEqualTo(Verdict.NO_DIFFERENCE);
        assertThat(finding(out, "blocked_sharded_vs_synchronized_read50").verdict()).isEqualTo(Verdict.NO_DIFFERENCE);
        // without a synchronizedMap cell there is no comparison with one lock
        ResultBuilder alone = new Cells().blocked("sharded", 50, new double[] {1, 2, 3}, new double[] {1, 1, 1}).conclude();
        assertThat(has(alone, "blocked_sharded_vs_synchronized_read50")).isFalse();
    }

    @Test
    void blockedTimesSpanningDecadesAreDrawnOnALogAxis() {
        ResultBuilder out = new Cells()
                .blocked("synchronized_map", 95, new double[] {900, 950, 870, 920, 910}, new double[] {300, 320, 290, 310, 305})
                .blocked("concurrent_hash_map", 95, new double[] {0.5, 0.4, 0.6, 0.5, 0.5}, new double[] {0.1, 0.1, 0.1, 0.1, 0.1})
                .conclude();
        var chart = out.charts().get("blocked time, 95% reads");
        assertThat(chart.logY()).isTrue();
        assertThat(maplab.render.ChartDrawing.png(chart)).isNotEmpty();
    }

    @Test
    void latencyPercentilesAreComparedToConcurrentHashMapByRound() {
        Cells c = new Cells();
        c.latency("concurrent_hash_map", 95, "p50", 60, 61, 59, 60, 60).latency("synchronized_map", 95, "p50", 61, 60, 60, 59, 61)
                .latency("concurrent_hash_map", 95, "p99", 700, 800, 650, 720, 760).latency("synchronized_map", 95, "p99", 2100, 2400, 1950, 2200, 2250)
                .latency("concurrent_hash_map", 95, "p99.9", 9000, 12000, 8000, 10000, 11000).latency("synchronized_map", 95, "p99.9", 8000, 13000, 9000, 9500, 11500);
        for (String p : List.of("p90", "p99.99")) {
            c.latency("concurrent_hash_map", 95, p, 500, 500, 500, 500, 500).latency("synchronized_map", 95, p, 600, 600, 600, 600, 600);
        }
        ResultBuilder out = c.conclude();
        Finding p99 = finding(out, "latency_p99_synchronized_map_vs_chm_read95");
        assertThat(p99.verdict()).isEqualTo(Verdict.HIGHER);
        assertThat(p99.value()).isBetween(2.9, 3.1);
        assertThat(p99.conditions()).containsEntry("percentile", "p99").containsEntry("read_pct", "95");
        assertThat(p99.text()).startsWith("At 4 threads, 95% reads").contains("slower");
        assertThat(finding(out, "latency_p50_synchronized_map_vs_chm_read95").verdict()).isEqualTo(Verdict.NO_DIFFERENCE);
        assertThat(finding(out, "latency_p999_synchronized_map_vs_chm_read95").verdict()).isEqualTo(Verdict.NO_DIFFERENCE);
        assertThat(out.charts()).containsKey("latency percentiles, 95% reads");
        assertThat(maplab.render.ChartDrawing.png(out.charts().get("latency percentiles, 95% reads"))).isNotEmpty();
        assertThat(out.tables().get("latency percentiles").rowCount()).isEqualTo(2);
    }

    /** A sequential latency effort (6-10 forks: 5 looks) widens each percentile ratio's interval, by Bonferroni, around the same value. */
    @Test
    void sequentialLatencyLooksWidenThePercentileRatios() {
        Cells c = new Cells().latency("concurrent_hash_map", 95, "p99", 700, 800, 650, 720, 760, 710)
                .latency("synchronized_map", 95, "p99", 2100, 2400, 1950, 2200, 2250, 2150);
        Finding fixed = finding(c.conclude(Map.of("latency_effort", "6:2x100ms+3x100ms")), "latency_p99_synchronized_map_vs_chm_read95");
        Finding sequential = finding(c.conclude(Map.of("latency_effort", "6-10:2x100ms+3x100ms")), "latency_p99_synchronized_map_vs_chm_read95");
        assertThat(sequential.value()).isEqualTo(fixed.value());
        assertThat(sequential.low()).isLessThan(fixed.low());
        assertThat(sequential.high()).isGreaterThan(fixed.high());
        assertThat(sequential.verdict()).isEqualTo(Verdict.HIGHER);
    }
}
