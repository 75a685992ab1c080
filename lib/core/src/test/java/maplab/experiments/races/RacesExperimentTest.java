package maplab.experiments.races;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import maplab.lab.Experiments;
import maplab.plan.Profile;
import maplab.progress.Progress;
import maplab.conclude.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * races end to end, in a watched child JVM, kept short (100 runs of two subjects). What must hold
 * on any machine: ConcurrentHashMap never loses a key, never miscounts, never throws
 * ConcurrentModificationException and never hangs; every planned trial is accounted for (finished,
 * hung, crashed or skipped); the findings agree with the stored trial rows (recounted here
 * independently) and re-conclude from the run folder to the same values. HashMap's losses are
 * probabilistic; on this project's 2-core machines it lost keys in most runs even under heavy
 * load (75 of 100 at load 7), so "at least one of 100 runs lost keys, miscounted or hung" fails
 * only when the harness stops racing. The conclusions' arithmetic is tested on hand-made rows in
 * {@link RacesConcludeTest}.
 */
class RacesExperimentTest {

    static final int RUNS = 100;

    @Test
    void hashMapLosesKeysOrMiscountsAndConcurrentHashMapNever(@TempDir Path tmp) {
        Result r = Experiments.run("races", Profile.QUICK, Map.of("runs", String.valueOf(RUNS), "subjects", "hashmap,concurrent_hash_map"),
                tmp.resolve("run"), Progress.SILENT);
        assertThat(r.error()).isNull();
        tech.tablesaw.api.Table perSubject = r.table("per subject");
        assertThat(perSubject.stringColumn("subject").asList()).containsExactly("HashMap (unsynchronized)", "ConcurrentHashMap");
        long hung = perSubject.longColumn("put_runs_hung").get(0);
        System.out.printf("races: HashMap lost keys in %.0f of %d finished runs, size() wrong in %.0f; max lost %.0f; cme_rate %.3f; hung %d%n",
                r.finding("hashmap_runs_with_lost_keys").value(), perSubject.longColumn("put_runs").get(0),
                r.finding("hashmap_size_mismatch_runs").value(), r.finding("hashmap_max_lost_keys").value(), r.finding("cme_rate").value(), hung);

        // ConcurrentHashMap: deterministic answers.
        assertThat(r.finding("chm_lost_keys").value()).isZero();
        assertThat(r.finding("chm_cme_runs").value()).isZero();
        assertThat(perSubject.longColumn("size_mismatch_runs").get(1)).isZero();
        assertThat(perSubject.longColumn("put_runs").get(1)).as("ConcurrentHashMap never hangs").isEqualTo(RUNS);
        assertThat(perSubject.longColumn("iteration_runs").get(1)).isEqualTo(RUNS);

        // Every planned run is accounted for: finished, or hung (killed by the watchdog), crashed or skipped.
        for (int row = 0; row < perSubject.rowCount(); row++) {
            for (String phase : new String[] {"put", "iteration"}) {
                long accounted = 0;
                for (String c : new String[] {"_runs", "_runs_hung", "_runs_crashed", "_runs_skipped"}) accounted += perSubject.longColumn(phase + c).get(row);
                assertThat(accounted).as("%s %s runs accounted for", perSubject.stringColumn("subject").get(row), phase).isEqualTo(RUNS);
            }
        }

        // The findings agree with the stored trial rows, recounted here.
        tech.tablesaw.api.Table rows = r.table();
        tech.tablesaw.api.Table lost = rows.where(rows.stringColumn("subject").isEqualTo("hashmap").and(rows.stringColumn("metric").isEqualTo("lost_keys")));
        double[] lostPerRun = lost.numberColumn("value").asDoubleArray();
        long runsLosing = java.util.Arrays.stream(lostPerRun).filter(v -> v > 0).count();
        assertThat(lostPerRun).hasSize(lost.rowCount()).isNotEmpty();
        assertThat(java.util.Arrays.stream(lostPerRun).allMatch(v -> v >= 0 && v <= 2000)).as("lost keys within 0..2000").isTrue();
        assertThat(r.finding("hashmap_runs_with_lost_keys").value()).isEqualTo(runsLosing);
        assertThat(r.finding("hashmap_max_lost_keys").value()).isEqualTo(java.util.Arrays.stream(lostPerRun).max().orElse(0));
        var rate = RacesConclude.clopperPearson(runsLosing, lostPerRun.length);
        assertThat(r.finding("hashmap_lost_keys_rate").low()).isEqualTo(rate.low());
        assertThat(r.finding("hashmap_lost_keys_rate").high()).isEqualTo(rate.high());
        assertThat(r.finding("runs").basis()).isEqualTo(maplab.conclude.Finding.Basis.PARAMETER);

        // The stored run concludes to the same findings without measuring.
        Result again = Experiments.conclude(tmp.resolve("run"), tmp.resolve("reconcluded"));
        assertThat(again.findings()).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(r.findings());

        var chart = r.chart("lost keys per run");
        assertThat(chart.seriesNames()).containsExactlyInAnyOrder("HashMap (unsynchronized)", "ConcurrentHashMap");
        assertThat(chart.series("ConcurrentHashMap").y()).containsOnly(0.0);
        assertThat(tmp.resolve("run/findings.json")).exists();
        assertThat(tmp.resolve("run/report.html")).exists();

        // HashMap races. Threads that take turns on one core rarely corrupt a map (the pacing hands over
        // between puts, not inside one), so the claim is checked on the trials whose threads were confirmed
        // running at once (started_together): on this project's machines such HashMap trials lost keys in
        // 356 of 360 (four runs of 100 at load 10), while trials that did not start together lost keys in 2
        // of 40. A harness that stopped racing would lose none; one whose flag lies would too.
        tech.tablesaw.api.Table together = lost.where(lost.booleanColumn("started_together").isTrue());
        long togetherLosing = java.util.Arrays.stream(together.numberColumn("value").asDoubleArray()).filter(v -> v > 0).count();
        System.out.printf("races: %d of %d HashMap put trials started together; %d of them lost keys%n", together.rowCount(), lostPerRun.length, togetherLosing);
        org.junit.jupiter.api.Assumptions.assumeTrue(together.rowCount() >= 5,
                "the machine was too busy: fewer than 5 HashMap put trials had both threads on a core at once, so no claim about races is checked");
        assertThat(togetherLosing).as("HashMap trials started together that lost keys").isPositive();
    }

    @Test
    void badParametersGiveTheContractError() {
        assertThatThrownBy(() -> Experiments.run("races", Profile.QUICK, Map.of("runs", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'runs': bad value '0'; allowed: a whole number from 1 to 1000000");
        assertThatThrownBy(() -> Experiments.run("races", Profile.QUICK, Map.of("threads", "1")))
                .hasMessage("parameter 'threads': bad value '1'; allowed: a whole number from 2 to 64");
        assertThatThrownBy(() -> Experiments.run("races", Profile.QUICK, Map.of("subjects", "hashmap,treemap")))
                .hasMessageStartingWith("parameter 'subjects': bad value 'treemap'; allowed: a comma-separated list of hashmap, synchronized_map");
        assertThatThrownBy(() -> Experiments.run("races", Profile.QUICK, Map.of("threads", "64", "keys_per_thread", "1000000")))
                .hasMessageStartingWith("parameter 'keys_per_thread': threads x keys_per_thread = 64000000 keys; allowed:");
    }
}
