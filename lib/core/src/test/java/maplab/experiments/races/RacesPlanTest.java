package maplab.experiments.races;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import maplab.lab.Experiments;
import maplab.plan.Plan;
import maplab.plan.Profile;
import org.junit.jupiter.api.Test;

/**
 * The races plan against what a run may write: trials whose threads did or did not start
 * together, a trial that hung (no result rows, a hung row instead) and trials skipped after it
 * all agree with the plan; a row of a subject not raced does not.
 */
class RacesPlanTest {

    @Test
    void trialsThatHungOrDidNotStartTogetherAgreeWithThePlan() {
        Plan plan = Experiments.plan("races", Profile.QUICK, Map.of("runs", "3", "subjects", "hashmap,concurrent_hash_map", "extra_runs", "0"));
        List<Map<String, Object>> measured = new ArrayList<>();
        for (String subject : List.of("hashmap", "concurrent_hash_map")) {
            for (int run = 0; run < 3; run++) {
                boolean hung = subject.equals("hashmap") && run == 1;
                if (hung) {
                    measured.add(row("subject", subject, "phase", "puts", "run", run, "metric", "hung"));
                    continue;
                }
                for (String metric : List.of("lost_keys", "size_minus_present", "exceptions")) {
                    measured.add(row("subject", subject, "phase", "puts", "run", run, "started_together", run != 2, "metric", metric));
                }
                for (String metric : List.of("cme_thrown", "other_exceptions")) {
                    measured.add(row("subject", subject, "phase", "iteration", "run", run, "started_together", run == 0, "metric", metric));
                }
            }
            for (String phase : List.of("puts", "iteration")) measured.add(row("subject", subject, "phase", phase, "metric", "skipped"));
        }
        assertThat(plan.differences(measured)).isEmpty();

        measured.add(row("subject", "skip_list", "phase", "puts", "run", 0, "started_together", true, "metric", "lost_keys"));
        assertThat(plan.differences(measured)).startsWith("1 rows measured but not planned");
        measured.removeIf(m -> "skipped".equals(m.get("metric")) && "hashmap".equals(m.get("subject")));
        assertThat(plan.differences(measured)).contains("2 planned rows not measured");
    }

    /** The claim checks' rows agree with the plan, an incremental-map trial that hung and the rest of its block skipped too. */
    @Test
    void claimChecksAgreeWithThePlan() {
        Plan plan = Experiments.plan("races", Profile.QUICK, Map.of("runs", "1", "subjects", "hashmap", "extra_runs", "2"));
        List<Map<String, Object>> measured = new ArrayList<>();
        for (String phase : List.of("puts", "iteration")) {
            for (String metric : phase.equals("puts") ? List.of("lost_keys", "size_minus_present", "exceptions") : List.of("cme_thrown", "other_exceptions")) {
                measured.add(row("subject", "hashmap", "phase", phase, "run", 0, "started_together", true, "metric", metric));
            }
            measured.add(row("subject", "hashmap", "phase", phase, "metric", "skipped"));
        }
        Map<String, String> subjects = Map.of("gets_during_puts", "hashmap", "presized_puts", "hashmap_presized", "crowd_puts", "single_writer",
                "incremental_puts", "incremental_probe_map");
        subjects.forEach((phase, subject) -> {
            for (int run = 0; run < 2; run++) {
                if (phase.equals("incremental_puts") && run == 0) {
                    measured.add(row("subject", subject, "phase", phase, "run", run, "metric", "hung"));
                    continue;
                }
                if (phase.equals("incremental_puts")) continue;  // skipped after the hang
                for (String metric : phase.equals("gets_during_puts") ? List.of("missed_gets", "lookups", "exceptions") : List.of("lost_keys", "size_minus_present", "exceptions")) {
                    measured.add(row("subject", subject, "phase", phase, "run", run, "started_together", run == 0, "metric", metric));
                }
            }
            measured.add(row("subject", subject, "phase", phase, "metric", "skipped"));
        });
        assertThat(plan.differences(measured)).isEmpty();
        assertThat(plan.findings()).contains("hashmap_get_during_put_caught_rate", "incremental_lost_keys", "single_writer_lost_keys")
                .doesNotContain("lost_keys_presized_vs_resizing");  // 1 resizing run: no Welch interval
        assertThat(Experiments.plan("races", Profile.QUICK, Map.of()).findings()).contains("lost_keys_presized_vs_resizing");
    }

    /** Quick races every peer library's concurrent map beside ConcurrentHashMap, and plans its lost-keys and CME findings. */
    @Test
    void quickRacesThePeersMapsWithTheirOwnFindings() {
        Plan plan = Experiments.plan("races", Profile.QUICK, Map.of("runs", "3"));
        assertThat(maplab.plan.Params.resolve(new Races(), Profile.QUICK, Map.of()).getStrings("subjects")).containsExactly("hashmap", "synchronized_map", "concurrent_hash_map", "non_blocking_hash_map");
        assertThat(plan.findings()).contains("chm_lost_keys", "non_blocking_hash_map_lost_keys", "non_blocking_hash_map_cme_runs");
    }

    private static Map<String, Object> row(Object... nameValue) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) m.put((String) nameValue[i], nameValue[i + 1]);
        return m;
    }
}
