package maplab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import maplab.lab.Experiments;
import maplab.plan.Profile;
import maplab.run.RunData;
import maplab.progress.Progress;
import maplab.conclude.Result;
import maplab.measure.Rows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/**
 * resize-latency end to end at a small n: child JVMs time every put, the resizing puts are found
 * at the operations where the tables must grow, a rehash shows as a spike above the p99, and the
 * stored run concludes again to the same findings.
 */
@Tag("answers")  // slow (real JMH forks): run by ./maplab test --answers
class ResizeLatencyExperimentTest {

    private static final int N = 50_000;

    @Test
    void resizingPutsAreFoundWhereTablesGrowAndStandOutOfTheDistribution(@TempDir Path tmp) throws Exception {
        Result r = Experiments.run("resize-latency", Profile.QUICK, Map.of("n", String.valueOf(N), "fill_effort", "3:1+1",
                "heap_mb", "160", "buckets", "20"), tmp.resolve("run"), Progress.SILENT);
        assertThat(r.error()).isNull();
        Rows rows = RunData.read(tmp.resolve("run"), maplab.lab.Experiments::byId).rows();
        Rows resizes = rows.metric("resize_latency").where("writers", 1);

        for (int jvm = 1; jvm <= 3; jvm++) {
            // HashMap: 16 buckets hold 12 entries, so the 13th put (index 12) doubles; 16 -> 131072 is 13 doublings for 50000 keys
            List<Rows.Row> hm = resizes.where("subject", "hashmap_default").where("jvm", jvm).list();
            assertThat(hm).hasSize(13);
            assertThat(hm.get(0).integer("op_index")).isEqualTo(12);
            assertThat(hm.get(0).integer("table_after")).isEqualTo(32);
            assertThat(resizes.where("subject", "hashmap_presized").where("jvm", jvm).isEmpty()).isTrue();
            // ProbeMaps start at 2 slots: 16 doublings to 131072, the same puts for both resize policies
            List<Long> doubling = resizes.where("subject", "probemap_doubling").where("jvm", jvm).list().stream().map(x -> x.integer("op_index")).toList();
            List<Long> incremental = resizes.where("subject", "probemap_incremental").where("jvm", jvm).list().stream().map(x -> x.integer("op_index")).toList();
            assertThat(doubling).hasSize(16).isEqualTo(incremental);
        }
        // the last all-at-once doubling re-inserts 49152 keys: far above the 99th percentile of that map's puts
        double p99 = rows.metric("latency").where("subject", "probemap_doubling").where("stat", "p99").one().value();
        List<Double> lastRehash = resizes.where("subject", "probemap_doubling").where("table_after", 131072).list().stream().map(Rows.Row::value).sorted().toList();
        assertThat(lastRehash.get(1)).as("median over JVMs of the last rehashing put vs p99 %s ns", p99).isGreaterThan(10 * p99);
        assertThat(r.finding("incremental_vs_doubling_resize_put").value()).isLessThan(1);
        assertThat(r.finding("chm_writers_vs_one_p99_9").conditions()).containsEntry("writers", "2").containsEntry("n_keys", String.valueOf(N));
        assertThat(r.finding("hashmap_default_vs_presized_max").conditions()).containsEntry("n_keys", String.valueOf(N));
        assertThat(rows.metric("collections").size()).isEqualTo(6 * 3);
        assertThat(r.chart("percentiles").series()).hasSize(6);
        assertThat(r.chart("latency by operation").series().get(0).x()).hasSize(20);

        Result again = Experiments.conclude(tmp.resolve("run"), tmp.resolve("again"));
        assertThat(again.findings()).isEqualTo(r.findings());
    }
}
