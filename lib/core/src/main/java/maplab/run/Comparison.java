package maplab.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import maplab.chart.Charts;
import maplab.result.Finding;
import maplab.result.Html;
import maplab.result.TidyTables;
import maplab.stats.Stats;
import org.knowm.xchart.CategoryChart;
import tech.tablesaw.api.Table;

/**
 * Run B measured against run A, both of one experiment. Rows of results.csv are matched by
 * every column except {@code value}, {@code error} and {@code better} (so by subject,
 * parameters, metric and unit). For each match: the ratio B / A with its interval, and a
 * verdict.
 *
 * <p><b>Significance</b>: a row's {@code error} is the half-width of a 99.9% confidence
 * interval (JMH's, or the experiment's own). A difference is called significant only when
 * the two intervals do not overlap, a conservative test: overlapping intervals can still
 * hide a real difference, and a row without an error estimate is never called significant
 * (it is "untested" unless both values are equal). Which way is better comes from the
 * {@code better} column (lower, higher, none), never from the metric's name.
 */
public final class Comparison {

    /** What a matched row says. */
    public enum Verdict {
        BETTER("B better"), WORSE("B worse"), DIFFERENT("different"), NOT_SIGNIFICANT("within error"),
        SAME("same"), UNTESTED("no error estimate"), ONLY_IN_A("only in A"), ONLY_IN_B("only in B");

        private final String label;

        Verdict(String label) { this.label = label; }

        public String label() { return label; }

        /** BETTER, WORSE or DIFFERENT. */
        public boolean significant() { return this == BETTER || this == WORSE || this == DIFFERENT; }
    }

    /**
     * One matched (or unmatched) row.
     *
     * @param key    the matching columns without metric and unit (subject, parameters...)
     * @param ratio  B / A (NaN when either is missing)
     * @param ratioInterval the ratio's interval from both confidence intervals (NaN bounds without errors)
     */
    public record Row(Map<String, String> key, String metric, String unit, String better, double a, double errorA,
                      double b, double errorB, double ratio, Stats.Interval ratioInterval, Verdict verdict) {

        /** "subject=hashmap, operation=put, n_keys=100000": the key in words. */
        public String keyText() {
            return key.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", "));
        }
    }

    static final Set<String> NOT_KEY = Set.of("value", "error", "better");

    private final StoredRun a;
    private final StoredRun b;
    private final List<Row> rows;
    private final List<String> environmentDifferences;
    private final List<String> parameterDifferences;

    private Comparison(StoredRun a, StoredRun b, List<Row> rows, List<String> environmentDifferences, List<String> parameterDifferences) {
        this.a = a;
        this.b = b;
        this.rows = rows;
        this.environmentDifferences = environmentDifferences;
        this.parameterDifferences = parameterDifferences;
    }

    /**
     * Compares two run folders.
     *
     * @throws IllegalArgumentException when a folder is missing or not a run folder, or the runs are of different experiments
     */
    public static Comparison of(Path runA, Path runB) {
        StoredRun a = StoredRun.read("runA", runA);
        StoredRun b = StoredRun.read("runB", runB);
        if (!a.experiment().equals(b.experiment())) {
            throw new IllegalArgumentException("runA, runB: runs of different experiments ('" + a.experiment() + "' and '" + b.experiment()
                    + "'); allowed: two runs of one experiment");
        }
        return new Comparison(a, b, match(a, b), StoredRun.differences(a.environmentFacts(), b.environmentFacts()),
                StoredRun.differences(a.params(), b.params()));
    }

    private static List<Row> match(StoredRun a, StoredRun b) {
        Set<String> keyColumns = new LinkedHashSet<>();
        for (String c : a.columns()) if (!NOT_KEY.contains(c)) keyColumns.add(c);
        for (String c : b.columns()) if (!NOT_KEY.contains(c)) keyColumns.add(c);
        Map<List<String>, Map<String, String>> inB = new LinkedHashMap<>();
        for (Map<String, String> row : b.rows()) inB.put(key(row, keyColumns), row);
        List<Row> out = new ArrayList<>();
        for (Map<String, String> ra : a.rows()) {
            Map<String, String> rb = inB.remove(key(ra, keyColumns));
            out.add(row(ra, rb, keyColumns));
        }
        for (Map<String, String> rb : inB.values()) out.add(row(null, rb, keyColumns));
        return List.copyOf(out);
    }

    private static List<String> key(Map<String, String> row, Set<String> columns) {
        return columns.stream().map(c -> row.getOrDefault(c, "")).toList();
    }

    private static Row row(Map<String, String> ra, Map<String, String> rb, Set<String> keyColumns) {
        Map<String, String> any = ra != null ? ra : rb;
        Map<String, String> key = new LinkedHashMap<>();
        for (String c : keyColumns) if (!c.equals("metric") && !c.equals("unit")) key.put(c, any.getOrDefault(c, ""));
        String better = any.getOrDefault("better", "none");
        double va = number(ra, "value"), ea = number(ra, "error"), vb = number(rb, "value"), eb = number(rb, "error");
        Verdict verdict = ra == null ? Verdict.ONLY_IN_B : rb == null ? Verdict.ONLY_IN_A : verdict(va, ea, vb, eb, better);
        Stats.Interval interval = Stats.ratioInterval(va, ea, vb, eb);
        return new Row(key, any.getOrDefault("metric", ""), any.getOrDefault("unit", ""), better, va, ea, vb, eb, vb / va, interval, verdict);
    }

    /** The verdict for A = a ± ea against B = b ± eb, with {@code better} = lower, higher or none. */
    static Verdict verdict(double a, double ea, double b, double eb, String better) {
        if (Double.isNaN(a) || Double.isNaN(b)) return Verdict.UNTESTED;
        if (Double.isNaN(ea) || Double.isNaN(eb)) return a == b ? Verdict.SAME : Verdict.UNTESTED;
        boolean disjoint = new Stats.Interval(a - ea, a + ea).disjoint(new Stats.Interval(b - eb, b + eb));
        if (!disjoint) return Verdict.NOT_SIGNIFICANT;
        return switch (better.toLowerCase(Locale.ROOT)) {
            case "lower" -> b < a ? Verdict.BETTER : Verdict.WORSE;
            case "higher" -> b > a ? Verdict.BETTER : Verdict.WORSE;
            default -> Verdict.DIFFERENT;
        };
    }

    private static double number(Map<String, String> row, String column) {
        if (row == null) return Double.NaN;
        String s = row.getOrDefault(column, "").trim();
        if (s.isEmpty()) return Double.NaN;
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    public StoredRun runA() { return a; }
    public StoredRun runB() { return b; }
    public String experiment() { return a.experiment(); }
    public List<Row> rows() { return rows; }
    /** "cores: 2 vs 8" for each of JDK, GC, cores, CPU and profile that differs. */
    public List<String> environmentDifferences() { return environmentDifferences; }
    public List<String> parameterDifferences() { return parameterDifferences; }

    /** The rows called significant (better, worse or different). */
    public List<Row> significant() {
        return rows.stream().filter(r -> r.verdict().significant()).toList();
    }

    /** How many rows have each verdict. */
    public Map<Verdict, Long> counts() {
        Map<Verdict, Long> out = new LinkedHashMap<>();
        for (Verdict v : Verdict.values()) {
            long n = rows.stream().filter(r -> r.verdict() == v).count();
            if (n > 0) out.put(v, n);
        }
        return out;
    }

    /** The comparison as a table: key columns, metric, A, B, ratio with interval, verdict. */
    public Table table() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>(r.key());
            // not "metric"/"unit"/"better": those names make a tidy measurement row
            m.put("measure", r.metric());
            m.put("units", r.unit());
            m.put("better_is", r.better());
            m.put("a", r.a());
            m.put("a_error", r.errorA());
            m.put("b", r.b());
            m.put("b_error", r.errorB());
            m.put("ratio_b_over_a", r.ratio());
            m.put("ratio_low", r.ratioInterval().low());
            m.put("ratio_high", r.ratioInterval().high());
            m.put("verdict", r.verdict().label());
            out.add(m);
        }
        return TidyTables.fromRows("comparison", out);
    }

    /** Most bars a chart shows; beyond that the significant rows and the largest changes are kept. */
    static final int CHART_ROWS = 30;

    /**
     * Ratios B / A of the matched rows with finite ratios (at most {@value #CHART_ROWS}:
     * significant rows first, then the largest changes), error bars spanning the wider side of
     * each ratio's interval, capped at the ratio itself (no bar where there is no error estimate).
     */
    public CategoryChart chart() {
        List<Row> shown = rows.stream().filter(r -> Double.isFinite(r.ratio()) && r.ratio() > 0).toList();
        boolean cut = shown.size() > CHART_ROWS;
        if (cut) {
            shown = shown.stream().sorted(java.util.Comparator.comparing((Row r) -> !r.verdict().significant())
                    .thenComparing(r -> -Math.abs(Math.log(r.ratio())))).limit(CHART_ROWS).toList();
        }
        CategoryChart chart = Charts.bars(experiment() + ": run B / run A" + (cut ? " (" + CHART_ROWS + " largest changes)" : "")
                + ", 99.9% CI (wider side, capped at 100%)", "measurement", "ratio B / A");
        List<String> labels = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        for (Row r : shown) {
            String label = r.key().values().stream().filter(v -> !v.isEmpty()).collect(Collectors.joining(" ")) + " " + r.metric();
            labels.add(labels.contains(label) ? label + " #" + labels.size() : label);
            ratios.add(r.ratio());
            Stats.Interval ci = r.ratioInterval();
            double wider = Math.max(ci.high() - r.ratio(), r.ratio() - ci.low());
            errors.add(Double.isNaN(wider) ? 0.0 : Math.min(wider, r.ratio()));
        }
        if (labels.isEmpty()) {
            labels.add("no matched measurement");
            ratios.add(0.0);
            errors.add(0.0);
        }
        Charts.bars(chart, "B / A", labels, ratios, errors);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(45);
        return chart;
    }

    /** The findings of both runs side by side (findings carry no error: no verdict). */
    public Table findingsTable() {
        Map<String, Finding> inB = new LinkedHashMap<>();
        for (Finding f : b.findings()) inB.put(f.id(), f);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Finding fa : a.findings()) {
            Finding fb = inB.remove(fa.id());
            out.add(findingRow(fa.id(), fa.unit(), fa.value(), fb == null ? Double.NaN : fb.value()));
        }
        for (Finding fb : inB.values()) out.add(findingRow(fb.id(), fb.unit(), Double.NaN, fb.value()));
        return TidyTables.fromRows("findings", out);
    }

    private static Map<String, Object> findingRow(String id, String unit, double a, double b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("finding", id);
        m.put("unit", unit);
        m.put("a", a);
        m.put("b", b);
        m.put("ratio_b_over_a", b / a);
        return m;
    }

    /** One paragraph per fact: runs, environment, method, counts. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append("A: ").append(a.label()).append('\n').append("B: ").append(b.label()).append('\n');
        sb.append(environmentDifferences.isEmpty() ? "environment: same JDK, GC, cores, CPU and profile"
                : "environments differ: " + String.join("; ", environmentDifferences)).append('\n');
        if (!parameterDifferences.isEmpty()) sb.append("parameters differ: ").append(String.join("; ", parameterDifferences)).append('\n');
        sb.append("verdicts: ").append(counts().entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label())
                .collect(Collectors.joining(", "))).append('\n');
        for (Row r : significant()) {
            sb.append(String.format(Locale.ROOT, "  %-10s %s %s: %s -> %s %s (B/A %s, %s is better)%n", r.verdict().label(),
                    r.keyText(), r.metric(), Html.number(r.a()), Html.number(r.b()), r.unit(), Finding.formatRatio(r.ratio()), r.better()));
        }
        return sb.toString().stripTrailing();
    }

    /** The comparison as an HTML fragment (notebooks). */
    public String fragment() {
        StringBuilder sb = new StringBuilder("<div class=\"maplab-result\">");
        sb.append("<h3 style=\"margin:4px 0\">Comparing ").append(Html.escape(experiment())).append(" runs</h3>");
        sb.append("<p>A: <code>").append(Html.escape(a.dir())).append("</code> (").append(Html.escape(a.profile())).append(", ")
                .append(Html.escape(a.start())).append(")<br/>B: <code>").append(Html.escape(b.dir())).append("</code> (")
                .append(Html.escape(b.profile())).append(", ").append(Html.escape(b.start())).append(")</p>");
        if (environmentDifferences.isEmpty()) {
            sb.append("<p class=\"muted\">Same environment: JDK, GC, cores, CPU and profile.</p>");
        } else {
            sb.append("<p style=\"background:#fff4e5;padding:6px\"><b>Environments differ</b>, so differences may come from them: ")
                    .append(Html.escape(String.join("; ", environmentDifferences))).append("</p>");
        }
        if (!parameterDifferences.isEmpty()) {
            sb.append("<p style=\"background:#fff4e5;padding:6px\"><b>Parameters differ</b> (rows with other parameters do not match): ")
                    .append(Html.escape(String.join("; ", parameterDifferences))).append("</p>");
        }
        sb.append("<p class=\"muted\">Ratio = B / A. A difference is significant only when the two 99.9% confidence intervals "
                + "(value &plusmn; error) do not overlap; rows without an error estimate are not tested. Better is read from each "
                + "row's <code>better</code> column.</p>");
        sb.append("<p><b>Verdicts:</b> ").append(Html.escape(counts().entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().label()).collect(Collectors.joining(", ")))).append("</p>");
        sb.append("<div>").append(Html.chart("ratios", chart())).append("</div>");
        sb.append(Html.table(table(), Integer.MAX_VALUE));
        sb.append("<h4>Findings</h4>").append(Html.table(findingsTable(), Integer.MAX_VALUE));
        return sb.append("</div>").toString();
    }

    /** A self-contained page. */
    public String page() {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"/><title>maplab compare " + Html.escape(experiment())
                + "</title><style>" + Html.CSS + "</style></head><body>" + fragment() + "</body></html>";
    }

    /** Writes {@code compare.html} and {@code compare.csv} into {@code dir} (created); returns the paths written. */
    public List<Path> write(Path dir) {
        try {
            Files.createDirectories(dir);
            Path html = dir.resolve("compare.html");
            Path csv = dir.resolve("compare.csv");
            Files.writeString(html, page(), StandardCharsets.UTF_8);
            RunFolder.writeCsv(table(), csv);
            return List.of(html, csv);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the comparison to " + dir, e);
        }
    }

    @Override
    public String toString() {
        return summary();
    }
}
