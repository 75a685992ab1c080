package maplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code maplab submit}: bad input exits 2 with one line and writes nothing; --dry-run prints the scripts. */
class SubmitCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private void assertBadInput(int exit, String... words) {
        assertThat(exit).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString().strip()).doesNotContain("\n").startsWith("maplab: ").contains(words);
    }

    @Test
    void aBadShardCountExitsTwoWithOneLine(@TempDir Path tmp) {
        assertBadInput(run("submit", "run", "presize", "--slurm", "--shards", "x", "--out", tmp.resolve("j").toString()), "--shards", "'x'");
        assertThat(tmp.resolve("j")).doesNotExist();
    }

    @Test
    void tooManyShardsExitTwo(@TempDir Path tmp) {
        assertBadInput(run("submit", "run", "presize", "--slurm", "--shards", "1001", "--out", tmp.resolve("j").toString()), "--shards", "1000");
    }

    @Test
    void withoutSlurmTheEngineIsNamed() {
        assertBadInput(run("submit", "run", "presize", "--shards", "2"), "--slurm");
    }

    @Test
    void anUnknownParameterIsRefusedBeforeAnythingIsSubmitted(@TempDir Path tmp) {
        assertBadInput(run("submit", "run", "presize", "--slurm", "--shards", "2", "--set", "bogus=1", "--out", tmp.resolve("j").toString()),
                "'bogus'", "allowed");
        assertThat(tmp.resolve("j")).doesNotExist();
    }

    @Test
    void dryRunPrintsBothScriptsAndWritesNothing(@TempDir Path tmp) {
        Path job = tmp.resolve("job");

        assertThat(run("submit", "run", "presize", "--slurm", "--shards", "2", "--profile", "full", "--out", job.toString(), "--dry-run"))
                .isEqualTo(Main.OK);

        assertThat(out.toString()).contains("# " + job.resolve("array.sh"), "#SBATCH --array=1-2", "--shard \"$k/2\" --profile full",
                "# " + job.resolve("collect.sh"), "--dependency=afterok", " merge ");
        assertThat(job).doesNotExist();
    }

    @Test
    void aReportDryRunHasATaskPerNotebook(@TempDir Path tmp) {
        assertThat(run("submit", "report", "00-quickstart", "01-seed-order", "--slurm", "--out", tmp.resolve("job").toString(), "--dry-run"))
                .isEqualTo(Main.OK);

        assertThat(out.toString()).contains("#SBATCH --array=1-2", "notebooks=('00-quickstart' '01-seed-order')", "report --from");
    }
}
