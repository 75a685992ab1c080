package maplab.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import maplab.chart.Charts;
import maplab.result.Finding;
import maplab.result.Html;
import maplab.result.Result;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * A run folder, written atomically: everything goes into a hidden staging folder beside the
 * target, which is renamed into place only when complete, so a reader never sees half a run
 * and an existing folder is never overwritten.
 *
 * <p>Contents: {@code results.csv} (tidy), {@code findings.json}, {@code meta.json},
 * {@code report.html} (self-contained), {@code tables/<name>.csv}, {@code charts/<name>.png},
 * and {@code raw/} (JMH JSON and logs, recordings).
 */
public final class RunFolder {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path target;
    private final Path staging;

    private RunFolder(Path target) {
        this.target = target.toAbsolutePath().normalize();
        this.staging = this.target.resolveSibling("." + this.target.getFileName() + ".partial-" + ProcessHandle.current().pid());
    }

    /**
     * Prepares a run folder: {@code out} when given (it must not exist yet, or be empty), else
     * a new {@code runs/<UTC timestamp>-<experiment>/}.
     *
     * @throws IllegalArgumentException when {@code out} exists and is not empty
     */
    public static RunFolder prepare(String experiment, Path out) {
        Path target;
        if (out != null) {
            target = out;
            if (Files.exists(out) && !isEmptyDir(out)) {
                throw new IllegalArgumentException("out: '" + out + "' exists and is not an empty folder; give a new folder (results are never overwritten)");
            }
        } else {
            target = newFolderUnderRuns(experiment);
        }
        RunFolder folder = new RunFolder(target);
        try {
            Files.createDirectories(folder.staging.resolve("raw"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run folder " + folder.staging, e);
        }
        return folder;
    }

    /** A path {@code runs/<UTC timestamp>-<name>} that does not exist yet (suffixed -2, -3... when taken). */
    public static Path newFolderUnderRuns(String name) {
        String base = STAMP.format(Instant.now()) + "-" + name;
        Path target = Home.runs().resolve(base);
        for (int i = 2; Files.exists(target); i++) target = Home.runs().resolve(base + "-" + i);
        return target;
    }

    /** Where raw files go while the run is under way (moves with the folder). */
    public Path rawDir() {
        return staging.resolve("raw");
    }

    public Path target() {
        return target;
    }

    /** Writes every file of {@code result} and moves the folder into place; returns its final path. */
    public Path commit(Result result, Map<String, Long> seeds) {
        try {
            writeCsv(result.table(), staging.resolve("results.csv"));
            JSON.writeValue(staging.resolve("findings.json").toFile(), result.findings().stream().map(RunFolder::findingMap).toList());
            JSON.writeValue(staging.resolve("meta.json").toFile(), meta(result, seeds));
            if (!result.tables().isEmpty()) {
                Files.createDirectories(staging.resolve("tables"));
                for (Map.Entry<String, Table> t : result.tables().entrySet()) {
                    writeCsv(t.getValue(), staging.resolve("tables").resolve(slug(t.getKey()) + ".csv"));
                }
            }
            if (!result.charts().isEmpty()) {
                Files.createDirectories(staging.resolve("charts"));
                for (Map.Entry<String, Chart<?, ?>> c : result.charts().entrySet()) {
                    Files.write(staging.resolve("charts").resolve(slug(c.getKey()) + ".png"), Charts.png(c.getValue()));
                }
            }
            result.setRunDir(target);
            Files.writeString(staging.resolve("report.html"), Html.page(result), StandardCharsets.UTF_8);
            if (Files.exists(target)) Files.delete(target); // an empty folder given with --out
            Files.createDirectories(target.getParent());
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staging, target);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write run folder " + target + " (partial files stay in " + staging + ")", e);
        }
    }

    /** A table as CSV; a table without columns (a run that failed before its first row) as the measurement header alone. */
    static void writeCsv(Table table, Path file) throws IOException {
        if (table.columnCount() == 0) {
            Files.writeString(file, String.join(",", maplab.result.TidyTables.MEASURE_COLUMNS) + "\n", StandardCharsets.UTF_8);
        } else {
            table.write().csv(file.toFile());
        }
    }

    /** meta.json's content. */
    public static Map<String, Object> meta(Result r, Map<String, Long> seeds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("experiment", r.experiment());
        m.put("status", r.succeeded() ? "ok" : "failed");
        if (!r.succeeded()) m.put("error", r.error());
        m.put("profile", r.profile().label());
        m.put("params", r.params().asMap());
        m.put("seeds", seeds);
        m.put("start", r.start().toString());
        m.put("end", r.end().toString());
        m.put("maplab_version", r.environment().maplabVersion());
        m.put("git_commit", r.environment().gitCommit());
        m.put("environment", r.environment().asMap());
        m.put("measurement", r.notes());
        m.put("findings", r.findings().stream().map(Finding::id).toList());
        return m;
    }

    /** Reads findings.json of a run folder. */
    public static List<Finding> readFindings(Path runDir) {
        try {
            List<Map<String, Object>> raw = JSON.readValue(runDir.resolve("findings.json").toFile(),
                    JSON.getTypeFactory().constructCollectionType(List.class, Map.class));
            return raw.stream().map(m -> new Finding((String) m.get("id"), ((Number) m.get("value")).doubleValue(),
                    (String) m.get("unit"), (String) m.get("text"))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read findings of " + runDir, e);
        }
    }

    /** Reads meta.json of a run folder. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readMeta(Path runDir) {
        try {
            return JSON.readValue(runDir.resolve("meta.json").toFile(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read meta.json of " + runDir, e);
        }
    }

    private static Map<String, Object> findingMap(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.id());
        m.put("value", Double.isFinite(f.value()) ? f.value() : null);
        m.put("unit", f.unit());
        m.put("text", f.text());
        return m;
    }

    static String slug(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private static boolean isEmptyDir(Path p) {
        if (!Files.isDirectory(p)) return false;
        try (var s = Files.list(p)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
