package maplab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import maplab.result.Unit;
import org.junit.jupiter.api.Test;

/** A plan's own checks: a repeated row is refused, and a run's rows are matched against the plan (exact, optional, varying). */
class PlanTest {

    private static Plan.Builder builder() {
        Experiment collisions = Experiments.byId("collisions");
        return Plan.builder(collisions, Profile.QUICK, Params.resolve(collisions, Profile.QUICK, Map.of()));
    }

    private static Map<String, Object> row(String metric, Object... dims) {
        Map<String, Object> m = new LinkedHashMap<>(Plan.dims(dims));
        m.put("metric", metric);
        m.put("value", 1.0);
        return m;
    }

    @Test
    void aRowPlannedTwiceIsRefusedNamingIt() {
        Plan plan = builder().count(Plan.dims("subject", "a", "n_keys", 8), "probes", Unit.PROBES)
                .count(Plan.dims("subject", "a", "n_keys", 8), "probes", Unit.PROBES).build();
        assertThatThrownBy(plan::check).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("plan of collisions: row written twice: n_keys=8 subject=a metric=probes");
    }

    @Test
    void measuredRowsAreMatchedExactlyOptionallyAndOverVaryingDimensions() {
        Plan plan = builder().count(Plan.dims("subject", "a", "n_keys", 8), "probes", Unit.PROBES)
                .optional(true).count(Plan.dims("subject", "a", "n_keys", 16), "probes", Unit.PROBES).optional(false)
                .varying("frame").count(Plan.dims("subject", "a", "frame", "example"), "share", Unit.FRACTION).varying()
                .build();
        List<Map<String, Object>> measured = new ArrayList<>(List.of(row("probes", "subject", "a", "n_keys", 8),
                row("share", "subject", "a", "frame", "HashMap.get"), row("share", "subject", "a", "frame", "HashMap.hash")));
        assertThat(plan.differences(measured)).isEmpty();
        measured.add(row("probes", "subject", "b", "n_keys", 8));
        assertThat(plan.differences(measured)).isEqualTo("1 rows measured but not planned (n_keys=8|subject=b|metric=probes)");
        assertThat(plan.differences(List.of(row("probes", "subject", "a", "n_keys", 8))))
                .isEqualTo("1 planned rows not measured (subject=a|metric=share (any frame))");
    }
}
