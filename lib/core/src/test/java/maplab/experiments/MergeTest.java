package maplab.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import maplab.experiment.Params;
import maplab.experiment.Profile;
import maplab.result.ResultBuilder;
import maplab.subject.merge.FastutilTarget;
import maplab.subject.merge.FillOrder;
import maplab.subject.merge.MergeStrategy;
import maplab.subject.merge.ReinsertTarget;
import maplab.subject.probe.LongProbeMap;
import maplab.workload.KeyOrder;
import org.junit.jupiter.api.Test;

/** merge's pieces that need no JMH: probe counts of the trap, merge results, orders, findings, parameters. */
class MergeTest {

    private static final int N = 1 << 14;

    private static Merge.ProbeCount reinsert(ReinsertTarget v) {
        Merge.ProbeCount c = Merge.countProbes(v, N, 1, 11, 22, 600_000);
        assertThat(c.inserted()).isEqualTo(N);
        return c;
    }

    @Test
    void sameHashMergeReachesAFarLongerProbeRunThanSeededOrPresized() {
        Merge.ProbeCount same = reinsert(ReinsertTarget.SAME_HASH);
        Merge.ProbeCount seeded = reinsert(ReinsertTarget.SEEDED);
        int presized = reinsert(ReinsertTarget.PRESIZED).maxProbe();
        // Slot order piles the keys into one run: its length is a sizeable fraction of n.
        assertThat(same.maxProbe()).isGreaterThan(N / 16);
        assertThat(same.maxProbe()).isGreaterThan(20 * seeded.maxProbe());
        assertThat(presized).isLessThan(same.maxProbe() / 20);
        // Mean probe per insert: hundreds with the same hash, a few with per-map seeds.
        assertThat(same.meanProbe()).isGreaterThan(100);
        assertThat(seeded.meanProbe()).isLessThan(5);
    }

    @Test
    void insertWithinStopsAtTheFirstClockReadingAfterTheBudget() {
        long[] keys = KeyOrder.RANDOM.longKeys(10_000, 3);
        LongProbeMap target = ReinsertTarget.SEEDED.target(keys.length, 4, false);
        assertThat(ReinsertTarget.insertWithin(target, keys, 0)).isEqualTo(256);
        assertThat(target.size()).isEqualTo(256);
    }

    @Test
    void everyStrategyBuildsTheUnionWithBsValuesWinning() {
        Map<Long, Long> a = new HashMap<>();
        Map<Long, Long> b = new HashMap<>();
        for (long k = 0; k < 1000; k++) a.put(k, k);
        for (long k = 500; k < 1500; k++) b.put(k, -k);
        Map<Long, Long> expected = new HashMap<>(a);
        expected.putAll(b);
        for (MergeStrategy s : MergeStrategy.values()) {
            assertThat(s.merge(a, b)).as(s.id()).isEqualTo(expected);
        }
        assertThat(a).hasSize(1000);
        assertThat(b).hasSize(1000);
    }

    @Test
    void fillOrdersArePermutationsOfTheKeys() {
        long[] keys = KeyOrder.RANDOM.longKeys(5000, 7);
        for (FastutilTarget t : FastutilTarget.values()) {
            long[] iteration = FillOrder.ITERATION.arrange(t, keys, 1);
            long[] shuffled = FillOrder.SHUFFLED.arrange(t, keys, 1);
            assertThat(sorted(iteration)).isEqualTo(sorted(keys));
            assertThat(sorted(shuffled)).isEqualTo(sorted(keys));
            assertThat(shuffled).isNotEqualTo(iteration);
        }
    }

    @Test
    void aMergeThatRanOutOfBudgetIsReportedAsMoreThan() {
        List<Merge.TrapPoint> points = new ArrayList<>();
        for (int n : List.of(1000, 2000, 4000)) {
            points.add(new Merge.TrapPoint(ReinsertTarget.SAME_HASH, n, n == 4000 ? 101 : n / 100.0, 0.1, n == 4000, 5000, 100, n == 4000 ? 3000 : n));
            points.add(new Merge.TrapPoint(ReinsertTarget.SEEDED, n, n / 1000.0, 0.01, false, 50, 2, n));
        }
        ResultBuilder out = new ResultBuilder();
        List<Runnable> later = new ArrayList<>();
        Merge.findings(out, points, List.of(1000, 2000, 4000), 100, later);
        Map<String, maplab.result.Finding> f = new HashMap<>();
        out.findings().forEach(x -> f.put(x.id(), x));
        assertThat(f.get("same_hash_vs_seeded").value()).isEqualTo(101 / 4.0);
        assertThat(f.get("same_hash_vs_seeded").text()).contains("more than 25.3x", "100 ms budget");
        assertThat(f.get("same_hash_growth_exponent").value()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(f.get("same_hash_growth_exponent").text()).contains("n = 1000..2000", "left out");
        assertThat(f.get("seeded_growth_exponent").value()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(f.get("same_hash_max_probe").text()).contains("at least 5000", "after 3000 keys");
        assertThat(f.get("seeded_max_probe").text()).doesNotContain("at least");
        assertThat(later).isEmpty();
    }

    @Test
    void tooFewSizesWithinBudgetFailLoudlyInsteadOfDroppingTheFinding() {
        List<Merge.TrapPoint> points = List.of(
                new Merge.TrapPoint(ReinsertTarget.SAME_HASH, 1000, 10, 0.1, false, 500, 10, 1000),
                new Merge.TrapPoint(ReinsertTarget.SAME_HASH, 2000, 101, Double.NaN, true, 900, 10, 1500));
        List<Runnable> later = new ArrayList<>();
        Merge.findings(new ResultBuilder(), points, List.of(1000, 2000), 100, later);
        assertThat(later).hasSize(1);
        assertThatThrownBy(() -> later.get(0).run()).hasMessageContaining("same_hash_growth_exponent", "budget_ms=100");
    }

    @Test
    void badParametersGiveTheContractError() {
        Merge merge = new Merge();
        assertThatThrownBy(() -> Params.resolve(merge, Profile.QUICK, Map.of("budget_ms", "-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'budget_ms': bad value '-1'; allowed: a whole number from 10 to 600000");
        assertThatThrownBy(() -> Params.resolve(merge, Profile.QUICK, Map.of("variants", "same_hash,fast")))
                .hasMessage("parameter 'variants': bad value 'fast'; allowed: a comma-separated list of same_hash, seeded, presized");
        Params oneSize = Params.resolve(merge, Profile.QUICK, Map.of("sizes", "4096,4096"));
        assertThatThrownBy(() -> merge.validate(oneSize))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("parameter 'sizes': bad value '4096,4096'; allowed: at least two different sizes");
        merge.validate(Params.resolve(merge, Profile.QUICK, Map.of()));
        merge.validate(Params.resolve(merge, Profile.FULL, Map.of()));
    }

    private static long[] sorted(long[] a) {
        long[] c = a.clone();
        Arrays.sort(c);
        return c;
    }
}
