package maplab.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JFR profile of a known workload, recorded in a forked JVM, names the method the workload spends its time in. */
class JfrProfileTest {

    @Test
    void aDrainedHashMapLoopSpendsItsSamplesInTheIteratorsBucketScan(@TempDir Path tmp) {
        Path jfr = tmp.resolve("drained.jfr");
        // 400000 entries drained to 50: each iteration scans 524288 buckets for 50 entries
        ChildJvm.of(ForkSetup.self()).run(IterationLoop.class, List.of("-Xmx512m", "-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints"),
                List.of("hashmap", "drained", "entryset", "400000", "50", "1", "500", "1000", "1", jfr.toString()), Duration.ofSeconds(60));

        JfrProfile profile = JfrProfile.read(jfr);

        assertThat(profile.samples()).isGreaterThan(50);
        JfrProfile.FrameCount top = profile.topFrames(1).get(0);
        assertThat(top.method()).isEqualTo("java.util.HashMap$HashIterator.nextNode");
        assertThat(top.self()).isGreaterThan(profile.samples() / 2);
        assertThat(profile.topFrameShare(m -> m.contains("Iterator"))).isGreaterThan(0.5);
    }

    @Test
    void aLoopGivenBadArgumentsOrNoRecordingGivesAClearError(@TempDir Path tmp) {
        assertThatThrownBy(() -> ChildJvm.of(ForkSetup.self()).run(IterationLoop.class, List.of(), List.of("too", "few"), Duration.ofSeconds(30)))
                .isInstanceOf(MeasurementException.class)
                .hasMessageContaining("exited with 2")
                .hasMessageContaining("usage: IterationLoop");
        assertThatThrownBy(() -> JfrProfile.read(tmp.resolve("missing.jfr")))
                .isInstanceOf(MeasurementException.class).hasMessageStartingWith("no JFR recording at");
    }

    @Test
    void aFileThatIsNotARecordingIsAClearError(@TempDir Path tmp) throws Exception {
        Path notJfr = java.nio.file.Files.writeString(tmp.resolve("text.jfr"), "not a flight recording\n");
        assertThatThrownBy(() -> JfrProfile.read(notJfr))
                .isInstanceOf(MeasurementException.class).hasMessageStartingWith("cannot read JFR recording " + notJfr);
    }

    @Test
    void withoutDebugNonSafepointsTheSamplesStillParseIntoJavaStacksTopFirst(@TempDir Path tmp) {
        Path jfr = tmp.resolve("nodebug.jfr");
        ChildJvm.of(ForkSetup.self()).run(IterationLoop.class, List.of("-Xmx512m"),
                List.of("hashmap", "drained", "entryset", "400000", "50", "1", "300", "600", "1", jfr.toString()), Duration.ofSeconds(60));
        JfrProfile profile = JfrProfile.read(jfr);
        assertThat(profile.samples()).isGreaterThan(20);
        // every sample of the loop has the loop's main on its stack, below the top frame
        JfrProfile.FrameCount main = profile.topFrames(100).stream().filter(f -> f.method().equals("maplab.measure.IterationLoop.main"))
                .findFirst().orElseThrow(() -> new AssertionError("no IterationLoop.main frame"));
        assertThat(main.total()).isGreaterThan(profile.samples() * 9L / 10);
    }

    @Test
    void stacksFromAnotherProfilerNeedAFrameEach() {
        assertThatThrownBy(() -> JfrProfile.ofStacks(List.of(List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stacksTopFirst");
        assertThat(JfrProfile.ofStacks(List.of(List.of("a.B.c", "a.B.main"))).topFrames(1).get(0).method()).isEqualTo("a.B.c");
    }
}
