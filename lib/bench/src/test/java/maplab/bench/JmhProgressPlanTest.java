package maplab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import maplab.plan.Profile;
import maplab.plan.Effort;
import maplab.measure.Jmh;
import maplab.subject.merge.MergeStrategy;
import maplab.progress.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sequential JMH run plans every round it may take before its first step, and counts the
 * rounds it does not need as done: the total never grows during the run and the count ends at
 * the total (the progress bar once went 3/3, 4/5, 7/7, 8/12).
 */
class JmhProgressPlanTest {

    @Test
    void aSequentialRunPlansItsMaximumRoundsAndEndsAtItsTotal(@TempDir Path tmp) {
        List<Integer> totals = new ArrayList<>();
        int[] steps = {0};
        Progress recorder = new Progress() {
            int total;
            @Override public void start(String title, int totalSteps) { }
            @Override public void addSteps(int more) { total += more; totals.add(total); }
            @Override public void step(String label) {
                if (!label.startsWith("waiting for another JMH run")) steps[0]++;
            }
            @Override public void skipSteps(int n, String why) { steps[0] += n; }
            @Override public void done(String summary) { }
        };
        Effort effort = Effort.parseOrNull("2-4:1x20ms+1x20ms");
        // put_loop and presized differ a little at n = 2000: the comparison may settle or not; either way the count ends at the plan
        Jmh.benchmark("maplab.bench.MergeBench.merge")
                .settings(Jmh.Settings.forProfile(Profile.QUICK).with(effort)).upTo(effort.maxForks())
                .param("strategy", MergeStrategy.PUT_LOOP, MergeStrategy.PRESIZED).param("n", "2000").param("overlapPct", "50").param("seed", "1")
                .compare(Map.of("strategy", MergeStrategy.PUT_LOOP.name()), Map.of("strategy", MergeStrategy.PRESIZED.name()))
                .workDir(tmp).progress(recorder).run();
        assertThat(totals).as("one plan, made before the first step").containsExactly(2 * 4);
        assertThat(steps[0]).as("steps run + rounds skipped").isEqualTo(2 * 4);
    }
}
