package maplab.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import maplab.subject.jdk.MapConstructor;
import maplab.workload.KeyOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Resize counts are exact: they follow from each map's growth rule, not from timing. */
class PresizeResizeCountTest {

    private static final int N = 100_000;

    @ParameterizedTest(name = "{0}: {1} resizes, final table {2}")
    @CsvSource({
            // 16 -> 262144 buckets is 14 doublings (131072 buckets hold only 98304 entries at 0.75)
            "hashmap_default, 14, 262144",
            // tableSizeFor(100000) = 131072 buckets, 98304 entries: one resize
            "hashmap_n, 1, 262144",
            "hashmap_presized, 0, 262144",
            "linkedhashmap_default, 14, 262144",
            "linkedhashmap_n, 1, 262144",
            "linkedhashmap_presized, 0, 262144",
            "chm_default, 14, 262144",
            // ConcurrentHashMap's argument counts entries: no resize
            "chm_presized, 0, 262144",
            // fastutil starts at 32 slots (16 expected entries): 32 -> 262144 is 13 doublings
            "fastutil_default, 13, 262144",
            "fastutil_expected, 0, 262144",
            // UnifiedMap starts at 16 buckets (8 expected entries at 0.75): 16 -> 262144 is 14 doublings
            "eclipse_default, 14, 262144",
            // new UnifiedMap<>(n) sizes for n entries: the next power of two >= n / 0.75 = 262144
            "eclipse_n, 0, 262144",
            // Agrona starts at 8 slots, load factor 0.65: 100000 entries need 262144 slots, 15 doublings
            "agrona_default, 15, 262144",
            // Object2ObjectHashMap(n, 0.65f) takes slots: 131072 slots hold 85196 entries, so one resize
            "agrona_n, 1, 262144",
    })
    void resizeCountsFollowTheGrowthRule(String constructor, int resizes, int finalLength) {
        List<Integer> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        int[] keys = KeyOrder.RANDOM.intKeys(N, 42);

        assertThat(Presize.countResizes(MapConstructor.parse(constructor), keys, xs, ys)).isEqualTo(resizes);
        assertThat(ys.get(ys.size() - 1)).isEqualTo(finalLength);
        assertThat(xs.get(0)).isEqualTo(1);
        assertThat(xs.get(xs.size() - 1)).isEqualTo(N);
        // one point after the first put, one per resize, one at the end
        assertThat(xs).hasSize(resizes + 2);
    }

    @org.junit.jupiter.api.Test
    void aResizeAtTheLastPutGivesOnePointThereNotTwo() {
        // HashMap's default table of 16 resizes at the 13th put (threshold 12)
        List<Integer> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        assertThat(Presize.countResizes(MapConstructor.parse("hashmap_default"), KeyOrder.RANDOM.intKeys(13, 42), xs, ys)).isEqualTo(1);
        assertThat(xs).containsExactly(1, 13);
        assertThat(ys).containsExactly(16, 32);
    }
}
