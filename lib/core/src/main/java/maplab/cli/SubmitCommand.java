package maplab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import maplab.cluster.BatchJob;
import maplab.cluster.Cluster;
import maplab.cluster.Slurm;
import maplab.cluster.Submission;
import maplab.plan.Profile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code maplab submit run ID --slurm --shards N} and {@code maplab submit report [NOTEBOOK...] --slurm}:
 * writes a job array and a collect job into OUT and submits them with sbatch, or prints them
 * ({@code --dry-run}); {@code --wait} blocks until the collect job has ended.
 */
@Command(name = "submit", description = {"Send a sharded run or a report to a Slurm cluster: one --exclusive array task per shard",
        "(or notebook), then a collect job (afterok) that merges the shards (or renders the report) into OUT."},
        subcommands = {SubmitCommand.RunJob.class, SubmitCommand.ReportJob.class})
final class SubmitCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Main.BAD_INPUT;
    }

    /** The options both kinds share: the engine, where, and how. */
    static final class Engine {
        @Option(names = "--slurm", required = true, description = "use Slurm (sbatch) as the engine (the only one)")
        boolean slurm;

        @Option(names = "--profile", paramLabel = "quick|full|smoke", description = "effort: quick (default), full, or smoke (proves it runs; numbers say nothing)")
        String profile = "quick";

        @Option(names = "--out", paramLabel = "DIR", description = "the job's folder, on the cluster's shared file system "
                + "(default runs/slurm-<UTC time>-<id>/); new or empty")
        Path out;

        @Option(names = "--partition", paramLabel = "P", description = "the Slurm partition (default: the cluster's)")
        String partition;

        @Option(names = "--sbatch-arg", paramLabel = "ARG", description = "one more sbatch option for every job, e.g. --sbatch-arg=--time=2:00:00 (repeatable)")
        List<String> sbatchArgs = List.of();

        @Option(names = "--wait", description = "block until the collect job has ended; exit 0 only if it succeeded")
        boolean await;

        @Option(names = "--dry-run", description = "print the batch scripts, submit nothing")
        boolean dryRun;
    }

    /** {@code submit run ID --slurm --shards N [--set k=v]...}. */
    @Command(name = "run", description = "Run one experiment as N shards (rounds i, i+N, ...), then merge them into OUT/merged.")
    static final class RunJob implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID", description = "experiment id (see 'maplab list')")
        String id;

        @Option(names = "--shards", required = true, paramLabel = "N", description = "how many shards (array tasks)")
        String shards;

        @Option(names = "--set", paramLabel = "NAME=VALUE", description = "set a parameter (repeatable)")
        List<String> sets = List.of();

        @Mixin
        Engine engine;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            BatchJob job = Cluster.runJob(id, Profile.parse(engine.profile), Main.parseSets(sets), parseShards(shards), engine.out,
                    engine.partition, engine.sbatchArgs);
            return submit(job, engine, spec.commandLine().getOut());
        }
    }

    /** {@code submit report [NOTEBOOK...] --slurm}. */
    @Command(name = "report", description = "Render notebooks on the cluster: a task per notebook, then the report from their runs into OUT/reports.")
    static final class ReportJob implements Callable<Integer> {
        @Parameters(arity = "0..*", paramLabel = "NOTEBOOK", description = "notebook names (00-quickstart); default all in notebooks/")
        List<String> notebooks = List.of();

        @Mixin
        Engine engine;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            BatchJob job = Cluster.reportJob(notebooks, Profile.parse(engine.profile), engine.out, engine.partition, engine.sbatchArgs);
            return submit(job, engine, spec.commandLine().getOut());
        }
    }

    /** Prints the scripts (dry run), or submits and says where the result will be; with --wait, waits for it. */
    static int submit(BatchJob job, Engine engine, PrintWriter o) throws InterruptedException {
        if (engine.dryRun) {
            o.println("# " + job.out().resolve("array.sh") + " (sbatch)");
            o.print(job.arrayScript());
            o.println("# " + job.out().resolve("collect.sh") + " (sbatch --dependency=afterok:<array job>, and again with afternotok; "
                    + "both --kill-on-invalid-dep=yes)");
            o.print(job.collectScript());
            o.flush();
            return Main.OK;
        }
        Submission s = Slurm.submit(job);
        o.println("submitted: job array " + s.arrayJob() + " (" + job.shards() + " tasks), collect job " + s.collectJob()
                + " (afterok), failure report job " + s.failureJob() + " (afternotok)");
        o.println("logs:      " + job.out().resolve("logs"));
        o.println("result:    " + s.resultDir() + " (status in " + job.out().resolve("collect.json") + ")");
        o.flush();
        if (!engine.await) return Main.OK;
        boolean ok = s.await(Duration.ofSeconds(2));
        o.println(s.status());
        if (ok && job.kind() == BatchJob.Kind.RUN) o.println("run folder: " + s.resultDir());
        o.flush();
        return ok ? Main.OK : Main.FAILED;
    }

    /** The shard count: a whole number from 1 to {@link BatchJob#MAX_TASKS}. */
    static int parseShards(String text) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1 && n <= BatchJob.MAX_TASKS) return n;
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException("--shards: must be a whole number from 1 to " + BatchJob.MAX_TASKS + ", got '" + text + "'");
    }

}
