package maplab.subject.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What makes IncrementalProbeMap incremental: two tables during a migration, bounded work per write, the old table dropped in time. */
class IncrementalProbeMapTest {

    @Test
    void growthKeepsTheOldTableUntilMigratedAndFinishesBeforeTheNextGrowth() {
        IncrementalProbeMap<Long, Long> m = new IncrementalProbeMap<>(ProbeConfig.of(HashMode.MIXED), 0, 8);
        int capacity = m.capacity();
        int growths = 0;
        int longestMigration = 0;
        int migratingPuts = 0;
        for (long k = 0; k < 200_000; k++) {
            m.put(k, k);
            if (m.capacity() != capacity) {
                growths++;
                if (capacity >= 64) assertThat(m.migrating()).as("a growth of a %d-slot table leaves it to migrate", capacity).isTrue();
                assertThat(m.slotsHeld()).isEqualTo(m.capacity() + (m.migrating() ? capacity : 0));
                longestMigration = Math.max(longestMigration, migratingPuts);
                migratingPuts = 0;
                capacity = m.capacity();
            } else if (m.migrating()) {
                migratingPuts++;
            }
        }
        assertThat(growths).isGreaterThan(10);
        // the old table has capacity/2 slots; 8 per write empties it in capacity/16 writes, well before the next growth
        assertThat(longestMigration).isGreaterThan(1000).isLessThanOrEqualTo(m.capacity() / 2 / 8 / 2 + 1);
        for (long k = 0; k < 200_000; k++) assertThat(m.get(k)).isEqualTo(k);
    }

    @Test
    void keysInTheOldTableAreFoundReplacedAndRemovedDuringAMigration() {
        IncrementalProbeMap<Long, String> m = new IncrementalProbeMap<>(ProbeConfig.of(HashMode.IDENTITY), 0, 1);
        Map<Long, String> ref = new HashMap<>();
        long k = 0;
        while (!m.migrating() || m.size() < 64) {   // stop just after a growth: nearly everything still in the old table
            m.put(k, "v" + k);
            ref.put(k, "v" + k);
            k++;
            if (m.migrating() && m.size() >= 64) break;
        }
        assertThat(m.migrating()).isTrue();
        assertThat(m).isEqualTo(ref);
        assertThat(m.put(0L, "new")).isEqualTo("v0");           // replaced where it is, no migration step
        assertThat(m.remove(1L)).isEqualTo("v1");
        ref.put(0L, "new");
        ref.remove(1L);
        assertThat(m).isEqualTo(ref);
        assertThat(m.containsKey(1L)).isFalse();
        assertThat(m.keySet()).hasSize(ref.size()).doesNotHaveDuplicates();
    }

    @Test
    void randomOperationsWithRemovalsAndIteratorRemovesMatchHashMapAcrossMigrations() {
        SplittableRandom r = new SplittableRandom(7);
        IncrementalProbeMap<Long, Long> m = new IncrementalProbeMap<>(ProbeConfig.of(HashMode.IDENTITY).withIndex(IndexBits.HIGH), 0, 2);
        Map<Long, Long> ref = new HashMap<>();
        int sawMigration = 0;
        for (int round = 0; round < 200; round++) {
            for (int i = 0; i < 300; i++) {
                long key = r.nextLong(0, 20_000) << (r.nextBoolean() ? 0 : 12);
                if (r.nextInt(4) == 0) assertThat(m.remove(key)).isEqualTo(ref.remove(key));
                else assertThat(m.put(key, (long) i)).isEqualTo(ref.put(key, (long) i));
                if (m.migrating()) sawMigration++;
            }
            long mod = 3 + r.nextInt(5);
            m.keySet().removeIf(x -> x % mod == 0);
            ref.keySet().removeIf(x -> x % mod == 0);
            assertThat(m).isEqualTo(ref);
        }
        assertThat(sawMigration).isPositive();
    }

    @Test
    void iteratorRemoveAfterHasNextMovedOnToTheOldTableLosesNoKey() {
        IncrementalProbeMap<Long, Long> m = new IncrementalProbeMap<>(ProbeConfig.of(HashMode.MIXED), 0, 1);
        for (long k = 0; !(m.migrating() && m.size() > 30); k++) m.put(k, k);
        int n = m.size();
        for (int at = 0; at < n; at++) {   // at the last key of the current table, hasNext has already moved on to the old one
            IncrementalProbeMap<Long, Long> c = new IncrementalProbeMap<>(ProbeConfig.of(HashMode.MIXED), 0, 1);
            for (long k = 0; c.size() < n; k++) c.put(k, k);
            assertThat(c.migrating()).isTrue();
            List<Long> seen = new ArrayList<>();
            Iterator<Long> it = c.keySet().iterator();
            while (it.hasNext()) {
                seen.add(it.next());
                if (seen.size() - 1 == at) {
                    it.hasNext();
                    it.remove();
                }
            }
            assertThat(seen).as("removing the key at %d", at).hasSize(n).doesNotHaveDuplicates();
            assertThat(c).hasSize(n - 1).doesNotContainKey(seen.get(at));
        }
    }

    @Test
    void badBudgetIsRejectedWithItsName() {
        assertThatThrownBy(() -> new IncrementalProbeMap<>(ProbeConfig.of(HashMode.MIXED), 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("migrationSlots");
    }
}
