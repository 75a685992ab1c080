package maplab.measure;
import maplab.plan.Effort;
import maplab.plan.ParamSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import maplab.stats.Estimates.Sample;
import org.junit.jupiter.api.Test;

class EffortTest {

    @Test
    void parsesAndPrintsTimedSingleShotAndSequentialEfforts() {
        assertThat(Effort.parseOrNull("4:2x100ms+3x100ms")).isEqualTo(new Effort(4, 2, 100, 3, 100));
        assertThat(Effort.parseOrNull("4:2+3")).isEqualTo(Effort.shots(4, 2, 3));
        assertThat(Effort.parseOrNull("4:2+3").singleShot()).isTrue();
        Effort sequential = Effort.parseOrNull("4-10:1x200ms+5x200ms");
        assertThat(sequential.forks()).isEqualTo(4);
        assertThat(sequential.maxForks()).isEqualTo(10);
        assertThat(sequential.looks()).isEqualTo(7);
        assertThat(sequential.text()).isEqualTo("4-10:1x200ms+5x200ms");
        assertThat(new Effort(4, 2, 100, 3, 100).looks()).isEqualTo(1);
        assertThat(Effort.parseOrNull("0:2+3")).as("never in the caller's JVM").isNull();
        assertThat(Effort.parseOrNull("5-4:2+3")).as("max below min").isNull();
        assertThat(Effort.parseOrNull("4:2x100ms+3")).as("one side timed, the other not").isNull();
        assertThat(Effort.parseOrNull("four")).isNull();
    }

    @Test
    void anEffortParameterNamesThePartAndWhatIsAllowed() {
        ParamSpec spec = ParamSpec.effort("trap", Effort.shots(4, 1, 3), Effort.shots(6, 2, 5), "trap merges");
        assertThat(spec.name()).isEqualTo("trap_effort");
        assertThat(spec.parse("5:1+2")).isEqualTo(Effort.shots(5, 1, 2));
        assertThatThrownBy(() -> spec.parse("5 forks"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameter 'trap_effort'").hasMessageContaining("4:2x100ms+3x100ms");
    }

    @Test
    void comparedCellsAreSelectedByParametersAndMethod() {
        JmhScore putAll = new JmhScore("maplab.bench.MergeBench.merge", "avgt", Map.of("strategy", "put_all", "n", "10"), "ms/op",
                List.of(new Sample(0, 0, 1)), Map.of(), 1, List.of());
        JmhScore loop = new JmhScore("maplab.bench.MergeBench.merge", "avgt", Map.of("strategy", "put_loop", "n", "10"), "ms/op",
                List.of(new Sample(0, 0, 1)), Map.of(), 1, List.of());
        assertThat(Jmh.cell(List.of(putAll, loop), Map.of("strategy", "put_loop"))).isSameAs(loop);
        assertThat(Jmh.cell(List.of(putAll, loop), Map.of("benchmark", "merge", "strategy", "put_all"))).isSameAs(putAll);
        assertThat(Jmh.cell(List.of(putAll, loop), Map.of("benchmark", "fill"))).isNull();
    }
}
