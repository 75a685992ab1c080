package maplab.experiments.gc;

import java.util.List;
import java.util.Map;
import maplab.plan.Params;
import maplab.plan.Effort;
import maplab.measure.GcPauses.Collector;
import maplab.conclude.ResultBuilder;
import maplab.plan.Unit;
import maplab.subject.putget.PutGetMapKind;
import maplab.measure.ChurnKeys;
import maplab.experiments.RunContext;
import maplab.experiments.gc.Gc.Cell;
import maplab.experiments.gc.Gc.Plan;
import static maplab.experiments.gc.Gc.DEFAULT;
import static maplab.experiments.gc.Gc.PRESIZED;
import static maplab.experiments.gc.Gc.REFERENCE_GC;
import static maplab.experiments.gc.Gc.pausePlan;
import static maplab.experiments.gc.GcMeasure.allocationRun;

/**
 * gc's plan ({@link Gc#plan}): the allocation benchmark and the pause JVMs, every row measure writes
 * (with their dimensions) and the findings conclude gives for them.
 */
final class GcPlan {

    private GcPlan() { }

    /**
     * Seconds to start a pause JVM (heap pre-touched, JFR started) and read its recording and GC
     * log afterwards. With {@link #PAUSE_SECONDS_PER_ENTRY_ROUND} fitted between a quick report's
     * run (24 JVMs of 5 rounds of 200k entries in about 30 s) and the full reference run (36 JVMs
     * of 6 rounds of 1M entries, about 24 s each on a busy machine): a budget is checked against
     * it, so it should neither refuse a quick report that fits nor promise a full run too little.
     */
    static final double PAUSE_JVM_SECONDS = 1;
    /** Seconds per merged entry and round of the pause workload (building the sources, merging). */
    static final double PAUSE_SECONDS_PER_ENTRY_ROUND = 2e-6;

    /**
     * The plan: the allocation benchmark of {@link GcMeasure#allocationRun}, then one pause JVM per cell of
     * {@link Gc#pausePlan} (on the measuring JDK) and round; every row measure writes (of the
     * pauses, whose number and phases come from the GC log, one per JVM: see the note) and the
     * findings conclude gives for them.
     */
    static void plan(maplab.plan.Plan.Builder plan, RunContext context) {
        Params p = plan.params();
        plan.jmh("alloc", allocationRun(context));
        int allocN = p.getInt("alloc_n");
        List<String> subjects = p.getStrings("subjects");
        for (String subject : subjects) {
            for (String operation : ALLOC_OPERATIONS) {
                plan.timed(allocDims(subject, operation, allocN), "alloc", Unit.BYTES_PER_OP);
                plan.timed(allocDims(subject, operation, allocN), "time", Unit.NS_PER_OP);
            }
        }
        for (String subject : subjects) {
            plan.finding("alloc_per_put_" + subject, "alloc_per_get_" + subject);
        }
        if (subjects.containsAll(List.of(PutGetMapKind.HASHMAP.id(), PutGetMapKind.FASTUTIL.id()))) plan.finding("alloc_hashmap_vs_fastutil");
        GcEscape.plan(plan, context);
        GcWriters.plan(plan, context);

        int feature = context.jdkFeature();
        Plan pauses = pausePlan(p, feature);
        for (String c : p.getStrings("collectors")) {
            Collector collector = Collector.parse(c);
            plan.count(offeredDims(collector, feature), "offered", Unit.COUNT, collector.offered(feature) ? 1 : 0);
        }
        Effort effort = p.getEffort("pause");
        plan.step("pause JVMs: " + (effort.warmupIterations() + effort.iterations()) + " rounds of building and merging " + p.getInt("n") + " entries",
                pauses.cells().size() * effort.forks(),
                PAUSE_JVM_SECONDS + (effort.warmupIterations() + effort.iterations()) * p.getInt("n") * PAUSE_SECONDS_PER_ENTRY_ROUND);
        for (Cell cell : pauses.cells()) {
            for (int jvm = 1; jvm <= effort.forks(); jvm++) {
                plan.count(collectionsDims(cell, jvm, p, feature), "collections", Unit.COUNT);
                plan.count(cellDims(cell, jvm), "alloc_per_entry", Unit.BYTES_PER_ENTRY);
                plan.count(cellDims(cell, jvm), "stall_total", Unit.MS);
                plan.count(cellDims(cell, jvm), "stalls", Unit.COUNT);
                plan.optional(true).varying("collection", "gc_id", "collector", "phase");   // one stand-in for the pauses the GC log lists
                Map<String, Object> pause = cellDims(cell, jvm);
                pause.putAll(maplab.plan.Plan.dims("collection", 1, "gc_id", 1L, "phase", "Pause"));
                plan.timed(pause, "pause", Unit.MS);
                plan.optional(false).varying();
            }
        }
        plan.note("pauses: one 'pause' row per stop-the-world pause, numbered, with the GC id, collector and phase the GC log gives; "
                + "their number is not known in advance, so the plan states one per JVM (optional) standing for them all");
        if (!pauses.notOffered().isEmpty()) {
            plan.note("not offered by JDK " + feature + ": " + String.join(", ", pauses.notOffered().stream().map(Collector::label).toList()));
        }
        plannedPauseFindings(plan, pauses);
    }

    /** The pause findings {@link GcPauseConclude#concludePauses} gives for the cells of {@code pauses}. */
    private static void plannedPauseFindings(maplab.plan.Plan.Builder plan, Plan pauses) {
        if (pauses.base().isEmpty()) return;
        Collector base = pauses.base().get();
        List<Cell> cells = pauses.cells();
        if (cells.contains(new Cell(base, DEFAULT, ChurnKeys.INT)) && cells.contains(new Cell(base, PRESIZED, ChurnKeys.INT))) {
            plan.finding("gc_pause_max_default_ms", "gc_pause_max_presized_ms", "pause_total_default_vs_presized", "pause_max_default_vs_presized",
                    "collections_default_vs_presized", "pause_difference_p_value");
        }
        List<Collector> withDefaultInts = cells.stream().filter(c -> c.variant() == DEFAULT && c.keys() == ChurnKeys.INT).map(Cell::gc).toList();
        if (base == REFERENCE_GC && withDefaultInts.contains(REFERENCE_GC)) {
            for (Collector c : withDefaultInts) {
                if (c == REFERENCE_GC) continue;
                plan.finding("gc_pause_max_" + c.id() + "_ms", "pause_max_" + c.id() + "_vs_g1", "pause_total_" + c.id() + "_vs_g1",
                        "collections_" + c.id() + "_vs_g1", "alloc_per_entry_" + c.id() + "_vs_g1");
                if (c.isZ()) plan.finding("stall_total_" + c.id() + "_ms");
            }
        }
        if (withDefaultInts.size() >= 2) plan.finding("collector_rank_max_pause");
        if (cells.contains(new Cell(base, DEFAULT, ChurnKeys.RANDOM_STRING)) && cells.contains(new Cell(base, DEFAULT, ChurnKeys.COLLIDING_STRING))) {
            plan.finding("pause_total_colliding_vs_random_string", "pause_max_colliding_vs_random_string", "collections_colliding_vs_random_string",
                    "alloc_per_entry_colliding_vs_random_string");
        }
    }

    /** The operations of the allocation benchmark, as its rows name them (fill is put, n times). */
    static final List<String> ALLOC_OPERATIONS = List.of("put", "get");

    /** An allocation row's dimensions. */
    static Map<String, Object> allocDims(String subject, String operation, int n) {
        return maplab.plan.Plan.dims("subject", subject, "operation", operation, "n_keys", n);
    }

    /** A row with these dimensions, in their order. */
    static ResultBuilder.Row row(ResultBuilder out, Map<String, Object> dims) {
        ResultBuilder.Row row = out.row();
        dims.forEach(row::with);
        return row;
    }

    /** A pause JVM's dimensions: its cell and its round. */
    static Map<String, Object> cellDims(Cell cell, int jvm) {
        return maplab.plan.Plan.dims("gc", cell.gc().id(), "variant", cell.variant().id(), "keys", cell.keys().id(), "jvm", jvm);
    }

    /** A pause JVM's {@code collections} row's dimensions: its cell and round, and the workload's settings. */
    static Map<String, Object> collectionsDims(Cell cell, int jvm, Params p, int feature) {
        Map<String, Object> dims = cellDims(cell, jvm);
        dims.putAll(maplab.plan.Plan.dims("n_keys", p.getInt("n"), "maps", p.getInt("maps"), "rounds", p.getEffort("pause").iterations(),
                "heap_mb", p.getLong("heap_mb"), "jdk", feature));
        return dims;
    }

    /** A listed collector's {@code offered} row's dimensions: measured with its flags, or not offered by JDK {@code feature}. */
    static Map<String, Object> offeredDims(Collector c, int feature) {
        boolean offered = c.offered(feature);
        return maplab.plan.Plan.dims("gc", c.id(), "jdk", feature, "status", offered ? "measured" : Collector.notOffered(feature),
                "flags", offered ? String.join(" ", c.requireFlags(feature)) : "");
    }
}
