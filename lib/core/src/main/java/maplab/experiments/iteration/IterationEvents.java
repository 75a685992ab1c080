package maplab.experiments.iteration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import maplab.conclude.Finding;
import maplab.conclude.ResultBuilder;
import maplab.measure.MapWorkEvents;
import maplab.measure.Rows;
import maplab.plan.Plan;
import maplab.plan.Unit;
import maplab.experiments.RunContext;

/**
 * iteration's custom trace events (part {@code events}): each fill of a HashMap and each walk over
 * it wrapped in a custom JFR event ({@link MapWorkEvents}), recorded in this JVM and read back;
 * the rows count operations run and events recorded per operation, exactly.
 */
final class IterationEvents {

    private IterationEvents() { }

    static final String PART = "events";
    /** Fills and walks each. */
    static final int ROUNDS = 100;
    /** Entries per map. */
    static final int ENTRIES = 1_000;
    static final String FINDING = "jfr_events_recorded";
    private static final List<String> OPERATIONS = List.of(MapWorkEvents.FILL, MapWorkEvents.ITERATE);

    static Map<String, Object> dims(String operation) {
        return Plan.dims("part", PART, "subject", "hashmap", "state", "fresh", "style", operation, "n_keys", ENTRIES, "n_filled", ENTRIES);
    }

    /** The rows {@link #measure} writes (the finding is not promised: references stored before this part re-conclude without it). */
    static void plan(Plan.Builder plan) {
        plan.step("JFR custom events around " + ROUNDS + " fills and walks (this JVM)", 1, 1.5);
        for (String op : OPERATIONS) {
            plan.count(dims(op), "operations", Unit.COUNT, ROUNDS);
            plan.count(dims(op), "events_recorded", Unit.COUNT);
        }
    }

    static void measure(RunContext ctx) {
        ctx.progress().addSteps(1);
        ctx.progress().step("JFR custom events around " + ROUNDS + " fills and walks (this JVM)");
        MapWorkEvents.Counted c;
        try {
            c = MapWorkEvents.record(ROUNDS, ENTRIES, ctx.workDir().resolve("events"));
        } catch (IOException e) {
            throw new UncheckedIOException("JFR custom events: " + e.getMessage(), e);
        }
        for (String op : OPERATIONS) {
            row(ctx.result(), dims(op)).measure("operations", c.operations().get(op), Unit.COUNT);
            row(ctx.result(), dims(op)).measure("events_recorded", c.recorded().getOrDefault(op, 0L), Unit.COUNT);
        }
    }

    /** The finding: events recorded in all, against the operations that ran, when the part ran. */
    static void conclude(Rows rows, ResultBuilder out) {
        Rows events = rows.where("part", PART);
        if (events.isEmpty()) return;
        out.attempt(FINDING, () -> {
            double recorded = sum(events.metric("events_recorded"));
            double operations = sum(events.metric("operations"));
            StringBuilder each = new StringBuilder();
            for (Rows.Row r : events.metric("events_recorded")) {
                double ran = events.metric("operations").where("style", r.str("style")).one().value();
                each.append(each.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.0f of %.0f", r.str("style"), r.value(), ran));
            }
            out.finding(Finding.count(FINDING, recorded, "events", String.format(Locale.ROOT,
                    "A JFR recording of a custom event around each fill and walk of a HashMap of %s entries held %%.0f events for %.0f operations (%s)",
                    events.list().get(0).str("n_keys"), operations, each)).where("operations", (long) operations));
        });
    }

    private static ResultBuilder.Row row(ResultBuilder out, Map<String, Object> dims) {
        ResultBuilder.Row row = out.row();
        dims.forEach(row::with);
        return row;
    }

    private static double sum(Rows rows) {
        return rows.list().stream().mapToDouble(Rows.Row::value).sum();
    }
}
