package maplab.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import maplab.measure.ChildClassPath;
import maplab.progress.Progress;
import maplab.result.Result;
import maplab.result.ResultBuilder;
import maplab.run.Environment;
import maplab.run.RunFolder;
import maplab.subject.user.UserSubject;

/**
 * The catalog of experiments and the one way to run them, used by notebooks
 * ({@code Experiments.run("merge", Profile.QUICK)}), the CLI and tests. A run checks its
 * parameters before anything is written, measures, and writes a run folder atomically; a run
 * that fails part way still writes what it measured.
 */
public final class Experiments {

    private Experiments() { }

    /** Every experiment, in the order of the notebooks. */
    public static List<Experiment> all() {
        return Catalog.ALL;
    }

    /** The ids, in catalog order. */
    public static List<String> ids() {
        return all().stream().map(Experiment::id).toList();
    }

    /** The experiment with this id; otherwise an {@link IllegalArgumentException} listing the ids. */
    public static Experiment byId(String id) {
        return all().stream().filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("experiment: unknown id '" + id + "'; allowed: " + String.join(", ", ids())));
    }

    /** Runs with the profile from {@code MAPLAB_PROFILE} (quick when unset) and default parameters. */
    public static Result run(String id) {
        return run(id, Profile.fromEnvironment());
    }

    /** Runs with default parameters. */
    public static Result run(String id, Profile profile) {
        return run(id, profile, Map.of());
    }

    /**
     * Runs with some parameters set (values as text or numbers, lists as "a,b" or a List),
     * writes a new run folder, and returns the result.
     *
     * @throws IllegalArgumentException    for an unknown id, parameter or bad value (nothing written)
     * @throws ExperimentFailedException   when a measurement failed (partial results written)
     */
    public static Result run(String id, Profile profile, Map<String, ?> params) {
        Result r = run(id, profile, asText(params), null, Progress.auto());
        if (!r.succeeded()) throw new ExperimentFailedException(r, null);
        return r;
    }

    /**
     * The full form used by the CLI: returns the result even when it failed (check
     * {@link Result#succeeded()}); bad input is an {@link IllegalArgumentException} before
     * anything is written.
     */
    public static Result run(String id, Profile profile, Map<String, String> params, Path out, Progress progress) {
        Experiment experiment = byId(id);
        Params resolved = Params.resolve(experiment, profile, params);
        experiment.validate(resolved);
        List<UserSubject> users = userSubjects(experiment, resolved);
        RunFolder folder = RunFolder.prepare(id, out);
        RunContext context = new RunContext(experiment, resolved, profile, progress, folder.rawDir());
        Instant start = Instant.now();
        String error = null;
        progress.start(id + " (" + profile.label() + ")", 0);
        List<Path> userJars = users.stream().map(u -> u.writeTo(folder.staging().resolve(SUBJECTS_DIR))).toList();
        try (ChildClassPath.Scope scope = ChildClassPath.extend(userJars)) {
            experiment.measure(context);
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            error = message(e);
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
        }
        ResultBuilder built = context.result();
        folder.writeMeasurements(built);
        String concluded = conclude(experiment, RunData.read(folder.staging(), id, profile, resolved), built);
        if (concluded != null) error = error == null ? concluded : error + "; " + concluded;
        if (error != null) error = error.replace(folder.staging().toString(), folder.target().toString());
        Result result = new Result(id, profile, resolved, built.table(id), built, Environment.capture(), start, Instant.now(), error);
        Path dir = folder.commit(result, context.seeds());
        progress.done((error == null ? "done" : "FAILED") + ", " + result.findings().size() + " findings, run folder " + dir);
        logRun(dir, id);
        return result;
    }

    /** The folder of a run folder that holds the user subjects' jars and sources. */
    public static final String SUBJECTS_DIR = "subjects";

    /**
     * The user subjects named by the run's {@code user_subjects}-kind parameters, each compiled in
     * this JVM and keeping the map contract (seeded by the run's seed) before anything is written
     * or measured.
     *
     * @throws IllegalArgumentException for an unknown subject or the first contract violation (with its operations)
     */
    static List<UserSubject> userSubjects(Experiment experiment, Params params) {
        List<UserSubject> out = new java.util.ArrayList<>();
        for (ParamSpec spec : Params.specsOf(experiment)) {
            if (spec.kind() != ParamSpec.Kind.USER_SUBJECTS) continue;
            for (String id : params.getStrings(spec.name())) {
                UserSubject u = UserSubject.byId(spec.name(), id);
                if (!spec.userFacades().contains(u.facade().getName())) {
                    throw new IllegalArgumentException("parameter '" + spec.name() + "': user subject '" + id + "' implements " + u.facade().getName()
                            + "; allowed: user subjects implementing " + String.join(" or ", spec.userFacades()));
                }
                if (!out.contains(u)) out.add(u);
            }
        }
        for (UserSubject u : out) u.checkContract(params.seed());
        return out;
    }

    /**
     * Recomputes the findings, tables, charts and report of a stored run from its
     * results.csv, samples.csv and meta.json, without measuring: into {@code out} (a new or
     * empty folder, which gets a copy of the measurements) or, when {@code out} is null, into
     * the run folder itself (only derived files are replaced, in one swap).
     *
     * @throws IllegalArgumentException when {@code runDir} is not a run folder or {@code out} is not new
     */
    public static Result conclude(Path runDir, Path out) {
        maplab.run.StoredRun stored = maplab.run.StoredRun.read("run", runDir);
        RunData data = RunData.read(stored.dir());
        Experiment experiment = byId(data.experiment());
        ResultBuilder built = new ResultBuilder();
        String error = conclude(experiment, data, built);
        Object measureError = stored.meta().get("error");
        if (measureError != null) error = error == null ? String.valueOf(measureError) : measureError + "; " + error;
        Result result = new Result(data.experiment(), data.profile(), data.params(), RunData.readTable(stored.dir(), data.experiment()), built,
                Environment.fromMeta(stored.meta()), Instant.parse(stored.start()), Instant.parse(String.valueOf(stored.meta().get("end"))), error);
        RunFolder.reconclude(stored.dir(), out, result);
        return result;
    }

    /** Runs {@code experiment}'s conclusions; returns null, or what went wrong (the findings made before it stay). */
    private static String conclude(Experiment experiment, RunData data, ResultBuilder out) {
        try {
            experiment.conclude(data, out);
            return null;
        } catch (RuntimeException | StackOverflowError e) {
            return "concluding failed: " + message(e);
        }
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** When {@code MAPLAB_RUN_LOG} names a file (set by the report runner), appends "runDir TAB id" to it. */
    private static void logRun(Path dir, String id) {
        String log = System.getenv("MAPLAB_RUN_LOG");
        if (log == null || log.isBlank()) return;
        try {
            Files.writeString(Path.of(log), dir + "\t" + id + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // the run folder is written; only the report's cross-reference is missing
        }
    }

    private static Map<String, String> asText(Map<String, ?> params) {
        Map<String, String> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, v instanceof List<?> l
                ? l.stream().map(String::valueOf).collect(Collectors.joining(","))
                : String.valueOf(v)));
        return out;
    }
}
