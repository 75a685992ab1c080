package maplab.run;

import maplab.measure.Environment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import maplab.conclude.Finding;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * A run folder read back from disk: its meta.json, findings.json and the rows of results.csv
 * (every cell as text, so both sides of a comparison read alike). Used to compare runs and to
 * show a reference run beside a new one.
 */
public final class StoredRun {

    private static final Pattern GC_FLAG = Pattern.compile("-XX:\\+Use(\\w+)GC");

    private final Path dir;
    private final Map<String, Object> meta;
    private final List<Finding> findings;
    private final List<Map<String, String>> rows;
    private final List<String> columns;

    private StoredRun(Path dir, Map<String, Object> meta, List<Finding> findings, List<String> columns, List<Map<String, String>> rows) {
        this.dir = dir;
        this.meta = meta;
        this.findings = findings;
        this.columns = columns;
        this.rows = rows;
    }

    /**
     * Reads a run folder.
     *
     * @throws IllegalArgumentException when {@code dir} is not a run folder (named {@code what} in the message)
     */
    public static StoredRun read(String what, Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(d)) throw new IllegalArgumentException(what + ": '" + dir + "' does not exist or is not a folder");
        for (String file : List.of("meta.json", "results.csv", "findings.json")) {
            if (!Files.isRegularFile(d.resolve(file))) {
                throw new IllegalArgumentException(what + ": '" + dir + "' is not a run folder (no " + file + ")");
            }
        }
        Map<String, Object> meta = RunFolder.readMeta(d);
        if (!(meta.get("experiment") instanceof String)) throw new IllegalArgumentException(what + ": '" + dir + "' has a meta.json without an experiment id");
        List<Map<String, String>> rows = maplab.run.RunData.readCells(d.resolve("results.csv"));
        List<String> columns = rows.isEmpty() ? List.of() : new ArrayList<>(rows.get(0).keySet());
        return new StoredRun(d, meta, RunFolder.readFindings(d), List.copyOf(columns), List.copyOf(rows));
    }

    public Path dir() { return dir; }
    public Map<String, Object> meta() { return meta; }
    public String experiment() { return (String) meta.get("experiment"); }
    public String profile() { return String.valueOf(meta.get("profile")); }
    public String start() { return String.valueOf(meta.get("start")); }
    public boolean succeeded() { return "ok".equals(meta.get("status")); }
    public List<Finding> findings() { return findings; }
    /** samples.csv by row key ({@link maplab.measure.Rows#key}); empty when the run kept no samples. Read on each call. */
    public Map<String, List<maplab.stats.Estimates.Sample>> samples() {
        return maplab.run.RunData.readSamples(dir.resolve("samples.csv"));
    }

    /** results.csv's column names, in file order. */
    public List<String> columns() { return columns; }
    /** results.csv's rows, every cell as text (missing cells empty). */
    public List<Map<String, String>> rows() { return rows; }

    /** "20261121T050923Z-gc (quick, 2026-11-21T05:09:23Z)": how the run is named in reports. */
    public String label() {
        return dir.getFileName() + " (" + profile() + ", " + start() + ")";
    }

    /** The run's parameters as text. */
    @SuppressWarnings("unchecked")
    public Map<String, String> params() {
        Map<String, String> out = new LinkedHashMap<>();
        if (meta.get("params") instanceof Map<?, ?> m) ((Map<String, Object>) m).forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    /**
     * What results depend on besides the code: the measuring JDK and its extra options, GC (of the runner JVM, and every GC that
     * forked JVMs were pinned to), cores, CPU and profile, from a meta.json map.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, String> environmentFacts(Map<String, Object> meta) {
        Map<String, Object> env = meta.get("environment") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        Map<String, String> facts = new LinkedHashMap<>();
        // the JDK that measured (--jdk; the lab JVM's own in runs from before it existed) and its extra options
        Map<String, Object> measuring = env.get("measuring_jvm") instanceof Map<?, ?> j ? (Map<String, Object>) j : env;
        facts.put("JDK", measuring.get("java_version") + " (" + measuring.get("java_vendor") + ")");
        facts.put("JVM options", measuring.get("options") instanceof Collection<?> o && !o.isEmpty()
                ? String.join(" ", o.stream().map(String::valueOf).toList()) : "none");
        Set<String> forkGcs = new TreeSet<>();
        collectGcFlags(meta.get("measurement"), forkGcs);
        // "G1 Young Generation", "G1 Old Generation" -> "G1", as Environment.gcFamily() says it
        String runner = env.get("gc") instanceof Collection<?> c
                ? String.join("+", c.stream().map(n -> String.valueOf(n).split(" ")[0]).distinct().toList()) : String.valueOf(env.get("gc"));
        facts.put("GC", runner + (forkGcs.isEmpty() ? "" : "; forked JVMs " + String.join(", ", forkGcs)));
        facts.put("cores", String.valueOf(env.get("logical_cores")));
        facts.put("CPU", String.valueOf(env.get("cpu_model")));
        facts.put("profile", String.valueOf(meta.get("profile")));
        return facts;
    }

    /** This run's {@link #environmentFacts(Map)}. */
    public Map<String, String> environmentFacts() {
        return environmentFacts(meta);
    }

    /** "cores: 2 vs 8" for every key whose values differ (a key on one side only shows "none" on the other), in order; empty when none does. */
    public static List<String> differences(Map<String, String> a, Map<String, String> b) {
        Set<String> keys = new java.util.LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<String> out = new ArrayList<>();
        for (String key : keys) {
            if (!Objects.equals(a.get(key), b.get(key))) {
                out.add(key + ": " + a.getOrDefault(key, "none") + " vs " + b.getOrDefault(key, "none"));
            }
        }
        return out;
    }

    private static void collectGcFlags(Object node, Set<String> into) {
        if (node instanceof Map<?, ?> m) m.values().forEach(v -> collectGcFlags(v, into));
        else if (node instanceof Collection<?> c) c.forEach(v -> collectGcFlags(v, into));
        else if (node instanceof String s) {
            Matcher matcher = GC_FLAG.matcher(s);
            while (matcher.find()) into.add(matcher.group(1) + "GC");
        }
    }
}
