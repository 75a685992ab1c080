package maplab.lab;

import maplab.experiments.Experiment;
import maplab.plan.Params;
import maplab.plan.Profile;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every experiment plans its progress steps from its parameters, so the bar knows its total
 * before the first step (0 would let the total grow as the run goes, and the bar jump back).
 * That the plan matches the steps a run takes is checked end to end in lib/bench's PlannedProgressTest.
 */
class PlannedStepsTest {

    static Stream<Arguments> experiments() {
        return Experiments.all().stream().flatMap(e -> Stream.of(Arguments.of(e.id(), Profile.QUICK), Arguments.of(e.id(), Profile.FULL)));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("experiments")
    void everyExperimentPlansItsSteps(String id, Profile profile) {
        Experiment experiment = Experiments.byId(id);
        assertThat(experiment.plannedSteps(Params.resolve(experiment, profile, Map.of()))).isPositive();
    }

    @org.junit.jupiter.api.Test
    void thePlanFollowsTheParameters() {
        Experiment seedOrder = Experiments.byId("seed-order");
        // one step per launched JVM and one for the seeds tried in this JVM
        assertThat(seedOrder.plannedSteps(Params.resolve(seedOrder, Profile.QUICK, Map.of("launches", "7", "iteration_n", "0")))).isEqualTo(8);
        // and one per fork of the two timed traversals (fixed seed, seed per fork), compared: up to quick's maximum of 6 forks
        assertThat(seedOrder.plannedSteps(Params.resolve(seedOrder, Profile.QUICK, Map.of("launches", "7")))).isEqualTo(8 + 2 * 6);
        Experiment presize = Experiments.byId("presize");
        // 2 resize counts, then 1 timed constructor x 3 forks
        assertThat(presize.plannedSteps(Params.resolve(presize, Profile.QUICK, Map.of("constructors", "hashmap_default,hashmap_n",
                "timed", "hashmap_default", "insert_effort", "3:1+2")))).isEqualTo(2 + 3);
        Experiment merge = Experiments.byId("merge");
        // a sequential effort plans its maximum forks
        int fixed = merge.plannedSteps(Params.resolve(merge, Profile.QUICK, Map.of("jdk_effort", "4:1x100ms+2x100ms")));
        int sequential = merge.plannedSteps(Params.resolve(merge, Profile.QUICK, Map.of("jdk_effort", "4-6:1x100ms+2x100ms")));
        assertThat(sequential - fixed).isEqualTo(3 * 2); // put_all, put_loop and treemap_put_all, two more rounds each
    }
}
