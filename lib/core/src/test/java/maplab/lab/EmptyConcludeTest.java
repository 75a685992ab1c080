package maplab.lab;

import maplab.experiments.Experiment;
import maplab.plan.Params;
import maplab.plan.Profile;
import maplab.run.RunData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An interrupted run may store no rows at all: concluding it must not throw (charts without
 * data are left out, findings are made only where data exist), for every experiment and profile.
 */
class EmptyConcludeTest {

    static Stream<Arguments> experiments() {
        return Experiments.all().stream().flatMap(e -> Stream.of(Arguments.of(e.id(), Profile.QUICK), Arguments.of(e.id(), Profile.FULL)));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("experiments")
    void concludingNoRowsDoesNotThrow(String id, Profile profile) {
        Experiment experiment = Experiments.byId(id);
        Params params = Params.resolve(experiment, profile, Map.of());
        RunData data = new RunData(id, profile, params, Rows.of(List.of(), Map.of()));
        ResultBuilder out = new ResultBuilder();
        assertThatCode(() -> experiment.conclude(data, out)).doesNotThrowAnyException();
        assertThat(out.findings()).as("findings without data").isEmpty();
        // what is left is renderable: every chart kept has data
        out.charts().forEach((name, chart) -> assertThatCode(() -> maplab.render.ChartDrawing.png(chart)).as(name).doesNotThrowAnyException());
    }
}
