package maplab.plan;

import maplab.lab.PlanCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a run of an experiment will do, built from its parameters alone, before anything runs:
 * the JMH cells it times (benchmark, parameters, forks), the steps it takes in process or in
 * child JVMs, the tidy rows conclude will read, and the findings conclude promises for them.
 *
 * <p>{@code ./maplab run <id> --dry-run} prints it with an estimate of the time; every real run
 * checks it first ({@link #check()}: no cell or row measured twice) and {@link PlanCheck} feeds
 * conclude synthetic rows of exactly this shape, so a plan that conclude cannot read is refused
 * before any fork starts.
 */
public record Plan(String experiment, Profile profile, List<Cell> cells, List<Step> steps, List<Row> rows,
                   List<String> findings, List<String> notes) {

    /**
     * Seconds a JMH fork costs beyond its warm-up and measured iterations (JVM start, the
     * benchmark's set-up, JMH's own run in the lab JVM), for estimates; measured on a 2-core machine.
     */
    public static final double FORK_OVERHEAD_SECONDS = 0.5;

    /** What states JMH cells for a plan (a JMH run: {@code maplab.measure.Jmh}) without measuring them. */
    public interface CellSource {
        /**
         * The cells this run measures, each with its forks and seconds per fork, from an
         * estimate of one operation's seconds per cell (by its parameters).
         */
        List<Cell> planCells(String part, java.util.function.ToDoubleFunction<Map<String, String>> secondsPerOp);
    }

    /** One JMH cell: a benchmark at one parameter combination, with its options (mode, threads, extra JVM flags) and forks. */
    public record Cell(String part, String benchmark, Map<String, String> params, String options, int forks, int maxForks,
                       double secondsPerFork) {
        public Cell {
            params = java.util.Collections.unmodifiableMap(new TreeMap<>(params));
        }

        /** The cell's identity: two cells with the same one measure the same thing. */
        public String identity() {
            return benchmark + params + (options.isEmpty() ? "" : " " + options);
        }

        /** "CollisionsBench.insert n=4096 subject=COLLIDING_STRING_AGRONA" (seeds and empty values, such as a built-in subject's user, left out). */
        public String label() {
            StringBuilder sb = new StringBuilder(benchmark.replaceFirst("^maplab\\.bench\\.", ""));
            params.forEach((k, v) -> {
                if (!k.equals("seed") && !k.equals("mapSeed") && !v.isEmpty()) sb.append(' ').append(k).append('=').append(v);
            });
            if (!options.isEmpty()) sb.append(" [").append(options).append(']');
            return sb.toString();
        }
    }

    /** Work done in process or in child JVMs: {@code count} times about {@code secondsEach}. */
    public record Step(String label, int count, double secondsEach) { }

    /**
     * A tidy row conclude will read: its dimensions and metric, its unit, whether it is timed
     * (has fork samples), optionally the value synthetic data should give it (a flag, a count
     * that must be whole; null lets {@link PlanCheck} choose one), whether a run may end without
     * it (a size that did not finish within its budget), and the dimensions whose values only the
     * run knows ({@code varying}: an iteration order seen, the operation a resize happened at, a
     * profile's hottest frame). In those the row holds example values for synthetic data, and it
     * stands for every measured row that agrees with it on the other dimensions and the metric.
     */
    public record Row(Map<String, Object> dims, String metric, Unit unit, boolean timed, Double value, boolean optional, Set<String> varying) {
        public Row {
            dims = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dims));
            varying = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(varying));
        }

        /** The row's key in results.csv and samples.csv (with the example values of its varying dimensions). */
        public String key() { return RowKey.of(dims, metric); }

        /** What a measured row must agree on to be this row: its key without the varying dimensions. */
        String pattern() { return keyWithout(dims, metric, varying); }
    }

    /** A row's key with {@code columns} left out. */
    static String keyWithout(Map<String, ?> row, String metric, Set<String> columns) {
        Map<String, Object> rest = new TreeMap<>(row);
        rest.keySet().removeAll(columns);
        return RowKey.of(rest, metric);
    }

    public Plan {
        cells = List.copyOf(cells);
        steps = List.copyOf(steps);
        rows = List.copyOf(rows);
        findings = List.copyOf(new LinkedHashSet<>(findings));
        notes = List.copyOf(notes);
    }

    /** A builder for the plan of {@code experiment} with these parameters. */
    public static Builder builder(Parameterized experiment, Profile profile, Params params) {
        return new Builder(experiment, profile, params);
    }

    // ------------------------------------------------------------------ checks and estimates

    /**
     * Refuses a plan that measures a cell twice or writes one row twice (conclude expects one row
     * per key).
     *
     * @throws IllegalArgumentException with one line naming the cell or row
     */
    public void check() {
        Set<String> seen = new java.util.HashSet<>();
        for (Cell c : cells) {
            if (!seen.add(c.identity())) {
                throw new IllegalArgumentException("plan of " + experiment + ": cell measured twice: " + c.label() + " (part " + c.part() + ")");
            }
        }
        Set<String> keys = new java.util.HashSet<>();
        for (Row r : rows) {
            if (!keys.add(r.key())) {
                throw new IllegalArgumentException("plan of " + experiment + ": row written twice: " + r.key().replace('|', ' '));
            }
        }
    }

    /**
     * How the rows a run measured differ from this plan's: rows measured but not planned, and
     * planned rows (not optional) that were not measured; empty when they agree. A planned row
     * with varying dimensions matches every measured row that agrees on the others.
     */
    public String differences(List<Map<String, Object>> measured) {
        Map<Set<String>, Map<String, Boolean>> planned = new LinkedHashMap<>();   // varying dimensions -> pattern -> required
        for (Row r : rows) planned.computeIfAbsent(r.varying(), k -> new LinkedHashMap<>()).merge(r.pattern(), !r.optional(), Boolean::logicalOr);
        Set<String> matched = new java.util.HashSet<>();
        List<String> unplanned = new ArrayList<>();
        for (Map<String, Object> m : measured) {
            String metric = String.valueOf(m.get("metric"));
            boolean any = false;
            for (Map.Entry<Set<String>, Map<String, Boolean>> p : planned.entrySet()) {
                String pattern = keyWithout(m, metric, p.getKey());
                if (p.getValue().containsKey(pattern)) {
                    matched.add(p.getKey() + pattern);
                    any = true;
                }
            }
            String key = RowKey.of(m, metric);
            if (!any && !unplanned.contains(key)) unplanned.add(key);
        }
        List<String> missing = new ArrayList<>();
        planned.forEach((varying, patterns) -> patterns.forEach((pattern, required) -> {
            if (required && !matched.contains(varying + pattern)) missing.add(pattern + (varying.isEmpty() ? "" : " (any " + String.join(", ", varying) + ")"));
        }));
        StringBuilder sb = new StringBuilder();
        if (!unplanned.isEmpty()) sb.append(unplanned.size()).append(" rows measured but not planned (").append(String.join("; ", unplanned.stream().limit(3).toList())).append(")");
        if (!missing.isEmpty()) sb.append(sb.length() == 0 ? "" : ", ").append(missing.size()).append(" planned rows not measured (")
                .append(String.join("; ", missing.stream().limit(3).toList())).append(")");
        return sb.toString();
    }

    /** JVM forks the plan starts at least (every cell's first forks). */
    public int minForks() {
        return cells.stream().mapToInt(Cell::forks).sum();
    }

    /** JVM forks the plan starts at most (sequential cells that stay unsettled up to their cap). */
    public int maxForks() {
        return cells.stream().mapToInt(Cell::maxForks).sum();
    }

    /** Estimated seconds when every sequential cell settles at its first look. */
    public double minSeconds() {
        return cells.stream().mapToDouble(c -> c.forks() * (c.secondsPerFork() + FORK_OVERHEAD_SECONDS)).sum() + stepSeconds();
    }

    /** Estimated seconds when every sequential cell runs to its cap. */
    public double maxSeconds() {
        return cells.stream().mapToDouble(c -> c.maxForks() * (c.secondsPerFork() + FORK_OVERHEAD_SECONDS)).sum() + stepSeconds();
    }

    private double stepSeconds() {
        return steps.stream().mapToDouble(s -> s.count() * s.secondsEach()).sum();
    }

    /**
     * Why this plan cannot fit a time budget of {@code budgetSeconds}, with what to change; empty
     * when its first forks and steps ({@link #minSeconds()}) fit. Only the first forks must fit:
     * the budget decides how many sequential rounds are added after them.
     */
    public String overBudget(double budgetSeconds) {
        double need = minSeconds();
        if (need <= budgetSeconds) return "";
        Map<String, Double> parts = new LinkedHashMap<>();
        for (Cell c : cells) parts.merge("JMH part " + c.part() + " (" + c.forks() + " forks per cell: --set " + c.part() + "_effort=...)",
                c.forks() * (c.secondsPerFork() + FORK_OVERHEAD_SECONDS), Double::sum);
        for (Step s : steps) parts.merge("step " + s.label(), s.count() * s.secondsEach(), Double::sum);
        String largest = parts.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(3)
                .map(e -> e.getKey() + " " + duration(e.getValue())).collect(java.util.stream.Collectors.joining("; "));
        return "budget: the plan of " + experiment + " (" + profile.label() + ") needs at least " + duration(need) + " before any sequential round, more than the budget of "
                + duration(budgetSeconds) + "; largest: " + largest + ". Raise --budget, or lower those efforts or sizes (--set)";
    }

    /** "about 4 min 10 s" or "2 min 5 s to 3 min 40 s" (sequential cells settling early or late). */
    public String estimateText() {
        double lo = minSeconds();
        double hi = maxSeconds();
        return hi - lo < 1 ? "about " + duration(lo) : duration(lo) + " to " + duration(hi);
    }

    /** "45 s", "3 min 05 s", "1 h 02 min". */
    public static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) return s + " s";
        if (s < 3600) return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }

    /** The plan as text for {@code --dry-run}: parts, cells, steps, rows, promised findings and notes. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("plan of ").append(experiment).append(" (").append(profile.label()).append("): ")
                .append(cells.size()).append(" JMH cells, ").append(minForks() == maxForks() ? String.valueOf(minForks()) : minForks() + "-" + maxForks())
                .append(" forks; ").append(steps.stream().mapToInt(Step::count).sum()).append(" other steps; ")
                .append(rows.size()).append(" rows; ").append(findings.size()).append(" findings; estimate ").append(estimateText()).append('\n');
        Map<String, List<Cell>> byPart = new LinkedHashMap<>();
        for (Cell c : cells) byPart.computeIfAbsent(c.part(), k -> new ArrayList<>()).add(c);
        byPart.forEach((part, list) -> {
            Cell first = list.get(0);
            String forks = first.forks() == first.maxForks() ? first.forks() + " forks" : first.forks() + "-" + first.maxForks() + " forks (sequential)";
            sb.append("  JMH part ").append(part).append(": ").append(list.size()).append(" cells x ").append(forks)
                    .append(String.format(Locale.ROOT, ", %.1f s measuring per fork", first.secondsPerFork())).append('\n');
            for (Cell c : list) sb.append("    ").append(c.label()).append('\n');
        });
        for (Step s : steps) {
            sb.append("  step: ").append(s.label()).append(s.count() == 1 ? "" : " (x" + s.count() + ")")
                    .append(String.format(Locale.ROOT, ", about %s", duration(s.count() * s.secondsEach()))).append('\n');
        }
        sb.append("  findings: ").append(findings.isEmpty() ? "none" : String.join(", ", findings)).append('\n');
        for (String n : notes) sb.append("  note: ").append(n).append('\n');
        return sb.toString();
    }

    // ------------------------------------------------------------------ builder

    /** Collects a plan; experiments build theirs from {@link Params} alone. */
    public static final class Builder {
        private final String experiment;
        private final Profile profile;
        private final Params params;
        private final List<Cell> cells = new ArrayList<>();
        private final List<Step> steps = new ArrayList<>();
        private final List<Row> rows = new ArrayList<>();
        private final List<String> findings = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private boolean optional;
        private Set<String> varying = Set.of();

        private Builder(Parameterized experiment, Profile profile, Params params) {
            this.experiment = experiment.id();
            this.profile = profile;
            this.params = params;
        }

        public Params params() { return params; }
        public Profile profile() { return profile; }

        /** True when the experiment has stated nothing (no cells, steps or rows). */
        boolean isEmpty() { return cells.isEmpty() && steps.isEmpty() && rows.isEmpty() && findings.isEmpty(); }

        /**
         * The cells of one JMH run (a batch of a part), each at the run's forks (up to its
         * maximum when the run is sequential); {@code secondsPerShot} estimates a single shot
         * where the effort is single-shot (0 otherwise).
         */
        public Builder jmh(String part, CellSource run, double secondsPerShot) {
            return jmh(part, run, params -> secondsPerShot);
        }

        /**
         * The cells of one JMH run with an estimate of one operation's seconds per cell (from its
         * {@code @Param} values): a single shot, or the least a timed iteration takes.
         */
        public Builder jmh(String part, CellSource run, java.util.function.ToDoubleFunction<Map<String, String>> secondsPerOp) {
            cells.addAll(run.planCells(part, secondsPerOp));
            return this;
        }

        /**
         * {@link #jmh(String, CellSource, java.util.function.ToDoubleFunction)} plus a set-up each
         * fork pays before JMH's first iteration ({@code setupSecondsPerFork} by the cell's
         * parameters), such as filling a user's map that inserts in O(n): it can dwarf the iterations.
         */
        public Builder jmh(String part, CellSource run, java.util.function.ToDoubleFunction<Map<String, String>> secondsPerOp,
                           java.util.function.ToDoubleFunction<Map<String, String>> setupSecondsPerFork) {
            for (Cell c : run.planCells(part, secondsPerOp)) {
                cells.add(new Cell(c.part(), c.benchmark(), c.params(), c.options(), c.forks(), c.maxForks(),
                        c.secondsPerFork() + Math.max(0, setupSecondsPerFork.applyAsDouble(c.params()))));
            }
            return this;
        }

        /** {@link #jmh(String, CellSource, double)} for iteration-timed effort. */
        public Builder jmh(String part, CellSource run) {
            return jmh(part, run, 0);
        }

        /** A step done {@code count} times, about {@code secondsEach} each. */
        public Builder step(String label, int count, double secondsEach) {
            if (count > 0) steps.add(new Step(label, count, secondsEach));
            return this;
        }

        /**
         * Rows added after {@code optional(true)} may be missing from a run that measured what it
         * could (a budget ran out): the run's check that it measured its plan does not ask for them.
         */
        public Builder optional(boolean mayBeMissing) {
            this.optional = mayBeMissing;
            return this;
        }

        /**
         * Rows added after {@code varying("order")} hold, in those dimensions, values only the run
         * knows (see {@link Row}): the values given are examples for synthetic data, and a measured
         * row with any values there matches; {@code varying()} with no names ends it.
         */
        public Builder varying(String... dims) {
            this.varying = Set.of(dims);
            return this;
        }

        /** A counted row (no samples). */
        public Builder count(Map<String, ?> dims, String metric, Unit unit) {
            return row(dims, metric, unit, false, null);
        }

        /** A counted row whose synthetic value must be {@code value} (a flag, a bound). */
        public Builder count(Map<String, ?> dims, String metric, Unit unit, double value) {
            return row(dims, metric, unit, false, value);
        }

        /** A timed row (fork samples). */
        public Builder timed(Map<String, ?> dims, String metric, Unit unit) {
            return row(dims, metric, unit, true, null);
        }

        /** A timed row whose synthetic fork means are near {@code value}. */
        public Builder timed(Map<String, ?> dims, String metric, Unit unit, double value) {
            return row(dims, metric, unit, true, value);
        }

        private Builder row(Map<String, ?> dims, String metric, Unit unit, boolean timed, Double value) {
            rows.add(new Row(new LinkedHashMap<>(dims), metric, unit, timed, value, optional, varying));
            return this;
        }

        /** A finding conclude promises for this plan. */
        public Builder finding(String... ids) {
            findings.addAll(List.of(ids));
            return this;
        }

        /** Something the plan foresees (a finding that may not be computed, a part that will be slow). */
        public Builder note(String text) {
            notes.add(text);
            return this;
        }

        public Plan build() {
            return new Plan(experiment, profile, cells, steps, rows, findings, notes);
        }
    }

    /** Dimensions in the order given: {@code dims("subject", "hashmap", "n_keys", 4096)}. */
    public static Map<String, Object> dims(Object... nameValue) {
        if (nameValue.length % 2 != 0) throw new IllegalArgumentException("dims: name, value pairs");
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) out.put(String.valueOf(nameValue[i]), nameValue[i + 1]);
        return out;
    }
}
