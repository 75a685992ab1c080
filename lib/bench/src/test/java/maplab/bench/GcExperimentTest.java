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

/** gc end to end at small sizes: allocation from JMH's GC profiler, pauses from forked JVMs. */
class GcExperimentTest {

    @Test
    void boxedPutsAllocateNodesAndBoxesAndPausesAreTested(@TempDir Path tmp) throws Exception {
        Result r = Experiments.run("gc", Profile.QUICK, Map.of("alloc_n", "10000", "n", "200000", "maps", "2", "rounds", "3",
                "forks", "1", "heap_mb", "128"), tmp.resolve("run"), Progress.SILENT);

        assertThat(r.error()).isNull();
        // A HashMap put of two ints >= 128 allocates a 32-byte node and two 16-byte Integers, plus its share of the tables.
        assertThat(r.finding("alloc_per_put_hashmap").value()).isBetween(60.0, 130.0);
        // fastutil allocates only its arrays: less than the boxed map, and nothing per get.
        assertThat(r.finding("alloc_per_put_fastutil").value()).isLessThan(r.finding("alloc_per_put_hashmap").value() - 30);
        assertThat(r.finding("alloc_per_get_fastutil").value()).isLessThan(1.0);
        assertThat(r.findings()).extracting(f -> f.id()).contains("gc_pause_p99_default_ms", "gc_pause_p99_presized_ms", "pause_difference_p_value");
        assertThat(r.finding("pause_difference_p_value").value()).isBetween(0.0, 1.0);
        assertThat(r.table("pause samples").rowCount()).isGreaterThanOrEqualTo(4);
        assertThat(r.table("pause samples").stringColumn("collector").asList()).allMatch(c -> c.startsWith("G1"));
        assertThat(r.chart("pause histogram")).isNotNull();
        assertThat(Files.readString(tmp.resolve("run/meta.json"))).contains("gc_pause_jvm", "-XX:+UseG1GC", "collectors_seen");
    }
}
