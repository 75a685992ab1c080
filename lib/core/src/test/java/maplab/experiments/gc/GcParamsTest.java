package maplab.experiments.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import maplab.lab.Experiments;
import maplab.plan.Profile;
import org.junit.jupiter.api.Test;

/** gc rejects bad input before anything runs, naming the parameter and what is allowed. */
class GcParamsTest {

    @Test
    void unknownCollector() {
        assertThatThrownBy(() -> Experiments.run("gc", Profile.QUICK, Map.of("collectors", "g1,shenandoah")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("parameter 'collectors': bad value")
                .hasMessageContaining("shenandoah")
                .hasMessageContaining("g1, parallel, serial, zgc, zgc_generational");
    }

    @Test
    void unknownKeys() {
        assertThatThrownBy(() -> Experiments.run("gc", Profile.QUICK, Map.of("keys", "int,long")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("parameter 'keys': bad value")
                .hasMessageContaining("int, random_string, colliding_string");
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
    }

    @Test
    void pauseEffortIsJvmsWarmupAndRoundsWithoutIterationTimes() {
        assertThatThrownBy(() -> Experiments.run("gc", Profile.QUICK, Map.of("pause_effort", "4:1x100ms+4x100ms")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("parameter 'pause_effort': bad value '4:1x100ms+4x100ms'; allowed: JVMS:WARMUP+ROUNDS");
        assertThatThrownBy(() -> Experiments.run("gc", Profile.QUICK, Map.of("pause_effort", "4:1+0")))
                .hasMessageStartingWith("parameter 'pause_effort': bad value '4:1+0'");
        assertThatThrownBy(() -> Experiments.run("gc", Profile.QUICK, Map.of("alloc_effort", "four")))
                .hasMessageStartingWith("parameter 'alloc_effort': bad value 'four'");
    }

    @Test
    void registeredLastInTheCatalog() {
        assertThat(Experiments.ids()).containsSubsequence("races", "gc");
    }
}
