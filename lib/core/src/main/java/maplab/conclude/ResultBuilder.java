package maplab.conclude;

import maplab.measure.Measured;
import maplab.measure.Rows;
import maplab.plan.Unit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import maplab.stats.Estimates.Sample;
import tech.tablesaw.api.Table;

/**
 * Collects what a run produces while it runs: tidy measurement rows, findings, extra named
 * tables and charts. Experiments record as they measure, so a run that fails part way
 * still has everything measured before the failure.
 *
 * <p>Tidy rows: one row per measurement, dimension columns first (subject, order, n, ...),
 * then {@code metric}, {@code value}, {@code error} (half-width of the interval at
 * {@link maplab.stats.Estimates#CONFIDENCE} over forks where there are several, NaN
 * otherwise), {@code unit} and {@code better}. Timed rows also keep their samples (fork,
 * iteration, value), written to samples.csv.
 */
public final class ResultBuilder {

    private final List<Map<String, Object>> rows = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Finding> findings = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, Table> tables = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, ChartData> charts = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, Object> notes = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, List<Sample>> samples = Collections.synchronizedMap(new LinkedHashMap<>());
    private volatile String group = "";

    /** Starts a measurement row; finish it with {@link Row#measure}. */
    public Row row() {
        return new Row();
    }

    /** Adds (or replaces) a finding; inside {@link #inGroup} it joins that group unless it has one. */
    public ResultBuilder finding(Finding finding) {
        findings.put(finding.id(), finding.group().isEmpty() && !group.isEmpty() ? finding.inGroup(group) : finding);
        return this;
    }

    /**
     * Puts every finding {@code block} adds (computed or not computed) into {@code group}, the
     * name notebooks and pages ask for ({@code Result.findingsIn}).
     */
    public ResultBuilder inGroup(String group, Runnable block) {
        groups(group);
        String outer = this.group;
        this.group = group;
        try {
            block.run();
        } finally {
            this.group = outer;
        }
        return this;
    }

    /**
     * Computes one or more findings in {@code block}, so that one that cannot be computed never
     * sinks the others: when {@code block} throws, each of {@code ids} it did not add becomes a
     * {@linkplain Finding#notComputed not computed} finding carrying the exception's message.
     */
    public ResultBuilder attempt(List<String> ids, Runnable block) {
        try {
            block.run();
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            for (String id : ids) {
                if (!findings.containsKey(id)) finding(Finding.notComputed(id, reason.startsWith(id + ": ") ? reason.substring(id.length() + 2) : reason));
            }
        }
        return this;
    }

    /** {@link #attempt(List, Runnable)} for one finding. */
    public ResultBuilder attempt(String id, Runnable block) {
        return attempt(List.of(id), block);
    }

    /**
     * Declares finding groups this experiment has, whether or not this run computes a finding in
     * them, so asking a result for one of them is never an error ({@code Result.findingsIn}).
     */
    public ResultBuilder groups(String... names) {
        synchronized (notes) {
            List<String> groups = new ArrayList<>(notes.get(FINDING_GROUPS) instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of());
            for (String g : names) if (!groups.contains(g)) groups.add(g);
            notes.put(FINDING_GROUPS, List.copyOf(groups));
        }
        return this;
    }

    /** Adds a named extra table (e.g. "orders", "top frames", "pitfalls"). */
    public ResultBuilder table(String name, Table table) {
        tables.put(name, table.setName(name));
        return this;
    }

    /**
     * Adds a named chart; a chart without data (no series) is left out, and the name and reason
     * go into the note {@code charts_left_out} that the report shows.
     */
    public ResultBuilder chart(String name, ChartData chart) {
        if (chart.isEmpty()) {
            synchronized (notes) {
                @SuppressWarnings("unchecked")
                List<String> left = (List<String>) notes.computeIfAbsent(CHARTS_LEFT_OUT, k -> new ArrayList<String>());
                left.add(name + ": no data in this run");
            }
            return this;
        }
        charts.put(name, chart);
        return this;
    }

    /** Adds a named chart as {@link #chart(String, ChartData)} does, from its builder. */
    public ResultBuilder chart(String name, ChartData.Builder chart) {
        return chart(name, chart.build());
    }

    /** The note naming the charts left out for want of data. */
    public static final String CHARTS_LEFT_OUT = "charts_left_out";

    /** The note listing the finding groups concluding used ({@link #inGroup}), found or not. */
    public static final String FINDING_GROUPS = "finding_groups";

    /** Records a fact about how the run was measured (e.g. JMH fork JVM arguments); goes to meta.json. */
    public ResultBuilder note(String key, Object value) {
        notes.put(key, value);
        return this;
    }

    public Map<String, Object> notes() {
        synchronized (notes) { return new LinkedHashMap<>(notes); }
    }

    /** The samples behind each row that has them, by {@link Rows#key row key} (for samples.csv). */
    public Map<String, List<Sample>> samples() {
        synchronized (samples) { return new LinkedHashMap<>(samples); }
    }

    public List<Map<String, Object>> rows() {
        synchronized (rows) { return new ArrayList<>(rows); }
    }

    public List<Finding> findings() {
        synchronized (findings) { return new ArrayList<>(findings.values()); }
    }

    public Map<String, Table> tables() {
        synchronized (tables) { return new LinkedHashMap<>(tables); }
    }

    public Map<String, ChartData> charts() {
        synchronized (charts) { return new LinkedHashMap<>(charts); }
    }

    /** The tidy table of all rows so far. */
    public Table table(String name) {
        return TidyTables.fromRows(name, rows());
    }

    /** A measurement row under construction: dimensions, then one measured value. */
    public final class Row {
        private final Map<String, Object> values = new LinkedHashMap<>();

        private Row() { }

        /** A dimension: a String, a whole number or a boolean (name numeric ones with their unit, e.g. {@code n_keys}). */
        public Row with(String column, Object value) {
            if (TidyTables.MEASURE_COLUMNS.contains(column)) {
                throw new IllegalArgumentException("column '" + column + "' is reserved for the measurement");
            }
            values.put(column, value);
            return this;
        }

        /** Records the measurement without an error estimate. */
        public void measure(String metric, double value, Unit unit) {
            measure(metric, value, Double.NaN, unit);
        }

        /**
         * Records a measured quantity with its interval and the samples behind it (kept in the
         * run folder's samples.csv, so conclusions can be recomputed from them).
         */
        public void measure(String metric, Measured m, Unit unit) {
            if (!m.samples().isEmpty()) samples.put(Rows.key(values, metric), m.samples());
            measure(metric, m.value(), m.error(), unit);
        }

        /** Records the measurement with its error (half-width of the confidence interval, same unit). */
        public void measure(String metric, double value, double error, Unit unit) {
            values.put("metric", metric);
            values.put("value", value);
            values.put("error", error);
            values.put("unit", unit.symbol());
            values.put("better", unit.better());
            rows.add(values);
        }
    }
}
