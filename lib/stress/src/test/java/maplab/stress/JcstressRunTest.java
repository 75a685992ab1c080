package maplab.stress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * Runs every jcstress test of this module in a short mode, in a child JVM, as part of the
 * Maven build; a FORBIDDEN outcome, an error, or a test that did not run fails the build.
 * Output and the HTML report go to {@code target/jcstress/}.
 *
 * <p>Short mode: {@code -m quick -iters 1 -time 200 -strideCount 4}, one JVM configuration
 * ({@code -jvmArgs}, with biased locking on and off), unified compilation ({@code -sc false}):
 * every test runs in two forks, each for 200 ms of samples, in about a minute on 2 cores.
 * For a thorough run: {@code java -cp <this module's class path> org.openjdk.jcstress.Main -m default}.
 */
@Tag("answers")  // slow (a minute of jcstress): run by ./maplab test --answers
class JcstressRunTest {

    static final List<String> SHORT_MODE = List.of("-m", "quick", "-iters", "1", "-time", "200", "-strideCount", "4",
            "-sc", "false", "-jvmArgs", "-XX:+UseParallelGC");
    static final long TIMEOUT_MINUTES = 10;

    @Test
    void everyTestPassesInTheShortMode() throws Exception {
        List<String> tests = testList();
        assertThat(tests).as("jcstress tests compiled into META-INF/TestList").hasSizeGreaterThanOrEqualTo(15);

        Path work = Path.of("target", "jcstress").toAbsolutePath();
        Files.createDirectories(work);
        Path output = work.resolve("output.txt");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.openjdk.jcstress.Main"));
        command.addAll(SHORT_MODE);
        command.addAll(List.of("-t", "maplab\\.stress\\.", "-r", work.resolve("results").toString()));
        Process p = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        boolean ended = p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
        if (!ended) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        JcstressOutput result = JcstressOutput.parse(text);
        System.out.println("jcstress (" + String.join(" ", SHORT_MODE) + "): " + result + "; output in " + output);

        assertThat(ended).as("jcstress finished within %d minutes; see %s", TIMEOUT_MINUTES, output).isTrue();
        assertThat(result.allPassed()).as("jcstress: %s; see %s and %s", result, output, work.resolve("results/index.html")).isTrue();
        assertThat(result.planned() % tests.size()).as("every test planned in every configuration").isZero();
        assertThat(p.exitValue()).as("jcstress exit code; see %s", output).isZero();
        for (String test : tests) {
            assertThat(work.resolve("results").resolve(test + ".html")).as("a result for %s", test).exists();
        }
    }

    /** The test names jcstress's annotation processor wrote to META-INF/TestList. */
    static List<String> testList() throws IOException {
        List<String> names = new ArrayList<>();
        for (URL url : Collections.list(JcstressRunTest.class.getClassLoader().getResources("META-INF/TestList"))) {
            try (InputStream in = url.openStream()) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    // Each line: JCTEST<length>S<test name>... (length-prefixed fields)
                    if (!line.startsWith("JCTEST")) continue;
                    int s = line.indexOf('S', 6);
                    int length = Integer.parseInt(line.substring(6, s));
                    String name = line.substring(s + 1, s + 1 + length);
                    if (name.startsWith("maplab.stress.")) names.add(name);
                }
            }
        }
        return names;
    }
}
