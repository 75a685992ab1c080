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
        Plan plan = Experiments.plan("races", Profile.QUICK, Map.of("runs", "3", "subjects", "hashmap,concurrent_hash_map"));
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
