package maplab.conclude;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChartDataTest {

    @Test
    void aBuilderCollectsSettingsAndSeriesInOrder() {
        ChartData c = ChartData.logLog("growth", "n (keys)", "time (ns)").yMin(1).legend(false)
                .series("a", List.of(1, 10), List.of(2.0, 20.0), List.of(0.5, 1.0))
                .series("b", List.of(1, 10), List.of(3, 30), null, ChartData.Mark.POINTS).build();
        assertThat(c.logX()).isTrue();
        assertThat(c.logY()).isTrue();
        assertThat(c.yMin()).isEqualTo(1.0);
        assertThat(c.legend()).isFalse();
        assertThat(c.seriesNames()).containsExactly("a", "b");
        assertThat(c.series("a").errors()).containsExactly(0.5, 1.0);
        assertThat(c.series("b").mark()).isEqualTo(ChartData.Mark.POINTS);
        assertThat(c.series("b").x()).containsExactly(1.0, 10.0);
    }

    @Test
    void aSeriesWithoutPointsIsLeftOutSoAChartCanBeEmpty() {
        ChartData c = ChartData.lines("t", "x", "y").series("none", List.of(), List.of(), null).build();
        assertThat(c.isEmpty()).isTrue();
        assertThat(ChartData.noData("nothing").isEmpty()).isTrue();
    }

    @Test
    void barsTakeCategoriesAndLinesTakeNumbers() {
        ChartData bars = ChartData.bars("t", "subject", "ns").bars("time", List.of("HashMap", "ProbeMap"), List.of(1, 2), null).build();
        assertThat(bars.series("time").categories()).containsExactly("HashMap", "ProbeMap");
        assertThat(bars.series("time").mark()).isEqualTo(ChartData.Mark.BARS);
        assertThatThrownBy(() -> ChartData.lines("t", "x", "y").bars("b", List.of("a"), List.of(1), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("bars:");
        assertThatThrownBy(() -> ChartData.bars("t", "x", "y").series("s", List.of(1), List.of(1), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("series:");
    }

    @Test
    void valuesAndErrorsMustMatchThePoints() {
        assertThatThrownBy(() -> ChartData.lines("t", "x", "y").series("s", List.of(1, 2), List.of(1), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y: need one value per point");
        assertThatThrownBy(() -> ChartData.lines("t", "x", "y").series("s", List.of(1, 2), List.of(1, 2), List.of(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("errors: need one per value");
    }

    @Test
    void theSeriesAskedForMustExist() {
        ChartData c = ChartData.lines("t", "x", "y").series("a", List.of(1), List.of(1), null).build();
        assertThatThrownBy(() -> c.series("b")).hasMessageContaining("no series 'b'").hasMessageContaining("[a]");
    }

    @Test
    void aPercentileChartPlacesP99AtOneHundred() {
        assertThat(ChartData.percentileAxis(99)).isCloseTo(100, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ChartData.percentiles("t", "ns").build().xPattern()).isEqualTo("0E0");
    }
}
