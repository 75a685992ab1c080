package maplab.bench;

import static org.assertj.core.api.Assertions.assertThat;

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

/** iteration end to end at small sizes: JMH in forked JVMs, ratios measured in one run. */
@Tag("answers")  // slow (real JMH forks): run by ./maplab test --answers
class IterationExperimentTest {

    @Test
    void iteratingADrainedHashMapIsFarSlowerThanAFreshOne(@TempDir Path tmp) {
        Result r = Experiments.run("iteration", Profile.QUICK, params(
                "n", "400000", "k", "100", "states", "fresh,drained,cleared", "state_kinds", "hashmap",
                "style_size", "20000", "kinds", "hashmap", "styles", "entryset,keyset_get", "profiled_state", "drained",
                "layouts", "random,copied", "locality_n", "262144",
                "states_effort", "3:1x50ms+2x50ms", "styles_effort", "3:1x50ms+2x50ms", "locality_effort", "3:1x50ms+2x50ms",
                "profile_jvms", "2", "profile_warmup_ms", "300", "profile_record_ms", "500"),
                tmp.resolve("run"), Progress.SILENT);

        assertThat(r.error()).isNull();
        // 100 entries in 524288 buckets against 100 in 256: the walk over empty buckets dominates (about 500x when quiet)
        Finding drained = r.finding("drained_vs_fresh");
        assertThat(drained.verdict()).isEqualTo(Finding.Verdict.HIGHER);
        assertThat(drained.value()).isGreaterThan(20);   // 3 forks on a busy machine: the interval is wide, the verdict still holds
        assertThat(drained.conditions()).containsEntry("n_filled", "400000").containsEntry("n_keys", "100");
        assertThat(r.finding("cleared_vs_fresh").verdict()).isEqualTo(Finding.Verdict.HIGHER);
        Finding keySet = r.finding("keyset_get_vs_entryset");
        assertThat(keySet.low()).isFinite().isLessThanOrEqualTo(keySet.value());
        assertThat(keySet.conditions()).containsEntry("n_keys", "20000");
        // on a drained map the loop's time goes to the iterator walking empty buckets
        Finding share = r.finding("iterator_frames_share");
        assertThat(share.value()).isGreaterThan(0.5);
        assertThat(share.low()).isLessThanOrEqualTo(share.value());
        assertThat(share.high()).isGreaterThanOrEqualTo(share.value());
        assertThat(share.text()).contains("2 JVMs", "JFR with -XX:+DebugNonSafepoints");
        assertThat(share.conditions()).containsEntry("state", "drained");
        assertThat(r.finding("iterator_frames_share_without_debug_nonsafepoints").text()).contains("2 JVMs", "without -XX:+DebugNonSafepoints");
        assertThat(r.findings()).extracting(Finding::id).contains("debug_nonsafepoints_iterator_share_difference", "async_minus_jfr_iterator_share");
        // both profilers ran, and the output says which: async-profiler must run here (itimer needs no privileges), else this fails
        tech.tablesaw.api.Table profilers = r.table("profilers");
        assertThat(profilers.stringColumn("profiler").asList()).containsExactly("JFR", "JFR", "async-profiler (itimer)");
        assertThat(profilers.longColumn("jvms_ran").asList()).as(profilers.print()).containsExactly(2L, 2L, 2L);
        assertThat(r.table("top frames async-profiler").stringColumn("method").get(0)).isEqualTo("java.util.HashMap$HashIterator.nextNode");
        // locality: the random-filled map against its copy, under the pinned collector, and the collections counted
        Finding locality = r.finding("locality_random_vs_copied");
        assertThat(locality.conditions()).containsEntry("n_keys", "262144").containsEntry("collector", "ParallelGC -Xms1g -Xmx1g");
        assertThat(locality.low()).isFinite().isLessThanOrEqualTo(locality.value());
        Finding collections = r.finding("locality_collections_measured");
        assertThat(collections.text()).contains(collections.value() == 0 ? "none could move the nodes" : "may have moved nodes");
        assertThat(r.table("locality").stringColumn("layout").asList()).containsExactly("random-filled", "random-filled, copied");
        assertThat(r.findings()).extracting(Finding::id).doesNotContain("locality_copied_vs_ascending");
        assertThat(share.basis()).isEqualTo(Finding.Basis.TIMING);
        assertThat(r.table("top frames").stringColumn("method").get(0)).isEqualTo("java.util.HashMap$HashIterator.nextNode");
        assertThat(r.chart("ratios").series("ratio").categories()).hasSize(3);
        assertThat(r.charts()).containsKeys("states", "styles", "locality", "top frames");
        assertThat(tmp.resolve("run/raw/jfr/iteration-drained.jfr")).exists();
        assertThat(tmp.resolve("run/raw/jfr/iteration-drained-nodebug.jfr")).exists();
        assertThat(tmp.resolve("run/raw/jfr/iteration-drained-async.collapsed")).exists();

        // concluding again from the stored folder gives the same findings and top frames
        Result again = Experiments.conclude(tmp.resolve("run"), tmp.resolve("again"));
        assertThat(again.findings()).isEqualTo(r.findings());
        assertThat(again.table("top frames").stringColumn("method").asList()).isEqualTo(r.table("top frames").stringColumn("method").asList());
    }

    private static Map<String, String> params(String... nameValue) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) m.put(nameValue[i], nameValue[i + 1]);
        return m;
    }
}
