package maplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {

    record Outcome(int code, String out, String err) { }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        for (String[] args : new String[][] {
                {"run", "nonsense"}, {"run", "presize", "--set", "n=-1"}, {"run", "presize", "--profile", "fast"},
                {"run", "presize", "--set", "size=3"}, {"run"}, {"frobnicate"}}) {
            Outcome o = run(args);
            assertThat(o.code()).as(String.join(" ", args)).isEqualTo(Main.BAD_INPUT);
            assertThat(o.err().strip().lines()).as(o.err()).hasSize(1);
            assertThat(o.err()).startsWith("maplab: ").doesNotContain("Exception", "\tat ");
        }
    }

    @Test
    void anOutFolderThatCannotBeWrittenIsBadInputWithASentence(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(tmp.resolve("a-file"), "x");
        Outcome o = run("run", "seed-order", "--out", file.resolve("run").toString());
        assertThat(o.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(o.err().strip().lines()).hasSize(1);
        assertThat(o.err()).startsWith("maplab: out: cannot write a run folder at").doesNotContain("Exception", "\tat ");
        Outcome effort = run("run", "merge", "--set", "jdk_effort=lots");
        assertThat(effort.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(effort.err()).contains("parameter 'jdk_effort'", "4:2x100ms+3x100ms");
    }

    @Test
    void listNamesEachExperimentWithOneLine() {
        Outcome o = run("list");
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("presize");
        assertThat(run("list", "-v").out()).contains("seed", "whole number", "jdk_effort", "6-12:2x200ms+3x200ms");
    }
}
