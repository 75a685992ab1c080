package maplab.lab;

import maplab.experiments.Experiment;
import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.plan.Profile;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import maplab.conclude.Finding;
import maplab.measure.Measured;
import maplab.conclude.Result;
import maplab.conclude.ResultBuilder;
import maplab.measure.Environment;
import maplab.run.RunFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run folder left by the old failure (collisions timed one cell twice, so conclude refused the
 * whole run and stored "concluding failed" as its error) concludes again: every finding that does
 * not rest on the doubled cell is computed, the one that does is named not computed with the
 * reason, and the old conclude failure is not carried over as the run's error.
 */
class FailedRunReconcludesTest {

    @Test
    void aRunWithACellMeasuredTwiceConcludesWhatItCanAndNamesWhatItCannot(@TempDir Path tmp) throws Exception {
        Experiment collisions = Experiments.byId("collisions");
        Params params = Params.resolve(collisions, Profile.QUICK, Map.of());
        Plan plan = Experiments.plan(collisions, Profile.QUICK, params);
        ResultBuilder rows = PlanCheck.syntheticRun(plan.rows());
        // the same fill measured again by a second batch, as the full profile's growth and peer batches did
        List<Map<String, Object>> all = rows.rows();
        Map<String, Object> again = all.stream().filter(r -> "fill_time".equals(r.get("metric")) && "colliding_string_agrona".equals(r.get("subject"))
                && "4096".equals(String.valueOf(r.get("n_keys")))).findFirst().orElseThrow();
        ResultBuilder.Row twice = rows.row();
        again.forEach((k, v) -> {
            if (!maplab.conclude.TidyTables.MEASURE_COLUMNS.contains(k)) twice.with(k, v);
        });
        twice.measure("fill_time", new Measured((Double) again.get("value") * 1.1, Double.NaN, List.of()), maplab.plan.Unit.NS_PER_OP);

        RunFolder folder = RunFolder.prepare("collisions", tmp.resolve("old-run"));
        folder.writeMeasurements(rows);
        String oldError = "concluding failed: IllegalStateException: expected one row where metric=fill_time, subject=colliding_string_agrona, n_keys=4096, found 2";
        Result failed = new Result("collisions", Profile.QUICK, params, rows.table("collisions"), new ResultBuilder(), Environment.capture(),
                Instant.parse("2026-12-01T10:00:00Z"), Instant.parse("2026-12-01T10:22:00Z"), oldError);
        Path dir = folder.commit(failed, Map.of("root", params.seed()), maplab.lab.Experiments.DRAWING);
        assertThat(RunFolder.readMeta(dir).get("error")).isEqualTo(oldError);

        Result again2 = Experiments.conclude(dir, tmp.resolve("again"));
        assertThat(again2.error()).as("the old conclude failure is replaced by this conclusion").isNull();
        Map<String, Finding> byId = new LinkedHashMap<>();
        again2.findings().forEach(f -> byId.put(f.id(), f));
        assertThat(byId.keySet()).containsAll(plan.findings());
        Finding lost = byId.get("colliding_vs_random_string_agrona");
        assertThat(lost.notComputed()).isTrue();
        assertThat(lost.text()).startsWith("Not computed: ").contains("found 2");
        assertThat(byId.values().stream().filter(f -> !f.notComputed()).count()).isEqualTo(plan.findings().size() - 1);
        assertThat(Files.readString(tmp.resolve("again/findings.json"))).containsPattern("\"verdict\"\\s*:\\s*\"not computed\"");
        assertThat(Files.readString(tmp.resolve("again/report.html"))).contains("not computed").doesNotContain("concluding failed");
    }
}
