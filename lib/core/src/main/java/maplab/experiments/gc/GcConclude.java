package maplab.experiments.gc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import maplab.run.RunData;
import maplab.conclude.Finding;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.conclude.TidyTables;
import maplab.stats.Estimates.Estimate;
import maplab.subject.putget.PutGetMapKind;
import static maplab.experiments.gc.Gc.nonNegative;
import static maplab.experiments.gc.GcCharts.allocationChart;
import static maplab.experiments.gc.GcPauseConclude.concludePauses;

/**
 * gc's conclusions ({@link Gc#conclude}) from the stored rows: bytes and time per operation; the
 * pauses' are {@link GcPauseConclude}'s.
 */
final class GcConclude {

    private GcConclude() { }

    static void conclude(RunData data, ResultBuilder out) {
        concludeAllocation(data.rows(), out);
        GcEscape.conclude(data.rows(), out);
        GcWriters.conclude(data.rows(), out);
        concludePauses(data.rows(), out);
    }

    private static void concludeAllocation(Rows rows, ResultBuilder out) {
        Rows alloc = rows.metric("alloc");
        if (alloc.isEmpty()) return;
        ifDrawable(out, () -> allocationTable(rows, alloc, out));
        long n = alloc.first().orElseThrow().integer("n_keys");
        ifDrawable(out, () -> allocationChart(alloc, n, out));

        allocFinding(out, alloc, "hashmap", "put", "alloc_per_put_hashmap",
                "Each put of an int pair into a boxed HashMap<Integer,Integer> allocated %.1f bytes on average while filling " + n + " keys");
        allocFinding(out, alloc, "fastutil", "put", "alloc_per_put_fastutil",
                "Each put into fastutil's Int2IntOpenHashMap allocated %.1f bytes on average while filling " + n + " keys");
        allocFinding(out, alloc, "hashmap", "get", "alloc_per_get_hashmap",
                "Each get with an int key from a boxed HashMap<Integer,Integer> allocated %.2f bytes on average");
        allocFinding(out, alloc, "fastutil", "get", "alloc_per_get_fastutil",
                "Each get from fastutil's Int2IntOpenHashMap allocated %.4f bytes on average");
        var hm = alloc.where("subject", "hashmap").where("operation", "put").first();
        var fu = alloc.where("subject", "fastutil").where("operation", "put").first();
        if (hm.isPresent() && fu.isPresent()) {
            out.attempt("alloc_hashmap_vs_fastutil", () -> out.finding(Finding.ratio("alloc_hashmap_vs_fastutil", "Per put, a boxed HashMap<Integer,Integer>",
                    "fastutil's Int2IntOpenHashMap", Finding.Quantity.BYTES, hm.get().measured().ratioTo(fu.get().measured()), Finding.Basis.TIMING).where("n_keys", n)));
        }
    }

    /**
     * Adds a table or chart unless the rows present cannot make it (a run that stopped part way):
     * then it is left out, and the findings are unaffected.
     */
    static void ifDrawable(ResultBuilder out, Runnable tableOrChart) {
        out.attempt(List.of(), tableOrChart);
    }

    /** Bytes and time per operation, per subject, with their intervals over forks. */
    private static void allocationTable(Rows rows, Rows alloc, ResultBuilder out) {
        List<Map<String, Object>> table = new ArrayList<>();
        for (Rows.Row r : alloc) {
            Estimate e = bytes(r);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("subject", PutGetMapKind.parse(r.str("subject")).label());
            row.put("operation", r.str("operation"));
            row.put("n_keys", r.integer("n_keys"));
            row.put("forks", (long) r.measured().forkMeans().size());
            row.put("bytes_per_op", e.value());
            row.put("bytes_low", e.low());
            row.put("bytes_high", e.high());
            rows.metric("time").where("subject", r.str("subject")).where("operation", r.str("operation")).first().ifPresent(t -> {
                Estimate te = estimate(t);
                row.put("time_per_op_" + t.str("unit").replace("/op", ""), te.value());
                row.put("time_low", te.low());
                row.put("time_high", te.high());
            });
            table.add(row);
        }
        out.table("allocation", TidyTables.fromRows("allocation", table));
    }

    private static void allocFinding(ResultBuilder out, Rows alloc, String subject, String operation, String id, String template) {
        alloc.where("subject", subject).where("operation", operation).first().ifPresent(r -> out.attempt(id, () ->
                out.finding(Finding.estimate(id, bytes(r), "B/op", Finding.Basis.TIMING, template).where("n_keys", r.integer("n_keys")))));
    }

    /** A row's mean over forks with its interval (bytes cannot be negative: the lower bound is cut at 0). */
    static Estimate bytes(Rows.Row r) {
        return nonNegative(estimate(r));
    }

    /** A row's estimate: over forks from its samples; for rows stored without samples, value +- the stored error. */
    static Estimate estimate(Rows.Row r) {
        if (!r.samples().isEmpty()) return r.measured().estimate();
        double err = r.error();
        return Double.isFinite(err) ? new Estimate(r.value(), r.value() - err, r.value() + err, 0) : new Estimate(r.value(), Double.NaN, Double.NaN, 0);
    }
}
