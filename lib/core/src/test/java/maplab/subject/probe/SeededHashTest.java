package maplab.subject.probe;

import maplab.workload.SeededHashable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import maplab.workload.CallCounts;
import maplab.workload.CountingKey;
import maplab.workload.CountingString;
import org.junit.jupiter.api.Test;

/**
 * HashMode.SEEDED hashes a key's content with the seed: keys with equal hashCode but different
 * content do not collide, equal content hashes equally, and the seed changes the hash.
 */
class SeededHashTest {

    private static final long[] SEEDS = {1L, 7L, 0x5DEECE66DL, -1L};

    /** A key with a useless hashCode (always 0) that hashes its content under a seed. */
    record Point(int x, int y) implements SeededHashable {
        @Override public int hashCode() { return 0; }
        @Override public long seededHash(long seed) { return HashMode.seededLong(y, HashMode.seededLong(x, seed)); }
    }

    /** A key that neither hashes usefully nor implements SeededHashable. */
    record Opaque(int x) { }

    /** Pairs of different keys whose hashCode() is equal. */
    static List<Object[]> equalHashCodePairs() {
        CallCounts counts = new CallCounts();
        return List.of(
                new Object[] {"Aa", "BB"},
                new Object[] {"AaAaBB", "BBBBAa"},
                new Object[] {new CountingString("AaBB", counts), new CountingString("BBAa", counts)},
                new Object[] {0L, (1L << 32) | 1L},                       // Long.hashCode folds the halves: both 0
                new Object[] {new CountingKey(1, 42, counts), new CountingKey(2, 42, counts)},
                new Object[] {new Point(1, 2), new Point(2, 1)});
    }

    @Test
    void keysWithEqualHashCodesButDifferentContentGetDifferentSeededHashes() {
        for (Object[] pair : equalHashCodePairs()) {
            assertThat(pair[0].hashCode()).as("precondition for %s, %s", pair[0], pair[1]).isEqualTo(pair[1].hashCode());
            assertThat(pair[0]).isNotEqualTo(pair[1]);
            for (long seed : SEEDS) {
                assertThat(HashMode.SEEDED.hashObject(pair[0], seed)).as("%s vs %s, seed %d", pair[0], pair[1], seed)
                        .isNotEqualTo(HashMode.SEEDED.hashObject(pair[1], seed));
            }
            // the unseeded modes see only hashCode(), so they cannot tell these apart
            assertThat(HashMode.MIXED.hashObject(pair[0], 1)).isEqualTo(HashMode.MIXED.hashObject(pair[1], 1));
        }
    }

    @Test
    void equalContentGivesEqualHash() {
        CallCounts counts = new CallCounts();
        for (long seed : SEEDS) {
            assertThat(HashMode.SEEDED.hashObject(new String("AaBB"), seed)).isEqualTo(HashMode.SEEDED.hashObject("AaBB", seed))
                    .isEqualTo(HashMode.SEEDED.hashObject(new StringBuilder("AaBB"), seed))
                    .isEqualTo(HashMode.SEEDED.hashObject(new CountingString("AaBB", counts), seed));
            assertThat(HashMode.SEEDED.hashObject(Long.valueOf(1L << 40), seed)).isEqualTo(HashMode.SEEDED.hashObject(Long.valueOf(1L << 40), seed))
                    .isEqualTo(HashMode.SEEDED.hashLong(1L << 40, seed));   // ProbeMap<Long> and LongProbeMap agree
            assertThat(HashMode.SEEDED.hashObject(Integer.valueOf(-5), seed)).isEqualTo(HashMode.SEEDED.hashLong(-5, seed));
            assertThat(HashMode.SEEDED.hashObject(new CountingKey(9, 1, counts), seed))
                    .isEqualTo(HashMode.SEEDED.hashObject(new CountingKey(9, 2, counts), seed));   // equal ids: equal keys
            assertThat(HashMode.SEEDED.hashObject(new Point(3, 4), seed)).isEqualTo(HashMode.SEEDED.hashObject(new Point(3, 4), seed));
        }
        assertThat(counts.hashCodeCalls()).as("the seeded hash reads content, not hashCode()").isZero();
    }

    @Test
    void differentSeedsGiveDifferentHashes() {
        CallCounts counts = new CallCounts();
        for (Object key : List.of("AaBB", "", new CountingString("BB", counts), 0L, 12345L, -1, new CountingKey(3, 42, counts), new Point(0, 0))) {
            for (int i = 0; i < SEEDS.length; i++) {
                for (int j = i + 1; j < SEEDS.length; j++) {
                    assertThat(HashMode.SEEDED.hashObject(key, SEEDS[i])).as("%s under seeds %d and %d", key, SEEDS[i], SEEDS[j])
                            .isNotEqualTo(HashMode.SEEDED.hashObject(key, SEEDS[j]));
                }
            }
        }
    }

    @Test
    void keysWithoutAContentHashAreRejectedByName() {
        assertThatThrownBy(() -> HashMode.SEEDED.hashObject(new Opaque(1), 7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Opaque.class.getName())
                .hasMessageContaining(SeededHashable.class.getName());
        ProbeMap<Object, Object> m = new ProbeMap<>(ProbeConfig.seeded(7), 0);
        assertThatThrownBy(() -> m.put(new Opaque(1), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(m).isEmpty();
        // the unseeded modes accept any key
        assertThat(HashMode.MIXED.hashObject(new Opaque(1), 7)).isEqualTo(HashMode.fmix64(new Opaque(1).hashCode()));
    }

    /** Such a key can never have been put, so Map's queries answer "absent" (Map does not allow IllegalArgumentException there). */
    @Test
    void keysWithoutAContentHashAreAbsentToLookupsAndRemovals() {
        List<Map<Object, Object>> maps = List.of(new ProbeMap<>(ProbeConfig.seeded(7).withCounting(true), 0),
                new IncrementalProbeMap<>(ProbeConfig.seeded(7).withCounting(true), 0, 1));
        for (Map<Object, Object> m : maps) {
            m.put("a", 1);
            m.put(null, 2);
            Opaque k = new Opaque(1);
            assertThat(m.get(k)).isNull();
            assertThat(m.getOrDefault(k, 9)).isEqualTo(9);
            assertThat(m.containsKey(k)).isFalse();
            assertThat(m.remove(k)).isNull();
            assertThat(m.entrySet().contains(Map.entry(k, 1))).isFalse();
            assertThat(m.entrySet().remove(Map.entry(k, 1))).isFalse();
            assertThat(m.keySet().contains(k)).isFalse();
            assertThatThrownBy(() -> m.put(k, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(Opaque.class.getName());
            assertThat(m).containsOnly(Map.entry("a", 1), new AbstractMap.SimpleEntry<>(null, 2));
        }
    }

    @Test
    void constantHashKeysDoNotPileUpInASeededProbeMap() {
        CallCounts counts = new CallCounts();
        int n = 2000;
        ProbeMap<Object, Object> seeded = new ProbeMap<>(ProbeConfig.seeded(11).withCounting(true), 0);
        ProbeMap<Object, Object> mixed = new ProbeMap<>(ProbeConfig.of(HashMode.MIXED).withCounting(true), 0);
        for (int i = 0; i < n; i++) {
            seeded.put(new CountingKey(i, 42, counts), i);
            mixed.put(new CountingKey(i, 42, counts), i);
        }
        for (int i = 0; i < n; i++) assertThat(seeded.get(new CountingKey(i, 42, counts))).isEqualTo(i);
        assertThat(mixed.counters().maxInsertProbe()).isGreaterThanOrEqualTo(n - 1);   // one home slot for all
        assertThat(seeded.counters().meanInsertProbe()).isLessThan(3.0);
        assertThat(seeded.counters().maxInsertProbe()).isLessThan(n / 10);
    }
}
