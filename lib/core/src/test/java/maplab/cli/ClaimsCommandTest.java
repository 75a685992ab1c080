package maplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code maplab claims}: the ledger judged against the references or stored runs; bad ids and folders exit 2 with one line. */
class ClaimsCommandTest {

    static final Path HOME = Path.of("../..").toAbsolutePath().normalize();
    static String previous;

    @BeforeAll
    static void useTheCheckoutAsHome() {
        previous = System.getProperty("maplab.home");
        System.setProperty("maplab.home", HOME.toString());
    }

    @AfterAll
    static void restoreHome() {
        if (previous == null) System.clearProperty("maplab.home");
        else System.setProperty("maplab.home", previous);
    }

    record Outcome(int code, String out, String err) { }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void printsEveryClaimWithItsStatusOnTheReferences() {
        Outcome o = run("claims");
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("A1 ", "A53 ", "opposite in Java", "chm_vs_synchronized_read0 1.86x", "source claims (53): ");
    }

    @Test
    void jsonGivesIdStatusAndTheFindingsValuesAndIntervals() {
        Outcome o = run("claims", "A22", "--json");
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("\"id\" : \"A22\"", "\"status\" : \"opposite in Java\"", "\"id\" : \"chm_vs_synchronized_read0\"", "\"low\" : ", "\"high\" : ");
    }

    @Test
    void judgesStoredRunsAndSaysWhatTheyDidNotRun() {
        Outcome o = run("claims", "A22", "A1", "--from", HOME.resolve("data/reference/sync-variants").toString());
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("opposite in Java", "not run here");
    }

    @Test
    void badIdsAndFoldersExitTwoWithOneLine() {
        Outcome id = run("claims", "A99");
        assertThat(id.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(id.err().strip()).startsWith("maplab: claim: unknown id 'A99'").doesNotContain("\n");
        Outcome folder = run("claims", "--from", HOME.resolve("no-such-run").toString());
        assertThat(folder.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(folder.err().strip()).startsWith("maplab: --from: ").doesNotContain("\n");
    }

    @Test
    void profileQuickJudgesAgainstTheQuickReferences() {
        Outcome o = run("claims", "A22", "--profile", "quick");
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("A22 ", "chm_vs_synchronized_read0 ", "judged against: " + HOME.resolve("data/reference/quick") + " (quick profile)");
        assertThat(run("claims", "A22").out()).contains("judged against: " + HOME.resolve("data/reference") + " (full profile)");
        Outcome bad = run("claims", "--profile", "huge");
        assertThat(bad.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(bad.err().strip()).startsWith("maplab: profile: unknown value 'huge'").doesNotContain("\n");
    }
}
