package maplab.experiments.gc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import maplab.plan.Params;
import maplab.plan.Effort;
import maplab.measure.GcPauses;
import maplab.measure.GcPauses.Collector;
import maplab.measure.Jmh;
import maplab.measure.JmhScore;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.plan.Unit;
import maplab.subject.putget.PutGetMapKind;
import maplab.measure.MapChurn;
import maplab.experiments.RunContext;
import maplab.experiments.gc.Gc.Cell;
import maplab.experiments.gc.Gc.Plan;
import static maplab.experiments.gc.Gc.ALLOC_BENCH;
import static maplab.experiments.gc.Gc.pausePlan;
import static maplab.experiments.gc.GcPlan.allocDims;
import static maplab.experiments.gc.GcPlan.cellDims;
import static maplab.experiments.gc.GcPlan.collectionsDims;
import static maplab.experiments.gc.GcPlan.offeredDims;
import static maplab.experiments.gc.GcPlan.row;

/**
 * gc's measurement ({@link Gc#measure}): the allocation benchmark ({@code -prof gc}), then the pause
 * JVMs in rounds, each logging its collections; writes rows only.
 */
final class GcMeasure {

    private GcMeasure() { }

    /** The benchmarks {@link Gc#ALLOC_BENCH} matches: fill and get. */
    static final int ALLOC_METHODS = 2;

    static void measure(RunContext ctx) throws Exception {
        allocation(ctx);
        GcEscape.measure(ctx);
        GcWriters.measure(ctx);
        if (ctx.shard().first()) pauses(ctx);   // child JVMs, not JMH rounds: measured once when the run is split into shards
    }

    /** The allocation benchmark (fill and get, {@code -prof gc}) for every subject; {@link GcPlan#plan} and {@link #measure} both build it here. */
    static Jmh allocationRun(RunContext ctx) {
        return ctx.jmh(ALLOC_BENCH, "alloc")
                .param("subject", ctx.params().getStrings("subjects").stream().map(PutGetMapKind::parse).toList())
                .param("n", String.valueOf(ctx.params().getInt("alloc_n")))
                .param("seed", String.valueOf(ctx.seed("alloc-keys")))
                .profiler("gc");
    }

    /** Part one: bytes and time per put and per get, boxed versus primitive; rows with per-fork samples. */
    private static void allocation(RunContext ctx) {
        int n = ctx.params().getInt("alloc_n");
        ResultBuilder out = ctx.result();
        List<JmhScore> scores = allocationRun(ctx).run();
        for (JmhScore s : scores) {
            PutGetMapKind kind = s.param("subject", PutGetMapKind.class);
            String operation = s.method().equals("fill") ? "put" : "get";
            double perScore = operation.equals("put") ? n : 1;
            row(out, allocDims(kind.id(), operation, n)).measure("alloc", s.secondary("gc.alloc.rate.norm").scaled(1 / perScore), Unit.BYTES_PER_OP);
            row(out, allocDims(kind.id(), operation, n)).measure("time", s.measured().scaled(1 / perScore), Unit.ofJmh(s.unit()));
        }
    }

    /**
     * Part two: GC pauses of the build-and-merge workload, one JVM per cell and round. Rows: one
     * {@code offered} row per listed collector (1, or 0 with the reason); per JVM a
     * {@code collections} row (with the workload's settings), {@code alloc_per_entry},
     * {@code stall_total} and {@code stalls}; one {@code pause} row per stop-the-world pause.
     */
    private static void pauses(RunContext ctx) throws InterruptedException {
        Params p = ctx.params();
        int jvms = p.getEffort("pause").forks();
        Plan plan = pausePlan(p, ctx.jdkFeature());
        long seed = ctx.seed("churn-keys");
        SplittableRandom order = ctx.random("pause-order");
        List<String> common = List.of("-Xms" + p.getLong("heap_mb") + "m", "-Xmx" + p.getLong("heap_mb") + "m",
                "-XX:+AlwaysPreTouch", "-Djava.awt.headless=true");
        Path dir = ctx.workDir().resolve("gc");
        ResultBuilder out = ctx.result();
        Set<String> collectorsSeen = new LinkedHashSet<>();
        Map<String, Object> note = offeredAndNote(ctx, plan, common);

        ctx.progress().addSteps(plan.cells().size() * jvms);
        for (int f = 1; f <= jvms; f++) {
            List<Cell> cells = new ArrayList<>(plan.cells());
            for (int i = cells.size() - 1; i > 0; i--) java.util.Collections.swap(cells, i, order.nextInt(i + 1));
            for (Cell cell : cells) {
                ctx.checkInterrupted();
                ctx.progress().step("GC pauses, round " + f + "/" + jvms + ", " + cell.label());
                pauseJvm(ctx, cell, f, common, dir, seed, collectorsSeen);
                note.put("collectors_seen", List.copyOf(collectorsSeen));
                out.note("gc_pause_jvm", note);
            }
        }
    }

    /** Each listed collector's {@code offered} row, then the notes on the pause JVMs; returns the note for later updates. */
    private static Map<String, Object> offeredAndNote(RunContext ctx, Plan plan, List<String> common) {
        Params p = ctx.params();
        Effort effort = p.getEffort("pause");
        int feature = ctx.jdkFeature();
        List<Collector> listed = p.getStrings("collectors").stream().map(Collector::parse).toList();
        ResultBuilder out = ctx.result();
        Map<String, Object> flags = new LinkedHashMap<>();
        for (Collector c : listed) {
            boolean offered = c.offered(feature);
            flags.put(c.id(), offered ? String.join(" ", c.requireFlags(feature)) : Collector.notOffered(feature));
            row(out, offeredDims(c, feature)).measure("offered", offered ? 1 : 0, Unit.COUNT);
        }
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("jdk", feature);
        note.put("collectors", flags);
        note.put("jvm_args", common);
        note.put("gc_log", "-Xlog:" + GcPauses.LOG_TAGS);
        note.put("main_class", MapChurn.class.getName());
        note.put("cells", plan.cells().stream().map(Cell::name).toList());
        note.put("jvms_per_cell", effort.forks());
        note.put("warmup_rounds", effort.warmupIterations());
        note.put("recorded_rounds", effort.iterations());
        note.put("event", GcPauses.EVENT + " (collections, GC ids), " + GcPauses.STALL_EVENT + "; pauses from the GC log");
        out.note("gc_pause_jvm", note);
        if (!plan.notOffered().isEmpty()) {
            out.note("collectors_not_offered", plan.notOffered().stream().map(c -> c.label() + ": " + Collector.notOffered(feature)).toList());
        }
        return note;
    }

    /** One pause JVM of a cell in round {@code f}: forked, its GC log and JFR recording read into rows. */
    private static void pauseJvm(RunContext ctx, Cell cell, int f, List<String> common, Path dir, long seed, Set<String> collectorsSeen)
            throws InterruptedException {
        Params p = ctx.params();
        int n = p.getInt("n");
        int maps = p.getInt("maps");
        int warmup = p.getEffort("pause").warmupIterations();
        int rounds = p.getEffort("pause").iterations();
        int feature = ctx.jdkFeature();
        ResultBuilder out = ctx.result();
        String name = cell.name() + "-" + f;
        List<String> args = new ArrayList<>(cell.gc().requireFlags(feature));
        args.addAll(common);
        GcPauses.Recorded recorded = GcPauses.fork(ctx.childJvm(), args, MapChurn.class,
                List.of(cell.variant().id(), String.valueOf(n), String.valueOf(maps), String.valueOf(rounds), String.valueOf(seed),
                        dir.resolve(name + ".jfr").toString(), String.valueOf(warmup), cell.keys().id()),
                dir.resolve(name + ".jfr"), dir.resolve(name + "-gc.log"), dir.resolve(name + ".log"), Duration.ofMinutes(20));
        Map<Long, String> collectorOf = new TreeMap<>();
        for (GcPauses.Pause c : recorded.collections()) {
            collectorOf.put(c.gcId(), c.collector());
            collectorsSeen.add(cell.gc().id() + ": " + c.collector());
        }
        int i = 0;
        for (GcPauses.LogPause pause : recorded.pauses()) {
            cellRow(out, cell, f).with("collection", ++i).with("gc_id", pause.gcId()).with("collector", collectorOf.get(pause.gcId()))
                    .with("phase", (pause.generation().isEmpty() ? "" : pause.generation() + ": ") + pause.phase())
                    .measure("pause", pause.ms(), Unit.MS);
        }
        row(out, collectionsDims(cell, f, p, feature)).measure("collections", recorded.collections().size(), Unit.COUNT);
        long allocated = recorded.printed("allocated_bytes").orElse(-1);
        if (allocated >= 0) cellRow(out, cell, f).measure("alloc_per_entry", allocated / ((double) rounds * n), Unit.BYTES_PER_ENTRY);
        cellRow(out, cell, f).measure("stall_total", recorded.stalls().stream().mapToDouble(GcPauses.Stall::ms).sum(), Unit.MS);
        cellRow(out, cell, f).measure("stalls", recorded.stalls().size(), Unit.COUNT);
    }

    private static ResultBuilder.Row cellRow(ResultBuilder out, Cell cell, int jvm) {
        return row(out, cellDims(cell, jvm));
    }
}
