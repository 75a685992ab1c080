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
import tech.tablesaw.api.Table;
import org.junit.jupiter.api.Tag;

/**
 * merge end to end, small and short: the largest same-hash merge runs out of its budget and is
 * reported as "at least"; probe counts and growth exponents are ordered as the trap predicts; the
 * fastutil fill in iteration order is slower; every timed finding has an interval; and
 * concluding the stored run again gives the same findings.
 */
@Tag("answers")  // slow (real JMH forks): run by ./maplab test --answers
class MergeExperimentTest {

    @Test
    void theSameHashMergeIsQuadraticAndItsBudgetIsReportedAsALowerBound(@TempDir Path tmp) throws Exception {
        Result r = Experiments.run("merge", Profile.QUICK, Map.ofEntries(
                Map.entry("sizes", "16384,32768,65536,262144"),
                Map.entry("budget_ms", "1000"),
                Map.entry("jdk_n", "20000"),
                Map.entry("strategies", "put_all,put_loop"),
                Map.entry("fastutil_n", "262144"),
                Map.entry("fastutil_targets", "set"),
                Map.entry("jdk_effort", "3:1x50ms+2x50ms"),
                Map.entry("fastutil_effort", "3:1+2"),
                Map.entry("peer_n", "65536"),
                Map.entry("peer_targets", "agrona_map,hppc_map"),
                Map.entry("peer_effort", "3:1+2"),
                Map.entry("trap_effort", "3:1+2"),
                Map.entry("same_hash_effort", "3:0+1"),
                Map.entry("growth_effort", "1:1+2")), tmp.resolve("run"), Progress.SILENT);

        assertThat(r.error()).isNull();
        // 262144 keys in slot order take ~2 s with the same hash: the 1000 ms budget runs out. The bound divides by the upper end of the per-map-seeds interval, which a loaded machine widens: hence the modest margin.
        Finding bound = r.finding("same_hash_vs_seeded");
        assertThat(bound.verdict()).isEqualTo(Finding.Verdict.AT_LEAST);
        assertThat(bound.value()).isGreaterThan(2);
        assertThat(bound.conditions()).containsEntry("n_keys", "262144");
        Table tidy = r.table();
        Table cut = tidy.where(tidy.stringColumn("subject").isEqualTo("same_hash")
                .and(tidy.stringColumn("metric").isEqualTo("merge_time"))
                .and(tidy.longColumn("n_keys").isEqualTo(262144)));
        assertThat(cut.booleanColumn("lower_bound").get(0)).isTrue();

        assertThat(r.finding("same_hash_max_probe").value()).isGreaterThan(20 * r.finding("seeded_max_probe").value());
        assertThat(r.finding("same_hash_growth_exponent").value())
                .isGreaterThan(r.finding("seeded_growth_exponent").value() + 0.2);
        // about 9x in the reference; the verdict needs a quiet machine, the point estimate does not
        Finding fill = r.finding("fastutil_iteration_order_vs_shuffled");
        assertThat(fill.value()).isGreaterThan(1.5);
        assertThat(fill.low()).isLessThan(fill.value());
        assertThat(fill.verdict()).isNotEqualTo(Finding.Verdict.LOWER);
        // every peer library gets its own ratio, with an interval over forks, at its own size, and the verdict table names it
        for (String peer : new String[] {"agrona_map", "hppc_map"}) {
            Finding p = r.finding(peer + "_iteration_order_vs_shuffled");
            assertThat(p.basis()).isEqualTo(Finding.Basis.TIMING);
            assertThat(p.low()).isLessThan(p.value());
            assertThat(p.high()).isGreaterThan(p.value());
            assertThat(p.conditions()).containsEntry("n_keys", "65536").containsEntry("target", peer);
        }
        assertThat(r.tables().get("re-insert trap by library").stringColumn("library").asList())
                .containsExactly("fastutil LongOpenHashSet", "Agrona Long2LongHashMap", "HPPC LongLongHashMap");
        Finding loop = r.finding("putall_vs_loop");
        assertThat(loop.low()).isLessThan(loop.value());
        assertThat(loop.high()).isGreaterThan(loop.value());
        assertThat(r.charts()).containsKeys("merge time", "max probe", "jdk strategies", "fastutil", "peers");
        assertThat(Files.readString(tmp.resolve("run/meta.json"))).contains("ReinsertBench", "FastutilFillBench", "MergeBench");
        assertThat(tmp.resolve("run/samples.csv")).exists();

        // concluding is a function of the stored run: the same findings again
        Result again = Experiments.conclude(tmp.resolve("run"), tmp.resolve("again"));
        assertThat(again.findings()).isEqualTo(r.findings());
    }
}
