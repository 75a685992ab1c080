package maplab.lab;

import maplab.run.RunFolder;
import maplab.run.StoredRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import maplab.conclude.Finding;
import maplab.render.ComparisonPage;
import maplab.render.MultiComparisonPage;
import maplab.measure.Rows;
import maplab.conclude.TidyTables;
import maplab.stats.Estimates;
import maplab.stats.Estimates.Sample;
import maplab.conclude.ChartData;
import tech.tablesaw.api.Table;

/**
 * Three or more runs of one experiment side by side (two runs: {@link Comparison}). Rows of
 * results.csv are matched as in {@link Comparison} (every column except value, error and
 * better). For each metric: every run's value and interval, its rank (1 = best, read from the
 * {@code better} column; by value when neither is better) and the groups of runs that are
 * statistically tied.
 *
 * <p><b>Statistics</b> (the same as {@link Comparison} and the findings): every pair of runs
 * of a row is tested, Welch's t on the logs of per-fork means when both stored samples, the
 * stored half-widths otherwise ({@link Comparison#test}). All pairs of all rows of all metrics
 * form one family: Benjamini-Hochberg at {@link Comparison#FDR_Q} over every tested pair, so
 * among pairs called different the expected share of false calls is at most q, whatever the
 * number of metrics. <b>Tied groups</b> (a compact letter display): runs sorted best first;
 * each maximal stretch of consecutive runs with no pair called different is a group, named
 * a, b, c...; runs sharing a letter are not distinguishable at that rate, runs sharing none
 * differ.
 */
public final class MultiComparison {

    /** One run's side of a matched row. */
    public record Entry(String run, double value, double error, double low, double high, int forks, int rank, String groups) { }

    /**
     * A pair of runs tested on one row: ratio {@code second / first} with its interval, p-value
     * and, after Benjamini-Hochberg over every pair, whether they differ.
     */
    public record Pair(String first, String second, double ratio, double low, double high, String test, double p, boolean different) { }

    /** One row matched across the runs: its key (subject, parameters...), metric, unit, which way is better, each run's entry and the pairs. */
    public record Row(Map<String, String> key, String metric, String unit, String better, List<Entry> entries, List<Pair> pairs) {

        /** "subject=hashmap, n_keys=1000": the key in words. */
        public String keyText() {
            return key.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", "));
        }

        /** The entry of run {@code label}, or null when that run has no such row. */
        public Entry entry(String label) {
            return entries.stream().filter(e -> e.run().equals(label)).findFirst().orElse(null);
        }

        /** True when some pair of runs differs on this row. */
        public boolean anyDifferent() {
            return pairs.stream().anyMatch(Pair::different);
        }
    }

    private final List<StoredRun> runs;
    private final List<String> labels;
    private final List<Row> rows;
    private final List<String> environmentDifferences;
    private final List<String> parameterDifferences;

    private MultiComparison(List<StoredRun> runs, List<String> labels, List<Row> rows, List<String> env, List<String> params) {
        this.runs = runs;
        this.labels = labels;
        this.rows = rows;
        this.environmentDifferences = env;
        this.parameterDifferences = params;
    }

    /**
     * Compares two or more run folders of one experiment (labelled A, B, C... in the given order).
     *
     * @throws IllegalArgumentException when fewer than two runs are given, a folder is not a run folder, or the experiments differ
     */
    public static MultiComparison of(List<Path> dirs) {
        if (dirs.size() < 2) throw new IllegalArgumentException("runs: give two or more run folders of one experiment, got " + dirs.size());
        if (dirs.size() > 26) throw new IllegalArgumentException("runs: at most 26 run folders, got " + dirs.size());
        List<StoredRun> runs = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < dirs.size(); i++) {
            String label = String.valueOf((char) ('A' + i));
            labels.add(label);
            runs.add(StoredRun.read("run" + label, dirs.get(i)));
        }
        Set<String> experiments = runs.stream().map(StoredRun::experiment).collect(Collectors.toCollection(LinkedHashSet::new));
        if (experiments.size() > 1) {
            throw new IllegalArgumentException("runs: runs of different experiments (" + String.join(", ", experiments)
                    + "); allowed: runs of one experiment");
        }
        return new MultiComparison(runs, labels, decide(match(runs, labels)), differences(runs.stream().map(StoredRun::environmentFacts).toList(), labels),
                differences(runs.stream().map(StoredRun::params).toList(), labels));
    }

    /** "JDK: A 17.0.15 (Debian), B 25.0.3 (Eclipse Adoptium), C 25.0.3 (Eclipse Adoptium)" for every key whose values differ. */
    static List<String> differences(List<Map<String, String>> facts, List<String> labels) {
        Set<String> keys = new LinkedHashSet<>();
        facts.forEach(f -> keys.addAll(f.keySet()));
        List<String> out = new ArrayList<>();
        for (String key : keys) {
            Set<String> values = new LinkedHashSet<>();
            facts.forEach(f -> values.add(f.getOrDefault(key, "none")));
            if (values.size() < 2) continue;
            List<String> each = new ArrayList<>();
            for (int i = 0; i < facts.size(); i++) each.add(labels.get(i) + " " + facts.get(i).getOrDefault(key, "none"));
            out.add(key + ": " + String.join(", ", each));
        }
        return out;
    }

    private record Side(String label, Map<String, String> row, List<Sample> samples) { }

    private static List<Row> match(List<StoredRun> runs, List<String> labels) {
        Set<String> keyColumns = new LinkedHashSet<>();
        for (StoredRun r : runs) for (String c : r.columns()) if (!Comparison.NOT_KEY.contains(c)) keyColumns.add(c);
        Map<List<String>, List<Side>> matched = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            Map<String, List<Sample>> samples = runs.get(i).samples();
            for (Map<String, String> row : runs.get(i).rows()) {
                List<String> key = keyColumns.stream().map(c -> row.getOrDefault(c, "")).toList();
                matched.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(new Side(labels.get(i), row, samples.getOrDefault(Rows.key(row, row.getOrDefault("metric", "")), List.of())));
            }
        }
        List<Row> out = new ArrayList<>();
        for (List<Side> sides : matched.values()) {
            Map<String, String> any = sides.get(0).row();
            Map<String, String> key = new LinkedHashMap<>();
            for (String c : keyColumns) if (!c.equals("metric") && !c.equals("unit")) key.put(c, any.getOrDefault(c, ""));
            List<Entry> entries = new ArrayList<>();
            for (Side s : sides) {
                double v = number(s.row(), "value"), e = number(s.row(), "error");
                double h = Double.isNaN(e) ? Double.NaN : e;
                entries.add(new Entry(s.label(), v, e, v - h, v + h, forks(s.samples()), 0, ""));
            }
            List<Pair> pairs = new ArrayList<>();
            for (int i = 0; i < sides.size(); i++) {
                for (int j = i + 1; j < sides.size(); j++) {
                    Side x = sides.get(i), y = sides.get(j);
                    Estimates.RatioTest t = Comparison.test(number(x.row(), "value"), number(x.row(), "error"), number(y.row(), "value"),
                            number(y.row(), "error"), x.samples(), y.samples());
                    double vx = number(x.row(), "value"), vy = number(y.row(), "value");
                    if (t == null) {
                        pairs.add(new Pair(x.label(), y.label(), vy / vx, Double.NaN, Double.NaN, "none", Double.NaN, false));
                    } else {
                        pairs.add(new Pair(x.label(), y.label(), t.ratio().value(), t.ratio().low(), t.ratio().high(),
                                Double.isInfinite(t.df()) ? "half-widths" : "welch", t.p(), false));
                    }
                }
            }
            out.add(new Row(key, any.getOrDefault("metric", ""), any.getOrDefault("unit", ""), any.getOrDefault("better", "none"), entries, pairs));
        }
        return out;
    }

    /** Benjamini-Hochberg over every tested pair of every row; then ranks and tied groups per row. */
    static List<Row> decide(List<Row> rows) {
        List<double[]> index = new ArrayList<>();          // {row, pair}
        List<Double> ps = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            List<Pair> pairs = rows.get(r).pairs();
            for (int k = 0; k < pairs.size(); k++) {
                if (!Double.isNaN(pairs.get(k).p())) {
                    index.add(new double[] {r, k});
                    ps.add(pairs.get(k).p());
                }
            }
        }
        boolean[] discovery = Estimates.benjaminiHochberg(ps.stream().mapToDouble(Double::doubleValue).toArray(), Comparison.FDR_Q);
        List<List<Pair>> decided = new ArrayList<>();
        for (Row row : rows) decided.add(new ArrayList<>(row.pairs()));
        for (int j = 0; j < index.size(); j++) {
            int r = (int) index.get(j)[0], k = (int) index.get(j)[1];
            Pair p = decided.get(r).get(k);
            decided.get(r).set(k, new Pair(p.first(), p.second(), p.ratio(), p.low(), p.high(), p.test(), p.p(), discovery[j]));
        }
        List<Row> out = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            out.add(rankAndGroup(new Row(row.key(), row.metric(), row.unit(), row.better(), row.entries(), List.copyOf(decided.get(r)))));
        }
        return List.copyOf(out);
    }

    /** Ranks (1 = best; ties in value share a rank) and compact-letter groups of one row. */
    static Row rankAndGroup(Row row) {
        boolean higherBetter = row.better().toLowerCase(Locale.ROOT).equals("higher");
        List<Entry> sorted = row.entries().stream().filter(e -> !Double.isNaN(e.value()))
                .sorted(Comparator.comparingDouble((Entry e) -> higherBetter ? -e.value() : e.value())).toList();
        int n = sorted.size();
        // maximal stretches of consecutive runs (best first) with no pair called different
        List<int[]> stretches = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int j = i;
            while (j + 1 < n && tiedWithAll(row, sorted, i, j + 1)) j++;
            if (stretches.isEmpty() || stretches.get(stretches.size() - 1)[1] < j) stretches.add(new int[] {i, j});
        }
        Map<String, String> groups = new LinkedHashMap<>();
        Map<String, Integer> ranks = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            StringBuilder letters = new StringBuilder();
            for (int s = 0; s < stretches.size(); s++) if (stretches.get(s)[0] <= i && i <= stretches.get(s)[1]) letters.append((char) ('a' + s));
            groups.put(sorted.get(i).run(), letters.toString());
            int rank = i + 1;
            if (i > 0 && sorted.get(i).value() == sorted.get(i - 1).value()) rank = ranks.get(sorted.get(i - 1).run());
            ranks.put(sorted.get(i).run(), rank);
        }
        List<Entry> entries = row.entries().stream().map(e -> new Entry(e.run(), e.value(), e.error(), e.low(), e.high(), e.forks(),
                ranks.getOrDefault(e.run(), 0), groups.getOrDefault(e.run(), ""))).toList();
        return new Row(row.key(), row.metric(), row.unit(), row.better(), entries, row.pairs());
    }

    private static boolean tiedWithAll(Row row, List<Entry> sorted, int from, int candidate) {
        for (int i = from; i < candidate; i++) if (differ(row, sorted.get(i).run(), sorted.get(candidate).run())) return false;
        return true;
    }

    private static boolean differ(Row row, String x, String y) {
        return row.pairs().stream().anyMatch(p -> p.different() && (p.first().equals(x) && p.second().equals(y) || p.first().equals(y) && p.second().equals(x)));
    }

    private static int forks(List<Sample> s) {
        return (int) s.stream().mapToInt(Sample::fork).distinct().count();
    }

    private static double number(Map<String, String> row, String column) {
        String s = row.getOrDefault(column, "").trim();
        if (s.isEmpty()) return Double.NaN;
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    public String experiment() { return runs.get(0).experiment(); }
    public List<StoredRun> runs() { return runs; }
    /** "A", "B", "C"... in the order the runs were given. */
    public List<String> labels() { return labels; }
    public List<Row> rows() { return rows; }
    /** For each of JDK, JVM options, GC, cores, CPU and profile whose values differ: every run's value. */
    public List<String> environmentDifferences() { return environmentDifferences; }
    public List<String> parameterDifferences() { return parameterDifferences; }

    /** The metrics (metric and unit) in the order they first appear. */
    public List<String> metrics() {
        return rows.stream().map(MultiComparison::metricLabel).distinct().toList();
    }

    private static String metricLabel(Row r) {
        return r.metric() + (r.unit().isEmpty() ? "" : " (" + r.unit() + ")");
    }

    /** The rows of one metric ("time (ns/op)", as {@link #metrics()} names it). */
    public List<Row> rows(String metric) {
        return rows.stream().filter(r -> metricLabel(r).equals(metric)).toList();
    }

    /** How many pairs were tested (had a p-value), over every row. */
    public long tested() {
        return rows.stream().flatMap(r -> r.pairs().stream()).filter(p -> !Double.isNaN(p.p())).count();
    }

    /** How many pairs were called different. */
    public long different() {
        return rows.stream().flatMap(r -> r.pairs().stream()).filter(Pair::different).count();
    }

    /** One metric's table: key columns, then per run value, low, high, rank and group. */
    public Table table(String metric) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : rows(metric)) {
            Map<String, Object> m = new LinkedHashMap<>(r.key());
            for (String label : labels) {
                Entry e = r.entry(label);
                m.put(label, e == null ? Double.NaN : e.value());
                m.put(label + "_low", e == null ? Double.NaN : e.low());
                m.put(label + "_high", e == null ? Double.NaN : e.high());
                m.put(label + "_rank", e == null ? "" : String.valueOf(e.rank()));
                m.put(label + "_group", e == null ? "" : e.groups());
            }
            m.put("better_is", r.better());
            out.add(m);
        }
        return TidyTables.fromRows(metric, out);
    }

    /** Every run's side of every row, long form (compare.csv): key, metric, unit, run, folder, run_value, run_low, run_high, forks, rank, group. */
    public Table table() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : rows) {
            for (Entry e : r.entries()) {
                Map<String, Object> m = new LinkedHashMap<>(r.key());
                m.put("measure", r.metric());
                m.put("units", r.unit());
                m.put("better_is", r.better());
                m.put("run", e.run());
                m.put("run_folder", runs.get(labels.indexOf(e.run())).dir().getFileName().toString());
                m.put("run_value", e.value());
                m.put("run_low", e.low());
                m.put("run_high", e.high());
                m.put("forks", e.forks());
                m.put("rank", e.rank());
                m.put("tied_group", e.groups());
                m.put("confidence", Estimates.CONFIDENCE);
                out.add(m);
            }
        }
        return TidyTables.fromRows("comparison", out);
    }

    /** Every tested pair (compare-pairs.csv): key, metric, the two runs, ratio second / first with interval, test, p-value, verdict. */
    public Table pairsTable() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : rows) {
            for (Pair p : r.pairs()) {
                Map<String, Object> m = new LinkedHashMap<>(r.key());
                m.put("measure", r.metric());
                m.put("units", r.unit());
                m.put("first", p.first());
                m.put("second", p.second());
                m.put("ratio_second_over_first", p.ratio());
                m.put("ratio_low", p.low());
                m.put("ratio_high", p.high());
                m.put("test", p.test());
                m.put("p_value", p.p());
                m.put("verdict", Double.isNaN(p.p()) ? "not tested" : p.different() ? "different" : "no detectable difference");
                m.put("fdr_method", "Benjamini-Hochberg over all pairs of all metrics");
                m.put("fdr_q", Comparison.FDR_Q);
                out.add(m);
            }
        }
        return TidyTables.fromRows("pairs", out);
    }

    /** Most categories a metric's chart shows. */
    static final int CHART_ROWS = 24;

    /** One metric's chart: a bar per run for each row (at most {@value #CHART_ROWS} rows), error bars from each run's interval. */
    public ChartData chart(String metric) {
        List<Row> shown = rows(metric).stream().limit(CHART_ROWS).toList();
        ChartData.Builder chart = ChartData.bars(experiment() + ": " + metric + " per run, " + Finding.confidenceLabel() + " interval", "measurement", metric);
        List<String> categories = new ArrayList<>();
        for (Row r : shown) {
            String label = r.key().values().stream().filter(v -> !v.isEmpty()).collect(Collectors.joining(" "));
            label = label.isEmpty() ? r.metric() : label;
            categories.add(categories.contains(label) ? label + " #" + categories.size() : label);
        }
        for (String run : labels) {
            List<Double> values = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            for (Row r : shown) {
                Entry e = r.entry(run);
                values.add(e == null || Double.isNaN(e.value()) ? 0.0 : e.value());
                errors.add(e == null || Double.isNaN(e.error()) ? 0.0 : e.error());
            }
            if (!categories.isEmpty()) chart.bars(run, categories, values, errors);
        }
        if (categories.isEmpty()) chart.bars("none", List.of("no row"), List.of(0.0), List.of(0.0));
        return chart.build();
    }

    /** The runs, environment differences, method, and per metric the rows where runs differ (ranks and groups). */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < runs.size(); i++) sb.append(labels.get(i)).append(": ").append(runs.get(i).label()).append(", measured on JDK ").append(Comparison.jdkText(runs.get(i))).append('\n');
        sb.append(environmentDifferences.isEmpty() ? "environment: same JDK, JVM options, GC, cores, CPU and profile"
                : "environments differ: " + String.join("; ", environmentDifferences)).append('\n');
        if (!parameterDifferences.isEmpty()) sb.append("parameters differ: ").append(String.join("; ", parameterDifferences)).append('\n');
        sb.append("method: ").append(METHOD).append(" over ").append(tested()).append(" tested pairs; ").append(different()).append(" called different\n");
        for (String metric : metrics()) {
            List<Row> differ = rows(metric).stream().filter(Row::anyDifferent).toList();
            sb.append(metric).append(": ").append(rows(metric).size()).append(" rows, ").append(differ.size()).append(" with runs that differ\n");
            for (Row r : differ) {
                sb.append("  ").append(r.keyText().isEmpty() ? "(all)" : r.keyText()).append(": ");
                sb.append(r.entries().stream().sorted(Comparator.comparingInt(Entry::rank))
                        .map(e -> "#" + e.rank() + " " + e.run() + " " + maplab.stats.Numbers.format(e.value()) + " [" + e.groups() + "]")
                        .collect(Collectors.joining(", "))).append('\n');
            }
        }
        return sb.toString().stripTrailing();
    }

    /** How the verdicts are made, in words. */
    public static final String METHOD = "every pair of runs per row: Welch t test on log per-fork means (stored half-widths where a run has "
            + "no samples); Benjamini-Hochberg at q = " + Comparison.FDR_Q + " over all pairs of all metrics; tied groups as a compact letter display";

    /** What the comparison's page shows: the runs, differences, method counts, and per metric its chart and table. */
    public MultiComparisonPage.Content pageContent() {
        List<ComparisonPage.ComparedRun> shown = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            StoredRun r = runs.get(i);
            String opts = r.environmentFacts().get("JVM options");
            String jdk = r.environmentFacts().get("JDK") + (opts != null && !opts.equals("none") ? ", " + opts : "");
            shown.add(new ComparisonPage.ComparedRun(labels.get(i), String.valueOf(r.dir()), r.profile(), r.start(), jdk));
        }
        List<MultiComparisonPage.Metric> metrics = metrics().stream().map(m -> new MultiComparisonPage.Metric(m, chart(m), table(m))).toList();
        return new MultiComparisonPage.Content(experiment(), shown, environmentDifferences, parameterDifferences, Comparison.FDR_Q,
                tested(), different(), metrics);
    }

    /** The comparison as an HTML fragment, drawn by {@link MultiComparisonPage}. */
    public String fragment() {
        return MultiComparisonPage.fragment(pageContent());
    }

    /** A self-contained page. */
    public String page() {
        return MultiComparisonPage.page(pageContent());
    }

    /** Writes compare.html, compare.csv (every run's side of every row) and compare-pairs.csv into {@code dir}; returns the paths. */
    public List<Path> write(Path dir) {
        Map<String, Table> csvs = new java.util.LinkedHashMap<>();
        csvs.put("compare.csv", table());
        csvs.put("compare-pairs.csv", pairsTable());
        return RunFolder.writeComparison(dir, page(), csvs);
    }

    /** In a notebook: the page fragment. */
    public String toHtml() {
        return fragment();
    }

    @Override
    public String toString() {
        return summary();
    }

    static Set<String> sortedLabels(List<String> labels) {
        return new TreeSet<>(labels);
    }
}
