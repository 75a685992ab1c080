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
import tech.tablesaw.api.Table;

/**
 * merge end to end, small: the largest same-hash merge runs out of its budget and is reported
 * as "more than"; probe counts and growth exponents are ordered as the trap predicts (ratios
 * in one run, generous margins).
 */
class MergeExperimentTest {

    @Test
    void theSameHashMergeIsQuadraticAndItsBudgetIsReportedAsALowerBound(@TempDir Path tmp) throws Exception {
        Result r = Experiments.run("merge", Profile.QUICK, Map.of(
                "sizes", "4096,16384,65536,262144",
                "budget_ms", "400",
                "jdk_n", "20000",
                "strategies", "put_all,put_loop",
                "fastutil_n", "262144",
                "fastutil_targets", "set"), tmp.resolve("run"), Progress.SILENT);

        assertThat(r.error()).isNull();
        // 262144 keys in slot order take seconds with the same hash: the 400 ms budget runs out.
        assertThat(r.finding("same_hash_vs_seeded").text()).contains("more than");
        assertThat(r.finding("same_hash_vs_seeded").value()).isGreaterThan(3);
        assertThat(r.table("trap").where(r.table("trap").stringColumn("merge time (ms)").startsWith("more than")).rowCount())
                .isGreaterThanOrEqualTo(1);
        Table tidy = r.table();
        Table cut = tidy.where(tidy.stringColumn("subject").isEqualTo("same_hash")
                .and(tidy.stringColumn("metric").isEqualTo("merge_time"))
                .and(tidy.longColumn("n_keys").isEqualTo(262144)));
        assertThat(cut.booleanColumn("lower_bound").get(0)).isTrue();

        assertThat(r.finding("same_hash_max_probe").value()).isGreaterThan(20 * r.finding("seeded_max_probe").value());
        assertThat(r.finding("same_hash_growth_exponent").value())
                .isGreaterThan(r.finding("seeded_growth_exponent").value() + 0.2);
        assertThat(r.finding("fastutil_iteration_order_vs_shuffled").value()).isGreaterThan(1.5);
        assertThat(r.finding("putall_vs_loop").value()).isPositive();
        assertThat(r.charts()).containsKeys("merge time", "max probe", "jdk strategies", "fastutil");
        assertThat(Files.readString(tmp.resolve("run/meta.json"))).contains("ReinsertBench", "FastutilFillBench", "MergeBench");
    }
}
