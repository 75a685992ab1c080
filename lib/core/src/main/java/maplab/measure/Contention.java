package maplab.measure;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Stream;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where threads wait for locks, from JDK Flight Recorder events: {@code jdk.JavaMonitorEnter}
 * (a contended {@code synchronized}) and {@code jdk.ThreadPark} (a {@code LockSupport.park}:
 * {@code ReentrantLock}, {@code ReadWriteLock}, {@code StampedLock}, queues), each with its
 * stack and its duration, recorded when longer than a threshold.
 *
 * <p>{@link #start} / {@link Recorder#stop} record in the measuring JVM (a JMH fork: the bench
 * starts the recording before its first measured iteration, so JVM start-up and warm-up are not
 * in it) and write the recording plus a {@code .properties} side file (the cell, the measured
 * window, the operations counted in it); {@link #read} parses both into a {@link Blocked}.
 */
public final class Contention {

    /** The JFR events read: a contended monitor enter and a park. */
    public static final List<String> EVENTS = List.of("jdk.JavaMonitorEnter", "jdk.ThreadPark");

    /** System property naming the folder recordings go to; without it the bench records nothing. */
    public static final String DIR_PROPERTY = "maplab.contention.dir";

    /** System property with the events' threshold in microseconds (default {@value #DEFAULT_THRESHOLD_US}). */
    public static final String THRESHOLD_PROPERTY = "maplab.contention.threshold_us";

    /**
     * 10 us: a wait shorter than that is a spin or a hand-off rather than a thread put to sleep,
     * and at threshold 0 every short park is an event (hundreds of thousands a second under a
     * contended lock), which slows the measured work itself.
     */
    public static final int DEFAULT_THRESHOLD_US = 10;

    private Contention() { }

    /** A recording in progress. */
    public static final class Recorder {
        private final Recording recording;
        private final Path base;
        private final Map<String, String> cell;
        private final long startMillis;

        private Recorder(Recording recording, Path base, Map<String, String> cell) {
            this.recording = recording;
            this.base = base;
            this.cell = cell;
            this.startMillis = System.currentTimeMillis();
        }

        /**
         * Stops the recording and writes {@code <base>.jfr} and {@code <base>.properties} (the
         * cell's settings, {@code window_ns}: the measured time the events fall in, {@code ops}:
         * the operations done in it, and the threshold).
         */
        public void stop(long windowNanos, long ops, int thresholdMicros) throws IOException {
            recording.stop();
            recording.dump(Path.of(base + ".jfr"));
            recording.close();
            Properties p = new Properties();
            cell.forEach(p::setProperty);
            p.setProperty("window_ns", String.valueOf(windowNanos));
            p.setProperty("ops", String.valueOf(ops));
            p.setProperty("threshold_us", String.valueOf(thresholdMicros));
            p.setProperty("start_ms", String.valueOf(startMillis));
            try (Writer w = Files.newBufferedWriter(Path.of(base + ".properties"))) {
                p.store(w, "maplab contention recording");
            }
        }
    }

    /**
     * Starts recording contended monitor enters and parks longer than {@code thresholdMicros},
     * with stacks, to a file in {@code dir} named after the cell and the start time (so the
     * recordings of one cell sort by round).
     */
    public static Recorder start(Path dir, Map<String, String> cell, int thresholdMicros) throws IOException {
        Files.createDirectories(dir);
        StringBuilder name = new StringBuilder("contention");
        cell.forEach((k, v) -> name.append('-').append(v.replaceAll("[^A-Za-z0-9_.]", "_")));
        name.append('-').append(System.currentTimeMillis()).append('-').append(ProcessHandle.current().pid());
        Recording r = new Recording();
        for (String e : EVENTS) r.enable(e).withThreshold(Duration.ofNanos(thresholdMicros * 1000L)).withStackTrace();
        r.setToDisk(true);
        r.start();
        return new Recorder(r, dir.resolve(name.toString()), new LinkedHashMap<>(cell));
    }

    /** Blocked time by event and by frame (the first frame outside the lock machinery). */
    public record Blocked(Map<String, String> cell, long windowNanos, long ops, int thresholdMicros, long startMillis,
                          Map<String, Long> nanosByEvent, Map<String, Long> nanosByFrame, Map<String, Long> eventsByEvent) {

        /** Blocked nanoseconds over all events (summed over threads). */
        public long totalNanos() {
            return nanosByEvent.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Milliseconds blocked per second of measured time (summed over threads: at most 1000 times the thread count). */
        public double millisPerSecond() {
            return windowNanos <= 0 ? Double.NaN : totalNanos() / 1e6 / (windowNanos / 1e9);
        }

        /** Nanoseconds blocked per operation. */
        public double nanosPerOp() {
            return ops <= 0 ? Double.NaN : totalNanos() / (double) ops;
        }

        /** The {@code limit} frames with the most blocked time, most first. */
        public List<Map.Entry<String, Long>> topFrames(int limit) {
            return nanosByFrame.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(limit).toList();
        }
    }

    /**
     * Reads a recording written by {@link Recorder#stop} ({@code base}: the path without
     * {@code .jfr}/{@code .properties}). Only events whose stack has a frame accepted by
     * {@code inWork} count (for a benchmark: its {@code @Benchmark} method), so JMH's own
     * waits and idle helper threads are left out.
     */
    public static Blocked read(Path base, Predicate<String> inWork) {
        Path jfr = Path.of(base + ".jfr");
        Path props = Path.of(base + ".properties");
        if (!Files.isRegularFile(jfr) || !Files.isRegularFile(props)) throw new MeasurementException("no contention recording at " + base + " (.jfr and .properties)");
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(props)) {
            p.load(r);
        } catch (IOException e) {
            throw new MeasurementException("cannot read " + props + ": " + e.getMessage(), e);
        }
        Map<String, String> cell = new LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) {
            if (!List.of("window_ns", "ops", "threshold_us", "start_ms").contains(k)) cell.put(k, p.getProperty(k));
        }
        Map<String, Long> byEvent = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String e : EVENTS) {
            byEvent.put(e, 0L);
            counts.put(e, 0L);
        }
        Map<String, Long> byFrame = new LinkedHashMap<>();
        try (RecordingFile in = new RecordingFile(jfr)) {
            while (in.hasMoreEvents()) {
                RecordedEvent e = in.readEvent();
                String type = e.getEventType().getName();
                if (!byEvent.containsKey(type)) continue;
                List<String> stack = stack(e.getStackTrace());
                if (stack.stream().noneMatch(inWork)) continue;
                long nanos = e.getDuration().toNanos();
                byEvent.merge(type, nanos, Long::sum);
                counts.merge(type, 1L, Long::sum);
                byFrame.merge(blockingFrame(stack), nanos, Long::sum);
            }
        } catch (IOException e) {
            throw new MeasurementException("cannot read JFR recording " + jfr + ": " + e.getMessage(), e);
        }
        return new Blocked(cell, Long.parseLong(p.getProperty("window_ns", "0")), Long.parseLong(p.getProperty("ops", "0")),
                Integer.parseInt(p.getProperty("threshold_us", "0")), Long.parseLong(p.getProperty("start_ms", "0")), byEvent, byFrame, counts);
    }

    /** Every recording in {@code dir} (each {@code .properties} with its {@code .jfr}), oldest first. */
    public static List<Blocked> readAll(Path dir, Predicate<String> inWork) {
        if (!Files.isDirectory(dir)) return List.of();
        List<Blocked> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(x -> x.getFileName().toString().endsWith(".properties")).sorted().toList()) {
                out.add(read(Path.of(f.toString().replaceFirst("\\.properties$", "")), inWork));
            }
        } catch (IOException e) {
            throw new MeasurementException("cannot list contention recordings in " + dir + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparingLong(Blocked::startMillis));
        return out;
    }

    private static List<String> stack(RecordedStackTrace trace) {
        List<String> out = new ArrayList<>();
        if (trace == null) return out;
        for (RecordedFrame f : trace.getFrames()) if (f.isJavaFrame()) out.add(JfrProfile.methodName(f));
        return out;
    }

    /**
     * The frame a wait is charged to: the first one, from the top, outside the lock and park
     * machinery ({@code java.util.concurrent.locks}, {@code LockSupport}, {@code jdk.internal},
     * {@code Unsafe}, {@code Thread}), e.g. {@code java.util.Collections$SynchronizedMap.get}
     * for a monitor or {@code maplab.subject.concurrent.ReadWriteLockMap.put} for a lock.
     */
    static String blockingFrame(List<String> stack) {
        for (String m : stack) {
            if (m.startsWith("java.util.concurrent.locks.") || m.startsWith("jdk.internal.") || m.startsWith("sun.misc.")
                    || m.startsWith("java.lang.Thread.") || m.startsWith("java.lang.Object.wait")) continue;
            return m;
        }
        return stack.isEmpty() ? "(no stack)" : stack.get(0);
    }
}
