package maplab.experiments.resizelatency;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.plan.Effort;
import maplab.measure.PutLatency;
import maplab.plan.Unit;
import maplab.subject.growth.GrowingMap;
import maplab.subject.probe.ProbeMap;
import maplab.experiments.RunContext;
import maplab.experiments.resizelatency.ResizeLatency.Cell;
import static maplab.experiments.resizelatency.ResizeLatency.BYTES_PER_SLOT;
import static maplab.experiments.resizelatency.ResizeLatency.MIN_RESIZE_SLOTS;
import static maplab.experiments.resizelatency.ResizeLatency.NS;
import static maplab.experiments.resizelatency.ResizeLatency.cells;

/**
 * resize-latency's plan ({@link ResizeLatency#plan}): the recording JVMs per cell and round, every
 * row measure writes (the resizes expected for each fill) and the findings conclude gives for them.
 */
final class ResizeLatencyPlan {

    private ResizeLatencyPlan() { }

    /** The recording JVMs' options: Parallel GC, a fixed pre-touched heap of {@code heapMb} MiB, half of it young generation. */
    static List<String> jvmArgs(long heapMb) {
        return List.of("-XX:+UseParallelGC", "-Xms" + heapMb + "m", "-Xmx" + heapMb + "m", "-XX:NewRatio=1", "-XX:+AlwaysPreTouch",
                "--add-opens", "java.base/java.util=ALL-UNNAMED", "--add-opens", "java.base/java.util.concurrent=ALL-UNNAMED",
                "-Djava.awt.headless=true");
    }

    /**
     * The plan: the ProbeMaps' table memory counted in process, then one child JVM per cell and
     * round ({@code fill_effort}'s JVMs), with the rows they give and the findings conclude
     * gives for those cells. The resizing puts' rows have {@code op_index}, {@code table_before}
     * and {@code table_after} varying (with several writers, which writer's put meets a resize is
     * chance): the plan lists the resizes of a table doubling at load factor 0.75
     * ({@link #expectedResizes}) for the synthetic rows.
     */
    static void plan(Plan.Builder plan, RunContext context) {
        Params p = plan.params();
        int n = p.getInt("n");
        int buckets = p.getInt("buckets");
        Effort effort = p.getEffort("fill");
        List<Cell> cells = cells(p);
        plan.step("counting table memory: ProbeMap doubling and incremental", 1, 0.3 + 2e-7 * n);
        for (GrowingMap s : List.of(GrowingMap.PROBEMAP_DOUBLING, GrowingMap.PROBEMAP_INCREMENTAL)) {
            plan.count(Plan.dims("subject", s.id(), "n_keys", n, "bytes_per_slot", BYTES_PER_SLOT), "peak_table_bytes", Unit.BYTES);
            plan.count(Plan.dims("subject", s.id(), "n_keys", n, "bytes_per_slot", BYTES_PER_SLOT), "mean_table_bytes", Unit.BYTES);
        }
        plan.count(Plan.dims("subject", GrowingMap.PROBEMAP_INCREMENTAL.id(), "n_keys", n, "migration_slots", p.getInt("migration_slots")),
                "migrating_puts", Unit.COUNT, n / 2);
        // a JVM: start and heap pre-touch, then warm-up fills of n/4 keys and recorded fills of n, each put timed (~150 ns with the recorder)
        double perJvm = 1.0 + p.getLong("heap_mb") * 5e-4 + (effort.warmupIterations() * (n / 4.0) + effort.iterations() * (double) n) * 1.5e-7;
        for (Cell c : cells) {
            plan.step("put latency JVMs: " + c.label(), effort.forks(), perJvm);
            Map<String, Object> cell = Plan.dims("subject", c.subject().id(), "writers", c.writers(), "n_keys", n);
            for (int jvm = 1; jvm <= effort.forks(); jvm++) {
                plan.varying("op_index", "table_before", "table_after");
                for (long[] z : expectedResizes(c.subject(), n)) {
                    plan.count(with(cell, "jvm", jvm, "op_index", z[0], "table_before", (int) z[1], "table_after", (int) z[2]), "resize_latency", NS);
                }
                plan.varying();
                plan.count(with(cell, "jvm", jvm, "recorded_fills", effort.iterations()), "collections", Unit.COUNT, 0);
            }
            for (String stat : PutLatency.STATS) plan.timed(with(cell, "stat", stat), "latency", NS);
            for (int b = 0; b < buckets; b++) plan.timed(with(cell, "bucket", b, "first_op", PutLatency.firstOp(b, n, buckets)), "bucket_max", NS);
            plan.timed(cell, "fill_time", Unit.MS);
        }
        plannedFindings(plan, cells, n);
    }

    private static Map<String, Object> with(Map<String, Object> dims, Object... more) {
        Map<String, Object> out = new LinkedHashMap<>(dims);
        out.putAll(Plan.dims(more));
        return out;
    }

    /**
     * The resizes a fill of n keys makes if its table doubles once it holds more than 0.75 of its
     * length, from HashMap's and ConcurrentHashMap's first table (16) or ProbeMap's (2); none for
     * the presized maps: {operation index, length before, length after}. The plan's stand-in for
     * what the run finds (the ProbeMaps keep a free slot, several writers meet resizes at other
     * operations).
     */
    static List<long[]> expectedResizes(GrowingMap subject, int n) {
        int length = switch (subject) {
            case HASHMAP_DEFAULT, CHM_DEFAULT -> 16;
            case PROBEMAP_DOUBLING, PROBEMAP_INCREMENTAL -> 2;
            case HASHMAP_PRESIZED, CHM_PRESIZED -> 0;
        };
        List<long[]> out = new ArrayList<>();
        while (length > 0 && (long) (length * 0.75) < n) {
            out.add(new long[] {(long) (length * 0.75), length, 2L * length});
            length *= 2;
        }
        return out;
    }

    /** The findings {@link ResizeLatencyConclude#findings} gives for these cells. */
    private static void plannedFindings(Plan.Builder plan, List<Cell> cells, int n) {
        boolean hashMap = hasCell(cells, GrowingMap.HASHMAP_DEFAULT, 1);
        boolean doubling = hasCell(cells, GrowingMap.PROBEMAP_DOUBLING, 1);
        boolean incremental = hasCell(cells, GrowingMap.PROBEMAP_INCREMENTAL, 1);
        if (hashMap && hasCell(cells, GrowingMap.HASHMAP_PRESIZED, 1)) plan.finding("hashmap_default_vs_presized_p99_9", "hashmap_default_vs_presized_max");
        if (doubling && incremental) {
            plan.finding("incremental_vs_doubling_max", "incremental_vs_doubling_p99_9", "incremental_vs_doubling_mean");
            if (resizesAtLeast(GrowingMap.PROBEMAP_DOUBLING, n) && resizesAtLeast(GrowingMap.PROBEMAP_INCREMENTAL, n)) {
                plan.finding("incremental_vs_doubling_resize_put");
            }
        }
        if (hashMap && resizesAtLeast(GrowingMap.HASHMAP_DEFAULT, n)) plan.finding("hashmap_default_resize_ns_per_bucket");
        if (doubling) plan.finding("max_put_doubling_us");
        if (incremental) plan.finding("max_put_incremental_us");
        plan.finding("incremental_vs_doubling_mean_table_bytes");
        if (cells.stream().anyMatch(c -> c.subject() == GrowingMap.CHM_DEFAULT && c.writers() > 1) && hasCell(cells, GrowingMap.CHM_DEFAULT, 1)) {
            plan.finding("chm_writers_vs_one_p99_9", "chm_writers_vs_one_max");
        }
        plan.finding("collections_during_recorded_fills");
        if ((hashMap || doubling && incremental) && !resizesAtLeast(GrowingMap.HASHMAP_DEFAULT, n) && !resizesAtLeast(GrowingMap.PROBEMAP_DOUBLING, n)) {
            plan.note("n = " + n + " is too small for a resize to >= " + MIN_RESIZE_SLOTS + " slots: no finding on the resizing put's cost per slot");
        }
    }

    private static boolean hasCell(List<Cell> cells, GrowingMap subject, int writers) {
        return cells.contains(new Cell(subject, writers));
    }

    /** Whether a fill of n keys is expected to resize to at least {@link ResizeLatency#MIN_RESIZE_SLOTS} slots (the resizes the per-slot cost uses). */
    private static boolean resizesAtLeast(GrowingMap subject, int n) {
        return expectedResizes(subject, n).stream().anyMatch(z -> z[2] >= MIN_RESIZE_SLOTS);
    }
}
