package maplab.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** async-profiler's collapsed stacks are read like JFR's samples, and the profiler runs here in a forked JVM. */
class AsyncSamplerTest {

    @Test
    void collapsedStacksKeepOneThreadsJavaFramesTopFirstAndCountEachSample() {
        List<String> lines = List.of(
                "[main tid=11];maplab/measure/IterationLoop.main_[j];maplab/subject/iteration/JdkIterationMap.sumEntrySet_[j];java/util/HashMap$HashIterator.nextNode_[i] 3",
                "[main tid=11];maplab/measure/IterationLoop.main_[j];maplab/measure/IterationLoop$$Lambda.0x0000000801001234.getAsLong_[j] 1",
                "[main tid=11];maplab/measure/IterationLoop.main_[0];JVM_Sleep;os::sleep_[k] 2",
                "[main tid=11];__futex_abstimed_wait_common 4",
                "[C2 CompilerThre tid=23];start_thread;CompileBroker::compiler_thread_loop 5",
                "");
        JfrProfile p = AsyncSampler.parseCollapsed(lines, "main");
        // 3 + 1 + 2 samples of main with Java frames; the native-only main sample and the compiler thread are left out
        assertThat(p.samples()).isEqualTo(6);
        List<JfrProfile.FrameCount> top = p.topFrames(3);
        assertThat(top.get(0)).isEqualTo(new JfrProfile.FrameCount("java.util.HashMap$HashIterator.nextNode", 3, 3));
        assertThat(top.get(1)).isEqualTo(new JfrProfile.FrameCount("maplab.measure.IterationLoop.main", 2, 6));
        assertThat(top.get(2).method()).isEqualTo("maplab.measure.IterationLoop$$Lambda.getAsLong");
        assertThat(p.topFrameShare(m -> m.contains("Iterator"))).isEqualTo(0.5);
    }

    @Test
    void aLineWithoutACountOrAMissingFileIsAClearError(@TempDir Path tmp) {
        assertThatThrownBy(() -> AsyncSampler.parseCollapsed(List.of("[main tid=1];a/B.c_[j]"), "main"))
                .isInstanceOf(MeasurementException.class).hasMessageStartingWith("not a collapsed stack line");
        assertThatThrownBy(() -> AsyncSampler.readCollapsed(tmp.resolve("none.collapsed"), "main"))
                .isInstanceOf(MeasurementException.class).hasMessageStartingWith("no async-profiler output at");
    }

    @Test
    void asyncProfilerSamplesTheDrainedLoopBesideJfrInAForkedJvm(@TempDir Path tmp) throws Exception {
        Path jfr = tmp.resolve("drained.jfr");
        Path collapsed = tmp.resolve("drained.collapsed");
        ChildJvm.Output out = ChildJvm.of(ForkSetup.self()).run(IterationLoop.class, List.of("-Xmx512m", "-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints"),
                List.of("hashmap", "drained", "entryset", "400000", "50", "1", "400", "800", "1", jfr.toString(), collapsed.toString()), Duration.ofSeconds(60));
        // no silent skip: if async-profiler cannot load here the loop says why, and this test fails with that reason
        assertThat(out.stdout()).as("the loop's output").doesNotContain(IterationLoop.ASYNC_UNAVAILABLE).contains("async-profiler 4.1 sampled the recorded window (itimer)");
        assertThat(Files.readString(collapsed)).contains("[main tid=");
        JfrProfile async = AsyncSampler.readCollapsed(collapsed, "main");
        assertThat(async.samples()).isGreaterThan(20);
        assertThat(async.topFrames(1).get(0).method()).isEqualTo("java.util.HashMap$HashIterator.nextNode");
        assertThat(JfrProfile.read(jfr).samples()).isGreaterThan(20);
    }
}
