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
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.junit.jupiter.api.io.TempDir;

/** presize end to end at a small n: exact resize counts, and JMH timings from forked JVMs. */
class PresizeExperimentTest {

    @Test
    void resizeCountsAreExactAndPresizingIsNotSlower(@TempDir Path tmp) throws Exception {
        Result r = Experiments.run("presize", Profile.QUICK, Map.of("n", "100000",
                "constructors", "hashmap_default,hashmap_n,hashmap_presized,chm_presized"), tmp.resolve("run"), Progress.SILENT);

        assertThat(r.error()).isNull();
        // 16 -> 262144 buckets is 14 doublings; tableSizeFor(100000) = 131072 holds 98304 entries, so one resize.
        assertThat(r.finding("resizes_default").value()).isEqualTo(14);
        assertThat(r.finding("resizes_new_hashmap_n").value()).isEqualTo(1);
        assertThat(r.finding("resizes_presized").value()).isZero();
        assertThat(r.finding("alloc_default_vs_presized").value()).isGreaterThan(1.05);
        assertThat(Files.readString(tmp.resolve("run/meta.json"))).contains("jmh_runs", "-XX:+UseParallelGC");
        assertThat(tmp.resolve("run/report.html")).exists();
        assertThat(((XYChart) r.chart("table length")).getSeriesMap()).hasSize(4);
        assertThat(((CategoryChart) r.chart("insert time")).getSeriesMap().get("insert time").getXData()).hasSize(4);
        assertThat(r.charts()).containsKey("allocation");
    }
}
