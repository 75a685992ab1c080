package maplab.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AccessStreamTest {

    @Test
    void readShareIsExactAndTheStreamRepeatsForASeed() {
        for (int pct : new int[] {0, 50, 95, 100}) {
            AccessStream s = AccessStream.of(1000, 1 << 16, pct, Popularity.UNIFORM, 5);
            assertThat(s.reads()).isEqualTo(Math.round((1 << 16) * pct / 100.0));
            assertThat(s.mask()).isEqualTo((1 << 16) - 1);
            assertThat(Arrays.stream(s.keyIndex()).allMatch(i -> i >= 0 && i < 1000)).isTrue();
        }
        AccessStream a = AccessStream.of(1000, 1024, 95, Popularity.ZIPF, 9);
        AccessStream b = AccessStream.of(1000, 1024, 95, Popularity.ZIPF, 9);
        assertThat(a.keyIndex()).isEqualTo(b.keyIndex());
        assertThat(a.read()).isEqualTo(b.read());
    }

    @Test
    void zipfConcentratesOnFewKeysAndUniformDoesNot() {
        int n = 100_000;
        int samples = 1 << 18;
        double zipfTop = topShare(Popularity.ZIPF.indexes(n, samples, 3), n);
        double uniformTop = topShare(Popularity.UNIFORM.indexes(n, samples, 3), n);
        // The hottest 1% of keys: a few % of uses when uniform (sampling noise), more than half under Zipf(0.99).
        assertThat(uniformTop).isLessThan(0.05);
        assertThat(zipfTop).isGreaterThan(0.5);
    }

    @Test
    void badParametersNameWhatIsAllowed() {
        assertThatThrownBy(() -> AccessStream.of(10, 1024, 101, Popularity.UNIFORM, 1))
                .hasMessage("readPct: bad value 101; allowed: a whole number from 0 to 100");
        assertThatThrownBy(() -> AccessStream.of(10, 1000, 50, Popularity.UNIFORM, 1))
                .hasMessageContaining("allowed: a power of two");
        assertThatThrownBy(() -> Popularity.parse("pareto")).hasMessage("popularity: unknown value 'pareto'; allowed: uniform, zipf");
    }

    @Test
    void scrambledIntsAreDistinctAndSpreadOverHashMapBuckets() {
        int n = 1 << 16;
        int[] keys = DistinctInts.scrambled(n, 11);
        assertThat(Arrays.stream(keys).distinct().count()).isEqualTo(n);
        assertThat(DistinctInts.scrambled(4, 11)).isEqualTo(Arrays.copyOf(keys, 4)).isNotEqualTo(DistinctInts.scrambled(4, 12));
        // Unlike 0..n-1, they collide in a table of n buckets like random hashes: about n/e buckets stay empty.
        boolean[] used = new boolean[n];
        for (int k : keys) used[(k ^ (k >>> 16)) & (n - 1)] = true;
        long empty = java.util.stream.IntStream.range(0, n).filter(i -> !used[i]).count();
        assertThat(empty).isBetween((long) (n / Math.E * 0.95), (long) (n / Math.E * 1.05));
    }

    private static double topShare(int[] indexes, int n) {
        int[] counts = new int[n];
        for (int i : indexes) counts[i]++;
        Arrays.sort(counts);
        long top = 0;
        for (int i = n - n / 100; i < n; i++) top += counts[i];
        return (double) top / indexes.length;
    }
}
