package maplab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import maplab.experiments.Experiment;
import maplab.lab.Experiments;
import maplab.plan.Params;
import maplab.plan.Profile;
import maplab.progress.Progress;
import maplab.conclude.Result;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Tag;

/**
 * A run's progress total is its plan, known at the start: cheap experiments run end to end at
 * tiny sizes (child JVMs, a watchdog'd worker, JMH forks, a sequential JMH part) take exactly the planned steps, the
 * count never passes the total and never goes back, and the run ends done.
 */
@Tag("answers")  // slow (real JMH forks): run by ./maplab test --answers
class PlannedProgressTest {

    /** Records what a run reports: the total at start, every count, steps added, and how it ended. */
    static final class Recorder implements Progress {
        int total = -1;
        int count;
        final List<Integer> counts = new ArrayList<>();
        final List<String> labels = new ArrayList<>();
        Outcome outcome;

        @Override public synchronized void start(String title, int totalSteps) { total = totalSteps; }
        @Override public synchronized void step(String label) { count++; counts.add(count); labels.add(label); }
        @Override public synchronized void skipSteps(int n, String why) { count += n; counts.add(count); labels.add(why); }
        @Override public synchronized void done(String summary) { outcome = Outcome.DONE; }
        @Override public synchronized void end(Outcome o, String summary) { outcome = o; }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "seed-order | launches=2;keys=8;seeds_in_jvm=2;iteration_n=2000;iteration_effort=2:0x20ms+1x20ms",
            "races      | runs=2;subjects=hashmap,concurrent_hash_map;keys_per_thread=200;iteration_keys=32",
            "key-types  | n=2000;subjects=hashmap_integer,fastutil_int;lookup_subjects=hashmap_integer,fastutil_int;pitfall_keys=100;lookup_effort=2:0x20ms+1x20ms",
            "presize    | n=2000;constructors=hashmap_default,hashmap_n,hashmap_presized;timed=hashmap_default,hashmap_presized;insert_effort=2:0+1",
            // a sequential effort: the plan counts every round it may take, the rounds it does not need are skipped as done
            "merge      | sizes=1024,4096;budget_ms=200;jdk_n=2000;strategies=put_all,put_loop;fastutil_n=4096;jdk_effort=2-4:1x20ms+1x20ms;fastutil_effort=2:0+1;trap_effort=2:0+1;same_hash_effort=2:0+1;growth_effort=1:0+1",
    })
    void theCountEndsAtThePlannedTotalAndNeverPassesIt(String id, String settings, @TempDir Path tmp) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String kv : settings.split(";")) params.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        Experiment experiment = Experiments.byId(id);
        int planned = experiment.plannedSteps(Params.resolve(experiment, Profile.QUICK, params));
        Recorder recorder = new Recorder();

        Result r = Experiments.run(id, Profile.QUICK, params, tmp.resolve("run"), recorder);

        assertThat(r.error()).isNull();
        assertThat(recorder.total).as("the total at start is the plan").isEqualTo(planned).isPositive();
        assertThat(recorder.counts).as("counts never pass the total: %s", recorder.labels).allSatisfy(c -> assertThat(c).isLessThanOrEqualTo(planned));
        assertThat(recorder.counts).as("counts never go back").isSorted();
        assertThat(recorder.count).as("the count ends at the plan: %s", recorder.labels).isEqualTo(planned);
        assertThat(recorder.outcome).isEqualTo(Progress.Outcome.DONE);
    }
}
