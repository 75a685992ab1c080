package maplab.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The handle of a submitted job reads what the collect job wrote: done, ok, or which shard failed. */
class SubmissionTest {

    @Test
    void aFailedShardIsNamedWithItsExitCodeAndLog(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("collect.json"), "{\"kind\": \"run\", \"status\": \"failed\", \"step\": \"tasks\", \"failed\": "
                + "[{\"task\": 2, \"shard\": \"2/3\", \"exit\": 3, \"log\": \"/j/logs/task-2.out\", \"folder\": \"/j/shards/shard-2\"}]}");
        Submission s = new Submission(BatchJob.Kind.RUN, tmp, tmp.resolve("merged"), "11", "12", "13");

        assertThat(s.done()).isTrue();
        assertThat(s.succeeded()).isFalse();
        assertThat(s.hasResult()).isFalse();
        assertThat(s.status()).isEqualTo("slurm: failed: shard 2/3 (exit 3, log /j/logs/task-2.out)");
        assertThatThrownBy(s::result).isInstanceOf(IllegalStateException.class).hasMessageContaining("shard 2/3");
    }

    @Test
    void anOkReportHasNoResultButSaysWhereTheReportIs(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("collect.json"), "{\"kind\": \"report\", \"status\": \"ok\", \"step\": \"report\", \"failed\": []}");
        Submission s = new Submission(BatchJob.Kind.REPORT, tmp, tmp.resolve("reports"), "11", "12", "13");

        assertThat(s.succeeded()).isTrue();
        assertThat(s.status()).isEqualTo("slurm: done: " + tmp.resolve("reports"));
        assertThatThrownBy(s::result).isInstanceOf(IllegalStateException.class).hasMessageContaining(tmp.resolve("reports").toString());
    }

    @Test
    void theJobIdsAreWrittenToJobsJson(@TempDir Path tmp) throws Exception {
        new Submission(BatchJob.Kind.RUN, tmp, tmp.resolve("merged"), "11", "12", "13").writeJobs();

        assertThat(Files.readString(tmp.resolve("jobs.json"))).contains("\"array\" : \"11\"", "\"collect\" : \"12\"", "\"collect_on_failure\" : \"13\"");
    }
}
