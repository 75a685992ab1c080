package maplab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import maplab.experiment.Experiments;
import maplab.experiment.Profile;
import maplab.progress.Progress;
import maplab.result.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;

/** iteration end to end at small sizes: JMH in forked JVMs, ratios measured in one run. */
class IterationExperimentTest {

    @Test
    void iteratingADrainedHashMapIsFarSlowerThanAFreshOne(@TempDir Path tmp) {
        Result r = Experiments.run("iteration", Profile.QUICK, Map.of(
                "n", "400000", "k", "100", "states", "fresh,drained,cleared", "state_kinds", "hashmap",
                "style_size", "20000", "kinds", "hashmap", "styles", "entryset,keyset_get", "profiled_state", "drained"),
                tmp.resolve("run"), Progress.SILENT);

        assertThat(r.error()).isNull();
        // 100 entries in 524288 buckets against 100 in 256: the walk over empty buckets dominates (about 500x when quiet)
        assertThat(r.finding("drained_vs_fresh").value()).isGreaterThan(20);
        assertThat(r.finding("cleared_vs_fresh").value()).isGreaterThan(20);
        assertThat(r.finding("keyset_get_vs_entryset").value()).isPositive();
        assertThat(r.finding("iterator_frames_share").value()).isGreaterThan(0.5);
        assertThat(r.table("top frames").stringColumn("method").get(0)).isEqualTo("java.util.HashMap$HashIterator.nextNode");
        assertThat(((CategoryChart) r.chart("ratios")).getSeriesMap().get("ratio").getXData()).hasSize(3);
        assertThat(r.charts()).containsKeys("states", "styles");
        assertThat(tmp.resolve("run/raw/jfr/iteration-drained.jfr")).exists();
    }
}
