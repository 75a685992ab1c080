package maplab.experiments;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import maplab.chart.Charts;
import maplab.experiment.Experiment;
import maplab.experiment.ParamSpec;
import maplab.experiment.Params;
import maplab.experiment.RunContext;
import maplab.measure.WatchedJvm;
import maplab.race.RacePlan;
import maplab.race.RaceWorker;
import maplab.result.Finding;
import maplab.result.ResultBuilder;
import maplab.result.TidyTables;
import maplab.result.Unit;
import maplab.subject.concurrent.SharedMapType;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * races: what unsynchronized access does in Java. Many seeded trials, each on a fresh map:
 * threads put distinct keys at the same moment, then {@code containsKey} on every key counts
 * the lost ones and {@code size()} is compared with the keys present; and one thread iterates
 * while another adds keys, counting {@code ConcurrentModificationException}s. The same trials
 * run on the thread-safe subjects for comparison. Trials run in a child JVM
 * ({@link RaceWorker}) under a watchdog ({@link WatchedJvm}): a trial that hangs is killed,
 * counted and reported, and the run goes on in a new JVM.
 *
 * <p>The full profile races every subject, 1000 runs each, with the quick profile's sizes.
 * Both race 2 threads: with more threads than cores the threads take turns, and the pacing that
 * keeps them overlapping waits for descheduled ones (on two busy cores, 100 HashMap trials of
 * 5000 keys a thread took 1.6 times as long with 4 threads and lost keys in 1 run, against 5
 * with 2). Larger maps do not show more: at 5000 keys a thread about one HashMap trial in ten
 * hung (a corrupted bin loops for ever), so the watchdog's waits, not the trials, filled the run.
 */
public final class Races implements Experiment {

    private static final List<String> CHILD_JVM_ARGS = List.of("-Xms256m", "-Xmx512m", "-XX:+UseParallelGC");

    @Override public String id() { return "races"; }

    @Override public String summary() {
        return "unsynchronized HashMap under concurrent puts and iteration: lost keys, wrong size(), ConcurrentModificationException";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
                ParamSpec.choices("subjects", SharedMapType.ids(), "hashmap,synchronized_map,concurrent_hash_map",
                        String.join(",", SharedMapType.ids()), "maps raced"),
                ParamSpec.integer("runs", 1, 1_000_000, 300, 1000, "trials per subject and phase (puts, iteration)"),
                ParamSpec.integer("threads", 2, 64, 2, 2, "threads putting keys at once (more than the cores take turns rather than race)"),
                ParamSpec.integer("keys_per_thread", 1, 1_000_000, 1000, 1000, "distinct keys each thread puts"),
                ParamSpec.integer("iteration_keys", 16, 1_000_000, 2000, 2000,
                        "entries in the map that one thread iterates while another adds half as many"),
                ParamSpec.integer("timeout_ms", 100, 600_000, 3000, 3000, "watchdog: a trial taking longer counts as hung and is killed"),
                ParamSpec.integer("max_hangs", 1, 1000, 5, 50, "hung trials after which a subject's remaining trials in that phase are skipped"));
    }

    @Override
    public void validate(Params p) {
        long items = 2L * p.getStrings("subjects").size() * p.getLong("runs");
        if (items > 10_000_000L) {
            throw new IllegalArgumentException("parameter 'runs': " + p.getLong("runs") + " runs x " + p.getStrings("subjects").size()
                    + " subjects x 2 phases is too many trials; allowed: at most 10000000 trials in all");
        }
        long keys = (long) p.getInt("threads") * p.getInt("keys_per_thread");
        if (keys > 50_000_000L) {
            throw new IllegalArgumentException("parameter 'keys_per_thread': threads x keys_per_thread = " + keys
                    + " keys; allowed: at most 50000000 keys per trial");
        }
    }

    /** Per subject and phase: what the trials saw. */
    static final class Tally {
        int runs;
        int runsWithLostKeys;
        int maxLostKeys;
        long lostKeys;
        int sizeMismatchRuns;
        int exceptionRuns;
        int startedTogether;
        int cmeRuns;
        int hung;
        int crashed;
        int skipped;
        final List<Integer> runIndex = new ArrayList<>();
        final List<Integer> lostPerRun = new ArrayList<>();
    }

    @Override
    public void measure(RunContext ctx) throws Exception {
        Params p = ctx.params();
        List<SharedMapType> subjects = p.getStrings("subjects").stream().map(SharedMapType::parse).toList();
        int runs = p.getInt("runs");
        int threads = p.getInt("threads");
        int keysPerThread = p.getInt("keys_per_thread");
        int iterationKeys = p.getInt("iteration_keys");
        int maxHangs = p.getInt("max_hangs");
        RacePlan plan = new RacePlan(subjects, runs, ctx.seed("trials"));
        ResultBuilder out = ctx.result();

        Map<RacePlan.Phase, Map<SharedMapType, Tally>> tallies = new EnumMap<>(RacePlan.Phase.class);
        for (RacePlan.Phase phase : RacePlan.Phase.values()) {
            Map<SharedMapType, Tally> m = new EnumMap<>(SharedMapType.class);
            subjects.forEach(s -> m.put(s, new Tally()));
            tallies.put(phase, m);
        }

        List<String> args = List.of("--subjects", String.join(",", p.getStrings("subjects")), "--runs", String.valueOf(runs),
                "--threads", String.valueOf(threads), "--keys", String.valueOf(keysPerThread),
                "--iteration-keys", String.valueOf(iterationKeys), "--seed", String.valueOf(plan.seed()));
        Duration timeout = Duration.ofMillis(p.getLong("timeout_ms"));
        WatchedJvm jvm = new WatchedJvm(RaceWorker.class.getName(), CHILD_JVM_ARGS, args, timeout, ctx.workDir().resolve("races-child.log"));
        out.note("child_jvm", Map.of("main", RaceWorker.class.getName(), "jvm_args", CHILD_JVM_ARGS, "args", args,
                "timeout_ms", timeout.toMillis()));

        int blocks = plan.size() / runs;
        ctx.progress().addSteps(blocks);
        int[] lastBlock = {-1};
        WatchedJvm.Summary summary = jvm.run(plan.size(), new WatchedJvm.Listener() {
            private void stepIfNewBlock(RacePlan.Trial t) {
                int block = t.block(runs);
                if (block != lastBlock[0]) {
                    lastBlock[0] = block;
                    ctx.progress().step(t.phase().name().toLowerCase(Locale.ROOT) + ": " + t.subject().label());
                }
            }

            @Override public void finished(int index, String payload) {
                RacePlan.Trial t = plan.trial(index);
                stepIfNewBlock(t);
                Tally tally = tallies.get(t.phase()).get(t.subject());
                String[] f = payload.split(" ");
                tally.runs++;
                if (t.phase() == RacePlan.Phase.PUTS) {
                    int keys = Integer.parseInt(f[3]);
                    int lost = Integer.parseInt(f[4]);
                    int size = Integer.parseInt(f[5]);
                    int exceptions = Integer.parseInt(f[6]);
                    if (f[8].equals("1")) tally.startedTogether++;
                    tally.runIndex.add(t.run());
                    tally.lostPerRun.add(lost);
                    if (lost > 0) tally.runsWithLostKeys++;
                    tally.lostKeys += lost;
                    tally.maxLostKeys = Math.max(tally.maxLostKeys, lost);
                    if (size != keys - lost) tally.sizeMismatchRuns++;
                    if (exceptions > 0) tally.exceptionRuns++;
                    trialRow(out, t).measure("lost_keys", lost, Unit.COUNT);
                    trialRow(out, t).measure("size_minus_present", size - (keys - lost), Unit.COUNT);
                    trialRow(out, t).measure("exceptions", exceptions, Unit.COUNT);
                } else {
                    boolean cme = f[3].equals("1");
                    int other = Integer.parseInt(f[4]);
                    if (f[7].equals("1")) tally.startedTogether++;
                    if (cme) tally.cmeRuns++;
                    if (other > 0) tally.exceptionRuns++;
                    trialRow(out, t).measure("cme_thrown", cme ? 1 : 0, Unit.COUNT);
                    trialRow(out, t).measure("other_exceptions", other, Unit.COUNT);
                }
            }

            @Override public int failed(int index, boolean crashed) {
                RacePlan.Trial t = plan.trial(index);
                stepIfNewBlock(t);
                Tally tally = tallies.get(t.phase()).get(t.subject());
                if (crashed) tally.crashed++;
                else tally.hung++;
                trialRow(out, t).measure(crashed ? "crashed" : "hung", 1, Unit.COUNT);
                if (tally.hung + tally.crashed >= maxHangs) {
                    int resume = plan.nextBlock(index);
                    tally.skipped += resume - index - 1;
                    return resume;
                }
                return index + 1;
            }
        });
        out.note("watchdog", Map.of("timeout_ms", timeout.toMillis(), "jvm_launches", summary.launches(),
                "hung_trials", summary.hung(), "crashed_trials", summary.crashed()));

        tables(out, tallies, subjects);
        charts(out, tallies, subjects, threads * keysPerThread);
        findings(out, tallies, runs, threads, keysPerThread, iterationKeys);
    }

    private static ResultBuilder.Row trialRow(ResultBuilder out, RacePlan.Trial t) {
        return out.row().with("subject", t.subject().id()).with("phase", t.phase().name().toLowerCase(Locale.ROOT)).with("run", t.run());
    }

    private static void tables(ResultBuilder out, Map<RacePlan.Phase, Map<SharedMapType, Tally>> tallies, List<SharedMapType> subjects) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SharedMapType s : subjects) {
            Tally puts = tallies.get(RacePlan.Phase.PUTS).get(s);
            Tally iter = tallies.get(RacePlan.Phase.ITERATION).get(s);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("subject", s.label());
            row.put("thread_safe", s.threadSafe());
            row.put("put_runs", puts.runs);
            row.put("put_runs_started_together", puts.startedTogether);
            row.put("runs_with_lost_keys", puts.runsWithLostKeys);
            row.put("max_lost_keys", puts.maxLostKeys);
            row.put("lost_keys_total", puts.lostKeys);
            row.put("size_mismatch_runs", puts.sizeMismatchRuns);
            row.put("put_runs_with_exceptions", puts.exceptionRuns);
            row.put("put_runs_hung", puts.hung);
            row.put("put_runs_crashed", puts.crashed);
            row.put("put_runs_skipped", puts.skipped);
            row.put("iteration_runs", iter.runs);
            row.put("iteration_runs_started_together", iter.startedTogether);
            row.put("cme_runs", iter.cmeRuns);
            row.put("cme_rate", iter.runs == 0 ? Double.NaN : (double) iter.cmeRuns / iter.runs);
            row.put("iteration_runs_with_other_exceptions", iter.exceptionRuns);
            row.put("iteration_runs_hung", iter.hung);
            row.put("iteration_runs_crashed", iter.crashed);
            row.put("iteration_runs_skipped", iter.skipped);
            rows.add(row);
        }
        out.table("per subject", TidyTables.fromRows("per subject", rows));
    }

    private static void charts(ResultBuilder out, Map<RacePlan.Phase, Map<SharedMapType, Tally>> tallies,
                               List<SharedMapType> subjects, int keysPerRun) {
        XYChart lost = Charts.xy("Keys lost per run (" + keysPerRun + " keys put by all threads together)", "run", "lost keys (count)");
        for (SharedMapType s : subjects) {
            Tally t = tallies.get(RacePlan.Phase.PUTS).get(s);
            if (t.runIndex.isEmpty()) continue;
            XYSeries series = Charts.series(lost, s.label(), t.runIndex, t.lostPerRun, null);
            series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        }
        out.chart("lost keys per run", lost);

        CategoryChart rates = Charts.bars("Share of runs that went wrong", "subject", "share of runs (fraction)");
        List<String> labels = subjects.stream().map(SharedMapType::label).toList();
        Charts.bars(rates, "lost keys", labels, subjects.stream()
                .map(s -> share(tallies.get(RacePlan.Phase.PUTS).get(s).runsWithLostKeys, tallies.get(RacePlan.Phase.PUTS).get(s).runs)).toList(), null);
        Charts.bars(rates, "size() wrong", labels, subjects.stream()
                .map(s -> share(tallies.get(RacePlan.Phase.PUTS).get(s).sizeMismatchRuns, tallies.get(RacePlan.Phase.PUTS).get(s).runs)).toList(), null);
        Charts.bars(rates, "ConcurrentModificationException", labels, subjects.stream()
                .map(s -> share(tallies.get(RacePlan.Phase.ITERATION).get(s).cmeRuns, tallies.get(RacePlan.Phase.ITERATION).get(s).runs)).toList(), null);
        out.chart("failure rates", rates);
    }

    private static double share(int count, int runs) {
        return runs == 0 ? 0 : (double) count / runs;
    }

    private static void findings(ResultBuilder out, Map<RacePlan.Phase, Map<SharedMapType, Tally>> tallies,
                                 int runs, int threads, int keysPerThread, int iterationKeys) {
        int keys = threads * keysPerThread;
        out.finding(Finding.of("runs", runs, "count", "Each subject ran %.0f put trials (" + threads + " threads, " + keysPerThread
                + " distinct keys each, started together on a fresh map) and as many iteration trials (one thread iterating "
                + iterationKeys + " entries while another adds " + iterationKeys / 2 + ")"));
        List<String> missing = new ArrayList<>();
        Tally hm = tallies.get(RacePlan.Phase.PUTS).get(SharedMapType.HASHMAP);
        if (hm != null) {
            String ran = ran(hm, runs);
            out.finding(new Finding("hashmap_runs_with_lost_keys", hm.runsWithLostKeys, "count", String.format(Locale.ROOT,
                    "Unsynchronized HashMap lost keys in %d of %d runs (%s): containsKey missed keys that a thread had put%s",
                    hm.runsWithLostKeys, hm.runs, percent(hm.runsWithLostKeys, hm.runs), ran)));
            out.finding(new Finding("hashmap_max_lost_keys", hm.maxLostKeys, "count", String.format(Locale.ROOT,
                    "At worst, one HashMap run lost %d of its %d keys (%s), and nothing was thrown to say so",
                    hm.maxLostKeys, keys, percent(hm.maxLostKeys, keys))));
            out.finding(new Finding("hashmap_size_mismatch_runs", hm.sizeMismatchRuns, "count", String.format(Locale.ROOT,
                    "In %d of %d HashMap runs (%s) size() disagreed with the number of keys actually present",
                    hm.sizeMismatchRuns, hm.runs, percent(hm.sizeMismatchRuns, hm.runs))));
            out.finding(new Finding("hashmap_hung_runs", hm.hung, "count", String.format(Locale.ROOT,
                    "%d HashMap put run(s) hung and were killed by the watchdog%s", hm.hung,
                    hm.skipped > 0 ? "; the remaining " + hm.skipped + " were skipped" : "")));
        } else {
            missing.add("hashmap_*: needs subject hashmap");
        }
        Tally chm = tallies.get(RacePlan.Phase.PUTS).get(SharedMapType.CONCURRENT_HASH_MAP);
        if (chm != null) {
            out.finding(new Finding("chm_lost_keys", chm.lostKeys, "count", String.format(Locale.ROOT,
                    "ConcurrentHashMap lost %d keys in %d runs (%d size() mismatches)%s", chm.lostKeys, chm.runs, chm.sizeMismatchRuns, ran(chm, runs))));
        } else {
            missing.add("chm_lost_keys: needs subject concurrent_hash_map");
        }
        Tally sync = tallies.get(RacePlan.Phase.PUTS).get(SharedMapType.SYNCHRONIZED_MAP);
        if (sync != null) {
            out.finding(new Finding("synchronized_lost_keys", sync.lostKeys, "count", String.format(Locale.ROOT,
                    "synchronizedMap lost %d keys in %d runs%s", sync.lostKeys, sync.runs, ran(sync, runs))));
        }
        Tally hmIter = tallies.get(RacePlan.Phase.ITERATION).get(SharedMapType.HASHMAP);
        if (hmIter != null && hmIter.runs > 0) {
            double rate = (double) hmIter.cmeRuns / hmIter.runs;
            out.finding(new Finding("cme_rate", rate, "fraction", String.format(Locale.ROOT,
                    "HashMap's forEach threw ConcurrentModificationException in %d of %d runs (%s) while another thread added keys%s",
                    hmIter.cmeRuns, hmIter.runs, percent(hmIter.cmeRuns, hmIter.runs),
                    hmIter.cmeRuns < hmIter.runs ? "; in the other runs the change went unnoticed (fail-fast is best effort)" : "")));
        } else {
            missing.add("cme_rate: needs subject hashmap with at least one finished iteration run");
        }
        Tally chmIter = tallies.get(RacePlan.Phase.ITERATION).get(SharedMapType.CONCURRENT_HASH_MAP);
        if (chmIter != null) {
            out.finding(new Finding("chm_cme_runs", chmIter.cmeRuns, "count", String.format(Locale.ROOT,
                    "ConcurrentHashMap's forEach threw ConcurrentModificationException in %d of %d runs (its iterators are weakly consistent)",
                    chmIter.cmeRuns, chmIter.runs)));
        }
        if (!missing.isEmpty()) out.note("findings_not_computed", missing);
    }

    /** "" when every run finished, else how many hung, crashed or were skipped. */
    private static String ran(Tally t, int planned) {
        if (t.runs == planned) return "";
        return String.format(Locale.ROOT, " (of %d planned: %d hung, %d crashed, %d skipped)", planned, t.hung, t.crashed, t.skipped);
    }

    private static String percent(long count, long of) {
        return of == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100.0 * count / of);
    }
}
