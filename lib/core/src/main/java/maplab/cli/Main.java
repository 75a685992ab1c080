package maplab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import maplab.experiments.Experiment;
import maplab.lab.Experiments;
import maplab.plan.ParamSpec;
import maplab.plan.Params;
import maplab.plan.Profile;
import maplab.progress.TerminalProgress;
import maplab.conclude.Finding;
import maplab.conclude.Result;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * maplab's command line: {@code run <id> [--profile quick|full|smoke] [--set name=value]... [--out DIR]},
 * {@code list}, {@code compare <runA> <runB> [--out DIR]}, {@code promote <runDir>...}, {@code conclude <runDir>},
 * {@code stability <id> [--runs K]} (or {@code --from RUN...}) and the hidden {@code index} (the report's index page). Exit codes: 0 success, 1 a measurement failed (what was measured before is
 * kept), 2 bad input (one line naming the parameter and what is allowed).
 */
@Command(name = "maplab", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "A Java lab for hash-map behaviour.",
        subcommands = {Main.Run.class, Main.ListCommand.class, Main.Compare.class, Main.Promote.class, Main.Conclude.class, Main.Merge.class,
                Main.StabilityCommand.class, Main.Index.class, Main.Jvm.class, ClaimsCommand.class, SubmitCommand.class})
public final class Main implements Callable<Integer> {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;

    /** Entry point of {@code ./maplab run|list}. */
    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns the exit code (tests call this). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("maplab: " + oneLine(e.getMessage()));
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof maplab.subject.user.UserSubjectException u) {
                err.println("maplab: " + oneLine(u.headline()));   // one line, then javac's diagnostics
                u.diagnostics().forEach(err::println);
                return BAD_INPUT;
            }
            if (e instanceof IllegalArgumentException) {
                err.println("maplab: " + oneLine(e.getMessage()));
                return BAD_INPUT;
            }
            err.println("maplab: failed: " + oneLine(String.valueOf(e)));
            return FAILED;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return OK;
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    /** {@code maplab run <id> [--jdk PATH|VERSION] [--jvm-opts OPTIONS]}. */
    @Command(name = "run", description = "Run one experiment and write a run folder.")
    static final class Run implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID", description = "experiment id (see 'maplab list')")
        String id;

        @Option(names = "--profile", paramLabel = "quick|full|smoke", description = "effort: quick (default), full, or smoke (proves it runs; numbers say nothing)")
        String profile = "quick";

        @Option(names = "--set", paramLabel = "NAME=VALUE", description = "set a parameter (repeatable)")
        List<String> sets = List.of();

        @Option(names = "--out", paramLabel = "DIR", description = "write the run folder here (must be new or empty)")
        Path out;

        @Option(names = "--subject", paramLabel = "FILE.java|FILE.jsh", description = {"your own map, hash, key type or shared map as a subject (repeatable):",
                "a public class with a public no-argument constructor implementing maplab.subject.intmap.LongMap (key-order, merge),",
                "maplab.subject.probe.LongHash (ProbeMap with your hash: key-order, merge), maplab.subject.keys.KeySource",
                "(key-types, collisions) or maplab.subject.concurrent.SharedMap (sync-variants); compiled, checked (map contract,",
                "deterministic hash, equals/hashCode, concurrent check), then timed beside the built-in subjects"})
        List<Path> subjects = List.of();

        @Option(names = "--jdk", paramLabel = "PATH|VERSION", description = "the JDK that measures (every JMH fork and child JVM): "
                + "a JDK home, or a version such as 25 installed once; default the JDK running maplab (or MAPLAB_JDK)")
        String jdk;

        @Option(names = "--jvm-opts", paramLabel = "OPTIONS", description = "extra options for every measuring JVM, separated by "
                + "spaces, e.g. --jvm-opts=-XX:+UseCompactObjectHeaders (or MAPLAB_JVM_OPTS)")
        String jvmOpts;

        @Option(names = "--dry-run", description = "print the plan (JMH cells and forks, other steps, the findings it promises) with an "
                + "estimate of its time, check it (no cell twice, conclude can read it), and exit without measuring")
        boolean dryRun;

        @Option(names = "--shard", paramLabel = "i/N", description = {"measure only JMH rounds i, i+N, ... (one shard of a run split over N machines,",
                "a fixed number of rounds; what is not a JMH round only in shard 1); join the shards with 'maplab merge'"})
        String shard;

        @Option(names = "--budget", paramLabel = "TIME", description = {"time budget of the run, e.g. 90s, 5m (or MAPLAB_BUDGET): a plan whose first forks",
                "cannot fit is refused before measuring, with what to change; sequential rounds are added only while they fit"})
        String budget;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Profile p = Profile.parse(profile);
            Map<String, String> params = new LinkedHashMap<>();
            for (String s : sets) {
                int eq = s.indexOf('=');
                if (eq <= 0) throw new IllegalArgumentException("--set: expected NAME=VALUE, got '" + s + "'");
                String name = s.substring(0, eq).trim();
                if (name.equals(Experiments.JDK) || name.equals(Experiments.JVM_OPTS) || name.equals(Experiments.SHARD) || name.equals(Experiments.BUDGET)) {
                    throw new IllegalArgumentException("--set: '" + name + "' is a run option; use --" + name.replace('_', '-') + " instead");
                }
                params.put(name, s.substring(eq + 1).trim());
            }
            if (!subjects.isEmpty()) addSubjects(params);
            if (jdk != null) params.put(Experiments.JDK, jdk);
            if (jvmOpts != null) params.put(Experiments.JVM_OPTS, jvmOpts);
            if (shard != null) params.put(Experiments.SHARD, maplab.measure.Shard.parse(shard).toString());   // bad spec: one line, before anything runs
            if (budget != null) params.put(Experiments.BUDGET, Math.round(maplab.measure.Deadline.parseSeconds(budget)) + "s");
            if (dryRun) {
                spec.commandLine().getOut().print(Experiments.plan(id, p, params).describe());
                spec.commandLine().getOut().flush();
                return OK;
            }
            Result r = interruptibleOnCtrlC(() -> Experiments.run(id, p, params, out, new TerminalProgress(System.err)));
            PrintWriter o = spec.commandLine().getOut();
            o.println(findingsTable(r.findings()));
            o.println("run folder: " + r.runDir());
            o.println("report:     " + r.runDir().resolve("report.html"));
            o.flush();
            sayNotComputed(r, spec.commandLine().getErr());
            if (!r.succeeded()) {
                spec.commandLine().getErr().println("maplab: " + id + " failed: " + oneLine(r.error()) + " (what was measured before is in the run folder)");
                return FAILED;
            }
            return OK;
        }

        /**
         * Compiles each {@code --subject} file and adds its id to the experiment's user-subjects
         * parameter that takes the facade the class implements (a map or hash: {@code user_subjects};
         * a key type: {@code user_key_types}; a shared map: {@code user_shared_maps}).
         */
        private void addSubjects(Map<String, String> params) {
            Experiment e = Experiments.byId(id);
            List<maplab.plan.ParamSpec> specs = Params.specsOf(e).stream().filter(s -> s.kind() == maplab.plan.ParamSpec.Kind.USER_SUBJECTS).toList();
            if (specs.isEmpty()) {
                throw new IllegalArgumentException("--subject: experiment '" + id + "' takes no user subjects; allowed for: " + String.join(", ", takers(null)));
            }
            for (Path file : subjects) {
                maplab.subject.user.UserSubject u = maplab.subject.user.UserSubject.fromFile(file);
                String facade = u.facade().getName();
                maplab.plan.ParamSpec spec = specs.stream().filter(s -> s.userFacades().contains(facade)).findFirst().orElseThrow(() ->
                        new IllegalArgumentException("--subject: " + u.className() + " implements " + facade + ", which experiment '" + id
                                + "' does not take; allowed for it: " + String.join(", ", takers(facade))));
                List<String> ids = new java.util.ArrayList<>();
                String given = params.getOrDefault(spec.name(), "none");
                if (!given.isBlank() && !given.equalsIgnoreCase("none")) ids.add(given);
                ids.add(u.id());
                params.put(spec.name(), String.join(",", ids));
            }
        }

        /** The experiments that take user subjects (of {@code facade}, when not null). */
        private static List<String> takers(String facade) {
            return Experiments.all().stream().filter(x -> Params.specsOf(x).stream().anyMatch(s -> s.kind() == maplab.plan.ParamSpec.Kind.USER_SUBJECTS
                    && (facade == null || s.userFacades().contains(facade)))).map(Experiment::id).toList();
        }
    }

    static final String USER_SUBJECTS = "user_subjects";

    /** {@code maplab list}. */
    @Command(name = "list", description = "List the experiments and their parameters.")
    static final class ListCommand implements Callable<Integer> {
        @Option(names = {"-v", "--verbose"}, description = "also list each experiment's parameters")
        boolean verbose;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter o = spec.commandLine().getOut();
            for (Experiment e : Experiments.all()) {
                o.printf("%-14s %s%n", e.id(), e.summary());
                if (verbose) {
                    for (ParamSpec p : Params.specsOf(e)) {
                        o.printf("    %-14s %s; quick %s, full %s, smoke %s (%s)%n", p.name(), p.description(),
                                p.defaultFor(Profile.QUICK), p.defaultFor(Profile.FULL), p.defaultFor(Profile.SMOKE), p.allowedText());
                    }
                }
            }
            return OK;
        }
    }

    /** {@code maplab compare <runA> <runB> [runC...]}. */
    @Command(name = "compare", description = {"Compare run B against run A (two run folders of one experiment): ratio B/A per measurement",
            "with its 99% interval, tested with Welch's t on log per-fork means; called different under Benjamini-Hochberg",
            "at a false discovery rate of 0.01. Shows both runs' findings side by side, flags opposite verdicts and differing environments.",
            "With three or more runs (A, B, C...): per metric a table and a chart of every run's value and interval, ranks, and groups of",
            "statistically tied runs (every pair tested the same way; Benjamini-Hochberg over all pairs of all metrics); environment",
            "differences (JDK, JVM options, GC, cores, CPU, profile) called out.",
            "Writes compare.html (with charts) and compare.csv (and compare-findings.csv, or compare-pairs.csv for three or more)",
            "into a new folder runs/<UTC timestamp>-compare-<id>/ or --out."})
    static final class Compare implements Callable<Integer> {
        @Parameters(index = "0..*", arity = "2..*", paramLabel = "RUN", description = "run folders (a path, or a folder name under runs/); the first is the baseline")
        List<String> runsGiven;

        @Option(names = "--out", paramLabel = "DIR", description = "write compare.html and compare.csv here")
        Path out;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter o = spec.commandLine().getOut();
            if (runsGiven.size() == 2) {
                maplab.lab.Comparison c = maplab.lab.Runs.compare(runsGiven.get(0), runsGiven.get(1));
                Path dir = out != null ? out : maplab.run.RunFolder.newFolderUnderRuns("compare-" + c.experiment());
                o.println(c.summary());
                for (Path p : c.write(dir)) o.println("wrote " + p);
                return OK;
            }
            maplab.lab.MultiComparison c = maplab.lab.Runs.compareAll(runsGiven.stream().map(maplab.lab.Runs::resolve).toList());
            Path dir = out != null ? out : maplab.run.RunFolder.newFolderUnderRuns("compare-" + c.experiment());
            o.println(c.summary());
            for (Path p : c.write(dir)) o.println("wrote " + p);
            return OK;
        }
    }

    /** {@code maplab stability <id> [--runs K] [--profile P] [--set name=value]... [--out DIR]}, or {@code --from RUN...}. */
    @Command(name = "stability", description = {"Run an experiment K times (each a run folder under runs/) and show, per finding, each run's",
            "value, interval and verdict and how often the verdict agreed (opposite verdicts flagged). With --from, use stored runs.",
            "Writes stability.html and stability.csv into a new folder runs/<UTC timestamp>-stability-<id>/ or --out."})
    static final class StabilityCommand implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "experiment id (see 'maplab list')")
        String id;

        @Option(names = "--runs", paramLabel = "K", description = "how many runs (2 to 20, default 3)")
        String runs = "3";

        @Option(names = "--profile", paramLabel = "quick|full|smoke", description = "effort: quick (default), full, or smoke (proves it runs; numbers say nothing)")
        String profile = "quick";

        @Option(names = "--set", paramLabel = "NAME=VALUE", description = "set a parameter (repeatable)")
        List<String> sets = List.of();

        @Option(names = "--from", arity = "2..*", paramLabel = "RUN_DIR", description = "stored run folders of one experiment instead of new runs")
        List<String> from = List.of();

        @Option(names = "--out", paramLabel = "DIR", description = "write stability.html and stability.csv here (new or empty)")
        Path out;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter o = spec.commandLine().getOut();
            if (out != null) checkOut(out);
            maplab.lab.Stability s;
            if (!from.isEmpty()) {
                if (id != null) throw new IllegalArgumentException("ID: give an experiment id or --from run folders, not both");
                s = maplab.lab.Runs.stability(from);
            } else {
                if (id == null) throw new IllegalArgumentException("ID: missing; give an experiment id (see 'maplab list') or --from RUN_DIR RUN_DIR...");
                int k;
                try {
                    k = Integer.parseInt(runs.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("runs: must be a whole number from 2 to 20, got '" + runs + "'");
                }
                Profile p = Profile.parse(profile);
                Map<String, String> params = parseSets(sets);
                PrintWriter err = spec.commandLine().getErr();
                try {
                    s = maplab.lab.Runs.stability(id, k, p, params, new TerminalProgress(System.err), err::println);
                } catch (maplab.lab.ExperimentFailedException e) {
                    Result r = e.result();
                    err.println("maplab: stability of " + id + " stopped: a run failed: " + oneLine(r.error()) + " (run folder " + r.runDir() + ")");
                    return FAILED;
                }
            }
            Path dir = out != null ? out : maplab.run.RunFolder.newFolderUnderRuns("stability-" + s.experiment());
            List<Path> written = s.write(dir);
            o.println(s.summary());
            o.println("stability page: " + written.get(0));
            o.println("stability csv:  " + written.get(1));
            return OK;
        }
    }

    /** {@code maplab index <reportsDir> <data.json>}: the report's index page (called by kernel/report.py; hidden). */
    @Command(name = "index", hidden = true, description = "Write <reportsDir>/index.html from the report runner's JSON (see maplab.lab.ReportIndex).")
    static final class Index implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "REPORTS_DIR")
        Path reportsDir;

        @Parameters(index = "1", paramLabel = "DATA_JSON")
        Path data;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println("index: " + maplab.lab.ReportIndex.write(reportsDir, data));
            return OK;
        }
    }

    /** {@code maplab jvm [--jdk X] [--jvm-opts O]}: checks a measuring JVM and prints it (the report runner's check before any notebook; hidden). */
    @Command(name = "jvm", hidden = true, description = "Check --jdk and --jvm-opts as a run would, and print the measuring JVM.")
    static final class Jvm implements Callable<Integer> {
        @Option(names = "--jdk", paramLabel = "PATH|VERSION")
        String jdk;

        @Option(names = "--jvm-opts", paramLabel = "OPTIONS")
        String jvmOpts;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            maplab.measure.TargetJvm t = maplab.measure.TargetJvm.resolve(jdk, jvmOpts);
            spec.commandLine().getOut().println(t.label() + " at " + t.javaHome());
            return OK;
        }
    }

    /** Fails with one line when {@code out} is not a new or empty folder that can be made. */
    static void checkOut(Path out) {
        if (java.nio.file.Files.exists(out)) {
            if (!java.nio.file.Files.isDirectory(out)) throw new IllegalArgumentException("out: '" + out + "' is a file; give a new or empty folder");
            try (var files = java.nio.file.Files.list(out)) {
                if (files.findAny().isPresent()) throw new IllegalArgumentException("out: '" + out + "' is not empty; give a new or empty folder");
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("out: cannot read '" + out + "' (" + e.getMessage() + ")");
            }
        }
        Path parent = out.toAbsolutePath().getParent();
        while (parent != null && !java.nio.file.Files.exists(parent)) parent = parent.getParent();
        if (parent == null || !java.nio.file.Files.isWritable(parent)) {
            throw new IllegalArgumentException("out: cannot write to '" + out + "' (" + parent + " is not writable)");
        }
    }

    static Map<String, String> parseSets(List<String> sets) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String s : sets) {
            int eq = s.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("--set: expected NAME=VALUE, got '" + s + "'");
            params.put(s.substring(0, eq).trim(), s.substring(eq + 1).trim());
        }
        return params;
    }

    /** {@code maplab conclude <runDir> [--out DIR]}. */
    @Command(name = "conclude", description = {"Recompute a run's findings, tables, charts and report.html from its stored",
            "results.csv, samples.csv and meta.json, without measuring: into --out (a new or empty folder), or in place."})
    static final class Conclude implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RUN_DIR", description = "the run folder (a path, or a folder name under runs/)")
        String runDir;

        @Option(names = "--out", paramLabel = "DIR", description = "write the re-concluded run folder here (must be new or empty)")
        Path out;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Result r = Experiments.conclude(maplab.lab.Runs.resolve(runDir), out);
            PrintWriter o = spec.commandLine().getOut();
            o.println(findingsTable(r.findings()));
            o.println("run folder: " + r.runDir());
            o.println("report:     " + r.runDir().resolve("report.html"));
            o.flush();
            PrintWriter err = spec.commandLine().getErr();
            sayNotComputed(r, err);
            if (!r.succeeded()) err.println("maplab: " + r.experiment() + ": " + oneLine(r.error()));
            err.flush();
            return OK;
        }
    }

    /** {@code maplab merge RUN... [--out DIR]}. */
    @Command(name = "merge", description = {"Join the shards of one run (run folders of 'maplab run ID --shard i/N') into one run folder:",
            "every shard's samples with their machine and round, rows recomputed from them, then concluded as 'maplab conclude' does."})
    static final class Merge implements Callable<Integer> {
        @Parameters(index = "0..*", arity = "1..*", paramLabel = "RUN", description = "the shards' run folders (a path, or a folder name under runs/)")
        List<String> runs;

        @Option(names = "--out", paramLabel = "DIR", description = "write the merged run folder here (must be new or empty); default a new folder under runs/")
        Path out;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            List<Path> shards = runs.stream().map(maplab.lab.Runs::resolve).toList();
            Result r = maplab.lab.Shards.mergeAndConclude(shards, out);
            PrintWriter o = spec.commandLine().getOut();
            o.println(findingsTable(r.findings()));
            o.println("report:     " + r.runDir().resolve("report.html"));
            o.println("run folder: " + r.runDir());
            o.flush();
            PrintWriter err = spec.commandLine().getErr();
            sayNotComputed(r, err);
            if (!r.succeeded()) err.println("maplab: " + r.experiment() + ": " + oneLine(r.error()));
            err.flush();
            return OK;
        }
    }

    /** {@code maplab promote <runDir>}, {@code maplab promote <runA> <runB> <runC>...} (a reference from several runs) and {@code maplab promote --all <folder>}. */
    @Command(name = "promote", description = {"Make completed run folders their experiment's reference for the runs' own profile: copied "
            + "without raw/ to data/reference/<id>/ (full) or data/reference/<profile>/<id>/ (others), replacing the old one. Give one run, "
            + "or at least 3 runs of one experiment, profile and parameters (other sessions or machines): their findings are combined, with "
            + "each finding's between-run spread, which later runs fold into their intervals.",
            "With --all: every run folder inside the given folder (one per experiment and profile), e.g. one quick run of each experiment."})
    static final class Promote implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "the run folder(s) (a path, or a folder name under runs/); with --all, the one folder holding run folders")
        List<String> runDirs;

        @Option(names = "--all", description = "promote every run folder inside RUN_DIR")
        boolean all;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Path base = maplab.run.Reference.root();
            if (all && runDirs.size() != 1) throw new IllegalArgumentException("--all: give one folder that holds run folders, got " + runDirs.size());
            List<Path> targets = all ? maplab.lab.Runs.promoteAll(maplab.lab.Runs.resolve(runDirs.get(0)), base)
                    : List.of(maplab.lab.Runs.promote(runDirs.stream().map(maplab.lab.Runs::resolve).toList()));
            for (Path target : targets) spec.commandLine().getOut().println("reference: " + target);
            return OK;
        }
    }

    /** The findings as an aligned text table: id, value, unit, interval, verdict, sentence. */
    /** One line per finding that could not be computed, with its reason (the findings table shows them too). */
    static void sayNotComputed(Result r, PrintWriter err) {
        List<Finding> missing = r.findings().stream().filter(Finding::notComputed).toList();
        if (missing.isEmpty()) return;
        err.println("maplab: " + r.experiment() + ": " + missing.size() + " of " + r.findings().size() + " findings not computed:");
        for (Finding f : missing) err.println("  " + f.id() + ": " + f.text().replaceFirst("^Not computed: ", ""));
    }

    static String findingsTable(List<Finding> findings) {
        int w = findings.stream().mapToInt(f -> f.id().length()).max().orElse(7);
        int iw = Math.max(14, findings.stream().mapToInt(f -> maplab.render.Html.interval(f).length()).max().orElse(0));
        String format = "%-" + w + "s  %12s  %-8s  %-" + iw + "s  %-24s  %s%n";
        StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT, format, "finding", "value", "unit",
                Finding.confidenceLabel() + " interval", "verdict", "text"));
        for (Finding f : findings) {
            sb.append(String.format(java.util.Locale.ROOT, format, f.id(), f.notComputed() ? "-" : maplab.stats.Numbers.format(f.value()), f.unit(),
                    maplab.render.Html.interval(f), f.verdictLabel(), f.text()));
        }
        return sb.toString().stripTrailing();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() {
            return new String[] {"maplab " + maplab.measure.Environment.capture().maplabVersion()};
        }
    }

    /**
     * Runs {@code task}; on Ctrl-C (SIGINT/SIGTERM) interrupts it and waits up to 20 s, so the run
     * ends as an interrupted run: child JVMs stopped, run folder written (with its commit), and
     * the progress line saying "interrupted at n/N" instead of stopping mid-line.
     */
    static <T> T interruptibleOnCtrlC(java.util.concurrent.Callable<T> task) {
        Thread worker = Thread.currentThread();
        java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
        Thread hook = new Thread(() -> {
            if (finished.getCount() == 0) return;
            worker.interrupt();
            try {
                finished.await(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                // the JVM is going down anyway
            }
        }, "maplab-ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return task.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C came: the hook waits for this thread, which is done now
            }
        }
    }
}
