package maplab.experiments.iteration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import maplab.conclude.Finding;
import maplab.conclude.ResultBuilder;
import maplab.measure.Measured;
import maplab.measure.Rows;
import maplab.plan.Params;
import maplab.plan.Profile;
import maplab.plan.Unit;
import maplab.run.RunData;
import maplab.stats.Estimates.Sample;
import org.junit.jupiter.api.Test;

/** iteration's structure findings (array, LinkedHashMap, TreeMap against HashMap entrySet) from hand-made style rows. */
class IterationStructuresTest {

    private static Measured forks(double... perFork) {
        List<Sample> samples = new ArrayList<>();
        for (int f = 0; f < perFork.length; f++) {
            for (int i = 0; i < 3; i++) samples.add(new Sample(f, i, perFork[f] * (1 + 0.01 * (i - 1))));
        }
        return Measured.of(samples);
    }

    private static void style(ResultBuilder b, String kind, String style, Measured m) {
        b.row().with("part", "styles").with("subject", kind).with("state", "fresh").with("style", style)
                .with("n_keys", 100_000).with("n_filled", 100_000).measure("iterate_time", m, Unit.US_PER_OP);
    }

    private static Map<String, Finding> conclude(ResultBuilder b) {
        Iteration e = new Iteration();
        ResultBuilder out = new ResultBuilder();
        e.conclude(new RunData("iteration", Profile.FULL, Params.resolve(e, Profile.FULL, Map.of()), Rows.fromObjects(b.rows(), b.samples())), out);
        Map<String, Finding> byId = new java.util.LinkedHashMap<>();
        out.findings().stream().filter(f -> f.group().equals("structures")).forEach(f -> byId.put(f.id(), f));
        return byId;
    }

    @Test
    void fasterAndSlowerStructuresFollowTheirIntervalsAndANoisyOneIsNoDetectableDifference() {
        ResultBuilder b = new ResultBuilder();
        style(b, "hashmap", "entryset", forks(1000, 1100, 950, 1050));
        style(b, "hashmap", "snapshot", forks(700, 760, 680, 740));            // faster in every round
        style(b, "treemap", "entryset", forks(8000, 9100, 7700, 8500));        // slower in every round
        style(b, "linkedhashmap", "entryset", forks(600, 1900, 900, 1500));    // scattered around the HashMap
        Map<String, Finding> f = conclude(b);

        assertThat(f.get("array_vs_hashmap_iteration").verdict()).isEqualTo(Finding.Verdict.LOWER);
        assertThat(f.get("array_vs_hashmap_iteration").text()).contains("a snapshot array of a HashMap's entries of 100000 entries");
        assertThat(f.get("treemap_vs_hashmap_iteration").verdict()).isEqualTo(Finding.Verdict.HIGHER);
        assertThat(f.get("linkedhashmap_vs_hashmap_iteration").verdict()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);
        assertThat(f.get("treemap_vs_hashmap_iteration").conditions()).containsEntry("n_keys", "100000");
    }

    @Test
    void withoutTheHashMapBaseOrTheOtherCellsThereAreNoStructureFindings() {
        ResultBuilder onlyHashMap = new ResultBuilder();   // the quick profile: HashMap entrySet and keySet + get only
        style(onlyHashMap, "hashmap", "entryset", forks(1000, 1100, 950, 1050));
        style(onlyHashMap, "hashmap", "keyset_get", forks(1500, 1600, 1450, 1550));
        assertThat(conclude(onlyHashMap)).isEmpty();
        ResultBuilder noBase = new ResultBuilder();
        style(noBase, "treemap", "entryset", forks(8000, 9100, 7700, 8500));
        assertThat(conclude(noBase)).isEmpty();
    }
}
