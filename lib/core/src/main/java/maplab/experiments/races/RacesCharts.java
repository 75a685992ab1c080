package maplab.experiments.races;

import maplab.conclude.ChartData;
import java.util.List;
import java.util.Map;
import maplab.chart.Charts;
import maplab.measure.race.RacePlan;
import maplab.conclude.ResultBuilder;
import maplab.subject.concurrent.SharedMapType;
import maplab.experiments.races.RacesConclude.Tally;

/** races' charts: the shares of trials that lost keys or threw, per subject and phase. */
final class RacesCharts {

    private RacesCharts() { }

    static void charts(ResultBuilder out, Map<RacePlan.Phase, Map<SharedMapType, Tally>> tallies,
                               List<SharedMapType> subjects, int keysPerRun) {
        ChartData.Builder lost = ChartData.lines("Keys lost per run (" + keysPerRun + " keys put by all threads together)", "run", "lost keys (count)");
        for (SharedMapType s : subjects) {
            Tally t = tallies.get(RacePlan.Phase.PUTS).get(s);
            if (t.runIndex.isEmpty()) continue;
            lost.series(s.label(), t.runIndex, t.lostPerRun, null, ChartData.Mark.POINTS);
        }
        out.chart("lost keys per run", lost);

        ChartData.Builder rates = ChartData.bars("Share of runs that went wrong", "subject", "share of runs (fraction)");
        List<String> labels = subjects.stream().map(SharedMapType::label).toList();
        rates.bars("lost keys", labels, subjects.stream()
                .map(s -> share(tallies.get(RacePlan.Phase.PUTS).get(s).runsWithLostKeys, tallies.get(RacePlan.Phase.PUTS).get(s).runs)).toList(), null);
        rates.bars("size() wrong", labels, subjects.stream()
                .map(s -> share(tallies.get(RacePlan.Phase.PUTS).get(s).sizeMismatchRuns, tallies.get(RacePlan.Phase.PUTS).get(s).runs)).toList(), null);
        rates.bars("ConcurrentModificationException", labels, subjects.stream()
                .map(s -> share(tallies.get(RacePlan.Phase.ITERATION).get(s).cmeRuns, tallies.get(RacePlan.Phase.ITERATION).get(s).runs)).toList(), null);
        out.chart("failure rates", rates);
    }

    private static double share(int count, int runs) {
        return runs == 0 ? 0 : (double) count / runs;
    }
}
