package maplab.lab;

import maplab.plan.Home;
import maplab.run.Reference;
import maplab.run.RunFolder;
import maplab.run.StoredRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import maplab.experiments.Experiment;
import maplab.plan.Params;
import maplab.plan.Profile;
import maplab.progress.Progress;
import maplab.conclude.Result;

/**
 * Run folders after the fact, for notebooks and the CLI: compare two runs, promote a run to
 * reference, find an experiment's reference, and see whether findings reproduce
 * ({@code Runs.stability("merge", 3, Profile.QUICK, Map.of())}). In a notebook
 * {@code Runs.compare(a, b)} renders as the comparison (ratios, verdicts, chart).
 */
public final class Runs {

    private Runs() { }

    /** Run B against run A; each a folder path, or a folder name under {@code runs/}. */
    public static Comparison compare(String runA, String runB) {
        return Comparison.of(resolve(runA), resolve(runB));
    }

    /** Run B against run A. */
    public static Comparison compare(Path runA, Path runB) {
        return Comparison.of(runA, runB);
    }

    /**
     * Three or more runs of one experiment side by side (labelled A, B, C... in this order):
     * per metric each run's value and interval, ranks and statistically tied groups; each a
     * folder path, or a folder name under {@code runs/}.
     */
    public static MultiComparison compare(String runA, String runB, String runC, String... more) {
        List<Path> dirs = new ArrayList<>(List.of(resolve(runA), resolve(runB), resolve(runC)));
        for (String m : more) dirs.add(resolve(m));
        return MultiComparison.of(dirs);
    }

    /** As {@link #compare(String, String, String, String...)}, for paths. */
    public static MultiComparison compare(Path runA, Path runB, Path runC, Path... more) {
        List<Path> dirs = new ArrayList<>(List.of(runA, runB, runC));
        dirs.addAll(List.of(more));
        return MultiComparison.of(dirs);
    }

    /** Two or more runs of one experiment side by side, as {@link MultiComparison} (also for two). */
    public static MultiComparison compareAll(List<Path> runDirs) {
        return MultiComparison.of(runDirs);
    }

    /**
     * Recomputes a stored run's findings, tables, charts and report from its results.csv,
     * samples.csv and meta.json, without measuring, in place (only derived files are replaced);
     * a folder path, or a folder name under {@code runs/}.
     */
    public static maplab.conclude.Result conclude(String runDir) {
        return maplab.lab.Experiments.conclude(resolve(runDir), null);
    }

    /** {@link #conclude(String)} into a new or empty folder {@code out}, leaving the run as it is. */
    public static maplab.conclude.Result conclude(Path runDir, Path out) {
        return maplab.lab.Experiments.conclude(runDir, out);
    }

    /** Makes a completed run folder its experiment's reference for its profile; returns the reference folder. */
    public static Path promote(Path runDir) {
        return promote(List.of(runDir));
    }

    /**
     * Makes a reference from one run, or from several independent runs (at least 3; one
     * experiment, profile and parameters; other sessions or machines): the first run's data, every
     * run's data under {@code runs/}, and findings that combine the runs with their between-run
     * spread ({@link maplab.run.CombinedReference}), filed under the runs' own profile.
     */
    public static Path promote(List<Path> runDirs) {
        if (runDirs.size() == 1) {
            Path target = Reference.promote(runDirs.get(0), Reference.root());
            // a run whose findings include the old reference's spread is concluded again as the reference it now is
            boolean folded = maplab.run.StoredRun.read("reference", target).findings().stream().anyMatch(f -> f.betweenRun() != null && f.betweenRun().folded());
            if (folded) Experiments.conclude(target, null);
            return target;
        }
        return maplab.run.CombinedReference.promote(runDirs, Reference.root(), dir -> Experiments.conclude(dir, null));
    }

    /**
     * Promotes every completed run folder directly inside {@code folder} (e.g. one quick run of
     * each experiment), each under its own profile; returns the reference folders. Checks all
     * before promoting any.
     *
     * @throws IllegalArgumentException when {@code folder} holds no run folder, a failed one, or two runs of one experiment and profile
     */
    public static List<Path> promoteAll(Path folder, Path base) {
        List<Path> runs = runFoldersIn(folder);
        Map<String, Path> seen = new LinkedHashMap<>();
        for (Path run : runs) {
            StoredRun r = StoredRun.read("folder", run);
            if (!r.succeeded()) throw new IllegalArgumentException("folder: '" + run + "' is a failed run; allowed: completed run folders only");
            Path before = seen.put(r.experiment() + " (" + r.profile() + ")", run);
            if (before != null) {
                throw new IllegalArgumentException("folder: two runs of " + r.experiment() + " (" + r.profile() + ") in '" + folder + "': "
                        + before.getFileName() + " and " + run.getFileName() + "; allowed: one run per experiment and profile");
            }
        }
        return runs.stream().map(run -> Reference.promote(run, base)).toList();
    }

    private static List<Path> runFoldersIn(Path folder) {
        if (!Files.isDirectory(folder)) throw new IllegalArgumentException("folder: '" + folder + "' does not exist or is not a folder");
        try (var children = Files.list(folder)) {
            List<Path> runs = children.filter(c -> !c.getFileName().toString().startsWith(".") && Files.isRegularFile(c.resolve("meta.json")))
                    .sorted().toList();
            if (runs.isEmpty()) throw new IllegalArgumentException("folder: '" + folder + "' holds no run folder (none with a meta.json)");
            return runs;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("folder: cannot list '" + folder + "' (" + e.getMessage() + ")");
        }
    }

    /** The full-profile reference run folder of {@code experiment}, if there is one. */
    public static Optional<Path> reference(String experiment) {
        return reference(experiment, Reference.FULL);
    }

    /** The reference run folder of {@code experiment} for runs of {@code profile} ("quick", "full"), if there is one. */
    public static Optional<Path> reference(String experiment, String profile) {
        return Reference.find(Reference.root(), profile, experiment).map(r -> r.run().dir());
    }

    /** A path as given when it exists, else the folder of that name under {@code runs/} when that exists, else the path as given. */
    public static Path resolve(String runDir) {
        Path p = Path.of(runDir);
        if (Files.exists(p)) return p;
        Path underRuns = Home.runs().resolve(runDir);
        return Files.exists(underRuns) ? underRuns : p;
    }

    /** Fewest and most runs a stability check makes. */
    public static final int MIN_STABILITY_RUNS = 2;
    public static final int MAX_STABILITY_RUNS = 20;

    /**
     * Runs {@code id} {@code k} times with one configuration (each a normal run folder under
     * {@code runs/}), then writes stability.html and stability.csv into a new folder
     * {@code runs/<UTC timestamp>-stability-<id>/} and returns the stability of the findings.
     *
     * @throws IllegalArgumentException  for an unknown id, parameter or value, or {@code k} outside 2..20 (nothing run)
     * @throws ExperimentFailedException when a run failed (the runs before it stay in runs/)
     */
    public static Stability stability(String id, int k, Profile profile, Map<String, ?> params) {
        Map<String, String> text = new LinkedHashMap<>();
        params.forEach((name, v) -> text.put(name, v instanceof List<?> l ? l.stream().map(String::valueOf).collect(Collectors.joining(",")) : String.valueOf(v)));
        Stability s = stability(id, k, profile, text, Progress.auto(), line -> { });
        s.write(RunFolder.newFolderUnderRuns("stability-" + id));
        return s;
    }

    /**
     * The form the CLI uses: checks everything first, then runs {@code k} times, telling
     * {@code log} as each run starts and ends; writes nothing but the run folders.
     */
    public static Stability stability(String id, int k, Profile profile, Map<String, String> params, Progress progress, Consumer<String> log) {
        checkStability(id, k, profile, params);
        List<Path> dirs = new ArrayList<>();
        for (int i = 1; i <= k; i++) {
            log.accept("stability: run " + i + " of " + k + " of " + id + " (" + profile.label() + ")");
            Result r = Experiments.run(id, profile, params, null, progress);
            if (!r.succeeded()) throw new ExperimentFailedException(r, null);
            dirs.add(r.runDir());
            log.accept("stability: run " + i + " of " + k + " done: " + r.runDir());
        }
        return Stability.of(dirs);
    }

    /** Rejects an unknown id, bad parameters, or {@code k} outside 2..20, before anything runs. */
    static void checkStability(String id, int k, Profile profile, Map<String, String> params) {
        if (k < MIN_STABILITY_RUNS || k > MAX_STABILITY_RUNS) {
            throw new IllegalArgumentException("runs: must be a whole number from " + MIN_STABILITY_RUNS + " to " + MAX_STABILITY_RUNS + ", got " + k);
        }
        Experiment experiment = Experiments.byId(id);
        Map<String, String> own = new LinkedHashMap<>(params);
        maplab.measure.TargetJvm.resolve(own.remove(Experiments.JDK), own.remove(Experiments.JVM_OPTS));
        own.remove(Experiments.BUDGET);
        experiment.validate(Params.resolve(experiment, profile, own));
    }

    /** The stability of findings in stored run folders of one experiment (each a path, or a folder name under {@code runs/}). */
    public static Stability stability(List<String> runDirs) {
        return Stability.of(runDirs.stream().map(Runs::resolve).toList());
    }
}
