package maplab.conclude;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import maplab.plan.Params;
import maplab.plan.Profile;
import maplab.measure.Environment;
import tech.tablesaw.api.Table;

/**
 * What one run of an experiment produced: the tidy table, the findings, extra tables, charts
 * and the environment it ran in. In a notebook a {@code Result} renders as findings, table
 * and charts together; {@link #table()}, {@link #findings()} and {@link #chart(String)} give
 * the parts.
 */
public final class Result {

    private final String experiment;
    private final Profile profile;
    private final Params params;
    private final Table table;
    private final List<Finding> findings;
    private final Map<String, Table> tables;
    private final Map<String, ChartData> charts;
    private final Map<String, Object> notes;
    private final Environment environment;
    private final Instant start;
    private final Instant end;
    private final String error;
    private Path runDir;
    private Path storedRun;

    /**
     * @param table the tidy measurements (one row per measurement)
     * @param built the findings, tables, charts and notes concluded and recorded for the run
     */
    public Result(String experiment, Profile profile, Params params, Table table, ResultBuilder built,
                  Environment environment, Instant start, Instant end, String error) {
        this.experiment = experiment;
        this.profile = profile;
        this.params = params;
        this.table = table;
        this.findings = List.copyOf(built.findings());
        this.tables = java.util.Collections.unmodifiableMap(built.tables());
        this.charts = java.util.Collections.unmodifiableMap(built.charts());
        this.notes = java.util.Collections.unmodifiableMap(built.notes());
        this.environment = environment;
        this.start = start;
        this.end = end;
        this.error = error;
    }

    public String experiment() { return experiment; }
    public Profile profile() { return profile; }
    public Params params() { return params; }
    /** The tidy table: one row per measurement. */
    public Table table() { return table; }
    public List<Finding> findings() { return findings; }
    /** Extra named tables (orders seen, top frames, pitfalls...). */
    public Map<String, Table> tables() { return new java.util.LinkedHashMap<>(tables); }
    public Map<String, ChartData> charts() { return charts; }
    /** How the run was measured (JMH settings, fork JVM arguments, GC...), for meta.json. */
    public Map<String, Object> notes() { return notes; }
    public Environment environment() { return environment; }
    public Instant start() { return start; }
    public Instant end() { return end; }
    /** Null when the run succeeded; otherwise what failed (the rest of the result is what was measured before). */
    public String error() { return error; }
    public boolean succeeded() { return error == null; }
    /** The run folder this result was written to, or null when it was not written. */
    public Path runDir() { return runDir; }

    public void setRunDir(Path runDir) { this.runDir = runDir; }

    /**
     * The stored run folder this result was re-concluded from instead of measuring
     * ({@code ./maplab report --from}), or null when it was measured now. Its measurements
     * were made at {@link #start()}, on the environment {@link #environment()} recorded.
     */
    public Path storedRun() { return storedRun; }

    /** Marks this result as re-concluded from the stored run folder {@code folder} (see {@link #storedRun()}). */
    public void setStoredRun(Path folder) { this.storedRun = folder; }

    /**
     * What a stored run lacks (a part newer than the run, or one its profile does not measure)
     * is said in words instead of failing the notebook: a report rendered from old run folders
     * still renders. A run measured now that lacks one is a mistake, and fails.
     */
    private String missingFromStoredRun(String what, String name) {
        return storedRun == null ? null : name + ": no " + what + " in this stored run (" + storedRun.getFileName()
                + "): it was measured before this part existed, or its parameters leave it out";
    }

    /** The finding with this id (from a stored run that lacks it: a not-computed finding saying so). */
    public Finding finding(String id) {
        String missing = missingFromStoredRun("finding", id);
        return findings.stream().filter(f -> f.id().equals(id)).findFirst()
                .or(() -> Optional.ofNullable(missing).map(m -> Finding.notComputed(id, m)))
                .orElseThrow(() -> new NoSuchElementException("no finding '" + id + "' in " + experiment
                        + "; findings: " + findings.stream().map(Finding::id).toList()));
    }

    /**
     * The findings the experiment put into {@code group} (e.g. "peers", "latency"), in order;
     * empty when this run computed none of them.
     *
     * @throws IllegalArgumentException naming the groups this experiment has, for a group it never uses
     */
    public Findings findingsIn(String group) {
        java.util.Set<String> groups = new java.util.LinkedHashSet<>();
        if (notes.get(ResultBuilder.FINDING_GROUPS) instanceof List<?> visited) visited.forEach(g -> groups.add(String.valueOf(g)));
        groups.addAll(findingGroups());
        if (!groups.contains(group) && storedRun == null) {
            throw new IllegalArgumentException("group: unknown '" + group + "' for " + experiment + "; allowed: "
                    + (groups.isEmpty() ? "none (this experiment groups no findings)" : String.join(", ", groups)));
        }
        return new Findings(experiment, group, findings.stream().filter(f -> f.group().equals(group)).toList());
    }

    /** The groups this result's findings are in. */
    public List<String> findingGroups() {
        return findings.stream().map(Finding::group).filter(g -> !g.isEmpty()).distinct().toList();
    }

    /** The named extra table (from a stored run that lacks it: an empty table whose name says so). */
    public Table table(String name) {
        Table t = tables.get(name);
        if (t == null && storedRun != null) return Table.create(missingFromStoredRun("table", name));
        if (t == null) throw new NoSuchElementException("no table '" + name + "' in " + experiment + "; tables: " + tables.keySet());
        return t;
    }

    /** The named chart. */
    public ChartData chart(String name) {
        ChartData c = charts.get(name);
        if (c == null && leftOut(name)) return ChartData.noData(name + ": no data in this run, chart left out");
        if (c == null && storedRun != null) return ChartData.noData(missingFromStoredRun("chart", name));
        if (c == null) throw new NoSuchElementException("no chart '" + name + "' in " + experiment + "; charts: " + charts.keySet());
        return c;
    }

    private boolean leftOut(String name) {
        return notes.get(ResultBuilder.CHARTS_LEFT_OUT) instanceof List<?> left && left.stream().anyMatch(l -> String.valueOf(l).startsWith(name + ":"));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(experiment + " (" + profile.label() + ")" + (error == null ? "" : " FAILED: " + error) + "\n");
        for (Finding f : findings) sb.append("  ").append(f.id()).append(" = ").append(f.value()).append(' ').append(f.unit()).append(": ").append(f.text()).append('\n');
        return sb.toString();
    }
}
