package maplab.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import maplab.workload.MapChurn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pause workload in a forked JVM, its collector pinned, read back from JFR. */
class GcPausesTest {

    @Test
    void forkedWorkloadRecordsPausesOfThePinnedCollector(@TempDir Path tmp) throws Exception {
        Path jfr = tmp.resolve("churn.jfr");
        // 200,000 boxed entries per round in a 64 MiB heap cannot go without young collections.
        List<GcPauses.Pause> pauses = GcPauses.fork(List.of("-Xms64m", "-Xmx64m", GcPauses.Collector.SERIAL.flag()),
                MapChurn.class, List.of("hashmap_default", "200000", "2", "3", "7", jfr.toString()),
                jfr, tmp.resolve("churn.log"), Duration.ofMinutes(2));

        assertThat(pauses).isNotEmpty();
        assertThat(pauses).allSatisfy(p -> {
            assertThat(p.collector()).isIn("DefNew", "SerialOld");
            assertThat(p.pauseMs()).isPositive();
            assertThat(p.longestMs()).isLessThanOrEqualTo(p.pauseMs());
        });
        assertThat(Files.readString(tmp.resolve("churn.log"))).contains("entries=200000");
    }

    @Test
    void aFailingChildIsAMeasurementExceptionWithItsLog(@TempDir Path tmp) {
        Path jfr = tmp.resolve("x.jfr");
        assertThatThrownBy(() -> GcPauses.fork(List.of("-Xmx64m"), MapChurn.class, List.of("no_such_constructor", "10", "1", "1", "1", jfr.toString()),
                jfr, tmp.resolve("x.log"), Duration.ofMinutes(1)))
                .isInstanceOf(MeasurementException.class)
                .hasMessageContaining("exited with 2")
                .hasMessageContaining("constructor: unknown value 'no_such_constructor'");
    }
}
