package maplab.experiments.races;

import java.util.List;
import java.util.Map;
import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.measure.race.RacePlan;
import maplab.plan.Unit;
import maplab.subject.concurrent.SharedMapType;
import maplab.experiments.RunContext;
import static maplab.experiments.races.RacesRows.extraDims;
import static maplab.experiments.races.RacesRows.extraMetrics;
import static maplab.experiments.races.RacesRows.phaseName;
import static maplab.experiments.races.RacesRows.trialDims;
import static maplab.experiments.races.RacesRows.trialMetrics;

/**
 * races' plan ({@link Races#plan}): a step per block of trials with its estimate, every trial row
 * measure may write and the findings conclude gives for the subjects raced.
 */
final class RacesPlan {

    private RacesPlan() { }

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
    static void plan(Plan.Builder plan, RunContext context) {
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
        extras(plan, p);
        plan.finding("runs");
        if (subjects.contains(SharedMapType.HASHMAP)) {
            plan.finding("hashmap_runs_with_lost_keys", "hashmap_lost_keys_rate", "hashmap_max_lost_keys", "hashmap_size_mismatch_runs",
                    "hashmap_hung_runs", "cme_rate");
        }
        if (subjects.contains(SharedMapType.CONCURRENT_HASH_MAP)) plan.finding("chm_lost_keys", "chm_cme_runs");
        if (subjects.contains(SharedMapType.SYNCHRONIZED_MAP)) plan.finding("synchronized_lost_keys");
        subjects.stream().filter(SharedMapType::isPeer).forEach(s -> plan.finding(s.id() + "_lost_keys", s.id() + "_cme_runs"));
    }

    /**
     * The claim checks ({@link RacePlan.Extra}): a step per kind, every trial's rows (optional, as the
     * main trials'), a skipped row per kind, and their findings ({@link RacesClaimFindings}).
     */
    private static void extras(Plan.Builder plan, Params p) {
        int extraRuns = p.getInt("extra_runs");
        if (extraRuns == 0) return;
        int keys = p.getInt("threads") * p.getInt("keys_per_thread");
        int crowdKeys = p.getInt("crowd_threads") * p.getInt("crowd_keys_per_thread");
        for (RacePlan.Extra e : RacePlan.Extra.values()) {
            double ms = switch (e) {
                case GETS_DURING_PUTS -> trialMs(SharedMapType.HASHMAP, 2 * keys);
                case CROWD_PUTS -> 2 + 0.1 * crowdKeys;   // a rough estimate: a hand-off per put, the crowd taking turns on the cores
                default -> trialMs(SharedMapType.HASHMAP, keys);
            };
            plan.step(e.id() + ": " + e.subject(), extraRuns, ms / 1000);
        }
        // the incremental map's trials often hang: its first hang (one timeout) ends them
        plan.step("a hung incremental-map trial: watchdog timeout", 1, p.getLong("timeout_ms") / 1000.0);
        for (RacePlan.Extra e : RacePlan.Extra.values()) {
            plan.optional(true).varying("started_together");
            for (int run = 0; run < extraRuns; run++) {
                for (String metric : extraMetrics(e)) {
                    double value = switch (metric) {
                        case "lost_keys" -> e == RacePlan.Extra.INCREMENTAL_PUTS ? run % 3 : e == RacePlan.Extra.PRESIZED_PUTS ? run % 2 : 0;
                        case "missed_gets" -> run % 2;
                        case "lookups" -> keys;
                        default -> 0;
                    };
                    plan.count(extraDims(e, run, true), metric, Unit.COUNT, value);
                }
            }
            plan.varying("run");
            plan.count(extraDims(e, 0, null), "hung", Unit.COUNT, 1);
            plan.count(extraDims(e, 0, null), "crashed", Unit.COUNT, 1);
            plan.varying().optional(false);
            plan.count(Plan.dims("subject", e.subject(), "phase", e.id()), "skipped", Unit.COUNT, 0);
        }
        plan.finding("hashmap_get_during_put_missed_runs", "hashmap_get_during_put_miss_rate", "hashmap_get_during_put_caught_rate",
                "hashmap_get_during_put_hung_runs", "incremental_lost_keys", "incremental_hung_runs", "single_writer_lost_keys");
        if (p.getStrings("subjects").contains(SharedMapType.HASHMAP.id()) && p.getInt("runs") >= 2 && extraRuns >= 2) {
            plan.finding("lost_keys_presized_vs_resizing");  // compares with the main HashMap put trials; Welch needs 2 runs a side
        }
    }
}
