package maplab.subject.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SingleWriterMapTest {

    @Test
    void ownerIsADaemonThatStopsOnClose() {
        int before = ownerThreads();
        SingleWriterMap<Integer, Integer> map = new SingleWriterMap<>();
        assertThat(map.ownerAlive()).isTrue();
        assertThat(ownerThreads()).isEqualTo(before + 1);
        map.put(1, 1);
        map.close();
        assertThat(map.ownerAlive()).isFalse();
        assertThat(ownerThreads()).isEqualTo(before);
    }

    @Test
    void writesAfterCloseAreRefusedAndReadsGoOn() {
        SingleWriterMap<Integer, Integer> map = new SingleWriterMap<>();
        map.put(1, 10);
        map.close();
        assertThatThrownBy(() -> map.put(2, 20)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> map.remove(1)).isInstanceOf(IllegalStateException.class);
        assertThat(map.get(1)).isEqualTo(10);
    }

    @Test
    void closeWhileWritersRunLosesNoAcknowledgedWriteAndLeavesNoWriterWaiting() throws Exception {
        for (int round = 0; round < 20; round++) {
            SingleWriterMap<Integer, Integer> map = new SingleWriterMap<>();
            AtomicInteger acknowledged = new AtomicInteger();
            List<Thread> writers = new ArrayList<>();
            List<Integer> acked = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < 3; t++) {
                int base = t * 100_000;
                Thread w = new Thread(() -> {
                    for (int i = 0; ; i++) {
                        try {
                            map.put(base + i, i);
                            acked.add(base + i);
                            acknowledged.incrementAndGet();
                        } catch (IllegalStateException closed) {
                            return;
                        }
                    }
                });
                w.start();
                writers.add(w);
            }
            while (acknowledged.get() < 100) Thread.onSpinWait();
            map.close();
            for (Thread w : writers) {
                w.join(10_000);
                assertThat(w.isAlive()).as("a writer still waits after close").isFalse();
            }
            for (Integer k : acked) assertThat(map.containsKey(k)).isTrue();
        }
    }

    @Test
    void aFailingWriteThrowsInTheCallerAndTheOwnerGoesOn() {
        try (SingleWriterMap<Object, Integer> map = new SingleWriterMap<>()) {
            Object badKey = new Object() {
                @Override public int hashCode() { throw new UnsupportedOperationException("no hash"); }
            };
            assertThatThrownBy(() -> map.put(badKey, 1)).isInstanceOf(UnsupportedOperationException.class);
            assertThat(map.put("ok", 2)).isNull();
            assertThat(map.get("ok")).isEqualTo(2);
        }
    }

    private static int ownerThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("maplab-single-writer-") && t.isAlive()).count();
    }
}
