package maplab.run;

import maplab.plan.ParamSpec;
import maplab.plan.Parameterized;
import maplab.plan.Params;
import maplab.plan.Profile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import maplab.measure.Rows;
import maplab.stats.Estimates.Sample;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * What concluding reads: the experiment, profile and parameters of a run and its stored tidy
 * rows with their samples, read from the run folder's results.csv, samples.csv and meta.json.
 * A fresh run concludes from the files it has just written, and {@code ./maplab conclude}
 * from the same files later, so both give the same findings.
 */
public record RunData(String experiment, Profile profile, Params params, Rows rows) {

    /** samples.csv's header in runs made before samples named their machine (still read). */
    public static final String SAMPLES_HEADER = "key,fork,iteration,value";

    /** samples.csv's header: each sample also names the machine (host name) that measured it. */
    public static final String SAMPLES_HEADER_WITH_MACHINE = SAMPLES_HEADER + ",machine";

    /**
     * Reads the measurements of a run folder, with the parameters recorded in its meta.json,
     * resolved against the experiment {@code experiments} gives for the recorded id.
     */
    public static RunData read(Path dir, java.util.function.Function<String, ? extends Parameterized> experiments) {
        Map<String, Object> meta = RunFolder.readMeta(dir);
        String id = String.valueOf(meta.get("experiment"));
        Parameterized experiment = experiments.apply(id);
        Profile profile = Profile.parse(String.valueOf(meta.get("profile")));
        Params params = Params.resolve(experiment, profile, recordedParams(experiment, meta));
        return read(dir, id, profile, params);
    }

    /** Reads results.csv and samples.csv of {@code dir} for a run whose parameters are known. */
    public static RunData read(Path dir, String experiment, Profile profile, Params params) {
        return new RunData(experiment, profile, params, Rows.of(readCells(dir.resolve("results.csv")), readSamples(dir.resolve("samples.csv"))));
    }

    /** results.csv as a typed Tablesaw table (the measurements table of a result). */
    public static Table readTable(Path dir, String name) {
        Path csv = dir.resolve("results.csv");
        try {
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            if (lines.size() < 2) return Table.create(name);
            return Table.read().usingOptions(CsvReadOptions.builder(csv.toFile()).tableName(name)).setName(name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
    }

    /** results.csv's rows, every cell as text (missing cells empty), so stored runs read alike. */
    public static List<Map<String, String>> readCells(Path csv) {
        List<Map<String, String>> rows = new ArrayList<>();
        try {
            if (!Files.isRegularFile(csv) || Files.size(csv) == 0) return rows;
            Table t = Table.read().usingOptions(CsvReadOptions.builder(csv.toFile()).columnTypes(n -> ColumnType.STRING));
            for (int i = 0; i < t.rowCount(); i++) {
                Map<String, String> row = new LinkedHashMap<>();
                for (Column<?> c : t.columns()) row.put(c.name(), c.isMissing(i) ? "" : c.getString(i));
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
        return rows;
    }

    /** samples.csv by row key; an absent file (a run made before samples were kept) gives none. */
    public static Map<String, List<Sample>> readSamples(Path csv) {
        Map<String, List<Sample>> out = new LinkedHashMap<>();
        readSampleLines(csv, (key, sample, machine) -> out.computeIfAbsent(key, k -> new ArrayList<>()).add(sample));
        return out;
    }

    /**
     * The machine of each row key's rounds ({@code key -> fork -> host name}), from samples.csv's
     * machine column; empty for a run made before samples named their machine.
     */
    public static Map<String, Map<Integer, String>> readMachines(Path csv) {
        Map<String, Map<Integer, String>> out = new LinkedHashMap<>();
        readSampleLines(csv, (key, sample, machine) -> {
            if (machine != null) out.computeIfAbsent(key, k -> new java.util.TreeMap<>()).put(sample.fork(), machine);
        });
        return out;
    }

    /** One line of samples.csv: its row key, sample, and machine (null when the file has no machine column). */
    private interface SampleLine {
        void accept(String key, Sample sample, String machine);
    }

    private static void readSampleLines(Path csv, SampleLine each) {
        if (!Files.isRegularFile(csv)) return;
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            boolean withMachine = SAMPLES_HEADER_WITH_MACHINE.equals(header);
            if (!withMachine && !SAMPLES_HEADER.equals(header)) {
                throw new IllegalArgumentException(csv + ": expected header '" + SAMPLES_HEADER_WITH_MACHINE + "' (or '" + SAMPLES_HEADER + "'), got '" + header + "'");
            }
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank()) continue;
                String machine = null;
                if (withMachine) {
                    int cm = line.lastIndexOf(',');
                    machine = line.substring(cm + 1);
                    line = line.substring(0, cm);
                }
                int c3 = line.lastIndexOf(',');
                int c2 = line.lastIndexOf(',', c3 - 1);
                int c1 = line.lastIndexOf(',', c2 - 1);
                each.accept(unquote(line.substring(0, c1)), new Sample(Integer.parseInt(line.substring(c1 + 1, c2)),
                        Integer.parseInt(line.substring(c2 + 1, c3)), Double.parseDouble(line.substring(c3 + 1))), machine);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
    }

    /** Writes samples.csv: one line per sample, the row key quoted, every sample measured on this machine. */
    public static void writeSamples(Map<String, List<Sample>> samples, Path csv) throws IOException {
        String here = RunFolder.machine();
        writeSamples(samples, (key, fork) -> here, csv);
    }

    /** Writes samples.csv with the machine {@code machineOf(key, fork)} of each sample (merged shards). */
    public static void writeSamples(Map<String, List<Sample>> samples, java.util.function.BiFunction<String, Integer, String> machineOf,
                                    Path csv) throws IOException {
        StringBuilder sb = new StringBuilder(SAMPLES_HEADER_WITH_MACHINE).append('\n');
        samples.forEach((key, list) -> {
            String quoted = "\"" + key.replace("\"", "\"\"") + "\"";
            for (Sample s : list) {
                sb.append(quoted).append(',').append(s.fork()).append(',').append(s.iteration()).append(',').append(s.value())
                        .append(',').append(machineOf.apply(key, s.fork())).append('\n');
            }
        });
        Files.writeString(csv, sb.toString(), StandardCharsets.UTF_8);
    }

    /**
     * Writes rows of text cells as results.csv: the columns of every row in first-seen order,
     * a missing cell empty, cells with a comma, quote or line break quoted.
     */
    public static void writeCells(List<Map<String, String>> rows, Path csv) throws IOException {
        java.util.LinkedHashSet<String> columns = new java.util.LinkedHashSet<>();
        rows.forEach(r -> columns.addAll(r.keySet()));
        StringBuilder sb = new StringBuilder(columns.stream().map(RunData::csvCell).collect(Collectors.joining(","))).append('\n');
        for (Map<String, String> r : rows) {
            sb.append(columns.stream().map(c -> csvCell(r.getOrDefault(c, ""))).collect(Collectors.joining(","))).append('\n');
        }
        Files.writeString(csv, sb.toString(), StandardCharsets.UTF_8);
    }

    private static String csvCell(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String unquote(String s) {
        return s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1).replace("\"\"", "\"") : s;
    }

    /** The parameters meta.json recorded, as text, limited to those the experiment still has. */
    private static Map<String, String> recordedParams(Parameterized experiment, Map<String, Object> meta) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> known = Params.specsOf(experiment).stream().map(ParamSpec::name).toList();
        if (meta.get("params") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (!known.contains(String.valueOf(k))) return;
                out.put(String.valueOf(k), v instanceof List<?> l ? l.stream().map(String::valueOf).collect(Collectors.joining(",")) : String.valueOf(v));
            });
        }
        return out;
    }
}
