package maplab.lab;

import maplab.run.RunFolder;
import maplab.run.StoredRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import maplab.conclude.ChartData;
import maplab.conclude.Finding;
import maplab.render.StabilityPage;
import maplab.conclude.TidyTables;
import tech.tablesaw.api.Table;

/**
 * Does a conclusion reproduce? The findings of K runs of one experiment (same configuration),
 * side by side: per finding, each run's value, interval and verdict, and how often the verdict
 * agreed: the modal verdict and its share of the runs, and how many runs said higher and how
 * many lower (both at once is an opposite verdict, flagged). Findings without a verdict
 * (counts, estimates) agree when their values are equal, or else when their intervals share a
 * common point.
 *
 * <p>Computed from run folders alone ({@link #of(List)}), so it can be made for any set of
 * stored runs as well as for fresh ones ({@link Runs#stability}).
 */
public final class Stability {

    /**
     * One finding across the runs.
     *
     * @param perRun     the finding in each run, in run order (null where a run does not have it)
     * @param modal      the most frequent verdict (null when the finding has none; ties go to the first in
     *                   {@link Finding.Verdict}'s order)
     * @param modalRuns  how many runs gave the modal verdict
     * @param present    how many runs have the finding
     * @param agreement  in words: "3 of 3 higher", "OPPOSITE: 1 higher, 2 lower", "same value in 3 of 3"...
     */
    public record Entry(String id, String unit, List<Finding> perRun, Finding.Verdict modal, int modalRuns, int higher, int lower,
                        int present, String agreement) {

        /** Higher in one run and lower in another. */
        public boolean opposite() { return higher > 0 && lower > 0; }

        /** The modal verdict's share of the runs that have the finding (NaN without verdicts). */
        public double modalShare() { return modal == null || present == 0 ? Double.NaN : (double) modalRuns / present; }

        /**
         * True when every run that has it agrees (same verdict, where equivalent and no detectable
         * difference agree: no run detected a difference; or, without verdicts, same value or
         * overlapping intervals).
         */
        public boolean agrees() {
            if (modal == null) return agreement.startsWith("same value") || agreement.startsWith("intervals overlap");
            return modalRuns == present || perRun.stream().filter(Objects::nonNull).allMatch(f -> f.verdict() != null && f.verdict().isNoDifference());
        }
    }

    private final String experiment;
    private final List<String> labels;
    private final List<Path> dirs;
    private final List<Entry> entries;

    private Stability(String experiment, List<String> labels, List<Path> dirs, List<Entry> entries) {
        this.experiment = experiment;
        this.labels = List.copyOf(labels);
        this.dirs = dirs;
        this.entries = List.copyOf(entries);
    }

    /**
     * The stability of the findings of stored run folders (at least two, one experiment).
     *
     * @throws IllegalArgumentException when fewer than two folders are given, one is not a run folder, or they are of different experiments
     */
    public static Stability of(List<Path> runDirs) {
        if (runDirs.size() < 2) throw new IllegalArgumentException("runs: need at least 2 run folders, got " + runDirs.size());
        List<StoredRun> runs = new ArrayList<>();
        for (int i = 0; i < runDirs.size(); i++) runs.add(StoredRun.read("run " + (i + 1), runDirs.get(i)));
        String id = runs.get(0).experiment();
        for (StoredRun r : runs) {
            if (!r.experiment().equals(id)) {
                throw new IllegalArgumentException("runs: of different experiments ('" + id + "' and '" + r.experiment() + "'); allowed: runs of one experiment");
            }
        }
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) labels.add("run " + (i + 1));
        Stability s = of(id, labels, runs.stream().map(StoredRun::findings).toList());
        return new Stability(id, labels, runs.stream().map(StoredRun::dir).toList(), s.entries);
    }

    /** The stability of findings given directly: one list per run, labelled (unit tests, notebooks). */
    public static Stability of(String experiment, List<String> labels, List<List<Finding>> findings) {
        if (labels.size() != findings.size()) throw new IllegalArgumentException("labels: need one per run");
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (List<Finding> run : findings) for (Finding f : run) ids.add(f.id());
        List<Entry> entries = new ArrayList<>();
        for (String id : ids) {
            List<Finding> perRun = new ArrayList<>();
            for (List<Finding> run : findings) perRun.add(run.stream().filter(f -> f.id().equals(id)).findFirst().orElse(null));
            entries.add(entry(id, perRun));
        }
        return new Stability(experiment, labels, Collections.nCopies(labels.size(), null), entries);
    }

    /** One finding's agreement across runs (the runs' findings in order, null where absent). */
    static Entry entry(String id, List<Finding> perRun) {
        List<Finding> present = perRun.stream().filter(Objects::nonNull).toList();
        String unit = present.isEmpty() ? "" : present.get(0).unit();
        int absent = perRun.size() - present.size();
        String absentText = absent == 0 ? "" : "; absent in " + absent;
        Map<Finding.Verdict, Integer> counts = new EnumMap<>(Finding.Verdict.class);
        for (Finding f : present) if (f.verdict() != null) counts.merge(f.verdict(), 1, Integer::sum);
        int higher = counts.getOrDefault(Finding.Verdict.HIGHER, 0);
        int lower = counts.getOrDefault(Finding.Verdict.LOWER, 0);
        if (!counts.isEmpty()) {
            Finding.Verdict modal = null;
            for (Map.Entry<Finding.Verdict, Integer> e : counts.entrySet()) if (modal == null || e.getValue() > counts.get(modal)) modal = e.getKey();
            int without = present.size() - counts.values().stream().mapToInt(Integer::intValue).sum();
            String text;
            if (higher > 0 && lower > 0) {
                text = "OPPOSITE: " + counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label()).collect(Collectors.joining(", "));
            } else {
                text = counts.get(modal) + " of " + present.size() + " " + modal.label();
                Finding.Verdict m = modal;
                String others = counts.entrySet().stream().filter(e -> e.getKey() != m).map(e -> e.getValue() + " " + e.getKey().label())
                        .collect(Collectors.joining(", "));
                if (!others.isEmpty()) text += " (" + others + ")";
            }
            if (without > 0) text += "; " + without + " without a verdict";
            return new Entry(id, unit, Collections.unmodifiableList(new ArrayList<>(perRun)), modal, counts.get(modal), higher, lower,
                    present.size(), text + absentText);
        }
        String text;
        if (present.isEmpty()) {
            text = "absent";
        } else if (present.stream().allMatch(f -> f.value() == present.get(0).value())) {
            text = "same value in " + present.size() + " of " + present.size();
        } else if (present.stream().noneMatch(f -> Double.isNaN(f.low()) || Double.isNaN(f.high()))
                && present.stream().mapToDouble(Finding::low).max().orElseThrow() <= present.stream().mapToDouble(Finding::high).min().orElseThrow()) {
            text = "intervals overlap (values " + range(present) + ")";
        } else {
            text = "values differ (" + range(present) + ")";
        }
        return new Entry(id, unit, Collections.unmodifiableList(new ArrayList<>(perRun)), null, 0, 0, 0, present.size(), text + absentText);
    }

    private static String range(List<Finding> fs) {
        double min = fs.stream().mapToDouble(Finding::value).min().orElse(Double.NaN);
        double max = fs.stream().mapToDouble(Finding::value).max().orElse(Double.NaN);
        String lo = maplab.stats.Numbers.format(min), hi = maplab.stats.Numbers.format(max);
        if (lo.equals(hi)) {
            lo = String.format(Locale.ROOT, "%.6g", min);
            hi = String.format(Locale.ROOT, "%.6g", max);
        }
        return lo + " to " + hi;
    }

    public String experiment() { return experiment; }
    public List<Entry> entries() { return entries; }
    /** The run folders (nulls when made from findings alone). */
    public List<Path> runDirs() { return dirs; }
    public int runs() { return labels.size(); }

    /** The findings with opposite verdicts across runs. */
    public List<Entry> opposite() {
        return entries.stream().filter(Entry::opposite).toList();
    }

    /** How the findings with a verdict agreed: "9 of 12 findings with a verdict agreed in every run; 1 opposite". */
    public String headline() {
        List<Entry> withVerdict = entries.stream().filter(e -> e.modal() != null).toList();
        long agreed = withVerdict.stream().filter(Entry::agrees).count();
        long others = entries.size() - withVerdict.size();
        long othersAgreed = entries.stream().filter(e -> e.modal() == null && e.agrees()).count();
        return agreed + " of " + withVerdict.size() + " findings with a verdict gave the same verdict in all " + runs() + " runs; "
                + opposite().size() + " with opposite verdicts; " + othersAgreed + " of " + others + " findings without a verdict agreed";
    }

    /** A text summary: one line per finding with each run's value, interval and verdict, and the agreement. */
    public String summary() {
        StringBuilder sb = new StringBuilder("stability of " + experiment + " over " + runs() + " runs\n");
        for (int i = 0; i < labels.size(); i++) {
            if (dirs.get(i) != null) sb.append("  ").append(labels.get(i)).append(": ").append(dirs.get(i)).append('\n');
        }
        int w = Math.max(7, entries.stream().mapToInt(e -> e.id().length()).max().orElse(7));
        int[] widths = new int[labels.size()];
        List<List<String>> cells = new ArrayList<>();
        for (Entry e : entries) {
            List<String> row = new ArrayList<>();
            for (int i = 0; i < labels.size(); i++) {
                String c = cell(e.perRun().get(i));
                widths[i] = Math.max(widths[i], c.length());
                row.add(c);
            }
            cells.add(row);
        }
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-" + w + "s", "finding"));
        for (int i = 0; i < labels.size(); i++) header.append("  ").append(String.format(Locale.ROOT, "%-" + widths[i] + "s", labels.get(i)));
        sb.append(header).append("  agreement\n");
        for (int j = 0; j < entries.size(); j++) {
            Entry e = entries.get(j);
            sb.append(e.opposite() ? "! " : "  ").append(String.format(Locale.ROOT, "%-" + w + "s", e.id()));
            for (int i = 0; i < labels.size(); i++) sb.append("  ").append(String.format(Locale.ROOT, "%-" + widths[i] + "s", cells.get(j).get(i)));
            sb.append("  ").append(e.agreement()).append('\n');
        }
        sb.append(headline()).append('\n');
        sb.append("(value [").append(Finding.confidenceLabel()).append(" interval] and verdict: + higher, - lower, = no detectable difference, "
                + ">= at least, <= at most; ! opposite verdicts)");
        return sb.toString();
    }

    private static String cell(Finding f) {
        if (f == null) return "-";
        String i = Double.isNaN(f.low()) || Double.isNaN(f.high()) || f.low() == f.high() ? ""
                : Double.isInfinite(f.high()) || Double.isInfinite(f.low()) ? "" : " [" + maplab.stats.Numbers.format(f.low()) + ", " + maplab.stats.Numbers.format(f.high()) + "]";
        return maplab.stats.Numbers.format(f.value()) + i + verdictMark(f.verdict());
    }

    private static String verdictMark(Finding.Verdict v) {
        if (v == null) return "";
        return switch (v) {
            case HIGHER -> "+";
            case LOWER -> "-";
            case NO_DIFFERENCE -> "=";
            case EQUIVALENT -> "~";
            case AT_LEAST -> ">=";
            case AT_MOST -> "<=";
            case NOT_COMPUTED -> " (not computed)";
        };
    }

    /** One row per finding and run: value, interval, verdict, and the finding's agreement (stability.csv). */
    public Table table() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Entry e : entries) {
            for (int i = 0; i < labels.size(); i++) {
                Finding f = e.perRun().get(i);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("finding", e.id());
                m.put("units", e.unit());
                m.put("run", labels.get(i));
                m.put("run_folder", dirs.get(i) == null ? "" : dirs.get(i).getFileName().toString());
                m.put("finding_value", f == null ? Double.NaN : f.value());
                m.put("low", f == null ? Double.NaN : f.low());
                m.put("high", f == null ? Double.NaN : f.high());
                m.put("confidence", maplab.stats.Estimates.CONFIDENCE);
                m.put("verdict", f == null ? "" : f.verdictLabel());
                m.put("basis", f == null || f.basis() == null ? "" : f.basis().id());
                m.put("modal_verdict", e.modal() == null ? "" : e.modal().label());
                m.put("modal_share", e.modalShare());
                m.put("runs_higher", e.higher());
                m.put("runs_lower", e.lower());
                m.put("opposite", e.opposite());
                m.put("agreement", e.agreement());
                out.add(m);
            }
        }
        return TidyTables.fromRows("stability", out);
    }

    /**
     * A chart per timing finding with an interval: each run's value as a point and its interval
     * as a vertical line, with the point of no difference (1) for ratios.
     */
    public Map<String, ChartData> charts() {
        Map<String, ChartData> out = new LinkedHashMap<>();
        for (Entry e : entries) {
            List<Finding> fs = e.perRun();
            boolean timing = fs.stream().anyMatch(f -> f != null && f.basis() == Finding.Basis.TIMING && Double.isFinite(f.low()) && Double.isFinite(f.high()));
            if (!timing) continue;
            ChartData.Builder chart = ChartData.lines(e.id() + ": value and " + Finding.confidenceLabel() + " interval per run", "run",
                    e.unit().isEmpty() ? "value" : e.unit()).legend(false).xRange(0.5, fs.size() + 0.5).xPattern("0");
            List<Integer> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < fs.size(); i++) {
                Finding f = fs.get(i);
                if (f == null) continue;
                xs.add(i + 1);
                ys.add(f.value());
                if (Double.isFinite(f.low()) && Double.isFinite(f.high())) {
                    boolean detected = f.verdict() != null && f.verdict().isDifference();
                    chart.series("interval " + (i + 1), List.of(i + 1, i + 1), List.of(f.low(), f.high()), null,
                            detected ? ChartData.Mark.INTERVAL : ChartData.Mark.INTERVAL_NO_DIFFERENCE);
                }
            }
            chart.series("value", xs, ys, null, ChartData.Mark.VALUES);
            if ("x".equals(e.unit())) chart.series("no difference", List.of(0.5, fs.size() + 0.5), List.of(1.0, 1.0), null, ChartData.Mark.NEUTRAL_LINE);
            out.put(e.id(), chart.build());
        }
        return out;
    }

    /** What the stability's page shows: the headline, each run's findings with their agreement, and a chart per timing finding. */
    public StabilityPage.Content pageContent() {
        List<String> runLabels = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) runLabels.add(dirs.get(i) == null ? labels.get(i) : labels.get(i) + " " + dirs.get(i).getFileName());
        List<Map<String, Finding>> byRun = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            Map<String, Finding> m = new LinkedHashMap<>();
            for (Entry e : entries) if (e.perRun().get(i) != null) m.put(e.id(), e.perRun().get(i));
            byRun.add(m);
        }
        Map<String, String> agreement = new LinkedHashMap<>();
        Set<String> flagged = new LinkedHashSet<>();
        for (Entry e : entries) {
            agreement.put(e.id(), e.agreement());
            if (e.opposite()) flagged.add(e.id());
        }
        return new StabilityPage.Content(experiment, runs(), headline(), runLabels, byRun, agreement, flagged, charts());
    }

    /** The stability as an HTML fragment, drawn by {@link StabilityPage}. */
    public String fragment() {
        return StabilityPage.fragment(pageContent());
    }

    /** A self-contained page. */
    public String page() {
        return StabilityPage.page(pageContent());
    }

    /** Writes {@code stability.html} and {@code stability.csv} into {@code dir} (created); returns the paths written. */
    public List<Path> write(Path dir) {
        try {
            Files.createDirectories(dir);
            Path html = dir.resolve("stability.html");
            Path csv = dir.resolve("stability.csv");
            Files.writeString(html, page(), StandardCharsets.UTF_8);
            RunFolder.writeCsv(table(), csv);
            return List.of(html, csv);
        } catch (IOException e) {
            throw new IllegalArgumentException("out: cannot write the stability report to '" + dir + "' (" + e.getMessage() + ")");
        }
    }

    @Override
    public String toString() {
        return summary();
    }
}
