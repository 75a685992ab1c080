package maplab.experiments.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import maplab.lab.Experiments;
import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.lab.PlanCheck;
import maplab.plan.Profile;
import maplab.run.RunData;
import maplab.conclude.Finding;
import maplab.measure.Measured;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.plan.Unit;
import maplab.stats.Estimates.Sample;
import org.assertj.core.data.Offset;
import maplab.subject.merge.FastutilTarget;
import maplab.subject.merge.FillOrder;
import maplab.subject.merge.MergeStrategy;
import maplab.subject.merge.ReinsertTarget;
import maplab.subject.probe.LongProbeMap;
import maplab.workload.KeyOrder;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** merge's pieces that need no JMH: probe counts of the trap, merge results, orders, conclusions on hand-made rows, parameters. */
class MergeTest {

    private static final int N = 1 << 14;

    private static MergeMeasure.ProbeCount reinsert(ReinsertTarget v) {
        MergeMeasure.ProbeCount c = MergeMeasure.countProbes(v, N, 1, 11, 22, 600_000);
        assertThat(c.inserted()).isEqualTo(N);
        return c;
    }

    @Test
    void sameHashMergeReachesAFarLongerProbeRunThanSeededOrPresized() {
        MergeMeasure.ProbeCount same = reinsert(ReinsertTarget.SAME_HASH);
        MergeMeasure.ProbeCount seeded = reinsert(ReinsertTarget.SEEDED);
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

    /** Every fill target but the USER stand-in (a user's map is filled by UserFill). */
    private static List<FastutilTarget> libraryTargets() {
        return java.util.Arrays.stream(FastutilTarget.values()).filter(t -> t != FastutilTarget.USER).toList();
    }

    @Test
    void fillOrdersArePermutationsOfTheKeys() {
        long[] keys = KeyOrder.RANDOM.longKeys(5000, 7);
        for (FastutilTarget t : libraryTargets()) {
            long[] iteration = FillOrder.ITERATION.arrange(t, keys, 1);
            long[] shuffled = FillOrder.SHUFFLED.arrange(t, keys, 1);
            assertThat(sorted(iteration)).isEqualTo(sorted(keys));
            assertThat(sorted(shuffled)).isEqualTo(sorted(keys));
            assertThat(shuffled).isNotEqualTo(iteration);
        }
    }

    @Test
    void everyFillTargetHoldsEveryKeyInEitherOrder() {
        long[] keys = KeyOrder.RANDOM.longKeys(5000, 11);
        for (FastutilTarget t : libraryTargets()) {
            for (FillOrder o : FillOrder.values()) {
                assertThat(t.size(t.fill(o.arrange(t, keys, 3)))).as(t.id() + " " + o.id()).isEqualTo(keys.length);
            }
            assertThat(FastutilTarget.ofSubject(t.subject())).isSameAs(t);
        }
    }

    @Test
    void eachPeerLibraryGetsItsOwnTrapVerdict() {
        ResultBuilder b = new ResultBuilder();
        fill(b, "fastutil", "fastutil_set", 262144, forks(30, 32, 29, 31), forks(3, 3.2, 2.9, 3.1));
        fill(b, "peer", "agrona_map", 1048576, forks(80, 85, 78, 83), forks(4, 4.1, 3.9, 4.2));        // falls in
        fill(b, "peer", "hppc_map", 1048576, forks(5.0, 5.6, 4.8, 5.3), forks(5.2, 5.1, 5.0, 5.4));    // protected: the forks overlap
        Map<String, Finding> f = conclude(b);

        Finding agrona = f.get("agrona_map_iteration_order_vs_shuffled");
        assertThat(agrona.verdict()).isEqualTo(Finding.Verdict.HIGHER);
        assertThat(agrona.low()).isGreaterThan(10);
        assertThat(agrona.conditions()).containsEntry("target", "agrona_map").containsEntry("n_keys", "1048576");
        Finding hppc = f.get("hppc_map_iteration_order_vs_shuffled");
        assertThat(hppc.verdict()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);
        assertThat(hppc.low()).isLessThan(1);
        assertThat(hppc.high()).isGreaterThan(1);
        assertThat(f.get("fastutil_iteration_order_vs_shuffled").conditions()).containsEntry("target", "set");
        assertThat(f).doesNotContainKey("fastutil_set_iteration_order_vs_shuffled");

        Table t = MergeConclude.trapVerdictTable(List.of(f.get("fastutil_iteration_order_vs_shuffled"), agrona, hppc));
        assertThat(t.stringColumn("library").asList()).containsExactly("fastutil LongOpenHashSet", "Agrona Long2LongHashMap", "HPPC LongLongHashMap");
        assertThat(t.stringColumn("verdict").get(1)).startsWith("falls into the trap");
        assertThat(t.stringColumn("verdict").get(2)).startsWith("no trap detected");
        assertThat(t.stringColumn("n_keys").asList()).containsExactly("262144", "1048576", "1048576");
    }

    private static void fill(ResultBuilder b, String part, String subject, int n, Measured iteration, Measured shuffled) {
        b.row().with("part", part).with("subject", subject).with("order", "iteration").with("n_keys", n)
                .measure("fill_time", iteration, Unit.MS_PER_OP);
        b.row().with("part", part).with("subject", subject).with("order", "shuffled").with("n_keys", n)
                .measure("fill_time", shuffled, Unit.MS_PER_OP);
    }

    // ------------------------------------------------------------------ conclusions on hand-made rows

    private static final long BUDGET = 100;

    /** A measured time whose fork means are {@code forkMeans} (two iterations per fork, +-1% around the mean). */
    private static Measured forks(double... forkMeans) {
        List<Sample> samples = new ArrayList<>();
        for (int f = 0; f < forkMeans.length; f++) {
            samples.add(new Sample(f, 0, forkMeans[f] * 0.99));
            samples.add(new Sample(f, 1, forkMeans[f] * 1.01));
        }
        return Measured.of(samples);
    }

    private static void time(ResultBuilder b, String subject, int n, boolean cut, Measured m) {
        b.row().with("part", "trap").with("subject", subject).with("n_keys", n).with("lower_bound", cut).measure("merge_time", m, Unit.MS_PER_OP);
    }

    private static void probes(ResultBuilder b, String subject, int n, int max, int inserted) {
        boolean cut = inserted < n;
        b.row().with("part", "trap").with("subject", subject).with("n_keys", n).with("lower_bound", cut).measure("max_probe", max, Unit.PROBES);
        b.row().with("part", "trap").with("subject", subject).with("n_keys", n).with("lower_bound", cut).measure("mean_probe_per_insert", max / 4.0, Unit.PROBES);
        b.row().with("part", "trap").with("subject", subject).with("n_keys", n).with("lower_bound", cut).measure("keys_inserted", inserted, Unit.COUNT);
    }

    /**
     * A trap whose same-hash merge grows as n^2 (1000..4000, slight noise) and runs out of the
     * 100 ms budget at 8000; per-map seeds grow as n. Same-hash probe count cut at 8000.
     */
    private static ResultBuilder trapRows(boolean lastCut) {
        ResultBuilder b = new ResultBuilder();
        double[] noise = {1.0, 1.03, 0.98, 1.0};
        double[] sameNoise = {1.0, 1.003, 0.998, 1.0};
        int[] sizes = {1000, 2000, 4000, 8000};
        for (int i = 0; i < sizes.length; i++) {
            int n = sizes[i];
            boolean cut = lastCut && n == 8000;
            double t = cut ? 101 : 1e-6 * n * n * sameNoise[i];
            time(b, "same_hash", n, cut, n == 8000 ? forks(t, t * 1.01, t * 1.005, t * 1.02) : forks(t));
            probes(b, "same_hash", n, n / 2, cut ? 6000 : n);
        }
        for (int i = 0; i < sizes.length; i++) {
            int n = sizes[i];
            double t = n / 1000.0 * noise[(i + 1) % 4];
            time(b, "seeded", n, false, n == 8000 ? forks(t * 0.97, t * 1.02, t, t * 1.01) : forks(t));
            probes(b, "seeded", n, 40, n);
        }
        return b;
    }

    private static Map<String, Finding> conclude(ResultBuilder rows, Map<String, String> params) {
        Merge merge = new Merge();
        RunData data = new RunData("merge", Profile.QUICK, Params.resolve(merge, Profile.QUICK, params), Rows.fromObjects(rows.rows(), rows.samples()));
        ResultBuilder out = new ResultBuilder();
        merge.conclude(data, out);
        Map<String, Finding> f = new HashMap<>();
        out.findings().forEach(x -> f.put(x.id(), x));
        return f;
    }

    private static Map<String, Finding> conclude(ResultBuilder rows) {
        return conclude(rows, Map.of("budget_ms", String.valueOf(BUDGET)));
    }

    @Test
    void aSameHashMergeThatRanOutOfBudgetIsAConservativeLowerBound() {
        Finding f = conclude(trapRows(true)).get("same_hash_vs_seeded");
        Measured seeded = forks(8 * 0.97, 8 * 1.02, 8, 8 * 1.01);
        double expected = 101 / seeded.estimate().high(); // smallest fork of the cut merge / upper end of seeded's interval
        assertThat(f.verdict()).isEqualTo(Finding.Verdict.AT_LEAST);
        assertThat(f.basis()).isEqualTo(Finding.Basis.TIMING);
        assertThat(f.value()).isCloseTo(expected, Offset.offset(1e-9));
        assertThat(f.value()).isLessThan(101 / seeded.value()); // more cautious than the ratio of values
        assertThat(f.low()).isEqualTo(f.value());
        assertThat(f.high()).isInfinite();
        assertThat(f.conditions()).containsEntry("n_keys", "8000").containsEntry("budget_ms", "100");
        // printed as measured, cut toward the safe side, never rounded up
        assertThat(f.text()).contains("at least " + Finding.formatBound(expected, true), "100 ms budget").doesNotContain("slower");
    }

    @Test
    void aLowerBoundFromRowsWithoutSamplesUsesTheStoredValueAndTheUpperEndOfTheError() {
        MergeTrapConclude.LowerBound b = MergeTrapConclude.lowerBoundRatio(new Measured(6107.6, Double.NaN, List.of()), new Measured(50.0, 2.0, List.of()));
        assertThat(b.numerator()).isEqualTo(6107.6);
        assertThat(b.denominator()).isEqualTo(52.0);
        assertThat(b.ratio()).isEqualTo(6107.6 / 52.0);
    }

    @Test
    void aFinishedSameHashMergeIsAPairedTimeRatioThatIsHigher() {
        Finding f = conclude(trapRows(false)).get("same_hash_vs_seeded");
        assertThat(f.verdict()).isEqualTo(Finding.Verdict.HIGHER);
        assertThat(f.low()).isGreaterThan(5); // 64 ms against 8 ms
        assertThat(f.value()).isCloseTo(8, Offset.offset(0.5));
    }

    @Test
    void growthExponentsCarryTheFitsIntervalAndLeaveOutBounds() {
        Map<String, Finding> f = conclude(trapRows(true));
        Finding same = f.get("same_hash_growth_exponent");
        Finding seeded = f.get("seeded_growth_exponent");
        assertThat(same.verdict()).isNull();
        assertThat(same.low()).isLessThan(2).isGreaterThan(1.5);
        assertThat(same.high()).isGreaterThan(2).isLessThan(2.5);
        assertThat(same.conditions()).containsEntry("n_keys", "1000..4000");
        assertThat(same.text()).contains("left out", "n = 1000..4000");
        assertThat(seeded.low()).isLessThan(1);
        assertThat(seeded.high()).isGreaterThan(1).isLessThan(1.5);
        assertThat(seeded.conditions()).containsEntry("n_keys", "1000..8000");
    }

    @Test
    void maxProbesAreCountsOrBoundsWhenTheCountWasCut() {
        Map<String, Finding> f = conclude(trapRows(true));
        Finding same = f.get("same_hash_max_probe");
        assertThat(same.verdict()).isEqualTo(Finding.Verdict.AT_LEAST);
        assertThat(same.basis()).isEqualTo(Finding.Basis.COUNT);
        assertThat(same.value()).isEqualTo(4000);
        assertThat(same.text()).contains("at least 4000", "after 6000 keys");
        Finding seeded = f.get("seeded_max_probe");
        assertThat(seeded.verdict()).isNull();
        assertThat(seeded.low()).isEqualTo(40).isEqualTo(seeded.high());
        assertThat(seeded.text()).doesNotContain("at least");
    }

    @Test
    void overlappingForksGiveNoDetectableDifferenceAndAClearGapGivesAVerdict() {
        ResultBuilder b = new ResultBuilder();
        b.row().with("part", "jdk").with("subject", "put_all").with("n_keys", 100000).with("overlap_pct", 50)
                .measure("merge_time", forks(5.0, 5.6, 4.8, 5.3), Unit.MS_PER_OP);
        b.row().with("part", "jdk").with("subject", "put_loop").with("n_keys", 100000).with("overlap_pct", 50)
                .measure("merge_time", forks(5.2, 5.1, 5.0, 5.4), Unit.MS_PER_OP);
        b.row().with("part", "fastutil").with("subject", "fastutil_set").with("order", "iteration").with("n_keys", 262144)
                .measure("fill_time", forks(30, 32, 29, 31), Unit.MS_PER_OP);
        b.row().with("part", "fastutil").with("subject", "fastutil_set").with("order", "shuffled").with("n_keys", 262144)
                .measure("fill_time", forks(3, 3.2, 2.9, 3.1), Unit.MS_PER_OP);
        Map<String, Finding> f = conclude(b);

        Finding loop = f.get("putall_vs_loop");
        assertThat(loop.verdict()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);
        assertThat(loop.low()).isLessThan(1);
        assertThat(loop.high()).isGreaterThan(1);
        assertThat(loop.text()).startsWith("No detectable difference").doesNotContain("slower", "faster");
        assertThat(loop.conditions()).containsEntry("n_keys", "100000");

        Finding fill = f.get("fastutil_iteration_order_vs_shuffled");
        assertThat(fill.verdict()).isEqualTo(Finding.Verdict.HIGHER);
        assertThat(fill.low()).isGreaterThan(5);
        assertThat(fill.text()).contains("slower");
        assertThat(f).doesNotContainKey("same_hash_vs_seeded");
    }

    @Test
    void tooFewSizesWithinBudgetLeaveThatGrowthExponentNotComputedAndTheOtherFindingsComputed() {
        ResultBuilder b = new ResultBuilder();
        // only the smallest of three same-hash sizes finished within the 100 ms budget; per-map seeds finished at all three
        time(b, "same_hash", 1000, false, forks(10, 11, 10.5, 10.2));
        time(b, "same_hash", 2000, true, forks(101, 102, 101, 103));
        time(b, "same_hash", 4000, true, forks(102, 101, 104, 101));
        probes(b, "same_hash", 1000, 500, 1000);
        probes(b, "same_hash", 2000, 900, 1500);
        probes(b, "same_hash", 4000, 1200, 1800);
        for (int n : new int[] {1000, 2000, 4000}) {
            time(b, "seeded", n, false, forks(n / 1000.0, n / 1000.0 * 1.1, n / 1000.0 * 1.05, n / 1000.0));
            probes(b, "seeded", n, 40, n);
        }
        Merge merge = new Merge();
        RunData data = new RunData("merge", Profile.QUICK, Params.resolve(merge, Profile.QUICK, Map.of("budget_ms", "100")),
                Rows.fromObjects(b.rows(), b.samples()));
        ResultBuilder out = new ResultBuilder();
        merge.conclude(data, out);
        Map<String, Finding> f = new HashMap<>();
        out.findings().forEach(x -> f.put(x.id(), x));

        Finding growth = f.get("same_hash_growth_exponent");
        assertThat(growth.notComputed()).isTrue();
        assertThat(growth.text()).isEqualTo("Not computed: only 1 of 3 sizes finished within budget_ms=100; raise budget_ms or use smaller sizes");
        for (String id : List.of("same_hash_vs_seeded", "seeded_growth_exponent", "same_hash_max_probe", "seeded_max_probe")) {
            assertThat(f.get(id).notComputed()).as(id).isFalse();
        }
        assertThat(f.get("same_hash_vs_seeded").verdict()).isEqualTo(Finding.Verdict.AT_LEAST);
        assertThat(out.tables()).containsKey("trap");
    }

    @Test
    void thePlanForeseesTheBudgetRunningOutAndLeavesThoseRowsOptional() {
        Merge merge = new Merge();
        Map<String, String> params = Map.ofEntries(Map.entry("sizes", "1000,173437,185538"), Map.entry("variants", "same_hash,presized"),
                Map.entry("strategies", "copy_constructor"), Map.entry("fastutil_targets", "map"), Map.entry("peer_targets", "hppc_map"),
                Map.entry("jdk_effort", "2:1x20ms+1x20ms"), Map.entry("fastutil_effort", "2:0+1"), Map.entry("peer_effort", "2:0+1"),
                Map.entry("trap_effort", "2:0+1"), Map.entry("same_hash_effort", "2:0+1"), Map.entry("growth_effort", "2:0+1"));
        Plan plan = Experiments.plan("merge", Profile.QUICK, params);
        assertThat(plan.notes()).anyMatch(n -> n.startsWith("same_hash_growth_exponent may not be computed"));
        assertThat(plan.findings()).contains("presized_growth_exponent", "same_hash_max_probe").doesNotContain("same_hash_growth_exponent");
        // the same-hash rows at the two larger sizes may carry either lower_bound; the smallest one's is fixed
        List<Plan.Row> sameHash = plan.rows().stream().filter(r -> "same_hash".equals(r.dims().get("subject"))).toList();
        assertThat(sameHash).filteredOn(r -> r.dims().get("n_keys").equals(1000)).allMatch(r -> r.varying().isEmpty());
        assertThat(sameHash).filteredOn(r -> !r.dims().get("n_keys").equals(1000)).allMatch(r -> r.varying().equals(java.util.Set.of("lower_bound")));
        PlanCheck.check(merge, plan, Params.resolve(merge, Profile.QUICK, params));
        // a run where the larger sizes did or did not run out both agree with the plan
        for (boolean cut : new boolean[] {true, false}) {
            List<Map<String, Object>> measured = new ArrayList<>();
            for (Plan.Row r : plan.rows()) {
                Map<String, Object> m = new java.util.LinkedHashMap<>(r.dims());
                if (r.varying().contains("lower_bound")) m.put("lower_bound", cut);
                m.put("metric", r.metric());
                measured.add(m);
            }
            assertThat(plan.differences(measured)).isEmpty();
        }
    }

    @Test
    void badParametersGiveTheContractError() {
        Merge merge = new Merge();
        assertThatThrownBy(() -> Params.resolve(merge, Profile.QUICK, Map.of("budget_ms", "-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'budget_ms': bad value '-1'; allowed: a whole number from 10 to 600000");
        assertThatThrownBy(() -> Params.resolve(merge, Profile.QUICK, Map.of("variants", "same_hash,fast")))
                .hasMessage("parameter 'variants': bad value 'fast'; allowed: a comma-separated list of same_hash, seeded, presized");
        assertThatThrownBy(() -> Params.resolve(merge, Profile.QUICK, Map.of("sizes", "4096,4096")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("parameter 'sizes': bad value '4096,4096': 4096 appears more than once");
        Params oneSize = Params.resolve(merge, Profile.QUICK, Map.of("sizes", "4096"));
        assertThatThrownBy(() -> merge.validate(oneSize))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("parameter 'sizes': bad value '4096'; allowed: at least two different sizes");
        assertThatThrownBy(() -> merge.validate(Params.resolve(merge, Profile.QUICK, Map.of("same_hash_effort", "4:0+1"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("parameter 'same_hash_effort': bad value '4:0+1'; allowed: the same forks as trap_effort (3)");
        merge.validate(Params.resolve(merge, Profile.QUICK, Map.of()));
        merge.validate(Params.resolve(merge, Profile.FULL, Map.of()));
    }

    @Test
    void aUserMapFilledInAnotherOnesIterationOrderIsComparedWithShuffledAndWithFastutil() {
        ResultBuilder b = new ResultBuilder();
        String mine = "user:RobinHoodMap";
        b.row().with("part", "fastutil").with("subject", "fastutil_set").with("order", "iteration").with("n_keys", 262144)
                .measure("fill_time", forks(30, 32, 29, 31), Unit.MS_PER_OP);
        b.row().with("part", "fastutil").with("subject", "fastutil_set").with("order", "shuffled").with("n_keys", 262144)
                .measure("fill_time", forks(3, 3.2, 2.9, 3.1), Unit.MS_PER_OP);
        // the user's map does not fall into the trap: iteration order and shuffled overlap
        b.row().with("part", "fastutil").with("subject", mine).with("order", "iteration").with("n_keys", 262144)
                .measure("fill_time", forks(4.0, 4.4, 3.8, 4.2), Unit.MS_PER_OP);
        b.row().with("part", "fastutil").with("subject", mine).with("order", "shuffled").with("n_keys", 262144)
                .measure("fill_time", forks(4.1, 4.2, 4.0, 4.3), Unit.MS_PER_OP);
        Map<String, Finding> f = conclude(b);

        Finding own = f.get("fill_iteration_order_vs_shuffled_user_robin_hood_map");
        assertThat(own.verdict()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);
        assertThat(own.low()).isLessThan(1);
        assertThat(own.high()).isGreaterThan(1);
        Finding versus = f.get("fill_iteration_order_user_robin_hood_map_vs_fastutil_set");
        assertThat(versus.verdict()).isEqualTo(Finding.Verdict.LOWER);
        assertThat(versus.high()).isLessThan(0.3);
        assertThat(f.get("fastutil_iteration_order_vs_shuffled").verdict()).isEqualTo(Finding.Verdict.HIGHER);
    }

    @Test
    void aSequentialFillEffortWidensEachFillRatioForItsLooks() {
        ResultBuilder b = new ResultBuilder();
        fill(b, "fastutil", "fastutil_set", 262144, forks(30, 33, 29, 31), forks(3, 3.1, 3.0, 3.2));
        fill(b, "peer", "agrona_map", 1048576, forks(80, 85, 78, 83), forks(4, 4.1, 3.9, 4.2));
        String mine = "user:RobinHoodMap";
        fill(b, "fastutil", mine, 262144, forks(4.0, 4.4, 3.8, 4.2), forks(4.1, 4.2, 4.0, 4.3));
        Map<String, String> fixed = Map.of("budget_ms", "100", "fastutil_effort", "4:2+3", "peer_effort", "4:2+3", "jdk_effort", "4:1x100ms+2x100ms");
        Map<String, String> sequential = Map.of("budget_ms", "100", "fastutil_effort", "4-8:2+3", "peer_effort", "4-12:2+3", "jdk_effort", "4:1x100ms+2x100ms");
        Map<String, Finding> once = conclude(b, fixed);
        Map<String, Finding> looked = conclude(b, sequential);
        for (String id : List.of("fastutil_iteration_order_vs_shuffled", "agrona_map_iteration_order_vs_shuffled",
                "fill_iteration_order_vs_shuffled_user_robin_hood_map", "fill_iteration_order_user_robin_hood_map_vs_fastutil_set")) {
            assertThat(looked.get(id).value()).as(id).isCloseTo(once.get(id).value(), Offset.offset(1e-12));
            assertThat(looked.get(id).low()).as(id).isLessThan(once.get(id).low());
            assertThat(looked.get(id).high()).as(id).isGreaterThan(once.get(id).high());
        }
        // nine looks (4-12) widen agrona's interval more than five (4-8) widen fastutil's, relative to one look
        double agronaWidening = Math.log(looked.get("agrona_map_iteration_order_vs_shuffled").high() / looked.get("agrona_map_iteration_order_vs_shuffled").low())
                / Math.log(once.get("agrona_map_iteration_order_vs_shuffled").high() / once.get("agrona_map_iteration_order_vs_shuffled").low());
        double fastutilWidening = Math.log(looked.get("fastutil_iteration_order_vs_shuffled").high() / looked.get("fastutil_iteration_order_vs_shuffled").low())
                / Math.log(once.get("fastutil_iteration_order_vs_shuffled").high() / once.get("fastutil_iteration_order_vs_shuffled").low());
        assertThat(agronaWidening).isGreaterThan(fastutilWidening);
    }

    /** One JDK strategy's rows: merge time and bytes allocated per merge. */
    private static void jdk(ResultBuilder b, String strategy, Measured time, Measured alloc) {
        b.row().with("part", "jdk").with("subject", strategy).with("n_keys", 100000).with("overlap_pct", 50).measure("merge_time", time, Unit.MS_PER_OP);
        if (alloc != null) b.row().with("part", "jdk").with("subject", strategy).with("n_keys", 100000).with("overlap_pct", 50).measure("merge_alloc", alloc, Unit.BYTES_PER_OP);
    }

    @Test
    void aTreeMapTargetIsComparedWithAHashMapInTimeAndAllocation() {
        ResultBuilder b = new ResultBuilder();
        jdk(b, "put_all", forks(5.0, 5.2, 4.9, 5.1), forks(8.0e6, 8.0e6, 8.0e6, 8.0e6));
        jdk(b, "treemap_put_all", forks(20, 21, 19.5, 20.5), forks(6.0e6, 6.0e6, 6.0e6, 6.0e6));
        Map<String, Finding> f = conclude(b);

        Finding time = f.get("treemap_vs_hashmap_merge_time");
        assertThat(time.verdict()).isEqualTo(Finding.Verdict.HIGHER);
        assertThat(time.low()).isGreaterThan(3);
        assertThat(time.text()).contains("TreeMap").contains("slower");
        assertThat(time.conditions()).containsEntry("n_keys", "100000").containsEntry("overlap_pct", "50");
        Finding alloc = f.get("treemap_vs_hashmap_merge_alloc");
        assertThat(alloc.verdict()).isEqualTo(Finding.Verdict.LOWER);
        assertThat(alloc.value()).isCloseTo(0.75, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(alloc.text()).contains("fewer bytes");
        assertThat(alloc.group()).isEqualTo("treemap");
        maplab.conclude.ChartData chart = MergeCharts.jdkAllocChart(Rows.fromObjects(b.rows(), b.samples()).metric("merge_alloc")).build();
        assertThat(chart.series().get(0).categories()).containsExactly("new HashMap<>(), putAll(a), putAll(b)", "new TreeMap<>(), putAll(a), putAll(b)");
        assertThat(chart.series().get(0).y()).containsExactly(8.0, 6.0);
    }

    @Test
    void aTreeMapTargetWithinTheNoiseIsNoDetectableDifferenceAndRunsBeforeItLeaveItOut() {
        ResultBuilder b = new ResultBuilder();
        jdk(b, "put_all", forks(5.0, 5.6, 4.8, 5.3), forks(8.0e6, 8.4e6, 7.7e6, 8.1e6));
        jdk(b, "treemap_put_all", forks(5.2, 5.1, 5.0, 5.4), forks(8.1e6, 7.9e6, 8.2e6, 7.8e6));
        Map<String, Finding> f = conclude(b);
        assertThat(f.get("treemap_vs_hashmap_merge_time").verdict()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);
        assertThat(f.get("treemap_vs_hashmap_merge_alloc").verdict()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);
        assertThat(f.get("treemap_vs_hashmap_merge_alloc").text()).startsWith("No detectable difference");

        ResultBuilder old = new ResultBuilder();
        jdk(old, "put_all", forks(5.0, 5.2, 4.9, 5.1), null);
        jdk(old, "put_loop", forks(5.0, 5.2, 4.9, 5.1), null);
        assertThat(conclude(old)).containsKey("putall_vs_loop").doesNotContainKeys("treemap_vs_hashmap_merge_time", "treemap_vs_hashmap_merge_alloc");
    }

    /** A JFR profile's rows: {@code hot} of {@code samples} on the probe loop, and two top frames. */
    private static ResultBuilder profileRows(int samples, int hot) {
        ResultBuilder b = new ResultBuilder();
        b.row().with("part", "profile").with("variant", "same_hash").with("n_keys", 32768).measure("samples", samples, Unit.COUNT);
        b.row().with("part", "profile").with("variant", "same_hash").with("n_keys", 32768).measure("hotspot_samples", hot, Unit.COUNT);
        b.row().with("part", "profile").with("variant", "same_hash").with("n_keys", 32768).with("method", MergeProfile.HOTSPOT.get(0)).measure("self_samples", hot, Unit.COUNT);
        b.row().with("part", "profile").with("variant", "same_hash").with("n_keys", 32768).with("method", "maplab.subject.probe.LongProbeMap.put")
                .measure("self_samples", samples - hot, Unit.COUNT);
        return b;
    }

    @Test
    void aProfileWithMostSamplesOnTheProbeLoopIsAShareAboveOneHalfWithItsWilsonInterval() {
        ResultBuilder rows = profileRows(1000, 900);
        Finding share = conclude(rows).get("quadratic_merge_hotspot_share");
        assertThat(share.value()).isEqualTo(0.9);
        assertThat(share.verdict()).isEqualTo(Finding.Verdict.HIGHER);
        assertThat(share.low()).isGreaterThan(0.87).isLessThan(0.9);
        assertThat(share.high()).isGreaterThan(0.9).isLessThan(0.93);
        assertThat(share.unit()).isEqualTo("fraction");
        assertThat(share.text()).contains("900").contains("LongProbeMap.locate").contains("Wilson");
        assertThat(conclude(profileRows(1000, 100)).get("quadratic_merge_hotspot_share").verdict()).isEqualTo(Finding.Verdict.LOWER);
    }

    @Test
    void aProfileNearOneHalfIsNoDetectableDifferenceAndRunsWithoutAProfileLeaveItOut() {
        Finding share = conclude(profileRows(100, 55)).get("quadratic_merge_hotspot_share");
        assertThat(share.verdict()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);
        assertThat(share.low()).isLessThan(0.5);
        assertThat(share.text()).startsWith("No detectable difference");
        assertThat(conclude(new ResultBuilder())).doesNotContainKey("quadratic_merge_hotspot_share");
    }

    private static long[] sorted(long[] a) {
        long[] c = a.clone();
        Arrays.sort(c);
        return c;
    }
}
