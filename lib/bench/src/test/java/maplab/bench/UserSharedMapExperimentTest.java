package maplab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
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

/** A user shared map in sync-variants: timed in JMH forks from the run's jar against ConcurrentHashMap; one correct only from one thread is stopped first. */
@Tag("answers")  // slow (real JMH forks): run by ./maplab test --answers
class UserSharedMapExperimentTest {

    static final String MAP = """
            import java.util.Map;
            import java.util.function.BiConsumer;
            public class %s implements maplab.subject.concurrent.SharedMap<Object, Object> {
                %s
                public Object get(Object k) { return map().get(k); }
                public Object put(Object k, Object v) { return map().put(k, v); }
                public Object remove(Object k) { return map().remove(k); }
                public boolean containsKey(Object k) { return map().containsKey(k); }
                public int size() { return map().size(); }
                public void putAll(Map<?, ?> m) { m.forEach(this::put); }
                public void forEach(BiConsumer<? super Object, ? super Object> a) { map().forEach(a); }
            }
            """;

    @Test
    void aUserSharedMapIsTimedAgainstConcurrentHashMap(@TempDir Path tmp) throws Exception {
        UserSubject mine = UserSubject.compile(MAP.formatted("LockedTreeMap",
                "private final Map<Object, Object> m = java.util.Collections.synchronizedMap(new java.util.TreeMap<>()); Map<Object, Object> map() { return m; }"));
        Result r = Experiments.run("sync-variants", Profile.QUICK, Map.of(
                "subjects", "concurrent_hash_map", "read_pcts", "50", "threads", "2", "finding_threads", "2",
                "n_keys", "4096", "user_shared_maps", mine.id(), "throughput_effort", "3:1x50ms+2x50ms"), tmp.resolve("run"), Progress.SILENT);
        assertThat(r.error()).isNull();
        Finding f = r.finding("user_locked_tree_map_vs_concurrent_hash_map_read50");
        assertThat(f.basis()).isEqualTo(Finding.Basis.TIMING);
        assertThat(f.low()).isLessThanOrEqualTo(f.value());
        assertThat(f.high()).isGreaterThanOrEqualTo(f.value());
        assertThat(f.conditions()).containsEntry("threads", "2").containsEntry("read_pct", "50");
        // one lock around a tree of 4096 keys, against lock-free reads of a hash table
        assertThat(f.value()).isLessThan(1.0);
        assertThat(Files.readString(tmp.resolve("run/samples.csv"))).contains("subject=user:LockedTreeMap");
    }

    @Test
    void aSharedMapCorrectOnlyFromOneThreadIsStoppedBeforeAnythingRuns(@TempDir Path tmp) {
        UserSubject perThread = UserSubject.compile(MAP.formatted("PerThreadMapE2e",
                "private final ThreadLocal<Map<Object, Object>> m = ThreadLocal.withInitial(java.util.HashMap::new); Map<Object, Object> map() { return m.get(); }"));
        assertThatThrownBy(() -> Experiments.run("sync-variants", Profile.QUICK, Map.of("user_shared_maps", perThread.id()), tmp.resolve("run"), Progress.SILENT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subject 'user:PerThreadMapE2e': fails the concurrent check, so nothing is benchmarked with it");
        assertThat(tmp.resolve("run")).doesNotExist();
    }
}
