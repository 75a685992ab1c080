package maplab.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A contention recording of a known workload (made in a child JVM) charges the waits to the right events and frames. */
class ContentionTest {

    @Test
    void waitsOnAMonitorAndALockAreChargedToTheirEventsAndFrames(@TempDir Path tmp) {
        ChildJvm.of(ForkSetup.self()).run(ContendedLoop.class, List.of("-Xmx128m"), List.of(tmp.toString(), "40"), Duration.ofSeconds(60));

        List<Contention.Blocked> all = Contention.readAll(tmp, m -> m.startsWith("maplab.measure.ContendedLoop."));
        assertThat(all).hasSize(1);
        Contention.Blocked b = all.get(0);
        assertThat(b.cell()).containsEntry("subject", "fixture");
        assertThat(b.ops()).isEqualTo(240);
        assertThat(b.thresholdMicros()).isEqualTo(10);
        // 3 threads x 40 turns of ~1 ms on each lock: each waiting thread waits most of the run
        // how many waits there are depends on scheduling (monitors let the holder barge back in: 1 to 16 seen);
        // that each lock was waited on, and for how long, does not
        assertThat(b.eventsByEvent().get("jdk.JavaMonitorEnter")).isPositive();
        assertThat(b.eventsByEvent().get("jdk.ThreadPark")).isPositive();
        assertThat(b.nanosByEvent().get("jdk.ThreadPark")).isGreaterThan(20_000_000L);
        assertThat(b.nanosByEvent().get("jdk.JavaMonitorEnter")).isGreaterThan(20_000_000L);
        List<String> top = b.topFrames(2).stream().map(java.util.Map.Entry::getKey).toList();
        assertThat(top).containsExactlyInAnyOrder("maplab.measure.ContendedLoop.underMonitor", "maplab.measure.ContendedLoop.underLock");
        // per second and per operation follow from the total
        assertThat(b.millisPerSecond()).isCloseTo(b.totalNanos() / 1e6 / (b.windowNanos() / 1e9), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(b.nanosPerOp()).isCloseTo(b.totalNanos() / 240.0, org.assertj.core.data.Offset.offset(1e-6));
        // two threads wait behind each holder for most of the time: well over 500 ms blocked per second
        assertThat(b.millisPerSecond()).isGreaterThan(500);

        // events outside the work (a filter that matches no frame) do not count
        Contention.Blocked none = Contention.readAll(tmp, m -> m.startsWith("no.such.Method")).get(0);
        assertThat(none.totalNanos()).isZero();
        assertThat(none.topFrames(3)).isEmpty();
    }

    @Test
    void aMissingRecordingIsAClearError(@TempDir Path tmp) {
        assertThatThrownBy(() -> Contention.read(tmp.resolve("absent"), m -> true))
                .isInstanceOf(MeasurementException.class).hasMessageStartingWith("no contention recording at");
        assertThat(Contention.readAll(tmp.resolve("no-folder"), m -> true)).isEmpty();
    }

    @Test
    void theBlockingFrameSkipsTheLockMachinery() {
        assertThat(Contention.blockingFrame(List.of("jdk.internal.misc.Unsafe.park", "java.util.concurrent.locks.LockSupport.park",
                "java.util.concurrent.locks.ReentrantReadWriteLock$WriteLock.lock", "maplab.subject.concurrent.ReadWriteLockMap.put",
                "maplab.bench.SyncLatencyBench.operate"))).isEqualTo("maplab.subject.concurrent.ReadWriteLockMap.put");
        assertThat(Contention.blockingFrame(List.of("java.util.Collections$SynchronizedMap.get", "maplab.subject.concurrent.JdkMap.get")))
                .isEqualTo("java.util.Collections$SynchronizedMap.get");
    }
}
