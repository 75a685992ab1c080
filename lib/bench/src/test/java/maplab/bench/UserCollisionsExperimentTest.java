package maplab.bench;

import static org.assertj.core.api.Assertions.assertThat;

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

/** A user key type and a user hash in collisions: HashMap bins and ProbeMap probes counted at every size. */
@Tag("answers")  // slow (real JMH forks): run by ./maplab test --answers
class UserCollisionsExperimentTest {

    @Test
    void aPoorKeyHashFillsTreeBinsAndAHashOfHashCodeCannotSeparateCollidingStrings(@TempDir Path tmp) {
        UserSubject poor = UserSubject.compile("""
                public class PoorKeys implements maplab.subject.keys.KeySource {
                    public static final class Key {
                        final int i; Key(int i) { this.i = i; }
                        @Override public boolean equals(Object o) { return o instanceof Key k && k.i == i; }
                        @Override public int hashCode() { return i / 64; }   // 64 keys per hash code
                    }
                    public Object key(int i) { return new Key(i); }
                }
                """);
        UserSubject mixer = UserSubject.compile("""
                public class CollisionsSplitMix implements maplab.subject.probe.LongHash {
                    public long hash(long key) {
                        long z = key + 0x9E3779B97F4A7C15L;
                        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
                        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
                        return z ^ (z >>> 31);
                    }
                }
                """);
        Result r = Experiments.run("collisions", Profile.QUICK, Map.of("sizes", "512,2048", "cases", "random_string", "growth_cases", "random_string",
                "user_key_types", poor.id(), "user_subjects", mixer.id(), "insert_effort", "3:1x50ms+2x50ms"), tmp.resolve("run"), Progress.SILENT);

        assertThat(r.error()).isNull();
        Finding trees = r.finding("tree_bins_user_poor_keys");
        assertThat(trees.value()).isEqualTo(32);   // 2048 keys, 32 hash codes of 64 keys each: every bin is a tree
        assertThat(trees.text()).contains("longest bin held 64 entries");
        assertThat(trees.conditions()).containsEntry("n_keys", "2048");
        Finding probes = r.finding("probe_mean_colliding_string_user_collisions_split_mix");
        // every colliding String hashes alike, so the i-th insert probes past the i - 1 before it: (n - 1) / 2 on average
        assertThat(probes.value()).isEqualTo(2047 / 2.0);
        assertThat(probes.text()).containsPattern("against [0-9]\\.[0-9]{2} for random Strings");   // random Strings: a few probes
    }
}
