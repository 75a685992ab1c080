package maplab.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import maplab.experiments.Experiment;
import maplab.lab.Experiments;
import maplab.plan.Home;
import maplab.plan.Params;
import maplab.plan.Profile;

/**
 * Slurm as the engine, from a notebook or the command line: {@code Cluster.submit("presize",
 * Profile.FULL, Map.of(), 3)} sends a run split into 3 shards to the cluster and returns at
 * once with a {@link Submission}, whose result renders when the merged run exists; the
 * notebook keeps working meanwhile. Needs sbatch on the PATH (a login node) and the lab on the
 * cluster's shared file system.
 */
public final class Cluster {
    private Cluster() { }

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** Submits {@code id} as {@code shards} shards on the cluster's default partition, into runs/slurm-&lt;time&gt;-&lt;id&gt;/. */
    public static Submission submit(String id, Profile profile, Map<String, ?> params, int shards) {
        return Slurm.submit(runJob(id, profile, asText(params), shards, null, null, List.of()));
    }

    /**
     * The job of a sharded run, checked before anything is written: the experiment, profile
     * and parameters as {@code ./maplab run} checks them, the shard count.
     *
     * @param out null for runs/slurm-&lt;UTC time&gt;-&lt;id&gt;/
     */
    public static BatchJob runJob(String id, Profile profile, Map<String, String> params, int shards, Path out,
                                  String partition, List<String> sbatchArgs) {
        Experiment experiment = Experiments.byId(id);
        experiment.validate(Params.resolve(experiment, profile, params));
        if (shards < 1 || shards > BatchJob.MAX_TASKS) {
            throw new IllegalArgumentException("shards: must be a whole number from 1 to " + BatchJob.MAX_TASKS + ", got '" + shards + "'");
        }
        return BatchJob.run(id, profile, params, shards, out == null ? defaultOut(id) : out, Home.dir(), partition, sbatchArgs);
    }

    /** The job of a report: one task per notebook (every notebook in notebooks/ when none is given). */
    public static BatchJob reportJob(List<String> notebooks, Profile profile, Path out, String partition, List<String> sbatchArgs) {
        List<String> names = notebooks.isEmpty() ? allNotebooks() : notebooks;
        return BatchJob.report(names, profile, out == null ? defaultOut("report") : out, Home.dir(), partition, sbatchArgs);
    }

    /** The notebooks in notebooks/, by name (00-quickstart, ...), in order. */
    static List<String> allNotebooks() {
        try (var files = Files.list(Home.dir().resolve("notebooks"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ipynb"))
                    .map(n -> n.substring(0, n.length() - ".ipynb".length())).sorted().toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    /** runs/slurm-&lt;UTC time&gt;-&lt;name&gt;/ (under MAPLAB_RUNS_DIR when set), a new folder. */
    static Path defaultOut(String name) {
        String base = "slurm-" + STAMP.format(Instant.now()) + "-" + name;
        Path target = Home.runs().resolve(base);
        for (int i = 2; Files.exists(target); i++) target = Home.runs().resolve(base + "-" + i);
        return target;
    }

    private static Map<String, String> asText(Map<String, ?> params) {
        Map<String, String> text = new LinkedHashMap<>();
        params.forEach((k, v) -> text.put(k, String.valueOf(v)));
        return text;
    }
}
