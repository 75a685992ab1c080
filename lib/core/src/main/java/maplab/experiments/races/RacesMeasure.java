package maplab.experiments.races;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import maplab.plan.Params;
import maplab.measure.WatchedJvm;
import maplab.measure.race.RacePlan;
import maplab.measure.race.RaceWorker;
import maplab.conclude.ResultBuilder;
import maplab.plan.Unit;
import maplab.subject.concurrent.SharedMapType;
import maplab.experiments.RunContext;
import static maplab.experiments.races.Races.steps;
import static maplab.experiments.races.RacesRows.phaseName;
import static maplab.experiments.races.RacesRows.trialDims;

/**
 * races' measurement ({@link Races#measure}): the seeded trials in a child JVM under a watchdog,
 * one row per trial and metric, one {@code skipped} row per subject and phase; writes rows only.
 */
final class RacesMeasure {

    private RacesMeasure() { }

    private static final List<String> CHILD_JVM_ARGS = List.of("-Xms256m", "-Xmx512m", "-XX:+UseParallelGC");

    static void measure(RunContext ctx) throws Exception {
        Params p = ctx.params();
        List<SharedMapType> subjects = p.getStrings("subjects").stream().map(SharedMapType::parse).toList();
        int runs = p.getInt("runs");
        int threads = p.getInt("threads");
        int keysPerThread = p.getInt("keys_per_thread");
        int iterationKeys = p.getInt("iteration_keys");
        int maxHangs = p.getInt("max_hangs");
        RacePlan plan = new RacePlan(subjects, runs, ctx.seed("trials"));
        ResultBuilder out = ctx.result();

        // Only what the watchdog's skipping needs is kept here; every count a conclusion uses is a row.
        Map<RacePlan.Phase, Map<SharedMapType, int[]>> failedAndSkipped = new EnumMap<>(RacePlan.Phase.class);
        for (RacePlan.Phase phase : RacePlan.Phase.values()) {
            Map<SharedMapType, int[]> m = new EnumMap<>(SharedMapType.class);
            subjects.forEach(s -> m.put(s, new int[2]));
            failedAndSkipped.put(phase, m);
        }

        List<String> args = List.of("--subjects", String.join(",", p.getStrings("subjects")), "--runs", String.valueOf(runs),
                "--threads", String.valueOf(threads), "--keys", String.valueOf(keysPerThread),
                "--iteration-keys", String.valueOf(iterationKeys), "--seed", String.valueOf(plan.seed()));
        Duration timeout = Duration.ofMillis(p.getLong("timeout_ms"));
        WatchedJvm jvm = ctx.childJvm().watched(RaceWorker.class.getName(), CHILD_JVM_ARGS, args, timeout, ctx.workDir().resolve("races-child.log"));
        out.note("child_jvm", Map.of("main", RaceWorker.class.getName(), "jvm_args", CHILD_JVM_ARGS, "args", args,
                "timeout_ms", timeout.toMillis()));

        ctx.progress().addSteps(steps(plan, runs));
        WatchedJvm.Summary summary = jvm.run(plan.size(), new TrialRows(ctx, plan, runs, maxHangs, failedAndSkipped));
        for (RacePlan.Phase phase : RacePlan.Phase.values()) {
            for (SharedMapType s : subjects) {
                out.row().with("subject", s.id()).with("phase", phaseName(phase))
                        .measure("skipped", failedAndSkipped.get(phase).get(s)[1], Unit.COUNT);
            }
        }
        out.note("watchdog", Map.of("timeout_ms", timeout.toMillis(), "jvm_launches", summary.launches(),
                "hung_trials", summary.hung(), "crashed_trials", summary.crashed()));
    }

    /**
     * Writes each trial's rows as the child JVM reports it, steps the progress at each new block, and
     * skips the rest of a block after {@code max_hangs} hung or crashed trials.
     */
    private static final class TrialRows implements WatchedJvm.Listener {
        private final RunContext ctx;
        private final RacePlan plan;
        private final ResultBuilder out;
        private final int runs;
        private final int maxHangs;
        private final Map<RacePlan.Phase, Map<SharedMapType, int[]>> failedAndSkipped;
        private int lastBlock = -1;

        TrialRows(RunContext ctx, RacePlan plan, int runs, int maxHangs, Map<RacePlan.Phase, Map<SharedMapType, int[]>> failedAndSkipped) {
            this.ctx = ctx;
            this.plan = plan;
            this.out = ctx.result();
            this.runs = runs;
            this.maxHangs = maxHangs;
            this.failedAndSkipped = failedAndSkipped;
        }

        private void stepIfNewBlock(RacePlan.Trial t) {
            int block = t.block(runs);
            if (block != lastBlock) {
                lastBlock = block;
                ctx.progress().step(t.phase().name().toLowerCase(Locale.ROOT) + ": " + t.subject().label());
            }
        }

        @Override public void finished(int index, String payload) {
            RacePlan.Trial t = plan.trial(index);
            stepIfNewBlock(t);
            String[] f = payload.split(" ");
            if (t.phase() == RacePlan.Phase.PUTS) {
                int keys = Integer.parseInt(f[3]);
                int lost = Integer.parseInt(f[4]);
                int size = Integer.parseInt(f[5]);
                int exceptions = Integer.parseInt(f[6]);
                boolean together = f[8].equals("1");
                trialRow(out, t, together).measure("lost_keys", lost, Unit.COUNT);
                trialRow(out, t, together).measure("size_minus_present", size - (keys - lost), Unit.COUNT);
                trialRow(out, t, together).measure("exceptions", exceptions, Unit.COUNT);
            } else {
                boolean together = f[7].equals("1");
                trialRow(out, t, together).measure("cme_thrown", f[3].equals("1") ? 1 : 0, Unit.COUNT);
                trialRow(out, t, together).measure("other_exceptions", Integer.parseInt(f[4]), Unit.COUNT);
            }
        }

        @Override public int failed(int index, boolean crashed) {
            RacePlan.Trial t = plan.trial(index);
            stepIfNewBlock(t);
            int[] fs = failedAndSkipped.get(t.phase()).get(t.subject());
            fs[0]++;
            trialRow(out, t, null).measure(crashed ? "crashed" : "hung", 1, Unit.COUNT);
            if (fs[0] >= maxHangs) {
                int resume = plan.nextBlock(index);
                fs[1] += resume - index - 1;
                return resume;
            }
            return index + 1;
        }
    }

    private static ResultBuilder.Row trialRow(ResultBuilder out, RacePlan.Trial t, Boolean together) {
        ResultBuilder.Row row = out.row();
        trialDims(t.subject(), t.phase(), t.run(), together).forEach(row::with);
        return row;
    }
}
