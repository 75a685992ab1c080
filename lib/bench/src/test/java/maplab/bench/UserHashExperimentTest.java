package maplab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import maplab.lab.Experiments;
import maplab.plan.Profile;
import maplab.progress.Progress;
import maplab.conclude.Result;
import maplab.subject.user.UserSubject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/** A user hash end to end in key-order: ProbeMap's probe counts with it in process, and its lookups timed in JMH forks that load its jar. */
@Tag("answers")  // slow (real JMH forks): run by ./maplab test --answers
class UserHashExperimentTest {

    @Test
    void aWeakUserHashMakesProbeMapsProbesExplodeAndIsTimedInForks(@TempDir Path tmp) throws Exception {
        UserSubject weak = UserSubject.compile("""
                package e2e;
                public class UpperHalfHash implements maplab.subject.probe.LongHash {
                    public long hash(long key) { return key << 32; }   // the low index bits are always 0
                }
                """);
        Result r = Experiments.run("key-order", Profile.QUICK,
                Map.of("n", "4096", "orders", "ascending,random", "timed_subjects", "probemap_mixed", "timed_orders", "random",
                        "timed_methods", "lookup", "user_subjects", weak.id(), "timed_effort", "3:1x50ms+2x50ms"),
                tmp.resolve("run"), Progress.SILENT);

        assertThat(r.error()).isNull();
        double weakMean = r.finding("probe_mean_random_user_upper_half_hash").value();
        double mixedMean = r.finding("probe_mean_random_mixed").value();
        assertThat(weakMean).isGreaterThan(100 * mixedMean).isGreaterThan(1000);
        assertThat(r.finding("probe_mean_random_user_upper_half_hash").text()).contains("UpperHalfHash (yours)");
        // the forks made ProbeMap with the user's hash from the run's jar: its lookups were timed, and are far slower
        assertThat(tmp.resolve("run/subjects/e2e.UpperHalfHash.jar")).exists();
        assertThat(Files.readString(tmp.resolve("run/samples.csv"))).contains("subject=user:e2e.UpperHalfHash|metric=lookup_time\",2,");
        assertThat(r.finding("lookup_random_user_upper_half_hash_vs_probemap_mixed").value()).isGreaterThan(10);
    }
}
