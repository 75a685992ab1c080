package maplab.measure;

import maplab.plan.RowKey;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import maplab.stats.Estimates.Sample;

/**
 * The tidy rows of a stored run, as concluding reads them: every cell as text (as results.csv
 * holds it), filtered by column values, with typed getters and each row's samples. Conclusions
 * are computed from this, never from objects that only existed while measuring, so they can be
 * recomputed from the run folder.
 *
 * <p>{@code rows.metric("merge_time").where("part", "trap").where("subject", "seeded")} narrows;
 * {@link #one()} insists on exactly one row and names the filter when there is not.
 */
public final class Rows implements Iterable<Rows.Row> {

    private final List<Row> rows;
    private final String filter;

    private Rows(List<Row> rows, String filter) {
        this.rows = rows;
        this.filter = filter;
    }

    /** Rows from text cells and samples by {@link #key row key}. */
    public static Rows of(List<Map<String, String>> cells, Map<String, List<Sample>> samples) {
        List<Row> out = new ArrayList<>();
        for (Map<String, String> c : cells) {
            Map<String, String> row = new LinkedHashMap<>(c);
            out.add(new Row(row, samples.getOrDefault(key(row, row.get("metric")), List.of())));
        }
        return new Rows(List.copyOf(out), "");
    }

    /** Rows from in-memory measurement rows (values as objects) and their samples. */
    public static Rows fromObjects(List<Map<String, Object>> rows, Map<String, List<Sample>> samples) {
        List<Map<String, String>> cells = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            Map<String, String> c = new LinkedHashMap<>();
            r.forEach((k, v) -> c.put(k, v == null ? "" : cellText(v)));
            cells.add(c);
        }
        return of(cells, samples);
    }

    /** How a value is written to results.csv (and read back). */
    static String cellText(Object v) {
        return RowKey.cellText(v);
    }

    /** A row's identity for samples.csv ({@link RowKey#of}). */
    public static String key(Map<String, ?> row, String metric) {
        return RowKey.of(row, metric);
    }

    /** Rows whose {@code column} holds {@code value} (compared as text). */
    public Rows where(String column, Object value) {
        String v = String.valueOf(value);
        return filter(r -> v.equals(r.cells.get(column)), column + "=" + v);
    }

    /** Rows of one metric. */
    public Rows metric(String metric) {
        return where("metric", metric);
    }

    /** Rows passing {@code test}; {@code description} names the filter in error messages. */
    public Rows filter(Predicate<Row> test, String description) {
        return new Rows(rows.stream().filter(test).toList(), filter.isEmpty() ? description : filter + ", " + description);
    }

    /** The only row; an {@link IllegalStateException} naming the filter when there are none or several. */
    public Row one() {
        if (rows.size() != 1) throw new IllegalStateException("expected one row where " + filter + ", found " + rows.size());
        return rows.get(0);
    }

    /** The first row, if any. */
    public Optional<Row> first() {
        return rows.stream().findFirst();
    }

    public List<Row> list() { return rows; }
    public int size() { return rows.size(); }
    public boolean isEmpty() { return rows.isEmpty(); }
    @Override public Iterator<Row> iterator() { return rows.iterator(); }

    /** The distinct non-empty values of {@code column}, in first-seen order. */
    public List<String> distinct(String column) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (Row r : rows) {
            String v = r.cells.get(column);
            if (v != null && !v.isEmpty()) out.add(v);
        }
        return List.copyOf(out);
    }

    /** One stored measurement row. */
    public static final class Row {
        private final Map<String, String> cells;
        private final List<Sample> samples;

        Row(Map<String, String> cells, List<Sample> samples) {
            this.cells = cells;
            this.samples = samples;
        }

        /** A cell as text ("" when missing). */
        public String str(String column) {
            return Objects.requireNonNullElse(cells.get(column), "");
        }

        public boolean has(String column) { return !str(column).isEmpty(); }

        public long integer(String column) { return Long.parseLong(str(column)); }

        public double num(String column) {
            String s = str(column);
            return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
        }

        public boolean bool(String column) { return Boolean.parseBoolean(str(column)); }

        public String metric() { return str("metric"); }
        public double value() { return num("value"); }
        /** Half-width of the stored interval (NaN when none). */
        public double error() { return num("error"); }

        /** The samples behind this row (empty for counts). */
        public List<Sample> samples() { return samples; }

        /** The measured value with its samples: from samples when stored, else value and error alone. */
        public Measured measured() {
            return samples.isEmpty() ? new Measured(value(), error(), List.of()) : Measured.of(samples);
        }

        public Map<String, String> cells() { return java.util.Collections.unmodifiableMap(cells); }

        @Override public String toString() { return cells.toString(); }
    }
}
