package maplab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import maplab.result.Unit;
import org.junit.jupiter.api.Test;

/** A run's rows against its plan: a planned row varying in a dimension stands for whatever the run found there (a stack frame). */
class PlanDifferencesTest {

    private static final Experiment NOTHING = new Experiment() {
        @Override public String id() { return "nothing"; }
        @Override public String summary() { return "measures nothing"; }
        @Override public List<ParamSpec> params() { return List.of(); }
        @Override public void measure(RunContext context) { }
    };

    private static Map<String, Object> row(String metric, Object... dims) {
        Map<String, Object> m = new LinkedHashMap<>(Plan.dims(dims));
        m.put("metric", metric);
        m.put("value", 1.0);
        return m;
    }

    @Test
    void aVaryingDimensionMatchesWhatTheRunFoundAndNothingElse() {
        Plan.Builder b = Plan.builder(NOTHING, Profile.QUICK, Params.resolve(NOTHING, Profile.QUICK, Map.of()));
        b.count(Plan.dims("subject", "a"), "blocked", Unit.MS);
        b.optional(true).varying("frame");
        for (int rank = 1; rank <= 2; rank++) b.count(Plan.dims("subject", "a", "rank", rank, "frame", "example"), "frame_ms", Unit.MS);
        b.optional(false).varying();
        Plan plan = b.build();

        assertThat(plan.differences(List.of(row("blocked", "subject", "a"), row("frame_ms", "subject", "a", "rank", 1, "frame", "x.Y.lock()")))).isEmpty();
        assertThat(plan.differences(List.of(row("blocked", "subject", "a")))).as("optional frames may be missing").isEmpty();
        assertThat(plan.differences(List.of(row("blocked", "subject", "a"), row("frame_ms", "subject", "a", "rank", 3, "frame", "x.Y.lock()"))))
                .startsWith("1 rows measured but not planned");
        assertThat(plan.differences(List.of(row("frame_ms", "subject", "a", "rank", 1, "frame", "x.Y.lock()"))))
                .startsWith("1 planned rows not measured");
    }
}
