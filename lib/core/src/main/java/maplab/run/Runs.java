package maplab.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Run folders after the fact, for notebooks and the CLI: compare two runs, promote a run to
 * reference, find an experiment's reference. In a notebook {@code Runs.compare(a, b)} renders
 * as the comparison (ratios, verdicts, chart).
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

    /** Makes a completed full-profile run folder its experiment's reference; returns the reference folder. */
    public static Path promote(Path runDir) {
        return Reference.promote(runDir, Reference.root(), false);
    }

    /** The reference run folder of {@code experiment}, if there is one. */
    public static Optional<Path> reference(String experiment) {
        return Reference.find(experiment).map(r -> r.run().dir());
    }

    /** A path as given when it exists, else the folder of that name under {@code runs/} when that exists, else the path as given. */
    public static Path resolve(String runDir) {
        Path p = Path.of(runDir);
        if (Files.exists(p)) return p;
        Path underRuns = Home.runs().resolve(runDir);
        return Files.exists(underRuns) ? underRuns : p;
    }
}
