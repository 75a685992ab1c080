package maplab.plan;

import maplab.experiments.Experiment;
import maplab.lab.Experiments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A plan's own checks: a repeated row is refused, and a run's rows are matched against the plan:
 * exactly, optionally, and over dimensions only the run knows (varying: an order seen, a stack
 * frame, the pauses a GC log lists).
 */
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
    void aCellsLabelLeavesOutSeedsAndEmptyValues() {
        Plan.Cell builtIn = new Plan.Cell("p", "maplab.bench.KeyOrderBench.lookup", Map.of("subject", "HASHMAP", "user", "", "seed", "7"), "", 3, 3, 1.0);
        Plan.Cell mine = new Plan.Cell("p", "maplab.bench.KeyOrderBench.lookup", Map.of("subject", "USER", "user", "user:Mine", "seed", "7"), "", 3, 3, 1.0);
        assertThat(builtIn.label()).isEqualTo("KeyOrderBench.lookup subject=HASHMAP");
        assertThat(mine.label()).isEqualTo("KeyOrderBench.lookup subject=USER user=user:Mine");
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

    @Test
    void optionalVaryingRowsStandForWhateverTheRunFoundAndTheOtherDimensionsStillCount() {
        // the top contended frames: ranks 1 and 2 planned, named as the run finds them, and may be absent
        Plan frames = builder().count(Plan.dims("subject", "a"), "blocked", Unit.MS)
                .optional(true).varying("frame")
                .count(Plan.dims("subject", "a", "rank", 1, "frame", "example"), "frame_ms", Unit.MS)
                .count(Plan.dims("subject", "a", "rank", 2, "frame", "example"), "frame_ms", Unit.MS)
                .optional(false).varying().build();
        assertThat(frames.differences(List.of(row("blocked", "subject", "a"), row("frame_ms", "subject", "a", "rank", 1, "frame", "x.Y.lock()")))).isEmpty();
        assertThat(frames.differences(List.of(row("blocked", "subject", "a")))).as("optional frames may be missing").isEmpty();
        assertThat(frames.differences(List.of(row("blocked", "subject", "a"), row("frame_ms", "subject", "a", "rank", 3, "frame", "x.Y.lock()"))))
                .startsWith("1 rows measured but not planned");
        // GC pauses: one stand-in per JVM for as many as the log lists; another JVM's pauses were not planned
        Plan pauses = builder().count(Plan.dims("jvm", 1), "collections", Unit.COUNT)
                .optional(true).varying("collection", "phase").count(Plan.dims("jvm", 1, "collection", 1, "phase", "Pause"), "pause", Unit.MS)
                .optional(false).varying().build();
        assertThat(pauses.differences(List.of(row("collections", "jvm", 1), row("pause", "jvm", 1, "collection", 1, "phase", "Pause Young"),
                row("pause", "jvm", 1, "collection", 2, "phase", "Pause Remark")))).isEmpty();
        assertThat(pauses.differences(List.of(row("collections", "jvm", 1), row("pause", "jvm", 2, "collection", 1, "phase", "Pause Young"))))
                .startsWith("1 rows measured but not planned");
        // an order seen: rank 1 required whatever the order, rank 2 optional
        Plan orders = builder().varying("order")
                .count(Plan.dims("subject", "map_of", "order_rank", 1, "order", "0 1 2"), "launches_with_order", Unit.COUNT)
                .optional(true).count(Plan.dims("subject", "map_of", "order_rank", 2, "order", "0 1 2"), "launches_with_order", Unit.COUNT)
                .optional(false).varying().build();
        assertThat(orders.rows().get(0).key()).contains("order=0 1 2");
        assertThat(orders.differences(List.of(row("launches_with_order", "subject", "map_of", "order_rank", 1, "order", "2 0 1")))).isEmpty();
        assertThat(orders.differences(List.of())).isEqualTo("1 planned rows not measured (order_rank=1|subject=map_of|metric=launches_with_order (any order))");
    }

    @Test
    void withoutVaryingEveryRowIsMatchedWhole() {
        Plan plan = builder().count(Plan.dims("jvm", 1, "collection", 1), "pause", Unit.MS).build();
        assertThat(plan.differences(List.of(row("pause", "jvm", 1, "collection", 2))))
                .contains("1 rows measured but not planned").contains("1 planned rows not measured");
    }

    @Test
    void aPlanThatCannotFitItsBudgetSaysSoWithItsLargestParts() {
        Plan plan = builder().step("fill a sorted array", 10, 60).step("count probes", 1, 5).build();
        assertThat(plan.overBudget(3600)).isEmpty();
        assertThat(plan.overBudget(300)).startsWith("budget: the plan of collisions (quick) needs at least 10 min 05 s")
                .contains("budget of 5 min 00 s").contains("step fill a sorted array 10 min 00 s").contains("Raise --budget");
    }
}
