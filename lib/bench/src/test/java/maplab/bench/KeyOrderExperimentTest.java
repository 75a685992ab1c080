package maplab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/** key-order end to end at a small n: exact probe counts where they are known, JMH timings from forked JVMs. */
@Tag("answers")  // slow (real JMH forks): run by ./maplab test --answers
class KeyOrderExperimentTest {

    @Test
    void probeCountsFollowTheOrderAndTimingsArePairedByRoundAndRecomputable(@TempDir Path tmp) throws Exception {
        Result r = Experiments.run("key-order", Profile.QUICK,
                Map.of("n", "65536", "timed_subjects", "hashmap", "timed_orders", "ascending,random", "timed_effort", "3:1x50ms+2x50ms"),
                tmp.resolve("run"), Progress.SILENT);

        assertThat(r.error()).isNull();
        assertThat(r.finding("probe_mean_ascending_identity").value()).isZero();
        assertThat(r.finding("probe_mean_random_identity").value()).isGreaterThan(0.1);
        assertThat(r.finding("probe_max_chunked_identity").value()).isGreaterThan(64);
        double ascendingMixed = r.finding("probe_mean_ascending_mixed").value();
        double randomMixed = r.finding("probe_mean_random_mixed").value();
        assertThat(ascendingMixed).isBetween(1.0, 4.0);
        assertThat(randomMixed).isBetween(1.0, 4.0);
        assertThat(r.finding("hashmap_bins_same_for_every_order").value()).isEqualTo(1);
        // below 2^17 keys, HashMap's h ^ h>>>16 still separates the multiples of 1024 (they pile up only at larger n)
        assertThat(r.finding("hashmap_tree_bins_strided").value()).isZero();
        assertThat(r.finding("probe_mean_random_identity").conditions()).containsEntry("n_keys", "65536");

        // every timed cell ran in the same 3 rounds, so the ratios are paired and carry an interval
        for (String id : new String[] {"hashmap_iterate_random_vs_ascending", "lookup_random_vs_ascending"}) {
            Finding f = r.finding(id);
            assertThat(f.basis()).isEqualTo(Finding.Basis.TIMING);
            assertThat(f.low()).as(id).isFinite().isLessThanOrEqualTo(f.value());
            assertThat(f.high()).as(id).isFinite().isGreaterThanOrEqualTo(f.value());
            assertThat(f.conditions()).containsEntry("gc", "epsilon").containsEntry("n_keys", "65536");
        }
        String samples = Files.readString(tmp.resolve("run/samples.csv"));
        for (String order : new String[] {"ascending", "random"}) {
            for (int fork = 0; fork < 3; fork++) {
                assertThat(samples).contains("\"gc=epsilon|n_keys=65536|order=" + order + "|subject=hashmap|metric=lookup_time\"," + fork + ",");
            }
        }
        // the forks ran with Epsilon, not the default ParallelGC
        String meta = Files.readString(tmp.resolve("run/meta.json"));
        assertThat(meta).contains("-XX:+UseEpsilonGC").doesNotContain("-XX:+UseParallelGC");
        assertThat(r.charts()).containsKeys("probe lengths probemap_identity", "probe lengths probemap_mixed", "hashmap bin lengths", "lookup time");

        // concluding again from the stored folder gives the same findings
        Result again = Experiments.conclude(tmp.resolve("run"), tmp.resolve("again"));
        assertThat(again.findings()).isEqualTo(r.findings());
    }

    @Test
    void badParametersNameTheParameterAndTheAllowedValues() {
        assertThatThrownBy(() -> Experiments.run("key-order", Profile.QUICK, Map.of("n", "4194304")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'n': bad value '4194304'; allowed: a whole number from 1024 to 2097152");
        assertThatThrownBy(() -> Experiments.run("key-order", Profile.QUICK, Map.of("orders", "ascending,chunked")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("parameter 'orders': bad value 'ascending,chunked'; allowed: a list of ascending, descending, random, chunked, strided that includes ascending and random");
        assertThatThrownBy(() -> Experiments.run("key-order", Profile.QUICK, Map.of("timed_subjects", "treemap")))
                .hasMessageStartingWith("parameter 'timed_subjects': bad value 'treemap'");
    }
}
