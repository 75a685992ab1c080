package maplab.measure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import maplab.plan.Plan;
import maplab.plan.Profile;
import maplab.progress.Progress;
import maplab.stats.Estimates.Sample;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.results.format.ResultFormatType;

/**
 * Runs JMH benchmarks (from lib/bench, found on the class path through JMH's benchmark list)
 * in forked JVMs and reads the scores back from JMH's JSON result file. Every timing maplab
 * reports goes through here; nothing is timed in the caller's JVM.
 *
 * <p>Usage: {@code Jmh.benchmark("maplab.bench.MergeBench.putAll").param("n", "1024", "4096")
 * .settings(Jmh.Settings.forProfile(profile)).workDir(dir).run()}.
 */
public final class Jmh implements Plan.CellSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How long and in how many JVMs JMH measures.
     *
     * @param forks                 forked JVMs per benchmark (at least 1: never in the caller's JVM)
     * @param warmupIterations      warm-up iterations per fork
     * @param warmupMillis          length of a warm-up iteration
     * @param measurementIterations measured iterations per fork (3 or more for an error estimate)
     * @param measurementMillis     length of a measured iteration
     * @param jvmArgs               arguments of each forked JVM (heap, GC: pinned, and recorded)
     */
    public record Settings(int forks, int warmupIterations, int warmupMillis, int measurementIterations,
                           int measurementMillis, List<String> jvmArgs) {

        /** These settings' JVM arguments with {@code effort}'s forks, warm-up and measurement. */
        public Settings with(maplab.plan.Effort effort) {
            return new Settings(effort.forks(), effort.warmupIterations(), effort.warmupMillis(), effort.iterations(), effort.iterationMillis(), jvmArgs);
        }

        /** The fork JVM arguments every maplab benchmark starts from: fixed heap, ParallelGC pinned. */
        public static final List<String> DEFAULT_JVM_ARGS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC",
                "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                "-Djava.awt.headless=true");

        public Settings {
            if (forks < 1) throw new IllegalArgumentException("forks: must be at least 1 (never measure in the caller's JVM), got " + forks);
            if (measurementIterations < 1) throw new IllegalArgumentException("measurementIterations: must be at least 1, got " + measurementIterations);
            jvmArgs = List.copyOf(jvmArgs);
        }

        /**
         * The default effort. quick: 4 short forks (rounds), 2x100 ms warm-up, 3x100 ms measured:
         * intervals come from fork-to-fork variation, the one that matters on a shared machine,
         * so forks are worth more than long iterations. full: 6 forks, 3x500 ms warm-up,
         * 5x500 ms measured. smoke: 2 forks, 1x50 ms warm-up, 2x50 ms measured (proves it runs).
         */
        public static Settings forProfile(Profile profile) {
            return switch (profile) {
                case FULL -> new Settings(6, 3, 500, 5, 500, DEFAULT_JVM_ARGS);
                case QUICK -> new Settings(4, 2, 100, 3, 100, DEFAULT_JVM_ARGS);
                case SMOKE -> new Settings(2, 1, 50, 2, 50, DEFAULT_JVM_ARGS);
            };
        }

        public Settings withForks(int n) { return new Settings(n, warmupIterations, warmupMillis, measurementIterations, measurementMillis, jvmArgs); }
        public Settings withWarmup(int iterations, int millis) { return new Settings(forks, iterations, millis, measurementIterations, measurementMillis, jvmArgs); }
        public Settings withMeasurement(int iterations, int millis) { return new Settings(forks, warmupIterations, warmupMillis, iterations, millis, jvmArgs); }
        public Settings withJvmArgs(List<String> args) { return new Settings(forks, warmupIterations, warmupMillis, measurementIterations, measurementMillis, args); }

        /** For meta.json. */
        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("forks", forks);
            m.put("warmup_iterations", warmupIterations);
            m.put("warmup_ms", warmupMillis);
            m.put("measurement_iterations", measurementIterations);
            m.put("measurement_ms", measurementMillis);
            m.put("jvm_args", jvmArgs);
            return m;
        }
    }

    private final String include;
    private final Map<String, String[]> params = new LinkedHashMap<>();
    /** Groups of cells measured instead of one cross product of {@link #params}: each overrides some of them (see {@link #subjects}). */
    private final List<Map<String, String[]>> groups = new ArrayList<>();
    private final List<String> profilers = new ArrayList<>();
    private final List<String> extraJvmArgs = new ArrayList<>();
    private Settings settings = Settings.forProfile(Profile.QUICK);
    private Mode mode;
    private TimeUnit timeUnit;
    private Integer threads;
    private Integer batchSize;
    private Path workDir;
    private Progress progress = Progress.SILENT;
    private java.util.function.Consumer<Map<String, Object>> recorder = m -> { };
    private int maxForks;
    private final List<Compared> compared = new ArrayList<>();
    private ForkSetup forks = ForkSetup.self();
    private boolean jvmChosen;
    private String roundProperty;

    /**
     * Two cells whose ratio a finding reports, each chosen by some of its {@code @Param} values
     * (and, under the key {@code "benchmark"}, the method name when the run has several).
     */
    public record Compared(Map<String, String> a, Map<String, String> b, double margin) {
        /**
         * Settled: the ratio's interval (at the looks-adjusted level) excludes 1, or it lies wholly
         * inside the equivalence margin {@code [1/(1+margin), 1+margin]} when one is declared
         * (the finding will say "equivalent within"); a cell stays open while either side needs it.
         */
        boolean settled(maplab.stats.Estimates.Estimate r) {
            if (!r.hasInterval()) return false;
            if (r.low() > 1 || r.high() < 1) return true;
            return margin > 0 && r.low() >= 1 / (1 + margin) && r.high() <= 1 + margin;
        }
    }

    private Jmh(String include) {
        this.include = include;
    }

    /** Benchmarks whose fully qualified name matches {@code includeRegex}. */
    public static Jmh benchmark(String includeRegex) {
        return new Jmh(includeRegex);
    }

    /** Overrides a {@code @Param} with these values. */
    public Jmh param(String name, String... values) {
        params.put(name, values.clone());
        return this;
    }

    /**
     * Overrides a {@code @Param} with these values; an enum constant is passed as its
     * {@linkplain Enum#name() name}, the value JMH gives an enum {@code @Param}.
     */
    public Jmh param(String name, List<?> values) {
        return param(name, values.stream().map(Jmh::paramValue).toArray(String[]::new));
    }

    /**
     * Overrides an enum {@code @Param} with these constants (JMH takes each by its
     * {@linkplain Enum#name() name} and gives it back so, see {@link JmhScore#param(String, Class)}).
     */
    public Jmh param(String name, Enum<?>... values) {
        return param(name, List.of(values));
    }

    /** The {@code @Param} that holds a user's subject id ({@code user:ClassName}) where the subject {@code @Param} is a user stand-in. */
    public static final String USER_PARAM = "user";

    /**
     * Sets a subject {@code @Param} (an enum) that takes built-in subjects and users' subjects: a
     * user's subject is the enum's stand-in constant {@code userConstant} with the user's id
     * ({@code user:ClassName}) in the benchmark's {@value #USER_PARAM} {@code @Param}, which is
     * empty for a built-in subject. The two kinds are measured as two groups of cells in each
     * round, since JMH's cross product would pair every constant with every user id.
     */
    public Jmh subjects(String name, List<? extends Enum<?>> builtIn, Enum<?> userConstant, List<String> userIds) {
        String[] constants = builtIn.stream().map(Jmh::paramValue).toArray(String[]::new);
        params.put(name, constants);
        params.put(USER_PARAM, new String[] {""});
        groups.clear();
        if (!builtIn.isEmpty()) groups.add(Map.of(name, constants, USER_PARAM, new String[] {""}));
        if (!userIds.isEmpty()) groups.add(Map.of(name, new String[] {userConstant.name()}, USER_PARAM, userIds.toArray(String[]::new)));
        return this;
    }

    /**
     * {@link #subjects(String, List, Enum, List)} from subject ids as the experiments' parameters
     * spell them: a user's id ({@code user:ClassName}) goes to the {@value #USER_PARAM} {@code @Param},
     * any other id is {@code parse}d to its constant.
     */
    public <E extends Enum<E>> Jmh subjects(String name, List<String> ids, java.util.function.Function<String, E> parse, E userConstant) {
        List<E> builtIn = ids.stream().filter(id -> !maplab.subject.user.UserSubject.isUserId(id)).map(parse).toList();
        List<String> users = ids.stream().filter(maplab.subject.user.UserSubject::isUserId).toList();
        return subjects(name, builtIn, userConstant, users);
    }

    /** The parameter sets JMH runs, one cross product each: the groups over the common parameters, or the parameters alone. */
    private List<Map<String, String[]>> parameterSets() {
        if (groups.isEmpty()) return List.of(params);
        List<Map<String, String[]>> out = new ArrayList<>();
        for (Map<String, String[]> g : groups) {
            Map<String, String[]> set = new LinkedHashMap<>(params);
            set.putAll(g);
            out.add(set);
        }
        return out;
    }

    /** Every combination of one value per parameter of {@code set} (JMH's cross product). */
    private static List<Map<String, String>> combinations(Map<String, String[]> set) {
        List<Map<String, String>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        set.forEach((name, values) -> {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> c : combos) {
                for (String v : values) {
                    Map<String, String> m = new LinkedHashMap<>(c);
                    m.put(name, v);
                    next.add(m);
                }
            }
            combos.clear();
            combos.addAll(next);
        });
        return combos;
    }

    /** How JMH spells a {@code @Param} value: an enum constant by its name, anything else as a string. */
    private static String paramValue(Object value) {
        return value instanceof Enum<?> e ? e.name() : String.valueOf(value);
    }

    public Jmh settings(Settings s) { this.settings = s; return this; }
    public Jmh mode(Mode m) { this.mode = m; return this; }
    public Jmh timeUnit(TimeUnit u) { this.timeUnit = u; return this; }
    public Jmh threads(int n) { this.threads = n; return this; }
    /** Operations per measured batch (for {@link Mode#SingleShotTime}). */
    public Jmh batchSize(int n) { this.batchSize = n; return this; }
    /** Adds a JMH profiler, e.g. "gc" for {@code gc.alloc.rate.norm}. */
    public Jmh profiler(String name) { profilers.add(name); return this; }
    /** Adds fork JVM arguments after the settings' ones (a later flag wins, e.g. another GC). */
    public Jmh jvmArgsAppend(String... args) { extraJvmArgs.addAll(List.of(args)); return this; }
    /**
     * Tells each fork its round: {@code -D<name>=<round>} is added to the fork's JVM arguments,
     * so a benchmark can draw something per fork (a hash seed, say) from a recorded seed and the
     * round, reproducibly. Off unless asked for.
     */
    public Jmh roundProperty(String name) { this.roundProperty = name; return this; }
    /**
     * Sequential effort: after the settings' forks, keep adding rounds, up to {@code maxForks},
     * to the cells of {@linkplain #compare compared pairs} whose verdict is not settled yet (see
     * {@link #inRounds}). Without compared pairs, or with {@code maxForks} at most the forks, the
     * effort is fixed.
     */
    public Jmh upTo(int maxForks) { this.maxForks = maxForks; return this; }

    /** Declares that a finding compares the cell selected by {@code a} with the one selected by {@code b}. */
    public Jmh compare(Map<String, String> a, Map<String, String> b) { return compare(a, b, 0); }

    /**
     * {@link #compare(Map, Map)} for a finding that declares an equivalence {@code margin} (0.10
     * for ±10%): its cells also stop once the ratio's interval lies wholly inside the margin.
     */
    public Jmh compare(Map<String, String> a, Map<String, String> b, double margin) {
        if (!(margin >= 0 && margin < 10)) throw new IllegalArgumentException("margin: from 0 (none) to below 10 (0.10 for ±10%), got " + margin);
        compared.add(new Compared(Map.copyOf(a), Map.copyOf(b), margin));
        return this;
    }

    /**
     * How the forks start: JDK, options and class path (a run context sets its run's; default
     * {@link ForkSetup#self()}, this JVM's JDK and class path).
     */
    public Jmh forks(ForkSetup setup) {
        if (setup == null) throw new IllegalArgumentException("setup: must be given; allowed: a ForkSetup (ForkSetup.self() for this JVM's)");
        this.forks = setup;
        return this;
    }

    /**
     * Forks this run on {@code jvm} instead of the setup's JVM, with the same class path (an
     * experiment that compares JDKs measures the same cells on several in alternating rounds).
     */
    public Jmh on(TargetJvm jvm) { this.forks = forks.on(jvm); this.jvmChosen = true; return this; }

    /** The JVM the forks run on. */
    public TargetJvm target() { return forks.jvm(); }

    /** Where JMH's JSON and log files go. */
    public Jmh workDir(Path dir) { this.workDir = dir; return this; }
    public Jmh progress(Progress p) { this.progress = p; return this; }
    /** Receives a description of each run (benchmarks, mode, settings, fork JVM arguments, profilers) for meta.json. */
    public Jmh recorder(java.util.function.Consumer<Map<String, Object>> r) { this.recorder = r; return this; }

    /** What this run measures with: for meta.json. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("include", include);
        m.put("mode", mode == null ? "as annotated" : mode.shortLabel());
        m.putAll(settings.asMap());
        m.put("jvm_args", forkJvmArgs());
        m.put("jvm", target().javaExecutable());
        m.put("profilers", List.copyOf(profilers));
        if (!forks.extraClassPath().isEmpty()) m.put("extra_class_path", forks.extraClassPath().stream().map(p -> p.getParent() == null ? p.toString() : p.getParent().getFileName() + "/" + p.getFileName()).toList());   // run-folder relative (subjects/X.jar)
        if (sequential()) {
            m.put("max_forks", maxForks);
            m.put("looks", looks());
            m.put("compared", compared.stream().map(c -> List.of(c.a(), c.b())).toList());
        }
        if (forks.shard().split()) m.put("shard", forks.shard().asMap());
        if (threads != null) m.put("threads", threads);
        m.put("params", listed(params));
        if (!groups.isEmpty()) m.put("param_groups", groups.stream().map(Jmh::listed).toList());
        return m;
    }

    /**
     * The cells this run measures, without running anything: one per matching benchmark (the
     * include pattern itself when the benchmarks are not on the class path) and parameter
     * combination, each with the forks it takes (up to the maximum when sequential) and its
     * seconds of warm-up and measurement per fork ({@code secondsPerShot} per single shot). The
     * options name the JVM when one was chosen with {@link #on} or it is not this JVM's own JDK
     * ({@code --jdk}), so one cell on two JVMs is two cells.
     */
    public List<Plan.Cell> planCells(String part, double secondsPerShot) {
        return planCells(part, params -> secondsPerShot);
    }

    /**
     * {@link #planCells(String, double)} with an estimate of one operation's seconds per cell (by
     * its parameters): a single shot takes that long, and a timed iteration at least that long
     * (JMH finishes the operation it started), which dominates when one operation is a
     * quadratic fill.
     */
    @Override
    public List<Plan.Cell> planCells(String part, java.util.function.ToDoubleFunction<Map<String, String>> secondsPerOp) {
        List<String> benchmarks = matchingBenchmarks();
        if (benchmarks.isEmpty()) benchmarks = List.of(include);
        List<Map<String, String>> combos = new ArrayList<>();
        for (Map<String, String[]> set : parameterSets()) combos.addAll(combinations(set));
        List<String> options = new ArrayList<>();
        if (mode != null) options.add(mode.shortLabel());
        if (threads != null) options.add(threads + " threads");
        if (batchSize != null) options.add("batch " + batchSize);
        if (!extraJvmArgs.isEmpty()) options.add(String.join(" ", extraJvmArgs));
        if (!profilers.isEmpty()) options.add("profilers " + String.join(",", profilers));
        // a run forked on a JVM chosen with on() (jdks: one cell on several JDKs) is another cell on each
        TargetJvm target = target();
        if (jvmChosen || !target.isSelf()) options.add("on JDK " + target.feature() + (target.options().isEmpty() ? "" : " " + String.join(" ", target.options())));
        int max = sequential() ? Math.max(maxForks, settings.forks()) : settings.forks();
        boolean shots = settings.warmupMillis() == 0 && settings.measurementMillis() == 0;
        List<Plan.Cell> out = new ArrayList<>();
        for (String b : benchmarks) {
            for (Map<String, String> c : combos) {
                double op = Math.max(0, secondsPerOp.applyAsDouble(c));
                double perFork = shots ? (settings.warmupIterations() + settings.measurementIterations()) * op
                        : settings.warmupIterations() * Math.max(settings.warmupMillis() / 1000.0, op)
                          + settings.measurementIterations() * Math.max(settings.measurementMillis() / 1000.0, op);
                out.add(new Plan.Cell(part, b, c, String.join(", ", options), settings.forks(), max, perFork));
            }
        }
        return out;
    }

    /**
     * The fork JVM arguments this run will use: the settings' ones, the measuring JVM's extra
     * options ({@link #target()}), then the ones appended here (see {@link TargetJvm#jvmArgs}).
     */
    public List<String> forkJvmArgs() {
        return target().jvmArgs(settings.jvmArgs(), extraJvmArgs);
    }

    /**
     * Runs the benchmarks and returns one score per benchmark and parameter combination.
     *
     * <p>The forks run in <b>rounds</b>: round {@code r} runs one fork of every benchmark and
     * parameter combination (A B C, then A B C again...), so a burst of machine noise lands on
     * every compared subject alike instead of on all forks of one of them. Fork {@code r} of each
     * result is round {@code r}, which lets ratios pair forks by round.
     *
     * @throws MeasurementException when no benchmark matches, a benchmark fails, or no result comes back
     */
    public List<JmhScore> run() {
        return inRounds(List.of(this), new java.util.SplittableRandom(0)).get(0);
    }

    /**
     * Several JMH runs (batches: other thread counts, other modes) measured in alternating
     * rounds: round {@code r} runs one fork of every batch, the batches in a fresh order drawn
     * from {@code order} (a seeded generator), so slow stretches of a shared machine spread over
     * every batch instead of landing on all forks of a few cells. Every batch must ask for the
     * same number of forks. Returns each batch's scores, in the order of {@code batches}.
     */
    public static List<List<JmhScore>> inRounds(List<Jmh> batches, java.util.SplittableRandom order) {
        if (batches.isEmpty()) return List.of();
        int forks = batches.get(0).settings.forks();
        int maxForks = Math.max(forks, batches.get(0).maxForks);
        Shard shard = batches.get(0).forks.shard();   // a run split over machines measures only its rounds
        Deadline deadline = batches.get(0).forks.deadline();
        for (Jmh b : batches) {
            if (b.settings.forks() != forks) throw new IllegalArgumentException("batches: every batch needs the same forks, got " + b.settings.forks() + " and " + forks);
            if (Math.max(forks, b.maxForks) != maxForks) throw new IllegalArgumentException("batches: every batch needs the same maximum forks");
        }
        List<Map<String, JmhScore>> merged = new ArrayList<>();
        List<Map<String, Object>> descriptions = new ArrayList<>();
        int[] cells = new int[batches.size()];
        for (int bi = 0; bi < batches.size(); bi++) {
            merged.add(new LinkedHashMap<>());
            cells[bi] = batches.get(bi).cellCount();
            Jmh b = batches.get(bi);
            // the plan: every round a sequential run may take; rounds it does not need are skipped (counted as done)
            b.progress.addSteps(cells[bi] * (b.sequential() ? maxForks : shard.roundsOf(forks)));
            descriptions.add(b.describe());
            b.recorder.accept(descriptions.get(bi));
        }
        double secondsPerCell = 0;   // wall time of one cell's fork in the latest round: what an added round is estimated from
        String stop = "every round measured";
        int round = 0;
        for (; round < maxForks; round++) {
            if (round < forks && !shard.takes(round)) continue;
            List<List<Jmh>> work = new ArrayList<>();
            for (int i = 0; i < batches.size(); i++) work.add(round < forks ? List.of(batches.get(i)) : batches.get(i).unsettledCells(merged.get(i).values()));
            int open = work.stream().mapToInt(List::size).sum();
            if (round >= forks && open == 0) stop = "every comparison settled after " + round + " rounds";
            else if (round >= forks && !deadline.allows(open * secondsPerCell)) {
                stop = String.format(Locale.ROOT, "time budget: round %d (%d open cells, about %.0f s) would not end within the %.0f s left",
                        round + 1, open, open * secondsPerCell, Math.max(0, deadline.secondsLeft()));
                work.replaceAll(w -> List.of());
            }
            if (round >= forks) skipSettled(batches, work, cells, round, maxForks);
            if (work.stream().allMatch(List::isEmpty)) break;
            long started = System.nanoTime();
            int measured = 0;
            for (int i : shuffled(batches.size(), order)) {
                for (Jmh cell : work.get(i)) {
                    for (JmhScore s : cell.runOneRound(round)) merged.get(i).merge(s.benchmark() + s.params(), s, Jmh::concat);
                    measured += cell.cellCount();
                }
            }
            secondsPerCell = (System.nanoTime() - started) / 1e9 / Math.max(1, measured);
        }
        for (int i = 0; i < batches.size(); i++) {
            if (!batches.get(i).sequential()) continue;
            descriptions.get(i).put("rounds_measured", round);
            descriptions.get(i).put("stopped", stop);
            descriptions.get(i).put("open_cells_at_end", batches.get(i).unsettledCells(merged.get(i).values()).size());
        }
        return merged.stream().map(m -> List.copyOf(m.values())).toList();
    }

    /** How many cells this run measures per round: benchmarks times parameter combinations. */
    private int cellCount() {
        List<String> matching = matchingBenchmarks();
        if (matching.isEmpty()) {
            throw new MeasurementException("no JMH benchmark matches '" + include
                    + "': is lib/bench's benchmarks.jar on the class path? (java.class.path has "
                    + System.getProperty("java.class.path").split(java.io.File.pathSeparator).length + " entries)");
        }
        int combos = 0;
        for (Map<String, String[]> set : parameterSets()) combos += combinations(set).size();
        return matching.size() * combos;
    }

    /** Counts the cells an added round does not measure (settled, or every round left once nothing is) as done in each sequential batch's progress. */
    private static void skipSettled(List<Jmh> batches, List<List<Jmh>> work, int[] cells, int round, int maxForks) {
        boolean nothingLeft = work.stream().allMatch(List::isEmpty);
        for (int i = 0; i < batches.size(); i++) {
            Jmh b = batches.get(i);
            if (!b.sequential()) continue;
            int skipped = nothingLeft ? cells[i] * (maxForks - round) : cells[i] - work.get(i).size();
            if (skipped > 0) b.progress.skipSteps(skipped, "round " + (round + 1) + ": " + skipped + " cells settled or out of time, not measured again");
        }
    }

    /** The batch indexes 0..n-1 in an order drawn from {@code order} (a fresh one every round). */
    private static List<Integer> shuffled(int n, java.util.SplittableRandom order) {
        List<Integer> sequence = new ArrayList<>();
        for (int i = 0; i < n; i++) sequence.add(i);
        for (int i = sequence.size() - 1; i > 0; i--) java.util.Collections.swap(sequence, i, order.nextInt(i + 1));
        return sequence;
    }

    /**
     * True when this run adds rounds to unsettled comparisons (see {@link #upTo}); never in a run
     * split into shards, since no shard sees the others' rounds.
     */
    public boolean sequential() {
        return maxForks > settings.forks() && !compared.isEmpty() && !forks.shard().split();
    }

    /**
     * How many times a sequential run looks at its comparisons: after the settings' forks and
     * after every added round, so {@code maxForks - forks + 1}; 1 for a fixed run.
     */
    public int looks() {
        return sequential() ? maxForks - settings.forks() + 1 : 1;
    }

    /**
     * The cells (as single-cell runs) that still need a round: those of every compared pair
     * whose ratio interval, at the level adjusted for {@link #looks()} (Bonferroni:
     * {@link maplab.stats.Estimates#CONFIDENCE} split over the looks, so stopping early does not
     * inflate false differences), still includes 1. Empty for a fixed run.
     */
    private List<Jmh> unsettledCells(java.util.Collection<JmhScore> scores) {
        if (!sequential()) return List.of();
        java.util.Set<JmhScore> needed = new java.util.LinkedHashSet<>();
        for (Compared c : compared) {
            JmhScore a = cell(scores, c.a());
            JmhScore b = cell(scores, c.b());
            if (a == null || b == null) continue;
            if (!c.settled(maplab.stats.Estimates.ratio(a.measured().forkMeans(), b.measured().forkMeans(), looks()))) {
                needed.add(a);
                needed.add(b);
            }
        }
        List<Jmh> out = new ArrayList<>();
        for (JmhScore s : needed) {
            Jmh one = copy("^" + java.util.regex.Pattern.quote(s.benchmark()) + "$");
            one.params.clear();
            one.groups.clear();
            s.params().forEach((k, v) -> one.params.put(k, new String[] {v}));
            out.add(one);
        }
        return out;
    }

    /** The one score whose parameters (and method, under "benchmark") match {@code selector}; null when none does. */
    static JmhScore cell(java.util.Collection<JmhScore> scores, Map<String, String> selector) {
        for (JmhScore s : scores) {
            boolean match = selector.entrySet().stream().allMatch(e -> e.getKey().equals("benchmark")
                    ? e.getValue().equals(s.method()) : e.getValue().equals(s.params().get(e.getKey())));
            if (match) return s;
        }
        return null;
    }

    /** This run's settings for other benchmarks: same effort, mode, profilers, folder and progress. */
    private Jmh copy(String includeRegex) {
        Jmh c = new Jmh(includeRegex);
        c.params.putAll(params);
        c.groups.addAll(groups);
        c.profilers.addAll(profilers);
        c.extraJvmArgs.addAll(extraJvmArgs);
        c.forks = forks;
        c.jvmChosen = jvmChosen;
        c.roundProperty = roundProperty;
        c.settings = settings;
        c.mode = mode;
        c.timeUnit = timeUnit;
        c.threads = threads;
        c.batchSize = batchSize;
        c.workDir = workDir;
        c.progress = progress;
        return c;
    }

    /** Runs fork number {@code round} of every cell of this run: one JMH run per parameter set. */
    private List<JmhScore> runOneRound(int round) {
        Path dir = workDir != null ? workDir : tempDir();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new MeasurementException("cannot create JMH work folder " + dir + ": " + e.getMessage(), e);
        }
        List<JmhScore> scores = new ArrayList<>();
        for (Map<String, String[]> set : parameterSets()) {
            Path log = newLog(dir);
            Path json = dir.resolve(log.getFileName().toString().replace(".log", ".json"));
            runRound(json, log, set, round);
            List<JmhScore> read = read(json, round);
            if (read.isEmpty()) throw new MeasurementException("JMH benchmark '" + include + "' produced no result" + tail(log));
            scores.addAll(read);
        }
        return scores;
    }

    /** One round of one parameter set: one fork of every matching benchmark and combination of {@code set}. */
    private void runRound(Path json, Path log, Map<String, String[]> set, int round) {
        List<String> jvmArgs = new ArrayList<>(forkJvmArgs());
        if (roundProperty != null) jvmArgs.add("-D" + roundProperty + "=" + round);
        ChainedOptionsBuilder opts = new OptionsBuilder()
                .include(include)
                .forks(1)
                .warmupIterations(settings.warmupIterations())
                .warmupTime(TimeValue.milliseconds(settings.warmupMillis()))
                .measurementIterations(settings.measurementIterations())
                .measurementTime(TimeValue.milliseconds(settings.measurementMillis()))
                .jvm(target().javaExecutable())
                .jvmArgs(jvmArgs.toArray(String[]::new))
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString());
        set.forEach(opts::param);
        profilers.forEach(opts::addProfiler);
        if (mode != null) opts.mode(mode);
        if (timeUnit != null) opts.timeUnit(timeUnit);
        if (threads != null) opts.threads(threads);
        if (batchSize != null) {
            opts.measurementBatchSize(batchSize);
            opts.warmupBatchSize(batchSize);
        }
        try (PrintStream logStream = new PrintStream(Files.newOutputStream(log), true)) {
            OutputFormat format = new ProgressFormat(OutputFormatFactory.createFormatInstance(logStream, VerboseMode.NORMAL), progress);
            runWhenLockFree(new Runner(opts.build(), format));
        } catch (RunnerException e) {
            throw new MeasurementException("JMH benchmark '" + include + "' failed: " + rootMessage(e) + tail(log), e);
        } catch (IOException e) {
            throw new MeasurementException("cannot write JMH log " + log + ": " + e.getMessage(), e);
        }
    }

    /** Parameter values as lists (for meta.json). */
    private static Map<String, List<String>> listed(Map<String, String[]> values) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, List.of(v)));
        return out;
    }

    /** The samples of two rounds of one result, as one result. */
    private static JmhScore concat(JmhScore a, JmhScore b) {
        List<Sample> samples = new ArrayList<>(a.samples());
        samples.addAll(b.samples());
        Map<String, JmhScore.Secondary> secondary = new LinkedHashMap<>(a.secondary());
        b.secondary().forEach((k, v) -> secondary.merge(k, v, (x, y) -> {
            List<Sample> all = new ArrayList<>(x.samples());
            all.addAll(y.samples());
            return new JmhScore.Secondary(x.unit(), all);
        }));
        return new JmhScore(a.benchmark(), a.mode(), a.params(), a.unit(), samples, secondary, a.threads(), a.jvmArgs());
    }

    /** How long to wait for another JMH run (another notebook, another user) to release JMH's lock. */
    static final long LOCK_WAIT_MILLIS = 15 * 60_000L;

    /**
     * How often a waiting run tries the lock again. Short, because a run in rounds releases the
     * lock only briefly between rounds: polling every 2 s, a waiting run rarely hit that gap
     * and timed out behind a long run (e.g. a full-profile sync-variants).
     */
    static final long LOCK_POLL_MILLIS = 100;

    /**
     * Runs when JMH's machine-wide lock is free: two benchmark runs at once would measure
     * each other, so a second run waits (visibly) instead of failing or ignoring the lock.
     */
    private void runWhenLockFree(Runner runner) throws RunnerException {
        long deadline = System.currentTimeMillis() + LOCK_WAIT_MILLIS;
        boolean told = false;
        while (true) {
            try {
                runInterruptibly(runner);
                return;
            } catch (RunnerException e) {
                boolean locked = String.valueOf(rootMessage(e)).contains("JMH lock");
                if (!locked || System.currentTimeMillis() > deadline) throw e;
                if (!told) {
                    progress.note("waiting for another JMH run on this machine to finish (JMH's lock)"); // not a step: the plan counts benchmarks
                    told = true;
                }
                try {
                    Thread.sleep(LOCK_POLL_MILLIS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new MeasurementException("interrupted while waiting for JMH's lock", ie);
                }
            }
        }
    }

    /**
     * Runs JMH on a helper thread and waits for it; if the caller is interrupted (a notebook
     * cell stopped), the forked benchmark JVMs are destroyed, so nothing keeps running.
     */
    private void runInterruptibly(Runner runner) throws RunnerException {
        // the forks' -cp comes from java.class.path: the fork setup adds the run's user jars while JMH forks
        java.util.concurrent.FutureTask<Object> task = new java.util.concurrent.FutureTask<>(() -> forks.whileForking(runner::run));
        Thread thread = new Thread(task, "maplab-jmh");
        thread.setDaemon(true);
        thread.start();
        try {
            task.get();
        } catch (InterruptedException e) {
            task.cancel(true);
            // JMH may start the next fork before it notices: stop forks until its thread ends.
            long until = System.nanoTime() + 20_000_000_000L;
            do {
                destroyForks();
                try {
                    thread.join(100);
                } catch (InterruptedException again) {
                    // keep cleaning up; the interrupt is restored below
                }
            } while (thread.isAlive() && System.nanoTime() < until);
            Thread.currentThread().interrupt();
            throw new MeasurementException("JMH run interrupted; its forked JVMs were stopped", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RunnerException re) throw re;
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new MeasurementException("JMH failed: " + rootMessage(e), e);
        }
    }

    /** Destroys this JVM's child processes that are JMH forks. */
    private static void destroyForks() {
        ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains("org.openjdk.jmh.runner.ForkedMain")).orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
    }

    /** The benchmarks on the class path whose name matches {@code include}. */
    public List<String> matchingBenchmarks() {
        OutputFormat quiet = OutputFormatFactory.createFormatInstance(new PrintStream(PrintStream.nullOutputStream()), VerboseMode.SILENT);
        try {
            return BenchmarkList.defaultList().find(quiet, List.of(include), List.of()).stream()
                    .map(e -> e.getUsername()).distinct().toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** Reads JMH's JSON result file; its forks are numbered from 0. */
    public static List<JmhScore> read(Path json) {
        return read(json, 0);
    }

    /** Reads JMH's JSON result file of round {@code round}: fork {@code f} of the file becomes fork {@code round + f}. */
    static List<JmhScore> read(Path json, int round) {
        List<JmhScore> out = new ArrayList<>();
        if (!Files.exists(json)) return out;
        try {
            JsonNode root = JSON.readTree(json.toFile());
            for (JsonNode b : root) {
                Map<String, String> ps = new LinkedHashMap<>();
                JsonNode pn = b.get("params");
                if (pn != null) pn.fields().forEachRemaining(e -> ps.put(e.getKey(), e.getValue().asText()));
                JsonNode pm = b.get("primaryMetric");
                Map<String, JmhScore.Secondary> secondary = new LinkedHashMap<>();
                JsonNode sm = b.get("secondaryMetrics");
                if (sm != null) sm.fields().forEachRemaining(e -> secondary.put(e.getKey(), new JmhScore.Secondary(
                        e.getValue().path("scoreUnit").asText(), samples(e.getValue(), round))));
                List<String> jvmArgs = new ArrayList<>();
                JsonNode ja = b.get("jvmArgs");
                if (ja != null) for (JsonNode a : ja) jvmArgs.add(a.asText());
                out.add(new JmhScore(b.get("benchmark").asText(), b.get("mode").asText(), ps, pm.path("scoreUnit").asText(),
                        samples(pm, round), secondary, b.path("threads").asInt(1), jvmArgs));
            }
        } catch (IOException e) {
            throw new MeasurementException("cannot read JMH results " + json + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * A metric's raw data ({@code rawData[fork][iteration]}) as samples; a metric without raw
     * data (some profilers) gives its score as one sample per fork JMH reports.
     */
    private static List<Sample> samples(JsonNode metric, int round) {
        List<Sample> out = new ArrayList<>();
        JsonNode raw = metric.get("rawData");
        if (raw != null && raw.size() > 0) {
            int f = 0;
            for (JsonNode fork : raw) {
                int i = 0;
                for (JsonNode v : fork) out.add(new Sample(round + f, i++, number(v)));
                f++;
            }
        } else {
            double score = number(metric.get("score"));
            if (!Double.isNaN(score)) out.add(new Sample(round, 0, score));
        }
        out.removeIf(x -> Double.isNaN(x.value()));
        return out;
    }

    private static double number(JsonNode n) {
        if (n == null || n.isNull()) return Double.NaN;
        if (n.isNumber()) return n.asDouble();
        try {
            return Double.parseDouble(n.asText());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null) r = r.getCause();
        return r.getMessage() == null ? r.toString() : r.getMessage();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            List<String> errors = lines.stream().filter(l -> l.contains("Exception") || l.contains("Error") || l.startsWith("<")).limit(5).toList();
            List<String> shown = errors.isEmpty() ? lines.subList(Math.max(0, lines.size() - 5), lines.size()) : errors;
            return shown.isEmpty() ? "" : " | " + String.join(" | ", shown) + " (log: " + log + ")";
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * A new, empty log file {@code jmh-<n>.log} in {@code dir}, with the first free number (its
     * JSON result is {@code jmh-<n>.json}); created atomically, so two rounds never share one.
     */
    private static Path newLog(Path dir) {
        for (int n = 1; ; n++) {
            Path log = dir.resolve("jmh-" + n + ".log");
            if (Files.exists(log) || Files.exists(dir.resolve("jmh-" + n + ".json"))) continue;
            try {
                return Files.createFile(log);
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                // another round took this number meanwhile: try the next
            } catch (IOException e) {
                throw new MeasurementException("cannot create JMH log in " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("maplab-jmh");
        } catch (IOException e) {
            throw new MeasurementException("cannot create a temporary folder for JMH: " + e.getMessage(), e);
        }
    }

    /** JMH's normal log goes to a file; each benchmark start becomes a progress step. */
    private static final class ProgressFormat implements OutputFormat {
        private final OutputFormat log;
        private final Progress progress;

        ProgressFormat(OutputFormat log, Progress progress) {
            this.log = log;
            this.progress = progress;
        }

        @Override public void iteration(org.openjdk.jmh.infra.BenchmarkParams b, org.openjdk.jmh.infra.IterationParams i, int n) { log.iteration(b, i, n); }
        @Override public void iterationResult(org.openjdk.jmh.infra.BenchmarkParams b, org.openjdk.jmh.infra.IterationParams i, int n, org.openjdk.jmh.results.IterationResult r) { log.iterationResult(b, i, n, r); }
        @Override public void startBenchmark(org.openjdk.jmh.infra.BenchmarkParams b) {
            log.startBenchmark(b);
            StringBuilder label = new StringBuilder(b.getBenchmark().replaceFirst("^.*\\.(\\w+\\.\\w+)$", "$1"));
            for (String key : b.getParamsKeys()) label.append(' ').append(key).append('=').append(b.getParam(key));
            progress.step(label.toString());
        }
        @Override public void endBenchmark(org.openjdk.jmh.results.BenchmarkResult r) { log.endBenchmark(r); }
        @Override public void startRun() { log.startRun(); }
        @Override public void endRun(java.util.Collection<org.openjdk.jmh.results.RunResult> r) { log.endRun(r); }
        @Override public void print(String s) { log.print(s); }
        @Override public void println(String s) { log.println(s); }
        @Override public void flush() { log.flush(); }
        @Override public void close() { log.close(); }
        @Override public void verbosePrintln(String s) { log.verbosePrintln(s); }
        @Override public void write(int b) { log.write(b); }
        @Override public void write(byte[] b) throws IOException { log.write(b); }
    }
}
