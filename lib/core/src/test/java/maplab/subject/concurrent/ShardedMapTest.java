package maplab.subject.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardedMapTest {

    @Test
    void segmentCountMustBeAPowerOfTwo() {
        for (int bad : new int[] {0, -4, 3, 48, 1 << 17}) {
            assertThatThrownBy(() -> new ShardedMap<Integer, Integer>(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("segments: bad value " + bad + "; allowed: a power of two from 1 to 65536");
        }
        assertThat(new ShardedMap<Integer, Integer>(1).segmentCount()).isEqualTo(1);
        assertThat(new ShardedMap<Integer, Integer>().segmentCount()).isEqualTo(ShardedMap.DEFAULT_SEGMENTS);
    }

    @Test
    void oneSegmentHoldsEverything() {
        ShardedMap<Integer, Integer> map = new ShardedMap<>(1);
        for (int i = 0; i < 1000; i++) map.put(i, i);
        assertThat(map.segmentSizes()).containsExactly(1000);
    }

    @Test
    void sequentialAndStridedKeysSpreadEvenlyOverSegments() {
        // Integer.hashCode is the value: without mixing, keys 0, 64, 128... (low bits equal) or
        // 0..n (high bits equal) would all land in a few segments.
        for (int stride : new int[] {1, 64, 1 << 16}) {
            ShardedMap<Integer, Integer> map = new ShardedMap<>(64);
            int n = 64 * 1000;
            for (int i = 0; i < n; i++) map.put(i * stride, i);
            assertThat(map.size()).isEqualTo(n);
            assertThat(map.segmentSizes()).as("stride %d", stride).allSatisfy(size -> assertThat(size).isBetween(800, 1200));
        }
    }

    @Test
    void segmentChoiceIsIndependentOfTheLowBitsEachSegmentIndexesBy() {
        // Keys of one segment must still differ in their low bits, or the segment's HashMap crowds them into few buckets.
        ShardedMap<Integer, Integer> map = new ShardedMap<>(64);
        Map<Integer, Integer> lowBitsInSegmentZero = new HashMap<>();
        for (int i = 0; i < 64_000; i++) {
            if (map.segmentOf(i) == 0) lowBitsInSegmentZero.merge(i & 63, 1, Integer::sum);
        }
        assertThat(lowBitsInSegmentZero).hasSize(64);
    }
}
