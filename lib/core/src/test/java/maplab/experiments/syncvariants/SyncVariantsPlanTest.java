package maplab.experiments.syncvariants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import maplab.lab.Experiments;
import maplab.plan.Params;
import maplab.plan.Profile;
import maplab.plan.Effort;
import maplab.subject.concurrent.SharedMapType;
import org.junit.jupiter.api.Test;

/** What sync-variants measures for its parameters, and what that costs (no JMH here: see SyncVariantsExperimentTest in lib/bench). */
class SyncVariantsPlanTest {

    static Params params(Profile profile, Map<String, String> overrides) {
        return Params.resolve(new SyncVariants(), profile, overrides);
    }

    static List<SyncVariantsPlan.Batch> plan(Profile profile) {
        return SyncVariantsPlan.plan(params(profile, Map.of()));
    }

    /** The batch (one JMH run) measuring both subjects of a comparison at these threads, if any. */
    static boolean inOneBatch(List<SyncVariantsPlan.Batch> plan, SyncVariantsPlan.Comparison c, int threads) {
        return plan.stream().anyMatch(b -> b.readPct() == c.readPct() && b.threads() == threads
                && b.subjects().contains(c.a()) && b.subjects().contains(c.b()));
    }

    /** The comparisons a profile's defaults can compute: both subjects chosen, the read share measured. */
    static List<SyncVariantsPlan.Comparison> computable(Params p) {
        return SyncVariantsPlan.COMPARISONS.stream().filter(c -> p.getInts("read_pcts").contains(c.readPct())
                && p.getStrings("subjects").contains(c.a().id()) && p.getStrings("subjects").contains(c.b().id())).toList();
    }

    @Test
    void quickMeasuresOnlyTheCellsTheFindingsCompareAtTheFindingsThreadCount() {
        Params quick = params(Profile.QUICK, Map.of());
        List<SyncVariantsPlan.Batch> plan = SyncVariantsPlan.plan(quick);
        int threads = quick.getInt("finding_threads");
        List<SyncVariantsPlan.Comparison> inQuick = computable(quick);
        // the headline comparisons and the peers' maps against ConcurrentHashMap stay in quick; read-only (no difference in full), write-heavy and single-writer are full-profile (budget)
        assertThat(inQuick.stream().map(SyncVariantsPlan.Comparison::id)).containsExactly("chm_vs_synchronized_read95", "rwlock_vs_synchronized_read95",
                "stamped_vs_rwlock_read95", "cow_vs_chm_read50", "sharded_vs_chm_read50", "sharded_vs_synchronized_read50",
                "non_blocking_hash_map_vs_chm_read95", "non_blocking_hash_map_vs_chm_read50");
        for (SyncVariantsPlan.Comparison c : inQuick) assertThat(inOneBatch(plan, c, threads)).as(c.id()).isTrue();
        // nothing else: every measured (read share, subject) is one a finding compares
        Set<String> needed = inQuick.stream()
                .flatMap(c -> java.util.stream.Stream.of(c.readPct() + ":" + c.a(), c.readPct() + ":" + c.b())).collect(Collectors.toSet());
        Set<String> measured = plan.stream().flatMap(b -> b.subjects().stream().map(t -> b.readPct() + ":" + t)).collect(Collectors.toSet());
        assertThat(measured).isEqualTo(needed);
        assertThat(plan).allSatisfy(b -> assertThat(b.threads()).isEqualTo(threads));
        assertThat(SyncVariantsPlan.cells(quick)).isEqualTo(10);
        // latency and contention: synchronizedMap against ConcurrentHashMap at 95% reads (the peers' latency is full-profile)
        assertThat(SyncVariantsPlan.latencyPlan(quick)).containsExactly(
                new SyncVariantsPlan.LatencyCell(SharedMapType.SYNCHRONIZED_MAP, 95), new SyncVariantsPlan.LatencyCell(SharedMapType.CONCURRENT_HASH_MAP, 95));
    }

    @Test
    void findingsCompareTheSameConditionInEveryProfile() {
        Params quick = params(Profile.QUICK, Map.of());
        Params full = params(Profile.FULL, Map.of());
        assertThat(full.getInt("finding_threads")).isEqualTo(quick.getInt("finding_threads"));
        assertThat(full.getInts("threads")).contains(full.getInt("finding_threads"));
        assertThat(full.getInts("n_keys").stream().max(Integer::compare)).isEqualTo(quick.getInts("n_keys").stream().max(Integer::compare));
        assertThat(full.getStrings("popularities")).contains("uniform");
        assertThat(quick.getStrings("popularities")).contains("uniform");
        List<SyncVariantsPlan.Batch> plan = SyncVariantsPlan.plan(full);
        for (SyncVariantsPlan.Comparison c : SyncVariantsPlan.COMPARISONS) {
            assertThat(inOneBatch(plan, c, full.getInt("finding_threads"))).as(c.id()).isTrue();
            assertThat(inOneBatch(plan, c, 8)).as(c.id() + " at 8 threads").isTrue();
        }
    }

    @Test
    void fullMeasuresEveryFindingsSubjectsAtEveryReadShareAndThreadCount() {
        Params full = params(Profile.FULL, Map.of());
        assertThat(computable(full)).isEqualTo(SyncVariantsPlan.COMPARISONS);
        List<SyncVariantsPlan.Batch> plan = SyncVariantsPlan.plan(full);
        assertThat(plan).hasSize(4 * 4);
        assertThat(plan).allSatisfy(b -> assertThat(b.subjects().contains(SharedMapType.HASHMAP)).isEqualTo(b.threads() == 1));
        // 100%: cow, chm; 95%: chm, sync, rw, stamped, single-writer, nbhm; 50%: cow, chm, sharded, sync, nbhm; 0%: chm, sync; + HashMap at 1 thread
        assertThat(SyncVariantsPlan.cells(full)).isEqualTo(4 * 15 + 4);
        // coverage=all still measures every subject everywhere
        assertThat(SyncVariantsPlan.cells(params(Profile.FULL, Map.of("coverage", "all")))).isEqualTo(4 * (9 * 4 + 1));
        assertThat(SyncVariantsPlan.latencyPlan(full)).hasSize(12);
    }

    /** Fork JVM start-up and the benchmark's set-up (1M-slot operation stream), measured at about 0.47 s a fork in the first reference. */
    static final double FORK_OVERHEAD_S = 0.5;

    /** Estimated wall-clock seconds of a plan: every fork of every cell, start-up included. */
    static double seconds(Params p) {
        Effort e = p.getEffort(SyncVariants.PART);
        return SyncVariantsPlan.cells(p) * (e.secondsPerCell() + e.forks() * FORK_OVERHEAD_S);
    }

    /** JFR start-up, recording and dump in a latency fork, on top of the fork overhead. */
    static final double JFR_OVERHEAD_S = 0.5;

    /** Estimated wall-clock seconds of the latency cells. */
    static double latencySeconds(Params p) {
        Effort e = p.getEffort(SyncVariants.LATENCY_PART);
        return SyncVariantsPlan.latencyPlan(p).size() * (e.secondsPerCell() + e.forks() * (FORK_OVERHEAD_S + JFR_OVERHEAD_S));
    }

    @Test
    void quickFitsItsBudgetWithEnoughForksForAnInterval() {
        Params quick = params(Profile.QUICK, Map.of());
        Effort e = quick.getEffort(SyncVariants.PART);
        assertThat(e.forks()).isGreaterThanOrEqualTo(4);
        assertThat(e.iterations()).isGreaterThanOrEqualTo(2);
        // 48 s on a quiet machine, with a few seconds for the launcher, JMH's runner and the report;
        // plus one cell (synchronizedMap at 50% reads, for sharded_vs_synchronized_read50): about 3.4 s
        assertThat(seconds(quick)).isLessThan(48);
        // the latency and contention cells: about 15 s more
        Effort l = quick.getEffort(SyncVariants.LATENCY_PART);
        assertThat(l.forks()).isGreaterThanOrEqualTo(4);
        assertThat(latencySeconds(quick)).isLessThan(16);
    }

    @Test
    void fullIsPublicationGradeInAboutSixMinutes() {
        Params full = params(Profile.FULL, Map.of());
        Effort e = full.getEffort(SyncVariants.PART);
        assertThat(e.forks()).isGreaterThanOrEqualTo(5);
        assertThat(e.iterations()).isGreaterThanOrEqualTo(3);
        assertThat(e.warmupIterations()).isGreaterThanOrEqualTo(2);
        assertThat(full.getEffort(SyncVariants.LATENCY_PART).forks()).isGreaterThanOrEqualTo(5);
        assertThat(seconds(full) + latencySeconds(full)).isBetween(3 * 60.0, 7 * 60.0);
    }

    @Test
    void effortIsAParameter() {
        Params p = params(Profile.QUICK, Map.of("throughput_effort", "3:1x50ms+2x50ms"));
        assertThat(p.getEffort(SyncVariants.PART)).isEqualTo(new Effort(3, 1, 50, 2, 50));
        assertThatThrownBy(() -> params(Profile.QUICK, Map.of("throughput_effort", "many")))
                .hasMessageStartingWith("parameter 'throughput_effort'");
    }

    @Test
    void badParametersGiveTheContractError() {
        assertThatThrownBy(() -> Experiments.run("sync-variants", Profile.QUICK, Map.of("read_pcts", "95,101")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'read_pcts': bad value '101'; allowed: a comma-separated list of whole numbers from 0 to 100");
        assertThatThrownBy(() -> Experiments.run("sync-variants", Profile.QUICK, Map.of("threads", "0")))
                .hasMessageStartingWith("parameter 'threads': bad value '0'");
        assertThatThrownBy(() -> Experiments.run("sync-variants", Profile.QUICK, Map.of("popularities", "pareto")))
                .hasMessage("parameter 'popularities': bad value 'pareto'; allowed: a comma-separated list of uniform, zipf");
        assertThatThrownBy(() -> Experiments.run("sync-variants", Profile.QUICK, Map.of("subjects", "hashmap", "threads", "2,4")))
                .hasMessageStartingWith("parameter 'subjects': nothing to measure");
        assertThatThrownBy(() -> Experiments.run("sync-variants", Profile.QUICK, Map.of("n_keys", "1048576")))
                .hasMessageStartingWith("parameter 'n_keys': copy_on_write copies the whole map on every write");
    }

    /**
     * Latency cells at read shares no throughput cell has (the run that once measured and then
     * failed in conclude with "Y-Axis data cannot be empty"): its plan concludes, also with a
     * read share's contention rows missing; a repeated read share is refused before anything runs.
     */
    @Test
    void latencyAtReadSharesOfItsOwnConcludesAndARepeatedShareIsRefused() {
        Map<String, String> set = Map.of("latency_read_pcts", "5,42", "throughput_effort", "2:1x20ms+1x20ms", "latency_effort", "2:1x20ms+1x20ms");
        SyncVariants e = new SyncVariants();
        Params p = params(Profile.QUICK, set);
        maplab.plan.Plan plan = Experiments.checkedPlan(e, Profile.QUICK, p);
        assertThat(plan.findings()).contains("blocked_synchronized_map_vs_chm_read5", "latency_p99_synchronized_map_vs_chm_read42");
        List<maplab.plan.Plan.Row> withoutBlocked5 = plan.rows().stream()
                .filter(r -> !(r.metric().equals("blocked_per_s") && r.dims().get("read_pct").equals(5))).toList();
        maplab.lab.PlanCheck.Outcome outcome = maplab.lab.PlanCheck.conclude(e, plan, p, withoutBlocked5);
        assertThat(outcome.missing()).isEmpty();
        assertThat(outcome.notComputed()).containsOnlyKeys("blocked_per_op_synchronized_map_read5", "blocked_per_op_concurrent_hash_map_read5",
                "blocked_synchronized_map_vs_chm_read5");

        assertThatThrownBy(() -> params(Profile.QUICK, Map.of("latency_read_pcts", "5,42,5"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("latency_read_pcts");
    }
}
