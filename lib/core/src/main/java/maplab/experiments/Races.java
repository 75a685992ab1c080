package maplab.experiments;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import maplab.chart.Charts;
import maplab.plan.ParamSpec;
import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.run.RunData;
import maplab.measure.WatchedJvm;
import maplab.measure.race.RacePlan;
import maplab.measure.race.RaceWorker;
import maplab.conclude.Finding;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.conclude.TidyTables;
import maplab.plan.Unit;
import maplab.stats.Estimates;
import maplab.stats.Estimates.Estimate;
import maplab.subject.concurrent.SharedMapType;
import org.apache.commons.math3.distribution.BetaDistribution;
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
 * <p><b>Measure</b> writes one row per trial and metric (dimensions {@code subject},
 * {@code phase}, {@code run}, {@code started_together}; metrics {@code lost_keys},
 * {@code size_minus_present}, {@code exceptions} for put trials, {@code cme_thrown},
 * {@code other_exceptions} for iteration trials, {@code hung} or {@code crashed} for a trial
 * the watchdog ended) and one {@code skipped} row per subject and phase. Nothing else: no
 * timing is involved, so there is no JMH effort; the trials' effort is {@code runs}.
 *
 * <p><b>Conclude</b> counts from those rows. Two kinds of findings, decided as follows:
 * <ul>
 *   <li><b>Counts</b> ({@code hashmap_runs_with_lost_keys}, {@code hashmap_max_lost_keys},
 *       {@code hashmap_size_mismatch_runs}, {@code hashmap_hung_runs}, {@code chm_lost_keys},
 *       {@code synchronized_lost_keys}, {@code chm_cme_runs}): what happened in this run's
 *       seeded trials, stated exactly (basis {@code count}, interval = the value). A count
 *       grows with {@code runs}, so each carries {@code runs} (and the trial's size) as
 *       conditions: a reference made with other settings is not compared as if like.</li>
 *   <li><b>Rates</b> ({@code hashmap_lost_keys_rate}, {@code cme_rate}): the share of finished
 *       trials in which it happened, an estimate of the per-trial probability, with the
 *       <b>Clopper-Pearson</b> (exact binomial) interval at {@link Estimates#CONFIDENCE}
 *       ({@link #clopperPearson}). Clopper-Pearson rather than Wilson because these shares sit
 *       at 0 or near 1, where Wilson's interval is too narrow and Clopper-Pearson keeps its
 *       coverage (it is conservative). A rate does not grow with {@code runs}, so its
 *       conditions are the trial's size and threads only. The counts' texts also give the
 *       upper bound on the rate where nothing was seen (0 of n runs).</li>
 * </ul>
 * Hung and crashed trials are left out of the denominators (they finished no check) and
 * reported on their own. {@code runs} is a parameter finding.
 *
 * <p>The full profile races every subject, 600 runs each, with the quick profile's sizes
 * (600 rather than 1000: the slow subjects, copy-on-write, single-writer and the lock
 * wrappers, dominate the time, and 600 trials already bound a rate of 0 below 0.9%).
 * Both race 2 threads: with more threads than cores the threads take turns, and the pacing that
 * keeps them overlapping waits for descheduled ones (on two busy cores, 100 HashMap trials of
 * 5000 keys a thread took 1.6 times as long with 4 threads and lost keys in 1 run, against 5
 * with 2). Larger maps do not show more: at 5000 keys a thread about one HashMap trial in ten
 * hung (a corrupted bin loops for ever), so the watchdog's waits, not the trials, filled the run.
 */
public final class Races implements Experiment {

    /** Quick's subjects: the unsynchronized baseline, one lock, ConcurrentHashMap, and every peer library's concurrent map. */
    static final List<String> QUICK_SUBJECTS = Stream.concat(
            Stream.of("hashmap", "synchronized_map", "concurrent_hash_map"), SharedMapType.peerIds().stream()).toList();

    private static final List<String> CHILD_JVM_ARGS = List.of("-Xms256m", "-Xmx512m", "-XX:+UseParallelGC");

    @Override public String id() { return "races"; }

    @Override public String summary() {
        return "unsynchronized HashMap under concurrent puts and iteration: lost keys, wrong size(), ConcurrentModificationException";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
                ParamSpec.choices("subjects", SharedMapType.ids(), String.join(",", QUICK_SUBJECTS),
                        String.join(",", SharedMapType.ids()), "maps raced"),
                ParamSpec.integer("runs", 1, 1_000_000, 300, 600, "trials per subject and phase (puts, iteration): the effort of this experiment (no JMH)"),
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

    /** The plan's progress steps: one per block of trials (a phase of one subject), see {@link #steps(RacePlan, int)}. */
    @Override
    public int plannedSteps(Params p) {
        int runs = p.getInt("runs");
        return steps(new RacePlan(p.getStrings("subjects").stream().map(SharedMapType::parse).toList(), runs, 0), runs);
    }

    /** One step per block of {@code runs} trials: the watchdog skips only within a block, so each block starts. */
    private static int steps(RacePlan plan, int runs) {
        return plan.size() / runs;
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

        int blocks = steps(plan, runs);
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
        });
        for (RacePlan.Phase phase : RacePlan.Phase.values()) {
            for (SharedMapType s : subjects) {
                out.row().with("subject", s.id()).with("phase", phaseName(phase))
                        .measure("skipped", failedAndSkipped.get(phase).get(s)[1], Unit.COUNT);
            }
        }
        out.note("watchdog", Map.of("timeout_ms", timeout.toMillis(), "jvm_launches", summary.launches(),
                "hung_trials", summary.hung(), "crashed_trials", summary.crashed()));
    }

    private static ResultBuilder.Row trialRow(ResultBuilder out, RacePlan.Trial t, Boolean together) {
        ResultBuilder.Row row = out.row();
        trialDims(t.subject(), t.phase(), t.run(), together).forEach(row::with);
        return row;
    }

    /** A trial row's dimensions: subject, phase, run, and whether its threads started together (absent for a trial the watchdog ended). */
    private static Map<String, Object> trialDims(SharedMapType subject, RacePlan.Phase phase, int run, Boolean together) {
        Map<String, Object> dims = Plan.dims("subject", subject.id(), "phase", phaseName(phase), "run", run);
        if (together != null) dims.put("started_together", together);
        return dims;
    }

    private static String phaseName(RacePlan.Phase phase) {
        return phase.name().toLowerCase(Locale.ROOT);
    }

    /** The metrics of a finished trial of {@code phase}, as measure writes them. */
    private static List<String> trialMetrics(RacePlan.Phase phase) {
        return phase == RacePlan.Phase.PUTS ? List.of("lost_keys", "size_minus_present", "exceptions") : List.of("cme_thrown", "other_exceptions");
    }

    /**
     * Rough milliseconds of one trial, from the reference run (9 subjects, 600 runs, 235 s on a
     * quiet 2-core machine): about 11 ms for 2 x 1000 keys (threads started, paced, every key
     * checked), more for copy-on-write (each put copies the map) and the single writer (puts
     * handed to its thread).
     */
    static double trialMs(SharedMapType subject, int keys) {
        double scale = keys / 2000.0;
        return switch (subject) {
            case COPY_ON_WRITE -> 2 + 50 * scale * scale;
            case SINGLE_WRITER -> 2 + 20 * scale;
            default -> 2 + 9 * scale;
        };
    }

    /**
     * The plan: one watched child JVM running every trial (and a new one after each hung trial),
     * the rows of every trial and phase, and the findings for the subjects. Every trial's rows are
     * optional (a trial may hang or be skipped after {@code max_hangs}); {@code started_together}
     * varies (the threads' start is what the trial observes), and so does the run of a hung or
     * crashed trial (one of each per subject and phase stands for them in the synthetic rows).
     * Only the {@code skipped} rows are always written.
     */
    @Override
    public void plan(Plan.Builder plan, RunContext context) {
        Params p = plan.params();
        List<SharedMapType> subjects = p.getStrings("subjects").stream().map(SharedMapType::parse).toList();
        int runs = p.getInt("runs");
        int putKeys = p.getInt("threads") * p.getInt("keys_per_thread");
        int iterationKeys = p.getInt("iteration_keys");
        plan.step("starting the trials' child JVM", 1, 1.5);
        for (SharedMapType s : subjects) {
            plan.step("put trials: " + s.label(), runs, trialMs(s, putKeys) / 1000);
            plan.step("iteration trials: " + s.label(), runs, trialMs(s, iterationKeys + iterationKeys / 2) / 1000);
        }
        if (subjects.contains(SharedMapType.HASHMAP)) {
            // the reference run saw one hung HashMap put trial in 600: its timeout and a new JVM
            plan.step("a hung HashMap trial: watchdog timeout and a new JVM", (runs + 599) / 600, p.getLong("timeout_ms") / 1000.0 + 1.5);
        }
        for (RacePlan.Phase phase : RacePlan.Phase.values()) {
            for (SharedMapType s : subjects) {
                plan.optional(true).varying("started_together");
                for (int run = 0; run < runs; run++) {
                    for (String metric : trialMetrics(phase)) {
                        Map<String, Object> dims = trialDims(s, phase, run, true);
                        if (metric.equals("cme_thrown")) plan.count(dims, metric, Unit.COUNT, run % 2);
                        else if (metric.equals("lost_keys")) plan.count(dims, metric, Unit.COUNT, s.threadSafe() ? 0 : run % 3);
                        else plan.count(dims, metric, Unit.COUNT, 0);
                    }
                }
                plan.varying("run");
                plan.count(trialDims(s, phase, 0, null), "hung", Unit.COUNT, 1);
                plan.count(trialDims(s, phase, 0, null), "crashed", Unit.COUNT, 1);
                plan.varying().optional(false);
            }
        }
        for (RacePlan.Phase phase : RacePlan.Phase.values()) {
            for (SharedMapType s : subjects) plan.count(Plan.dims("subject", s.id(), "phase", phaseName(phase)), "skipped", Unit.COUNT, 0);
        }
        plan.finding("runs");
        if (subjects.contains(SharedMapType.HASHMAP)) {
            plan.finding("hashmap_runs_with_lost_keys", "hashmap_lost_keys_rate", "hashmap_max_lost_keys", "hashmap_size_mismatch_runs",
                    "hashmap_hung_runs", "cme_rate");
        }
        if (subjects.contains(SharedMapType.CONCURRENT_HASH_MAP)) plan.finding("chm_lost_keys", "chm_cme_runs");
        if (subjects.contains(SharedMapType.SYNCHRONIZED_MAP)) plan.finding("synchronized_lost_keys");
        subjects.stream().filter(SharedMapType::isPeer).forEach(s -> plan.finding(s.id() + "_lost_keys", s.id() + "_cme_runs"));
    }

    // ------------------------------------------------------------------ conclude

    /** Per subject and phase: what the stored trial rows show. */
    static final class Tally {
        int runs;
        int runsWithLostKeys;
        int maxLostKeys;
        long lostKeys;
        int sizeMismatchRuns;
        int exceptionRuns;
        int startedTogether;
        boolean togetherRecorded;
        int cmeRuns;
        int hung;
        int crashed;
        int skipped = -1;
        final List<Integer> runIndex = new ArrayList<>();
        final List<Integer> lostPerRun = new ArrayList<>();

        /** Skipped trials: as recorded, or (runs stored before skipped rows were kept) the planned trials not otherwise accounted for. */
        int skipped(int planned) {
            return skipped >= 0 ? skipped : Math.max(0, planned - runs - hung - crashed);
        }
    }

    @Override
    public void conclude(RunData data, ResultBuilder out) {
        Params p = data.params();
        List<SharedMapType> subjects = p.getStrings("subjects").stream().map(SharedMapType::parse).toList();
        int runs = p.getInt("runs");
        int threads = p.getInt("threads");
        int keysPerThread = p.getInt("keys_per_thread");
        int iterationKeys = p.getInt("iteration_keys");
        Map<RacePlan.Phase, Map<SharedMapType, Tally>> tallies = tally(data.rows(), subjects);
        tables(out, tallies, subjects, runs);
        charts(out, tallies, subjects, threads * keysPerThread);
        findings(out, tallies, runs, threads, keysPerThread, iterationKeys);
    }

    /** One pass over the stored rows: per phase and subject, what the trials saw. */
    static Map<RacePlan.Phase, Map<SharedMapType, Tally>> tally(Rows rows, List<SharedMapType> subjects) {
        Map<RacePlan.Phase, Map<SharedMapType, Tally>> tallies = new EnumMap<>(RacePlan.Phase.class);
        for (RacePlan.Phase phase : RacePlan.Phase.values()) {
            Map<SharedMapType, Tally> m = new EnumMap<>(SharedMapType.class);
            subjects.forEach(s -> m.put(s, new Tally()));
            tallies.put(phase, m);
        }
        for (Rows.Row r : rows) {
            RacePlan.Phase phase = RacePlan.Phase.valueOf(r.str("phase").toUpperCase(Locale.ROOT));
            Tally t = tallies.get(phase).get(SharedMapType.parse(r.str("subject")));
            if (t == null) continue;
            int v = (int) Math.round(r.value());
            boolean firstRowOfTrial = r.metric().equals("lost_keys") || r.metric().equals("cme_thrown");
            if (firstRowOfTrial) {
                t.runs++;
                if (r.has("started_together")) {
                    t.togetherRecorded = true;
                    if (r.bool("started_together")) t.startedTogether++;
                }
            }
            switch (r.metric()) {
                case "lost_keys" -> {
                    t.runIndex.add((int) r.integer("run"));
                    t.lostPerRun.add(v);
                    if (v > 0) t.runsWithLostKeys++;
                    t.lostKeys += v;
                    t.maxLostKeys = Math.max(t.maxLostKeys, v);
                }
                case "size_minus_present" -> { if (v != 0) t.sizeMismatchRuns++; }
                case "exceptions", "other_exceptions" -> { if (v > 0) t.exceptionRuns++; }
                case "cme_thrown" -> { if (v > 0) t.cmeRuns++; }
                case "hung" -> t.hung++;
                case "crashed" -> t.crashed++;
                case "skipped" -> t.skipped = v;
                default -> { }
            }
        }
        return tallies;
    }

    /**
     * The Clopper-Pearson (exact binomial) interval of a proportion at {@link Estimates#CONFIDENCE}:
     * the Beta quantiles {@code B(a/2; x, n-x+1)} and {@code B(1-a/2; x+1, n-x)}, with 0 as the lower
     * bound when {@code x = 0} and 1 as the upper when {@code x = n}. The value is {@code x / n};
     * with no trials, NaN throughout.
     */
    public static Estimate clopperPearson(long successes, long trials) {
        if (trials <= 0) return new Estimate(Double.NaN, Double.NaN, Double.NaN, 0);
        if (successes < 0 || successes > trials) throw new IllegalArgumentException("successes: must be 0 to " + trials + ", got " + successes);
        double a = (1 - Estimates.CONFIDENCE) / 2;
        double low = successes == 0 ? 0 : new BetaDistribution(successes, trials - successes + 1).inverseCumulativeProbability(a);
        double high = successes == trials ? 1 : new BetaDistribution(successes + 1, trials - successes).inverseCumulativeProbability(1 - a);
        return new Estimate((double) successes / trials, low, high, (int) Math.min(Integer.MAX_VALUE, trials));
    }

    private static void tables(ResultBuilder out, Map<RacePlan.Phase, Map<SharedMapType, Tally>> tallies, List<SharedMapType> subjects, int planned) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SharedMapType s : subjects) {
            Tally puts = tallies.get(RacePlan.Phase.PUTS).get(s);
            Tally iter = tallies.get(RacePlan.Phase.ITERATION).get(s);
            Estimate lostRate = clopperPearson(puts.runsWithLostKeys, puts.runs);
            Estimate cmeRate = clopperPearson(iter.cmeRuns, iter.runs);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("subject", s.label());
            row.put("thread_safe", s.threadSafe());
            row.put("put_runs", (long) puts.runs);
            row.put("put_runs_started_together", puts.togetherRecorded ? (Object) (long) puts.startedTogether : null);
            row.put("runs_with_lost_keys", (long) puts.runsWithLostKeys);
            row.put("lost_keys_rate", lostRate.value());
            row.put("lost_keys_rate_low", lostRate.low());
            row.put("lost_keys_rate_high", lostRate.high());
            row.put("max_lost_keys", (long) puts.maxLostKeys);
            row.put("lost_keys_total", puts.lostKeys);
            row.put("size_mismatch_runs", (long) puts.sizeMismatchRuns);
            row.put("put_runs_with_exceptions", (long) puts.exceptionRuns);
            row.put("put_runs_hung", (long) puts.hung);
            row.put("put_runs_crashed", (long) puts.crashed);
            row.put("put_runs_skipped", (long) puts.skipped(planned));
            row.put("iteration_runs", (long) iter.runs);
            row.put("iteration_runs_started_together", iter.togetherRecorded ? (Object) (long) iter.startedTogether : null);
            row.put("cme_runs", (long) iter.cmeRuns);
            row.put("cme_rate", cmeRate.value());
            row.put("cme_rate_low", cmeRate.low());
            row.put("cme_rate_high", cmeRate.high());
            row.put("iteration_runs_with_other_exceptions", (long) iter.exceptionRuns);
            row.put("iteration_runs_hung", (long) iter.hung);
            row.put("iteration_runs_crashed", (long) iter.crashed);
            row.put("iteration_runs_skipped", (long) iter.skipped(planned));
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
        boolean anyTrial = tallies.values().stream().flatMap(m -> m.values().stream()).anyMatch(t -> t.runs > 0 || t.hung > 0 || t.crashed > 0);
        if (anyTrial) out.attempt("runs", () -> out.finding(Finding.parameter("runs", runs, "count", "Each subject ran %.0f put trials (" + threads + " threads, "
                + keysPerThread + " distinct keys each, started together on a fresh map) and as many iteration trials (one thread iterating "
                + iterationKeys + " entries while another adds " + iterationKeys / 2 + ")")));
        List<String> missing = new ArrayList<>();
        Tally hm = tallies.get(RacePlan.Phase.PUTS).get(SharedMapType.HASHMAP);
        if (hm != null && hm.runs > 0) {
            out.attempt(List.of("hashmap_runs_with_lost_keys", "hashmap_lost_keys_rate", "hashmap_max_lost_keys", "hashmap_size_mismatch_runs"), () -> {
                String ran = ran(hm, runs);
                out.finding(putCount(Finding.count("hashmap_runs_with_lost_keys", hm.runsWithLostKeys, "count", String.format(Locale.ROOT,
                        "Unsynchronized HashMap lost keys in %%.0f of %d finished runs (%s): containsKey missed keys that a thread had put%s",
                        hm.runs, percent(hm.runsWithLostKeys, hm.runs), escape(ran))), runs, threads, keysPerThread));
                Estimate rate = clopperPearson(hm.runsWithLostKeys, hm.runs);
                out.finding(Finding.estimate("hashmap_lost_keys_rate", rate, "fraction", Finding.Basis.COUNT, String.format(Locale.ROOT,
                        "Share of unsynchronized HashMap put runs that lost keys: %%.3f (%d of %d finished runs; Clopper-Pearson interval)",
                        hm.runsWithLostKeys, hm.runs)).where("threads", threads).where("keys_per_thread", keysPerThread));
                out.finding(putCount(Finding.count("hashmap_max_lost_keys", hm.maxLostKeys, "count", String.format(Locale.ROOT,
                        "At worst, one HashMap run lost %%.0f of its %d keys (%s), and nothing was thrown to say so",
                        keys, percent(hm.maxLostKeys, keys))), runs, threads, keysPerThread));
                out.finding(putCount(Finding.count("hashmap_size_mismatch_runs", hm.sizeMismatchRuns, "count", String.format(Locale.ROOT,
                        "In %%.0f of %d finished HashMap runs (%s) size() disagreed with the number of keys actually present",
                        hm.runs, percent(hm.sizeMismatchRuns, hm.runs))), runs, threads, keysPerThread));
            });
        } else {
            missing.add("hashmap_*: needs subject hashmap with at least one finished put run");
        }
        if (hm != null && (hm.runs > 0 || hm.hung > 0 || hm.crashed > 0)) {
            out.attempt("hashmap_hung_runs", () -> out.finding(putCount(Finding.count("hashmap_hung_runs", hm.hung, "count",
                    "%.0f HashMap put run(s) hung and were killed by the watchdog"
                    + (hm.skipped(runs) > 0 ? "; the remaining " + hm.skipped(runs) + " were skipped" : "")), runs, threads, keysPerThread)));
        }
        Tally chm = tallies.get(RacePlan.Phase.PUTS).get(SharedMapType.CONCURRENT_HASH_MAP);
        if (chm != null && chm.runs > 0) {
            out.attempt("chm_lost_keys", () -> out.finding(putCount(Finding.count("chm_lost_keys", chm.lostKeys, "count", String.format(Locale.ROOT,
                    "ConcurrentHashMap lost %%.0f keys in %d finished runs (%d size() mismatches)%s%s", chm.runs, chm.sizeMismatchRuns,
                    escape(noneSeen(chm.runsWithLostKeys, chm.runs, "a run losing keys")), escape(ran(chm, runs)))), runs, threads, keysPerThread)));
        } else {
            missing.add("chm_lost_keys: needs subject concurrent_hash_map with at least one finished put run");
        }
        Tally sync = tallies.get(RacePlan.Phase.PUTS).get(SharedMapType.SYNCHRONIZED_MAP);
        if (sync != null && sync.runs > 0) {
            out.attempt("synchronized_lost_keys", () -> out.finding(putCount(Finding.count("synchronized_lost_keys", sync.lostKeys, "count",
                    String.format(Locale.ROOT, "synchronizedMap lost %%.0f keys in %d finished runs%s%s", sync.runs,
                    escape(noneSeen(sync.runsWithLostKeys, sync.runs, "a run losing keys")), escape(ran(sync, runs)))), runs, threads, keysPerThread)));
        }
        Tally hmIter = tallies.get(RacePlan.Phase.ITERATION).get(SharedMapType.HASHMAP);
        if (hmIter != null && hmIter.runs > 0) {
            out.attempt("cme_rate", () -> {
                Estimate rate = clopperPearson(hmIter.cmeRuns, hmIter.runs);
                out.finding(Finding.estimate("cme_rate", rate, "fraction", Finding.Basis.COUNT, String.format(Locale.ROOT,
                        "HashMap's forEach threw ConcurrentModificationException in %d of %d finished runs while another thread added keys: "
                        + "a share of %%.3f (Clopper-Pearson interval)%s", hmIter.cmeRuns, hmIter.runs,
                        hmIter.cmeRuns < hmIter.runs ? "; in the other runs the change went unnoticed (fail-fast is best effort)" : ""))
                        .where("iteration_keys", iterationKeys));
            });
        } else {
            missing.add("cme_rate: needs subject hashmap with at least one finished iteration run");
        }
        Tally chmIter = tallies.get(RacePlan.Phase.ITERATION).get(SharedMapType.CONCURRENT_HASH_MAP);
        if (chmIter != null && chmIter.runs > 0) {
            out.attempt("chm_cme_runs", () -> out.finding(Finding.count("chm_cme_runs", chmIter.cmeRuns, "count", String.format(Locale.ROOT,
                    "ConcurrentHashMap's forEach threw ConcurrentModificationException in %%.0f of %d finished runs (its iterators are weakly consistent)%s",
                    chmIter.runs, escape(noneSeen(chmIter.cmeRuns, chmIter.runs, "a throwing run"))))
                    .where("runs", runs).where("iteration_keys", iterationKeys)));
        }
        for (SharedMapType s : tallies.get(RacePlan.Phase.PUTS).keySet()) {
            if (s.isPeer()) peerFindings(out, missing, s, tallies, runs, threads, keysPerThread, iterationKeys);
        }
        if (!missing.isEmpty()) out.note("findings_not_computed", missing);
    }

    /**
     * A peer library's concurrent map, as ConcurrentHashMap's: {@code <id>_lost_keys} (keys lost
     * in the finished put runs) and {@code <id>_cme_runs} (iteration runs that threw
     * ConcurrentModificationException), each with its upper bound when none was seen.
     */
    private static void peerFindings(ResultBuilder out, List<String> missing, SharedMapType s, Map<RacePlan.Phase, Map<SharedMapType, Tally>> tallies,
                                     int runs, int threads, int keysPerThread, int iterationKeys) {
        Tally puts = tallies.get(RacePlan.Phase.PUTS).get(s);
        if (puts.runs > 0) {
            out.attempt(s.id() + "_lost_keys", () -> out.finding(putCount(Finding.count(s.id() + "_lost_keys", puts.lostKeys, "count",
                    String.format(Locale.ROOT, "%s lost %%.0f keys in %d finished runs (%d size() mismatches)%s%s", escape(s.label()), puts.runs,
                    puts.sizeMismatchRuns, escape(noneSeen(puts.runsWithLostKeys, puts.runs, "a run losing keys")), escape(ran(puts, runs)))),
                    runs, threads, keysPerThread)));
        } else {
            missing.add(s.id() + "_lost_keys: needs subject " + s.id() + " with at least one finished put run");
        }
        Tally iteration = tallies.get(RacePlan.Phase.ITERATION).get(s);
        if (iteration.runs > 0) {
            out.attempt(s.id() + "_cme_runs", () -> out.finding(Finding.count(s.id() + "_cme_runs", iteration.cmeRuns, "count", String.format(Locale.ROOT,
                    "%s's forEach threw ConcurrentModificationException in %%.0f of %d finished runs%s", escape(s.label()), iteration.runs,
                    escape(noneSeen(iteration.cmeRuns, iteration.runs, "a throwing run"))))
                    .where("runs", runs).where("iteration_keys", iterationKeys)));
        } else {
            missing.add(s.id() + "_cme_runs: needs subject " + s.id() + " with at least one finished iteration run");
        }
    }

    /** A put-phase count with the conditions it grows with. */
    private static Finding putCount(Finding f, int runs, int threads, int keysPerThread) {
        return f.where("runs", runs).where("threads", threads).where("keys_per_thread", keysPerThread);
    }

    /** Where nothing was seen in {@code n} runs: the Clopper-Pearson upper bound on its rate; else "". */
    private static String noneSeen(int seen, int n, String what) {
        if (seen > 0 || n == 0) return "";
        return String.format(Locale.ROOT, "; with none in %d runs, the rate of %s is at most %.2g (%s upper bound, Clopper-Pearson)",
                n, what, clopperPearson(0, n).high(), Finding.confidenceLabel());
    }

    private static String escape(String s) {
        return s.replace("%", "%%");
    }

    /** "" when every planned run finished, else how many hung, crashed or were skipped. */
    private static String ran(Tally t, int planned) {
        if (t.runs == planned) return "";
        return String.format(Locale.ROOT, " (of %d planned: %d hung, %d crashed, %d skipped)", planned, t.hung, t.crashed, t.skipped(planned));
    }

    private static String percent(long count, long of) {
        return of == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f%%%%", 100.0 * count / of);
    }
}
