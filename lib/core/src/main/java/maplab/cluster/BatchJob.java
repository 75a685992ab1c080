package maplab.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import maplab.plan.Profile;

/**
 * What {@code ./maplab submit} sends to Slurm, and the two batch scripts that do it: a job array
 * (one {@code --exclusive} task per shard of a run, or per notebook of a report) and a collect
 * script that merges the shards (or renders the report from the tasks' runs) and writes
 * {@code OUT/collect.json}. Every path in the scripts is absolute and under {@code out}, which
 * must be on the cluster's shared file system; {@code lab} is the set-up maplab checkout.
 *
 * @param kind       a sharded run or a report
 * @param experiment the experiment id (a run) or null (a report)
 * @param notebooks  the notebooks, one task each (a report) or empty (a run)
 * @param params     the {@code --set} parameters of a run
 * @param shards     the number of shards (a run) or of notebooks (a report): the array's size
 * @param partition  the Slurm partition, or null for the cluster's default
 * @param sbatchArgs more {@code #SBATCH} options for every job (e.g. {@code --time=2:00:00})
 */
public record BatchJob(Kind kind, String experiment, List<String> notebooks, Profile profile, Map<String, String> params,
                       int shards, Path out, Path lab, String partition, List<String> sbatchArgs) {

    /** A sharded run ({@code submit run}) or a report with a task per notebook ({@code submit report}). */
    public enum Kind { RUN, REPORT }

    /** The most array tasks one submission makes. */
    public static final int MAX_TASKS = 1000;

    public BatchJob {
        if (shards < 1 || shards > MAX_TASKS) {
            throw new IllegalArgumentException("shards: must be a whole number from 1 to " + MAX_TASKS + ", got '" + shards + "'");
        }
        for (String a : sbatchArgs) {
            if (!a.startsWith("-") || a.contains("\n")) {
                throw new IllegalArgumentException("--sbatch-arg: must be one sbatch option such as --time=1:00:00, got '" + a + "'");
            }
        }
        notebooks = List.copyOf(notebooks);
        params = Map.copyOf(params);
        sbatchArgs = List.copyOf(sbatchArgs);
        out = out.toAbsolutePath().normalize();
        lab = lab.toAbsolutePath().normalize();
    }

    /** A sharded run of {@code experiment}. */
    public static BatchJob run(String experiment, Profile profile, Map<String, String> params, int shards, Path out, Path lab,
                               String partition, List<String> sbatchArgs) {
        return new BatchJob(Kind.RUN, experiment, List.of(), profile, params, shards, out, lab, partition, sbatchArgs);
    }

    /** A report: one task per notebook. */
    public static BatchJob report(List<String> notebooks, Profile profile, Path out, Path lab, String partition, List<String> sbatchArgs) {
        if (notebooks.isEmpty()) throw new IllegalArgumentException("notebooks: none given and none found in notebooks/");
        return new BatchJob(Kind.REPORT, null, notebooks, profile, Map.of(), notebooks.size(), out, lab, partition, sbatchArgs);
    }

    /** What the job is called in squeue: maplab-&lt;experiment&gt; or maplab-report. */
    public String name() {
        return kind == Kind.RUN ? "maplab-" + experiment : "maplab-report";
    }

    /** Where the merged run (a run) or the rendered report (a report) will appear. */
    public Path resultDir() {
        return out.resolve(kind == Kind.RUN ? "merged" : "reports");
    }

    /** The job array: task k measures shard k/N (a run) or renders notebook k (a report). */
    public String arrayScript() {
        StringBuilder s = header(name(), "--array=1-" + shards, "--exclusive", "--output=" + out.resolve("logs/task-%a.out"));
        s.append("k=\"$SLURM_ARRAY_TASK_ID\"\n");
        if (kind == Kind.RUN) {
            s.append(quote(lab.resolve("maplab").toString())).append(" run ").append(quote(experiment))
                    .append(" --shard \"$k/").append(shards).append("\" --profile ").append(profile.label());
            params.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> s.append(" --set ").append(quote(e.getKey() + "=" + e.getValue())));
            s.append(" --out ").append(quote(out.resolve("shards").toString())).append("/shard-\"$k\"\n");
        } else {
            s.append("notebooks=(").append(String.join(" ", notebooks.stream().map(BatchJob::quote).toList())).append(")\n");
            s.append("MAPLAB_RUNS_DIR=").append(quote(out.resolve("runs").toString())).append(' ')
                    .append(quote(lab.resolve("maplab").toString())).append(" report --profile ").append(profile.label())
                    .append(" --out ").append(quote(out.resolve("tasks").toString())).append("/task-\"$k\" \"${notebooks[k-1]}\"\n");
        }
        s.append("rc=$?\n");
        s.append("echo \"$rc\" > ").append(quote(out.resolve("status").toString())).append("/task-\"$k\".rc\n");
        s.append("exit \"$rc\"\n");
        return s.toString();
    }

    /**
     * The collect job, submitted twice: after every task succeeded ({@code afterok}) it merges
     * the shards or renders the report from the tasks' runs; after a task failed
     * ({@code afternotok}) it only names the failed tasks. Either way it writes collect.json
     * (status ok or failed, the failed tasks with exit code, log and folder) and exits 0 only on ok.
     */
    public String collectScript() {
        StringBuilder s = header(name() + "-collect", "--output=" + out.resolve("logs/collect-%j.out"));
        s.append("OUT=").append(quote(out.toString())).append('\n');
        s.append("failed=()\n");
        s.append("for k in $(seq 1 ").append(shards).append("); do\n");
        s.append("  rc=$(cat \"$OUT/status/task-$k.rc\" 2>/dev/null || echo none)\n");
        s.append("  [ \"$rc\" = 0 ] || failed+=(\"$k:$rc\")\n");
        s.append("done\n");
        s.append("status=ok; step=").append(kind == Kind.RUN ? "merge" : "report").append('\n');
        s.append("if [ ${#failed[@]} -gt 0 ]; then status=failed; step=tasks\n");
        s.append("else\n  ").append(collectCommand()).append(" || status=failed\nfi\n");
        s.append(collectJson());
        s.append("[ \"$status\" = ok ]\n");
        return s.toString();
    }

    /** The collect job's command: merge the shards, or render the report from the tasks' run folders (Part A's --from). */
    private String collectCommand() {
        String maplab = quote(lab.resolve("maplab").toString());
        if (kind == Kind.RUN) {
            StringBuilder c = new StringBuilder(maplab).append(" merge");
            for (int k = 1; k <= shards; k++) c.append(" \"$OUT/shards/shard-").append(k).append('"');
            return c.append(" --out \"$OUT/merged\"").toString();
        }
        return maplab + " report --from \"$OUT/runs\" --out \"$OUT/reports\" --profile " + profile.label() + " "
                + String.join(" ", notebooks.stream().map(BatchJob::quote).toList());
    }

    /** Bash that writes OUT/collect.json atomically from $status, $step and $failed ("task:exit" items). */
    private String collectJson() {
        String what = kind == Kind.RUN ? "\"experiment\": " + jsonString(experiment) + ", \"shards\": " + shards
                : "\"notebooks\": [" + String.join(", ", notebooks.stream().map(BatchJob::jsonString).toList()) + "]";
        StringBuilder s = new StringBuilder();
        if (kind == Kind.REPORT) {
            s.append("notebooks=(").append(String.join(" ", notebooks.stream().map(BatchJob::quote).toList())).append(")\n");
        }
        s.append("items=\"\"\n");
        s.append("for f in ${failed[@]+\"${failed[@]}\"}; do\n");
        s.append("  k=${f%%:*}; rc=${f#*:}; [[ $rc =~ ^[0-9]+$ ]] || rc=null\n");
        if (kind == Kind.RUN) {
            s.append("  item=$(printf '{\"task\": %s, \"shard\": \"%s/").append(shards)
                    .append("\", \"exit\": %s, \"log\": \"%s\", \"folder\": \"%s\"}' \"$k\" \"$k\" \"$rc\" \"$OUT/logs/task-$k.out\" \"$OUT/shards/shard-$k\")\n");
        } else {
            s.append("  item=$(printf '{\"task\": %s, \"notebook\": \"%s\", \"exit\": %s, \"log\": \"%s\", \"folder\": \"%s\"}' ")
                    .append("\"$k\" \"${notebooks[k-1]}\" \"$rc\" \"$OUT/logs/task-$k.out\" \"$OUT/tasks/task-$k\")\n");
        }
        s.append("  items=\"${items:+$items, }$item\"\n");
        s.append("done\n");
        s.append("printf '{\"kind\": \"%s\", %s, \"status\": \"%s\", \"step\": \"%s\", \"failed\": [%s], \"result\": \"%s\", \"job\": \"%s\", \"finished\": \"%s\"}\\n' \\\n");
        s.append("  ").append(kind == Kind.RUN ? "run" : "report").append(' ').append(quote(what))
                .append(" \"$status\" \"$step\" \"$items\" ").append(quote(resultDir().toString()))
                .append(" \"${SLURM_JOB_ID:-}\" \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\" > \"$OUT/collect.json.tmp\"\n");
        s.append("mv \"$OUT/collect.json.tmp\" \"$OUT/collect.json\"\n");
        return s.toString();
    }

    /** The script's first lines: bash, the job's name, its options, the partition and the extra sbatch options. */
    private StringBuilder header(String jobName, String... options) {
        StringBuilder s = new StringBuilder("#!/usr/bin/env bash\n");
        List<String> all = new ArrayList<>(List.of("--job-name=" + jobName));
        all.addAll(List.of(options));
        if (partition != null) all.add("--partition=" + partition);
        all.addAll(sbatchArgs);
        for (String o : all) s.append("#SBATCH ").append(o).append('\n');
        s.append("# written by ./maplab submit ").append(kind == Kind.RUN ? "run " + experiment : "report").append('\n');
        s.append("set -u\n");
        return s;
    }

    /** {@code text} as one bash word (single-quoted). */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
