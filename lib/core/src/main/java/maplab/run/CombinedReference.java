package maplab.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A reference made from several independent runs of one experiment, profile and parameters
 * (other sessions or machines of the same kind): the reference folder keeps the first run's data
 * (results, samples, tables, charts, as one run measured them) and, under {@code runs/<run id>/},
 * each run's meta.json, results.csv, samples.csv and findings.json; meta.json lists the runs
 * ({@link Reference#BETWEEN_RUNS}: id, git commit, start, end, machine). Its findings combine the
 * runs' findings ({@link maplab.conclude.BetweenRun#combine}) and are recomputed from the runs'
 * stored data whenever the reference is concluded again.
 */
public final class CombinedReference {

    /** What a combined reference keeps of each run. */
    static final List<String> KEPT = List.of("meta.json", "results.csv", "samples.csv", "findings.json");

    private CombinedReference() { }

    /**
     * Makes a reference from {@code runDirs} (at least 3) under {@code root}: builds the combined
     * folder in a temporary folder, has {@code conclude} conclude it in place (the combined
     * findings, tables, charts and report), then promotes it like a single run
     * ({@link Reference#promote}: swapped in by renames).
     *
     * @throws IllegalArgumentException for fewer than 3 runs, a run that is not a completed run folder, or runs of different
     *                                  experiments, profiles or parameters (nothing is written)
     */
    public static Path promote(List<Path> runDirs, Path root, Consumer<Path> conclude) {
        List<StoredRun> runs = check(runDirs);
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("maplab-reference-");
            Path staged = tmp.resolve(runs.get(0).dir().getFileName().toString());
            Reference.copyWithoutRaw(runs.get(0).dir(), staged);
            Reference.deleteTree(staged.resolve(Reference.RUNS_DIR));
            List<Map<String, Object>> listed = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (StoredRun run : runs) {
                String id = run.dir().getFileName().toString();
                for (int i = 2; !ids.add(id); i++) id = run.dir().getFileName() + "-" + i;
                Path into = staged.resolve(Reference.RUNS_DIR).resolve(id);
                Files.createDirectories(into);
                for (String file : KEPT) {
                    if (Files.isRegularFile(run.dir().resolve(file))) Files.copy(run.dir().resolve(file), into.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
                }
                listed.add(listing(id, run));
            }
            Map<String, Object> meta = new LinkedHashMap<>(RunFolder.readMeta(staged));
            meta.put(Reference.BETWEEN_RUNS, listed);
            RunFolder.writeMeta(staged, meta);
            conclude.accept(staged);
            return Reference.promote(staged, root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a reference from " + runDirs, e);
        } finally {
            try {
                if (tmp != null) Reference.deleteTree(tmp);
            } catch (IOException ignored) {
                // a temporary folder left behind does no harm
            }
        }
    }

    /** One run as meta.json's {@link Reference#BETWEEN_RUNS} lists it. */
    private static Map<String, Object> listing(String id, StoredRun run) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("git_commit", run.meta().get("git_commit"));
        m.put("start", run.meta().get("start"));
        m.put("end", run.meta().get("end"));
        m.put("machine", run.meta().get("machine"));
        return m;
    }

    /** Reads the runs and refuses what cannot be combined, naming the first run that differs and how. */
    static List<StoredRun> check(List<Path> runDirs) {
        if (runDirs.size() < maplab.stats.BetweenRuns.MIN_RUNS) {
            throw new IllegalArgumentException("runDir: a reference from several runs needs at least " + maplab.stats.BetweenRuns.MIN_RUNS
                    + " run folders, got " + runDirs.size());
        }
        List<StoredRun> runs = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Path dir : runDirs) {
            StoredRun run = StoredRun.read("runDir", dir);
            if (!seen.add(run.dir())) throw new IllegalArgumentException("runDir: '" + dir + "' is given twice; allowed: different runs");
            if (!run.succeeded() || !Files.isRegularFile(run.dir().resolve("report.html"))) {
                throw new IllegalArgumentException("runDir: '" + dir + "' is not a completed run folder");
            }
            if (!Reference.combinedRuns(run.dir()).isEmpty()) {
                throw new IllegalArgumentException("runDir: '" + dir + "' is itself a reference made from several runs; give the run folders");
            }
            runs.add(run);
        }
        StoredRun first = runs.get(0);
        for (StoredRun run : runs.subList(1, runs.size())) {
            String differs = !run.experiment().equals(first.experiment()) ? "experiment " + run.experiment() + " vs " + first.experiment()
                    : !run.profile().equals(first.profile()) ? "profile " + run.profile() + " vs " + first.profile()
                    : String.join("; ", StoredRun.differences(run.params(), first.params()));
            if (!differs.isEmpty()) {
                throw new IllegalArgumentException("runDir: '" + run.dir().getFileName() + "' differs from '" + first.dir().getFileName() + "' ("
                        + differs + "); allowed: runs of one experiment, profile and parameters (only the session or machine differs)");
            }
        }
        return runs;
    }
}
