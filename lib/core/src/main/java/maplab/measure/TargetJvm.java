package maplab.measure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The JVM that measures: the JDK every child JVM and JMH fork runs on, the extra options they
 * get, and that JDK's feature version (17, 25...). By default ({@link #self()}) the JDK running
 * maplab itself, with no extra options. An immutable value, chosen once per run
 * ({@link #resolve} turns the user's {@code --jdk} and {@code --jvm-opts} into one, checked
 * before anything is measured) and handed down in the run's {@link ForkSetup}. Code that picks
 * JDK-specific flags (collectors, headers) asks the run's target rather than
 * {@link Runtime#version()}, so the choice follows the JDK that actually measures.
 *
 * @param javaHome the JDK's home folder
 * @param options  extra options for every measuring JVM
 * @param feature  the JDK's feature version
 * @param version  the JDK's version (java.version, as the lab JVM's is recorded)
 * @param vendor   the JDK's vendor (java.vendor)
 */
public record TargetJvm(Path javaHome, List<String> options, int feature, String version, String vendor) {

    /** The oldest JDK maplab measures on. */
    public static final int MINIMUM_FEATURE = 17;

    public TargetJvm {
        options = List.copyOf(options);
    }

    /** A JDK known only by home, options and feature version. */
    public TargetJvm(Path javaHome, List<String> options, int feature) {
        this(javaHome, options, feature, "unknown", "unknown");
    }

    /** The JDK running this JVM, without extra options. */
    public static TargetJvm self() {
        return new TargetJvm(Path.of(System.getProperty("java.home")), List.of(), Runtime.version().feature(),
                System.getProperty("java.version"), System.getProperty("java.vendor"));
    }

    /** The {@code java} launcher of this JDK. */
    public String javaExecutable() {
        Path java = javaHome.resolve("bin").resolve("java");
        return Files.isExecutable(java) ? java.toString() : javaHome.resolve("bin").resolve("java.exe").toString();
    }

    /**
     * The arguments of a measuring JVM: {@code defaults} (maplab's pinned heap and collector),
     * then this JVM's {@linkplain #options() options}, then {@code explicit} (what an experiment
     * chose for this measurement, e.g. the collector it compares). A later option wins; of
     * several collector flags ({@code -XX:+Use...GC}) only the last is kept, so neither
     * {@code --jvm-opts=-XX:+UseZGC} nor an experiment's collector clashes with the default.
     */
    public List<String> jvmArgs(List<String> defaults, List<String> explicit) {
        List<String> args = new ArrayList<>(defaults);
        args.addAll(options);
        args.addAll(explicit);
        String lastGc = null;
        for (String a : args) if (a.matches("-XX:\\+Use\\w+GC")) lastGc = a;
        if (lastGc != null) {
            String keep = lastGc;
            args.removeIf(a -> a.matches("-XX:\\+Use\\w+GC") && !a.equals(keep));
        }
        return args;
    }

    /** True when this is the JDK running maplab itself, with no extra options. */
    public boolean isSelf() {
        return options.isEmpty() && sameHome(javaHome, Path.of(System.getProperty("java.home")));
    }

    /** True when the options switch on compact object headers (JDK 24+: -XX:+UseCompactObjectHeaders, the last such flag wins). */
    public boolean compactHeaders() {
        boolean on = false;
        for (String o : options) {
            if (o.equals("-XX:+UseCompactObjectHeaders")) on = true;
            if (o.equals("-XX:-UseCompactObjectHeaders")) on = false;
        }
        return on;
    }

    /** A short label: "JDK 25.0.3 (Eclipse Adoptium) -XX:+UseCompactObjectHeaders". */
    public String label() {
        return "JDK " + version + " (" + vendor + ")" + (options.isEmpty() ? "" : " " + String.join(" ", options));
    }

    /** For meta.json: home, version, feature, vendor, options. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("java_home", javaHome.toString());
        m.put("java_version", version);
        m.put("feature", feature);
        m.put("java_vendor", vendor);
        m.put("options", options);
        return m;
    }

    // ------------------------------------------------------------------ resolving --jdk and --jvm-opts

    /**
     * The measuring JVM the user asked for: {@code jdk} is a JDK home, a feature version such as
     * {@code 25} (exactly one installed JDK must match), or null/blank for this JVM's JDK;
     * {@code jvmOpts} are extra options separated by spaces (null/blank for none). The JDK is
     * started once ({@code java <options> -version}) so a JDK that is missing, older than 17 or
     * rejects an option fails here, before anything is measured.
     *
     * @throws IllegalArgumentException naming the parameter ({@code jdk} or {@code jvm_opts}) and what is wrong
     */
    public static TargetJvm resolve(String jdk, String jvmOpts) {
        List<String> options = parseOptions(jvmOpts);
        Path home = jdk == null || jdk.isBlank() ? Path.of(System.getProperty("java.home")) : home(jdk.trim());
        if (options.isEmpty() && sameHome(home, Path.of(System.getProperty("java.home")))) return self();
        return probe(home, options);
    }

    /** Options from text: separated by white space, each starting with '-'. */
    static List<String> parseOptions(String jvmOpts) {
        if (jvmOpts == null || jvmOpts.isBlank()) return List.of();
        List<String> out = new ArrayList<>();
        for (String o : jvmOpts.trim().split("\\s+")) {
            if (!o.startsWith("-")) {
                throw new IllegalArgumentException("jvm_opts: '" + o + "' is not a JVM option; allowed: options starting with '-', "
                        + "separated by spaces (e.g. -XX:+UseCompactObjectHeaders -Xss1m)");
            }
            if (o.equals("-cp") || o.equals("-classpath") || o.equals("--class-path") || o.equals("-jar")) {
                throw new IllegalArgumentException("jvm_opts: '" + o + "' is set by maplab itself; allowed: other JVM options");
            }
            out.add(o);
        }
        return out;
    }

    /** The home of the one JDK in {@code all} with this feature version; otherwise an error listing the candidates. */
    static Path installedHome(int feature, List<Installed> all) {
        List<Installed> matching = all.stream().filter(i -> i.feature() == feature).toList();
        if (matching.size() == 1) return matching.get(0).home();
        String found = all.isEmpty() ? "none found" : String.join(", ", all.stream().map(Installed::toString).toList());
        if (matching.isEmpty()) {
            throw new IllegalArgumentException("jdk: no installed JDK " + feature + " found; allowed: a JDK home path or a version "
                    + "installed exactly once (installed: " + found + ")");
        }
        throw new IllegalArgumentException("jdk: " + matching.size() + " installed JDKs are version " + feature
                + ", give one's path instead; allowed: " + String.join(", ", matching.stream().map(i -> i.home().toString()).toList()));
    }

    /** The home folder named by {@code jdk}: a path, or a feature version matched against the installed JDKs. */
    static Path home(String jdk) {
        if (jdk.matches("\\d{1,3}")) return installedHome(Integer.parseInt(jdk), installed());
        Path home = Path.of(jdk).toAbsolutePath().normalize();
        if (!Files.exists(home)) {
            throw new IllegalArgumentException("jdk: '" + jdk + "' does not exist; allowed: a JDK home folder (with bin/java) or a "
                    + "version such as 25 installed exactly once");
        }
        if (!Files.isDirectory(home) || !Files.isExecutable(home.resolve("bin").resolve("java"))) {
            throw new IllegalArgumentException("jdk: '" + jdk + "' is not a JDK home (no bin/java in it); allowed: a JDK home folder "
                    + "such as /usr/lib/jvm/temurin-25-jdk-amd64, or a version such as 25 installed exactly once");
        }
        return home;
    }

    /** An installed JDK: its home and feature version (from its {@code release} file). */
    public record Installed(Path home, int feature) {
        @Override public String toString() { return home + " (" + feature + ")"; }
    }

    /**
     * The JDKs found in the usual places: /usr/lib/jvm, /usr/java, /opt/java, /opt/jdk, ~/.jdks,
     * ~/.sdkman/candidates/java, macOS's JavaVirtualMachines, JAVA_HOME and this JVM's JDK; each
     * once (symbolic links resolved), with its feature version from its {@code release} file.
     */
    public static List<Installed> installed() {
        Set<Path> homes = new LinkedHashSet<>();
        String userHome = System.getProperty("user.home", "");
        for (String root : List.of("/usr/lib/jvm", "/usr/java", "/opt/java", "/opt/jdk", userHome + "/.jdks",
                userHome + "/.sdkman/candidates/java", "/Library/Java/JavaVirtualMachines")) {
            Path dir = Path.of(root);
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> s = Files.list(dir)) {
                s.sorted().forEach(p -> {
                    homes.add(p);
                    homes.add(p.resolve("Contents").resolve("Home"));
                });
            } catch (IOException ignored) {
                // an unreadable folder holds no JDK we can use
            }
        }
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) homes.add(Path.of(javaHome));
        homes.add(Path.of(System.getProperty("java.home")));
        Map<Path, Installed> byReal = new LinkedHashMap<>();
        for (Path h : homes) {
            if (!Files.isExecutable(h.resolve("bin").resolve("java"))) continue;
            int feature = releaseFeature(h);
            if (feature <= 0) continue;
            try {
                byReal.putIfAbsent(h.toRealPath(), new Installed(h.toRealPath(), feature));
            } catch (IOException ignored) {
                // vanished while we looked
            }
        }
        return List.copyOf(byReal.values());
    }

    /** The feature version in a JDK's {@code release} file (JAVA_VERSION="25.0.3"); 0 when unreadable. */
    static int releaseFeature(Path home) {
        Path release = home.resolve("release");
        if (!Files.isReadable(release)) return 0;
        try {
            for (String line : Files.readAllLines(release, StandardCharsets.UTF_8)) {
                if (line.startsWith("JAVA_VERSION=")) return feature(line.substring("JAVA_VERSION=".length()).replace("\"", ""));
            }
        } catch (IOException | RuntimeException ignored) {
            // fall through
        }
        return 0;
    }

    /** The feature version of a version string: "25.0.3" -> 25, "1.8.0_392" -> 8; 0 when it has none. */
    public static int featureOf(String version) {
        return feature(version);
    }

    static int feature(String version) {
        String v = version.trim();
        if (v.startsWith("1.")) v = v.substring(2);
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) end++;
        return end == 0 ? 0 : Integer.parseInt(v.substring(0, end));
    }

    /** Starts {@code home}'s java once with {@code options}; fails with a clear message when it is too old or rejects an option. */
    private static TargetJvm probe(Path home, List<String> options) {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin").resolve("java").toString());
        command.addAll(options);
        command.add("-XshowSettings:properties");
        command.add("-version");
        Started started = start(command);
        if (started.exitCode() != 0) {
            if (!options.isEmpty() && start(List.of(command.get(0), "-version")).exitCode() == 0) {
                throw new IllegalArgumentException("jvm_opts: the JDK at " + home + " rejects '" + String.join(" ", options) + "': "
                        + firstLines(started.output()) + "; allowed: options this JDK accepts");
            }
            throw new IllegalArgumentException("jdk: " + home + " does not start (" + firstLines(started.output())
                    + "); allowed: a working JDK " + MINIMUM_FEATURE + " or newer");
        }
        Map<String, String> props = new LinkedHashMap<>();
        for (String line : started.output().split("\\R")) {
            int eq = line.indexOf(" = ");
            if (eq > 0 && line.startsWith("    ") && !line.startsWith("        ")) props.put(line.substring(0, eq).trim(), line.substring(eq + 3).trim());
        }
        int feature = feature(props.getOrDefault("java.specification.version", "0"));
        if (feature == 0) {
            throw new IllegalArgumentException("jdk: " + home + " did not report its version; allowed: a JDK " + MINIMUM_FEATURE + " or newer");
        }
        if (feature < MINIMUM_FEATURE) {
            throw new IllegalArgumentException("jdk: " + home + " is JDK " + feature + "; allowed: JDK " + MINIMUM_FEATURE + " or newer");
        }
        return new TargetJvm(home, options, feature, props.getOrDefault("java.version", "unknown"),
                props.getOrDefault("java.vendor", "unknown"));
    }

    private record Started(int exitCode, String output) { }

    private static Started start(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
                try (InputStream in = p.getInputStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "";
                }
            });
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalArgumentException("jdk: " + command.get(0) + " -version did not finish within 60 s");
            }
            return new Started(p.exitValue(), out.join());
        } catch (IOException e) {
            throw new IllegalArgumentException("jdk: cannot start " + command.get(0) + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeasurementException("interrupted while checking the JDK " + command.get(0), e);
        }
    }

    private static String firstLines(String output) {
        String s = output.strip().lines().limit(2).reduce((a, b) -> a + " " + b).orElse("no output");
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    private static boolean sameHome(Path a, Path b) {
        try {
            return a.toRealPath().equals(b.toRealPath());
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }
}
