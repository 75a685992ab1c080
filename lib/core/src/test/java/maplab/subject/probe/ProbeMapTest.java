package maplab.subject.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import maplab.workload.CallCounts;
import maplab.workload.CountingString;
import maplab.workload.KeyOrder;
import org.junit.jupiter.api.Test;

/** Known answers for ProbeMap: slot order, probe counts, config validation. */
class ProbeMapTest {

    @Test
    void iteratorRemoveAcrossTheTableEndReturnsEveryKeyOnce() {
        // identity hash, 16 slots: 15, 31, 47 all have home slot 15; 31 and 47 wrap to slots 0 and 1
        ProbeMap<Long, String> m = new ProbeMap<>(ProbeConfig.of(HashMode.IDENTITY), 8);
        assertThat(m.capacity()).isEqualTo(16);
        for (long k : new long[] {15, 31, 47}) m.put(k, "v" + k);
        assertThat(new ArrayList<>(m.keySet())).containsExactly(31L, 47L, 15L);
        List<Long> seen = new ArrayList<>();
        for (Iterator<Long> it = m.keySet().iterator(); it.hasNext(); ) {
            long k = it.next();
            seen.add(k);
            if (k == 15) it.remove();   // backward shift moves 31 (already returned) from slot 0 to 15
        }
        assertThat(seen).containsExactly(31L, 47L, 15L);
        assertThat(m).containsOnlyKeys(31L, 47L);
        assertThat(m.homeSlot(47L)).isEqualTo(15);
        assertThat(m.displacementHistogram()).containsExactly(1, 1);   // 31 home, 47 one slot on
    }

    @Test
    void longMapIteratesInSlotOrderWithKeyZeroAtItsHomeSlot() {
        LongProbeMap m = new LongProbeMap(ProbeConfig.of(HashMode.IDENTITY), 8);
        for (long k : new long[] {5, 0, 17, 3}) m.put(k, k * 10);
        // 16 slots: 0 -> 0, 17 -> 1, 3 -> 3, 5 -> 5
        assertThat(m.keys()).containsExactly(0, 17, 3, 5);
        assertThat(m.values()).containsExactly(0, 170, 30, 50);
        assertThat(m.get(4)).isEqualTo(LongProbeMap.MISSING);
        assertThat(m.getOrDefault(4, -1)).isEqualTo(-1);
    }

    @Test
    void identityHashWithAscendingKeysNeverProbesWhileChunkedAndStridedDo() {
        int n = 1 << 16;
        ProbeConfig identity = ProbeConfig.of(HashMode.IDENTITY).withCounting(true);
        double ascending = insertAll(identity, KeyOrder.ASCENDING.longKeys(n, 1)).meanInsertProbe();
        ProbeCounters chunked = insertAll(identity, KeyOrder.CHUNKED.longKeys(n, 1));
        ProbeCounters strided = insertAll(identity, KeyOrder.STRIDED.longKeys(n, 1));
        assertThat(ascending).isZero();
        assertThat(chunked.meanInsertProbe()).isGreaterThan(1);
        assertThat(chunked.maxInsertProbe()).isGreaterThan(64);
        assertThat(strided.meanInsertProbe()).isGreaterThan(100);
        // the mixed hash makes the order irrelevant: the short probes of random hashing (about 2-3 at load 0.375-0.75) for all three
        ProbeConfig mixed = ProbeConfig.of(HashMode.MIXED).withCounting(true);
        for (KeyOrder o : List.of(KeyOrder.ASCENDING, KeyOrder.CHUNKED, KeyOrder.STRIDED)) {
            assertThat(insertAll(mixed, o.longKeys(n, 1)).meanInsertProbe()).as(o.label()).isBetween(0.5, 4.0);
        }
    }

    private static ProbeCounters insertAll(ProbeConfig c, long[] keys) {
        LongProbeMap m = new LongProbeMap(c, 0);
        for (long k : keys) m.put(k, k);
        assertThat(m.size()).isEqualTo(keys.length);
        return m.counters();
    }

    @Test
    void countersRecordProbeLengthsBeyondTheHomeSlot() {
        LongProbeMap m = new LongProbeMap(ProbeConfig.of(HashMode.IDENTITY).withCounting(true), 8);
        m.put(1, 1);    // slot 1, probe 0
        m.put(17, 1);   // home 1 -> slot 2, probe 1
        m.put(33, 1);   // home 1 -> slot 3, probe 2
        m.get(33);      // probe 2
        m.get(49);      // miss: home 1, stops at empty slot 4, probe 3
        ProbeCounters c = m.counters();
        assertThat(c.inserts()).isEqualTo(3);
        assertThat(c.insertHistogram()).containsExactly(1, 1, 1);
        assertThat(c.meanInsertProbe()).isEqualTo(1.0);
        assertThat(c.lookups()).isEqualTo(2);
        assertThat(c.lookupHistogram()).containsExactly(0, 0, 1, 1);
        assertThat(c.maxProbe()).isEqualTo(3);
        assertThat(c.histogram()).containsExactly(1, 1, 2, 1);
        c.reset();
        assertThat(c.inserts()).isZero();
        assertThat(c.insertHistogram()).isEmpty();
        assertThat(c.meanLookupProbe()).isNaN();
    }

    @Test
    void growthDoublesAtTheLoadFactor() {
        LongProbeMap m = new LongProbeMap(ProbeConfig.of(HashMode.MIXED).withCounting(true), 0);
        assertThat(m.capacity()).isEqualTo(2);
        for (int k = 1; k <= 1000; k++) m.put(k, k);
        assertThat(m.capacity()).isEqualTo(2048);   // 1000 > 0.75 x 1024
        assertThat(m.counters().resizes()).isEqualTo(10);
        assertThat(new LongProbeMap(ProbeConfig.of(HashMode.MIXED), 1_000_000).capacity()).isEqualTo(1 << 21);
    }

    @Test
    void seededHashSeparatesStringsWithEqualHashCodes() {
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        assertThat(HashMode.seededString("Aa", 1)).isNotEqualTo(HashMode.seededString("BB", 1));
        assertThat(HashMode.seededString("Aa", 1)).isNotEqualTo(HashMode.seededString("Aa", 2));
        assertThat(HashMode.IDENTITY.hashObject("AaBB", 1)).isEqualTo(HashMode.IDENTITY.hashObject("BBAa", 1));
        CallCounts counts = new CallCounts();
        assertThat(HashMode.SEEDED.hashObject(new CountingString("AaBB", counts), 7)).isEqualTo(HashMode.SEEDED.hashObject("AaBB", 7))
                .isNotEqualTo(HashMode.SEEDED.hashObject(new CountingString("BBAa", counts), 7));
        assertThat(counts.hashCodeCalls()).isZero();
    }

    @Test
    void countersOffFailsClearlyAndBadConfigsAreRejected() {
        assertThatThrownBy(() -> new LongProbeMap(ProbeConfig.of(HashMode.MIXED), 0).counters())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("withCounting(true)");
        assertThatThrownBy(() -> ProbeConfig.of(HashMode.MIXED).withLoadFactor(1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("loadFactor: bad value '1.0'; allowed: a number greater than 0 and less than 1");
        assertThatThrownBy(() -> ProbeConfig.of(HashMode.MIXED).withLoadFactor(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HashMode.parse("sha"))
                .hasMessage("hash: unknown value 'sha'; allowed: identity, mixed, seeded");
        assertThatThrownBy(() -> IndexBits.parse("middle")).hasMessage("index: unknown value 'middle'; allowed: low, high");
        assertThatThrownBy(() -> new LongProbeMap(ProbeConfig.of(HashMode.MIXED), -1)).hasMessageContaining("expectedSize");
        assertThat(HashMode.parse("Mixed")).isEqualTo(HashMode.MIXED);
    }
}
