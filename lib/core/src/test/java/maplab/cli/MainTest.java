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
    void listNamesEachExperimentWithOneLine() {
        Outcome o = run("list");
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("presize");
        assertThat(run("list", "-v").out()).contains("seed", "whole number");
    }
}
