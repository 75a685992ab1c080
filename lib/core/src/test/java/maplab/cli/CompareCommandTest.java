package maplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code maplab compare} and {@code maplab promote} from the command line: exit codes and output. */
class CompareCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void compareWritesTheReportAndPrintsEveryPath(@TempDir Path tmp) throws Exception {
        Path a = write(tmp.resolve("a"), "presize", "time,100.0,2.0");
        Path b = write(tmp.resolve("b"), "presize", "time,200.0,2.0");

        assertThat(run("compare", a.toString(), b.toString(), "--out", tmp.resolve("cmp").toString())).isEqualTo(Main.OK);

        assertThat(out.toString()).contains("1 B worse", "wrote " + tmp.resolve("cmp/compare.html"), "wrote " + tmp.resolve("cmp/compare.csv"));
        assertThat(tmp.resolve("cmp/compare.html")).exists();
    }

    @Test
    void missingFolderExitsTwoWithOneLine(@TempDir Path tmp) throws Exception {
        Path a = write(tmp.resolve("a"), "presize", "time,100.0,2.0");

        assertThat(run("compare", a.toString(), tmp.resolve("missing").toString())).isEqualTo(Main.BAD_INPUT);

        assertThat(err.toString().strip()).doesNotContain("\n").startsWith("maplab: runB: '").contains("does not exist");
    }

    @Test
    void differentExperimentsExitTwoWithOneLine(@TempDir Path tmp) throws Exception {
        Path a = write(tmp.resolve("a"), "presize", "time,100.0,2.0");
        Path b = write(tmp.resolve("b"), "gc", "time,100.0,2.0");

        assertThat(run("compare", a.toString(), b.toString())).isEqualTo(Main.BAD_INPUT);

        assertThat(err.toString().strip()).doesNotContain("\n").contains("different experiments ('presize' and 'gc')");
    }

    @Test
    void promoteFilesAQuickRunUnderTheQuickReferences(@TempDir Path tmp) throws Exception {
        Path a = write(tmp.resolve("runs/a"), "presize", "time,100.0,2.0");
        write(tmp.resolve("runs/b"), "gc", "time,100.0,2.0");
        String previous = System.getProperty("maplab.home");
        System.setProperty("maplab.home", tmp.toString());
        try {
            assertThat(run("promote", a.toString())).isEqualTo(Main.OK);
            assertThat(out.toString()).contains("reference: " + tmp.resolve("data/reference/quick/presize"));
            assertThat(run("promote", "--all", tmp.resolve("runs").toString())).isEqualTo(Main.OK);
            assertThat(out.toString()).contains("reference: " + tmp.resolve("data/reference/quick/gc"));
            assertThat(tmp.resolve("data/reference/presize")).as("the full profile's place is left alone").doesNotExist();
            assertThat(run("promote", "--all", tmp.resolve("empty").toString())).isEqualTo(Main.BAD_INPUT);
            assertThat(err.toString().strip()).doesNotContain("\n").contains("folder: '").contains("does not exist");
        } finally {
            if (previous == null) System.clearProperty("maplab.home");
            else System.setProperty("maplab.home", previous);
        }
    }

    @Test
    void promoteOfRunsOfDifferentExperimentsExitsTwoWithOneLine(@TempDir Path tmp) throws Exception {
        Path a = write(tmp.resolve("a"), "presize", "time,100.0,2.0");
        Path b = write(tmp.resolve("b"), "presize", "time,101.0,2.0");
        Path c = write(tmp.resolve("c"), "merge", "time,100.0,2.0");

        assertThat(run("promote", a.toString(), b.toString(), c.toString())).isEqualTo(Main.BAD_INPUT);

        assertThat(err.toString().strip()).doesNotContain("\n").contains("'c' differs from 'a' (experiment merge vs presize)");
    }

    private static Path write(Path dir, String experiment, String row) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.csv"), "subject,metric,value,error,unit,better\nhashmap," + row + ",ns/op,lower\n");
        Files.writeString(dir.resolve("findings.json"), "[]");
        Files.writeString(dir.resolve("report.html"), "<html></html>");
        Files.writeString(dir.resolve("meta.json"), "{\"experiment\":\"" + experiment + "\",\"status\":\"ok\",\"profile\":\"quick\","
                + "\"environment\":{\"java_version\":\"17\",\"logical_cores\":2}}");
        return dir;
    }
}
