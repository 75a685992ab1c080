package maplab.experiments.iteration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import maplab.claims.Claim;
import maplab.claims.Judge;
import maplab.claims.Status;
import maplab.conclude.Finding;
import maplab.conclude.ResultBuilder;
import maplab.measure.MapWorkEvents;
import maplab.measure.Rows;
import maplab.plan.Unit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** iteration's JFR custom events: a real recording's counts, and the finding from hand-made rows. */
class IterationEventsTest {

    @Test
    void everyFillAndWalkIsRecordedOnce(@TempDir Path dir) throws Exception {
        MapWorkEvents.Counted c = MapWorkEvents.record(5, 100, dir);
        assertThat(c.recorded()).containsEntry(MapWorkEvents.FILL, 5L).containsEntry(MapWorkEvents.ITERATE, 5L);
        assertThat(c.recordedTotal()).isEqualTo(10);
    }

    private static Finding conclude(long fills, long walks) {
        ResultBuilder b = new ResultBuilder();
        long[] recorded = {fills, walks};
        String[] ops = {MapWorkEvents.FILL, MapWorkEvents.ITERATE};
        for (int i = 0; i < 2; i++) {
            ResultBuilder.Row r = b.row();
            IterationEvents.dims(ops[i]).forEach(r::with);
            r.measure("operations", 100, Unit.COUNT);
            ResultBuilder.Row e = b.row();
            IterationEvents.dims(ops[i]).forEach(e::with);
            e.measure("events_recorded", recorded[i], Unit.COUNT);
        }
        ResultBuilder out = new ResultBuilder();
        IterationEvents.conclude(Rows.fromObjects(b.rows(), b.samples()), out);
        return out.findings().get(0);
    }

    @Test
    void theFindingCountsTheEventsAndTheClaimNeedsAtLeastOne() {
        Finding f = conclude(100, 100);
        assertThat(f.id()).isEqualTo(IterationEvents.FINDING);
        assertThat(f.value()).isEqualTo(200);
        assertThat(f.basis()).isEqualTo(Finding.Basis.COUNT);
        assertThat(f.text()).contains("200 events for 200 operations (fill 100 of 100, iterate 100 of 100)");
        Claim.Test atLeastOne = new Claim.Test("iteration", IterationEvents.FINDING, Claim.Prediction.AT_LEAST, 1);
        assertThat(Judge.status(atLeastOne, f)).isEqualTo(Status.HOLDS);
        assertThat(Judge.status(atLeastOne, conclude(0, 0))).as("a recording without the events").isEqualTo(Status.OPPOSITE);
    }

    @Test
    void aRunWithoutThePartHasNoSuchFinding() {
        ResultBuilder out = new ResultBuilder();
        IterationEvents.conclude(Rows.fromObjects(new ResultBuilder().rows(), new ResultBuilder().samples()), out);
        assertThat(out.findings()).isEmpty();
    }
}
