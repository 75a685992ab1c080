package maplab.lab;

import maplab.run.RunFolder;
import maplab.run.StoredRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import maplab.conclude.Finding;
import maplab.render.ComparisonPage;
import maplab.conclude.TidyTables;
import maplab.measure.Rows;
import maplab.stats.Estimates;
import maplab.stats.Estimates.Estimate;
import maplab.stats.Estimates.Sample;
import maplab.stats.Stats;
import maplab.conclude.ChartData;
import tech.tablesaw.api.Table;

/**
 * Run B measured against run A, both of one experiment. Rows of results.csv are matched by
 * every column except {@code value}, {@code error} and {@code better} (so by subject,
 * parameters, metric and unit). For each match: the ratio B / A with its interval, a p-value,
 * and a verdict.
 *
 * <p><b>Statistics</b> (the same as findings, {@link Estimates}): the unit of replication is the
 * fork. When both runs stored samples (samples.csv), each row is tested with Welch's t test on
 * the logs of its per-fork means ({@link Estimates#unpairedLogRatio}; never paired: fork r of
 * one run has nothing in common with fork r of the other), and the ratio's interval is the
 * Welch interval at {@link Estimates#CONFIDENCE}. A row without samples on either side falls
 * back to the stored half-widths ({@link Estimates#logRatioFromHalfWidths}, a normal
 * approximation on the log ratio). A row with neither is untested ("same" when equal).
 *
 * <p><b>Many rows, one error rate</b>: a comparison tests many rows at once, so the verdicts
 * control the false discovery rate with Benjamini-Hochberg at {@link #FDR_Q} over the tested
 * rows: among rows called different, the expected share of false calls is at most q. Two runs
 * of one configuration (an A/A comparison) should therefore call few or no rows different.
 * Which way is better comes from the {@code better} column (lower, higher, none), never from
 * the metric's name.
 *
 * <p>Findings of both runs are shown side by side (value, interval, verdict), and opposite
 * verdicts (higher in one run, lower in the other) are flagged.
 */
public final class Comparison {

    /** The false discovery rate the verdicts control (Benjamini-Hochberg). */
    public static final double FDR_Q = 0.01;

    /** How the verdicts are made, in words (page, summary and CSV). */
    public static final String METHOD = "Welch t test on log per-fork means (stored half-widths, normal approximation, where a run has no samples); "
            + "Benjamini-Hochberg false discovery rate control at q = " + FDR_Q;

    /** What a matched row says. */
    public enum Verdict {
        BETTER("B better"), WORSE("B worse"), DIFFERENT("different"), NOT_SIGNIFICANT("no detectable difference"),
        SAME("same"), UNTESTED("not tested (no error estimate)"), ONLY_IN_A("only in A"), ONLY_IN_B("only in B");

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
     * @param ratio  B / A (NaN when either is missing; a ratio of geometric means of fork means when tested on samples)
     * @param ratioInterval the ratio's interval at {@link Estimates#CONFIDENCE} (NaN bounds when untested)
     * @param test   how the row was tested ("welch", "half-widths" or "none")
     * @param forksA forks behind A's value (0 without samples)
     * @param p      the two-sided p-value of "B / A = 1" (NaN when untested)
     */
    public record Row(Map<String, String> key, String metric, String unit, String better, double a, double errorA,
                      double b, double errorB, double ratio, Stats.Interval ratioInterval, String test, int forksA, int forksB,
                      double p, Verdict verdict) {

        /** "subject=hashmap, operation=put, n_keys=100000": the key in words. */
        public String keyText() {
            return key.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", "));
        }

        Row withVerdict(Verdict v) {
            return new Row(key, metric, unit, better, a, errorA, b, errorB, ratio, ratioInterval, test, forksA, forksB, p, v);
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
        return new Comparison(a, b, decide(match(a, b)), StoredRun.differences(a.environmentFacts(), b.environmentFacts()),
                StoredRun.differences(a.params(), b.params()));
    }

    private static List<Row> match(StoredRun a, StoredRun b) {
        Set<String> keyColumns = new LinkedHashSet<>();
        for (String c : a.columns()) if (!NOT_KEY.contains(c)) keyColumns.add(c);
        for (String c : b.columns()) if (!NOT_KEY.contains(c)) keyColumns.add(c);
        Map<String, List<Sample>> samplesA = a.samples();
        Map<String, List<Sample>> samplesB = b.samples();
        Map<List<String>, Map<String, String>> inB = new LinkedHashMap<>();
        for (Map<String, String> row : b.rows()) inB.put(key(row, keyColumns), row);
        List<Row> out = new ArrayList<>();
        for (Map<String, String> ra : a.rows()) {
            Map<String, String> rb = inB.remove(key(ra, keyColumns));
            out.add(row(ra, rb, keyColumns, samples(samplesA, ra), samples(samplesB, rb)));
        }
        for (Map<String, String> rb : inB.values()) out.add(row(null, rb, keyColumns, List.of(), List.of()));
        return out;
    }

    private static List<Sample> samples(Map<String, List<Sample>> samples, Map<String, String> row) {
        return row == null ? List.of() : samples.getOrDefault(Rows.key(row, row.getOrDefault("metric", "")), List.of());
    }

    private static List<String> key(Map<String, String> row, Set<String> columns) {
        return columns.stream().map(c -> row.getOrDefault(c, "")).toList();
    }

    private static Row row(Map<String, String> ra, Map<String, String> rb, Set<String> keyColumns, List<Sample> sa, List<Sample> sb) {
        Map<String, String> any = ra != null ? ra : rb;
        Map<String, String> key = new LinkedHashMap<>();
        for (String c : keyColumns) if (!c.equals("metric") && !c.equals("unit")) key.put(c, any.getOrDefault(c, ""));
        String better = any.getOrDefault("better", "none");
        double va = number(ra, "value"), ea = number(ra, "error"), vb = number(rb, "value"), eb = number(rb, "error");
        String metric = any.getOrDefault("metric", ""), unit = any.getOrDefault("unit", "");
        Stats.Interval none = new Stats.Interval(Double.NaN, Double.NaN);
        if (ra == null || rb == null) {
            return new Row(key, metric, unit, better, va, ea, vb, eb, vb / va, none, "none", 0, 0, Double.NaN,
                    ra == null ? Verdict.ONLY_IN_B : Verdict.ONLY_IN_A);
        }
        Estimates.RatioTest t = test(va, ea, vb, eb, sa, sb);
        if (t == null) {
            Verdict v = va == vb ? Verdict.SAME : Verdict.UNTESTED;
            return new Row(key, metric, unit, better, va, ea, vb, eb, vb / va, none, "none", forks(sa), forks(sb), Double.NaN, v);
        }
        Estimate r = t.ratio();
        String how = Double.isInfinite(t.df()) ? "half-widths" : "welch";
        return new Row(key, metric, unit, better, va, ea, vb, eb, r.value(), new Stats.Interval(r.low(), r.high()), how,
                forks(sa), forks(sb), t.p(), Verdict.NOT_SIGNIFICANT);
    }

    private static boolean sampled(List<Sample> sa, List<Sample> sb) {
        return forks(sa) >= 2 && forks(sb) >= 2;
    }

    private static int forks(List<Sample> s) {
        return (int) s.stream().mapToInt(Sample::fork).distinct().count();
    }

    /**
     * The test of one row: Welch on log fork means when both sides have at least two forks of
     * positive samples, else the stored half-widths; null when neither applies.
     */
    static Estimates.RatioTest test(double a, double errorA, double b, double errorB, List<Sample> samplesA, List<Sample> samplesB) {
        if (Double.isNaN(a) || Double.isNaN(b)) return null;
        if (sampled(samplesA, samplesB)) {
            Estimates.RatioTest t = Estimates.unpairedLogRatio(Estimates.forkMeans(samplesB), Estimates.forkMeans(samplesA));
            if (!Double.isNaN(t.p())) return t;
        }
        Estimates.RatioTest t = Estimates.logRatioFromHalfWidths(a, errorA, b, errorB);
        return Double.isNaN(t.p()) ? null : t;
    }

    /** Benjamini-Hochberg over the tested rows at {@link #FDR_Q}; discoveries get their direction. */
    static List<Row> decide(List<Row> rows) {
        List<Integer> tested = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) if (!Double.isNaN(rows.get(i).p())) tested.add(i);
        double[] p = tested.stream().mapToDouble(i -> rows.get(i).p()).toArray();
        boolean[] discovery = Estimates.benjaminiHochberg(p, FDR_Q);
        List<Row> out = new ArrayList<>(rows);
        for (int j = 0; j < tested.size(); j++) {
            Row r = rows.get(tested.get(j));
            out.set(tested.get(j), r.withVerdict(discovery[j] ? direction(r.ratio(), r.better()) : Verdict.NOT_SIGNIFICANT));
        }
        return List.copyOf(out);
    }

    /** For a difference called real: which way B went, read from {@code better} (lower, higher or none). */
    static Verdict direction(double ratioBOverA, String better) {
        return switch (better.toLowerCase(Locale.ROOT)) {
            case "lower" -> ratioBOverA < 1 ? Verdict.BETTER : Verdict.WORSE;
            case "higher" -> ratioBOverA > 1 ? Verdict.BETTER : Verdict.WORSE;
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

    /** The comparison as a table: key columns, metric, A, B, ratio with interval, test, p-value, verdict, method. */
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
            m.put("a_forks", r.forksA());
            m.put("b", r.b());
            m.put("b_error", r.errorB());
            m.put("b_forks", r.forksB());
            m.put("ratio_b_over_a", r.ratio());
            m.put("ratio_low", r.ratioInterval().low());
            m.put("ratio_high", r.ratioInterval().high());
            m.put("confidence", Estimates.CONFIDENCE);
            m.put("test", r.test());
            m.put("p_value", r.p());
            m.put("verdict", r.verdict().label());
            m.put("fdr_method", "Benjamini-Hochberg");
            m.put("fdr_q", FDR_Q);
            out.add(m);
        }
        return TidyTables.fromRows("comparison", out);
    }

    /** Most bars a chart shows; beyond that the significant rows and the largest changes are kept. */
    static final int CHART_ROWS = 30;

    /**
     * Ratios B / A of the matched rows with finite ratios (at most {@value #CHART_ROWS}:
     * significant rows first, then the largest changes), error bars spanning the wider side of
     * each ratio's interval, capped at the ratio itself (no bar where there is no interval).
     */
    public ChartData chart() {
        List<Row> shown = rows.stream().filter(r -> Double.isFinite(r.ratio()) && r.ratio() > 0).toList();
        boolean cut = shown.size() > CHART_ROWS;
        if (cut) {
            shown = shown.stream().sorted(java.util.Comparator.comparing((Row r) -> !r.verdict().significant())
                    .thenComparing(r -> -Math.abs(Math.log(r.ratio())))).limit(CHART_ROWS).toList();
        }
        ChartData.Builder chart = ChartData.bars(experiment() + ": run B / run A" + (cut ? " (" + CHART_ROWS + " largest changes)" : "")
                + ", " + Finding.confidenceLabel() + " interval (wider side, capped at the bar)", "measurement", "ratio B / A");
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
        return chart.bars("B / A", labels, ratios, errors).legend(false).xLabelAngle(45).build();
    }

    /** How the findings of A and B relate, by id (in A's order, then B's own): "same verdict", "OPPOSITE verdicts"... */
    public Map<String, String> findingRelations() {
        Map<String, Finding> inB = byId(b.findings());
        Map<String, String> out = new LinkedHashMap<>();
        for (Finding fa : a.findings()) out.put(fa.id(), inB.containsKey(fa.id()) ? relation(fa, inB.get(fa.id())) : "only in A");
        for (Finding fb : b.findings()) out.putIfAbsent(fb.id(), "only in B");
        return out;
    }

    /** The ids of findings whose verdicts are opposite (higher in one run, lower in the other). */
    public List<String> oppositeFindings() {
        Map<String, Finding> inB = byId(b.findings());
        return a.findings().stream().filter(fa -> inB.containsKey(fa.id()) && opposite(fa, inB.get(fa.id()))).map(Finding::id).toList();
    }

    private static boolean opposite(Finding x, Finding y) {
        return x.verdict() != null && y.verdict() != null && x.verdict().opposes(y.verdict()) && x.conditions().equals(y.conditions());
    }

    static Map<String, Finding> byId(List<Finding> findings) {
        Map<String, Finding> out = new LinkedHashMap<>();
        for (Finding f : findings) out.put(f.id(), f);
        return out;
    }

    /**
     * How finding {@code y} (run B) relates to {@code x} (run A), in words; like with like only.
     * Equivalent against no detectable difference is no contradiction: neither detected a difference.
     */
    static String relation(Finding x, Finding y) {
        List<String> differ = StoredRun.differences(x.conditions(), y.conditions());
        if (!differ.isEmpty()) return "measured under other conditions (" + String.join("; ", differ) + "): not compared";
        if (x.verdict() != null && y.verdict() != null) {
            if (x.verdict().opposes(y.verdict())) return "OPPOSITE verdicts";
            if (x.verdict() == y.verdict()) return "same verdict";
            if (x.verdict().isNoDifference() && y.verdict().isNoDifference()) {
                return "no difference in either; only " + (x.verdict() == Finding.Verdict.EQUIVALENT ? "A" : "B") + " settled it as equivalent";
            }
            return x.verdict().isDifference() ? "only A detected a difference" : y.verdict().isDifference() ? "only B detected a difference" : "verdicts differ";
        }
        if (x.value() == y.value()) return "same value";
        if (Double.isNaN(x.low()) || Double.isNaN(y.low())) return "values differ";
        return x.high() < y.low() || y.high() < x.low() ? "intervals do not overlap" : "intervals overlap";
    }

    /** The findings of both runs side by side: value, interval and verdict of each, and how they relate. */
    public Table findingsTable() {
        Map<String, Finding> inA = byId(a.findings());
        Map<String, Finding> inB = byId(b.findings());
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<String, String> e : findingRelations().entrySet()) {
            Finding fa = inA.get(e.getKey()), fb = inB.get(e.getKey());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("finding", e.getKey());
            m.put("unit", (fa != null ? fa : fb).unit());
            putFinding(m, "a", fa);
            putFinding(m, "b", fb);
            m.put("relation", e.getValue());
            out.add(m);
        }
        return TidyTables.fromRows("findings", out);
    }

    private static void putFinding(Map<String, Object> m, String side, Finding f) {
        m.put(side + "_value", f == null ? Double.NaN : f.value());
        m.put(side + "_low", f == null ? Double.NaN : f.low());
        m.put(side + "_high", f == null ? Double.NaN : f.high());
        m.put(side + "_verdict", f == null ? "" : f.verdictLabel());
    }

    /** One paragraph per fact: runs, environment, method, counts, the rows called different, findings. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append("A: ").append(a.label()).append(", measured on JDK ").append(jdkText(a)).append('\n')
                .append("B: ").append(b.label()).append(", measured on JDK ").append(jdkText(b)).append('\n');
        sb.append(environmentDifferences.isEmpty() ? "environment: same JDK, GC, cores, CPU and profile"
                : "environments differ: " + String.join("; ", environmentDifferences)).append('\n');
        if (!parameterDifferences.isEmpty()) sb.append("parameters differ: ").append(String.join("; ", parameterDifferences)).append('\n');
        sb.append("method: ").append(METHOD).append(" over ").append(tested()).append(" tested rows\n");
        sb.append("verdicts: ").append(countsText()).append('\n');
        for (Row r : significant()) {
            sb.append(String.format(Locale.ROOT, "  %-8s %s %s: %s -> %s %s (B/A %s, %s interval %s to %s, p = %.2g; %s is better)%n", r.verdict().label(),
                    r.keyText(), r.metric(), maplab.stats.Numbers.format(r.a()), maplab.stats.Numbers.format(r.b()), r.unit(), Finding.formatRatio(r.ratio()),
                    Finding.confidenceLabel(), Finding.formatRatio(r.ratioInterval().low()), Finding.formatRatio(r.ratioInterval().high()), r.p(), r.better()));
        }
        Map<String, Long> relations = findingRelations().values().stream().collect(Collectors.groupingBy(v -> v, LinkedHashMap::new, Collectors.counting()));
        if (!relations.isEmpty()) {
            sb.append("findings: ").append(relations.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "))).append('\n');
        }
        for (String id : oppositeFindings()) sb.append("  OPPOSITE verdicts: ").append(id).append('\n');
        return sb.toString().stripTrailing();
    }

    /** How many rows were tested (had a p-value). */
    public long tested() {
        return rows.stream().filter(r -> !Double.isNaN(r.p())).count();
    }

    private String countsText() {
        return counts().entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label()).collect(Collectors.joining(", "));
    }

    /** What the comparison's page shows: the runs, differences, method counts, findings side by side, the ratio chart and the rows. */
    public ComparisonPage.Content pageContent() {
        return new ComparisonPage.Content(experiment(), shown("A", a), shown("B", b), environmentDifferences, parameterDifferences, FDR_Q,
                tested(), countsText(), oppositeFindings(), byId(a.findings()), byId(b.findings()), findingRelations(), chart(), table());
    }

    private static ComparisonPage.ComparedRun shown(String label, StoredRun r) {
        return new ComparisonPage.ComparedRun(label, String.valueOf(r.dir()), r.profile(), r.start(), jdkText(r));
    }

    /** The comparison as an HTML fragment (notebooks), drawn by {@link ComparisonPage}. */
    public String fragment() {
        return ComparisonPage.fragment(pageContent());
    }

    /** "25.0.3+9-LTS (Eclipse Adoptium) -XX:+UseCompactObjectHeaders": the JDK that measured a run, with its extra options. */
    static String jdkText(StoredRun r) {
        Map<String, String> facts = r.environmentFacts();
        String opts = facts.getOrDefault("JVM options", "none");
        return facts.get("JDK") + (opts.equals("none") ? "" : " " + opts);
    }

    /** A self-contained page. */
    public String page() {
        return ComparisonPage.page(pageContent());
    }

    /** Writes {@code compare.html}, {@code compare.csv} (rows) and {@code compare-findings.csv} into {@code dir} (created); returns the paths written. */
    public List<Path> write(Path dir) {
        Map<String, Table> csvs = new java.util.LinkedHashMap<>();
        csvs.put("compare.csv", table());
        csvs.put("compare-findings.csv", findingsTable());
        return RunFolder.writeComparison(dir, page(), csvs);
    }

    @Override
    public String toString() {
        return summary();
    }
}
