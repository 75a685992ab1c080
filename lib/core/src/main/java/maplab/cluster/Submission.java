package maplab.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import maplab.conclude.Result;
import maplab.lab.Experiments;

/**
 * A job submitted to Slurm: its folder, the job ids, and what the collect job wrote. The
 * handle a notebook keeps while the cluster measures: {@link #done()} says whether the collect
 * job has written collect.json, {@link #result()} gives the merged run's Result once it exists.
 * In a notebook it renders as its status, or as the merged Result when that exists.
 */
public final class Submission {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final BatchJob.Kind kind;
    private final Path out;
    private final Path resultDir;
    private final String arrayJob;
    private final String collectJob;
    private final String failureJob;
    private Result result;

    Submission(BatchJob.Kind kind, Path out, Path resultDir, String arrayJob, String collectJob, String failureJob) {
        this.kind = kind;
        this.out = out;
        this.resultDir = resultDir;
        this.arrayJob = arrayJob;
        this.collectJob = collectJob;
        this.failureJob = failureJob;
    }

    public BatchJob.Kind kind() { return kind; }
    public Path out() { return out; }
    public Path resultDir() { return resultDir; }
    public String arrayJob() { return arrayJob; }
    public String collectJob() { return collectJob; }
    public String failureJob() { return failureJob; }

    /** Whether the collect job has finished (OUT/collect.json exists). */
    public boolean done() {
        return Files.isRegularFile(out.resolve("collect.json"));
    }

    /** Whether the collect job finished with status ok (every task succeeded and the merge or report did). */
    public boolean succeeded() {
        return done() && "ok".equals(collect().get("status"));
    }

    /** What the collect job wrote: status, step, failed tasks (task, shard or notebook, exit, log, folder), result. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> collect() {
        try {
            return JSON.readValue(out.resolve("collect.json").toFile(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("slurm: cannot read " + out.resolve("collect.json"), e);
        }
    }

    /**
     * The merged run's Result (concluded from OUT/merged, as {@code ./maplab conclude} would);
     * a report's collect job renders HTML instead and has no Result.
     *
     * @throws IllegalStateException while the job is not done, when it failed, or for a report
     */
    public Result result() {
        if (kind != BatchJob.Kind.RUN) throw new IllegalStateException("slurm: a report job has no Result; its report is in " + resultDir);
        if (!done()) throw new IllegalStateException("slurm: job " + arrayJob + " is not done yet: " + status());
        if (!succeeded()) throw new IllegalStateException(status());
        if (result == null) result = Experiments.conclude(resultDir, null);
        return result;
    }

    /** Whether {@link #result()} has a Result to give: a run whose collect job succeeded. */
    public boolean hasResult() {
        return kind == BatchJob.Kind.RUN && succeeded();
    }

    /**
     * Blocks until the collect job has ended (polling squeue every {@code poll}; gives up after
     * 30 squeue failures in a row); true when it succeeded.
     */
    public boolean await(Duration poll) throws InterruptedException {
        int failures = 0;
        while (!done()) {
            Boolean queued = Slurm.anyQueued(jobs());
            failures = queued == null ? failures + 1 : 0;
            if (Boolean.FALSE.equals(queued) || failures >= 30) break;
            Thread.sleep(poll.toMillis());
        }
        for (int i = 0; i < 10 && !done(); i++) Thread.sleep(200);   // the file system may show collect.json a moment late
        return succeeded();
    }

    private List<String> jobs() {
        return List.of(arrayJob, collectJob, failureJob);
    }

    /** One line: queued/running, ok with where the result is, or which tasks failed and their logs. */
    public String status() {
        if (!done()) {
            return !Boolean.FALSE.equals(Slurm.anyQueued(jobs()))
                    ? "slurm: job " + arrayJob + " queued or running; the result will appear in " + resultDir
                    : "slurm: job " + arrayJob + " ended without a collect.json (cancelled?); logs in " + out.resolve("logs");
        }
        Map<String, Object> c = collect();
        if ("ok".equals(c.get("status"))) return "slurm: done: " + resultDir;
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> failed = (List<Map<String, Object>>) c.getOrDefault("failed", List.of());
        if (failed.isEmpty()) return "slurm: the " + c.get("step") + " step failed; log: " + out.resolve("logs/collect-" + c.get("job") + ".out");
        return "slurm: failed: " + String.join("; ", failed.stream().map(f -> (f.containsKey("shard") ? "shard " + f.get("shard")
                : "notebook " + f.get("notebook")) + " (exit " + f.get("exit") + ", log " + f.get("log") + ")").toList());
    }

    /** Writes OUT/jobs.json: the job ids, so people and tools can find the jobs again. */
    void writeJobs() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
        m.put("array", arrayJob);
        m.put("collect", collectJob);
        m.put("collect_on_failure", failureJob);
        m.put("result", resultDir.toString());
        try {
            JSON.writeValue(out.resolve("jobs.json").toFile(), m);
        } catch (IOException e) {
            throw new UncheckedIOException("slurm: cannot write " + out.resolve("jobs.json"), e);
        }
    }

    @Override
    public String toString() {
        return status();
    }
}
