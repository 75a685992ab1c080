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
import static maplab.experiments.races.RacesRows.extraDims;
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
        RacePlan plan = new RacePlan(subjects, runs, ctx.seed("trials"), p.getInt("extra_runs"));
        ResultBuilder out = ctx.result();

        // Only what the watchdog's skipping needs is kept here; every count a conclusion uses is a row.
        Map<RacePlan.Phase, Map<SharedMapType, int[]>> failedAndSkipped = new EnumMap<>(RacePlan.Phase.class);
        for (RacePlan.Phase phase : RacePlan.Phase.values()) {
            Map<SharedMapType, int[]> m = new EnumMap<>(SharedMapType.class);
            subjects.forEach(s -> m.put(s, new int[2]));
            failedAndSkipped.put(phase, m);
        }
        Map<RacePlan.Extra, int[]> extraFailedAndSkipped = new EnumMap<>(RacePlan.Extra.class);
        for (RacePlan.Extra e : RacePlan.Extra.values()) extraFailedAndSkipped.put(e, new int[2]);

        List<String> args = List.of("--subjects", String.join(",", p.getStrings("subjects")), "--runs", String.valueOf(runs),
                "--threads", String.valueOf(threads), "--keys", String.valueOf(keysPerThread),
                "--iteration-keys", String.valueOf(iterationKeys), "--seed", String.valueOf(plan.seed()),
                "--extra-runs", String.valueOf(plan.extraRuns()), "--crowd-threads", String.valueOf(p.getInt("crowd_threads")),
                "--crowd-keys", String.valueOf(p.getInt("crowd_keys_per_thread")));
        Duration timeout = Duration.ofMillis(p.getLong("timeout_ms"));
        WatchedJvm jvm = ctx.childJvm().watched(RaceWorker.class.getName(), CHILD_JVM_ARGS, args, timeout, ctx.workDir().resolve("races-child.log"));
        out.note("child_jvm", Map.of("main", RaceWorker.class.getName(), "jvm_args", CHILD_JVM_ARGS, "args", args,
                "timeout_ms", timeout.toMillis()));

        ctx.progress().addSteps(plan.blocks());
        WatchedJvm.Summary summary = jvm.run(plan.size(), new TrialRows(ctx, plan, runs, maxHangs, failedAndSkipped, extraFailedAndSkipped));
        for (RacePlan.Phase phase : RacePlan.Phase.values()) {
            for (SharedMapType s : subjects) {
                out.row().with("subject", s.id()).with("phase", phaseName(phase))
                        .measure("skipped", failedAndSkipped.get(phase).get(s)[1], Unit.COUNT);
            }
        }
        if (plan.extraRuns() > 0) {
            for (RacePlan.Extra e : RacePlan.Extra.values()) {
                out.row().with("subject", e.subject()).with("phase", e.id()).measure("skipped", extraFailedAndSkipped.get(e)[1], Unit.COUNT);
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
        private final Map<RacePlan.Extra, int[]> extraFailedAndSkipped;
        private int lastBlock = -1;

        TrialRows(RunContext ctx, RacePlan plan, int runs, int maxHangs, Map<RacePlan.Phase, Map<SharedMapType, int[]>> failedAndSkipped,
                  Map<RacePlan.Extra, int[]> extraFailedAndSkipped) {
            this.ctx = ctx;
            this.plan = plan;
            this.out = ctx.result();
            this.runs = runs;
            this.maxHangs = maxHangs;
            this.failedAndSkipped = failedAndSkipped;
            this.extraFailedAndSkipped = extraFailedAndSkipped;
        }

        private void stepIfNewBlock(RacePlan.Trial t) {
            stepIfNewBlock(t.block(runs), t.phase().name().toLowerCase(Locale.ROOT) + ": " + t.subject().label());
        }

        private void stepIfNewBlock(int block, String label) {
            if (block != lastBlock) {
                lastBlock = block;
                ctx.progress().step(label);
            }
        }

        @Override public void finished(int index, String payload) {
            if (plan.isExtra(index)) {
                extraFinished(plan.extraTrial(index), payload.split(" "));
                return;
            }
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

        /** An extra trial's rows: misses and lookups of the get-during-put race, or a put trial's counts. */
        private void extraFinished(RacePlan.ExtraTrial t, String[] f) {
            stepIfNewBlock(t.block(), t.extra().id() + ": " + t.extra().subject());
            boolean together = f[f.length - 1].equals("1");
            if (t.extra() == RacePlan.Extra.GETS_DURING_PUTS) {
                extraRow(out, t, together).measure("missed_gets", Long.parseLong(f[4]), Unit.COUNT);
                extraRow(out, t, together).measure("lookups", Long.parseLong(f[3]), Unit.COUNT);
                extraRow(out, t, together).measure("exceptions", Integer.parseInt(f[5]), Unit.COUNT);
            } else {
                int keys = Integer.parseInt(f[3]);
                int lost = Integer.parseInt(f[4]);
                extraRow(out, t, together).measure("lost_keys", lost, Unit.COUNT);
                extraRow(out, t, together).measure("size_minus_present", Integer.parseInt(f[5]) - (keys - lost), Unit.COUNT);
                extraRow(out, t, together).measure("exceptions", Integer.parseInt(f[6]), Unit.COUNT);
            }
        }

        /**
         * A hung or crashed extra trial: its row, and the rest of its block skipped after {@code max_hangs}
         * (after the first for the incremental map, whose trials often hang: one already shows its table corrupted).
         */
        private int extraFailed(RacePlan.ExtraTrial t, boolean crashed) {
            stepIfNewBlock(t.block(), t.extra().id() + ": " + t.extra().subject());
            int[] fs = extraFailedAndSkipped.get(t.extra());
            fs[0]++;
            extraRow(out, t, null).measure(crashed ? "crashed" : "hung", 1, Unit.COUNT);
            if (fs[0] >= (t.extra() == RacePlan.Extra.INCREMENTAL_PUTS ? 1 : maxHangs)) {
                int resume = plan.nextBlock(t.index());
                fs[1] += resume - t.index() - 1;
                return resume;
            }
            return t.index() + 1;
        }

        @Override public int failed(int index, boolean crashed) {
            if (plan.isExtra(index)) return extraFailed(plan.extraTrial(index), crashed);
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

    private static ResultBuilder.Row extraRow(ResultBuilder out, RacePlan.ExtraTrial t, Boolean together) {
        ResultBuilder.Row row = out.row();
        extraDims(t.extra(), t.run(), together).forEach(row::with);
        return row;
    }

    private static ResultBuilder.Row trialRow(ResultBuilder out, RacePlan.Trial t, Boolean together) {
        ResultBuilder.Row row = out.row();
        trialDims(t.subject(), t.phase(), t.run(), together).forEach(row::with);
        return row;
    }
}
