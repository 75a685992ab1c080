package maplab.measure;

import maplab.lab.Runs;
import maplab.plan.Home;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Where a result was measured: JDK, JVM arguments, GC, OS, CPU, cores, heap, maplab version
 * and git commit. Captured once per run and written into meta.json; forked JMH JVMs record
 * their own arguments separately (see {@link maplab.measure.Jmh}).
 */
public record Environment(String javaVendor, String javaVersion, String vmName, List<String> jvmArguments,
                          List<String> garbageCollectors, String os, String cpuModel, int logicalCores,
                          long maxHeapBytes, String maplabVersion, String gitCommit, Map<String, Object> measuringJvm) {

    public Environment {
        measuringJvm = measuringJvm == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(measuringJvm));
    }

    /** The environment of this JVM, measuring on its own JDK ({@link maplab.measure.TargetJvm#self()}). */
    public static Environment capture() {
        return capture(maplab.measure.TargetJvm.self());
    }

    /** The environment of this JVM (the lab JVM), measuring on {@code measuring}. */
    public static Environment capture(maplab.measure.TargetJvm measuring) {
        return new Environment(
                System.getProperty("java.vendor"),
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"),
                ManagementFactory.getRuntimeMXBean().getInputArguments(),
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")",
                readCpuModel(),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory(),
                readMaplabVersion(),
                readGitCommit(),
                measuring.asMap());
    }

    /** The environment a stored run recorded in its meta.json. */
    @SuppressWarnings("unchecked")
    public static Environment fromMeta(Map<String, Object> meta) {
        Map<String, Object> m = meta.get("environment") instanceof Map<?, ?> e ? (Map<String, Object>) e : Map.of();
        return new Environment(text(m.get("java_vendor")), text(m.get("java_version")), text(m.get("vm_name")),
                strings(m.get("jvm_arguments")), strings(m.get("gc")), text(m.get("os")), text(m.get("cpu_model")),
                m.get("logical_cores") instanceof Number n ? n.intValue() : 0,
                m.get("max_heap_bytes") instanceof Number n ? n.longValue() : 0,
                text(m.get("maplab_version")), m.get("git_commit") == null ? null : text(m.get("git_commit")),
                m.get("measuring_jvm") instanceof Map<?, ?> j ? (Map<String, Object>) j : labAsMeasuring(m));
    }

    /** Runs from before --jdk measured on the lab JVM: its JDK, no extra options. */
    private static Map<String, Object> labAsMeasuring(Map<String, Object> m) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("java_home", "unknown");
        j.put("java_version", text(m.get("java_version")));
        j.put("feature", maplab.measure.TargetJvm.featureOf(text(m.get("java_version"))));
        j.put("java_vendor", text(m.get("java_vendor")));
        j.put("options", List.of());
        return j;
    }

    /** The measuring JVM's version ("25.0.3"). */
    public String measuringVersion() {
        return text(measuringJvm.getOrDefault("java_version", javaVersion));
    }

    /** The measuring JVM's vendor. */
    public String measuringVendor() {
        return text(measuringJvm.getOrDefault("java_vendor", javaVendor));
    }

    /** The measuring JVM's extra options (--jvm-opts). */
    public List<String> measuringOptions() {
        return strings(measuringJvm.get("options"));
    }

    /** "JDK 25.0.3+9-LTS (Eclipse Adoptium) -XX:+UseCompactObjectHeaders": the JDK that measured, with its extra options. */
    public String measuringLabel() {
        List<String> opts = measuringOptions();
        return "JDK " + measuringVersion() + " (" + measuringVendor() + ")" + (opts.isEmpty() ? "" : " " + String.join(" ", opts));
    }

    private static String text(Object o) {
        return o == null ? "unknown" : String.valueOf(o);
    }

    private static List<String> strings(Object o) {
        return o instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    /** As a map for meta.json. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("java_vendor", javaVendor);
        m.put("java_version", javaVersion);
        m.put("vm_name", vmName);
        m.put("jvm_arguments", jvmArguments);
        m.put("gc", garbageCollectors);
        m.put("os", os);
        m.put("cpu_model", cpuModel);
        m.put("logical_cores", logicalCores);
        m.put("max_heap_bytes", maxHeapBytes);
        m.put("maplab_version", maplabVersion);
        m.put("git_commit", gitCommit);
        m.put("measuring_jvm", measuringJvm);
        return m;
    }

    /**
     * One line for reports: "measured on JDK 25.0.3 (Eclipse Adoptium) -XX:+UseCompactObjectHeaders;
     * lab JVM JDK 17.0.15 (Debian), GC G1, 2 cores, Intel ..., Linux ...".
     */
    public String summary() {
        return "measured on " + measuringLabel() + "; lab JVM JDK " + javaVersion + " (" + javaVendor + "), GC " + String.join("+", garbageCollectors)
                + ", " + logicalCores + " cores, " + cpuModel + ", " + os + ", heap " + (maxHeapBytes >> 20) + " MiB"
                + ", maplab " + maplabVersion + (gitCommit == null ? "" : " @ " + gitCommit.substring(0, Math.min(10, gitCommit.length())));
    }

    private static String readCpuModel() {
        try {
            Path cpuinfo = Path.of("/proc/cpuinfo");
            if (Files.isReadable(cpuinfo)) {
                return Files.readAllLines(cpuinfo).stream()
                        .filter(l -> l.startsWith("model name"))
                        .map(l -> l.substring(l.indexOf(':') + 1).trim())
                        .findFirst().orElse(System.getProperty("os.arch"));
            }
        } catch (IOException ignored) {
            // fall through to the architecture name
        }
        return System.getProperty("os.arch");
    }

    private static String readMaplabVersion() {
        try (InputStream in = Environment.class.getResourceAsStream("/maplab/version.properties")) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * MAPLAB_COMMIT when the launcher set it, else {@code git rev-parse HEAD} in MAPLAB_HOME, else
     * null. Works on an interrupted thread too (an interrupted run still records its commit):
     * the interrupt is set aside while git runs and restored after.
     */
    private static String readGitCommit() {
        String fromEnv = System.getenv("MAPLAB_COMMIT");
        if (fromEnv != null && !fromEnv.isBlank()) return fromEnv.trim();
        boolean interrupted = Thread.interrupted();
        try {
            return gitHead();
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    private static String gitHead() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD")
                    .directory(Home.dir().toFile()).redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes()).trim();
            }
            return p.waitFor() == 0 && out.matches("[0-9a-f]{40}") ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Garbage collectors named as in JVM flags, e.g. "G1 Young Generation" -> "G1". */
    public String gcFamily() {
        return garbageCollectors.stream().map(n -> n.split(" ")[0]).distinct().collect(Collectors.joining("+"));
    }
}
