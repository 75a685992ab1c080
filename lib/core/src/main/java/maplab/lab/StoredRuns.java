package maplab.lab;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import maplab.conclude.Result;
import maplab.experiments.Experiment;
import maplab.measure.Environment;
import maplab.measure.TargetJvm;
import maplab.plan.ParamSpec;
import maplab.plan.Params;
import maplab.plan.Profile;
import maplab.progress.Progress;
import maplab.render.Html;
import maplab.run.RunFolder;

/**
 * Run folders measured before, used instead of measuring again: {@code ./maplab report --from DIR...}
 * names them in {@value #FROM_ENV}, and each notebook's {@code Experiments.run(id, profile, params)}
 * then takes the newest stored run of the same experiment, profile and parameters (after
 * defaults), measured on the same JDK version with the same extra JVM options, and concludes it
 * again in memory: the stored folder is never rewritten. Each DIR is a run folder or a folder
 * holding run folders ({@code runs/}, {@code data/reference/}). When none matches, one line on
 * stderr says so and the run is measured; with {@value #STRICT_ENV}{@code =1} it fails instead.
 *
 * <p>Only finished runs count: a folder whose meta.json says the run failed, or that is one
 * shard of a run (not merged yet), is never taken.
 */
public final class StoredRuns {

    /** The stored run folders, joined with the path separator ({@code :} on Linux). */
    public static final String FROM_ENV = "MAPLAB_FROM";
    /** {@code 1}: a run without a matching stored run fails instead of measuring. */
    public static final String STRICT_ENV = "MAPLAB_FROM_STRICT";

    private final List<Path> dirs;
    private final boolean strict;

    /** Stored runs in {@code dirs} (each a run folder or a folder of run folders); {@code strict}: never measure. */
    public StoredRuns(List<Path> dirs, boolean strict) {
        if (dirs.isEmpty()) throw new IllegalArgumentException("from: no folder given; allowed: run folders or folders that hold them");
        this.dirs = dirs.stream().map(d -> d.toAbsolutePath().normalize()).toList();
        this.strict = strict;
    }

    /** The stored runs {@value #FROM_ENV} names; null when it is unset or blank, or when a dry run is under way. */
    public static StoredRuns fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    static StoredRuns fromEnvironment(Map<String, String> env) {
        String from = env.get(FROM_ENV);
        String dryRun = env.get(Experiments.DRY_RUN_ENV);
        if (from == null || from.isBlank() || (dryRun != null && !dryRun.isBlank())) return null;
        List<Path> dirs = Arrays.stream(from.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();
        return new StoredRuns(dirs, "1".equals(env.get(STRICT_ENV)) || "true".equalsIgnoreCase(env.get(STRICT_ENV)));
    }

    public List<Path> dirs() { return dirs; }

    public boolean strict() { return strict; }

    /**
     * What a run asks for, as stored runs are matched against it: experiment, profile, parameters
     * after defaults ({@link Params#asMap()}), and the measuring JVM's feature version and extra options.
     */
    public record Wanted(String experiment, Profile profile, Map<String, Object> params, int jdkFeature, List<String> jvmOptions) {

        /** "presize (quick, {n=200000, ...})", with " on JDK 25 -XX:+UseCompactObjectHeaders" when not this JVM's JDK or with options. */
        public String describe() {
            boolean ownJvm = jdkFeature == Runtime.version().feature() && jvmOptions.isEmpty();
            return experiment + " (" + profile.label() + ", " + params + ")"
                    + (ownJvm ? "" : " on JDK " + jdkFeature + (jvmOptions.isEmpty() ? "" : " " + String.join(" ", jvmOptions)));
        }
    }

    /** A stored run folder as matching sees it: its folder and meta.json. */
    public record Candidate(Path dir, Map<String, Object> meta) {

        public String experiment() { return String.valueOf(meta.get("experiment")); }

        public String profile() { return String.valueOf(meta.get("profile")); }

        /** When its measuring began (meta.json's start); {@link Instant#MIN} when unreadable. */
        public Instant start() {
            try {
                return Instant.parse(String.valueOf(meta.get("start")));
            } catch (DateTimeParseException e) {
                return Instant.MIN;
            }
        }

        /** A finished run: status ok, and not one shard of a run. */
        public boolean finished() {
            return "ok".equals(meta.get("status")) && !(meta.get("shard") instanceof Map<?, ?>);
        }

        int jdkFeature() {
            return TargetJvm.featureOf(Environment.fromMeta(meta).measuringVersion());
        }

        List<String> jvmOptions() {
            return Environment.fromMeta(meta).measuringOptions();
        }
    }

    /**
     * What {@code Experiments.run(id, profile, params)} asks for: {@code params} as text, resolved
     * and checked as a run would, with {@code jdk} and {@code jvm_opts} (or {@code MAPLAB_JDK} and
     * {@code MAPLAB_JVM_OPTS}) naming the measuring JVM.
     *
     * @throws IllegalArgumentException for an unknown id, parameter or bad value, as a run would
     */
    public static Wanted wanted(String id, Profile profile, Map<String, String> params) {
        Experiment experiment = Experiments.byId(id);
        Map<String, String> own = new LinkedHashMap<>(params);
        String jdk = own.containsKey(Experiments.JDK) ? own.remove(Experiments.JDK) : System.getenv("MAPLAB_JDK");
        String jvmOpts = own.containsKey(Experiments.JVM_OPTS) ? own.remove(Experiments.JVM_OPTS) : System.getenv("MAPLAB_JVM_OPTS");
        own.remove(Experiments.BUDGET);   // how long measuring may take: not part of what was measured
        Params resolved = Params.resolve(experiment, profile, own);
        experiment.validate(resolved);
        List<String> options = jvmOpts == null || jvmOpts.isBlank() ? List.of() : List.of(jvmOpts.trim().split("\\s+"));
        return new Wanted(id, profile, resolved.asMap(), jdkFeature(jdk), options);
    }

    /** The feature version {@code jdk} names: this JVM's for none, the number itself for a version, a JDK home's own. */
    private static int jdkFeature(String jdk) {
        if (jdk == null || jdk.isBlank()) return Runtime.version().feature();
        if (jdk.trim().matches("\\d{1,3}")) return Integer.parseInt(jdk.trim());
        return TargetJvm.resolve(jdk, null).feature();
    }

    /** Every run folder in {@link #dirs()}: a DIR with a meta.json, else each folder in it that has one (hidden folders left out). */
    public List<Candidate> candidates() {
        List<Candidate> out = new ArrayList<>();
        for (Path dir : dirs) {
            if (Files.isRegularFile(dir.resolve("meta.json"))) {
                read(dir, out);
                continue;
            }
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> children = Files.list(dir)) {
                children.filter(c -> !c.getFileName().toString().startsWith(".") && Files.isRegularFile(c.resolve("meta.json")))
                        .sorted().forEach(c -> read(c, out));
            } catch (IOException e) {
                System.err.println("maplab: from: cannot list '" + dir + "' (" + e.getMessage() + "); its runs are left out");
            }
        }
        return out;
    }

    private static void read(Path dir, List<Candidate> out) {
        try {
            out.add(new Candidate(dir, RunFolder.readMeta(dir)));
        } catch (RuntimeException e) {
            System.err.println("maplab: from: '" + dir + "' has an unreadable meta.json; left out");
        }
    }

    /** The finished stored runs that match {@code wanted}, newest first (by meta.json's start, then folder name). */
    public List<Candidate> matching(Wanted wanted) {
        return candidates().stream().filter(c -> matches(c, wanted))
                .sorted(Comparator.comparing(Candidate::start).thenComparing(c -> c.dir().getFileName().toString()).reversed())
                .toList();
    }

    /** Whether {@code c} is a finished run of what {@code wanted} asks for. */
    static boolean matches(Candidate c, Wanted wanted) {
        if (!c.finished() || !c.experiment().equals(wanted.experiment()) || !c.profile().equals(wanted.profile().label())) return false;
        return differences(c, wanted).isEmpty();
    }

    /**
     * The parameter names whose stored value (after defaults) differs from what {@code wanted}
     * asks for, "parameters" when the stored ones no longer resolve (an unknown name, a missing one
     * or a bad value), and "measuring JVM" when the JDK version or extra options differ. Empty: a match.
     */
    static List<String> differences(Candidate c, Wanted wanted) {
        List<String> out = new ArrayList<>();
        Map<String, Object> stored = storedParams(c, wanted);
        if (stored == null) out.add("parameters");
        else wanted.params().forEach((name, value) -> {
            if (!Objects.equals(stored.get(name), value)) out.add(name);
        });
        if (c.jdkFeature() != wanted.jdkFeature() || !c.jvmOptions().equals(wanted.jvmOptions())) out.add("measuring JVM");
        // a folder without samples.csv (a copy of old reports' runs) would conclude without its per-round samples
        if (!Files.isRegularFile(c.dir().resolve("samples.csv"))) out.add("samples (no samples.csv)");
        return out;
    }

    /**
     * meta.json's parameters resolved as a run resolves them; null when they name a parameter the
     * experiment no longer has, lack one it has now, or hold a value it refuses.
     */
    private static Map<String, Object> storedParams(Candidate c, Wanted wanted) {
        if (!(c.meta().get("params") instanceof Map<?, ?> recorded)) return null;
        Experiment experiment = Experiments.byId(wanted.experiment());
        List<String> names = Params.specsOf(experiment).stream().map(ParamSpec::name).toList();
        if (!recorded.keySet().stream().map(String::valueOf).collect(Collectors.toSet()).equals(new java.util.HashSet<>(names))) return null;
        Map<String, String> text = new LinkedHashMap<>();
        recorded.forEach((k, v) -> text.put(String.valueOf(k), v instanceof List<?> l
                ? l.stream().map(String::valueOf).collect(Collectors.joining(",")) : String.valueOf(v)));
        try {
            return Params.resolve(experiment, wanted.profile(), text).asMap();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * For the notebook API: the newest matching stored run, concluded again (in memory; under the
     * report runner also into its temporary folder, for the report's copy), marked with where and
     * when it was measured; null when none matches, after one line on stderr (and in the report
     * runner's log) saying so.
     *
     * @throws IllegalArgumentException when none matches and {@link #strict()}: "from: no stored run of
     *                                  &lt;id&gt; (&lt;profile&gt;, &lt;params&gt;) in &lt;dirs&gt;"; for bad input, as a run
     */
    public Result take(String id, Profile profile, Map<String, String> params, Progress progress) {
        Wanted wanted = wanted(id, profile, params);
        List<Candidate> found = matching(wanted);
        if (found.isEmpty()) {
            String missing = "from: no stored run of " + wanted.describe() + " in " + dirs.stream().map(Path::toString).collect(Collectors.joining(", "));
            if (strict) throw new IllegalArgumentException(missing);
            System.err.println("maplab: " + missing + closest(wanted) + "; measuring it");
            Experiments.logMissing(id, missing);
            return null;
        }
        Path dir = found.get(0).dir();
        progress.start(id + " (" + profile.label() + ")", 0);
        Result result = Experiments.concluded(dir);
        result.setStoredRun(dir);
        Experiments.logStored(result, dir);
        result.setRunDir(dir);
        progress.done(Html.storedLine(dir.toString(), result.start()) + "; " + result.findings().size() + " findings concluded again");
        return result;
    }

    /** "; closest: DIR (differs in n, constructors)": the stored run of the same experiment and profile that differs least; "" when none. */
    String closest(Wanted wanted) {
        Candidate best = null;
        List<String> fewest = null;
        for (Candidate c : candidates()) {
            if (!c.finished() || !c.experiment().equals(wanted.experiment()) || !c.profile().equals(wanted.profile().label())) continue;
            List<String> d = differences(c, wanted);
            if (fewest == null || d.size() < fewest.size()) {
                best = c;
                fewest = d;
            }
        }
        return best == null ? "" : "; closest: " + best.dir() + " (differs in " + String.join(", ", fewest) + ")";
    }
}
