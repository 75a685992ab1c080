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

/** gc's escape analysis finding from hand-made rows: a paired difference in bytes per walk, off minus on. */
class GcEscapeTest {

    /** Samples of one side: fork f's two iterations at {@code bytes[f]}. */
    private static Measured forks(double... bytes) {
        List<Sample> s = new ArrayList<>();
        for (int f = 0; f < bytes.length; f++) {
            s.add(new Sample(f, 0, bytes[f]));
            s.add(new Sample(f, 1, bytes[f]));
        }
        return Measured.of(s);
    }

    private static Finding conclude(Measured on, Measured off) {
        ResultBuilder b = new ResultBuilder();
        GcPlan.row(b, GcEscape.dims(true)).measure(GcEscape.METRIC, on, Unit.BYTES_PER_OP);
        GcPlan.row(b, GcEscape.dims(false)).measure(GcEscape.METRIC, off, Unit.BYTES_PER_OP);
        ResultBuilder out = new ResultBuilder();
        GcEscape.conclude(Rows.fromObjects(b.rows(), b.samples()), out);
        return out.findings().stream().filter(f -> f.id().equals(GcEscape.FINDING)).findFirst().orElseThrow();
    }

    @Test
    void theIteratorEscapeAnalysisRemovesShowsAsMoreBytesWithoutIt() {
        Finding f = conclude(forks(0.001, 0.0, 0.002, 0.0), forks(32.0, 32.0, 32.01, 32.0));
        assertThat(f.verdict()).isEqualTo(Finding.Verdict.HIGHER);
        assertThat(f.value()).isCloseTo(32.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(f.unit()).isEqualTo("B/op");
        assertThat(f.basis()).isEqualTo(Finding.Basis.TIMING);
        assertThat(f.text()).contains("-XX:-DoEscapeAnalysis").contains("16 entries");
    }

    @Test
    void bytesThatDoNotMoveWithTheFlagAreNoDetectableDifference() {
        Finding f = conclude(forks(16.0, 16.2, 15.9, 16.1), forks(16.1, 15.9, 16.2, 15.9));
        assertThat(f.verdict()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);
        assertThat(f.text()).startsWith("No detectable difference");
    }

    @Test
    void aRunWithoutThePartHasNoSuchFinding() {
        ResultBuilder out = new ResultBuilder();
        GcEscape.conclude(Rows.fromObjects(new ResultBuilder().rows(), new ResultBuilder().samples()), out);
        assertThat(out.findings()).isEmpty();
    }
}
