package maplab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import maplab.result.ResultBuilder;
import maplab.result.Unit;
import org.junit.jupiter.api.Test;

/** A planned row varying in a dimension (an order seen) matches measured rows whatever they hold there, and only those. */
class PlanVaryingOrderTest {

    private static Plan plan() {
        Experiment seedOrder = Experiments.byId("seed-order");
        Plan.Builder b = Plan.builder(seedOrder, Profile.QUICK, Params.resolve(seedOrder, Profile.QUICK, Map.of()));
        b.varying("order");
        b.count(Plan.dims("subject", "map_of", "order_rank", 1, "order", "0 1 2"), "launches_with_order", Unit.COUNT);
        b.optional(true);
        b.count(Plan.dims("subject", "map_of", "order_rank", 2, "order", "0 1 2"), "launches_with_order", Unit.COUNT);
        b.optional(false).varying();
        return b.build();
    }

    private static List<Map<String, Object>> measured(Object... rankAndOrder) {
        ResultBuilder out = new ResultBuilder();
        for (int i = 0; i < rankAndOrder.length; i += 2) {
            out.row().with("subject", "map_of").with("order_rank", rankAndOrder[i]).with("order", rankAndOrder[i + 1]).measure("launches_with_order", 1, Unit.COUNT);
        }
        return out.rows();
    }

    @Test
    void aVaryingValueMatchesAnyValueAndTheOtherDimensionsStillCount() {
        Plan plan = plan();
        assertThat(plan.rows().get(0).key()).contains("order=0 1 2");
        assertThat(plan.differences(measured(1, "2 0 1"))).isEmpty();
        assertThat(plan.differences(measured(1, "2 0 1", 2, "1 2 0"))).isEmpty();
        assertThat(plan.differences(measured(3, "2 0 1"))).startsWith("1 rows measured but not planned").contains("1 planned rows not measured");
        assertThat(plan.differences(measured())).contains("1 planned rows not measured").contains("any order");
    }
}
