package maplab.experiments.races;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import maplab.measure.race.RacePlan;
import maplab.conclude.Finding;
import maplab.conclude.ResultBuilder;
import maplab.stats.Estimates.Estimate;
import maplab.subject.concurrent.SharedMapType;
import maplab.experiments.races.RacesConclude.Tally;
import static maplab.experiments.races.RacesConclude.clopperPearson;

/** races' findings: the counts and rates of lost keys, wrong sizes, hangs and CMEs per subject. */
final class RacesFindings {

    private RacesFindings() { }

    static void findings(ResultBuilder out, Map<RacePlan.Phase, Map<SharedMapType, Tally>> tallies,
                                 int runs, int threads, int keysPerThread, int iterationKeys) {
        boolean anyTrial = tallies.values().stream().flatMap(m -> m.values().stream()).anyMatch(t -> t.runs > 0 || t.hung > 0 || t.crashed > 0);
        if (anyTrial) out.attempt("runs", () -> out.finding(Finding.parameter("runs", runs, "count", "Each subject ran %.0f put trials (" + threads + " threads, "
                + keysPerThread + " distinct keys each, started together on a fresh map) and as many iteration trials (one thread iterating "
                + iterationKeys + " entries while another adds " + iterationKeys / 2 + ")")));
        List<String> missing = new ArrayList<>();
        hashmapFindings(out, missing, tallies.get(RacePlan.Phase.PUTS).get(SharedMapType.HASHMAP), runs, threads, keysPerThread);
        lockedPutFindings(out, missing, tallies.get(RacePlan.Phase.PUTS), runs, threads, keysPerThread);
        iterationFindings(out, missing, tallies.get(RacePlan.Phase.ITERATION), runs, iterationKeys);
        for (SharedMapType s : tallies.get(RacePlan.Phase.PUTS).keySet()) {
            if (s.isPeer()) peerFindings(out, missing, s, tallies, runs, threads, keysPerThread, iterationKeys);
        }
        if (!missing.isEmpty()) out.note("findings_not_computed", missing);
    }

    /** Unsynchronized HashMap's put findings: runs with lost keys, their rate, the worst run, size() mismatches, hung runs. */
    private static void hashmapFindings(ResultBuilder out, List<String> missing, Tally hm, int runs, int threads, int keysPerThread) {
        int keys = threads * keysPerThread;
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
    }

    /** ConcurrentHashMap's and synchronizedMap's lost keys in the put trials. */
    private static void lockedPutFindings(ResultBuilder out, List<String> missing, Map<SharedMapType, Tally> puts,
                                          int runs, int threads, int keysPerThread) {
        Tally chm = puts.get(SharedMapType.CONCURRENT_HASH_MAP);
        if (chm != null && chm.runs > 0) {
            out.attempt("chm_lost_keys", () -> out.finding(putCount(Finding.count("chm_lost_keys", chm.lostKeys, "count", String.format(Locale.ROOT,
                    "ConcurrentHashMap lost %%.0f keys in %d finished runs (%d size() mismatches)%s%s", chm.runs, chm.sizeMismatchRuns,
                    escape(noneSeen(chm.runsWithLostKeys, chm.runs, "a run losing keys")), escape(ran(chm, runs)))), runs, threads, keysPerThread)));
        } else {
            missing.add("chm_lost_keys: needs subject concurrent_hash_map with at least one finished put run");
        }
        Tally sync = puts.get(SharedMapType.SYNCHRONIZED_MAP);
        if (sync != null && sync.runs > 0) {
            out.attempt("synchronized_lost_keys", () -> out.finding(putCount(Finding.count("synchronized_lost_keys", sync.lostKeys, "count",
                    String.format(Locale.ROOT, "synchronizedMap lost %%.0f keys in %d finished runs%s%s", sync.runs,
                    escape(noneSeen(sync.runsWithLostKeys, sync.runs, "a run losing keys")), escape(ran(sync, runs)))), runs, threads, keysPerThread)));
        }
    }

    /** The iteration trials' findings: HashMap's ConcurrentModificationException rate, ConcurrentHashMap's throwing runs. */
    private static void iterationFindings(ResultBuilder out, List<String> missing, Map<SharedMapType, Tally> iteration,
                                          int runs, int iterationKeys) {
        Tally hmIter = iteration.get(SharedMapType.HASHMAP);
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
        Tally chmIter = iteration.get(SharedMapType.CONCURRENT_HASH_MAP);
        if (chmIter != null && chmIter.runs > 0) {
            out.attempt("chm_cme_runs", () -> out.finding(Finding.count("chm_cme_runs", chmIter.cmeRuns, "count", String.format(Locale.ROOT,
                    "ConcurrentHashMap's forEach threw ConcurrentModificationException in %%.0f of %d finished runs (its iterators are weakly consistent)%s",
                    chmIter.runs, escape(noneSeen(chmIter.cmeRuns, chmIter.runs, "a throwing run"))))
                    .where("runs", runs).where("iteration_keys", iterationKeys)));
        }
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
