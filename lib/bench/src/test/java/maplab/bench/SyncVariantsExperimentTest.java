package maplab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import maplab.experiment.Experiments;
import maplab.experiment.Profile;
import maplab.progress.Progress;
import maplab.result.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.Table;

/**
 * sync-variants end to end on a small slice (JMH in forked JVMs). Known answers that hold on
 * any machine: a copy-on-write write copies the whole map (kilobytes per operation at 4096
 * keys) while ConcurrentHashMap allocates next to nothing, and so at 50% writes copy-on-write
 * has far less throughput.
 */
class SyncVariantsExperimentTest {

    @Test
    void copyOnWritePaysForEveryWriteWithACopy(@TempDir Path tmp) throws Exception {
        Result r = Experiments.run("sync-variants", Profile.QUICK, Map.of(
                "subjects", "synchronized_map,concurrent_hash_map,copy_on_write", "read_pcts", "50",
                "threads", "1,2", "n_keys", "4096"), tmp.resolve("run"), Progress.SILENT);
        assertThat(r.error()).isNull();

        Table alloc = r.table("allocation per operation");
        assertThat(alloc.stringColumn("subject").asList()).containsExactly("synchronizedMap", "ConcurrentHashMap", "copy-on-write");
        double cow = alloc.where(alloc.stringColumn("subject").isEqualTo("copy-on-write")).doubleColumn("B/op, 1 thread").get(0);
        double chm = alloc.where(alloc.stringColumn("subject").isEqualTo("ConcurrentHashMap")).doubleColumn("B/op, 1 thread").get(0);
        // Half the operations copy 4096 entries (at least a 16 KiB table and 32 bytes per node): far above 16 KiB per operation.
        assertThat(cow).isGreaterThan(16 * 1024);
        assertThat(chm).isLessThan(64);
        assertThat(r.finding("cow_vs_chm_read50").value()).isLessThan(0.5);
        assertThat(r.finding("cow_vs_chm_read50").text()).startsWith("At 2 threads, 50% reads, 4096 keys, uniform").contains("less throughput");

        XYChart chart = (XYChart) r.chart("throughput, 50% reads");
        assertThat(chart.getSeriesMap()).containsOnlyKeys("synchronizedMap", "ConcurrentHashMap", "copy-on-write");
        assertThat(chart.getSeriesMap().get("ConcurrentHashMap").getXData()).containsExactly(1.0, 2.0);
        assertThat(chart.getSeriesMap().get("ConcurrentHashMap").getExtraValues()).hasSize(2);  // error bars

        assertThat(r.table("threads per core").rowCount()).isEqualTo(2);
        assertThat(r.finding("max_threads_per_core").value()).isEqualTo(2.0 / Runtime.getRuntime().availableProcessors());
        assertThat(r.notes().get("findings_not_computed").toString()).contains("chm_vs_synchronized_read95", "sharded_vs_chm_read50");
        String meta = Files.readString(tmp.resolve("run/meta.json"));
        assertThat(meta).contains("\"logical_cores\"", "SyncVariantsBench", "\"threads\" : 2");
        assertThat(r.table().rowCount()).isEqualTo(2 * 6);  // throughput and allocation for 3 subjects x 2 thread counts
    }
}
