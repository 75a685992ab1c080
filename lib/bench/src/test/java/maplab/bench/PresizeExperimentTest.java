package maplab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import maplab.lab.Experiments;
import maplab.plan.Profile;
import maplab.progress.Progress;
import maplab.conclude.Finding;
import maplab.conclude.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/**
 * presize end to end at a small n: exact resize counts, JMH timings from forked JVMs for the
 * timed constructors only, allocation detectably higher without presizing, and the same findings
 * when the stored run is concluded again.
 */
@Tag("answers")  // slow (real JMH forks): run by ./maplab test --answers
class PresizeExperimentTest {

    @Test
    void resizeCountsAreExactAndTheDefaultMapAllocatesMore(@TempDir Path tmp) throws Exception {
        Result r = Experiments.run("presize", Profile.QUICK, Map.of("n", "100000",
                "constructors", "hashmap_default,hashmap_n,hashmap_presized,chm_presized",
                "insert_effort", "3:1+2"), tmp.resolve("run"), Progress.SILENT);

        assertThat(r.error()).isNull();
        // 16 -> 262144 buckets is 14 doublings; tableSizeFor(100000) = 131072 holds 98304 entries, so one resize.
        assertThat(r.finding("resizes_default").value()).isEqualTo(14);
        assertThat(r.finding("resizes_new_hashmap_n").value()).isEqualTo(1);
        assertThat(r.finding("resizes_presized").value()).isZero();
        // the outgrown tables are garbage: detectably more bytes per entry
        assertThat(r.finding("alloc_default_vs_presized").verdict()).isEqualTo(Finding.Verdict.HIGHER);
        assertThat(r.finding("alloc_default_vs_presized").low()).isGreaterThan(1.05);
        assertThat(r.finding("insert_default_vs_presized").conditions()).containsEntry("n_keys", "100000");
        assertThat(Files.readString(tmp.resolve("run/meta.json"))).contains("jmh_runs", "-XX:+UseParallelGC");
        assertThat(tmp.resolve("run/report.html")).exists();
        assertThat(r.chart("table length").series()).hasSize(4);
        // only the timed constructors (quick: default and presized HashMap) are in the time chart, and the presized one filled with sorted keys
        assertThat(r.chart("insert time").series("insert time").categories()).containsExactly("new HashMap<>()", "HashMap for n entries", "HashMap for n entries, sorted keys");
        assertThat(r.finding("presized_sorted_vs_presized_random").conditions()).containsEntry("n_keys", "100000");
        assertThat(r.charts()).containsKey("allocation");

        Result again = Experiments.conclude(tmp.resolve("run"), tmp.resolve("again"));
        assertThat(again.findings()).isEqualTo(r.findings());
    }
}
