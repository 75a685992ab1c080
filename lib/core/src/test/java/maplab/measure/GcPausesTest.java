package maplab.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import maplab.measure.GcPauses.Collector;
import maplab.measure.GcPauses.LogPause;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GC pauses: which collector each JDK offers and with which flags; the unified-log parser on
 * real lines (captured from JDK 17 and Temurin 25 running the pause workload); and the workload
 * in forked JVMs, its collector pinned, read back from JFR and the log, the two agreeing.
 */
class GcPausesTest {

    // ------------------------------------------------------------------ collectors per JDK

    @Test
    void zgcModesFollowTheJdk() {
        assertThat(Collector.ZGC.flags(17)).contains(List.of("-XX:+UseZGC"));
        assertThat(Collector.ZGC_GENERATIONAL.flags(17)).isEmpty();
        assertThat(Collector.ZGC.flags(21)).contains(List.of("-XX:+UseZGC", "-XX:-ZGenerational"));
        assertThat(Collector.ZGC_GENERATIONAL.flags(21)).contains(List.of("-XX:+UseZGC", "-XX:+ZGenerational"));
        assertThat(Collector.ZGC.flags(23)).contains(List.of("-XX:+UseZGC", "-XX:-ZGenerational"));
        assertThat(Collector.ZGC_GENERATIONAL.flags(23)).contains(List.of("-XX:+UseZGC"));
        assertThat(Collector.ZGC.flags(24)).isEmpty();
        assertThat(Collector.ZGC_GENERATIONAL.flags(25)).contains(List.of("-XX:+UseZGC"));
        assertThat(Collector.G1.flags(25)).contains(List.of("-XX:+UseG1GC"));
        assertThat(Collector.PARALLEL.flags(17)).contains(List.of("-XX:+UseParallelGC"));
    }

    @Test
    void anUnofferedCollectorIsNamedWithTheJdk() {
        assertThat(Collector.ZGC_GENERATIONAL.offered(17)).isFalse();
        assertThatThrownBy(() -> Collector.ZGC_GENERATIONAL.requireFlags(17))
                .isInstanceOf(MeasurementException.class).hasMessage("Generational ZGC is not offered by JDK 17");
        assertThatThrownBy(() -> Collector.ZGC.requireFlags(25)).hasMessage("ZGC (single-generation) is not offered by JDK 25");
        assertThatThrownBy(() -> Collector.parse("shenandoah"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowed: g1, parallel, serial, zgc, zgc_generational");
    }

    // ------------------------------------------------------------------ log lines (captured)

    static LogPause parse(String line) {
        return GcPauses.parseLine(line).orElseThrow(() -> new AssertionError("not parsed as a pause: " + line));
    }

    @Test
    void g1PausesYoungFullRemarkAndCleanup() {
        assertThat(parse("[0.191s][info][gc       ] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 10M->8M(128M) 27.131ms"))
                .isEqualTo(new LogPause(0, "", "Pause Young (Normal) (G1 Evacuation Pause)", 27.131));
        assertThat(parse("[0.857s][info][gc       ] GC(3) Pause Young (Concurrent Start) (G1 Humongous Allocation) 70M->70M(128M) 24.671ms"))
                .isEqualTo(new LogPause(3, "", "Pause Young (Concurrent Start) (G1 Humongous Allocation)", 24.671));
        assertThat(parse("[0.388s][info][gc       ] GC(3) Pause Full (System.gc()) 32M->17M(128M) 54.617ms").phase()).isEqualTo("Pause Full (System.gc())");
        // the concurrent cycle's pauses carry the cycle's id
        assertThat(parse("[13.169s][info][gc       ] GC(13) Pause Remark 104M->82M(192M) 34.592ms")).isEqualTo(new LogPause(13, "", "Pause Remark", 34.592));
        assertThat(parse("[13.260s][info][gc       ] GC(13) Pause Cleanup 83M->83M(192M) 0.069ms").ms()).isEqualTo(0.069);
        // not pauses: sub-phases, the concurrent cycle, full-GC phases, the banner
        for (String line : List.of("[0.191s][info][gc,phases] GC(0)   Evacuate Collection Set: 26.4ms",
                "[0.292s][info][gc,phases] GC(0)   Pre Evacuate Collection Set: 0.23ms",
                "[12.412s][info][gc       ] GC(13) Concurrent Mark Cycle",
                "[13.260s][info][gc       ] GC(13) Concurrent Mark Cycle 848.242ms",
                "[0.358s][info][gc,phases] GC(3) Phase 1: Mark live objects 24.712ms",
                "[0.004s][info][gc] Using G1")) {
            assertThat(GcPauses.parseLine(line)).as(line).isEmpty();
        }
    }

    @Test
    void parallelPausesButNotItsFullGcPhases() {
        assertThat(parse("[1.624s][info][gc       ] GC(2) Pause Young (Allocation Failure) 48M->28M(123M) 78.278ms"))
                .isEqualTo(new LogPause(2, "", "Pause Young (Allocation Failure)", 78.278));
        assertThat(parse("[0.239s][info][gc       ] GC(0) Pause Full (System.gc()) 30M->16M(123M) 68.232ms").ms()).isEqualTo(68.232);
        assertThat(GcPauses.parseLine("[0.629s][info][gc,phases] GC(1) Marking Phase 35.010ms")).isEmpty();
        assertThat(GcPauses.parseLine("[0.660s][info][gc,phases] GC(1) Compaction Phase 30.432ms")).isEmpty();
    }

    @Test
    void zgcPausesAreItsThreePhasePausesNotItsConcurrentPhases() {
        List<String> cycle = List.of(
                "[0.326s][info][gc,phases] GC(1) Pause Mark Start 0.007ms",
                "[0.418s][info][gc,phases] GC(1) Concurrent Mark 91.484ms",
                "[0.418s][info][gc,phases] GC(1) Pause Mark End 0.012ms",
                "[0.418s][info][gc,phases] GC(1) Concurrent Mark Free 0.001ms",
                "[0.426s][info][gc,phases] GC(1) Concurrent Process Non-Strong References 8.306ms",
                "[0.432s][info][gc,phases] GC(1) Concurrent Select Relocation Set 5.743ms",
                "[0.438s][info][gc,phases] GC(1) Pause Relocate Start 0.012ms",
                "[0.441s][info][gc,phases] GC(1) Concurrent Relocate 2.881ms",
                "[0.441s][info][gc       ] GC(1) Garbage Collection (Warmup) 30M(23%)->38M(30%)",
                "[1.289s][info][gc       ] Allocation Stall (main) 81.860ms");
        List<LogPause> pauses = GcPauses.parseLog(cycle);
        assertThat(pauses).containsExactly(new LogPause(1, "", "Pause Mark Start", 0.007), new LogPause(1, "", "Pause Mark End", 0.012),
                new LogPause(1, "", "Pause Relocate Start", 0.012));
    }

    @Test
    void generationalZgcPausesKeepTheirGeneration() {
        List<String> lines = List.of(
                "[0.222s][info][gc] GC(0) Major Collection (Warmup)",
                "[0.223s][info][gc,phases] GC(0) Y: Young Generation",
                "[0.230s][info][gc,phases] GC(0) Y: Pause Mark Start (Major) 0.022ms",
                "[0.271s][info][gc,phases] GC(0) Y: Concurrent Mark 41.549ms",
                "[0.274s][info][gc,phases] GC(0) Y: Pause Mark End 0.019ms",
                "[0.279s][info][gc,phases] GC(0) Y: Pause Relocate Start 0.014ms",
                "[0.283s][info][gc,phases] GC(0) Y: Young Generation 16M(12%)->28M(22%) 0.060s",
                "[0.291s][info][gc,phases] GC(0) O: Concurrent Mark 8.288ms",
                "[0.291s][info][gc,phases] GC(0) O: Pause Mark End 0.015ms",
                "[0.299s][info][gc,phases] GC(0) O: Pause Relocate Start 0.010ms",
                "[0.300s][info][gc       ] GC(0) Major Collection (Warmup) 16M(12%)->40M(31%) 0.077s",
                "[0.409s][info][gc,phases] GC(2) y: Pause Mark Start 0.006ms",
                "[0.479s][info][gc,phases] GC(2) y: Pause Mark End 0.017ms",
                "[0.479s][info][gc,phases] GC(2) y: Pause Mark End 0.004ms");
        List<LogPause> pauses = GcPauses.parseLog(lines);
        assertThat(pauses).extracting(LogPause::generation).containsExactly("Y", "Y", "Y", "O", "O", "y", "y", "y");
        assertThat(pauses.get(0)).isEqualTo(new LogPause(0, "Y", "Pause Mark Start (Major)", 0.022));
        // a retried Mark End is a second pause
        assertThat(GcPauses.within(pauses, java.util.Set.of(2L))).extracting(LogPause::ms).containsExactly(0.006, 0.017, 0.004);
    }

    // ------------------------------------------------------------------ forked

    static GcPauses.Recorded churn(Path tmp, Collector gc, String keys) {
        Path jfr = tmp.resolve(gc.id() + ".jfr");
        List<String> args = new java.util.ArrayList<>(gc.requireFlags(TargetJvm.self().feature()));
        args.addAll(List.of("-Xms96m", "-Xmx96m"));
        // 200,000 boxed entries per round in a 96 MiB heap cannot go without collections.
        return GcPauses.fork(ChildJvm.of(ForkSetup.self()), args, MapChurn.class, List.of("hashmap_default", "200000", "2", "3", "7", jfr.toString(), "1", keys),
                jfr, tmp.resolve(gc.id() + "-gc.log"), tmp.resolve(gc.id() + ".log"), Duration.ofMinutes(2));
    }

    /** Per collection, the log's pauses add up to JFR's sumOfPauses (the two sources agree on what a pause is). */
    static void logAgreesWithJfr(GcPauses.Recorded r) {
        Map<Long, Double> logged = r.pauses().stream().collect(Collectors.groupingBy(LogPause::gcId, Collectors.summingDouble(LogPause::ms)));
        for (GcPauses.Pause c : r.collections()) {
            assertThat(logged.getOrDefault(c.gcId(), 0.0)).as("GC(%d) %s", c.gcId(), c.collector())
                    .isCloseTo(c.pauseMs(), within(0.05 + 0.03 * c.pauseMs()));   // the log and JFR time a pause at slightly different points (seen: 1.5% apart on a loaded machine)
        }
        assertThat(r.pauses()).allSatisfy(p -> assertThat(r.collections()).anyMatch(c -> c.gcId() == p.gcId()));
    }

    @Test
    void serialWorkloadRecordsCollectionsAndTheirPauses(@TempDir Path tmp) throws Exception {
        GcPauses.Recorded r = churn(tmp, Collector.SERIAL, "int");
        assertThat(r.collections()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.collector()).isIn("DefNew", "SerialOld");
            assertThat(p.pauseMs()).isPositive();
            assertThat(p.longestMs()).isLessThanOrEqualTo(p.pauseMs());
        });
        assertThat(r.pauses()).hasSize(r.collections().size());   // one pause per Serial collection
        logAgreesWithJfr(r);
        assertThat(r.stalls()).isEmpty();
        // 3 rounds of 200,000 entries, each boxed twice and noded twice: far more than 3 * 200,000 * 32 bytes
        assertThat(r.printed("allocated_bytes").orElse(-1)).isGreaterThan(3L * 200_000 * 64);
        assertThat(Files.readString(tmp.resolve("serial.log"))).contains("entries=200000");
    }

    @Test
    void zgcPausesThreeTimesPerCollectionAndAgreesWithJfr(@TempDir Path tmp) {
        int feature = TargetJvm.self().feature();
        Collector z = Collector.ZGC.offered(feature) ? Collector.ZGC : Collector.ZGC_GENERATIONAL;
        GcPauses.Recorded r = churn(tmp, z, "int");
        assertThat(r.collections()).as("ZGC cycles in the recorded rounds").isNotEmpty();
        assertThat(r.pauses()).allSatisfy(p -> {
            assertThat(p.phase()).startsWith("Pause ").doesNotContain("Concurrent");
            assertThat(p.ms()).isLessThan(50.0);
        });
        // every cycle: Mark Start, Mark End (retried now and then), Relocate Start
        assertThat(r.pauses().size()).isGreaterThanOrEqualTo(3 * r.collections().size());
        assertThat(r.pauses()).extracting(LogPause::phase).contains("Pause Relocate Start");
        logAgreesWithJfr(r);
    }

    @Test
    void parallelCollidingStringsWorkloadAgreesWithJfr(@TempDir Path tmp) throws Exception {
        GcPauses.Recorded r = churn(tmp, Collector.PARALLEL, "colliding_string");
        assertThat(r.collections()).isNotEmpty().allSatisfy(c -> assertThat(c.collector()).startsWith("Parallel"));
        logAgreesWithJfr(r);
        assertThat(Files.readString(tmp.resolve("parallel.log"))).contains("entries=200000");
    }

    @Test
    void aFailingChildIsAMeasurementExceptionWithItsLog(@TempDir Path tmp) {
        Path jfr = tmp.resolve("x.jfr");
        assertThatThrownBy(() -> GcPauses.fork(ChildJvm.of(ForkSetup.self()), List.of("-Xmx64m"), MapChurn.class, List.of("no_such_constructor", "10", "1", "1", "1", jfr.toString()),
                jfr, tmp.resolve("x-gc.log"), tmp.resolve("x.log"), Duration.ofMinutes(1)))
                .isInstanceOf(MeasurementException.class)
                .hasMessageContaining("exited with 2")
                .hasMessageContaining("constructor: unknown value 'no_such_constructor'");
        assertThatThrownBy(() -> GcPauses.fork(ChildJvm.of(ForkSetup.self()), List.of("-Xmx64m"), MapChurn.class,
                List.of("hashmap_default", "10", "1", "1", "1", jfr.toString(), "1", "long"),
                jfr, tmp.resolve("y-gc.log"), tmp.resolve("y.log"), Duration.ofMinutes(1)))
                .hasMessageContaining("keys: unknown value 'long'");
    }

}
