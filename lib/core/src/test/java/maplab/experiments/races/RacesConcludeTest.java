package maplab.experiments.races;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import maplab.plan.Params;
import maplab.plan.Profile;
import maplab.run.RunData;
import maplab.conclude.Finding;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.plan.Unit;
import maplab.stats.Estimates.Estimate;
import org.junit.jupiter.api.Test;

/**
 * races' conclusions on hand-made trial rows, without a child JVM: counts are exact, rates carry
 * Clopper-Pearson intervals (worked values from binomial tail sums, computed independently), and
 * every planned trial is accounted for.
 */
class RacesConcludeTest {

    static final Races RACES = new Races();

    /** 10 planned runs: HashMap put run 9 hung; runs 0-8 lost [0,5,0,120,7,0,33,1,0] keys; size() wrong in runs 1, 3, 6 and 8. */
    static ResultBuilder trials(boolean withSkippedRows, int[] hashMapLost) {
        ResultBuilder b = new ResultBuilder();
        int[] sizeOff = {0, 3, 0, 100, 0, 0, 20, 0, -1};
        for (int run = 0; run < 9; run++) {
            put(b, "hashmap", run, hashMapLost[run], sizeOff[run]);
        }
        b.row().with("subject", "hashmap").with("phase", "puts").with("run", 9).measure("hung", 1, Unit.COUNT);
        for (String s : List.of("synchronized_map", "concurrent_hash_map")) {
            for (int run = 0; run < 10; run++) put(b, s, run, 0, 0);
        }
        for (int run = 0; run < 10; run++) iteration(b, "hashmap", run, run != 4);
        for (String s : List.of("synchronized_map", "concurrent_hash_map")) {
            for (int run = 0; run < 10; run++) iteration(b, s, run, false);
        }
        if (withSkippedRows) {
            for (String phase : List.of("puts", "iteration")) {
                for (String s : List.of("hashmap", "synchronized_map", "concurrent_hash_map")) {
                    b.row().with("subject", s).with("phase", phase).measure("skipped", 0, Unit.COUNT);
                }
            }
        }
        return b;
    }

    static void put(ResultBuilder b, String subject, int run, int lost, int sizeOff) {
        b.row().with("subject", subject).with("phase", "puts").with("run", run).with("started_together", run % 3 != 0).measure("lost_keys", lost, Unit.COUNT);
        b.row().with("subject", subject).with("phase", "puts").with("run", run).with("started_together", run % 3 != 0).measure("size_minus_present", sizeOff, Unit.COUNT);
        b.row().with("subject", subject).with("phase", "puts").with("run", run).with("started_together", run % 3 != 0).measure("exceptions", 0, Unit.COUNT);
    }

    static void iteration(ResultBuilder b, String subject, int run, boolean cme) {
        b.row().with("subject", subject).with("phase", "iteration").with("run", run).with("started_together", true).measure("cme_thrown", cme ? 1 : 0, Unit.COUNT);
        b.row().with("subject", subject).with("phase", "iteration").with("run", run).with("started_together", true).measure("other_exceptions", 0, Unit.COUNT);
    }

    static ResultBuilder conclude(ResultBuilder measured) {
        Params params = Params.resolve(RACES, Profile.QUICK, Map.of("runs", "10", "subjects", "hashmap,synchronized_map,concurrent_hash_map"));
        RunData data = new RunData("races", Profile.QUICK, params, Rows.fromObjects(measured.rows(), measured.samples()));
        ResultBuilder out = new ResultBuilder();
        RACES.conclude(data, out);
        return out;
    }

    static Finding finding(ResultBuilder out, String id) {
        return out.findings().stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError("no finding " + id));
    }

    @Test
    void countsAreExactAndCarryTheirConditions() {
        ResultBuilder out = conclude(trials(true, new int[] {0, 5, 0, 120, 7, 0, 33, 1, 0}));
        Finding lostRuns = finding(out, "hashmap_runs_with_lost_keys");
        assertThat(lostRuns.value()).isEqualTo(5);
        assertThat(lostRuns.basis()).isEqualTo(Finding.Basis.COUNT);
        assertThat(lostRuns.low()).isEqualTo(5);
        assertThat(lostRuns.high()).isEqualTo(5);
        assertThat(lostRuns.verdict()).isNull();
        assertThat(lostRuns.conditions()).containsEntry("runs", "10").containsEntry("threads", "2").containsEntry("keys_per_thread", "1000");
        assertThat(lostRuns.text()).contains("5 of 9 finished runs (55.6%)").contains("1 hung");
        assertThat(finding(out, "hashmap_max_lost_keys").value()).isEqualTo(120);
        assertThat(finding(out, "hashmap_max_lost_keys").text()).contains("120 of its 2000 keys (6.0%)");
        assertThat(finding(out, "hashmap_size_mismatch_runs").value()).isEqualTo(4);
        assertThat(finding(out, "hashmap_hung_runs").value()).isEqualTo(1);
        assertThat(finding(out, "chm_lost_keys").value()).isZero();
        assertThat(finding(out, "synchronized_lost_keys").value()).isZero();
        assertThat(finding(out, "chm_cme_runs").value()).isZero();
        Finding runs = finding(out, "runs");
        assertThat(runs.basis()).isEqualTo(Finding.Basis.PARAMETER);
        assertThat(runs.value()).isEqualTo(10);
    }

    @Test
    void ratesCarryClopperPearsonIntervals() {
        ResultBuilder out = conclude(trials(true, new int[] {0, 5, 0, 120, 7, 0, 33, 1, 0}));
        // 5 of 9: Beta(5, 5) at 0.005 and Beta(6, 4) at 0.995.
        Finding rate = finding(out, "hashmap_lost_keys_rate");
        assertThat(rate.value()).isCloseTo(5 / 9.0, within(1e-12));
        assertThat(rate.low()).isCloseTo(0.146056224, within(1e-6));
        assertThat(rate.high()).isCloseTo(0.913212343, within(1e-6));
        assertThat(rate.conditions()).containsEntry("threads", "2").doesNotContainKey("runs");
        // 9 of 10: Beta(9, 2) at 0.005; Beta(10, 1) at 0.995 is 0.995^(1/10).
        Finding cme = finding(out, "cme_rate");
        assertThat(cme.value()).isCloseTo(0.9, within(1e-12));
        assertThat(cme.low()).isCloseTo(0.455712943, within(1e-6));
        assertThat(cme.high()).isCloseTo(Math.pow(0.995, 0.1), within(1e-9));
        assertThat(cme.basis()).isEqualTo(Finding.Basis.COUNT);
        assertThat(cme.text()).contains("9 of 10 finished runs").contains("went unnoticed");
        // Nothing seen in 10 runs: the rate is at most 1 - 0.005^(1/10).
        assertThat(finding(out, "chm_lost_keys").text()).contains("at most 0.41");
    }

    @Test
    void clopperPearsonAtTheEdges() {
        Estimate none = RacesConclude.clopperPearson(0, 10);
        assertThat(none.low()).isZero();
        assertThat(none.high()).isCloseTo(1 - Math.pow(0.005, 0.1), within(1e-9));
        Estimate all = RacesConclude.clopperPearson(10, 10);
        assertThat(all.low()).isCloseTo(Math.pow(0.005, 0.1), within(1e-9));
        assertThat(all.high()).isEqualTo(1);
        assertThat(RacesConclude.clopperPearson(0, 0).hasInterval()).isFalse();
    }

    @Test
    void aHarnessThatNeverRacesShowsNoLostKeysAndABoundedRate() {
        ResultBuilder out = conclude(trials(true, new int[9]));
        assertThat(finding(out, "hashmap_runs_with_lost_keys").value()).isZero();
        Finding rate = finding(out, "hashmap_lost_keys_rate");
        assertThat(rate.value()).isZero();
        assertThat(rate.low()).isZero();
        assertThat(rate.high()).isCloseTo(1 - Math.pow(0.005, 1 / 9.0), within(1e-9));
    }

    @Test
    void everyPlannedTrialIsAccountedForAndSkippedIsDerivedForOldRuns() {
        for (boolean withSkippedRows : new boolean[] {true, false}) {
            ResultBuilder out = conclude(trials(withSkippedRows, new int[] {0, 5, 0, 120, 7, 0, 33, 1, 0}));
            tech.tablesaw.api.Table t = out.tables().get("per subject");
            assertThat(t.rowCount()).isEqualTo(3);
            assertThat(t.longColumn("put_runs").get(0)).isEqualTo(9);
            assertThat(t.longColumn("put_runs_hung").get(0)).isEqualTo(1);
            assertThat(t.longColumn("put_runs_skipped").get(0)).isZero();
            assertThat(t.longColumn("put_runs").get(2)).isEqualTo(10);
            // started_together is true in runs 1, 2, 4, 5, 7, 8 of 0..8
            assertThat(t.longColumn("put_runs_started_together").get(0)).isEqualTo(6);
            assertThat(t.longColumn("cme_runs").get(0)).isEqualTo(9);
        }
    }
}
