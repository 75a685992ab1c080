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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import maplab.experiment.Profile;
import maplab.progress.Progress;
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
public final class Jmh {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger RUNS = new AtomicInteger();

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
         * quick: 1 fork, 2x150 ms warm-up, 5x120 ms measured (5 samples keep JMH's 99.9%
         * interval near 4 standard deviations; 3 would make it 18); full: 3 forks, 5x1 s
         * warm-up, 5x1 s measured.
         */
        public static Settings forProfile(Profile profile) {
            return profile == Profile.FULL
                    ? new Settings(3, 5, 1000, 5, 1000, DEFAULT_JVM_ARGS)
                    : new Settings(1, 2, 150, 5, 120, DEFAULT_JVM_ARGS);
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

    /** Overrides a {@code @Param} with these values. */
    public Jmh param(String name, List<?> values) {
        return param(name, values.stream().map(String::valueOf).toArray(String[]::new));
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
        m.put("profilers", List.copyOf(profilers));
        if (threads != null) m.put("threads", threads);
        Map<String, List<String>> ps = new LinkedHashMap<>();
        params.forEach((k, v) -> ps.put(k, List.of(v)));
        m.put("params", ps);
        return m;
    }

    /** The fork JVM arguments this run will use. */
    public List<String> forkJvmArgs() {
        List<String> args = new ArrayList<>(settings.jvmArgs());
        args.addAll(extraJvmArgs);
        // A later GC flag replaces the pinned default rather than clashing with it.
        String lastGc = null;
        for (String a : args) if (a.matches("-XX:\\+Use\\w+GC")) lastGc = a;
        if (lastGc != null) {
            String keep = lastGc;
            args.removeIf(a -> a.matches("-XX:\\+Use\\w+GC") && !a.equals(keep));
        }
        return args;
    }

    /**
     * Runs the benchmarks and returns one score per benchmark and parameter combination.
     *
     * @throws MeasurementException when no benchmark matches, a benchmark fails, or no result comes back
     */
    public List<JmhScore> run() {
        List<String> matching = matchingBenchmarks();
        if (matching.isEmpty()) {
            throw new MeasurementException("no JMH benchmark matches '" + include
                    + "': is lib/bench's benchmarks.jar on the class path? (java.class.path has "
                    + System.getProperty("java.class.path").split(java.io.File.pathSeparator).length + " entries)");
        }
        int combos = 1;
        for (String[] v : params.values()) combos *= v.length;
        progress.addSteps(matching.size() * combos);
        recorder.accept(describe());

        Path dir = workDir != null ? workDir : tempDir();
        int n = RUNS.incrementAndGet();
        Path json = dir.resolve("jmh-" + n + ".json");
        Path log = dir.resolve("jmh-" + n + ".log");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new MeasurementException("cannot create JMH work folder " + dir + ": " + e.getMessage(), e);
        }
        ChainedOptionsBuilder opts = new OptionsBuilder()
                .include(include)
                .forks(settings.forks())
                .warmupIterations(settings.warmupIterations())
                .warmupTime(TimeValue.milliseconds(settings.warmupMillis()))
                .measurementIterations(settings.measurementIterations())
                .measurementTime(TimeValue.milliseconds(settings.measurementMillis()))
                .jvmArgs(forkJvmArgs().toArray(String[]::new))
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString());
        params.forEach(opts::param);
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
        List<JmhScore> scores = read(json);
        if (scores.isEmpty()) {
            throw new MeasurementException("JMH benchmark '" + include + "' produced no result" + tail(log));
        }
        return scores;
    }

    /** How long to wait for another JMH run (another notebook, another user) to release JMH's lock. */
    static final long LOCK_WAIT_MILLIS = 15 * 60_000L;

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
                    progress.step("waiting for another JMH run on this machine to finish (JMH's lock)");
                    told = true;
                }
                try {
                    Thread.sleep(2000);
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
    private static void runInterruptibly(Runner runner) throws RunnerException {
        java.util.concurrent.FutureTask<Object> task = new java.util.concurrent.FutureTask<>(runner::run);
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

    /** Reads JMH's JSON result file. */
    public static List<JmhScore> read(Path json) {
        List<JmhScore> out = new ArrayList<>();
        if (!Files.exists(json)) return out;
        try {
            JsonNode root = JSON.readTree(json.toFile());
            for (JsonNode b : root) {
                Map<String, String> ps = new LinkedHashMap<>();
                JsonNode pn = b.get("params");
                if (pn != null) pn.fields().forEachRemaining(e -> ps.put(e.getKey(), e.getValue().asText()));
                JsonNode pm = b.get("primaryMetric");
                List<Double> samples = new ArrayList<>();
                JsonNode raw = pm.get("rawData");
                if (raw != null) for (JsonNode fork : raw) for (JsonNode v : fork) samples.add(v.asDouble());
                Map<String, JmhScore.Secondary> secondary = new LinkedHashMap<>();
                JsonNode sm = b.get("secondaryMetrics");
                if (sm != null) sm.fields().forEachRemaining(e -> secondary.put(e.getKey(), new JmhScore.Secondary(
                        number(e.getValue().get("score")), number(e.getValue().get("scoreError")), e.getValue().path("scoreUnit").asText())));
                List<String> jvmArgs = new ArrayList<>();
                JsonNode ja = b.get("jvmArgs");
                if (ja != null) for (JsonNode a : ja) jvmArgs.add(a.asText());
                out.add(new JmhScore(b.get("benchmark").asText(), b.get("mode").asText(), ps,
                        number(pm.get("score")), number(pm.get("scoreError")), pm.path("scoreUnit").asText(),
                        samples, secondary, b.path("threads").asInt(1), b.path("forks").asInt(1), jvmArgs));
            }
        } catch (IOException e) {
            throw new MeasurementException("cannot read JMH results " + json + ": " + e.getMessage(), e);
        }
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
