package maplab.experiments.races;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import maplab.plan.Params;
import maplab.run.RunData;
import maplab.measure.race.RacePlan;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.conclude.TidyTables;
import maplab.stats.Estimates;
import maplab.stats.Estimates.Estimate;
import maplab.subject.concurrent.SharedMapType;
import org.apache.commons.math3.distribution.BetaDistribution;
import static maplab.experiments.races.RacesCharts.charts;
import static maplab.experiments.races.RacesFindings.findings;

/**
 * races' conclusions ({@link Races#conclude}) from the stored trial rows: the tally per phase and
 * subject, the Clopper-Pearson rates and the tables; the findings are {@link RacesFindings}'.
 */
final class RacesConclude {

    private RacesConclude() { }

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
        int runsWithMisses;
        long misses;
        long lookups;

        /** Counts one stored row of a trial (the first metric of a trial counts the trial). */
        void add(Rows.Row r) {
            int v = (int) Math.min(Integer.MAX_VALUE, Math.round(r.value()));
            boolean firstRowOfTrial = r.metric().equals("lost_keys") || r.metric().equals("cme_thrown") || r.metric().equals("missed_gets");
            if (firstRowOfTrial) {
                runs++;
                if (r.has("started_together")) {
                    togetherRecorded = true;
                    if (r.bool("started_together")) startedTogether++;
                }
            }
            switch (r.metric()) {
                case "lost_keys" -> {
                    runIndex.add((int) r.integer("run"));
                    lostPerRun.add(v);
                    if (v > 0) runsWithLostKeys++;
                    lostKeys += v;
                    maxLostKeys = Math.max(maxLostKeys, v);
                }
                case "missed_gets" -> {
                    if (r.value() > 0) runsWithMisses++;
                    misses += Math.round(r.value());
                }
                case "lookups" -> lookups += Math.round(r.value());
                case "size_minus_present" -> { if (v != 0) sizeMismatchRuns++; }
                case "exceptions", "other_exceptions" -> { if (v > 0) exceptionRuns++; }
                case "cme_thrown" -> { if (v > 0) cmeRuns++; }
                case "hung" -> hung++;
                case "crashed" -> crashed++;
                case "skipped" -> skipped = v;
                default -> { }
            }
        }

        /** Skipped trials: as recorded, or (runs stored before skipped rows were kept) the planned trials not otherwise accounted for. */
        int skipped(int planned) {
            return skipped >= 0 ? skipped : Math.max(0, planned - runs - hung - crashed);
        }
    }

    static void conclude(RunData data, ResultBuilder out) {
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
        RacesClaimFindings.findings(out, tallies.get(RacePlan.Phase.PUTS).get(SharedMapType.HASHMAP), tallyExtras(data.rows()), p);
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
            if (RacePlan.Extra.ofPhase(r.str("phase")) != null) continue;   // the claim checks: tallyExtras
            RacePlan.Phase phase = RacePlan.Phase.valueOf(r.str("phase").toUpperCase(Locale.ROOT));
            Tally t = tallies.get(phase).get(SharedMapType.parse(r.str("subject")));
            if (t != null) t.add(r);
        }
        return tallies;
    }

    /** Per claim check ({@link RacePlan.Extra}): what its stored rows show; a check with no rows has an empty tally. */
    static Map<RacePlan.Extra, Tally> tallyExtras(Rows rows) {
        Map<RacePlan.Extra, Tally> tallies = new EnumMap<>(RacePlan.Extra.class);
        for (RacePlan.Extra e : RacePlan.Extra.values()) tallies.put(e, new Tally());
        for (Rows.Row r : rows) {
            RacePlan.Extra e = RacePlan.Extra.ofPhase(r.str("phase"));
            if (e != null) tallies.get(e).add(r);
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
}
