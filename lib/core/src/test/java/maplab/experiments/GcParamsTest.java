package maplab.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import maplab.experiment.Experiments;
import maplab.experiment.Profile;
import org.junit.jupiter.api.Test;

/** gc rejects bad input before anything runs, naming the parameter and what is allowed. */
class GcParamsTest {

    @Test
    void unknownCollector() {
        assertThatThrownBy(() -> Experiments.run("gc", Profile.QUICK, Map.of("gc", "zgc")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'gc': bad value 'zgc'; allowed: one of g1, parallel, serial");
    }

    @Test
    void heapTooSmallForTheWorkload() {
        assertThatThrownBy(() -> Experiments.run("gc", Profile.QUICK, Map.of("n", 4_000_000, "heap_mb", 512)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("parameter 'heap_mb': bad value '512'; allowed: a whole number from 1040 to 65536");
    }

    @Test
    void moreMapsThanEntries() {
        assertThatThrownBy(() -> Experiments.run("gc", Profile.QUICK, Map.of("n", 10_000, "maps", 65)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameter 'maps': bad value '65'");
        assertThatThrownBy(() -> Experiments.run("gc", Profile.QUICK, Map.of("rounds", 1)))
                .hasMessageContaining("parameter 'rounds': bad value '1'; allowed: a whole number from 2 to 1000");
    }

    @Test
    void registeredLastInTheCatalog() {
        assertThat(Experiments.ids()).last().isEqualTo("gc");
    }
}
