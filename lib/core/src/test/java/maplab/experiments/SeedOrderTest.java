package maplab.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import maplab.plan.Params;
import maplab.run.RunData;
import maplab.conclude.Finding;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.plan.Unit;
import maplab.lab.Experiments;
import maplab.plan.Profile;
import maplab.progress.Progress;
import maplab.conclude.Result;
import maplab.workload.Words;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedOrderTest {

    /** Keys and launches of {@link #launchedJvmsAgreeWhereTheyShouldAndMapOfIsSaltedPerJvm}. */
    static final int KEYS = 16;
    static final int LAUNCHES = 10;

    /**
     * Ten fresh JVMs with one key set. A fixed-seed ProbeMap, HashMap and LinkedHashMap iterate
     * identically in all of them (and the ProbeMap as in this JVM); a seed per launch reorders.
     *
     * <p>Map.of: its salt picks a start slot (uniform over the table's 2k pair slots for k keys)
     * and a direction. Walking one fixed table, starts in the same run of empty slots give the
     * same order, and a run holds at most k empty slots plus one key: so no order has a chance
     * above (1/2)(k+1)/(2k) = 17/64 for k = 16, and all ten launches agree with a chance of at
     * most (17/64)^9 < 7e-6. A Map.of without per-JVM randomization fails the "more than one
     * order" check; one whose salt changed probing (not only start and direction) fails the
     * "rotations or reversals of one cycle" check.
     */
    @Test
    void launchedJvmsAgreeWhereTheyShouldAndMapOfIsSaltedPerJvm() {
        String[] keys = Words.sample(KEYS, 11);
        List<Map<SeedOrder.Subject, String>> launches = new ArrayList<>();
        for (int i = 0; i < LAUNCHES; i++) launches.add(SeedOrder.launch(maplab.measure.ChildJvm.of(maplab.measure.ForkSetup.self()), keys, 1000 + i, 99));
        String here = SeedOrder.indexes(keys, SeedOrder.Subject.PROBEMAP_FIXED_SEED.order(keys, 99));

        assertThat(distinct(launches, SeedOrder.Subject.PROBEMAP_FIXED_SEED)).containsExactly(here);
        assertThat(distinct(launches, SeedOrder.Subject.HASHMAP)).hasSize(1);
        assertThat(distinct(launches, SeedOrder.Subject.LINKEDHASHMAP))
                .containsExactly(String.join(" ", IntStream.range(0, KEYS).mapToObj(String::valueOf).toList()));
        assertThat(distinct(launches, SeedOrder.Subject.PROBEMAP_RANDOM_SEED)).hasSize(LAUNCHES);

        List<String> mapOf = new ArrayList<>(distinct(launches, SeedOrder.Subject.MAP_OF));
        assertThat(mapOf).hasSizeGreaterThan(1);
        assertThat(SeedOrder.onOneCycle(mapOf)).isEqualTo(mapOf.size());
    }

    private static Set<String> distinct(List<Map<SeedOrder.Subject, String>> launches, SeedOrder.Subject s) {
        Set<String> out = new LinkedHashSet<>();
        launches.forEach(l -> out.add(l.get(s)));
        return out;
    }

    @Test
    void rotationsAndReversalsOfOneCycleAreRecognisedAndOtherOrdersAreNot() {
        assertThat(SeedOrder.onOneCycle(List.of("0 1 2 3 4", "2 3 4 0 1", "4 3 2 1 0", "1 0 4 3 2"))).isEqualTo(4);
        // a swap of two keys is no rotation of either direction
        assertThat(SeedOrder.onOneCycle(List.of("0 1 2 3 4", "1 0 2 3 4", "0 1 2 4 3"))).isEqualTo(1);
    }

    @Test
    void concludeCountsOrdersAndEchoesLaunchesFromHandMadeRows() {
        ResultBuilder b = new ResultBuilder();
        for (Object[] d : new Object[][] {{"map_of", 3}, {"set_of", 2}, {"hashmap", 1}, {"linkedhashmap", 1}, {"treemap", 1},
                {"probemap_random_seed", 4}, {"probemap_fixed_seed", 1}}) {
            b.row().with("subject", d[0]).with("launches", 4).with("n_keys", 5).measure("distinct_orders", (Integer) d[1], Unit.COUNT);
        }
        String[][] mapOf = {{"0 1 2 3 4", "2"}, {"3 4 0 1 2", "1"}, {"2 1 0 4 3", "1"}};
        for (int i = 0; i < mapOf.length; i++) {
            b.row().with("subject", "map_of").with("order_rank", i + 1).with("n_keys", 5).with("order", mapOf[i][0]).with("order_preview", "w" + i)
                    .measure("launches_with_order", Integer.parseInt(mapOf[i][1]), Unit.COUNT);
        }
        b.row().with("subject", "probemap_fixed_seed").with("launches", 4).with("n_keys", 5).measure("launches_matching_this_jvm", 3, Unit.COUNT);
        SeedOrder e = new SeedOrder();
        ResultBuilder out = new ResultBuilder();
        e.conclude(new RunData("seed-order", Profile.QUICK, Params.resolve(e, Profile.QUICK, Map.of("launches", "4")),
                Rows.fromObjects(b.rows(), b.samples())), out);
        Map<String, Finding> f = new java.util.HashMap<>();
        out.findings().forEach(x -> f.put(x.id(), x));

        assertThat(f.get("mapof_distinct_orders").value()).isEqualTo(3);
        assertThat(f.get("mapof_distinct_orders").basis()).isEqualTo(Finding.Basis.COUNT);
        assertThat(f.get("mapof_distinct_orders").text()).isEqualTo("Map.of iterated the same 5 keys in 3 different orders across 4 fresh JVMs");
        assertThat(f.get("hashmap_distinct_orders").text()).isEqualTo("HashMap iterated the same 5 keys in one and the same order in all 4 fresh JVMs");
        assertThat(f.get("launches").basis()).isEqualTo(Finding.Basis.PARAMETER);
        assertThat(f.get("launches").value()).isEqualTo(4);
        assertThat(f.get("mapof_orders_on_one_cycle").value()).isEqualTo(3);
        // 3 of 4 launches matched this JVM: not "the same in the parent"
        assertThat(f.get("probemap_fixed_seed_same_in_parent").value()).isZero();
        assertThat(f.get("probemap_fixed_seed_same_in_parent").text()).contains("3 of 4 launches matched");
        assertThat(out.tables().get("orders").rowCount()).isEqualTo(3);
    }

    @Test
    void runWritesFindingsThatFollowTheOrders(@TempDir Path tmp) throws Exception {
        Result r = Experiments.run("seed-order", Profile.QUICK, Map.of("launches", "3", "seeds_in_jvm", "5", "iteration_n", "0"), tmp.resolve("run"), Progress.SILENT);
        assertThat(r.error()).isNull();
        assertThat(r.finding("launches").value()).isEqualTo(3);
        assertThat(r.finding("probemap_fixed_seed_same_in_parent").value()).isEqualTo(1);
        assertThat(r.finding("mapof_orders_on_one_cycle").value()).isEqualTo(r.finding("mapof_distinct_orders").value());
        assertThat(r.finding("hashmap_distinct_orders").value()).isEqualTo(1);
        assertThat(r.finding("probemap_fixed_seed_distinct_orders").value()).isEqualTo(1);
        assertThat(r.finding("probemap_random_seed_distinct_orders").value()).isEqualTo(3);
        assertThat(r.finding("probemap_seeds_in_one_jvm_distinct_orders").value()).isEqualTo(5);
        assertThat(r.finding("hashmap_distinct_orders").text()).contains("one and the same order in all 3 fresh JVMs");
        assertThat(Files.readString(tmp.resolve("run/tables/orders.csv"))).contains("TreeMap,1,3,");
    }

    @Test
    void badParametersNameTheParameterAndTheAllowedValues() {
        assertThatThrownBy(() -> Experiments.run("seed-order", Profile.QUICK, Map.of("launches", "1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'launches': bad value '1'; allowed: a whole number from 2 to 500");
        assertThatThrownBy(() -> Experiments.run("seed-order", Profile.QUICK, Map.of("keys", "lots")))
                .hasMessageStartingWith("parameter 'keys': bad value 'lots'");
    }

    /** Concluded as a fixed effort measured it (one look). */
    private static Map<String, Finding> traversal(double[] fixed, double[] perFork) {
        return traversal(fixed, perFork, "4:1x100ms+2x100ms");
    }

    private static Map<String, Finding> traversal(double[] fixed, double[] perFork, String effort) {
        ResultBuilder rows = new ResultBuilder();
        rows.row().with("subject", "probemap_fixed_seed").with("n_keys", 500000).measure("iterate_time", forks(fixed), Unit.US_PER_OP);
        rows.row().with("subject", "probemap_per_fork_seed").with("n_keys", 500000).measure("iterate_time", forks(perFork), Unit.US_PER_OP);
        SeedOrder e = new SeedOrder();
        ResultBuilder out = new ResultBuilder();
        e.conclude(new RunData("seed-order", Profile.QUICK, Params.resolve(e, Profile.QUICK, Map.of("iteration_effort", effort)),
                Rows.fromObjects(rows.rows(), rows.samples())), out);
        assertThat(out.charts()).containsKey("traversal");
        Map<String, Finding> f = new java.util.HashMap<>();
        out.findings().forEach(x -> f.put(x.id(), x));
        return f;
    }

    /** A measured time whose fork means are {@code forkMeans} (two iterations per fork, +-0.5%). */
    private static maplab.measure.Measured forks(double[] forkMeans) {
        List<maplab.stats.Estimates.Sample> samples = new ArrayList<>();
        for (int k = 0; k < forkMeans.length; k++) {
            samples.add(new maplab.stats.Estimates.Sample(k, 0, forkMeans[k] * 0.995));
            samples.add(new maplab.stats.Estimates.Sample(k, 1, forkMeans[k] * 1.005));
        }
        return maplab.measure.Measured.of(samples);
    }

    @Test
    void aFixedSeedTraversalIsATimeRatioPairedByRoundAgainstASeedDrawnPerFork() {
        Finding f = traversal(new double[] {3000, 3100, 2950, 3050}, new double[] {4000, 4150, 3900, 4050}).get("fixed_vs_per_run_seed_iteration");
        assertThat(f.verdict()).isEqualTo(Finding.Verdict.LOWER);
        assertThat(f.high()).isLessThan(0.8);
        assertThat(f.text()).contains("fixed seed").contains("faster");
        assertThat(f.conditions()).containsEntry("n_keys", "500000");
    }

    @Test
    void aSequentialEffortWidensTheTraversalRatioForItsLooks() {
        double[] fixed = {3000, 3100, 2950, 3050};
        double[] perFork = {4000, 4150, 3900, 4050};
        Finding once = traversal(fixed, perFork, "4:1x100ms+2x100ms").get("fixed_vs_per_run_seed_iteration");
        Finding three = traversal(fixed, perFork, "4-6:1x100ms+2x100ms").get("fixed_vs_per_run_seed_iteration");
        assertThat(three.value()).isCloseTo(once.value(), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(three.low()).isLessThan(once.low());
        assertThat(three.high()).isGreaterThan(once.high());
    }

    @Test
    void traversalsWithinTheNoiseAreNoDetectableDifferenceAndRunsWithoutThemLeaveItOut() {
        Finding f = traversal(new double[] {3000, 3150, 2900, 3100}, new double[] {3050, 3000, 3100, 3000}).get("fixed_vs_per_run_seed_iteration");
        assertThat(f.verdict()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);
        assertThat(f.text()).startsWith("No detectable difference");
        SeedOrder e = new SeedOrder();
        ResultBuilder out = new ResultBuilder();
        e.conclude(new RunData("seed-order", Profile.QUICK, Params.resolve(e, Profile.QUICK, Map.of()), Rows.fromObjects(List.of(), Map.of())), out);
        assertThat(out.findings()).noneMatch(x -> x.id().equals("fixed_vs_per_run_seed_iteration"));
    }
}
