package maplab.conclude;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.NoSuchElementException;
import maplab.measure.Environment;
import maplab.plan.Params;
import maplab.plan.Profile;
import maplab.plan.Unit;
import org.junit.jupiter.api.Test;

/** A part a stored run lacks is said in words (a report from old run folders still renders); a run measured now that lacks it fails. */
class ResultFromStoredRunTest {

    private static Result result() {
        ResultBuilder b = new ResultBuilder();
        b.row().with("subject", "s").measure("m", 1.5, Unit.NS_PER_OP);
        b.finding(Finding.count("f", 2, "x", "two"));
        Params p = Params.resolve(maplab.lab.Experiments.byId("presize"), Profile.QUICK, Map.of());
        return new Result("presize", Profile.QUICK, p, b.table("presize"), b, Environment.capture(), Instant.now(), Instant.now(), null);
    }

    @Test
    void aRunMeasuredNowThatLacksAPartFailsNamingIt() {
        Result now = result();
        assertThatThrownBy(() -> now.table("null values")).isInstanceOf(NoSuchElementException.class).hasMessageContaining("no table 'null values'");
        assertThatThrownBy(() -> now.finding("g")).isInstanceOf(NoSuchElementException.class).hasMessageContaining("no finding 'g'");
        assertThatThrownBy(() -> now.chart("traversal")).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void aStoredRunThatLacksAPartSaysSoInsteadOfFailing() {
        Result stored = result();
        stored.setStoredRun(Path.of("data/reference/presize"));

        assertThat(stored.table("null values").name()).startsWith("null values: no table in this stored run (presize)");
        assertThat(stored.table("null values").rowCount()).isZero();
        Finding missing = stored.finding("g");
        assertThat(missing.notComputed()).isTrue();
        assertThat(missing.text()).contains("no finding in this stored run", "measured before this part existed");
        assertThat(stored.finding("f").value()).as("what it has is still shown").isEqualTo(2.0);
        assertThat(stored.chart("traversal")).isNotNull();
        assertThat(stored.findingsIn("peers").toString()).doesNotContain("Exception");
    }
}
