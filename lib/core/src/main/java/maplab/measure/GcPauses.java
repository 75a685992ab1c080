package maplab.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.Recording;
import maplab.subject.EnumIds;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * GC pauses of a workload, measured in a fresh JVM with a pinned collector: the child records
 * JFR {@code jdk.GarbageCollection} events around the measured part only ({@link #record}),
 * the parent starts it ({@link #fork}) and reads the recording back ({@link #read}). Nothing is
 * timed in the caller's JVM, and the caller's own collector does not matter.
 */
public final class GcPauses {

    /** The JFR event read; its {@code sumOfPauses} is the stop-the-world time of one collection. */
    public static final String EVENT = "jdk.GarbageCollection";

    private GcPauses() { }

    /** The collectors a child JVM can be pinned to; ids are the experiment's parameter values. */
    public enum Collector {
        G1("-XX:+UseG1GC", "G1"), PARALLEL("-XX:+UseParallelGC", "Parallel"), SERIAL("-XX:+UseSerialGC", "Serial");

        private final String flag;
        private final String label;

        Collector(String flag, String label) {
            this.flag = flag;
            this.label = label;
        }

        /** The JVM flag that selects it. */
        public String flag() { return flag; }
        public String label() { return label; }
        public String id() { return EnumIds.id(this); }

        public static List<String> ids() { return EnumIds.ids(Collector.class); }

        public static Collector parse(String id) { return EnumIds.parse(Collector.class, "gc", id); }
    }

    /**
     * One collection as JFR reported it.
     *
     * @param collector JFR's name for it, e.g. "G1New", "ParallelScavenge", "DefNew"
     * @param cause     why it ran, e.g. "G1 Evacuation Pause", "Allocation Failure"
     * @param pauseMs   total stop-the-world time of the collection ({@code sumOfPauses})
     * @param longestMs its longest single pause
     */
    public record Pause(String collector, String cause, double pauseMs, double longestMs, Instant start) { }

    /**
     * In the child JVM: runs {@code measured} while recording GC events, and writes the
     * recording to {@code jfr}. A full GC before the recording starts leaves the warm-up's
     * garbage out of it.
     */
    public static void record(Path jfr, Runnable measured) throws IOException {
        System.gc();
        try (Recording recording = new Recording()) {
            recording.enable(EVENT);
            recording.setToDisk(true);
            recording.start();
            measured.run();
            recording.stop();
            recording.dump(jfr);
        }
    }

    /** The collections recorded in {@code jfr}, in order. */
    public static List<Pause> read(Path jfr) {
        try {
            List<Pause> out = new ArrayList<>();
            for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
                if (!e.getEventType().getName().equals(EVENT)) continue;
                out.add(new Pause(e.getString("name"), e.getString("cause"), millis(e.getDuration("sumOfPauses")),
                        millis(e.getDuration("longestPause")), e.getStartTime()));
            }
            out.sort(java.util.Comparator.comparing(Pause::start));
            return out;
        } catch (IOException e) {
            throw new MeasurementException("cannot read JFR recording " + jfr + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code mainClass} with {@code args} in a new JVM ({@link ChildJvm}: this JVM's class
     * path, the given JVM arguments; the folders of {@code jfr} and {@code log} are created first, so
     * JVM arguments may write there), writes what it printed to {@code log}, then reads the pauses it
     * recorded to {@code jfr}.
     *
     * @throws MeasurementException when the child fails, takes longer than {@code timeout}, or records nothing
     */
    public static List<Pause> fork(List<String> jvmArgs, Class<?> mainClass, List<String> args, Path jfr, Path log, Duration timeout) {
        try {
            Files.createDirectories(jfr.toAbsolutePath().getParent());
            Files.createDirectories(log.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new MeasurementException("cannot create the folder of " + jfr + ": " + e.getMessage(), e);
        }
        ChildJvm.Output out = ChildJvm.run(mainClass, jvmArgs, args, timeout);
        try {
            Files.writeString(log, out.stdout() + out.stderr());
        } catch (IOException e) {
            throw new MeasurementException("cannot write " + log + ": " + e.getMessage(), e);
        }
        if (!Files.exists(jfr)) throw new MeasurementException(mainClass.getName() + " wrote no recording " + jfr + " (log: " + log + ")");
        return read(jfr);
    }

    private static double millis(Duration d) {
        return d == null ? Double.NaN : d.toNanos() / 1e6;
    }
}
