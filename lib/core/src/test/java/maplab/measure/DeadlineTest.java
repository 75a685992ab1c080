package maplab.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import maplab.stats.Estimates.Estimate;
import org.junit.jupiter.api.Test;

class DeadlineTest {

    @Test
    void aBudgetIsReadInTheFormsTheCliTakes() {
        assertThat(Deadline.parseSeconds("90s")).isEqualTo(90);
        assertThat(Deadline.parseSeconds("5m")).isEqualTo(300);
        assertThat(Deadline.parseSeconds("1h")).isEqualTo(3600);
        assertThat(Deadline.parseSeconds("2m30s")).isEqualTo(150);
        assertThat(Deadline.parseSeconds("45")).isEqualTo(45);
        for (String bad : new String[] {"", "5 minutes", "0s", "-3m", "m"}) {
            assertThatThrownBy(() -> Deadline.parseSeconds(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("budget:").hasMessageContaining("90s, 5m");
        }
    }

    @Test
    void workFitsOnlyWhileItEndsBeforeTheBudgetDoes() {
        Deadline d = Deadline.in(60);
        assertThat(d.limited()).isTrue();
        assertThat(d.allows(30)).isTrue();
        assertThat(d.allows(90)).isFalse();
        assertThat(Deadline.NONE.allows(1e9)).isTrue();
        assertThat(Deadline.NONE.limited()).isFalse();
    }

    @Test
    void aComparisonSettlesWhenItsIntervalExcludesOneOrLiesInsideItsMargin() {
        Jmh.Compared plain = new Jmh.Compared(Map.of("s", "a"), Map.of("s", "b"), 0);
        Jmh.Compared tenPercent = new Jmh.Compared(Map.of("s", "a"), Map.of("s", "b"), 0.10);
        Estimate higher = new Estimate(1.5, 1.2, 1.9, 5);
        Estimate tight = new Estimate(1.01, 0.95, 1.07, 5);
        Estimate wide = new Estimate(1.01, 0.80, 1.30, 5);
        assertThat(plain.settled(higher)).isTrue();
        assertThat(tenPercent.settled(higher)).isTrue();
        assertThat(plain.settled(tight)).as("no margin: an interval around 1 stays open").isFalse();
        assertThat(tenPercent.settled(tight)).as("inside ±10%: equivalent, settled").isTrue();
        assertThat(tenPercent.settled(wide)).as("reaches outside the margin: open").isFalse();
        assertThat(plain.settled(new Estimate(1.5, Double.NaN, Double.NaN, 1))).as("no interval yet").isFalse();
    }
}
