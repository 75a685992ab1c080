package maplab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import maplab.lab.Experiments;
import maplab.plan.Profile;
import maplab.progress.Progress;
import maplab.conclude.Finding;
import maplab.conclude.Result;
import maplab.subject.user.UserSubject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/** A user key type in key-types: bytes per entry by JOL and lookups timed beside the built-in key types; a key type breaking equals is stopped before anything runs. */
@Tag("answers")  // slow (real JMH forks): run by ./maplab test --answers
class UserKeyTypeExperimentTest {

    @Test
    void aUserKeyTypesBytesPerEntryAreCountedBesideHashMapOfIntegers(@TempDir Path tmp) {
        UserSubject points = UserSubject.compile("""
                public class PointKeys implements maplab.subject.keys.KeySource {
                    public record Point(int x, int y) { }
                    public Object key(int i) { return new Point(i / 100, i % 100); }
                }
                """);
        Result r = Experiments.run("key-types", Profile.QUICK, Map.of(
                "n", "5000", "subjects", "hashmap_integer", "lookup_subjects", "hashmap_integer", "user_key_types", points.id(),
                "pitfall_keys", "1000", "lookup_effort", "3:1x50ms+2x50ms"), tmp.resolve("run"), Progress.SILENT);

        assertThat(r.error()).isNull();
        Finding mine = r.finding("bytes_per_entry_user_point_keys");
        assertThat(mine.basis()).isEqualTo(Finding.Basis.COUNT);
        assertThat(mine.text()).contains("HashMap<PointKeys (yours),Integer>");
        // the same node and value box per entry, but a Point (header + two ints) is larger than an Integer (header + one int)
        assertThat(mine.value()).isGreaterThan(r.finding("bytes_per_entry_hashmap_integer").value() + 3);
        assertThat(r.table("memory").rowCount()).isEqualTo(2);
        // timed in JMH forks that made the keys from the run's jar, beside HashMap<Integer,Integer>, paired by round
        Finding lookup = r.finding("lookup_user_point_keys_vs_hashmap_integer");
        assertThat(lookup.basis()).isEqualTo(Finding.Basis.TIMING);
        assertThat(lookup.low()).isLessThan(lookup.value());
        assertThat(lookup.high()).isGreaterThan(lookup.value());
        assertThat(r.table("lookup").rowCount()).isEqualTo(2);
        assertThat(tmp.resolve("run/subjects/PointKeys.jar")).exists();
    }

    @Test
    void aKeyTypeBreakingEqualsIsStoppedBeforeAnythingRuns(@TempDir Path tmp) {
        UserSubject identity = UserSubject.compile("""
                public class IdentityKeysE2e implements maplab.subject.keys.KeySource {
                    public static final class Key { final int i; Key(int i) { this.i = i; } }
                    public Object key(int i) { return new Key(i); }
                }
                """);
        assertThatThrownBy(() -> Experiments.run("key-types", Profile.QUICK, Map.of("user_key_types", identity.id()), tmp.resolve("run"), Progress.SILENT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subject 'user:IdentityKeysE2e': breaks the equals/hashCode contract, so nothing is benchmarked with it");
        assertThat(tmp.resolve("run")).doesNotExist();
    }
}
