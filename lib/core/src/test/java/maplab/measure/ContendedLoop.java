package maplab.measure;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Test fixture run in a child JVM: records {@link Contention} while three threads take turns
 * on a monitor ({@link #underMonitor}) and three on a {@code ReentrantLock} ({@link #underLock}),
 * each holding it for about a millisecond, so every wait is far over the 10 us threshold.
 * Arguments: the recording folder, the operations per thread.
 */
public final class ContendedLoop {

    private static final Object MONITOR = new Object();
    private static final ReentrantLock LOCK = new ReentrantLock();

    static void underMonitor() throws InterruptedException {
        synchronized (MONITOR) {
            Thread.sleep(1);
        }
    }

    static void underLock() throws InterruptedException {
        LOCK.lock();
        try {
            Thread.sleep(1);
        } finally {
            LOCK.unlock();
        }
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int perThread = Integer.parseInt(args[1]);
        Contention.Recorder recorder = Contention.start(dir, Map.of("subject", "fixture"), 10);
        long start = System.nanoTime();
        Thread[] threads = new Thread[6];
        for (int t = 0; t < threads.length; t++) {
            boolean monitor = t % 2 == 0;
            threads[t] = new Thread(() -> {
                try {
                    for (int i = 0; i < perThread; i++) {
                        if (monitor) underMonitor(); else underLock();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) t.join();
        recorder.stop(System.nanoTime() - start, (long) perThread * threads.length, 10);
    }
}
