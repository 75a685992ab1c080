package maplab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Path;
import java.util.Map;
import maplab.experiment.Experiments;
import maplab.experiment.Profile;
import maplab.progress.Progress;
import maplab.result.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** collisions end to end at two sizes: exact counts, and timings ordered as flooding predicts (ratios in one run, generous margins). */
class CollisionsExperimentTest {

    @Test
    void constantHashKeysThatAreNotComparableGrowQuadratically(@TempDir Path tmp) throws Exception {
        Result r = Experiments.run("collisions", Profile.QUICK, Map.of("sizes", "1024,8192"), tmp.resolve("run"), Progress.SILENT);

        assertThat(r.error()).isNull();
        assertThat(r.finding("noncomparable_equals_per_insert_at_max_n").value()).isCloseTo(8192 / 2.0, offset(8192 * 0.05));
        assertThat(r.finding("comparable_compares_per_insert_at_max_n").value()).isBetween(6.5, 19.5);
        assertThat(r.finding("tree_bins").value()).isEqualTo(1);
        // equals scans grow as n^2 in total, tree inserts as n log n: far apart over 8x in n.
        assertThat(r.finding("noncomparable_growth_exponent").value()).isGreaterThan(1.4);
        assertThat(r.finding("colliding_vs_random_string").value()).isGreaterThan(1.5);
        assertThat(r.finding("seeded_content_hash_vs_random").value()).isBetween(0.33, 3.0);
        assertThat(r.table("growth").rowCount()).isEqualTo(7);
        assertThat(r.charts()).containsKey("time per insert");
    }
}
