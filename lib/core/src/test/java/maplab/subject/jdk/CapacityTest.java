package maplab.subject.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The capacity helper presizes exactly, on this JDK and (when one is installed) on a JDK 19+ where it uses HashMap.newHashMap. */
class CapacityTest {

    @Test
    void presizedMapsTakeNEntriesWithoutResizing() {
        assertThat(Capacity.usesJdkFactory()).isEqualTo(Runtime.version().feature() >= 19);
        assertThat(CapacityCheckMain.check(100_000)).isEqualTo("factory=" + Capacity.usesJdkFactory() + " table=262144 resizes=0");
        assertThat(CapacityCheckMain.check(12)).endsWith("table=16 resizes=0");
        assertThat(Capacity.forEntries(12)).isEqualTo(16);
        assertThat(Capacity.forEntries(13)).isEqualTo(18);
        assertThat(Capacity.<Integer, Integer>newLinkedHashMap(5)).isEmpty();
    }

    @Test
    void negativeSizesAreRejectedWithTheParameterName() {
        assertThatThrownBy(() -> Capacity.newHashMap(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("n: must be >= 0");
    }

    /** Runs the same check in a JDK 19+ from /usr/lib/jvm (or MAPLAB_TEST_JDK19), where HashMap.newHashMap exists. */
    @Test
    void onJdk19OrNewerTheJdkFactoryIsUsed() throws Exception {
        Optional<Path> jdk = newerJdk();
        Assumptions.assumeTrue(jdk.isPresent(), "no JDK 19+ found in MAPLAB_TEST_JDK19 or /usr/lib/jvm: the JDK 19+ path of Capacity is untested here");
        Process p = new ProcessBuilder(jdk.get().resolve("bin/java").toString(), "--add-opens", "java.base/java.util=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), CapacityCheckMain.class.getName(), "100000")
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("JDK 19+ check finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(out).as("output of " + jdk.get()).isEqualTo("factory=true table=262144 resizes=0");
    }

    private static Optional<Path> newerJdk() throws IOException {
        String env = System.getenv("MAPLAB_TEST_JDK19");
        if (env != null && !env.isBlank()) return Optional.of(Path.of(env));
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) return Optional.empty();
        try (Stream<Path> dirs = Files.list(jvms)) {
            return dirs.filter(d -> Files.isExecutable(d.resolve("bin/java")) && featureVersion(d) >= 19).sorted().findFirst();
        }
    }

    private static int featureVersion(Path jdk) {
        try {
            List<String> lines = Files.readAllLines(jdk.resolve("release"));
            for (String l : lines) {
                if (l.startsWith("JAVA_VERSION=")) return Runtime.Version.parse(l.substring(13).replace("\"", "")).feature();
            }
        } catch (IOException | IllegalArgumentException e) {
            // not a JDK we can read
        }
        return 0;
    }

    /** Presizes with {@link Capacity#newHashMap}, fills it and reports what happened: run in-process and on another JDK. */
    public static final class CapacityCheckMain {
        public static void main(String[] args) {
            System.out.println(check(Integer.parseInt(args[0])));
        }

        static String check(int n) {
            HashMap<Integer, Integer> map = Capacity.newHashMap(n);
            int resizes = 0;
            int length = 0;
            for (int i = 0; i < n; i++) {
                map.put(i, i);
                int now = HashMapInternals.tableLength(map);
                if (length != 0 && now != length) resizes++;
                length = now;
            }
            return "factory=" + Capacity.usesJdkFactory() + " table=" + length + " resizes=" + resizes;
        }
    }
}
