package maplab.experiments.gc;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import maplab.conclude.Finding;
import maplab.conclude.ResultBuilder;
import maplab.measure.Jmh;
import maplab.measure.JmhScore;
import maplab.measure.Rows;
import maplab.plan.Unit;
import maplab.experiments.RunContext;
import static maplab.experiments.gc.GcPlan.row;

/**
 * gc's allocating writers part (effort {@code writers_effort}): throughput of one writer filling
 * new HashMaps ({@code AllocWritersBench}), alone and beside {@code alloc_writers - 1} others doing
 * the same, the two in alternating rounds. Each writer has its own map, so what the writers share
 * is the heap: allocation (TLAB refills) and the stop-the-world collections every writer waits in.
 * The finding is the throughput of one writer among many over one writer alone, paired by round.
 * On a machine with fewer free cores than writers, the writers also share CPUs.
 */
final class GcWriters {

    private GcWriters() { }

    static final String BENCH = "maplab\\.bench\\.AllocWritersBench\\.fill$";
    /** Keys per fill. */
    static final int KEYS = 1_000;
    static final String METRIC = "fills_per_writer";
    static final String FINDING = "alloc_writers_many_vs_one_per_thread";

    /** The two JMH batches: one writer, then {@code alloc_writers}. */
    static List<Jmh> runs(RunContext ctx) {
        return List.of(run(ctx, 1), run(ctx, ctx.params().getInt("alloc_writers")));
    }

    private static Jmh run(RunContext ctx, int writers) {
        return ctx.jmh(BENCH, "writers").param("n", String.valueOf(KEYS)).threads(writers);
    }

    static Map<String, Object> dims(int writers) {
        return maplab.plan.Plan.dims("operation", "fill", "writers", writers, "n_keys", KEYS);
    }

    /** The cells and rows (the finding is not promised: references stored before this part re-conclude without it). */
    static void plan(maplab.plan.Plan.Builder plan, RunContext context) {
        for (Jmh j : runs(context)) plan.jmh("writers", j);
        plan.timed(dims(1), METRIC, Unit.OPS_PER_MS);
        plan.timed(dims(context.params().getInt("alloc_writers")), METRIC, Unit.OPS_PER_MS);
    }

    /** Measures both in alternating rounds; one row per writer count: fills per ms of one writer (JMH's sum over threads / threads). */
    static void measure(RunContext ctx) {
        List<List<JmhScore>> scores = Jmh.inRounds(runs(ctx), ctx.random("writers-order"));
        for (List<JmhScore> batch : scores) {
            for (JmhScore s : batch) {
                row(ctx.result(), dims(s.threads())).measure(METRIC, s.measured().scaled(1.0 / s.threads()), Unit.ofJmh(s.unit()));
            }
        }
    }

    /** The finding: one writer's throughput among the most writers measured over one writer alone, when both rows are there. */
    static void conclude(Rows rows, ResultBuilder out) {
        Rows fills = rows.metric(METRIC);
        Optional<Rows.Row> one = fills.where("writers", 1).first();
        Optional<Rows.Row> many = fills.list().stream().filter(r -> r.integer("writers") > 1).max(java.util.Comparator.comparingLong(r -> r.integer("writers")));
        if (one.isEmpty() || many.isEmpty()) return;
        String writers = many.get().str("writers");
        out.attempt(FINDING, () -> out.finding(Finding.ratio(FINDING, "One of " + writers + " threads filling new HashMaps of " + KEYS + " keys",
                "one such thread alone", Finding.Quantity.THROUGHPUT, many.get().measured().ratioTo(one.get().measured()), Finding.Basis.TIMING)
                .where("writers", writers)));
    }
}
