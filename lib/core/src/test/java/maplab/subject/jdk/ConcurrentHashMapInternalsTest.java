package maplab.subject.jdk;

import maplab.measure.ChildJvm;
import maplab.measure.ForkSetup;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class ConcurrentHashMapInternalsTest {

    @Test
    void theTableIsAllocatedOnFirstPutAndSizedForItsEntries() {
        ConcurrentHashMap<Integer, Integer> m = new ConcurrentHashMap<>(100);
        assertThat(ConcurrentHashMapInternals.tableLength(m)).isZero();
        m.put(1, 1);
        // 100 entries / 0.75 + 1 = 134, rounded up to a power of two
        assertThat(ConcurrentHashMapInternals.tableLength(m)).isEqualTo(256);
        assertThat(TableLength.of(m)).isEqualTo(256);
    }

    /** Run in a child JVM started without --add-opens. */
    public static final class WithoutOpens {
        public static void main(String[] args) {
            ConcurrentHashMap<Integer, Integer> m = new ConcurrentHashMap<>();
            m.put(1, 1);
            ConcurrentHashMapInternals.tableLength(m);
        }
    }

    @Test
    void withoutAddOpensTheErrorSaysWhichFlagToAdd() {
        ChildJvm.Output out = ChildJvm.of(ForkSetup.self()).runAllowingFailure(WithoutOpens.class, List.of("-Xshare:auto"), List.of(), Duration.ofSeconds(60));
        assertThat(out.exitCode()).isEqualTo(1);
        assertThat(out.stderr()).contains("cannot read java.util.concurrent.ConcurrentHashMap internals: start the JVM with "
                + "--add-opens java.base/java.util.concurrent=ALL-UNNAMED");
    }
}
