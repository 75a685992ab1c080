package maplab.measure.race;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import maplab.subject.concurrent.SharedMapType;

/**
 * Known answer on any machine: the thread-safe subjects never lose a key, never miscount, and
 * their forEach never throws ConcurrentModificationException. (Unsynchronized HashMap is raced
 * only in a watched child JVM: see RacesExperimentTest.)
 */
class RaceTrialsTest {

    static RaceTrials crew;

    @BeforeAll
    static void start() {
        crew = new RaceTrials(3);
    }

    @AfterAll
    static void stop() {
        crew.close();
    }

    @ParameterizedTest
    @EnumSource(value = SharedMapType.class, names = {"HASHMAP", "USER"}, mode = EnumSource.Mode.EXCLUDE)
    void threadSafeSubjectsNeverLoseAKey(SharedMapType type) {
        for (int run = 0; run < 10; run++) {
            RaceTrials.PutOutcome o = crew.puts(type, 500, run);
            assertThat(o.keys()).isEqualTo(1500);
            assertThat(o.lost()).as("%s run %d", type, run).isZero();
            assertThat(o.sizeMismatch()).isFalse();
            assertThat(o.exceptions()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(value = SharedMapType.class, names = {"HASHMAP", "USER"}, mode = EnumSource.Mode.EXCLUDE)
    void threadSafeIterationNeverThrows(SharedMapType type) {
        for (int run = 0; run < 5; run++) {
            RaceTrials.IterationOutcome o = crew.iterateWhileWriting(type, 500, 250, run);
            assertThat(o.cme()).as("%s run %d", type, run).isFalse();
            assertThat(o.otherExceptions()).isZero();
            assertThat(o.passes()).isPositive();
        }
    }

    @Test
    void keysAreDistinctAndDependOnTheSeed() {
        Integer[] a = RaceTrials.distinctKeys(100_000, 7);
        assertThat(new HashSet<>(Arrays.asList(a))).hasSize(100_000);
        assertThat(RaceTrials.distinctKeys(10, 8)).isNotEqualTo(RaceTrials.distinctKeys(10, 7));
        assertThat(RaceTrials.distinctKeys(10, 7)).isEqualTo(RaceTrials.distinctKeys(10, 7));
    }

    @Test
    void planNumbersPhasesSubjectsAndRuns() {
        RacePlan plan = new RacePlan(java.util.List.of(SharedMapType.HASHMAP, SharedMapType.CONCURRENT_HASH_MAP), 3, 1);
        assertThat(plan.size()).isEqualTo(12);
        assertThat(plan.trial(0).phase()).isEqualTo(RacePlan.Phase.PUTS);
        assertThat(plan.trial(4).subject()).isEqualTo(SharedMapType.CONCURRENT_HASH_MAP);
        assertThat(plan.trial(4).run()).isEqualTo(1);
        assertThat(plan.trial(6).phase()).isEqualTo(RacePlan.Phase.ITERATION);
        assertThat(plan.trial(6).subject()).isEqualTo(SharedMapType.HASHMAP);
        assertThat(plan.nextBlock(4)).isEqualTo(6);
        assertThat(plan.trial(5).seed()).isNotEqualTo(plan.trial(4).seed());
    }

    @Test
    void extraTrialsComeAfterTheMainOnesInBlocksOfTheirOwn() {
        RacePlan plan = new RacePlan(java.util.List.of(SharedMapType.HASHMAP), 3, 1, 2);
        assertThat(plan.size()).isEqualTo(6 + 4 * 2);
        assertThat(plan.blocks()).isEqualTo(2 + 4);
        assertThat(plan.isExtra(5)).isFalse();
        RacePlan.ExtraTrial t = plan.extraTrial(9);
        assertThat(t.extra()).isEqualTo(RacePlan.Extra.PRESIZED_PUTS);
        assertThat(t.run()).isEqualTo(1);
        assertThat(t.block()).isEqualTo(3);
        assertThat(plan.nextBlock(8)).isEqualTo(10);
        assertThat(plan.nextBlock(13)).isEqualTo(14);   // after the last block: the end
        assertThat(RacePlan.Extra.ofPhase("crowd_puts")).isEqualTo(RacePlan.Extra.CROWD_PUTS);
        assertThat(RacePlan.Extra.ofPhase("puts")).isNull();
    }

    /** Known answer: ConcurrentHashMap's get never misses a key present all along, whatever a put does meanwhile. */
    @Test
    void aThreadSafeMapsGetDuringPutsNeverMisses() {
        for (int run = 0; run < 5; run++) {
            RaceTrials.GetOutcome o = crew.getsDuringPuts(SharedMapType.CONCURRENT_HASH_MAP::create, 1000, 1000, run);
            assertThat(o.lookups()).isGreaterThanOrEqualTo(2000);   // two readers, at least one pass each
            assertThat(o.misses()).isZero();
            assertThat(o.exceptions()).isZero();
        }
    }

    /** The maps of the put-kind extra trials: a presized HashMap whose table exists before the race, the incremental map, the single writer. */
    @Test
    void extraMapsAreFreshAndEmpty() {
        for (RacePlan.Extra e : java.util.List.of(RacePlan.Extra.PRESIZED_PUTS, RacePlan.Extra.INCREMENTAL_PUTS, RacePlan.Extra.CROWD_PUTS)) {
            try (var map = RaceWorker.extraMap(e, 2000)) {
                assertThat(map.size()).as(e.id()).isZero();
                map.put(1, 1);
                assertThat(map.get(1)).isEqualTo(1);
            }
        }
    }
}
