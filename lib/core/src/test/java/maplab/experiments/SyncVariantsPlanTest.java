package maplab.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import maplab.experiment.Experiments;
import maplab.experiment.Params;
import maplab.experiment.Profile;
import maplab.measure.Jmh;
import maplab.subject.concurrent.SharedMapType;
import org.junit.jupiter.api.Test;

/** What sync-variants measures for its parameters (no JMH here: see SyncVariantsExperimentTest in lib/bench). */
class SyncVariantsPlanTest {

    static List<SyncVariants.Batch> plan(Profile profile, Map<String, String> overrides) {
        return SyncVariants.plan(Params.resolve(new SyncVariants(), profile, overrides));
    }

    static boolean measured(List<SyncVariants.Batch> plan, SharedMapType t, int read, int threads) {
        return plan.stream().anyMatch(b -> b.readPct() == read && b.threads() == threads && b.subjects().contains(t));
    }

    @Test
    void quickMeasuresEveryFindingsPairAtTheHighestThreadCountAndTheBaselineAtOneThread() {
        List<SyncVariants.Batch> quick = plan(Profile.QUICK, Map.of());
        int max = 4;
        assertThat(measured(quick, SharedMapType.CONCURRENT_HASH_MAP, 95, max) && measured(quick, SharedMapType.SYNCHRONIZED_MAP, 95, max)).isTrue();
        assertThat(measured(quick, SharedMapType.RW_LOCK, 95, max) && measured(quick, SharedMapType.STAMPED_LOCK, 95, max)).isTrue();
        assertThat(measured(quick, SharedMapType.COPY_ON_WRITE, 100, max) && measured(quick, SharedMapType.CONCURRENT_HASH_MAP, 100, max)).isTrue();
        assertThat(measured(quick, SharedMapType.COPY_ON_WRITE, 50, max) && measured(quick, SharedMapType.SHARDED, 50, max)).isTrue();
        // the performance note: sharded next to ConcurrentHashMap and synchronizedMap, 2 threads, 50% reads, in one JMH run
        assertThat(quick).anySatisfy(b -> {
            assertThat(b.readPct()).isEqualTo(50);
            assertThat(b.threads()).isEqualTo(2);
            assertThat(b.subjects()).contains(SharedMapType.SHARDED, SharedMapType.CONCURRENT_HASH_MAP, SharedMapType.SYNCHRONIZED_MAP);
        });
        assertThat(quick).allSatisfy(b -> assertThat(b.subjects().contains(SharedMapType.HASHMAP)).isEqualTo(b.threads() == 1));
    }

    @Test
    void fullMeasuresTheWholeMatrix() {
        List<SyncVariants.Batch> full = plan(Profile.FULL, Map.of());
        assertThat(full).hasSize(4 * 4);
        assertThat(full).allSatisfy(b -> assertThat(b.subjects()).hasSize(b.threads() == 1 ? 9 : 8));
    }

    /** Cells of the matrix a plan measures: one JMH benchmark per subject, read share, threads, key count, popularity. */
    static int cells(Params p) {
        int perBatch = p.getInts("n_keys").size() * p.getStrings("popularities").size();
        return SyncVariants.plan(p).stream().mapToInt(b -> b.subjects().size() * perBatch).sum();
    }

    /** Seconds JMH spends in warm-up and measured iterations for a plan (fork start-up not included). */
    static double iterationSeconds(Params p, Jmh.Settings s) {
        return cells(p) * (double) s.forks() * (s.warmupIterations() * s.warmupMillis()
                + s.measurementIterations() * s.measurementMillis()) / 1000.0;
    }

    @Test
    void fullIsPublicationGradeAndFitsTheReportsCellLimit() {
        Params full = Params.resolve(new SyncVariants(), Profile.FULL, Map.of());
        assertThat(cells(full)).isEqualTo(4 * (8 * 4 + 1) * 2 * 2);
        Jmh.Settings s = SyncVariants.settings(Profile.FULL);
        assertThat(s.forks()).isGreaterThanOrEqualTo(3);
        assertThat(s.measurementIterations()).isGreaterThanOrEqualTo(5);
        // kernel/report.py gives a full-profile cell 7200 s; fork start-up (about 0.7 s a fork here) comes on top
        double withStartup = iterationSeconds(full, s) + cells(full) * s.forks() * 0.7;
        assertThat(withStartup).isLessThan(7200 * 0.6);
        Params quick = Params.resolve(new SyncVariants(), Profile.QUICK, Map.of());
        assertThat(iterationSeconds(quick, SyncVariants.settings(Profile.QUICK))).isLessThan(60);
    }

    @Test
    void badParametersGiveTheContractError() {
        assertThatThrownBy(() -> Experiments.run("sync-variants", Profile.QUICK, Map.of("read_pcts", "95,101")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'read_pcts': bad value '101'; allowed: a comma-separated list of whole numbers from 0 to 100");
        assertThatThrownBy(() -> Experiments.run("sync-variants", Profile.QUICK, Map.of("threads", "0")))
                .hasMessageStartingWith("parameter 'threads': bad value '0'");
        assertThatThrownBy(() -> Experiments.run("sync-variants", Profile.QUICK, Map.of("popularities", "pareto")))
                .hasMessage("parameter 'popularities': bad value 'pareto'; allowed: a comma-separated list of uniform, zipf");
        assertThatThrownBy(() -> Experiments.run("sync-variants", Profile.QUICK, Map.of("subjects", "hashmap", "threads", "2,4")))
                .hasMessageStartingWith("parameter 'subjects': nothing to measure");
        assertThatThrownBy(() -> Experiments.run("sync-variants", Profile.QUICK, Map.of("n_keys", "1048576")))
                .hasMessageStartingWith("parameter 'n_keys': copy_on_write copies the whole map on every write");
    }
}
