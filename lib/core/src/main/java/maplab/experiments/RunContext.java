package maplab.experiments;

import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.plan.Profile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import maplab.measure.ChildJvm;
import maplab.measure.ForkSetup;
import maplab.measure.Jmh;
import maplab.progress.Progress;
import maplab.conclude.ResultBuilder;

/**
 * Everything one run of an experiment needs: its checked parameters, the profile, a progress
 * display, the result being built, a work folder inside the run folder, how measuring JVMs start
 * ({@link ForkSetup}: the JDK of {@code --jdk} with {@code --jvm-opts}, the class path with the
 * user's jars), JMH and child JVMs preconfigured with it and the profile, and seeds derived from
 * the run's root seed (each one recorded in meta.json).
 */
public final class RunContext {

    private final Experiment experiment;
    private final Params params;
    private final Profile profile;
    private final Progress progress;
    private final ResultBuilder result = new ResultBuilder();
    private final Path workDir;
    private final ForkSetup forks;
    private final Map<String, Long> seeds = new LinkedHashMap<>();

    public RunContext(Experiment experiment, Params params, Profile profile, Progress progress, Path workDir, ForkSetup forks) {
        if (forks == null) throw new IllegalArgumentException("forks: must be given; allowed: a ForkSetup (ForkSetup.self() for this JVM's)");
        this.experiment = experiment;
        this.params = params;
        this.profile = profile;
        this.progress = progress;
        this.workDir = workDir;
        this.forks = forks;
    }

    /**
     * A context for building a {@link Plan}: the same parameters, profile, measuring JVM and seeds
     * as a run, so {@link #jmh} gives the same cells, but nothing is measured and no folder is written.
     */
    public static RunContext forPlan(Experiment experiment, Params params, Profile profile, ForkSetup forks) {
        return new RunContext(experiment, params, profile, Progress.SILENT, Path.of(System.getProperty("java.io.tmpdir"), "maplab-plan"), forks);
    }

    public Experiment experiment() { return experiment; }
    public Params params() { return params; }
    public Profile profile() { return profile; }
    public Progress progress() { return progress; }
    public ResultBuilder result() { return result; }
    /** A folder inside the run folder for raw files (JMH JSON and logs, JFR recordings...). */
    public Path workDir() { return workDir; }

    /** How this run's measuring JVMs start: JDK, options, class path (with the user's jars). */
    public ForkSetup forks() { return forks; }

    /**
     * Which JMH rounds this run measures (all unless split over machines with {@code --shard}).
     * What is not a JMH round (in-process counts, child JVM loops) is measured only when
     * {@link maplab.measure.Shard#first()}, so merged shards hold it once.
     */
    public maplab.measure.Shard shard() { return forks.shard(); }

    /** The feature version (17, 25...) of the JDK this run measures on: what it offers (collectors...) follows it. */
    public int jdkFeature() { return forks.jvm().feature(); }

    /** Child JVMs of this run, on its measuring JDK and class path. */
    public ChildJvm childJvm() { return ChildJvm.of(forks); }

    /**
     * A seed for one purpose ("keys", "shuffle", "probe-map"...), derived from the root seed
     * so that runs repeat exactly, and recorded.
     */
    public synchronized long seed(String purpose) {
        return seeds.computeIfAbsent(purpose, p -> new SplittableRandom(params.seed() ^ (p.hashCode() * 0x9E3779B97F4A7C15L)).nextLong());
    }

    /** A random generator seeded by {@link #seed(String)}. */
    public SplittableRandom random(String purpose) {
        return new SplittableRandom(seed(purpose));
    }

    /** Every seed used, root first, for meta.json. */
    public synchronized Map<String, Long> seeds() {
        Map<String, Long> all = new LinkedHashMap<>();
        all.put("root", params.seed());
        all.putAll(seeds);
        return all;
    }

    /**
     * JMH for benchmarks matching {@code includeRegex}, with the effort of {@code part} (the
     * parameter {@code <part>_effort}), this run's work folder and progress.
     */
    public Jmh jmh(String includeRegex, String part) {
        maplab.plan.Effort effort = params.getEffort(part);
        return jmh(includeRegex).settings(Jmh.Settings.forProfile(profile).with(effort)).upTo(effort.maxForks());
    }

    /** JMH for benchmarks matching {@code includeRegex}, with this profile's settings, work folder and progress. */
    public Jmh jmh(String includeRegex) {
        return Jmh.benchmark(includeRegex).forks(forks).settings(Jmh.Settings.forProfile(profile))
                .workDir(workDir.resolve("jmh")).progress(progress).recorder(this::recordJmhRun);
    }

    private final java.util.List<Map<String, Object>> jmhRuns = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    private void recordJmhRun(Map<String, Object> description) {
        jmhRuns.add(description);
        result.note("jmh_runs", java.util.List.copyOf(jmhRuns));
    }

    /** Throws if the run was interrupted (a notebook cell stopped): long loops call this. */
    public void checkInterrupted() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) throw new InterruptedException(experiment.id() + " interrupted");
    }
}
