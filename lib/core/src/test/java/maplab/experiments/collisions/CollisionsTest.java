package maplab.experiments.collisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import maplab.run.RunData;
import maplab.conclude.Finding;
import maplab.measure.Measured;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.plan.Unit;
import maplab.stats.Estimates;
import maplab.plan.Params;
import maplab.plan.Profile;
import maplab.subject.collision.CollisionCase;
import maplab.subject.probe.HashMode;
import maplab.subject.probe.ProbeConfig;
import maplab.subject.probe.ProbeMap;
import maplab.workload.Strings;
import org.junit.jupiter.api.Test;

/** collisions' in-process counts: known answers that hold on any machine. */
class CollisionsTest {

    private static final int N = 2048;
    private static final double LOG2_N = 11;

    private static CollisionsMeasure.Counts count(CollisionCase c) {
        return CollisionsMeasure.count(c, N, 5, 6);
    }

    @Test
    void nonComparableConstantHashKeysCostAboutHalfNEqualsCallsPerInsert() {
        CollisionsMeasure.Counts k = count(CollisionCase.CONSTANT_HASH);
        assertThat(k.equalsPerInsert()).isCloseTo(N / 2.0, offset(N * 0.05));
        assertThat(k.compareToPerInsert()).isZero();
        assertThat(k.hashCodePerInsert()).isEqualTo(1.0);
        assertThat(k.treeBins()).isEqualTo(1);
        assertThat(k.maxBinLength()).isEqualTo(N);
    }

    @Test
    void everyPeerScansItsCollidingStringsWithEqualsButNotItsRandomOnes() {
        for (CollisionCase c : CollisionCase.values()) {
            if (!c.isPeer()) continue;
            CollisionsMeasure.Counts k = count(c);
            if (c.kind() == maplab.workload.KeyKind.COLLIDING_STRING) {
                // one bucket or one probe run: insert i compares with about i earlier keys (no trees, no compareTo)
                assertThat(k.equalsPerInsert()).as(c.id()).isGreaterThan(N / 4.0);
            } else {
                assertThat(k.equalsPerInsert()).as(c.id()).isLessThan(4.0);   // a short probe run or chain
            }
            assertThat(k.compareToPerInsert()).as(c.id()).isZero();
        }
    }

    @Test
    void peerFindingsAreCountsAndRatiosPerLibrary() {
        ResultBuilder b = stringRows();
        b.row().with("subject", CollisionCase.COLLIDING_STRING_AGRONA.id()).with("n_keys", 4096)
                .measure("equals_per_insert", 2047.5, Collisions.CALLS_PER_INSERT);
        fill(b, CollisionCase.COLLIDING_STRING_AGRONA, 4096, timed(4.0e6, 4.4e6, 3.9e6, 4.1e6));
        fill(b, CollisionCase.RANDOM_STRING_AGRONA, 4096, timed(0.05e6, 0.055e6, 0.049e6, 0.051e6));
        // koloboke: timed within noise of each other (a protected map would look like this)
        fill(b, CollisionCase.COLLIDING_STRING_KOLOBOKE, 4096, timed(2.0e5, 2.3e5, 1.9e5, 2.1e5));
        fill(b, CollisionCase.RANDOM_STRING_KOLOBOKE, 4096, timed(2.1e5, 2.1e5, 2.0e5, 2.0e5));
        Map<String, Finding> f = conclude(b);

        Finding eq = f.get("agrona_colliding_equals_per_insert");
        assertThat(eq.basis()).isEqualTo(Finding.Basis.COUNT);
        assertThat(eq.value()).isEqualTo(2047.5);
        assertThat(eq.text()).contains("Agrona Object2ObjectHashMap");
        Finding agrona = f.get("colliding_vs_random_string_agrona");
        assertThat(agrona.verdict()).isEqualTo(Finding.Verdict.HIGHER);
        assertThat(agrona.low()).isGreaterThan(50);
        Finding koloboke = f.get("colliding_vs_random_string_koloboke");
        assertThat(koloboke.verdict()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);
        assertThat(koloboke.low()).isLessThan(1);
        assertThat(koloboke.high()).isGreaterThan(1);
        assertThat(f).doesNotContainKey("colliding_vs_random_string_eclipse");
    }

    @Test
    void comparableConstantHashKeysCostAboutLog2NComparesPerInsert() {
        CollisionsMeasure.Counts k = count(CollisionCase.CONSTANT_HASH_COMPARABLE);
        assertThat(k.compareToPerInsert()).isBetween(0.5 * LOG2_N, 1.5 * LOG2_N);
        assertThat(k.equalsPerInsert()).isLessThan(2 * LOG2_N);
        assertThat(k.treeBins()).isEqualTo(1);
    }

    @Test
    void collidingStringsShareOneTreeBinWhileRandomAndDistinctKeysDoNot() {
        CollisionsMeasure.Counts colliding = count(CollisionCase.COLLIDING_STRING);
        assertThat(colliding.treeBins()).isEqualTo(1);
        assertThat(colliding.maxBinLength()).isEqualTo(N);
        assertThat(count(CollisionCase.RANDOM_STRING).treeBins()).isZero();
        CollisionsMeasure.Counts distinct = count(CollisionCase.DISTINCT_HASH);
        assertThat(distinct.treeBins()).isZero();
        assertThat(distinct.equalsPerInsert()).isZero();
        assertThat(distinct.hashCodePerInsert()).isEqualTo(1.0);
    }

    @Test
    void aSeededContentHashSpreadsCollidingStringsThatAnUnseededHashPilesUp() {
        CollisionsMeasure.Counts seeded = count(CollisionCase.COLLIDING_STRING_SEEDED);
        assertThat(seeded.meanProbe()).isLessThan(5);
        // counted with the instrumented keys: the seeded hash reads the characters, never hashCode(),
        // and distinct 64-bit hashes make equals calls rare
        assertThat(seeded.hashCodePerInsert()).isZero();
        assertThat(seeded.equalsPerInsert()).isLessThan(0.01);
        // The same Strings with fmix64(String.hashCode()): one hash, so one probe run as long as the map.
        ProbeMap<String, String> mixed = new ProbeMap<>(ProbeConfig.of(HashMode.MIXED).withCounting(true), 0);
        for (String s : Strings.colliding(N, 5)) mixed.put(s, s);
        assertThat(mixed.counters().meanInsertProbe()).isGreaterThan(N / 4.0);
    }

    @Test
    void badParametersGiveTheContractError() {
        Collisions c = new Collisions();
        assertThatThrownBy(() -> Params.resolve(c, Profile.QUICK, Map.of("sizes", "1024,-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'sizes': bad value '-1'; allowed: a comma-separated list of whole numbers from 16 to 1048576");
        assertThatThrownBy(() -> Params.resolve(c, Profile.QUICK, Map.of("cases", "strings")))
                .hasMessageStartingWith("parameter 'cases': bad value 'strings'; allowed: a comma-separated list of colliding_string, ");
        assertThatThrownBy(() -> c.validate(Params.resolve(c, Profile.QUICK, Map.of("sizes", "1024"))))
                .hasMessageStartingWith("parameter 'sizes': bad value '1024'; allowed: at least two different sizes");
        c.validate(Params.resolve(c, Profile.QUICK, Map.of()));
        c.validate(Params.resolve(c, Profile.FULL, Map.of()));
    }

    // ------------------------------------------------------------------ conclude, on hand-made rows

    /** A timed cell: per-fork means {@code forkMeans}, three iterations each at the fork mean +-1%. */
    private static Measured timed(double... forkMeans) {
        List<Estimates.Sample> samples = new ArrayList<>();
        for (int f = 0; f < forkMeans.length; f++) {
            samples.add(new Estimates.Sample(f, 0, forkMeans[f] * 0.99));
            samples.add(new Estimates.Sample(f, 1, forkMeans[f]));
            samples.add(new Estimates.Sample(f, 2, forkMeans[f] * 1.01));
        }
        return Measured.of(samples);
    }

    private static void fill(ResultBuilder b, CollisionCase c, int n, Measured m) {
        b.row().with("subject", c.id()).with("n_keys", n).measure("fill_time", m, Unit.NS_PER_OP);
    }

    private static void counts(ResultBuilder b, CollisionCase c, int n, double equals, double compares, double trees, double longest) {
        b.row().with("subject", c.id()).with("n_keys", n).measure("equals_per_insert", equals, Collisions.CALLS_PER_INSERT);
        b.row().with("subject", c.id()).with("n_keys", n).measure("compareto_per_insert", compares, Collisions.CALLS_PER_INSERT);
        b.row().with("subject", c.id()).with("n_keys", n).measure("hashcode_per_insert", 1, Collisions.CALLS_PER_INSERT);
        b.row().with("subject", c.id()).with("n_keys", n).measure("tree_bins", trees, Unit.COUNT);
        b.row().with("subject", c.id()).with("n_keys", n).measure("max_bin_length", longest, Unit.COUNT);
    }

    /** Concluded as a fixed effort measured it (one look). */
    private static Map<String, Finding> conclude(ResultBuilder rows) {
        return conclude(rows, "4:4x50ms+3x50ms");
    }

    private static Map<String, Finding> conclude(ResultBuilder rows, String insertEffort) {
        Collisions c = new Collisions();
        RunData data = new RunData("collisions", Profile.QUICK, Params.resolve(c, Profile.QUICK, Map.of("insert_effort", insertEffort)),
                Rows.fromObjects(rows.rows(), rows.samples()));
        ResultBuilder out = new ResultBuilder();
        c.conclude(data, out);
        Map<String, Finding> byId = new LinkedHashMap<>();
        out.findings().forEach(f -> byId.put(f.id(), f));
        assertThat(out.tables()).containsKey("operations");
        return byId;
    }

    /** Four rounds: colliding Strings ~20x the random ones (noise shared per round), the seeded pair equal within noise. */
    private static ResultBuilder stringRows() {
        ResultBuilder b = new ResultBuilder();
        fill(b, CollisionCase.COLLIDING_STRING, 4096, timed(1.00e6, 1.30e6, 0.95e6, 1.10e6));
        fill(b, CollisionCase.RANDOM_STRING, 4096, timed(0.05e6, 0.066e6, 0.047e6, 0.054e6));
        // the seeded pair: fork by fork above and below each other, so no difference is detectable
        fill(b, CollisionCase.COLLIDING_STRING_SEEDED, 4096, timed(2.0e5, 2.3e5, 1.9e5, 2.1e5));
        fill(b, CollisionCase.RANDOM_STRING_SEEDED, 4096, timed(2.1e5, 2.1e5, 2.0e5, 2.0e5));
        return b;
    }

    @Test
    void aSequentialInsertEffortWidensEachTimeRatioForItsLooks() {
        Map<String, Finding> once = conclude(stringRows(), "4:4x50ms+3x50ms");
        Map<String, Finding> looked = conclude(stringRows(), "4-8:4x50ms+3x50ms");   // five looks
        for (String id : List.of("colliding_vs_random_string", "seeded_content_hash_vs_random")) {
            assertThat(looked.get(id).value()).as(id).isCloseTo(once.get(id).value(), offset(1e-12));
            assertThat(looked.get(id).low()).as(id).isLessThan(once.get(id).low());
            assertThat(looked.get(id).high()).as(id).isGreaterThan(once.get(id).high());
        }
    }

    @Test
    void concludeCallsTheCollidingStringsSlowerAndTheSeededPairNoDetectableDifference() {
        Map<String, Finding> f = conclude(stringRows());

        Finding colliding = f.get("colliding_vs_random_string");
        assertThat(colliding.verdict()).isEqualTo(Finding.Verdict.HIGHER);
        assertThat(colliding.basis()).isEqualTo(Finding.Basis.TIMING);
        assertThat(colliding.value()).isCloseTo(20.3, offset(0.5));
        assertThat(colliding.low()).isGreaterThan(15).isLessThan(colliding.value());
        assertThat(colliding.high()).isLessThan(27).isGreaterThan(colliding.value());
        assertThat(colliding.conditions()).containsEntry("n_keys", "4096");
        assertThat(colliding.text()).contains("slower").doesNotContain("No detectable");

        Finding seeded = f.get("seeded_content_hash_vs_random");
        assertThat(seeded.verdict()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);
        assertThat(seeded.low()).isLessThan(1);
        assertThat(seeded.high()).isGreaterThan(1);
        assertThat(seeded.text()).startsWith("No detectable difference in this run").doesNotContain("slower").doesNotContain("faster");
        assertThat(seeded.margin()).as("declared ±10%, but this interval reaches outside it").isEqualTo(0.10);
        assertThat(colliding.hasMargin()).isFalse();
    }

    @Test
    void concludeTakesTheRatiosAtTheLargestSizeBothCasesWereTimedAt() {
        ResultBuilder b = stringRows();
        // a smaller size where colliding Strings are as fast as random ones must not be the one compared
        fill(b, CollisionCase.COLLIDING_STRING, 1024, timed(1e4, 1e4, 1e4, 1e4));
        fill(b, CollisionCase.RANDOM_STRING, 1024, timed(1e4, 1e4, 1e4, 1e4));
        fill(b, CollisionCase.RANDOM_STRING, 8192, timed(1e5, 1e5, 1e5, 1e5));
        assertThat(conclude(b).get("colliding_vs_random_string").conditions()).containsEntry("n_keys", "4096");
    }

    @Test
    void concludeFitsTheGrowthExponentOverEveryForkWithItsInterval() {
        ResultBuilder b = new ResultBuilder();
        // total time ~ n^2 with fork-to-fork noise of a few percent
        fill(b, CollisionCase.CONSTANT_HASH, 1024, timed(1.00e6, 1.04e6, 0.97e6, 1.02e6));
        fill(b, CollisionCase.CONSTANT_HASH, 2048, timed(4.10e6, 3.95e6, 4.05e6, 4.00e6));
        fill(b, CollisionCase.CONSTANT_HASH, 4096, timed(16.2e6, 15.7e6, 16.4e6, 15.9e6));
        Finding g = conclude(b).get("noncomparable_growth_exponent");
        assertThat(g.basis()).isEqualTo(Finding.Basis.TIMING);
        assertThat(g.verdict()).isNull();
        assertThat(g.value()).isCloseTo(2.0, offset(0.03));
        assertThat(g.low()).isLessThan(2.0).isGreaterThan(1.8);
        assertThat(g.high()).isGreaterThan(2.0).isLessThan(2.2);
        assertThat(g.conditions()).containsEntry("sizes", "1024..4096");
    }

    @Test
    void concludeReportsTheCountsAtTheLargestNAsExactCounts() {
        ResultBuilder b = new ResultBuilder();
        counts(b, CollisionCase.CONSTANT_HASH, 1024, 511.5, 0, 1, 1024);
        counts(b, CollisionCase.CONSTANT_HASH, 4096, 2047.5, 0, 1, 4096);
        counts(b, CollisionCase.CONSTANT_HASH_COMPARABLE, 4096, 1, 11.5, 1, 4096);
        counts(b, CollisionCase.COLLIDING_STRING, 4096, 2, 12.1, 1, 4096);
        counts(b, CollisionCase.RANDOM_STRING, 4096, 0, 0, 0, 3);
        Map<String, Finding> f = conclude(b);
        Finding eq = f.get("noncomparable_equals_per_insert_at_max_n");
        assertThat(eq.value()).isEqualTo(2047.5);
        assertThat(eq.basis()).isEqualTo(Finding.Basis.COUNT);
        assertThat(eq.low()).isEqualTo(eq.high()).isEqualTo(2047.5);
        assertThat(eq.conditions()).containsEntry("n_keys", "4096");
        assertThat(f.get("comparable_compares_per_insert_at_max_n").value()).isEqualTo(11.5);
        assertThat(f.get("tree_bins").value()).isEqualTo(1);
        assertThat(f.get("tree_bins").text()).contains("longest bin held 4096 keys", "random_string: 0");
        // no timings: no timed findings, no growth
        assertThat(f).doesNotContainKeys("colliding_vs_random_string", "noncomparable_growth_exponent");
    }
}
