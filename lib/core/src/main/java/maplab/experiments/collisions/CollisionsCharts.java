package maplab.experiments.collisions;

import maplab.conclude.ChartData;
import java.util.ArrayList;
import java.util.List;
import maplab.chart.Charts;
import maplab.conclude.Finding;
import maplab.measure.Measured;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.stats.Stats;
import maplab.subject.collision.CollisionCase;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import maplab.experiments.Sweeps;
import static maplab.experiments.collisions.CollisionsConclude.growth;
import static maplab.experiments.collisions.CollisionsConclude.sizesOf;

/** collisions' charts: time per insert against n, log-log, with the growth table. */
final class CollisionsCharts {

    private CollisionsCharts() { }

    /** Time per insert against n (log-log, 99% intervals over forks) and the growth table, for the cases timed at two or more sizes. */
    static void timeCharts(Rows fills, ResultBuilder out) {
        ChartData.Builder chart = ChartData.logLog("Insert time per key (JMH, " + Finding.confidenceLabel() + " interval over forks)", "n (keys)", "time per insert (ns)");
        StringColumn name = StringColumn.create("case");
        StringColumn range = StringColumn.create("sizes");
        DoubleColumn exponent = DoubleColumn.create("exponent");
        DoubleColumn low = DoubleColumn.create("low");
        DoubleColumn high = DoubleColumn.create("high");
        DoubleColumn r2 = DoubleColumn.create("r2");
        boolean any = false;
        for (CollisionCase c : CollisionCase.values()) {
            List<Integer> ns = sizesOf(fills, c);
            if (ns.size() < 2) continue;
            any = true;
            List<Double> perInsert = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            for (int n : ns) {
                Measured m = fills.where("subject", c.id()).where("n_keys", n).one().measured().scaled(1.0 / n);
                perInsert.add(m.value());
                errors.add(Sweeps.logSafeError(m.value(), m.error()));
            }
            chart.series(c.label(), ns, perInsert, errors);
            Stats.Growth g = growth(fills, c);
            name.append(c.label());
            range.append(ns.get(0) + ".." + ns.get(ns.size() - 1));
            exponent.append(g.exponent());
            low.append(g.exponentLow());
            high.append(g.exponentHigh());
            r2.append(g.r2());
        }
        if (!any) return;
        out.chart("time per insert", chart);
        out.table("growth", Table.create("growth", name, range, exponent, low, high, r2));
    }
}
