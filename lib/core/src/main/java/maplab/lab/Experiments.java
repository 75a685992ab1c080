package maplab.lab;

import maplab.experiments.Experiment;
import maplab.experiments.RunContext;
import maplab.plan.ParamSpec;
import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.plan.Profile;
import maplab.run.RunData;
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
import maplab.measure.Deadline;
import maplab.measure.ForkSetup;
import maplab.measure.Shard;
import maplab.measure.TargetJvm;
import maplab.progress.Progress;
import maplab.conclude.Result;
import maplab.conclude.ResultBuilder;
import maplab.measure.Environment;
import maplab.run.RunFolder;
import maplab.subject.user.UserSubject;

/**
 * The catalog of experiments and the one way to run them, used by notebooks
 * ({@code Experiments.run("merge", Profile.QUICK)}), the CLI and tests. A run checks its
 * parameters before anything is written, measures, and writes a run folder atomically; a run
 * that fails part way still writes what it measured.
 */
public final class Experiments {

    /**
     * The run option naming the JDK that measures (every JMH fork and child JVM): a JDK home or
     * a version such as {@code 25} installed once; default this JVM's JDK, or {@code MAPLAB_JDK}
     * when set (the report runner's {@code --jdk}). Not an experiment parameter: it is recorded
     * in meta.json's environment ({@code measuring_jvm}), not in its params.
     */
    public static final String JDK = "jdk";
    /** The run option with extra options for every measuring JVM (space separated); default none, or {@code MAPLAB_JVM_OPTS}. */
    public static final String JVM_OPTS = "jvm_opts";
    /**
     * The run option that splits a run over machines: {@code "i/N"} measures JMH rounds i, i+N...
     * ({@link Shard}); join the shards with {@link Shards#merge}. Not an experiment parameter.
     */
    public static final String SHARD = "shard";
    /**
     * The run option that bounds a run's time ({@code "5m"}, {@code "90s"}; default none, or
     * {@code MAPLAB_BUDGET}): a plan whose first forks and steps cannot fit is refused before it
     * measures, with what to change; sequential rounds are added only while they fit
     * ({@link Deadline}). Not an experiment parameter: meta.json records it beside the JMH runs.
     */
    public static final String BUDGET = "budget";
    /**
     * Environment variable with the epoch milliseconds at which a notebook's share of a report's
     * budget ends ({@code ./maplab report --budget}): runs stop adding sequential rounds before it.
     * The report checked the plans against its budget before measuring, so no run is refused.
     */
    public static final String DEADLINE_ENV = "MAPLAB_DEADLINE";

    /**
     * System property: when {@code true} (lib/bench's end-to-end tests), a run whose measured
     * rows differ from its plan fails, so a plan cannot drift from what measure does.
     */
    public static final String STRICT_PLAN = "maplab.plan.strict";

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
     * writes a new run folder, and returns the result. Besides the experiment's parameters,
     * {@link #JDK} ({@code "jdk"}) and {@link #JVM_OPTS} ({@code "jvm_opts"}) choose the JVM that
     * measures, e.g. {@code Map.of("jdk", "25", "jvm_opts", "-XX:+UseCompactObjectHeaders")}.
     * When {@code MAPLAB_FROM} names stored run folders ({@code ./maplab report --from}), the newest
     * matching stored run is concluded again instead of measuring ({@link StoredRuns}).
     *
     * @throws IllegalArgumentException    for an unknown id, parameter or bad value, a JDK that is missing, older
     *                                     than 17 or rejects an option (nothing written, nothing measured); with
     *                                     {@code MAPLAB_FROM_STRICT=1}, when no stored run matches
     * @throws ExperimentFailedException   when a measurement failed (partial results written)
     */
    public static Result run(String id, Profile profile, Map<String, ?> params) {
        StoredRuns stored = StoredRuns.fromEnvironment();
        Result r = stored == null ? null : stored.take(id, profile, asText(params), Progress.auto());
        if (r == null) r = run(id, profile, asText(params), null, Progress.auto());
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
        Map<String, String> own = new LinkedHashMap<>(params);
        String jdk = own.containsKey(JDK) ? own.remove(JDK) : System.getenv("MAPLAB_JDK");
        String jvmOpts = own.containsKey(JVM_OPTS) ? own.remove(JVM_OPTS) : System.getenv("MAPLAB_JVM_OPTS");
        Shard shard = own.containsKey(SHARD) ? Shard.parse(own.remove(SHARD)) : Shard.ALL;
        String budget = own.containsKey(BUDGET) ? own.remove(BUDGET) : System.getenv("MAPLAB_BUDGET");
        Double budgetSeconds = budget == null || budget.isBlank() ? null : Deadline.parseSeconds(budget);
        Params resolved = Params.resolve(experiment, profile, own);
        experiment.validate(resolved);
        ForkSetup forks = new ForkSetup(TargetJvm.resolve(jdk, jvmOpts), List.of(), shard);   // chosen once, handed down in the run context
        Plan plan = checkedPlan(experiment, profile, resolved, forks);   // on the measuring JVM: what it offers (collectors) is part of the plan
        String overBudget = budgetSeconds == null ? "" : plan.overBudget(budgetSeconds);
        if (!overBudget.isEmpty()) throw new IllegalArgumentException(overBudget);
        forks = forks.withDeadline(deadline(budgetSeconds));
        int rounds = plan.cells().stream().mapToInt(Plan.Cell::forks).min().orElse(0);
        if (shard.split() && rounds < shard.count()) {
            throw new IllegalArgumentException("shard: " + id + " measures " + rounds + " JMH rounds with these parameters; give at most that many shards, got " + shard);
        }
        List<UserSubject> users = userSubjects(experiment, resolved);
        String dryRunLog = System.getenv(DRY_RUN_ENV);
        if (dryRunLog != null && !dryRunLog.isBlank()) return dryRun(experiment, profile, resolved, plan, forks.jvm(), Path.of(dryRunLog));
        return run(experiment, profile, resolved, plan, forks, users, out, progress);
    }

    private static Result run(Experiment experiment, Profile profile, Params resolved, Plan plan, ForkSetup forks,
                              List<UserSubject> users, Path out, Progress progress) {
        String id = experiment.id();
        RunFolder folder = RunFolder.prepare(id, out);
        List<Path> userJars = users.stream().map(u -> u.writeTo(folder.staging().resolve(SUBJECTS_DIR))).toList();
        RunContext context = new RunContext(experiment, resolved, profile, progress, folder.rawDir(), forks.withClassPath(userJars));
        Instant start = Instant.now();
        Environment environment = Environment.capture(forks.jvm()); // before measuring: an interrupted run records it too
        String error = null;
        boolean interrupted = false;
        progress.start(id + " (" + profile.label() + ")", Math.max(0, experiment.plannedSteps(context)));
        try {
            experiment.measure(context);
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            error = message(e);
            interrupted = isInterrupt(e);
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
        }
        // cleared while what was measured is written and concluded (CSV readers and file channels refuse an interrupted thread), set again on return
        interrupted |= Thread.interrupted();
        ResultBuilder built = context.result();
        if (forks.deadline().limited()) {
            built.note(BUDGET, Map.of("seconds", Math.round(forks.deadline().seconds()),
                    "seconds_left_at_end", Math.round(forks.deadline().secondsLeft()),
                    "rule", "first forks always; sequential rounds only while the next one's estimate fits before the deadline"));
        }
        if (forks.shard().split()) built.note(SHARD, shardNote(forks.shard()));
        // a shard after the first lacks the rows measured once, by design
        String differs = error == null && !plan.rows().isEmpty() && forks.shard().first() ? plan.differences(built.rows()) : "";
        if (!differs.isEmpty()) {
            built.note("plan_differs", differs);
            if (Boolean.getBoolean(STRICT_PLAN)) error = "the rows measured differ from the plan: " + differs;
        }
        folder.writeMeasurements(built);
        String concluded = conclude(experiment, RunData.read(folder.staging(), id, profile, resolved), built, plan.findings());
        if (!forks.shard().split()) foldBetweenRuns(folder.target(), id, profile, built);
        if (concluded != null) error = error == null ? concluded : error + "; " + concluded;
        if (error != null) error = error.replace(folder.staging().toString(), folder.target().toString());
        if (interrupted && error != null && !error.startsWith("interrupted")) error = "interrupted: " + error;
        Result result = new Result(id, profile, resolved, built.table(id), built, environment, start, Instant.now(), error);
        Path dir = folder.commit(result, context.seeds(), DRAWING);
        String summary = result.findings().size() + " findings, run folder " + dir;
        if (error == null) progress.done("done, " + summary);
        else if (interrupted) progress.end(Progress.Outcome.INTERRUPTED, summary);
        else progress.end(Progress.Outcome.FAILED, summary);
        logRun(dir, id);
        if (interrupted) Thread.currentThread().interrupt();
        return result;
    }

    /** The run's deadline: its own budget from now, or the report's notebook deadline ({@link #DEADLINE_ENV}), whichever ends first. */
    private static Deadline deadline(Double budgetSeconds) {
        Deadline own = budgetSeconds == null ? Deadline.NONE : Deadline.in(budgetSeconds);
        String notebook = System.getenv(DEADLINE_ENV);
        if (notebook == null || notebook.isBlank()) return own;
        long endMillis;
        try {
            endMillis = Long.parseLong(notebook.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(DEADLINE_ENV + ": epoch milliseconds expected, got '" + notebook + "'");
        }
        double left = Math.max(0.001, (endMillis - System.currentTimeMillis()) / 1000.0);
        return own.limited() && own.secondsLeft() < left ? own : Deadline.in(left);
    }

    /** What meta.json says of a shard: which one, and what it did not measure. */
    private static Map<String, Object> shardNote(Shard shard) {
        Map<String, Object> m = new LinkedHashMap<>(shard.asMap());
        m.put("rounds", "JMH rounds " + shard.index() + ", " + (shard.index() + shard.count()) + "... (one in every " + shard.count() + ", counted from 1)");
        m.put("sequential_stopping", "off: a shard cannot see the other shards' rounds, so it measures the fixed number of rounds");
        m.put("measured_once", shard.first() ? "what is not a JMH round (in-process counts, child JVM loops) is measured here; merging takes it from this shard"
                : "what is not a JMH round comes from shard 1 when merged; not measured here where the experiment leaves it to shard 1 (presize, key-types, collisions, key-order, iteration, gc, jdks)");
        return m;
    }

    /**
     * The checked plan of a run with these parameters (values as text, as {@link #run} takes
     * them), without measuring: what {@code ./maplab run --dry-run} prints.
     *
     * @throws IllegalArgumentException for bad input, as {@link #run}, and for a plan that
     *                                  measures a cell twice or that conclude cannot read
     */
    public static Plan plan(String id, Profile profile, Map<String, String> params) {
        Experiment experiment = byId(id);
        Map<String, String> own = new LinkedHashMap<>(params);
        String jdk = own.remove(JDK);
        String jvmOpts = own.remove(JVM_OPTS);
        own.remove(SHARD);
        own.remove(BUDGET);
        Params resolved = Params.resolve(experiment, profile, own);
        experiment.validate(resolved);
        return checkedPlan(experiment, profile, resolved, new ForkSetup(TargetJvm.resolve(jdk, jvmOpts), List.of()));
    }

    /** The plan {@code experiment} states for these checked parameters, measuring on this JVM's JDK. */
    public static Plan plan(Experiment experiment, Profile profile, Params params) {
        return plan(experiment, profile, params, ForkSetup.self());
    }

    /** The plan {@code experiment} states for these checked parameters, measuring as {@code forks} says. */
    public static Plan plan(Experiment experiment, Profile profile, Params params, ForkSetup forks) {
        Plan.Builder builder = Plan.builder(experiment, profile, params);
        experiment.plan(builder, RunContext.forPlan(experiment, params, profile, forks));
        return builder.build();
    }

    /**
     * The plan, checked before anything runs: no cell or row twice, and conclude gives every
     * promised finding from synthetic rows of the plan's shape ({@link PlanCheck}).
     *
     * @throws IllegalArgumentException naming the repeated cell or the finding conclude cannot give
     */
    public static Plan checkedPlan(Experiment experiment, Profile profile, Params params) {
        return checkedPlan(experiment, profile, params, ForkSetup.self());
    }

    /** As {@link #checkedPlan(Experiment, Profile, Params)}, measuring as {@code forks} says (what its JDK offers is part of the plan). */
    public static Plan checkedPlan(Experiment experiment, Profile profile, Params params, ForkSetup forks) {
        Plan plan = plan(experiment, profile, params, forks);
        PlanCheck.check(experiment, plan, params);
        return plan;
    }

    /**
     * Environment variable naming a file: when set (by {@code ./maplab report --dry-run}), every
     * run checks its plan, appends one JSON line describing it to that file, and returns a
     * result concluded from synthetic rows of the plan's shape instead of measuring, so a
     * notebook can be executed end to end to learn its runs, their plans and time.
     */
    public static final String DRY_RUN_ENV = "MAPLAB_DRY_RUN";

    private static Result dryRun(Experiment experiment, Profile profile, Params params, Plan plan, TargetJvm measuring, Path log) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("experiment", experiment.id());
        line.put("profile", profile.label());
        line.put("cells", plan.cells().size());
        line.put("forks_min", plan.minForks());
        line.put("forks_max", plan.maxForks());
        line.put("steps", plan.steps().stream().mapToInt(Plan.Step::count).sum());
        line.put("seconds_min", Math.round(plan.minSeconds()));
        line.put("seconds_max", Math.round(plan.maxSeconds()));
        line.put("findings", plan.findings().size());
        line.put("notes", plan.notes());
        try {
            Files.writeString(log, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write the dry run's log " + log, e);
        }
        ResultBuilder built = new ResultBuilder();
        ResultBuilder synthetic = PlanCheck.syntheticRun(plan.rows());
        RunData data = new RunData(experiment.id(), profile, params, maplab.measure.Rows.fromObjects(synthetic.rows(), synthetic.samples()));
        conclude(experiment, data, built, plan.findings());
        built.note("dry_run", "nothing measured: synthetic rows of the plan's shape, to check that the notebook runs");
        Instant now = Instant.now();
        return new Result(experiment.id(), profile, params, synthetic.table(experiment.id()), built, Environment.capture(measuring), now, now, null);
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

    /** Whether {@code e} or one of its causes is an interruption (a cancelled notebook cell, Ctrl-C). */
    static boolean isInterrupt(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InterruptedException || t instanceof java.nio.channels.ClosedByInterruptException) return true;
            if (t.getMessage() != null && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains("interrupted")) return true;
        }
        return false;
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
        Result result = concluded(runDir);
        RunFolder.reconclude(runDir, out, result, DRAWING);
        return result;
    }

    /**
     * The result of a stored run concluded again in memory, as {@link #conclude} computes it,
     * writing nothing: the run folder stays as it is. Its {@link Result#runDir()} is null.
     *
     * @throws IllegalArgumentException when {@code runDir} is not a run folder
     */
    public static Result concluded(Path runDir) {
        List<Path> runs = maplab.run.Reference.combinedRuns(runDir.toAbsolutePath().normalize());
        if (!runs.isEmpty()) {
            // a reference made from several runs: each run concluded alone, then combined
            List<List<maplab.conclude.Finding>> each = runs.stream().map(r -> concluded(r, (data, built) -> { }).findings()).toList();
            List<maplab.conclude.Finding> combined = maplab.conclude.BetweenRun.combineAll(each, runs.stream().map(r -> r.getFileName().toString()).toList());
            return concluded(runDir, (data, built) -> combined.forEach(built::finding));
        }
        return concluded(runDir, (data, built) -> foldBetweenRuns(runDir, data.experiment(), data.profile(), built));
    }

    /**
     * Folds the between-run spread of the experiment's reference into {@code built}'s findings
     * ({@link maplab.run.Reference#fold}), when the reference has one, is of the same profile and
     * is not {@code runDir} itself (or a run inside it); an unreadable reference folds nothing.
     */
    static void foldBetweenRuns(Path runDir, String experiment, Profile profile, ResultBuilder built) {
        maplab.run.Reference reference;
        try {
            reference = maplab.run.Reference.find(maplab.run.Reference.root(), profile.label(), experiment).orElse(null);   // the reference of the run's own profile
        } catch (RuntimeException e) {
            return;
        }
        foldBetweenRuns(reference, runDir, profile, built);
    }

    /** {@link #foldBetweenRuns(Path, String, Profile, ResultBuilder)} with the reference given (null: none). */
    static void foldBetweenRuns(maplab.run.Reference reference, Path runDir, Profile profile, ResultBuilder built) {
        if (reference == null || !profile.label().equals(reference.run().profile())) return;
        if (runDir != null && runDir.toAbsolutePath().normalize().startsWith(reference.run().dir())) return;
        for (maplab.conclude.Finding f : built.findings()) {
            maplab.conclude.Finding folded = reference.fold(f);
            if (folded != f) built.finding(folded);
        }
    }

    /** A stored run concluded in memory, {@code adjust} applied to its findings before the result is made. */
    private static Result concluded(Path runDir, java.util.function.BiConsumer<RunData, ResultBuilder> adjust) {
        maplab.run.StoredRun stored = maplab.run.StoredRun.read("run", runDir);
        RunData data = RunData.read(stored.dir(), Experiments::byId);
        Experiment experiment = byId(data.experiment());
        ResultBuilder built = new ResultBuilder();
        String error = conclude(experiment, data, built, promised(experiment, data));
        adjust.accept(data, built);
        if (stored.meta().get(Shards.MACHINES) instanceof List<?> machines && machines.size() > 1) {
            // shards measured on several machines: each finding says so, the machine being a source of variation
            for (maplab.conclude.Finding f : built.findings()) built.finding(f.where(Shards.MACHINES, machines.size()));
        }
        String measureError = measurementError(stored.meta().get("error"));
        if (measureError != null) error = error == null ? measureError : measureError + "; " + error;
        return new Result(data.experiment(), data.profile(), data.params(), RunData.readTable(stored.dir(), data.experiment()), built,
                Environment.fromMeta(stored.meta()), Instant.parse(stored.start()), Instant.parse(String.valueOf(stored.meta().get("end"))), error);
    }

    /**
     * What went wrong while measuring a stored run, without the part that concluding it added
     * ("concluding failed: ..."): concluding again replaces that part.
     */
    private static String measurementError(Object stored) {
        if (stored == null) return null;
        String text = String.valueOf(stored);
        int at = text.indexOf("concluding failed: ");
        if (at < 0) return text;
        String measured = text.substring(0, at).replaceFirst("[;\\s]+$", "");
        return measured.isEmpty() || measured.equals("interrupted:") ? null : measured;
    }

    /** The findings the plan of a stored run's parameters promises; none when its parameters no longer make a plan. */
    private static List<String> promised(Experiment experiment, RunData data) {
        try {
            return plan(experiment, data.profile(), data.params()).findings();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /**
     * Runs {@code experiment}'s conclusions. One finding that cannot be computed never sinks the
     * others: experiments compute each finding in {@link ResultBuilder#attempt}, and should
     * conclude still stop part way, every {@code promised} finding it did not reach is recorded
     * as {@linkplain maplab.conclude.Finding#notComputed not computed} with the reason. Returns
     * null; a conclusion that failed shows as its not-computed findings, never as a failed run.
     * A promised finding conclude did not give (its rows are missing) is named not computed too.
     * Only when conclude stopped with no promised finding left to blame is the failure returned
     * as the run's error.
     */
    static String conclude(Experiment experiment, RunData data, ResultBuilder out, List<String> promised) {
        try {
            experiment.conclude(data, out);
            List<String> made = out.findings().stream().map(maplab.conclude.Finding::id).toList();
            for (String id : promised) {
                if (!made.contains(id)) out.finding(maplab.conclude.Finding.notComputed(id, "the rows it rests on were not measured in this run"));
            }
            return null;
        } catch (RuntimeException | StackOverflowError e) {
            String reason = "concluding stopped before it: " + message(e);
            List<String> made = out.findings().stream().map(maplab.conclude.Finding::id).toList();
            List<String> lost = promised.stream().filter(id -> !made.contains(id)).toList();
            for (String id : lost) out.finding(maplab.conclude.Finding.notComputed(id, reason));
            return lost.isEmpty() ? "concluding failed: " + message(e) : null;
        }
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /**
     * Environment variable naming a file: when set (by the report runner, kernel/report.py), every
     * run of a notebook appends one line to it, fields separated by tabs: "runDir id" for a run
     * measured now; "copy id from storedDir" for one taken from a stored run ({@link StoredRuns}),
     * where copy is the run concluded again into the runner's temporary folder (beside this file);
     * "(empty) id missing message" when no stored run matched and it is measured instead.
     */
    public static final String RUN_LOG_ENV = "MAPLAB_RUN_LOG";

    /** When {@value #RUN_LOG_ENV} names a file, appends "runDir TAB id" to it. */
    private static void logRun(Path dir, String id) {
        appendToRunLog(dir + "\t" + id);
    }

    /** Under the report runner: that no stored run matched {@code id} ({@code message} says which was sought). */
    static void logMissing(String id, String message) {
        appendToRunLog("\t" + id + "\tmissing\t" + message.replace('\t', ' ').replace('\n', ' '));
    }

    /**
     * Under the report runner: concludes {@code stored} into a new folder beside the run log (the
     * runner's temporary folder, which it copies into the report and then removes) and logs it.
     * Leaves {@code result}'s run folder pointing at that copy; the stored folder is not touched.
     */
    static void logStored(Result result, Path stored) {
        String log = System.getenv(RUN_LOG_ENV);
        if (log == null || log.isBlank()) return;
        try {
            Path copy = Files.createTempDirectory(Path.of(log).toAbsolutePath().getParent(), ".from-").resolve(stored.getFileName());
            RunFolder.reconclude(stored, copy, result, DRAWING);
            appendToRunLog(copy + "\t" + result.experiment() + "\tfrom\t" + stored);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot conclude " + stored + " again for the report beside " + log, e);
        }
    }

    private static void appendToRunLog(String line) {
        String log = System.getenv(RUN_LOG_ENV);
        if (log == null || log.isBlank()) return;
        try {
            Files.writeString(Path.of(log), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
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

    /** How run folders are drawn: the report page below and render's chart images. */
    public static final RunFolder.Drawing DRAWING = new RunFolder.Drawing(Experiments::reportPage, maplab.render.ChartDrawing::png);

    /** A run's report.html: its result beside its experiment's reference of its profile, read here so the page reads nothing. */
    static String reportPage(Result r) {
        return maplab.render.Html.page(r, maplab.run.Reference.lookup(r.experiment(), r.profile().label()));
    }
}
