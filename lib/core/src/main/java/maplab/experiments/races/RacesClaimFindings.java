package maplab.experiments.races;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import maplab.conclude.Finding;
import maplab.conclude.ResultBuilder;
import maplab.measure.race.RacePlan;
import maplab.plan.Params;
import maplab.stats.Estimates;
import maplab.stats.Estimates.Estimate;
import maplab.stats.Stats;
import maplab.experiments.races.RacesConclude.Tally;
import static maplab.experiments.races.RacesConclude.clopperPearson;

/**
 * races' findings from the claim checks ({@link RacePlan.Extra}), each testing one source claim:
 * <ul>
 *   <li>group {@code gets}: a plain {@code get} racing {@code put} on {@code HashMap} (Go's runtime
 *       stops such a race with a fatal error; Java has no such check): runs that missed a key
 *       present all along, their rate, the share of runs Java "caught" (anything thrown), hung runs;</li>
 *   <li>group {@code resizes}: lost keys tied to resizes: mean lost keys per run of a presized
 *       {@code HashMap} (no resize during the race) minus the resizing one's (the main put
 *       trials), and the keys maplab's incrementally resizing map lost;</li>
 *   <li>group {@code crowd}: keys the single-writer map lost to a crowd of writer threads.</li>
 * </ul>
 * A check without rows (a run made before the checks, or {@code extra_runs = 0}) gives no
 * findings; one whose every trial hung gives them as not computed, with the reason.
 */
final class RacesClaimFindings {

    private RacesClaimFindings() { }

    static void findings(ResultBuilder out, Tally resizingHashMap, Map<RacePlan.Extra, Tally> extras, Params p) {
        getFindings(out, extras.get(RacePlan.Extra.GETS_DURING_PUTS), p);
        resizeFindings(out, resizingHashMap, extras.get(RacePlan.Extra.PRESIZED_PUTS), extras.get(RacePlan.Extra.INCREMENTAL_PUTS), p);
        crowdFinding(out, extras.get(RacePlan.Extra.CROWD_PUTS), p);
    }

    /** The get-during-put findings (group {@code gets}). */
    static void getFindings(ResultBuilder out, Tally gets, Params p) {
        int keys = p.getInt("threads") * p.getInt("keys_per_thread");
        List<String> ids = List.of("hashmap_get_during_put_missed_runs", "hashmap_get_during_put_miss_rate",
                "hashmap_get_during_put_caught_rate", "hashmap_get_during_put_hung_runs");
        if (noRows(gets)) return;
        if (gets.runs == 0) {
            String reason = noRuns(gets, "get racing put");
            ids.forEach(id -> out.finding(Finding.notComputed(id, reason).inGroup("gets")));
            return;
        }
        out.attempt(ids, () -> {
            out.finding(getCondition(Finding.count(ids.get(0), gets.runsWithMisses, "count", String.format(Locale.ROOT,
                    "In %%.0f of %d finished runs a HashMap get missed a key present since before the race (%d misses in %d lookups) "
                    + "while another thread's puts grew the table, and nothing was thrown to say so", gets.runs, gets.misses, gets.lookups)), p, keys));
            out.finding(getCondition(Finding.estimate(ids.get(1), clopperPearson(gets.runsWithMisses, gets.runs), "fraction", Finding.Basis.COUNT,
                    String.format(Locale.ROOT, "Share of get-during-put runs in which get missed a present key: %%.3f (%d of %d finished runs; "
                    + "Clopper-Pearson interval)", gets.runsWithMisses, gets.runs)), p, keys));
            out.finding(getCondition(Finding.estimate(ids.get(2), clopperPearson(gets.exceptionRuns, gets.runs), "fraction", Finding.Basis.COUNT,
                    String.format(Locale.ROOT, "Share of get-during-put runs in which Java caught the race (any exception thrown): %%.3f "
                    + "(%d of %d finished runs; Clopper-Pearson interval)", gets.exceptionRuns, gets.runs)), p, keys));
            out.finding(getCondition(Finding.count(ids.get(3), gets.hung, "count",
                    "%.0f get-during-put run(s) hung and were killed by the watchdog"), p, keys));
        });
    }

    private static Finding getCondition(Finding f, Params p, int keys) {
        return f.where("runs", p.getInt("extra_runs")).where("present_keys", keys).where("added_keys", keys).inGroup("gets");
    }

    /** Lost keys tied to resizes (group {@code resizes}). */
    static void resizeFindings(ResultBuilder out, Tally resizing, Tally presized, Tally incremental, Params p) {
        int threads = p.getInt("threads");
        int keysPerThread = p.getInt("keys_per_thread");
        String id = "lost_keys_presized_vs_resizing";
        if (noRows(presized)) {
            // no check run: nothing to say
        } else if (presized.runs < 2 || resizing == null || resizing.runs < 2) {
            out.finding(Finding.notComputed(id, presized.runs < 2 ? noRuns(presized, "presized HashMap put") + " (2 needed)"
                    : "needs subject hashmap with at least 2 finished put runs").inGroup("resizes"));
        } else {
            out.attempt(id, () -> out.finding(Finding.versus(id, meanDifference(presized.lostPerRun, resizing.lostPerRun), 0, "keys",
                    Finding.Basis.COUNT, String.format(Locale.ROOT, "A HashMap presized for its keys (no resize during the race) lost "
                    + "%.1f keys per run on average against %.1f for one growing from the default size: a difference of %%.1f keys per run "
                    + "(%d and %d finished runs; Welch interval)", mean(presized.lostPerRun), mean(resizing.lostPerRun), presized.runs, resizing.runs))
                    .where("threads", threads).where("keys_per_thread", keysPerThread).inGroup("resizes")));
        }
        if (noRows(incremental)) return;
        if (incremental.runs == 0) {
            String reason = noRuns(incremental, "incremental-map put");
            out.finding(Finding.notComputed("incremental_lost_keys", reason).inGroup("resizes"));
        } else {
            out.attempt("incremental_lost_keys", () -> out.finding(Finding.count("incremental_lost_keys", incremental.lostKeys, "count",
                    String.format(Locale.ROOT, "maplab's incrementally resizing map, raced unsynchronized, lost %%.0f keys in %d finished runs "
                    + "(%d runs lost keys, at worst %d of %d)", incremental.runs, incremental.runsWithLostKeys, incremental.maxLostKeys,
                    threads * keysPerThread)).where("runs", incremental.runs).where("threads", threads)
                    .where("keys_per_thread", keysPerThread).inGroup("resizes")));
        }
        if (incremental.runs > 0 || incremental.hung > 0 || incremental.crashed > 0) {
            out.attempt("incremental_hung_runs", () -> out.finding(Finding.count("incremental_hung_runs", incremental.hung + incremental.crashed,
                    "count", "%.0f incremental-map put run(s) hung or crashed (a corrupted table probed for ever); the first one ends its trials"
                    + (incremental.skipped(0) > 0 ? " (" + incremental.skipped(0) + " skipped)" : "")).where("threads", threads)
                    .where("keys_per_thread", keysPerThread).inGroup("resizes")));
        }
    }

    /** Keys the single-writer map lost to a crowd of writers (group {@code crowd}), with the upper bound on the per-key loss rate. */
    static void crowdFinding(ResultBuilder out, Tally crowd, Params p) {
        String id = "single_writer_lost_keys";
        if (noRows(crowd)) return;
        if (crowd.runs == 0) {
            out.finding(Finding.notComputed(id, noRuns(crowd, "single-writer crowd")).inGroup("crowd"));
            return;
        }
        int threads = p.getInt("crowd_threads");
        long keys = (long) crowd.runs * threads * p.getInt("crowd_keys_per_thread");
        out.attempt(id, () -> out.finding(Finding.count(id, crowd.lostKeys, "count", String.format(Locale.ROOT,
                "The single-writer map lost %%.0f of %d keys that %d threads put at once in %d finished runs (%d size() mismatches); "
                + "the share of keys lost is at most %.2g (%s upper bound, Clopper-Pearson)", keys, threads, crowd.runs, crowd.sizeMismatchRuns,
                clopperPearson(crowd.lostKeys, keys).high(), Finding.confidenceLabel().replace("%", "%%")))
                .where("runs", crowd.runs).where("threads", threads).where("keys_per_thread", p.getInt("crowd_keys_per_thread")).inGroup("crowd")));
    }

    /**
     * The difference of the mean of {@code a} and the mean of {@code b}, with its Welch interval at
     * {@link Estimates#CONFIDENCE}; exact when neither varies.
     */
    static Estimate meanDifference(List<Integer> a, List<Integer> b) {
        double[] xa = a.stream().mapToDouble(Integer::doubleValue).toArray();
        double[] xb = b.stream().mapToDouble(Integer::doubleValue).toArray();
        double diff = Stats.mean(xa) - Stats.mean(xb);
        double va = variance(xa) / xa.length;
        double vb = variance(xb) / xb.length;
        if (va + vb == 0) return new Estimate(diff, diff, diff, xa.length + xb.length);
        double df = (va + vb) * (va + vb) / (va * va / (xa.length - 1) + vb * vb / (xb.length - 1));
        double half = Estimates.t(df) * Math.sqrt(va + vb);
        return new Estimate(diff, diff - half, diff + half, xa.length + xb.length);
    }

    private static double variance(double[] xs) {
        double sd = Stats.standardDeviation(xs);
        return sd * sd;
    }

    private static double mean(List<Integer> xs) {
        return xs.stream().mapToInt(Integer::intValue).average().orElse(Double.NaN);
    }

    /** Whether a check wrote no row at all (a run made before the checks, or {@code extra_runs = 0}). */
    private static boolean noRows(Tally t) {
        return t.runs == 0 && t.hung == 0 && t.crashed == 0 && t.skipped < 0;
    }

    /** Why a check that ran has no finished run: every trial hung, crashed or was skipped. */
    private static String noRuns(Tally t, String what) {
        return "every " + what + " run hung, crashed or was skipped (" + t.hung + " hung, " + t.crashed + " crashed)";
    }
}
