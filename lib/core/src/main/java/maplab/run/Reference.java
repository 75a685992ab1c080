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
import maplab.conclude.BetweenRun;
import maplab.conclude.Finding;
import maplab.conclude.Result;

/**
 * Reference results, one run folder per profile and experiment, made on the project's machine:
 * the full profile's in {@code data/reference/<experiment>/} (where they always were), every
 * other profile's in {@code data/reference/<profile>/<experiment>/}. A run is compared with the
 * reference of its own profile only, like with like. {@link #promote} puts a run there. This
 * class only supplies data (the reference's findings, how a finding relates to its reference,
 * where the references of two profiles disagree because the size differs, which environment
 * facts differ); {@link maplab.render.Html} renders them beside a run's findings.
 */
public final class Reference {

    /** The profile whose references lie directly in the references' folder; every other profile has a folder of its own there. */
    public static final String FULL = "full";

    private final StoredRun run;
    private final Map<String, Finding> findings = new LinkedHashMap<>();
    private final Map<String, String> sizeChanges;

    private Reference(StoredRun run, Map<String, String> sizeChanges) {
        this.run = run;
        for (Finding f : run.findings()) findings.put(f.id(), f);
        this.sizeChanges = Map.copyOf(sizeChanges);
    }

    /** {@code <home>/data/reference}: the full profile's references, and a folder per other profile. */
    public static Path root() {
        return Home.data().resolve("reference");
    }

    /**
     * Where the references of {@code profile} lie under {@code base} (the references' folder):
     * {@code base} itself for full, {@code base/<profile>} for any other profile.
     *
     * @throws IllegalArgumentException when {@code profile} is not a profile name (lower-case letters)
     */
    public static Path root(Path base, String profile) {
        if (profile == null || !profile.matches("[a-z]+")) {
            throw new IllegalArgumentException("profile: '" + profile + "' is not a profile name; allowed: lower-case letters, e.g. quick, full");
        }
        return FULL.equals(profile) ? base : base.resolve(profile);
    }

    /** {@link #root(Path, String)} under {@link #root()}. */
    public static Path root(String profile) {
        return root(root(), profile);
    }

    /** The reference run of {@code experiment} under {@link #root()}, if there is one. */
    public static Optional<Reference> find(String experiment) {
        return find(root(), experiment);
    }

    /** The reference run of {@code experiment} under {@code root}, if there is one. */
    public static Optional<Reference> find(Path root, String experiment) {
        Path dir = root.resolve(experiment);
        if (!Files.isRegularFile(dir.resolve("meta.json"))) return Optional.empty();
        return Optional.of(new Reference(StoredRun.read("reference", dir), Map.of()));
    }

    /**
     * The reference of {@code experiment} for runs of {@code profile} under {@code base}, if there is one.
     *
     * @throws IllegalArgumentException when the folder holds a run of another profile, or cannot be read
     */
    public static Optional<Reference> find(Path base, String profile, String experiment) {
        Optional<Reference> found = find(root(base, profile), experiment);
        if (found.isPresent() && !profile.equals(found.get().run().profile())) {
            throw new IllegalArgumentException("reference: '" + found.get().run().dir() + "' is a " + found.get().run().profile()
                    + "-profile run filed as the " + profile + " profile's reference; promote it again (./maplab promote) to file it under its own profile");
        }
        return found;
    }

    /**
     * An experiment's reference as loaded for a page: the reference of the run's profile, or none
     * (null), or why it could not be read ({@code problem}, else null), or why there is none to
     * compare with ({@code absent}: other profiles have one, this run's has not; else null).
     * Pages are handed this and read nothing.
     */
    /** The smoke profile's name: its runs prove that a run works and renders, and meet no reference. */
    private static final String SMOKE = "smoke";

    /** A smoke run's lookup: no reference, and the page says why. */
    private static final Lookup SMOKE_LOOKUP = new Lookup(null, null, "No reference: this is a smoke run (./maplab test), which proves the run"
            + " works and renders; its numbers say nothing, so they are not compared with any reference.");

    public record Lookup(Reference reference, String problem, String absent) {

        /** No reference and no problem (a page without a reference column). */
        public static final Lookup NONE = new Lookup(null, null, null);

        /** A reference, or a problem, with nothing absent. */
        public Lookup(Reference reference, String problem) {
            this(reference, problem, null);
        }
    }

    /** {@link #lookup(Path, String, String)} under {@link #root()}. */
    public static Lookup lookup(String experiment, String profile) {
        return lookup(root(), experiment, profile);
    }

    /**
     * Reads, for a page, the reference a run of {@code experiment} in {@code profile} is compared
     * with: the reference of that profile under {@code base}, knowing where the references of the
     * other profiles give opposite verdicts ({@link SizeChanges}). When only other profiles have
     * one, says so instead of comparing; a folder that cannot be read gives its problem.
     */
    public static Lookup lookup(Path base, String experiment, String profile) {
        if (SMOKE.equals(profile)) return SMOKE_LOOKUP;
        try {
            Map<String, Reference> byProfile = new LinkedHashMap<>();
            for (String p : profiles(profile)) {
                if (p.equals(profile)) find(base, p, experiment).ifPresent(r -> byProfile.put(p, r));
                else otherProfile(base, p, experiment).ifPresent(r -> byProfile.put(p, r));
            }
            Reference own = byProfile.get(profile);
            if (own != null) {
                Map<String, List<Finding>> findings = new LinkedHashMap<>();
                byProfile.forEach((p, r) -> findings.put(p, r.run().findings()));
                return new Lookup(new Reference(own.run, SizeChanges.of(findings)), null);
            }
            if (byProfile.isEmpty()) return Lookup.NONE;
            return new Lookup(null, null, "No reference for this profile (" + profile + "): a run is compared only with the reference of its own "
                    + "profile, and " + experiment + " has one for " + String.join(", ", byProfile.keySet()) + " (./maplab promote files a run under its profile).");
        } catch (RuntimeException e) {
            return new Lookup(null, e.getMessage());
        }
    }

    /** Another profile's reference, only to name size changes: one that cannot be read is left out (the run's own reference decides the page). */
    private static Optional<Reference> otherProfile(Path base, String profile, String experiment) {
        try {
            return find(base, profile, experiment);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Every profile's name in {@link maplab.plan.Profile}'s order (smallest first), with {@code profile} among them. */
    private static List<String> profiles(String profile) {
        List<String> out = new java.util.ArrayList<>(java.util.Arrays.stream(maplab.plan.Profile.values()).map(maplab.plan.Profile::label).toList());
        if (!out.contains(profile)) out.add(0, profile);
        return out;
    }

    public StoredRun run() { return run; }

    /**
     * "changes with n_keys: lower at n_keys 200000 (quick reference), higher at n_keys 1000000
     * (full reference)" when the references of two profiles give this finding opposite verdicts
     * under different conditions; empty otherwise, or when this reference was found without the
     * others ({@link #find}).
     */
    public Optional<String> sizeChange(String id) {
        return Optional.ofNullable(sizeChanges.get(id));
    }

    /** The reference value of a finding, if the reference has it. */
    public Optional<Finding> finding(String id) {
        return Optional.ofNullable(findings.get(id));
    }

    /**
     * {@code f}, a finding of another run of this experiment and profile, with the between-run
     * spread of the reference's finding of the same id folded into its interval and verdict
     * ({@link BetweenRun#fold}); {@code f} as it is when the reference has no spread for it (a
     * single-run reference) or measured it under other conditions.
     */
    public Finding fold(Finding f) {
        Finding ref = findings.get(f.id());
        if (ref == null || ref.betweenRun() == null || ref.betweenRun().folded()) return f;
        if (!StoredRun.differences(f.conditions(), ref.conditions()).isEmpty()) return f;
        return BetweenRun.fold(f, ref.betweenRun());
    }

    /** meta.json's key listing the runs a reference combines (id, commit, start, end, machine). */
    public static final String BETWEEN_RUNS = "between_runs";

    /** Where a combined reference keeps each run's data: {@code runs/<run id>/}. */
    public static final String RUNS_DIR = "runs";

    /**
     * The run folders a reference made from several runs combines ({@code runs/<id>/}, in the
     * order meta.json lists them); empty for any other folder (a run folder, or none).
     *
     * @throws IllegalArgumentException when meta.json lists a run whose folder is missing
     */
    public static List<Path> combinedRuns(Path dir) {
        if (!Files.isRegularFile(dir.resolve("meta.json"))) return List.of();
        Map<String, Object> meta = RunFolder.readMeta(dir);
        if (!(meta.get(BETWEEN_RUNS) instanceof List<?> runs)) return List.of();
        List<Path> out = new java.util.ArrayList<>();
        for (Object r : runs) {
            Object id = r instanceof Map<?, ?> m ? m.get("id") : null;
            Path run = dir.resolve(RUNS_DIR).resolve(String.valueOf(id));
            if (id == null || !Files.isRegularFile(run.resolve("meta.json"))) {
                throw new IllegalArgumentException("runDir: '" + dir + "' lists run '" + id + "' in " + BETWEEN_RUNS + " but has no " + RUNS_DIR + "/" + id + "/meta.json");
            }
            out.add(run);
        }
        return out;
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
     * Makes a completed run folder the reference of its experiment for its own profile (under
     * {@link #root(Path, String)}): copies it (without the bulky {@code raw/}) into a hidden
     * folder beside the target, then swaps it in by renames, so readers see the old reference or
     * the new one, never half of one.
     *
     * @param base the references' folder ({@link #root()})
     * @return the reference folder
     * @throws IllegalArgumentException when {@code runDir} is not a completed run folder
     */
    public static Path promote(Path runDir, Path base) {
        StoredRun run = StoredRun.read("runDir", runDir);
        if (!run.succeeded()) throw new IllegalArgumentException("runDir: '" + runDir + "' is a failed run; allowed: a completed run folder");
        if (!Files.isRegularFile(run.dir().resolve("report.html"))) {
            throw new IllegalArgumentException("runDir: '" + runDir + "' is not a completed run folder (no report.html)");
        }
        Path target = root(base.toAbsolutePath().normalize(), run.profile()).resolve(run.experiment());
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

    static void copyWithoutRaw(Path from, Path to) throws IOException {
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

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
