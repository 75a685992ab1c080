package maplab.subject.iteration;

import maplab.subject.facade.IterationMap;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.stream.Stream;
import maplab.subject.jdk.HashMapInternals;
import maplab.workload.KeyOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind, in every state, iterated in every style, holds exactly the k kept keys and sums them alike. */
class IterationMapContractTest {

    private static final int N = 5_000;
    private static final int K = 37;
    private static final int[] KEYS = KeyOrder.RANDOM.intKeys(N, 7);

    static Stream<Arguments> kindsAndStates() {
        return Stream.of(IterationMapKind.values()).flatMap(k -> Stream.of(MapState.values()).map(s -> Arguments.of(k, s)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kindsAndStates")
    void everyStyleVisitsTheKeptEntriesOnce(IterationMapKind kind, MapState state) {
        long expected = 0;
        for (int i = 0; i < K; i++) expected += IterationMap.mix(KEYS[i], KEYS[i]);

        IterationMap map = state.build(kind, KEYS, K);

        assertThat(map.size()).isEqualTo(K);
        for (IterationStyle style : IterationStyle.values()) {
            Object[] snapshot = style == IterationStyle.SNAPSHOT ? map.snapshot() : null;
            assertThat(style.iterate(map, snapshot)).as(style.label()).isEqualTo(expected);
        }
    }

    @Test
    void aDrainedHashMapKeepsItsTableAndTheRemediesShrinkIt() {
        int drained = HashMapInternals.tableLength((HashMap<?, ?>) MapState.DRAINED.build(IterationMapKind.HASHMAP, KEYS, K).unwrap());
        int cleared = HashMapInternals.tableLength((HashMap<?, ?>) MapState.CLEARED.build(IterationMapKind.HASHMAP, KEYS, K).unwrap());
        int fresh = HashMapInternals.tableLength((HashMap<?, ?>) MapState.FRESH.build(IterationMapKind.HASHMAP, KEYS, K).unwrap());
        int copied = HashMapInternals.tableLength((HashMap<?, ?>) MapState.COPIED.build(IterationMapKind.HASHMAP, KEYS, K).unwrap());
        int rebuilt = HashMapInternals.tableLength((HashMap<?, ?>) MapState.REBUILT.build(IterationMapKind.HASHMAP, KEYS, K).unwrap());

        // 5000 entries need 8192 buckets; 37 entries fit in 64
        assertThat(drained).isEqualTo(8192);
        assertThat(cleared).isEqualTo(8192);
        assertThat(fresh).isEqualTo(64);
        assertThat(copied).isEqualTo(64);
        assertThat(rebuilt).isEqualTo(64);
    }
}
