package maplab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import maplab.result.Unit;
import org.junit.jupiter.api.Test;

/** A plan's rows that vary in columns the parameters cannot tell stand for every row a run writes for them. */
class PlanVaryingTest {

    private static Plan.Builder builder() {
        Experiment e = Experiments.byId("gc");
        return Plan.builder(e, Profile.QUICK, Params.resolve(e, Profile.QUICK, Map.of()));
    }

    private static Map<String, Object> measured(String metric, Object... nameValue) {
        Map<String, Object> m = new LinkedHashMap<>(Plan.dims(nameValue));
        m.put("metric", metric);
        m.put("value", 1.0);
        return m;
    }

    @Test
    void rowsOfAVaryingMetricMatchThePlannedStandInWithoutTheVaryingColumns() {
        Plan plan = builder().count(Plan.dims("jvm", 1), "collections", Unit.COUNT)
                .optional(true).varying("collection", "phase").count(Plan.dims("jvm", 1, "collection", 1, "phase", "Pause"), "pause", Unit.MS)
                .optional(false).varying().build();
        List<Map<String, Object>> run = List.of(measured("collections", "jvm", 1),
                measured("pause", "jvm", 1, "collection", 1, "phase", "Pause Young"), measured("pause", "jvm", 1, "collection", 2, "phase", "Pause Remark"));
        assertThat(plan.differences(run)).isEmpty();
        // another JVM's pauses were not planned
        assertThat(plan.differences(List.of(measured("collections", "jvm", 1), measured("pause", "jvm", 2, "collection", 1, "phase", "Pause Young"))))
                .startsWith("1 rows measured but not planned");
    }

    @Test
    void withoutVaryingEveryRowIsMatchedWhole() {
        Plan plan = builder().count(Plan.dims("jvm", 1, "collection", 1), "pause", Unit.MS).build();
        assertThat(plan.differences(List.of(measured("pause", "jvm", 1, "collection", 2))))
                .contains("1 rows measured but not planned").contains("1 planned rows not measured");
    }
}
