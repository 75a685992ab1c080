package maplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code maplab stability}: bad input exits 2 with one line before anything runs; --from summarises stored runs. */
class StabilityCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void badInputExitsTwoWithOneLineBeforeRunning() {
        String[][] cases = {
                {"stability", "nonsense"}, {"stability", "seed-order", "--runs", "1"}, {"stability", "seed-order", "--runs", "21"},
                {"stability", "seed-order", "--runs", "three"}, {"stability", "seed-order", "--set", "nope"},
                {"stability", "seed-order", "--set", "no_such_param=3"}, {"stability", "seed-order", "--profile", "fast"}, {"stability"}};
        String[] words = {"unknown id 'nonsense'", "runs: must be", "got 21", "'three'", "--set", "no_such_param", "fast", "ID"};
        for (int i = 0; i < cases.length; i++) {
            StringWriter e = new StringWriter();
            int code = Main.execute(cases[i], new PrintWriter(new StringWriter(), true), new PrintWriter(e, true));
            assertThat(code).as(String.join(" ", cases[i])).isEqualTo(Main.BAD_INPUT);
            assertThat(e.toString().strip().lines()).as(e.toString()).hasSize(1);
            assertThat(e.toString()).startsWith("maplab: ").contains(words[i]).doesNotContain("Exception");
        }
    }

    @Test
    void fromStoredRunsWritesPageAndCsvAndPrintsTheSummary(@TempDir Path tmp) throws Exception {
        Path a = write(tmp.resolve("a"), "higher", 2.0);
        Path b = write(tmp.resolve("b"), "higher", 2.2);
        Path c = write(tmp.resolve("c"), "lower", 0.8);

        assertThat(run("stability", "--from", a.toString(), b.toString(), c.toString(), "--out", tmp.resolve("st").toString())).isEqualTo(Main.OK);

        assertThat(out.toString()).contains("stability of presize over 3 runs", "OPPOSITE: 2 higher, 1 lower",
                "stability page: " + tmp.resolve("st/stability.html"), "stability csv:  " + tmp.resolve("st/stability.csv"));
        assertThat(tmp.resolve("st/stability.html")).exists();
        Files.writeString(tmp.resolve("st/other"), "x");
        assertThat(run("stability", "--from", a.toString(), b.toString(), "--out", tmp.resolve("st").toString())).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("out: ", "not empty");
    }

    private static Path write(Path dir, String verdict, double value) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.csv"), "subject,metric,value,error,unit,better\nhashmap,time,100,2,ns/op,lower\n");
        Files.writeString(dir.resolve("findings.json"), "[{\"id\":\"speedup\",\"value\":" + value + ",\"unit\":\"x\",\"low\":" + (value * 0.9)
                + ",\"high\":" + (value * 1.1) + ",\"basis\":\"timing\",\"verdict\":\"" + verdict + "\",\"text\":\"t\"}]");
        Files.writeString(dir.resolve("meta.json"), "{\"experiment\":\"presize\",\"status\":\"ok\",\"profile\":\"quick\","
                + "\"environment\":{\"java_version\":\"17\",\"logical_cores\":2}}");
        return dir;
    }
}
