package maplab.experiments.races;

import java.util.List;
import java.util.stream.Stream;
import maplab.plan.ParamSpec;
import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.run.RunData;
import maplab.measure.WatchedJvm;
import maplab.measure.race.RacePlan;
import maplab.measure.race.RaceWorker;
import maplab.conclude.ResultBuilder;
import maplab.stats.Estimates;
import maplab.subject.concurrent.SharedMapType;
import maplab.experiments.Experiment;
import maplab.experiments.RunContext;

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
 *       ({@link RacesConclude#clopperPearson}). Clopper-Pearson rather than Wilson because these shares sit
 *       at 0 or near 1, where Wilson's interval is too narrow and Clopper-Pearson keeps its
 *       coverage (it is conservative). A rate does not grow with {@code runs}, so its
 *       conditions are the trial's size and threads only. The counts' texts also give the
 *       upper bound on the rate where nothing was seen (0 of n runs).</li>
 * </ul>
 * Hung and crashed trials are left out of the denominators (they finished no check) and
 * reported on their own. {@code runs} is a parameter finding.
 *
 * <p><b>Claim checks</b> ({@link RacePlan.Extra}, {@code extra_runs} trials each, rows with their own
 * {@code phase}): a plain {@code get} racing {@code put} on {@code HashMap} (metrics
 * {@code missed_gets}, {@code lookups}, {@code exceptions}); puts into a presized {@code HashMap}
 * (no resize during the race), into the single-writer map by {@code crowd_threads} threads, and
 * into maplab's incrementally resizing map (put metrics; its first hung trial ends its block).
 * Their findings are {@link RacesClaimFindings}'.
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

    @Override public String id() { return "races"; }

    @Override public String summary() {
        return "unsynchronized HashMap under concurrent puts and iteration: lost keys, wrong size(), ConcurrentModificationException";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
                ParamSpec.choices("subjects", SharedMapType.ids(), String.join(",", QUICK_SUBJECTS),
                        String.join(",", SharedMapType.ids()), "maps raced"),
                ParamSpec.integer("runs", 1, 1_000_000, 300, 600, "trials per subject and phase (puts, iteration): the effort of this experiment (no JMH)")
                        .smoke(20),
                ParamSpec.integer("threads", 2, 64, 2, 2, "threads putting keys at once (more than the cores take turns rather than race)"),
                ParamSpec.integer("keys_per_thread", 1, 1_000_000, 1000, 1000, "distinct keys each thread puts"),
                ParamSpec.integer("iteration_keys", 16, 1_000_000, 2000, 2000,
                        "entries in the map that one thread iterates while another adds half as many"),
                ParamSpec.integer("timeout_ms", 100, 600_000, 3000, 3000, "watchdog: a trial taking longer counts as hung and is killed"),
                ParamSpec.integer("max_hangs", 1, 1000, 5, 50, "hung trials after which a subject's remaining trials in that phase are skipped"),
                ParamSpec.integer("extra_runs", 0, 100_000, 30, 600,
                        "trials of each claim check: get racing put on HashMap, presized HashMap puts, the single-writer crowd, the incremental map's puts (0: none)")
                        .smoke(5),
                ParamSpec.integer("crowd_threads", 2, 64, 8, 8, "threads writing at once into the single-writer map (the crowd check)"),
                ParamSpec.integer("crowd_keys_per_thread", 1, 100_000, 25, 250, "distinct keys each crowd thread puts into the single-writer map"));
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

    /** The plan's progress steps: one per block of trials (a phase of one subject, or one claim check): the watchdog skips only within a block, so each block starts. */
    @Override
    public int plannedSteps(Params p) {
        int runs = p.getInt("runs");
        return new RacePlan(p.getStrings("subjects").stream().map(SharedMapType::parse).toList(), runs, 0, p.getInt("extra_runs")).blocks();
    }

    /** Measures: {@link RacesMeasure#measure}. */
    @Override
    public void measure(RunContext ctx) throws Exception {
        RacesMeasure.measure(ctx);
    }

    /** The plan: {@link RacesPlan#plan}. */
    @Override
    public void plan(Plan.Builder plan, RunContext context) {
        RacesPlan.plan(plan, context);
    }

    /** Concludes: {@link RacesConclude#conclude}. */
    @Override
    public void conclude(RunData data, ResultBuilder out) {
        RacesConclude.conclude(data, out);
    }
}
