package maplab.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchedJvmTest {

    @Test
    void aHungItemIsKilledCountedAndTheRestStillRuns(@TempDir Path tmp) throws Exception {
        WatchedJvm jvm = new WatchedJvm(ForkSetup.self(), FlakyChild.class.getName(), List.of("-Xmx64m"), List.of("9"), Duration.ofSeconds(2), tmp.resolve("child.log"));
        Map<Integer, String> finished = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        WatchedJvm.Summary s = jvm.run(9, new WatchedJvm.Listener() {
            @Override public void finished(int index, String payload) { finished.put(index, payload); }
            @Override public int failed(int index, boolean crashed) {
                failures.add(index + (crashed ? " crashed" : " hung"));
                return index + 1;
            }
        });
        assertThat(finished.keySet()).containsExactly(0, 1, 2, 4, 5, 7, 8);
        assertThat(finished.get(4)).isEqualTo("payload 4");
        assertThat(failures).containsExactly("3 hung", "6 crashed");
        assertThat(s.hung()).containsExactly(3);
        assertThat(s.crashed()).containsExactly(6);
        assertThat(s.launches()).isEqualTo(3);
        assertThat(Files.readString(tmp.resolve("child.log"))).contains("some other output", "# launch:");
    }

    @Test
    void theListenerCanSkipAhead(@TempDir Path tmp) throws Exception {
        WatchedJvm jvm = new WatchedJvm(ForkSetup.self(), FlakyChild.class.getName(), List.of("-Xmx64m"), List.of("9"), Duration.ofSeconds(2), tmp.resolve("child.log"));
        List<Integer> finished = new ArrayList<>();
        jvm.run(9, new WatchedJvm.Listener() {
            @Override public void finished(int index, String payload) { finished.add(index); }
            @Override public int failed(int index, boolean crashed) { return 100; }
        });
        assertThat(finished).containsExactly(0, 1, 2);
    }

    @Test
    void aChildThatCannotStartIsAClearError(@TempDir Path tmp) {
        WatchedJvm jvm = new WatchedJvm(ForkSetup.self(), "no.such.Main", List.of(), List.of(), Duration.ofSeconds(5), tmp.resolve("child.log"));
        assertThatThrownBy(() -> jvm.run(1, new WatchedJvm.Listener() {
            @Override public void finished(int index, String payload) { }
            @Override public int failed(int index, boolean crashed) { return index; }
        })).isInstanceOf(MeasurementException.class).hasMessageContaining("no.such.Main").hasMessageContaining("child.log");
    }
}
