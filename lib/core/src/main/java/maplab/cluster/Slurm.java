package maplab.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Slurm's client commands (sbatch, squeue, scancel), called through {@link ProcessBuilder}:
 * writes a {@link BatchJob}'s scripts into its folder and submits the job array, then the
 * collect script twice (after the array succeeded, and after it failed, each with
 * {@code --kill-on-invalid-dep=yes} so the one that does not apply is dropped).
 */
public final class Slurm {
    private Slurm() { }

    static final String NO_SBATCH = "slurm: sbatch not found on the PATH; install Slurm's client or run on a login node";

    /** Writes the scripts into {@code job.out()} (new or empty) and submits them; bad input (sbatch refuses) is an IllegalArgumentException. */
    public static Submission submit(BatchJob job) {
        requireSbatch();
        Path out = job.out();
        try {
            if (Files.isDirectory(out)) {
                try (var entries = Files.list(out)) {
                    if (entries.findAny().isPresent()) throw new IllegalArgumentException("--out: " + out + " must be new or empty");
                }
            }
            List<String> subs = job.kind() == BatchJob.Kind.RUN ? List.of("logs", "status", "shards") : List.of("logs", "status", "runs", "tasks");
            for (String sub : subs) Files.createDirectories(out.resolve(sub));
            Files.writeString(out.resolve("array.sh"), job.arrayScript(), StandardCharsets.UTF_8);
            Files.writeString(out.resolve("collect.sh"), job.collectScript(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("slurm: cannot write the batch scripts into " + out, e);
        }
        String array;
        String collect;
        String onFailure;
        try {
            array = sbatch(List.of(), out.resolve("array.sh"));
        } catch (RuntimeException e) {
            deleteTree(out);   // nothing was submitted: leave no half-made job folder
            throw e;
        }
        try {
            collect = sbatch(List.of("--dependency=afterok:" + array, "--kill-on-invalid-dep=yes"), out.resolve("collect.sh"));
            onFailure = sbatch(List.of("--dependency=afternotok:" + array, "--kill-on-invalid-dep=yes"), out.resolve("collect.sh"));
        } catch (RuntimeException e) {
            scancel(array);
            throw e;
        }
        Submission s = new Submission(job.kind(), out, job.resultDir(), array, collect, onFailure);
        s.writeJobs();
        return s;
    }

    /** Deletes the job folder {@code dir} that submit made (best effort). */
    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            // best effort: the folder stays, its scripts show what was tried
        }
    }

    /** Throws the one-line bad-input error when sbatch is not on the PATH. */
    static void requireSbatch() {
        requireSbatch(System.getenv("PATH"));
    }

    static void requireSbatch(String path) {
        if (onPath("sbatch", path) == null) throw new IllegalArgumentException(NO_SBATCH);
    }

    /** The executable {@code name} in the folders of {@code path} (a PATH value), or null. */
    static Path onPath(String name, String path) {
        if (path == null) return null;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) return p;
        }
        return null;
    }

    /** Submits {@code script} with {@code options}; returns the job id, or throws sbatch's error as one line. */
    static String sbatch(List<String> options, Path script) {
        List<String> cmd = new ArrayList<>(List.of("sbatch", "--parsable"));
        cmd.addAll(options);
        cmd.add(script.toString());
        Output r = call(cmd);
        if (r.exit() != 0) {
            List<String> lines = r.text().lines().filter(l -> !l.isBlank()).toList();
            String why = lines.stream().filter(l -> l.contains("error")).findFirst().orElse(lines.isEmpty() ? "sbatch exited " + r.exit() : lines.get(0));
            throw new IllegalArgumentException("slurm: " + why.trim());
        }
        String id = r.text().lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("").trim();
        id = id.contains(";") ? id.substring(0, id.indexOf(';')) : id;   // "id;cluster" on multi-cluster set-ups
        if (!id.matches("\\d+")) throw new IllegalStateException("slurm: sbatch printed no job id: '" + r.text().trim() + "'");
        return id;
    }

    /**
     * Whether any of {@code jobIds} is still queued or running (squeue knows it and it has not
     * ended); null when squeue itself failed (slurmctld busy or unreachable).
     */
    static Boolean anyQueued(List<String> jobIds) {
        Output r = call(List.of("squeue", "-h", "-o", "%i %T", "-j", String.join(",", jobIds)));
        if (r.exit() != 0) return r.text().contains("Invalid job id") ? Boolean.FALSE : null;   // squeue forgets ended jobs
        return r.text().lines().map(String::trim).anyMatch(l -> !l.isEmpty() && !l.endsWith("COMPLETED") && !l.endsWith("CANCELLED")
                && !l.endsWith("FAILED") && !l.endsWith("TIMEOUT"));
    }

    static void scancel(String jobId) {
        call(List.of("scancel", jobId));
    }

    record Output(int exit, String text) { }

    /** Runs a Slurm client command, stdout and stderr together. */
    static Output call(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Output(p.waitFor(), text);
        } catch (IOException e) {
            return new Output(127, cmd.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Output(130, cmd.get(0) + ": interrupted");
        }
    }
}
