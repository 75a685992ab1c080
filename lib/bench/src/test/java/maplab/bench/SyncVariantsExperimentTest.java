package maplab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import maplab.lab.Experiments;
import maplab.plan.Profile;
import maplab.progress.Progress;
import maplab.conclude.Finding;
import maplab.conclude.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;
import org.junit.jupiter.api.Tag;

/**
 * sync-variants end to end on a small slice (JMH in forked JVMs, 2 cells x 3 short forks).
 * Known answers that hold on any machine: a copy-on-write write copies the whole map (kilobytes
 * per operation at 4096 keys) while ConcurrentHashMap allocates next to nothing, and so at 50%
 * writes copy-on-write has far less throughput, in every round.
 */
@Tag("answers")  // slow (real JMH forks): run by ./maplab test --answers
class SyncVariantsExperimentTest {

    @Test
    void copyOnWritePaysForEveryWriteWithACopy(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        Result r = Experiments.run("sync-variants", Profile.QUICK, Map.of(
                "subjects", "concurrent_hash_map,copy_on_write", "read_pcts", "50", "threads", "2", "finding_threads", "2",
                "n_keys", "4096", "throughput_effort", "3:1x50ms+2x50ms",
                "latency_subjects", "concurrent_hash_map,copy_on_write", "latency_read_pcts", "50", "latency_effort", "3:1x50ms+2x50ms"),
                dir, Progress.SILENT);
        assertThat(r.error()).isNull();

        Table alloc = r.table("allocation per operation");
        assertThat(alloc.stringColumn("subject").asList()).containsExactly("ConcurrentHashMap", "copy-on-write");
        double cow = alloc.where(alloc.stringColumn("subject").isEqualTo("copy-on-write")).doubleColumn("B/op, 2 threads").get(0);
        double chm = alloc.where(alloc.stringColumn("subject").isEqualTo("ConcurrentHashMap")).doubleColumn("B/op, 2 threads").get(0);
        // Half the operations copy 4096 entries (at least a 16 KiB table and 32 bytes per node): far above 16 KiB per operation.
        assertThat(cow).isGreaterThan(16 * 1024);
        assertThat(chm).isLessThan(64);

        Finding f = r.finding("cow_vs_chm_read50");
        assertThat(f.verdict()).isEqualTo(Finding.Verdict.LOWER);
        assertThat(f.high()).isLessThan(0.5);
        assertThat(f.conditions()).containsEntry("threads", "2").containsEntry("read_pct", "50").containsEntry("n_keys", "4096");
        assertThat(r.notes().get("findings_not_computed").toString()).contains("chm_vs_synchronized_read95", "sharded_vs_chm_read50");

        assertThat(r.chart("throughput, 50% reads").seriesNames()).containsExactlyInAnyOrder("ConcurrentHashMap", "copy-on-write");

        // 3 forks per cell, run as 3 rounds of the one JMH run, each round's start and end noted
        assertThat(Files.readAllLines(dir.resolve("samples.csv")).stream().filter(l -> l.contains("metric=throughput"))
                .map(l -> l.split(",")[l.split(",").length - 4]).distinct()).containsExactlyInAnyOrder("0", "1", "2");   // key,fork,iteration,value,machine
        assertThat((List<?>) r.notes().get("run_order")).hasSize(3);

        // latency and contention: a copy-on-write writer holds its fair lock for a whole copy, so the other thread
        // parks behind it (JFR ThreadPark waits over 10 us, charged to CopyOnWriteMap), and a write's latency is a copy
        Table blocked = r.table("blocked time");
        double cowBlocked = blocked.where(blocked.stringColumn("subject").isEqualTo("copy-on-write")).doubleColumn("blocked ms/s").get(0);
        assertThat(cowBlocked).isGreaterThan(50);
        // per second, ConcurrentHashMap's bin locks can wait too when a holder is descheduled (136 ms/s seen on a busy
        // 2-core machine); per operation, a copy-on-write wait is a whole copy, thousands of times a bin lock's
        double cowPerOp = blocked.where(blocked.stringColumn("subject").isEqualTo("copy-on-write")).doubleColumn("blocked ns/op").get(0);
        double chmPerOp = blocked.where(blocked.stringColumn("subject").isEqualTo("ConcurrentHashMap")).doubleColumn("blocked ns/op").get(0);
        assertThat(cowPerOp).isGreaterThan(100 * chmPerOp);
        Table frames = r.table("top contended frames");
        assertThat(frames.where(frames.stringColumn("subject").isEqualTo("copy-on-write")).stringColumn("frame").get(0))
                .startsWith("maplab.subject.concurrent.CopyOnWriteMap.");
        assertThat(r.finding("blocked_copy_on_write_vs_chm_read50").conditions()).containsEntry("threshold_us", "10").containsEntry("threads", "2");
        Table latency = r.table("latency percentiles");
        double cowP99 = latency.where(latency.stringColumn("subject").isEqualTo("copy-on-write")).doubleColumn("p99 (ns/op)").get(0);
        double chmP99 = latency.where(latency.stringColumn("subject").isEqualTo("ConcurrentHashMap")).doubleColumn("p99 (ns/op)").get(0);
        double chmP50 = latency.where(latency.stringColumn("subject").isEqualTo("ConcurrentHashMap")).doubleColumn("p50 (ns/op)").get(0);
        // a copy of 4096 entries takes microseconds; a ConcurrentHashMap operation's median well under one
        assertThat(cowP99).isGreaterThan(5_000).isGreaterThan(chmP99);
        assertThat(chmP50).isLessThan(1_000).isLessThanOrEqualTo(chmP99);
        assertThat(r.finding("latency_p99_copy_on_write_vs_chm_read50").conditions()).containsEntry("percentile", "p99");

        // concluding again from the stored run folder gives the same findings
        Result again = Experiments.conclude(dir, tmp.resolve("again"));
        assertThat(again.finding("cow_vs_chm_read50")).isEqualTo(f);
    }
}
