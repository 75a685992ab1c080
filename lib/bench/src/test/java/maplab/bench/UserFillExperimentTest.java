package maplab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import maplab.conclude.Result;
import maplab.lab.Experiments;
import maplab.plan.Profile;
import maplab.progress.Progress;
import maplab.subject.user.UserSubject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/**
 * A user's map end to end in merge's fills: FastutilFillBench runs it as the USER stand-in with
 * its id in the {@code user} @Param, beside fastutil's set, and its rows and findings carry its id.
 */
@Tag("answers")  // slow (real JMH forks): run by ./maplab test --answers
class UserFillExperimentTest {

    @Test
    void aUserMapIsFilledInBothOrdersBesideFastutil(@TempDir Path tmp) throws Exception {
        UserSubject boxed = UserSubject.compile("""
                package e2e;
                public class BoxedLongMap implements maplab.subject.intmap.LongMap {
                    private final java.util.HashMap<Long, Long> map = new java.util.HashMap<>();
                    public boolean put(long key, long value) { return map.put(key, value) == null; }
                    public long getOrDefault(long key, long defaultValue) { return map.getOrDefault(key, defaultValue); }
                    public boolean remove(long key) { return map.remove(key) != null; }
                    public int size() { return map.size(); }
                    public void forEach(EntryVisitor visitor) { map.forEach(visitor::visit); }
                }
                """);
        Result r = Experiments.run("merge", Profile.QUICK, Map.ofEntries(
                Map.entry("sizes", "4096,8192"), Map.entry("budget_ms", "200"),
                Map.entry("jdk_n", "2000"), Map.entry("strategies", "put_all,put_loop"), Map.entry("jdk_effort", "2:1x20ms+2x20ms"),
                Map.entry("fastutil_n", "16384"), Map.entry("fastutil_targets", "set"), Map.entry("fastutil_effort", "2:1+2"),
                Map.entry("peer_n", "4096"), Map.entry("peer_targets", "agrona_map"), Map.entry("peer_effort", "2:1+2"),
                Map.entry("trap_effort", "2:1+2"), Map.entry("same_hash_effort", "2:0+1"), Map.entry("growth_effort", "1:1+2"),
                Map.entry("user_subjects", boxed.id())), tmp.resolve("run"), Progress.SILENT);

        assertThat(r.error()).isNull();
        String samples = Files.readString(tmp.resolve("run/samples.csv"));
        assertThat(samples).contains("n_keys=16384|order=iteration|part=fastutil|subject=user:e2e.BoxedLongMap|metric=fill_time",
                "n_keys=16384|order=shuffled|part=fastutil|subject=user:e2e.BoxedLongMap|metric=fill_time",
                "n_keys=16384|order=iteration|part=fastutil|subject=fastutil_set|metric=fill_time");
        assertThat(r.finding("fill_iteration_order_vs_shuffled_user_boxed_long_map").value()).isPositive();
    }
}
