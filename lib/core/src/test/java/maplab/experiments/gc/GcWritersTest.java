package maplab.experiments.gc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import maplab.conclude.Finding;
import maplab.conclude.ResultBuilder;
import maplab.measure.Measured;
import maplab.measure.Rows;
import maplab.plan.Unit;
import maplab.stats.Estimates.Sample;
import org.junit.jupiter.api.Test;

/** gc's allocating writers finding from hand-made rows: one writer's throughput among many over alone, paired by round. */
class GcWritersTest {

    private static Measured forks(double... fillsPerMs) {
        List<Sample> s = new ArrayList<>();
        for (int f = 0; f < fillsPerMs.length; f++) {
            s.add(new Sample(f, 0, fillsPerMs[f] * 0.99));
            s.add(new Sample(f, 1, fillsPerMs[f] * 1.01));
        }
        return Measured.of(s);
    }

    private static Finding conclude(Measured one, Measured many) {
        ResultBuilder b = new ResultBuilder();
        GcPlan.row(b, GcWriters.dims(1)).measure(GcWriters.METRIC, one, Unit.OPS_PER_MS);
        GcPlan.row(b, GcWriters.dims(2)).measure(GcWriters.METRIC, many, Unit.OPS_PER_MS);
        ResultBuilder out = new ResultBuilder();
        GcWriters.conclude(Rows.fromObjects(b.rows(), b.samples()), out);
        return out.findings().stream().filter(f -> f.id().equals(GcWriters.FINDING)).findFirst().orElseThrow();
    }

    @Test
    void writersSlowedInEveryRoundAreLower() {
        Finding f = conclude(forks(50, 62, 48, 55), forks(30, 37, 29, 33));
        assertThat(f.verdict()).isEqualTo(Finding.Verdict.LOWER);
        assertThat(f.value()).isCloseTo(0.6, org.assertj.core.data.Offset.offset(0.01));
        assertThat(f.text()).contains("One of 2 threads").contains("less throughput");
        assertThat(f.conditions()).containsEntry("writers", "2");
    }

    @Test
    void writersThatKeepTheirPaceAreNoDetectableDifference() {
        Finding f = conclude(forks(50, 62, 48, 55), forks(52, 58, 49, 57));
        assertThat(f.verdict()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);
    }

    @Test
    void aRunWithoutThePartHasNoSuchFinding() {
        ResultBuilder out = new ResultBuilder();
        GcWriters.conclude(Rows.fromObjects(new ResultBuilder().rows(), new ResultBuilder().samples()), out);
        assertThat(out.findings()).isEmpty();
    }
}
