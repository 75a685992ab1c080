package maplab.experiments.races;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import maplab.conclude.Finding;
import maplab.conclude.ResultBuilder;
import maplab.plan.Unit;
import maplab.stats.Estimates.Estimate;
import org.junit.jupiter.api.Test;

/**
 * races' claim checks concluded from hand-made rows: get racing put, presized vs resizing puts,
 * the incremental map and the single-writer crowd; and an older run without them.
 */
class RacesClaimFindingsTest {

    /** The main trials of {@link RacesConcludeTest#trials} (HashMap lost [0,5,0,120,7,0,33,1,0]) plus the claim checks' rows. */
    static ResultBuilder withChecks(int[] presizedLost, int[] gotMisses, int crowdLost) {
        ResultBuilder b = RacesConcludeTest.trials(true, new int[] {0, 5, 0, 120, 7, 0, 33, 1, 0});
        for (int run = 0; run < gotMisses.length; run++) {
            row(b, "hashmap", "gets_during_puts", run).measure("missed_gets", gotMisses[run], Unit.COUNT);
            row(b, "hashmap", "gets_during_puts", run).measure("lookups", 4000, Unit.COUNT);
            row(b, "hashmap", "gets_during_puts", run).measure("exceptions", 0, Unit.COUNT);
        }
        for (int run = 0; run < presizedLost.length; run++) putRows(b, "hashmap_presized", "presized_puts", run, presizedLost[run]);
        for (int run = 0; run < 4; run++) putRows(b, "single_writer", "crowd_puts", run, run == 0 ? crowdLost : 0);
        for (int run = 0; run < 2; run++) putRows(b, "incremental_probe_map", "incremental_puts", run, run == 0 ? 300 : 0);
        b.row().with("subject", "incremental_probe_map").with("phase", "incremental_puts").with("run", 2).measure("hung", 1, Unit.COUNT);
        b.row().with("subject", "incremental_probe_map").with("phase", "incremental_puts").measure("skipped", 7, Unit.COUNT);
        return b;
    }

    private static ResultBuilder.Row row(ResultBuilder b, String subject, String phase, int run) {
        return b.row().with("subject", subject).with("phase", phase).with("run", run).with("started_together", true);
    }

    private static void putRows(ResultBuilder b, String subject, String phase, int run, int lost) {
        row(b, subject, phase, run).measure("lost_keys", lost, Unit.COUNT);
        row(b, subject, phase, run).measure("size_minus_present", 0, Unit.COUNT);
        row(b, subject, phase, run).measure("exceptions", 0, Unit.COUNT);
    }

    private static Finding finding(ResultBuilder out, String id) {
        return RacesConcludeTest.finding(out, id);
    }

    @Test
    void getsDuringPutsCountMissedRunsAndWhetherJavaCaughtThem() {
        ResultBuilder out = RacesConcludeTest.conclude(withChecks(new int[] {0, 0, 0}, new int[] {0, 12, 3, 0, 40}, 0));
        assertThat(finding(out, "hashmap_get_during_put_missed_runs").value()).isEqualTo(3);
        assertThat(finding(out, "hashmap_get_during_put_missed_runs").text()).contains("3 of 5 finished runs").contains("55 misses in 20000 lookups");
        Finding rate = finding(out, "hashmap_get_during_put_miss_rate");
        Estimate cp = RacesConclude.clopperPearson(3, 5);
        assertThat(rate.value()).isEqualTo(0.6);
        assertThat(rate.low()).isCloseTo(cp.low(), within(1e-12));
        Finding caught = finding(out, "hashmap_get_during_put_caught_rate");
        assertThat(caught.value()).isZero();
        assertThat(caught.high()).isCloseTo(RacesConclude.clopperPearson(0, 5).high(), within(1e-12));
        assertThat(finding(out, "hashmap_get_during_put_hung_runs").value()).isZero();
        assertThat(caught.group()).isEqualTo("gets");
    }

    @Test
    void presizedLosingFewerKeysThanResizingIsLower() {
        // resizing HashMap: [0,5,0,120,7,0,33,1,0], mean 18.4; presized: none lost
        Finding f = finding(RacesConcludeTest.conclude(withChecks(new int[] {0, 0, 0, 0, 0, 0}, new int[] {1, 1}, 0)), "lost_keys_presized_vs_resizing");
        assertThat(f.value()).isCloseTo(-166.0 / 9, within(1e-9));
        // only the resizing side varies: Welch half-width = t(8) x sd / 3 = 3.355 x 39.58 / 3
        assertThat(f.high() - f.value()).isCloseTo(3.3554 * 39.532 / 3, within(0.05));
        assertThat(f.verdict()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);  // 9 noisy runs: 18.4 +- 44, includes 0
        assertThat(f.text()).startsWith("No detectable difference");
    }

    @Test
    void aClearGapBetweenPresizedAndResizingIsADifference() {
        int[] presized = new int[9];
        java.util.Arrays.fill(presized, 400);
        Finding f = finding(RacesConcludeTest.conclude(withChecks(presized, new int[] {1, 1}, 0)), "lost_keys_presized_vs_resizing");
        assertThat(f.value()).isCloseTo(400 - 166.0 / 9, within(1e-9));
        assertThat(f.verdict()).isEqualTo(Finding.Verdict.HIGHER);
    }

    @Test
    void incrementalMapAndSingleWriterCrowdAreCounted() {
        ResultBuilder out = RacesConcludeTest.conclude(withChecks(new int[] {0, 1}, new int[] {0, 0}, 0));
        assertThat(finding(out, "incremental_lost_keys").value()).isEqualTo(300);
        assertThat(finding(out, "incremental_lost_keys").text()).contains("in 2 finished runs");
        assertThat(finding(out, "incremental_hung_runs").value()).isEqualTo(1);
        assertThat(finding(out, "incremental_hung_runs").text()).contains("7 skipped");
        Finding crowd = finding(out, "single_writer_lost_keys");
        assertThat(crowd.value()).isZero();
        assertThat(crowd.text()).contains("of 800 keys").contains("8 threads").contains("at most");
        assertThat(crowd.conditions()).containsEntry("threads", "8");
        assertThat(finding(RacesConcludeTest.conclude(withChecks(new int[] {0, 1}, new int[] {0, 0}, 3)), "single_writer_lost_keys").value()).isEqualTo(3);
    }

    @Test
    void aRunWithoutTheChecksHasNoSuchFindingsAndAllHungSaysWhy() {
        ResultBuilder out = RacesConcludeTest.conclude(RacesConcludeTest.trials(true, new int[] {0, 5, 0, 120, 7, 0, 33, 1, 0}));
        for (String id : List.of("hashmap_get_during_put_miss_rate", "lost_keys_presized_vs_resizing", "incremental_lost_keys", "single_writer_lost_keys")) {
            assertThat(out.findings()).as(id).noneMatch(f -> f.id().equals(id));
        }
        assertThat(finding(out, "hashmap_runs_with_lost_keys").value()).isEqualTo(5);
        ResultBuilder hung = RacesConcludeTest.trials(true, new int[] {0, 5, 0, 120, 7, 0, 33, 1, 0});
        hung.row().with("subject", "incremental_probe_map").with("phase", "incremental_puts").with("run", 0).measure("hung", 1, Unit.COUNT);
        hung.row().with("subject", "incremental_probe_map").with("phase", "incremental_puts").measure("skipped", 29, Unit.COUNT);
        ResultBuilder allHung = RacesConcludeTest.conclude(hung);
        assertThat(finding(allHung, "incremental_lost_keys").notComputed()).isTrue();
        assertThat(finding(allHung, "incremental_lost_keys").text()).contains("every incremental-map put run hung").contains("1 hung");
        assertThat(finding(allHung, "incremental_hung_runs").value()).isEqualTo(1);
    }
}
