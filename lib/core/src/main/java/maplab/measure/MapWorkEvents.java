package maplab.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import jdk.jfr.Category;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * A custom JFR event around map work: each fill of a HashMap and each walk over it is wrapped in
 * a {@link MapWork} event ({@code begin()} before, {@code commit()} after), recorded in this JVM,
 * dumped to a file and read back. Counts how many events the recording holds per operation
 * against how many operations ran: a count, not a timing (the events' durations are not used).
 */
public final class MapWorkEvents {

    /** The event's name in the recording. */
    public static final String EVENT = "maplab.MapWork";
    public static final String FILL = "fill", ITERATE = "iterate";

    private MapWorkEvents() { }

    /** One fill or walk of a map, as JFR records it. */
    @Name(EVENT)
    @Label("Map work")
    @Category("maplab")
    static final class MapWork extends Event {
        @Label("Operation")
        String operation;
        @Label("Entries")
        int entries;
    }

    /**
     * What a recording of {@code rounds} fills and walks held.
     *
     * @param operations operations run, by operation (fill, iterate)
     * @param recorded   {@link #EVENT} events read back from the recording, by operation
     */
    public record Counted(Map<String, Integer> operations, Map<String, Long> recorded) {
        public long recordedTotal() { return recorded.values().stream().mapToLong(Long::longValue).sum(); }
    }

    /**
     * Runs {@code rounds} fills of a HashMap of {@code entries} Integer keys and walks over it,
     * each inside a committed {@link MapWork} event, with a JFR recording of that event on; the
     * recording is dumped into {@code dir} and read back.
     */
    public static Counted record(int rounds, int entries, Path dir) throws IOException {
        if (rounds < 1) throw new IllegalArgumentException("rounds: must be at least 1, got " + rounds);
        if (entries < 1) throw new IllegalArgumentException("entries: must be at least 1, got " + entries);
        Files.createDirectories(dir);
        Path file = dir.resolve("map-work.jfr");
        long checksum = 0;
        try (Recording recording = new Recording()) {
            recording.enable(MapWork.class).withThreshold(java.time.Duration.ZERO).withoutStackTrace();
            recording.start();
            for (int r = 0; r < rounds; r++) {
                MapWork fill = started(FILL, entries);
                Map<Integer, Integer> map = new HashMap<>();
                for (int i = 0; i < entries; i++) map.put(i, i);
                fill.commit();
                MapWork walk = started(ITERATE, entries);
                for (Map.Entry<Integer, Integer> e : map.entrySet()) checksum += e.getKey() + e.getValue();
                walk.commit();
            }
            recording.stop();
            recording.dump(file);
        }
        if (checksum < 0) throw new IllegalStateException("checksum overflowed: " + checksum);   // keeps the walks' results alive
        Map<String, Long> recorded = new LinkedHashMap<>(Map.of(FILL, 0L, ITERATE, 0L));
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (e.getEventType().getName().equals(EVENT)) recorded.merge(e.getString("operation"), 1L, Long::sum);
        }
        return new Counted(Map.of(FILL, rounds, ITERATE, rounds), recorded);
    }

    private static MapWork started(String operation, int entries) {
        MapWork e = new MapWork();
        e.operation = operation;
        e.entries = entries;
        e.begin();
        return e;
    }
}
