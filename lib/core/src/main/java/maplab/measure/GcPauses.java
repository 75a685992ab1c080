package maplab.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import maplab.plan.EnumIds;

/**
 * GC pauses of a workload, measured in a fresh JVM with a pinned collector.
 *
 * <p>The child records JFR around the measured part only ({@link #record}): one
 * {@code jdk.GarbageCollection} event per collection (with its GC id) and ZGC's
 * {@code jdk.ZAllocationStall} events. The parent starts it with the unified GC log on
 * ({@link #fork}: {@code -Xlog:gc,gc+phases}) and reads both back: the collections of the
 * recording are the measured window, and the log gives every stop-the-world pause of those
 * collections ({@link #parseLog}), one line each.
 *
 * <p><b>What counts as a pause:</b> one stop-the-world pause, a log line
 * {@code GC(n) [y:|Y:|O: ]Pause ... <t>ms}. G1 and Parallel pause once per young or full
 * collection (G1's concurrent cycle adds Remark and Cleanup pauses under the cycle's id); ZGC
 * pauses three times per collection (Pause Mark Start, Pause Mark End, Pause Relocate Start),
 * generational ZGC per generation ({@code y:} minor, {@code Y:}/{@code O:} young and old
 * generation of a major collection). Concurrent phases are not pauses; neither is an
 * allocation stall (ZGC stops one allocating thread until memory is freed), which is read
 * separately ({@link Stall}). Nothing is timed in the caller's JVM.
 */
public final class GcPauses {

    /** The JFR event of a collection; its {@code sumOfPauses} is the stop-the-world time of one collection. */
    public static final String EVENT = "jdk.GarbageCollection";
    /** ZGC: a thread waited for memory (not a pause of every thread, but latency the thread saw). */
    public static final String STALL_EVENT = "jdk.ZAllocationStall";
    /** The unified-logging selection {@link #fork} turns on (ZGC logs its pauses under gc+phases). */
    public static final String LOG_TAGS = "gc,gc+phases";

    private GcPauses() { }

    /**
     * The collectors a child JVM can be pinned to; ids are the experiment's parameter values.
     * Whether one is offered, and with which flags, depends on the measuring JDK's feature
     * version ({@link #flags}): ZGC as a single generation until JDK 23, generational ZGC from 21.
     */
    public enum Collector {
        G1("G1"), PARALLEL("Parallel"), SERIAL("Serial"),
        /** ZGC with one generation (JDK 15-23; removed in JDK 24). */
        ZGC("ZGC (single-generation)"),
        /** Generational ZGC (JDK 21 on; the only ZGC from JDK 24). */
        ZGC_GENERATIONAL("Generational ZGC");

        private final String label;

        Collector(String label) {
            this.label = label;
        }

        /** The JVM flags that select it on JDK {@code feature}, or empty when that JDK does not offer it. */
        public Optional<List<String>> flags(int feature) {
            return switch (this) {
                case G1 -> Optional.of(List.of("-XX:+UseG1GC"));
                case PARALLEL -> Optional.of(List.of("-XX:+UseParallelGC"));
                case SERIAL -> Optional.of(List.of("-XX:+UseSerialGC"));
                case ZGC -> feature < 15 || feature >= 24 ? Optional.empty()
                        : feature < 21 ? Optional.of(List.of("-XX:+UseZGC"))
                        : Optional.of(List.of("-XX:+UseZGC", "-XX:-ZGenerational"));   // JDK 23: deprecated, still works
                case ZGC_GENERATIONAL -> feature < 21 ? Optional.empty()
                        : feature < 23 ? Optional.of(List.of("-XX:+UseZGC", "-XX:+ZGenerational"))
                        : Optional.of(List.of("-XX:+UseZGC"));                       // 23: the default; 24+: the only ZGC
            };
        }

        /** Whether JDK {@code feature} offers it. */
        public boolean offered(int feature) {
            return flags(feature).isPresent();
        }

        /** "not offered by JDK 17": why a collector was not measured. */
        public static String notOffered(int feature) {
            return "not offered by JDK " + feature;
        }

        /** The flags on JDK {@code feature}; throws naming the JDK when it does not offer this collector. */
        public List<String> requireFlags(int feature) {
            return flags(feature).orElseThrow(() -> new MeasurementException(label + " is " + notOffered(feature)));
        }

        /** True for both ZGC modes (sub-millisecond pauses, allocation stalls instead). */
        public boolean isZ() { return this == ZGC || this == ZGC_GENERATIONAL; }

        public String label() { return label; }
        public String id() { return EnumIds.id(this); }

        public static List<String> ids() { return EnumIds.ids(Collector.class); }

        public static Collector parse(String id) { return EnumIds.parse(Collector.class, "gc", id); }
    }

    /**
     * One collection as JFR reported it.
     *
     * @param gcId      the JVM's GC id (the {@code GC(n)} of the log)
     * @param collector JFR's name for it, e.g. "G1New", "ParallelScavenge", "Z", "ZGC Minor"
     * @param cause     why it ran, e.g. "G1 Evacuation Pause", "Allocation Failure"
     * @param pauseMs   total stop-the-world time of the collection ({@code sumOfPauses})
     * @param longestMs its longest single pause
     */
    public record Pause(long gcId, String collector, String cause, double pauseMs, double longestMs, Instant start) { }

    /**
     * One stop-the-world pause from the unified GC log.
     *
     * @param gcId       the collection it belongs to
     * @param generation "" or generational ZGC's {@code y} (minor), {@code Y} / {@code O} (young / old generation of a major collection)
     * @param phase      what the log calls it, e.g. "Pause Young (Normal) (G1 Evacuation Pause)", "Pause Mark Start"
     * @param ms         its duration
     */
    public record LogPause(long gcId, String generation, String phase, double ms) { }

    /** A ZGC allocation stall: one thread waited {@code ms} for memory. */
    public record Stall(String thread, double ms) { }

    /** What one child JVM recorded: its collections (JFR), their pauses (log), stalls, and what it printed. */
    public record Recorded(List<Pause> collections, List<LogPause> pauses, List<Stall> stalls, String stdout) {
        /** A {@code key=value} the child printed (e.g. {@code allocated_bytes}). */
        public OptionalLong printed(String key) {
            Matcher m = Pattern.compile("(?m)\\b" + Pattern.quote(key) + "=(-?\\d+)").matcher(stdout);
            return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
        }
    }

    /**
     * In the child JVM: runs {@code measured} while recording GC events, and writes the
     * recording to {@code jfr}. A full GC before the recording starts leaves the warm-up's
     * garbage out of it.
     */
    public static void record(Path jfr, Runnable measured) throws IOException {
        System.gc();
        try (Recording recording = new Recording()) {
            recording.enable(EVENT);
            recording.enable(STALL_EVENT);
            recording.setToDisk(true);
            recording.start();
            measured.run();
            recording.stop();
            recording.dump(jfr);
        }
    }

    /** The collections recorded in {@code jfr}, in order. */
    public static List<Pause> read(Path jfr) {
        List<Pause> out = new ArrayList<>();
        for (RecordedEvent e : events(jfr)) {
            if (!e.getEventType().getName().equals(EVENT)) continue;
            out.add(new Pause(e.getLong("gcId"), e.getString("name"), e.getString("cause"), millis(e.getDuration("sumOfPauses")),
                    millis(e.getDuration("longestPause")), e.getStartTime()));
        }
        out.sort(Comparator.comparing(Pause::start));
        return out;
    }

    /** The allocation stalls recorded in {@code jfr} (none unless the collector is ZGC). */
    public static List<Stall> stalls(Path jfr) {
        List<Stall> out = new ArrayList<>();
        for (RecordedEvent e : events(jfr)) {
            if (!e.getEventType().getName().equals(STALL_EVENT)) continue;
            String thread = e.getThread() == null ? "?" : e.getThread().getJavaName();
            out.add(new Stall(thread, millis(e.getDuration())));
        }
        return out;
    }

    private static List<RecordedEvent> events(Path jfr) {
        try {
            return RecordingFile.readAllEvents(jfr);
        } catch (IOException e) {
            throw new MeasurementException("cannot read JFR recording " + jfr + ": " + e.getMessage(), e);
        }
    }

    private static final Pattern PAUSE_LINE = Pattern.compile(
            "^(?:\\[[^\\]]*\\])*\\s*GC\\((\\d+)\\)\\s+(?:([yYO]):\\s+)?(Pause\\b.*?)\\s+(?:\\S+->\\S+\\s+)?(\\d+(?:\\.\\d+)?)ms\\s*$");

    /** The pause on one unified-log line, if it is a pause line (see the class comment for what counts). */
    public static Optional<LogPause> parseLine(String line) {
        Matcher m = PAUSE_LINE.matcher(line);
        if (!m.matches()) return Optional.empty();
        return Optional.of(new LogPause(Long.parseLong(m.group(1)), m.group(2) == null ? "" : m.group(2), m.group(3),
                Double.parseDouble(m.group(4))));
    }

    /** Every pause in a unified GC log, in log order. */
    public static List<LogPause> parseLog(List<String> lines) {
        List<LogPause> out = new ArrayList<>();
        for (String line : lines) parseLine(line).ifPresent(out::add);
        return out;
    }

    /** The pauses of the collections with these GC ids (the recorded window), in log order. */
    public static List<LogPause> within(List<LogPause> pauses, Set<Long> gcIds) {
        return pauses.stream().filter(p -> gcIds.contains(p.gcId())).toList();
    }

    /**
     * Runs {@code mainClass} with {@code args} in a new JVM started by {@code jvm} (the run's
     * measuring JDK and class path), with the given JVM arguments plus the GC log to {@code gcLog}); writes what
     * it printed to {@code log}, reads the collections and stalls it recorded to {@code jfr} and
     * the pauses of those collections from {@code gcLog}.
     *
     * @throws MeasurementException when the child fails, takes longer than {@code timeout}, records
     *         nothing, or its log lacks the pauses of a recorded collection that had pause time
     */
    public static Recorded fork(ChildJvm jvm, List<String> jvmArgs, Class<?> mainClass, List<String> args, Path jfr, Path gcLog, Path log, Duration timeout) {
        try {
            for (Path p : List.of(jfr, gcLog, log)) Files.createDirectories(p.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new MeasurementException("cannot create the folder of " + jfr + ": " + e.getMessage(), e);
        }
        List<String> all = new ArrayList<>(jvmArgs);
        all.add("-Xlog:" + LOG_TAGS + ":file=" + gcLog);
        ChildJvm.Output out = jvm.run(mainClass, all, args, timeout);
        try {
            Files.writeString(log, out.stdout() + out.stderr());
        } catch (IOException e) {
            throw new MeasurementException("cannot write " + log + ": " + e.getMessage(), e);
        }
        if (!Files.exists(jfr)) throw new MeasurementException(mainClass.getName() + " wrote no recording " + jfr + " (log: " + log + ")");
        List<Pause> collections = read(jfr);
        List<String> lines;
        try {
            lines = Files.readAllLines(gcLog);
        } catch (IOException e) {
            throw new MeasurementException("cannot read the GC log " + gcLog + ": " + e.getMessage(), e);
        }
        Set<Long> ids = new TreeSet<>();
        for (Pause c : collections) ids.add(c.gcId());
        List<LogPause> pauses = within(parseLog(lines), ids);
        for (Pause c : collections) {
            boolean logged = pauses.stream().anyMatch(p -> p.gcId() == c.gcId());
            if (!logged && c.pauseMs() > 0.01) {
                throw new MeasurementException(String.format(Locale.ROOT, "GC(%d) (%s) paused %.3f ms by JFR but %s has no pause line for it",
                        c.gcId(), c.collector(), c.pauseMs(), gcLog));
            }
        }
        return new Recorded(collections, pauses, stalls(jfr), out.stdout());
    }

    private static double millis(Duration d) {
        return d == null ? Double.NaN : d.toNanos() / 1e6;
    }
}
