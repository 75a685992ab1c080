package maplab.run;

import maplab.plan.Home;
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
import maplab.conclude.Finding;
import java.util.function.Function;
import maplab.conclude.Result;
import maplab.conclude.ResultBuilder;
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
        } catch (IOException | SecurityException e) {
            String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                    : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
            throw new IllegalArgumentException((out != null ? "out" : "runs folder") + ": cannot write a run folder at '"
                    + folder.target + "' (" + why + "); give a folder you can write to");
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

    /** The hidden folder the run is written into before it is renamed into place. */
    public Path staging() {
        return staging;
    }

    /** Writes what measuring produced (results.csv, samples.csv) into the staging folder, for concluding to read. */
    public void writeMeasurements(ResultBuilder built) {
        try {
            writeCsv(built.table("results"), staging.resolve("results.csv"));
            RunData.writeSamples(built.samples(), staging.resolve("samples.csv"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the measurements of " + target + " into " + staging, e);
        }
    }

    /** Where raw files go while the run is under way (moves with the folder). */
    public Path rawDir() {
        return staging.resolve("raw");
    }

    public Path target() {
        return target;
    }

    /**
     * Writes every file of {@code result} and moves the folder into place; returns its final
     * path. Messages that named the staging folder (a JMH log) name the final folder.
     * {@code page} renders the run's report.html (the run folder writes files, it renders nothing).
     */
    public Path commit(Result result, Map<String, Long> seeds, Drawing page) {
        try {
            JSON.writeValue(staging.resolve("meta.json").toFile(), meta(result, seeds));
            result.setRunDir(target);
            writeConclusions(result, staging, page);
            if (Files.exists(target)) Files.delete(target); // an empty folder given with --out
            Files.createDirectories(target.getParent());
            move(staging, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write run folder " + target + " (partial files stay in " + staging + ")", e);
        }
    }

    /**
     * How a run's report.html and chart images are drawn: by render, handed in, so the run
     * folder only writes files.
     */
    public record Drawing(Function<Result, String> page, Function<maplab.conclude.ChartData, byte[]> png) { }

    /** The derived files of a run folder: what concluding writes. */
    static final List<String> CONCLUSIONS = List.of("findings.json", "report.html", "tables", "charts");

    /** Writes findings.json, tables/, charts/ and report.html of {@code result} into {@code dir}. */
    static void writeConclusions(Result result, Path dir, Drawing page) throws IOException {
        JSON.writeValue(dir.resolve("findings.json").toFile(), result.findings().stream().map(RunFolder::findingMap).toList());
        if (!result.tables().isEmpty()) {
            Files.createDirectories(dir.resolve("tables"));
            for (Map.Entry<String, Table> t : result.tables().entrySet()) {
                writeCsv(t.getValue(), dir.resolve("tables").resolve(slug(t.getKey()) + ".csv"));
            }
        }
        if (!result.charts().isEmpty()) {
            Files.createDirectories(dir.resolve("charts"));
            for (Map.Entry<String, maplab.conclude.ChartData> c : result.charts().entrySet()) {
                Files.write(dir.resolve("charts").resolve(slug(c.getKey()) + ".png"), page.png().apply(c.getValue()));
            }
        }
        Files.writeString(dir.resolve("report.html"), page.page().apply(result), StandardCharsets.UTF_8);
    }

    /**
     * Writes freshly concluded findings, tables, charts and report of the stored run
     * {@code runDir}: into {@code out} (new or empty; the measurements and meta.json are copied
     * there) or, when {@code out} is null, in place, by building the new folder beside it and
     * swapping it in, so the run folder is never half rewritten. {@code page} renders report.html.
     */
    public static Path reconclude(Path runDir, Path out, Result result, Drawing page) {
        Path from = runDir.toAbsolutePath().normalize();
        Path target = out == null ? from : out.toAbsolutePath().normalize();
        if (out != null && Files.exists(out) && !isEmptyDir(out)) {
            throw new IllegalArgumentException("out: '" + out + "' exists and is not an empty folder; give a new folder (results are never overwritten)");
        }
        Path staging = target.resolveSibling("." + target.getFileName() + ".conclude-" + ProcessHandle.current().pid());
        try {
            deleteTree(staging);
            Files.createDirectories(staging);
            try (var files = Files.list(from)) {
                for (Path f : files.toList()) {
                    String name = f.getFileName().toString();
                    if (CONCLUSIONS.contains(name) || (out != null && name.equals("raw"))) continue;
                    copyTree(f, staging.resolve(name));
                }
            }
            Map<String, Object> meta = new LinkedHashMap<>(readMeta(from));
            meta.put("findings", result.findings().stream().map(Finding::id).toList());
            JSON.writeValue(staging.resolve("meta.json").toFile(), meta);
            result.setRunDir(target);
            writeConclusions(result, staging, page);
            Path old = target.resolveSibling("." + target.getFileName() + ".old-" + ProcessHandle.current().pid());
            boolean replace = Files.exists(target);
            if (replace) move(target, old);
            move(staging, target);
            if (replace) deleteTree(old);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the conclusions of " + from + " to " + target, e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(dest);
                else Files.copy(p, dest, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** A table as CSV; a table without columns (a run that failed before its first row) as the measurement header alone. */
    public static void writeCsv(Table table, Path file) throws IOException {
        if (table.columnCount() == 0) {
            Files.writeString(file, String.join(",", maplab.conclude.TidyTables.MEASURE_COLUMNS) + "\n", StandardCharsets.UTF_8);
        } else {
            table.write().csv(file.toFile());
        }
    }

    /**
     * Writes a comparison's page as {@code compare.html} and its tables as CSV files (file name to
     * table, in order) into {@code dir} (created); returns the paths written.
     *
     * @throws IllegalArgumentException naming {@code dir} when it cannot be written
     */
    public static List<Path> writeComparison(Path dir, String page, Map<String, Table> csvs) {
        try {
            Files.createDirectories(dir);
            List<Path> written = new java.util.ArrayList<>();
            Path html = dir.resolve("compare.html");
            Files.writeString(html, page, StandardCharsets.UTF_8);
            written.add(html);
            for (Map.Entry<String, Table> e : csvs.entrySet()) {
                Path csv = dir.resolve(e.getKey());
                writeCsv(e.getValue(), csv);
                written.add(csv);
            }
            return List.copyOf(written);
        } catch (IOException e) {
            throw new IllegalArgumentException("out: cannot write the comparison to '" + dir + "' (" + e.getMessage() + ")");
        }
    }

    /** The note (and meta.json key) of a run split into shards: which shard, and what it did not measure. */
    public static final String SHARD = "shard";

    /**
     * The name of this machine (its host name, without domain), recorded in meta.json and with
     * every sample, so merged shards show which machine measured what.
     */
    public static String machine() {
        String name = System.getenv("HOSTNAME");
        if (name == null || name.isBlank()) {
            try {
                name = java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                name = "unknown";
            }
        }
        name = name.trim().replaceAll("[,\\s\"]", "_");
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
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
        m.put("machine", machine());
        if (r.notes().get(SHARD) != null) m.put(SHARD, r.notes().get(SHARD));
        m.put("environment", r.environment().asMap());
        m.put("measurement", r.notes());
        m.put("findings", r.findings().stream().map(Finding::id).toList());
        return m;
    }

    /** Reads findings.json of a run folder (a finding stored before intervals were kept has NaN bounds). */
    @SuppressWarnings("unchecked")
    public static List<Finding> readFindings(Path runDir) {
        try {
            List<Map<String, Object>> raw = JSON.readValue(runDir.resolve("findings.json").toFile(),
                    JSON.getTypeFactory().constructCollectionType(List.class, Map.class));
            return raw.stream().map(m -> new Finding((String) m.get("id"), number(m.get("value")), (String) m.get("unit"),
                    number(m.get("low")), number(m.get("high")),
                    m.get("basis") == null ? null : Finding.Basis.parse(String.valueOf(m.get("basis"))),
                    m.get("verdict") == null ? null : Finding.Verdict.parse(String.valueOf(m.get("verdict"))),
                    (String) m.get("text"),
                    m.get("conditions") instanceof Map<?, ?> c ? (Map<String, String>) c : Map.of(),
                    m.get("group") == null ? "" : String.valueOf(m.get("group")), number(m.get("margin")), null,
                    0, betweenRun(m))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read findings of " + runDir, e);
        }
    }

    /** A finding's {@code between_run} entry, folded when it has {@code interval_includes}; null when it has none. */
    @SuppressWarnings("unchecked")
    private static maplab.conclude.BetweenRun betweenRun(Map<String, Object> finding) {
        if (!(finding.get("between_run") instanceof Map<?, ?> b)) return null;
        List<String> ids = b.get("run_ids") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
        return new maplab.conclude.BetweenRun(number(b.get("sd")), String.valueOf(b.get("scale")), ids, finding.containsKey("interval_includes"));
    }

    /** A JSON number, or the text "Infinity"/"-Infinity" an open bound is stored as; null is NaN. */
    private static double number(Object o) {
        if (o instanceof Number n) return n.doubleValue();
        if (o == null) return Double.NaN;
        return Double.parseDouble(String.valueOf(o));
    }

    /** Writes {@code meta} as meta.json into {@code dir} (a run folder being made, e.g. merged shards). */
    public static void writeMeta(Path dir, Map<String, Object> meta) throws IOException {
        JSON.writeValue(dir.resolve("meta.json").toFile(), meta);
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

    /**
     * One finding as findings.json holds it: id, value, unit, low, high, confidence, basis,
     * verdict (comparisons only), text, conditions, group, equivalence margin and between-run spread (when any:
     * {@code between_run} with sd, scale, runs and run_ids; a later run's finding whose interval includes its
     * reference's spread also says so in {@code interval_includes}). An open bound is stored as the
     * text "Infinity" or "-Infinity", an unknown one as null.
     */
    static Map<String, Object> findingMap(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.id());
        m.put("value", jsonNumber(f.value()));
        m.put("unit", f.unit());
        m.put("low", jsonNumber(f.low()));
        m.put("high", jsonNumber(f.high()));
        m.put("confidence", f.confidence());
        m.put("basis", f.basis() == null ? null : f.basis().id());
        if (f.verdict() != null) m.put("verdict", f.verdict().label());
        m.put("text", f.text());
        if (!f.conditions().isEmpty()) m.put("conditions", f.conditions());
        if (!f.group().isEmpty()) m.put("group", f.group());
        if (f.hasMargin()) m.put("margin", f.margin());
        if (f.betweenRun() != null) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("sd", f.betweenRun().sd());
            b.put("scale", f.betweenRun().scale());
            b.put("runs", f.betweenRun().runs());
            b.put("run_ids", f.betweenRun().runIds());
            m.put("between_run", b);
            if (f.betweenRun().folded()) m.put("interval_includes", "the between-run spread of the reference's " + f.betweenRun().runs() + " runs");
        }
        return m;
    }

    private static Object jsonNumber(double d) {
        if (Double.isNaN(d)) return null;
        if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
        return d;
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
