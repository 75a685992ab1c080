package maplab.experiments.resizelatency;

import maplab.experiments.gc.Gc;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import maplab.run.RunData;
import maplab.measure.PutLatency;
import maplab.conclude.Finding;
import maplab.measure.Measured;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.conclude.TidyTables;
import maplab.stats.Estimates;
import maplab.stats.Estimates.Estimate;
import maplab.subject.growth.GrowingMap;
import maplab.experiments.resizelatency.ResizeLatency.Cell;
import static maplab.experiments.resizelatency.ResizeLatency.BYTES_PER_SLOT;
import static maplab.experiments.resizelatency.ResizeLatency.MIN_RESIZE_SLOTS;
import static maplab.experiments.resizelatency.ResizeLatencyCharts.operationChart;
import static maplab.experiments.resizelatency.ResizeLatencyCharts.percentileChart;
import static maplab.experiments.resizelatency.ResizeLatencyCharts.resizeChart;
import static maplab.experiments.resizelatency.ResizeLatencyCharts.resizeNsPerSlot;

/**
 * resize-latency's conclusions ({@link ResizeLatency#conclude}) from the stored rows: the latency
 * and resize findings and the latency, resize and memory tables.
 */
final class ResizeLatencyConclude {

    private ResizeLatencyConclude() { }

    static void conclude(RunData data, ResultBuilder out) {
        Rows rows = data.rows();
        Rows latency = rows.metric("latency");
        if (latency.isEmpty()) return;
        List<Cell> cells = cellsIn(latency);
        String n = latency.first().orElseThrow().str("n_keys");

        latencyTable(rows, cells, out);
        resizeTable(rows, cells, out);
        memoryTable(rows, out);
        out.chart("percentiles", percentileChart(latency, cells, n));
        out.chart("latency by operation", operationChart(rows.metric("bucket_max"), cells, n));
        if (!rows.metric("resize_latency").isEmpty()) out.chart("resize puts", resizeChart(rows.metric("resize_latency"), cells, n));
        findings(rows, out);
    }

    /** The cells present in the rows, in the order of their first row. */
    static List<Cell> cellsIn(Rows latency) {
        List<Cell> cells = new ArrayList<>();
        for (Rows.Row r : latency) {
            Cell c = new Cell(GrowingMap.parse(r.str("subject")), (int) r.integer("writers"));
            if (!cells.contains(c)) cells.add(c);
        }
        return cells;
    }

    static Rows cell(Rows rows, GrowingMap subject, int writers) {
        return rows.where("subject", subject.id()).where("writers", writers);
    }

    /** A cell's statistic (per-JVM samples), if measured. */
    static java.util.Optional<Measured> stat(Rows rows, GrowingMap subject, int writers, String stat) {
        return cell(rows.metric("latency"), subject, writers).where("stat", stat).first().map(Rows.Row::measured);
    }

    /**
     * The findings, each a ratio of per-JVM statistics paired by round (or, for the ProbeMaps'
     * memory, a ratio of in-process counts), with the conditions it was measured under.
     */
    static void findings(Rows rows, ResultBuilder out) {
        Rows latency = rows.metric("latency");
        if (latency.isEmpty()) return;
        String n = latency.first().orElseThrow().str("n_keys");

        out.attempt("hashmap_default_vs_presized_p99_9", () -> ratio(out, rows, "hashmap_default_vs_presized_p99_9", "p99_9", GrowingMap.HASHMAP_DEFAULT, 1, GrowingMap.HASHMAP_PRESIZED, 1,
                "The 99.9th-percentile put while filling new HashMap<>() with " + n + " keys", "that of a presized HashMap", n));
        out.attempt("hashmap_default_vs_presized_max", () -> ratio(out, rows, "hashmap_default_vs_presized_max", "max", GrowingMap.HASHMAP_DEFAULT, 1, GrowingMap.HASHMAP_PRESIZED, 1,
                "The longest put while filling new HashMap<>() with " + n + " keys", "that of a presized HashMap", n));
        out.attempt("incremental_vs_doubling_max", () -> ratio(out, rows, "incremental_vs_doubling_max", "max", GrowingMap.PROBEMAP_INCREMENTAL, 1, GrowingMap.PROBEMAP_DOUBLING, 1,
                "The longest put into the incrementally resizing ProbeMap (" + n + " keys)", "that of ProbeMap doubling all at once", n));
        out.attempt("incremental_vs_doubling_p99_9", () -> ratio(out, rows, "incremental_vs_doubling_p99_9", "p99_9", GrowingMap.PROBEMAP_INCREMENTAL, 1, GrowingMap.PROBEMAP_DOUBLING, 1,
                "The 99.9th-percentile put into the incrementally resizing ProbeMap", "that of ProbeMap doubling all at once", n));
        out.attempt("incremental_vs_doubling_mean", () -> ratio(out, rows, "incremental_vs_doubling_mean", "mean", GrowingMap.PROBEMAP_INCREMENTAL, 1, GrowingMap.PROBEMAP_DOUBLING, 1,
                "The mean put into the incrementally resizing ProbeMap", "that of ProbeMap doubling all at once", n));
        resizeFindings(rows, out, n);
        memoryFinding(rows, out, n);
        writersFindings(rows, out, n);
        collectionsFinding(rows, out, n);
    }

    /** A resizing put: incremental against doubling, HashMap's ns per bucket, and the ProbeMaps' longest puts. */
    private static void resizeFindings(Rows rows, ResultBuilder out, String n) {
        Rows resizes = rows.metric("resize_latency");
        out.attempt("incremental_vs_doubling_resize_put", () -> {
            Map<Integer, Double> slotI = resizeNsPerSlot(resizes, GrowingMap.PROBEMAP_INCREMENTAL);
            Map<Integer, Double> slotD = resizeNsPerSlot(resizes, GrowingMap.PROBEMAP_DOUBLING);
            if (slotI.isEmpty() || slotD.isEmpty()) return;
            out.finding(Finding.timeRatio("incremental_vs_doubling_resize_put", "A resizing put into the incrementally resizing ProbeMap "
                    + "(it only allocates the new table; per JVM the median over resizes to >= " + MIN_RESIZE_SLOTS + " slots of ns per new slot)",
                    "one into ProbeMap doubling all at once (it allocates and re-inserts every key)", Estimates.ratio(slotI, slotD)).where("n_keys", n));
        });
        out.attempt("hashmap_default_resize_ns_per_bucket", () -> {
            Map<Integer, Double> slotH = resizeNsPerSlot(resizes, GrowingMap.HASHMAP_DEFAULT);
            if (slotH.isEmpty()) return;
            out.finding(Finding.estimate("hashmap_default_resize_ns_per_bucket", Gc.nonNegative(Estimates.mean(slotH)), "ns", Finding.Basis.TIMING,
                    "A resizing put into new HashMap<>(), which splits every bin into the doubled table, took %.2f ns per bucket of the new table, "
                    + "per JVM the median over its resizes to >= " + MIN_RESIZE_SLOTS + " buckets, mean over " + slotH.size() + " JVMs").where("n_keys", n));
        });
        for (GrowingMap s : List.of(GrowingMap.PROBEMAP_DOUBLING, GrowingMap.PROBEMAP_INCREMENTAL)) {
            String id = s == GrowingMap.PROBEMAP_DOUBLING ? "max_put_doubling_us" : "max_put_incremental_us";
            out.attempt(id, () -> stat(rows, s, 1, "max").ifPresent(m -> out.finding(Finding.estimate(id,
                    Gc.nonNegative(m.scaled(1e-3).estimate()), "us", Finding.Basis.TIMING,
                    "The longest put into " + s.label() + " while filling " + n + " keys, mean over " + m.forkMeans().size() + " JVMs: %.0f us")
                    .where("n_keys", n))));
        }
    }

    /** The incremental ProbeMap's table bytes against doubling's, averaged over the puts (counted). */
    private static void memoryFinding(Rows rows, ResultBuilder out, String n) {
        Rows memory = rows.metric("mean_table_bytes");
        out.attempt("incremental_vs_doubling_mean_table_bytes", () -> {
            var di = memory.where("subject", GrowingMap.PROBEMAP_INCREMENTAL.id()).first();
            var dd = memory.where("subject", GrowingMap.PROBEMAP_DOUBLING.id()).first();
            if (di.isEmpty() || dd.isEmpty()) return;
            double r = di.get().value() / dd.get().value();
            out.finding(Finding.count("incremental_vs_doubling_mean_table_bytes", r, "x", "Averaged over the " + n
                    + " puts, the incremental ProbeMap held %.2fx the table bytes of ProbeMap doubling all at once (it keeps the old table until "
                    + "migrated; counted: slots of the live tables x " + BYTES_PER_SLOT + " B)").where("n_keys", n));
        });
    }

    /** ConcurrentHashMap with several writers against one writer, at every writer count above one. */
    private static void writersFindings(Rows rows, ResultBuilder out, String n) {
        List<Integer> several = rows.metric("latency").where("subject", GrowingMap.CHM_DEFAULT.id()).distinct("writers").stream()
                .map(Integer::parseInt).filter(w -> w > 1).toList();
        for (int w : several) {
            out.attempt("chm_writers_vs_one_p99_9", () -> ratio(out, rows, "chm_writers_vs_one_p99_9", "p99_9", GrowingMap.CHM_DEFAULT, w, GrowingMap.CHM_DEFAULT, 1,
                    "The 99.9th-percentile put into new ConcurrentHashMap<>() with " + w + " writers (they help transfer bins when they meet a resize)",
                    "that with one writer", n));
            out.attempt("chm_writers_vs_one_max", () -> ratio(out, rows, "chm_writers_vs_one_max", "max", GrowingMap.CHM_DEFAULT, w, GrowingMap.CHM_DEFAULT, 1,
                    "The longest put into new ConcurrentHashMap<>() with " + w + " writers", "that with one writer", n));
        }
    }

    /** The garbage collections during the recorded fills, all JVMs together. */
    private static void collectionsFinding(Rows rows, ResultBuilder out, String n) {
        Rows collections = rows.metric("collections");
        out.attempt("collections_during_recorded_fills", () -> {
            if (collections.isEmpty()) return;
            double total = 0;
            for (Rows.Row r : collections) total += r.value();
            out.finding(Finding.count("collections_during_recorded_fills", total, "count", "Garbage collections during the recorded fills, all JVMs of all "
                    + "subjects together: %.0f (a spike is a resize, not a collection, when this is 0)").where("n_keys", n));
        });
    }

    private static void ratio(ResultBuilder out, Rows rows, String id, String stat, GrowingMap a, int writersA, GrowingMap b, int writersB,
                              String labelA, String labelB, String n) {
        var ma = stat(rows, a, writersA, stat);
        var mb = stat(rows, b, writersB, stat);
        if (ma.isEmpty() || mb.isEmpty()) return;
        Finding f = Finding.timeRatio(id, labelA, labelB, ma.get().ratioTo(mb.get())).where("n_keys", n);
        if (writersA != writersB) f = f.where("writers", Math.max(writersA, writersB));
        out.finding(f);
    }

    /** One row per cell: the percentiles, max and mean (means over JVMs), with the max's interval, resizes and collections. */
    private static void latencyTable(Rows rows, List<Cell> cells, ResultBuilder out) {
        List<Map<String, Object>> table = new ArrayList<>();
        for (Cell c : cells) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("subject", c.label());
            Rows mine = cell(rows.metric("latency"), c.subject(), c.writers());
            row.put("jvms", (long) mine.first().map(r -> r.measured().forkMeans().size()).orElse(0));
            for (String stat : PutLatency.STATS) {
                mine.where("stat", stat).first().ifPresent(r -> row.put(stat + "_ns", r.value()));
            }
            mine.where("stat", "max").first().ifPresent(r -> {
                Estimate e = Gc.nonNegative(r.measured().estimate());
                row.put("max_low_ns", e.low());
                row.put("max_high_ns", e.high());
            });
            Rows resizes = cell(rows.metric("resize_latency"), c.subject(), c.writers());
            long jvms = resizes.distinct("jvm").size();
            row.put("resizes_per_fill", jvms == 0 ? 0L : (long) Math.round((double) resizes.size() / jvms));
            double gcs = 0;
            for (Rows.Row r : cell(rows.metric("collections"), c.subject(), c.writers())) gcs += r.value();
            row.put("collections", (long) gcs);
            cell(rows.metric("fill_time"), c.subject(), c.writers()).first().ifPresent(r -> row.put("fill_ms", r.value()));
            table.add(row);
        }
        out.table("latency", TidyTables.fromRows("latency", table));
    }

    /** Per cell and resize (by new table length): where it happened and how long that put took, mean and max over JVMs. */
    private static void resizeTable(Rows rows, List<Cell> cells, ResultBuilder out) {
        List<Map<String, Object>> table = new ArrayList<>();
        for (Cell c : cells) {
            Rows mine = cell(rows.metric("resize_latency"), c.subject(), c.writers());
            for (String after : mine.distinct("table_after")) {
                Rows one = mine.where("table_after", after);
                double sum = 0, max = 0;
                long op = Long.MAX_VALUE;
                for (Rows.Row r : one) {
                    sum += r.value();
                    max = Math.max(max, r.value());
                    op = Math.min(op, r.integer("op_index"));
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("subject", c.label());
                row.put("op_index", op);
                row.put("table_before", one.first().orElseThrow().integer("table_before"));
                row.put("table_after", Long.parseLong(after));
                row.put("jvms", (long) one.size());
                row.put("mean_latency_us", sum / one.size() / 1e3);
                row.put("max_latency_us", max / 1e3);
                table.add(row);
            }
        }
        if (!table.isEmpty()) out.table("resizes", TidyTables.fromRows("resizes", table));
    }

    private static void memoryTable(Rows rows, ResultBuilder out) {
        List<Map<String, Object>> table = new ArrayList<>();
        for (Rows.Row r : rows.metric("peak_table_bytes")) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("subject", GrowingMap.parse(r.str("subject")).label());
            row.put("peak_table_mb", r.value() / (1 << 20));
            rows.metric("mean_table_bytes").where("subject", r.str("subject")).first().ifPresent(m -> row.put("mean_table_mb", m.value() / (1 << 20)));
            rows.metric("migrating_puts").where("subject", r.str("subject")).first().ifPresent(m -> row.put("puts_while_migrating", (long) m.value()));
            table.add(row);
        }
        if (!table.isEmpty()) out.table("table memory", TidyTables.fromRows("table memory", table));
    }
}
