package maplab.run;

import maplab.plan.Home;
import maplab.plan.Profile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import maplab.conclude.Finding;
import maplab.conclude.Result;

/**
 * Reference results: {@code data/reference/<experiment>/} holds one full-profile run folder
 * per experiment, made on the project's machine. {@link #promote} puts a run there. This class
 * only supplies data (the reference's findings, how a finding relates to its reference, which
 * environment facts differ); {@link maplab.render.Html} renders them beside a run's findings.
 */
public final class Reference {

    private final StoredRun run;
    private final Map<String, Finding> findings = new LinkedHashMap<>();

    private Reference(StoredRun run) {
        this.run = run;
        for (Finding f : run.findings()) findings.put(f.id(), f);
    }

    /** {@code <home>/data/reference}. */
    public static Path root() {
        return Home.data().resolve("reference");
    }

    /** The reference run of {@code experiment} under {@link #root()}, if there is one. */
    public static Optional<Reference> find(String experiment) {
        return find(root(), experiment);
    }

    /** The reference run of {@code experiment} under {@code root}, if there is one. */
    public static Optional<Reference> find(Path root, String experiment) {
        Path dir = root.resolve(experiment);
        if (!Files.isRegularFile(dir.resolve("meta.json"))) return Optional.empty();
        return Optional.of(new Reference(StoredRun.read("reference", dir)));
    }

    /**
     * An experiment's reference as loaded for a page: the reference, or none (null), or why it
     * could not be read ({@code problem}, else null). Pages are handed this and read nothing.
     */
    public record Lookup(Reference reference, String problem, String note) {

        /** No reference and no problem (a page without a reference column). */
        public static final Lookup NONE = new Lookup(null, null);

        /** A smoke run's: no reference, and the page says why (its numbers say nothing). */
        public static final Lookup SMOKE = new Lookup(null, null, "No reference: this is a smoke run (./maplab test), which proves the run"
                + " works and renders; its numbers say nothing, so they are not compared with any reference.");

        /** A reference, or why it could not be read; no note. */
        public Lookup(Reference reference, String problem) {
            this(reference, problem, null);
        }
    }

    /** The reference a page shows beside a run of {@code profile}: {@link Lookup#SMOKE} for a smoke run, else {@link #lookup(String)}. */
    public static Lookup lookup(String experiment, Profile profile) {
        return profile == Profile.SMOKE ? Lookup.SMOKE : lookup(experiment);
    }

    /** Reads the reference of {@code experiment} under {@link #root()} for a page: a folder that cannot be read gives its problem. */
    public static Lookup lookup(String experiment) {
        try {
            return new Lookup(find(experiment).orElse(null), null);
        } catch (RuntimeException e) {
            return new Lookup(null, e.getMessage());
        }
    }

    public StoredRun run() { return run; }

    /** The reference value of a finding, if the reference has it. */
    public Optional<Finding> finding(String id) {
        return Optional.ofNullable(findings.get(id));
    }

    /** How {@code f} relates to its reference {@code ref}, in words. */
    public static String relation(Finding f, Finding ref) {
        if (f.notComputed()) return "not computed in this run: not compared";
        if (ref.notComputed()) return "not computed in the reference: not compared";
        List<String> differ = StoredRun.differences(f.conditions(), ref.conditions());
        if (!differ.isEmpty()) return "measured under other conditions (" + String.join("; ", differ) + "): not compared";
        if (f.verdict() != null && ref.verdict() != null) {
            if (f.verdict().opposes(ref.verdict())) return "opposite verdict";
            if (f.verdict() == ref.verdict()) return "same verdict";
            if (f.verdict().isNoDifference() && ref.verdict().isNoDifference()) {
                return f.verdict() == Finding.Verdict.EQUIVALENT ? "no difference in either; this run settled it as equivalent"
                        : "no difference in either; the reference settled it as equivalent";
            }
            return f.verdict().isDifference() ? "a difference the reference did not detect" : "reference detected a difference";
        }
        if (f.value() == ref.value()) return "same value";
        boolean overlap = !(f.high() < ref.low() || ref.high() < f.low());
        if (Double.isNaN(f.low()) || Double.isNaN(ref.low())) return "";
        return overlap ? "intervals overlap" : "intervals do not overlap";
    }

    /** What differs between {@code r}'s environment and the reference's ("cores: 2 vs 8"), this run first; empty when nothing does. */
    public List<String> environmentDifferences(Result r) {
        return environmentDifferences(RunFolder.meta(r, Map.of()));
    }

    /** What differs between the environment a meta.json map records and the reference's, that run first. */
    public List<String> environmentDifferences(Map<String, Object> meta) {
        return StoredRun.differences(StoredRun.environmentFacts(meta), run.environmentFacts());
    }

    /** The reference folder, relative to the maplab home when inside it (as shown on pages). */
    public Path shownDir() {
        return run.dir().startsWith(Home.dir()) ? Home.dir().relativize(run.dir()) : run.dir();
    }

    /**
     * Makes a completed run folder the reference of its experiment: copies it (without the
     * bulky {@code raw/}) into a hidden folder beside the target, then swaps it in by renames,
     * so readers see the old reference or the new one, never half of one.
     *
     * @param anyProfile accept a run that is not full-profile
     * @return the reference folder
     * @throws IllegalArgumentException when {@code runDir} is not a completed run folder, or not full-profile without {@code anyProfile}
     */
    public static Path promote(Path runDir, Path root, boolean anyProfile) {
        StoredRun run = StoredRun.read("runDir", runDir);
        if (!run.succeeded()) throw new IllegalArgumentException("runDir: '" + runDir + "' is a failed run; allowed: a completed run folder");
        if (!Files.isRegularFile(run.dir().resolve("report.html"))) {
            throw new IllegalArgumentException("runDir: '" + runDir + "' is not a completed run folder (no report.html)");
        }
        if (!anyProfile && !"full".equals(run.profile())) {
            throw new IllegalArgumentException("runDir: '" + runDir + "' is a " + run.profile() + "-profile run; allowed: a full-profile run "
                    + "(./maplab run " + run.experiment() + " --profile full), or pass --any-profile");
        }
        Path target = root.toAbsolutePath().normalize().resolve(run.experiment());
        if (target.equals(run.dir())) throw new IllegalArgumentException("runDir: '" + runDir + "' is already the reference");
        long pid = ProcessHandle.current().pid();
        Path staging = target.resolveSibling("." + run.experiment() + ".promote-" + pid);
        Path old = target.resolveSibling("." + run.experiment() + ".old-" + pid);
        try {
            Files.createDirectories(target.getParent());
            deleteTree(staging);
            copyWithoutRaw(run.dir(), staging);
            boolean hadOld = Files.exists(target);
            if (hadOld) move(target, old);
            try {
                move(staging, target);
            } catch (IOException e) {
                if (hadOld) move(old, target);
                throw e;
            }
            deleteTree(old);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot promote " + runDir + " to " + target, e);
        }
    }

    private static void copyWithoutRaw(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.equals(from.resolve("raw"))) return FileVisitResult.SKIP_SUBTREE;
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
