package maplab.experiments.jdks;

import java.util.List;
import java.util.Map;
import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.measure.Jmh;
import maplab.measure.TargetJvm;
import maplab.plan.Unit;
import maplab.subject.keys.KeyedMapKind;
import org.openjdk.jmh.annotations.Mode;
import maplab.experiments.RunContext;
import maplab.experiments.jdks.Jdks.Cell;
import maplab.experiments.jdks.Jdks.Role;
import maplab.experiments.jdks.JdksMeasure.Batch;
import static maplab.experiments.jdks.Jdks.jvms;
import static maplab.experiments.jdks.Jdks.timedCells;
import static maplab.experiments.jdks.JdksMeasure.timedBatches;

/**
 * jdks' plan ({@link Jdks#plan}): the memory JVMs and the timed batches on every JVM, every row
 * measure writes and the findings conclude gives for them.
 */
final class JdksPlan {

    private JdksPlan() { }

    /**
     * The plan: on each JVM ({@link Jdks#jvms}: the JDKs are resolved, as validate does), one child
     * JVM reading JOL's and the heap's bytes per entry of every memory subject; then every timed
     * cell on every JVM ({@link JdksMeasure#timedBatches}, as measure builds them; each JVM's cells are other
     * cells, see {@link Jmh#planCells}), and the findings those rows give.
     */
    static void plan(Plan.Builder plan, RunContext context) {
        Params p = plan.params();
        Map<Role, TargetJvm> jvms = jvms(p);
        int n = p.getInt("n");
        List<KeyedMapKind> subjects = p.getStrings("memory_subjects").stream().map(KeyedMapKind::parse).toList();
        for (Map.Entry<Role, TargetJvm> e : jvms.entrySet()) {
            plan.step("JOL and heap readings on " + e.getValue().label(), 1, memorySeconds(subjects.size(), n, p.getInt("heap_repeats")));
            for (KeyedMapKind kind : subjects) {
                Map<String, Object> at = dims("memory", e.getKey(), e.getValue(), kind.id(), n);
                plan.count(at, "bytes_per_entry", Unit.BYTES_PER_ENTRY);
                plan.count(at, "new_bytes_per_entry", Unit.BYTES_PER_ENTRY);
                plan.count(at, "shared_objects", Unit.COUNT);
                plan.timed(at, "heap_bytes_per_entry", Unit.BYTES_PER_ENTRY);   // one sample per heap reading
            }
        }
        for (Batch b : timedBatches(context, jvms, n, context.seed("keys"))) {
            plan.jmh("time", b.jmh());
            Map<String, Object> at = dims("time", b.role(), jvms.get(b.role()), b.cell().id, n);
            plan.timed(at, b.cell().metric(), Unit.ofJmh(b.cell().mode == Mode.Throughput ? "ops/us" : "us/op"));
            if (b.cell() == Cell.GC_FILL) plan.timed(at, "alloc_per_put", Unit.BYTES_PER_OP);
        }
        plannedFindings(plan, subjects, timedCells(p));
    }

    /**
     * Rough seconds of one JVM's memory readings: a child JVM with JOL, then per map JOL's walk and
     * {@code heapRepeats} fresh maps, each read after full collections.
     */
    private static double memorySeconds(int maps, int n, int heapRepeats) {
        return 4 + maps * (0.5 + heapRepeats * (0.2 + 2e-6 * n));
    }

    /** The findings {@link JdksConclude#conclude} gives for rows of this plan. */
    private static void plannedFindings(Plan.Builder plan, List<KeyedMapKind> subjects, List<Cell> cells) {
        if (subjects.stream().anyMatch(k -> k.id().equals("hashmap_integer"))) {
            plan.finding("compact_headers_bytes_saved_hashmap_integer", "new_jdk_bytes_saved_hashmap_integer", "compact_headers_heap_bytes_saved_hashmap_integer");
            for (Role role : Role.values()) plan.finding("jol_minus_heap_" + role.id() + "_hashmap_integer");
        }
        for (Cell c : cells) plan.finding("new_vs_base_jdk_" + c.id, "compact_headers_vs_default_" + c.id);
        if (cells.contains(Cell.GC_FILL)) plan.finding("compact_headers_alloc_per_put");
    }

    /** The dimensions of a row of {@code part} ("memory" or "time") measured on {@code jvm}. */
    private static Map<String, Object> dims(String part, Role role, TargetJvm jvm, String subject, int n) {
        return Plan.dims("part", part, "jvm", role.id(), "jdk", jvm.feature(), "options", String.join(" ", jvm.options()), "subject", subject, "n_keys", n);
    }
}
