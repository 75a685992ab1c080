package maplab.experiments.iteration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import maplab.plan.Params;
import maplab.plan.Profile;
import maplab.run.RunData;
import maplab.conclude.Finding;
import maplab.conclude.Finding.Basis;
import maplab.conclude.Finding.Verdict;
import maplab.measure.Measured;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.plan.Unit;
import maplab.stats.Estimates.Estimate;
import maplab.stats.Estimates.Sample;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** iteration's conclusions from hand-made rows, without JMH or JFR. */
class IterationConcludeTest {

    private static final Iteration EXPERIMENT = new Iteration();

    private static Measured forks(double... perFork) {
        List<Sample> samples = new ArrayList<>();
        for (int f = 0; f < perFork.length; f++) {
            for (int i = 0; i < 3; i++) samples.add(new Sample(f, i, perFork[f] * (1 + 0.01 * (i - 1))));
        }
        return Measured.of(samples);
    }

    private static void state(ResultBuilder b, String kind, String state, Measured m) {
        b.row().with("part", "states").with("subject", kind).with("state", state).with("style", "entryset")
                .with("n_keys", 1000).with("n_filled", state.equals("fresh") ? 1000 : 1_000_000).measure("iterate_time", m, Unit.US_PER_OP);
    }

    private static void style(ResultBuilder b, String kind, String style, Measured m) {
        b.row().with("part", "styles").with("subject", kind).with("state", "fresh").with("style", style)
                .with("n_keys", 100_000).with("n_filled", 100_000).measure("iterate_time", m, Unit.US_PER_OP);
    }

    private static ResultBuilder.Row profile(ResultBuilder b) {
        return b.row().with("part", "profile").with("subject", "hashmap").with("state", "drained").with("style", "entryset")
                .with("n_keys", 1000).with("n_filled", 1_000_000);
    }

    private static void frame(ResultBuilder b, String method, long self, long total) {
        profile(b).with("method", method).measure("self_samples", self, Unit.COUNT);
        profile(b).with("method", method).measure("total_samples", total, Unit.COUNT);
    }

    private static ResultBuilder conclude(ResultBuilder b) {
        Params params = Params.resolve(EXPERIMENT, Profile.QUICK, Map.of());
        ResultBuilder out = new ResultBuilder();
        EXPERIMENT.conclude(new RunData("iteration", Profile.QUICK, params, Rows.fromObjects(b.rows(), b.samples())), out);
        return out;
    }

    private static Finding finding(ResultBuilder out, String id) {
        return out.findings().stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError("no finding " + id));
    }

    @Test
    void aDrainedMapIsCalledSlowerAndAClearedOneThatIsNotGetsNoDetectableDifference() {
        ResultBuilder b = new ResultBuilder();
        state(b, "hashmap", "fresh", forks(3.0, 3.3, 2.9, 3.1));
        state(b, "hashmap", "drained", forks(480, 530, 470, 500));
        // cleared: as fast as fresh, with fork noise that does not follow the rounds
        state(b, "hashmap", "cleared", forks(3.3, 2.9, 3.2, 3.0));
        ResultBuilder out = conclude(b);

        Finding drained = finding(out, "drained_vs_fresh");
        assertThat(drained.verdict()).isEqualTo(Verdict.HIGHER);
        assertThat(drained.basis()).isEqualTo(Basis.TIMING);
        assertThat(drained.value()).isBetween(155.0, 170.0);
        assertThat(drained.low()).isGreaterThan(140);
        assertThat(drained.conditions()).containsEntry("n_filled", "1000000").containsEntry("n_keys", "1000");
        assertThat(drained.text()).contains("drained from 1000000 to 1000 entries");

        Finding cleared = finding(out, "cleared_vs_fresh");
        assertThat(cleared.verdict()).isEqualTo(Verdict.NO_DIFFERENCE);
        assertThat(cleared.low()).isLessThan(1);
        assertThat(cleared.high()).isGreaterThan(1);
        assertThat(cleared.text()).startsWith("No detectable difference in this run").doesNotContain("slower");

        Table ratios = out.tables().get("ratios");
        assertThat(ratios.stringColumn("comparison").asList()).containsExactly("HashMap drained / fresh", "HashMap cleared / fresh");
        assertThat(ratios.stringColumn("verdict").asList()).containsExactly("higher", "no detectable difference");
        assertThat(out.charts()).containsKeys("ratios", "states");
        assertThat(out.findings()).extracting(Finding::id).doesNotContain("keyset_get_vs_entryset", "iterator_frames_share");
    }

    @Test
    void keySetPlusGetIsComparedWithEntrySetOfTheSameKindAndSize() {
        ResultBuilder b = new ResultBuilder();
        style(b, "hashmap", "entryset", forks(2000, 2100, 1950, 2050));
        style(b, "hashmap", "keyset_get", forks(3000, 3200, 2900, 3100));
        style(b, "fastutil", "keyset_get", forks(100, 100, 100, 100));   // another kind: not the finding's baseline
        ResultBuilder out = conclude(b);

        Finding f = finding(out, "keyset_get_vs_entryset");
        assertThat(f.verdict()).isEqualTo(Verdict.HIGHER);
        assertThat(f.value()).isCloseTo(1.5, offset(0.02));
        assertThat(f.conditions()).containsEntry("n_keys", "100000");
        assertThat(out.charts()).containsKey("styles");
    }

    @Test
    void theIteratorShareCarriesAWilsonIntervalAndTheTopFramesComeFromTheRows() {
        ResultBuilder b = new ResultBuilder();
        profile(b).measure("samples", 100, Unit.COUNT);
        profile(b).measure("iterator_samples", 37, Unit.COUNT);
        frame(b, "maplab.subject.iteration.JdkIterationMap.sumEntrySet", 60, 100);
        frame(b, "java.util.HashMap$HashIterator.nextNode", 30, 30);
        frame(b, "java.util.HashMap$EntryIterator.next", 7, 37);
        frame(b, "maplab.measure.IterationLoop.main", 0, 100);
        frame(b, "java.lang.Integer.intValue", 3, 3);
        ResultBuilder out = conclude(b);

        Finding share = finding(out, "iterator_frames_share");
        assertThat(share.basis()).isEqualTo(Basis.TIMING);
        assertThat(share.verdict()).isNull();
        assertThat(share.value()).isEqualTo(0.37);
        // worked values: Wilson at 99% (z = 2.5758) for 37 of 100
        assertThat(share.low()).isCloseTo(0.25739, offset(1e-4));
        assertThat(share.high()).isCloseTo(0.49879, offset(1e-4));
        assertThat(share.conditions()).containsEntry("state", "drained").containsEntry("n_filled", "1000000");
        assertThat(share.text()).contains("100 CPU samples", "hottest: maplab.subject.iteration.JdkIterationMap.sumEntrySet, 60.0% self", "one JVM, Wilson", "sampling error only");

        Table top = out.tables().get("top frames");
        assertThat(top.stringColumn("method").asList()).containsExactly("maplab.subject.iteration.JdkIterationMap.sumEntrySet",
                "java.util.HashMap$HashIterator.nextNode", "java.util.HashMap$EntryIterator.next", "java.lang.Integer.intValue",
                "maplab.measure.IterationLoop.main");
        assertThat(top.stringColumn("category").asList()).containsExactly("user", "iterator", "iterator", "jdk", "user");
        assertThat(top.doubleColumn("total_share").get(2)).isEqualTo(0.37);
    }

    @Test
    void withSeveralJvmsTheShareIsTheirMeanWithAnIntervalOverJvmsAndTheFramesAreSummed() {
        ResultBuilder b = new ResultBuilder();
        long[][] counts = {{1000, 440}, {2000, 900}, {1000, 460}};   // shares 0.44, 0.45, 0.46
        for (int jvm = 0; jvm < 3; jvm++) {
            profile(b).with("jvm", jvm).measure("samples", counts[jvm][0], Unit.COUNT);
            profile(b).with("jvm", jvm).measure("iterator_samples", counts[jvm][1], Unit.COUNT);
            profile(b).with("jvm", jvm).with("method", "java.util.HashMap$HashIterator.nextNode").measure("self_samples", counts[jvm][1], Unit.COUNT);
            profile(b).with("jvm", jvm).with("method", "java.util.HashMap$HashIterator.nextNode").measure("total_samples", counts[jvm][1], Unit.COUNT);
        }
        ResultBuilder out = conclude(b);
        Finding share = finding(out, "iterator_frames_share");
        // mean 0.45, sd 0.01 over 3 JVMs: 0.45 +- t(0.995, 2) 0.01 / sqrt(3) = 0.45 +- 0.0573
        assertThat(share.value()).isCloseTo(0.45, offset(1e-9));
        assertThat(share.low()).isCloseTo(0.3927, offset(1e-3));
        assertThat(share.high()).isCloseTo(0.5073, offset(1e-3));
        assertThat(share.text()).contains("4000 CPU samples (1800)", "3 JVMs", "Student-t");
        Table top = out.tables().get("top frames");
        assertThat(top.longColumn("self_samples").get(0)).isEqualTo(1800);
        assertThat(top.doubleColumn("self_share").get(0)).isEqualTo(0.45);
    }

    @Test
    void aStoredRunWithOnlyTheShareStillGetsItsInterval() {
        // references made before the counts were stored: samples and the share, no frame rows
        ResultBuilder b = new ResultBuilder();
        profile(b).measure("samples", 6518, Unit.COUNT);
        profile(b).measure("iterator_frames_share", 2395 / 6518.0, Unit.FRACTION);
        ResultBuilder out = conclude(b);
        Finding share = finding(out, "iterator_frames_share");
        assertThat(share.low()).isCloseTo(0.35220, offset(1e-4));
        assertThat(share.high()).isCloseTo(0.38295, offset(1e-4));
        assertThat(out.tables()).doesNotContainKey("top frames");
    }

    @Test
    void wilsonStaysInsideZeroToOneAndIsNotDegenerateAtTheEdges() {
        Estimate none = IterationProfileConclude.wilson(0, 10);
        assertThat(none.low()).isZero();
        assertThat(none.high()).isCloseTo(0.39885, offset(1e-4));
        Estimate all = IterationProfileConclude.wilson(10, 10);
        assertThat(all.high()).isEqualTo(1);
        assertThat(all.low()).isCloseTo(1 - 0.39885, offset(1e-4));
        assertThatThrownBy(() -> IterationProfileConclude.wilson(11, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void layout(ResultBuilder b, String layout, Measured m, double collections) {
        b.row().with("part", "locality").with("subject", "hashmap").with("layout", layout).with("style", "entryset")
                .with("n_keys", 1_048_576).with("collector", "ParallelGC -Xms1g -Xmx1g").measure("iterate_time", m, Unit.US_PER_OP);
        b.row().with("part", "locality").with("subject", "hashmap").with("layout", layout).with("style", "entryset")
                .with("n_keys", 1_048_576).with("collector", "ParallelGC -Xms1g -Xmx1g").measure("collections_measured", collections, Unit.COUNT);
    }

    @Test
    void aRandomFilledMapSlowerThanItsCopyIsCalledSoAndACopyAsFastAsAscendingGetsNoDetectableDifference() {
        ResultBuilder b = new ResultBuilder();
        layout(b, "random", forks(30_000, 33_000, 29_000, 31_000), 0);
        layout(b, "copied", forks(10_000, 10_600, 9_800, 10_200), 0);
        // ascending: the copy's time with noise that does not follow the rounds
        layout(b, "ascending", forks(10_300, 10_000, 10_400, 9_900), 0);
        ResultBuilder out = conclude(b);

        Finding random = finding(out, "locality_random_vs_copied");
        assertThat(random.verdict()).isEqualTo(Verdict.HIGHER);
        assertThat(random.value()).isCloseTo(3.0, offset(0.1));
        assertThat(random.basis()).isEqualTo(Basis.TIMING);
        assertThat(random.conditions()).containsEntry("n_keys", "1048576").containsEntry("collector", "ParallelGC -Xms1g -Xmx1g");
        assertThat(random.text()).contains("filled in random key order", "new HashMap<>(m)", "slower");

        Finding copied = finding(out, "locality_copied_vs_ascending");
        assertThat(copied.verdict()).isEqualTo(Verdict.NO_DIFFERENCE);
        assertThat(copied.low()).isLessThan(1);
        assertThat(copied.high()).isGreaterThan(1);
        assertThat(copied.text()).startsWith("No detectable difference in this run").doesNotContain("slower", "faster");

        Finding gcs = finding(out, "locality_collections_measured");
        assertThat(gcs.value()).isZero();
        assertThat(gcs.text()).contains("none could move the nodes", "ParallelGC");
        // layouts that were not measured give no finding
        assertThat(out.findings()).extracting(Finding::id).doesNotContain("locality_rebuilt_vs_ascending", "locality_full_gc_vs_random", "locality_young_gc_vs_random");
        Table t = out.tables().get("locality");
        assertThat(t.stringColumn("layout").asList()).containsExactly("random-filled", "random-filled, copied", "ascending-filled");
        assertThat(t.doubleColumn("ns_per_entry").get(0)).isCloseTo(30_750 * 1000.0 / 1_048_576, offset(0.5));
        assertThat(out.charts()).containsKey("locality");
    }

    @Test
    void aCollectionDuringTheTimedIterationsIsCountedAndSaid() {
        ResultBuilder b = new ResultBuilder();
        layout(b, "random", forks(30_000, 33_000, 29_000, 31_000), 2);
        layout(b, "random_young_gc", forks(12_000, 12_500, 11_800, 12_100), 1);
        ResultBuilder out = conclude(b);
        Finding gcs = finding(out, "locality_collections_measured");
        assertThat(gcs.value()).isEqualTo(3);
        assertThat(gcs.text()).contains("may have moved nodes");
        Finding young = finding(out, "locality_young_gc_vs_random");
        assertThat(young.verdict()).isEqualTo(Verdict.LOWER);
        assertThat(young.text()).contains("after a young collection");
    }

    private static void shares(ResultBuilder b, String profiler, String mode, long[][] samplesAndIterator, String top) {
        for (int jvm = 0; jvm < samplesAndIterator.length; jvm++) {
            profile(b).with("jvm", jvm).with("profiler", profiler).with("debug_nonsafepoints", mode).with("status", "ran").measure("profiler_ran", 1, Unit.COUNT);
            profile(b).with("jvm", jvm).with("profiler", profiler).with("debug_nonsafepoints", mode).measure("samples", samplesAndIterator[jvm][0], Unit.COUNT);
            profile(b).with("jvm", jvm).with("profiler", profiler).with("debug_nonsafepoints", mode).measure("iterator_samples", samplesAndIterator[jvm][1], Unit.COUNT);
            profile(b).with("jvm", jvm).with("profiler", profiler).with("debug_nonsafepoints", mode).with("method", top)
                    .measure("self_samples", samplesAndIterator[jvm][1], Unit.COUNT);
            profile(b).with("jvm", jvm).with("profiler", profiler).with("debug_nonsafepoints", mode).with("method", top)
                    .measure("total_samples", samplesAndIterator[jvm][1], Unit.COUNT);
            profile(b).with("jvm", jvm).with("profiler", profiler).with("debug_nonsafepoints", mode).with("method", "maplab.subject.iteration.JdkIterationMap.sumEntrySet")
                    .measure("self_samples", samplesAndIterator[jvm][0] - samplesAndIterator[jvm][1], Unit.COUNT);
            profile(b).with("jvm", jvm).with("profiler", profiler).with("debug_nonsafepoints", mode).with("method", "maplab.subject.iteration.JdkIterationMap.sumEntrySet")
                    .measure("total_samples", samplesAndIterator[jvm][0], Unit.COUNT);
        }
    }

    @Test
    void theHeadlineShareIsJfrWithDebugNonSafepointsAndTheOtherProfilesAreComparedWithIt() {
        ResultBuilder b = new ResultBuilder();
        // without DebugNonSafepoints the samples land on the caller: shares 0.10, 0.12, 0.11
        shares(b, "jfr", "off", new long[][] {{1000, 100}, {1000, 120}, {1000, 110}}, "java.util.HashMap$HashIterator.nextNode");
        // with it: 0.90, 0.92, 0.91; async-profiler in the same JVMs: 0.91, 0.93, 0.92 (+0.01 each)
        shares(b, "jfr", "on", new long[][] {{1000, 900}, {1000, 920}, {1000, 910}}, "java.util.HashMap$HashIterator.nextNode");
        shares(b, "async_profiler", "on", new long[][] {{500, 455}, {500, 465}, {500, 460}}, "java.util.HashMap$HashIterator.nextNode");
        ResultBuilder out = conclude(b);

        Finding headline = finding(out, "iterator_frames_share");
        assertThat(headline.value()).isCloseTo(0.91, offset(1e-9));
        assertThat(headline.text()).contains("(JFR with -XX:+DebugNonSafepoints)", "drained", "3000 CPU samples (2730)");
        assertThat(headline.conditions()).containsEntry("state", "drained");
        Finding without = finding(out, "iterator_frames_share_without_debug_nonsafepoints");
        assertThat(without.value()).isCloseTo(0.11, offset(1e-9));
        assertThat(without.text()).contains("without -XX:+DebugNonSafepoints");
        Finding diff = finding(out, "debug_nonsafepoints_iterator_share_difference");
        assertThat(diff.value()).isCloseTo(0.80, offset(1e-9));
        assertThat(diff.verdict()).isEqualTo(Verdict.HIGHER);
        // Welch: sd 0.01 each side, se = sqrt(2 * 0.0001 / 3) = 0.008165, df = 4, t(0.995, 4) = 4.604
        assertThat(diff.low()).isCloseTo(0.80 - 4.604 * 0.008165, offset(1e-3));
        Finding async = finding(out, "async_minus_jfr_iterator_share");
        assertThat(async.value()).isCloseTo(0.01, offset(1e-9));
        // paired differences are all exactly 0.01: no spread, so an interval of zero width above 0
        assertThat(async.verdict()).isEqualTo(Verdict.HIGHER);
        assertThat(finding(out, "async_iterator_frames_share").value()).isCloseTo(0.92, offset(1e-9));

        assertThat(out.tables()).containsKeys("top frames", "top frames without DebugNonSafepoints", "top frames async-profiler", "profilers");
        assertThat(out.tables().get("top frames").doubleColumn("self_share").get(0)).isCloseTo(0.91, offset(1e-9));
        assertThat(out.tables().get("top frames without DebugNonSafepoints").stringColumn("method").get(0))
                .isEqualTo("maplab.subject.iteration.JdkIterationMap.sumEntrySet");
        Table profilers = out.tables().get("profilers");
        assertThat(profilers.stringColumn("profiler").asList()).containsExactly("JFR", "JFR", "async-profiler (itimer)");
        assertThat(profilers.longColumn("jvms_ran").asList()).containsExactly(3L, 3L, 3L);
        assertThat(out.charts()).containsKey("top frames");
    }

    @Test
    void whenAsyncProfilerDidNotRunTheOutputSaysSoAndWhy() {
        ResultBuilder b = new ResultBuilder();
        shares(b, "jfr", "on", new long[][] {{1000, 900}, {1000, 920}}, "java.util.HashMap$HashIterator.nextNode");
        for (int jvm = 0; jvm < 2; jvm++) {
            profile(b).with("jvm", jvm).with("profiler", "async_profiler").with("debug_nonsafepoints", "on")
                    .with("status", "async-profiler unavailable: no library for this platform").measure("profiler_ran", 0, Unit.COUNT);
        }
        ResultBuilder out = conclude(b);
        assertThat(out.findings()).extracting(Finding::id).contains("iterator_frames_share")
                .doesNotContain("async_minus_jfr_iterator_share", "async_iterator_frames_share", "debug_nonsafepoints_iterator_share_difference");
        Table profilers = out.tables().get("profilers");
        assertThat(profilers.stringColumn("profiler").asList()).containsExactly("JFR", "async-profiler (itimer)");
        assertThat(profilers.longColumn("jvms_ran").asList()).containsExactly(2L, 0L);
        assertThat(profilers.longColumn("jvms_not_ran").asList()).containsExactly(0L, 2L);
        assertThat(profilers.stringColumn("status").get(1)).contains("no library for this platform");
    }

    @Test
    void theProfiledMapIsTheDrainedOneInBothProfiles() {
        for (Profile p : Profile.values()) {
            Params params = Params.resolve(EXPERIMENT, p, Map.of());
            assertThat(params.getString("profiled_state")).as(p.name()).isEqualTo("drained");
            assertThat(params.getStrings("debug_nonsafepoints")).as(p.name()).containsExactly("on", "off");
        }
    }

    @Test
    void theCollectorIsReadFromTheForksFlagsTheLastOneWinning() {
        assertThat(IterationRows.collector(List.of("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC", "-Djava.awt.headless=true"))).isEqualTo("ParallelGC -Xms1g -Xmx1g");
        assertThat(IterationRows.collector(List.of("-XX:+UseParallelGC", "-XX:+UseG1GC"))).isEqualTo("G1GC");
        assertThat(IterationRows.collector(List.of())).isEqualTo("default collector");
    }

    @Test
    void theLocalityPartMustAskForTheSameForks() {
        assertThatThrownBy(() -> EXPERIMENT.validate(Params.resolve(EXPERIMENT, Profile.QUICK, Map.of("locality_effort", "3:1x100ms+3x100ms"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("parameter 'locality_effort': bad value '3:1x100ms+3x100ms'");
    }

    @Test
    void bothPartsMustAskForTheSameForks() {
        assertThatThrownBy(() -> EXPERIMENT.validate(Params.resolve(EXPERIMENT, Profile.QUICK, Map.of("styles_effort", "5:1x100ms+3x100ms"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("parameter 'styles_effort': bad value '5:1x100ms+3x100ms'");
    }
}
