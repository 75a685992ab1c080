package maplab.experiments;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import maplab.chart.Charts;
import maplab.plan.ParamSpec;
import maplab.plan.Params;
import maplab.run.RunData;
import maplab.plan.Effort;
import maplab.measure.GcPauses;
import maplab.measure.GcPauses.Collector;
import maplab.measure.Jmh;
import maplab.measure.JmhScore;
import maplab.measure.TargetJvm;
import maplab.conclude.Finding;
import maplab.measure.Measured;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.conclude.TidyTables;
import maplab.plan.Unit;
import maplab.stats.Estimates;
import maplab.stats.Estimates.Estimate;
import maplab.stats.Stats;
import maplab.subject.jdk.MapConstructor;
import maplab.subject.putget.PutGetMapKind;
import maplab.measure.ChurnKeys;
import maplab.measure.MapChurn;
import org.apache.commons.math3.distribution.TDistribution;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;

/**
 * gc: what maps cost the garbage collector, in two parts.
 *
 * <p><b>Allocation</b> (part {@code alloc}, effort {@code alloc_effort}): bytes allocated per put
 * and per get (JMH {@code -prof gc}, {@code gc.alloc.rate.norm}) for a boxed
 * {@code HashMap<Integer, Integer>} against fastutil's primitive {@code Int2IntOpenHashMap}. The
 * rows keep every fork's samples; a finding's interval is over forks ({@link Estimates}), and the
 * ratio {@code alloc_hashmap_vs_fastutil} pairs the forks by round. Allocation is measured by JMH
 * in forked JVMs with its interval from fork-to-fork variation, so its basis is {@code timing}
 * (it is not an in-process count: the JIT's escape analysis can remove boxes in one fork and not
 * in another).
 *
 * <p><b>Pauses</b> (part {@code pause}, effort {@code pause_effort} = {@code JVMS:WARMUP+ROUNDS}):
 * {@link MapChurn} (build source maps, merge them into one large map, round after round) runs in
 * fresh JVMs, one <em>cell</em> per JVM: a collector ({@code collectors}: G1, Parallel, ZGC,
 * generational ZGC, Serial), a map constructor (default-sized or presized) and keys
 * ({@code keys}: boxed ints, random Strings, colliding Strings). Every offered collector runs
 * the default-sized map of ints; the base collector (G1 when listed) also runs the presized map
 * and the two String cases. A collector the measuring JDK ({@link RunContext#jdkFeature()}) does not
 * offer is listed as "not offered by JDK N" (an {@code offered} row, the "collectors" table).
 * In each round every cell runs one JVM, in an order drawn from a seed, so cells pair by round.
 * Each JVM's collections come from JFR ({@code jdk.GarbageCollection}, within the recorded
 * rounds), their stop-the-world pauses from the unified GC log ({@link GcPauses}: ZGC's three
 * phase pauses per cycle count as three pauses; allocation stalls are counted apart), and the
 * bytes the workload allocated from the thread's allocation counter.
 *
 * <p><b>What the pause sample supports.</b> Pauses of one JVM share its heap state, its GC
 * ergonomics and the machine's load at that time: they are not independent, and about 20 pauses
 * per JVM cannot carry a 99th percentile (below 100 pauses the nearest-rank p99 is the longest
 * pause). The unit of replication is therefore the JVM, as the fork is for JMH: each JVM is
 * summarised by its total pause time, its longest pause, its number of collections (for fixed
 * work: the collection frequency per round) and its bytes allocated per entry, and these per-JVM
 * values are compared across JVMs:
 * <ul>
 *   <li>ratios ({@code pause_total_default_vs_presized}, {@code pause_max_<gc>_vs_g1},
 *       {@code collections_colliding_vs_random_string}...): {@link Estimates#ratio}: the JVMs of
 *       one round are paired, and the interval is the Student-t interval of the mean per-round log
 *       ratio (a ratio of geometric means) at 99%; the verdict comes from that interval. A side
 *       with a zero (a JVM without collections) gives no interval.</li>
 *   <li>{@code gc_pause_max_default_ms}, {@code gc_pause_max_<gc>_ms}...: the longest pause of a
 *       JVM, averaged over JVMs, with a Student-t interval over JVMs.</li>
 *   <li>{@code collector_rank_max_pause}: the collectors ordered by the geometric mean of the
 *       per-JVM longest pause; its value is how many adjacent steps of that order the paired
 *       intervals separate.</li>
 *   <li>{@code pause_difference_p_value}: the two-sided p-value of the paired t-test on the log of
 *       each JVM's total pause time, the test whose interval is
 *       {@code pause_total_default_vs_presized}'s (p &lt; 0.01 exactly when that interval excludes
 *       1). A p-value has no interval: low = high = p, and no verdict of its own.</li>
 * </ul>
 * Pooled pause distributions (histogram, per-collector percentile chart) are descriptive only.
 */
public final class Gc implements Experiment {

    static final String ALLOC_BENCH = "maplab\\.bench\\.GcAllocBench\\.(fill|get)$";
    static final MapConstructor DEFAULT = MapConstructor.HASHMAP_DEFAULT;
    static final MapConstructor PRESIZED = MapConstructor.HASHMAP_PRESIZED;
    /** Bytes the pause workload keeps live per entry at its peak (measured: previous merged map, sources, new merged map). */
    static final long LIVE_BYTES_PER_ENTRY = 256;
    static final int HISTOGRAM_BINS = 12;
    /** The collector every other one is compared with. */
    static final Collector REFERENCE_GC = Collector.G1;

    @Override public String id() { return "gc"; }

    @Override public String summary() {
        return "allocation per put/get (boxed HashMap vs fastutil) and GC pauses building and merging maps: "
                + "default vs presized, G1 vs Parallel vs ZGC, colliding vs random String keys";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
                ParamSpec.choices("subjects", PutGetMapKind.ids(), "hashmap,fastutil", "hashmap,fastutil", "maps whose allocation per put and get is measured"),
                ParamSpec.integer("alloc_n", 1_000, 10_000_000, 100_000, 1_000_000, "keys put per fill in the allocation benchmark"),
                ParamSpec.effort("alloc", new Effort(4, 1, 100, 2, 100), new Effort(6, 2, 250, 3, 250),
                        "JMH effort of the allocation benchmark (fill and get, -prof gc)"),
                ParamSpec.integer("n", 10_000, 50_000_000, 200_000, 1_000_000, "entries of the map merged each round (pause workload)"),
                ParamSpec.integer("maps", 1, 64, 4, 8, "source maps built and merged each round"),
                ParamSpec.effort("pause", Effort.shots(4, 1, 4), Effort.shots(6, 1, 5),
                        "pause workload: JVMS:WARMUP+ROUNDS, JVMs per cell (the forks of this part: the unit the pause tests replicate over), "
                        + "unrecorded warm-up rounds and recorded rounds per JVM"),
                ParamSpec.choices("collectors", Collector.ids(), "g1,parallel,zgc,zgc_generational", "g1,parallel,zgc,zgc_generational",
                        "collectors pinned in the pause workload's JVMs (G1 is the base the others are compared with); "
                        + "one the measuring JDK does not offer is listed as not offered"),
                ParamSpec.choices("keys", ChurnKeys.ids(), "int,random_string,colliding_string", "int,random_string,colliding_string",
                        "keys of the pause workload: int (every collector, default-sized and presized), random and colliding Strings "
                        + "(default-sized HashMap, base collector only)"),
                ParamSpec.integer("heap_mb", 112, 65_536, 192, 1_024, "heap of the pause workload's JVMs (-Xms = -Xmx), MiB"));
    }

    @Override
    public void validate(Params p) {
        int n = p.getInt("n");
        if (p.getInt("maps") > n) {
            throw new IllegalArgumentException("parameter 'maps': bad value '" + p.getInt("maps") + "'; allowed: at most n (" + n + ")");
        }
        long needMb = (n * LIVE_BYTES_PER_ENTRY >> 20) + 64;
        if (p.getLong("heap_mb") < needMb) {
            throw new IllegalArgumentException("parameter 'heap_mb': bad value '" + p.getLong("heap_mb") + "'; allowed: a whole number from "
                    + needMb + " to 65536 for n = " + n + " (the workload keeps about " + LIVE_BYTES_PER_ENTRY + " bytes per entry live)");
        }
        Effort pause = p.getEffort("pause");
        if (!pause.singleShot()) {
            throw new IllegalArgumentException("parameter 'pause_effort': bad value '" + pause.text()
                    + "'; allowed: JVMS:WARMUP+ROUNDS without iteration times (e.g. 4:1+4): a pause round is one build-and-merge, not a timed iteration");
        }
    }

    // ------------------------------------------------------------------ plan

    /** One kind of pause JVM: collector, map constructor, keys. */
    record Cell(Collector gc, MapConstructor variant, ChurnKeys keys) {
        String name() { return gc.id() + "-" + variant.id() + "-" + keys.id(); }

        String label() {
            return gc.label() + ", " + (variant == DEFAULT ? "default-sized" : "presized") + ", " + keys.label();
        }
    }

    /**
     * The pause cells for these collectors and keys on JDK {@code feature}: every offered collector
     * runs the default-sized map of ints; the base collector (G1 when offered and listed, else the
     * first offered one) also runs the presized map and the String keys. {@code notOffered}: the
     * listed collectors that JDK does not offer (reported, not dropped).
     */
    record Plan(List<Cell> cells, Optional<Collector> base, List<Collector> notOffered) {
        static Plan of(List<Collector> collectors, List<ChurnKeys> keys, int feature) {
            List<Collector> offered = collectors.stream().filter(c -> c.offered(feature)).toList();
            List<Collector> missing = collectors.stream().filter(c -> !c.offered(feature)).toList();
            Optional<Collector> base = offered.contains(REFERENCE_GC) ? Optional.of(REFERENCE_GC) : offered.stream().findFirst();
            List<Cell> cells = new ArrayList<>();
            for (Collector c : offered) {
                if (keys.contains(ChurnKeys.INT)) cells.add(new Cell(c, DEFAULT, ChurnKeys.INT));
                if (base.isPresent() && c == base.get()) {
                    if (keys.contains(ChurnKeys.INT)) cells.add(new Cell(c, PRESIZED, ChurnKeys.INT));
                    for (ChurnKeys k : List.of(ChurnKeys.RANDOM_STRING, ChurnKeys.COLLIDING_STRING)) {
                        if (keys.contains(k)) cells.add(new Cell(c, DEFAULT, k));
                    }
                }
            }
            return new Plan(cells, base, missing);
        }
    }

    /**
     * Seconds to start a pause JVM (heap pre-touched, JFR started) and read its recording and GC
     * log afterwards. With {@link #PAUSE_SECONDS_PER_ENTRY_ROUND} fitted to the full reference run
     * (36 JVMs of 6 rounds of 1M entries: 24 s each) and a quick run of 9 JVMs of 9 rounds of 200k
     * entries on a loaded 2-core machine (about 14 s each).
     */
    static final double PAUSE_JVM_SECONDS = 5;
    /** Seconds per merged entry and round of the pause workload (building the sources, merging). */
    static final double PAUSE_SECONDS_PER_ENTRY_ROUND = 3e-6;

    /**
     * The plan: the allocation benchmark of {@link #allocationRun}, then one pause JVM per cell of
     * {@link #pausePlan} (on the measuring JDK) and round; every row measure writes (of the
     * pauses, whose number and phases come from the GC log, one per JVM: see the note) and the
     * findings conclude gives for them.
     */
    @Override
    public void plan(maplab.plan.Plan.Builder plan, RunContext context) {
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

    /** The pause findings {@link #concludePauses} gives for the cells of {@code pauses}. */
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

    // ------------------------------------------------------------------ measure

    /**
     * The plan's progress steps: one per allocation cell (subject x put and get) and fork, then
     * one per pause cell (on the measuring JDK's collectors) and JVM.
     */
    @Override
    public int plannedSteps(RunContext context) {
        return plannedSteps(context.params(), context.jdkFeature());
    }

    /** {@link #plannedSteps(RunContext)} measuring on this JVM's own JDK. */
    @Override
    public int plannedSteps(Params p) {
        return plannedSteps(p, TargetJvm.self().feature());
    }

    private static int plannedSteps(Params p, int feature) {
        return p.getStrings("subjects").size() * ALLOC_METHODS * p.getEffort("alloc").plannedForks(false)
                + pausePlan(p, feature).cells().size() * p.getEffort("pause").forks();
    }

    /** The benchmarks {@link #ALLOC_BENCH} matches: fill and get. */
    private static final int ALLOC_METHODS = 2;

    /** The pause cells on JDK {@code feature}. */
    private static Plan pausePlan(Params p, int feature) {
        return Plan.of(p.getStrings("collectors").stream().map(Collector::parse).toList(),
                p.getStrings("keys").stream().map(ChurnKeys::parse).toList(), feature);
    }

    @Override
    public void measure(RunContext ctx) throws Exception {
        allocation(ctx);
        pauses(ctx);
    }

    /** The allocation benchmark (fill and get, {@code -prof gc}) for every subject; {@link #plan} and {@link #measure} both build it here. */
    private static Jmh allocationRun(RunContext ctx) {
        return ctx.jmh(ALLOC_BENCH, "alloc")
                .param("subject", ctx.params().getStrings("subjects").stream().map(PutGetMapKind::parse).toList())
                .param("n", String.valueOf(ctx.params().getInt("alloc_n")))
                .param("seed", String.valueOf(ctx.seed("alloc-keys")))
                .profiler("gc");
    }

    /** Part one: bytes and time per put and per get, boxed versus primitive; rows with per-fork samples. */
    private void allocation(RunContext ctx) {
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

    /** The operations of the allocation benchmark, as its rows name them (fill is put, n times). */
    static final List<String> ALLOC_OPERATIONS = List.of("put", "get");

    /** An allocation row's dimensions. */
    private static Map<String, Object> allocDims(String subject, String operation, int n) {
        return maplab.plan.Plan.dims("subject", subject, "operation", operation, "n_keys", n);
    }

    /** A row with these dimensions, in their order. */
    private static ResultBuilder.Row row(ResultBuilder out, Map<String, Object> dims) {
        ResultBuilder.Row row = out.row();
        dims.forEach(row::with);
        return row;
    }

    /**
     * Part two: GC pauses of the build-and-merge workload, one JVM per cell and round. Rows: one
     * {@code offered} row per listed collector (1, or 0 with the reason); per JVM a
     * {@code collections} row (with the workload's settings), {@code alloc_per_entry},
     * {@code stall_total} and {@code stalls}; one {@code pause} row per stop-the-world pause.
     */
    private void pauses(RunContext ctx) throws InterruptedException {
        Params p = ctx.params();
        int n = p.getInt("n");
        int maps = p.getInt("maps");
        Effort effort = p.getEffort("pause");
        int jvms = effort.forks();
        int warmup = effort.warmupIterations();
        int rounds = effort.iterations();
        int feature = ctx.jdkFeature();
        List<Collector> listed = p.getStrings("collectors").stream().map(Collector::parse).toList();
        Plan plan = pausePlan(p, feature);
        long seed = ctx.seed("churn-keys");
        SplittableRandom order = ctx.random("pause-order");
        List<String> common = List.of("-Xms" + p.getLong("heap_mb") + "m", "-Xmx" + p.getLong("heap_mb") + "m",
                "-XX:+AlwaysPreTouch", "-Djava.awt.headless=true");
        Path dir = ctx.workDir().resolve("gc");
        ResultBuilder out = ctx.result();

        Map<String, Object> flags = new LinkedHashMap<>();
        for (Collector c : listed) {
            boolean offered = c.offered(feature);
            flags.put(c.id(), offered ? String.join(" ", c.requireFlags(feature)) : Collector.notOffered(feature));
            row(out, offeredDims(c, feature)).measure("offered", offered ? 1 : 0, Unit.COUNT);
        }
        Set<String> collectorsSeen = new LinkedHashSet<>();
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("jdk", feature);
        note.put("collectors", flags);
        note.put("jvm_args", common);
        note.put("gc_log", "-Xlog:" + GcPauses.LOG_TAGS);
        note.put("main_class", MapChurn.class.getName());
        note.put("cells", plan.cells().stream().map(Cell::name).toList());
        note.put("jvms_per_cell", jvms);
        note.put("warmup_rounds", warmup);
        note.put("recorded_rounds", rounds);
        note.put("event", GcPauses.EVENT + " (collections, GC ids), " + GcPauses.STALL_EVENT + "; pauses from the GC log");
        out.note("gc_pause_jvm", note);
        if (!plan.notOffered().isEmpty()) {
            out.note("collectors_not_offered", plan.notOffered().stream().map(c -> c.label() + ": " + Collector.notOffered(feature)).toList());
        }

        ctx.progress().addSteps(plan.cells().size() * jvms);
        for (int f = 1; f <= jvms; f++) {
            List<Cell> cells = new ArrayList<>(plan.cells());
            for (int i = cells.size() - 1; i > 0; i--) java.util.Collections.swap(cells, i, order.nextInt(i + 1));
            for (Cell cell : cells) {
                ctx.checkInterrupted();
                ctx.progress().step("GC pauses, round " + f + "/" + jvms + ", " + cell.label());
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
                note.put("collectors_seen", List.copyOf(collectorsSeen));
                out.note("gc_pause_jvm", note);
            }
        }
    }

    private static ResultBuilder.Row cellRow(ResultBuilder out, Cell cell, int jvm) {
        return row(out, cellDims(cell, jvm));
    }

    /** A pause JVM's dimensions: its cell and its round. */
    private static Map<String, Object> cellDims(Cell cell, int jvm) {
        return maplab.plan.Plan.dims("gc", cell.gc().id(), "variant", cell.variant().id(), "keys", cell.keys().id(), "jvm", jvm);
    }

    /** A pause JVM's {@code collections} row's dimensions: its cell and round, and the workload's settings. */
    private static Map<String, Object> collectionsDims(Cell cell, int jvm, Params p, int feature) {
        Map<String, Object> dims = cellDims(cell, jvm);
        dims.putAll(maplab.plan.Plan.dims("n_keys", p.getInt("n"), "maps", p.getInt("maps"), "rounds", p.getEffort("pause").iterations(),
                "heap_mb", p.getLong("heap_mb"), "jdk", feature));
        return dims;
    }

    /** A listed collector's {@code offered} row's dimensions: measured with its flags, or not offered by JDK {@code feature}. */
    private static Map<String, Object> offeredDims(Collector c, int feature) {
        boolean offered = c.offered(feature);
        return maplab.plan.Plan.dims("gc", c.id(), "jdk", feature, "status", offered ? "measured" : Collector.notOffered(feature),
                "flags", offered ? String.join(" ", c.requireFlags(feature)) : "");
    }

    // ------------------------------------------------------------------ conclude

    @Override
    public void conclude(RunData data, ResultBuilder out) {
        concludeAllocation(data.rows(), out);
        concludePauses(data.rows(), out);
    }

    private void concludeAllocation(Rows rows, ResultBuilder out) {
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
    private static void ifDrawable(ResultBuilder out, Runnable tableOrChart) {
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

    private static void allocationChart(Rows alloc, long n, ResultBuilder out) {
        List<String> subjects = alloc.distinct("subject");
        List<String> ops = alloc.distinct("operation");
        CategoryChart chart = Charts.bars("Bytes allocated per operation (JMH -prof gc, " + n + " keys; error bars: "
                + Finding.confidenceLabel() + " interval over forks)", "operation", "allocated (B/op)");
        for (String id : subjects) {
            List<Double> values = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            for (String op : ops) {
                Estimate e = alloc.where("subject", id).where("operation", op).first().map(Gc::bytes).orElse(Estimate.exact(Double.NaN));
                values.add(e.value());
                errors.add(e.hasInterval() ? e.halfWidth() : 0.0);
            }
            Charts.bars(chart, PutGetMapKind.parse(id).label(), ops, values, errors);
        }
        out.chart("allocation", chart);
    }

    private static void allocFinding(ResultBuilder out, Rows alloc, String subject, String operation, String id, String template) {
        alloc.where("subject", subject).where("operation", operation).first().ifPresent(r -> out.attempt(id, () ->
                out.finding(Finding.estimate(id, bytes(r), "B/op", Finding.Basis.TIMING, template).where("n_keys", r.integer("n_keys")))));
    }

    /** A row's mean over forks with its interval (bytes cannot be negative: the lower bound is cut at 0). */
    static Estimate bytes(Rows.Row r) {
        return nonNegative(estimate(r));
    }

    /** The interval of a quantity that cannot be negative (bytes, a pause), cut at 0. */
    static Estimate nonNegative(Estimate e) {
        return e.hasInterval() ? new Estimate(e.value(), Math.max(0, e.low()), e.high(), e.n()) : e;
    }

    /** A row's estimate: over forks from its samples; for rows stored without samples, value +- the stored error. */
    static Estimate estimate(Rows.Row r) {
        if (!r.samples().isEmpty()) return r.measured().estimate();
        double err = r.error();
        return Double.isFinite(err) ? new Estimate(r.value(), r.value() - err, r.value() + err, 0) : new Estimate(r.value(), Double.NaN, Double.NaN, 0);
    }


    // ------------------------------------------------------------------ conclude: pauses

    /** The key of a row's cell: gc/variant/keys (runs stored before collectors varied have one gc and int keys). */
    record CellKey(String gc, String variant, String keys) {
        static CellKey of(Rows.Row r, String defaultGc) {
            return new CellKey(r.has("gc") ? r.str("gc") : defaultGc, r.str("variant"), r.has("keys") ? r.str("keys") : ChurnKeys.INT.id());
        }

        Collector collector() { return Collector.parse(gc); }

        String label() {
            return collector().label() + ", " + (variant.equals(DEFAULT.id()) ? "default-sized" : "presized") + ", " + ChurnKeys.parse(keys).label();
        }

        /** A short label for chart axes: "G1, int", "G1, int, presized", "ZGC gen, colliding". */
        String shortLabel() {
            String c = switch (collector()) {
                case ZGC -> "ZGC";
                case ZGC_GENERATIONAL -> "ZGC gen";
                default -> collector().label();
            };
            String k = switch (ChurnKeys.parse(keys)) {
                case INT -> "int";
                case RANDOM_STRING -> "random Str";
                case COLLIDING_STRING -> "colliding Str";
            };
            return c + ", " + k + (variant.equals(DEFAULT.id()) ? "" : ", presized");
        }

        /** Plan order: collector, then default-sized before presized, then keys. */
        static final Comparator<CellKey> ORDER = Comparator.comparing((CellKey k) -> k.collector().ordinal())
                .thenComparing(k -> !k.variant().equals(DEFAULT.id()))
                .thenComparing(k -> ChurnKeys.parse(k.keys()).ordinal());
    }

    /**
     * One cell's JVMs: per JVM its collections, total pause time, longest pause, nearest-rank p99
     * pause, bytes allocated per entry, allocation-stall time; and every pause.
     */
    record PerJvm(Rows.Row settings, SortedMap<Integer, Double> collections, SortedMap<Integer, Double> total, SortedMap<Integer, Double> max,
                  SortedMap<Integer, Double> p99, SortedMap<Integer, Double> alloc, SortedMap<Integer, Double> stall, List<Double> pauses) {

        static Map<CellKey, PerJvm> all(Rows rows) {
            Rows collections = rows.metric("collections");
            String defaultGc = collections.first().map(r -> r.str("gc")).orElse(REFERENCE_GC.id());
            Map<CellKey, PerJvm> out = new LinkedHashMap<>();
            Map<CellKey, Map<Integer, List<Double>>> byJvm = new LinkedHashMap<>();
            for (Rows.Row r : collections) {
                CellKey key = CellKey.of(r, defaultGc);
                PerJvm cell = out.computeIfAbsent(key, k -> new PerJvm(r, new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>(),
                        new TreeMap<>(), new TreeMap<>(), new ArrayList<>()));
                int jvm = (int) r.integer("jvm");
                cell.collections().put(jvm, r.value());
                cell.total().put(jvm, 0.0);
                cell.max().put(jvm, 0.0);
                cell.p99().put(jvm, 0.0);
                byJvm.computeIfAbsent(key, k -> new TreeMap<>()).put(jvm, new ArrayList<>());
            }
            for (Rows.Row r : rows.metric("pause")) {
                CellKey key = CellKey.of(r, defaultGc);
                PerJvm cell = out.get(key);
                if (cell == null) continue;
                int jvm = (int) r.integer("jvm");
                double ms = r.value();
                cell.pauses().add(ms);
                cell.total().merge(jvm, ms, Double::sum);
                cell.max().merge(jvm, ms, Math::max);
                byJvm.get(key).computeIfAbsent(jvm, j -> new ArrayList<>()).add(ms);
            }
            for (var e : byJvm.entrySet()) {
                for (var j : e.getValue().entrySet()) out.get(e.getKey()).p99().put(j.getKey(), nearestRank(j.getValue(), 0.99));
            }
            for (Rows.Row r : rows.metric("alloc_per_entry")) {
                PerJvm cell = out.get(CellKey.of(r, defaultGc));
                if (cell != null) cell.alloc().put((int) r.integer("jvm"), r.value());
            }
            for (Rows.Row r : rows.metric("stall_total")) {
                PerJvm cell = out.get(CellKey.of(r, defaultGc));
                if (cell != null) cell.stall().put((int) r.integer("jvm"), r.value());
            }
            Map<CellKey, PerJvm> sorted = new TreeMap<>(CellKey.ORDER);
            sorted.putAll(out);
            return new LinkedHashMap<>(sorted);
        }
    }

    /** The nearest-rank quantile (0 for no values): with fewer than 1/(1-q) values it is the largest. */
    static double nearestRank(List<Double> xs, double q) {
        if (xs.isEmpty()) return 0;
        double[] sorted = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private void concludePauses(Rows rows, ResultBuilder out) {
        collectorsTable(rows, out);
        Rows collections = rows.metric("collections");
        if (collections.isEmpty()) {
            out.note("findings_not_computed", List.of("pause findings: need per-JVM 'collections' and per-pause 'pause' rows "
                    + "(runs stored before pauses were kept per JVM have only pooled summaries; a run whose collectors were all not offered has none)"));
            return;
        }
        Map<CellKey, PerJvm> cells = PerJvm.all(rows);
        // the base collector: G1 when measured, else the one that ran the presized or String cells (the plan's base), else the first
        String baseGc = cells.keySet().stream().map(CellKey::gc).anyMatch(REFERENCE_GC.id()::equals) ? REFERENCE_GC.id()
                : cells.keySet().stream().filter(k -> !k.variant().equals(DEFAULT.id()) || !k.keys().equals(ChurnKeys.INT.id()))
                        .map(CellKey::gc).findFirst().orElse(cells.keySet().iterator().next().gc());
        ifDrawable(out, () -> perJvmTable(out, cells));
        ifDrawable(out, () -> summaryTable(out, cells));
        ifDrawable(out, () -> collectionsChart(out, cells));
        ifDrawable(out, () -> pauseDistributionChart(out, cells));

        PerJvm dflt = cells.get(new CellKey(baseGc, DEFAULT.id(), ChurnKeys.INT.id()));
        PerJvm pre = cells.get(new CellKey(baseGc, PRESIZED.id(), ChurnKeys.INT.id()));
        if (dflt != null && pre != null) defaultVersusPresized(out, Collector.parse(baseGc), dflt, pre);
        if (baseGc.equals(REFERENCE_GC.id()) && dflt != null) collectorsVersusG1(out, cells, dflt);
        out.attempt("collector_rank_max_pause", () -> collectorRank(out, cells));
        PerJvm random = cells.get(new CellKey(baseGc, DEFAULT.id(), ChurnKeys.RANDOM_STRING.id()));
        PerJvm colliding = cells.get(new CellKey(baseGc, DEFAULT.id(), ChurnKeys.COLLIDING_STRING.id()));
        if (random != null && colliding != null) collidingVersusRandom(out, Collector.parse(baseGc), colliding, random);
    }

    /** The listed collectors: measured, or "not offered by JDK N" (from the {@code offered} rows; older runs: the measured ones). */
    private static void collectorsTable(Rows rows, ResultBuilder out) {
        List<Map<String, Object>> table = new ArrayList<>();
        Rows offered = rows.metric("offered");
        if (offered.isEmpty()) {
            for (String gc : rows.metric("collections").distinct("gc")) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("collector", Collector.parse(gc).label());
                row.put("status", "measured");
                table.add(row);
            }
        }
        List<String> missing = new ArrayList<>();
        for (Rows.Row r : offered) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("collector", Collector.parse(r.str("gc")).label());
            row.put("jdk", r.integer("jdk"));
            row.put("status", r.str("status"));
            row.put("flags", r.str("flags"));
            table.add(row);
            if (r.value() == 0) missing.add(Collector.parse(r.str("gc")).label() + ": " + r.str("status"));
        }
        if (!table.isEmpty()) out.table("collectors", TidyTables.fromRows("collectors", table));
        if (!missing.isEmpty()) out.note("collectors_not_offered", missing);
    }

    /** Default-sized versus presized maps of ints under the base collector (the findings gc had before collectors varied). */
    private static void defaultVersusPresized(ResultBuilder out, Collector gc, PerJvm dflt, PerJvm pre) {
        Rows.Row settings = dflt.settings();
        long n = settings.integer("n_keys");
        if (!dflt.pauses().isEmpty() || !pre.pauses().isEmpty()) ifDrawable(out, () -> out.chart("pause histogram", histogram(gc, dflt.pauses(), pre.pauses())));
        ifDrawable(out, () -> out.chart("pause total per JVM", perJvmChart(gc, dflt, pre)));

        String what = gc.label() + " pause per JVM while building and merging " + n + "-entry maps with ";
        if (!dflt.max().isEmpty()) {
            out.attempt("gc_pause_max_default_ms", () -> out.finding(where(Finding.estimate("gc_pause_max_default_ms", nonNegative(Estimates.mean(dflt.max())),
                    "ms", Finding.Basis.TIMING, "Longest " + what + "new HashMap<>(), mean over " + dflt.max().size() + " JVMs: %.1f ms"), settings)));
        }
        if (!pre.max().isEmpty()) {
            out.attempt("gc_pause_max_presized_ms", () -> out.finding(where(Finding.estimate("gc_pause_max_presized_ms", nonNegative(Estimates.mean(pre.max())),
                    "ms", Finding.Basis.TIMING, "Longest " + what + "presized HashMaps, mean over " + pre.max().size() + " JVMs: %.1f ms"), settings)));
        }
        if (dflt.total().isEmpty() || pre.total().isEmpty()) return;
        out.attempt("pause_total_default_vs_presized", () -> out.finding(where(Finding.timeRatio("pause_total_default_vs_presized",
                "Total GC pause time per JVM with default-sized maps", "that with presized maps", Estimates.ratio(dflt.total(), pre.total())), settings)));
        out.attempt("pause_max_default_vs_presized", () -> out.finding(where(Finding.timeRatio("pause_max_default_vs_presized",
                "The longest GC pause per JVM with default-sized maps", "that with presized maps", Estimates.ratio(dflt.max(), pre.max())), settings)));
        out.attempt("collections_default_vs_presized", () -> out.finding(where(Finding.ratio("collections_default_vs_presized",
                "Collections per JVM with default-sized maps", "those with presized maps", Finding.Quantity.AMOUNT,
                Estimates.ratio(dflt.collections(), pre.collections()), Finding.Basis.TIMING), settings)));

        ifDrawable(out, () -> testTable(out, dflt, pre));
        out.attempt("pause_difference_p_value", () -> pValue(out, dflt, pre, settings));
    }

    /** {@code pause_difference_p_value}: the t-test on the log of each JVM's total pause time, whose interval is pause_total_default_vs_presized's. */
    private static void pValue(ResultBuilder out, PerJvm dflt, PerJvm pre, Rows.Row settings) {
        Estimate total = Estimates.ratio(dflt.total(), pre.total());
        double p = pairedLogP(dflt.total(), pre.total());
        String text = Double.isNaN(p)
                ? String.format(Locale.ROOT, "Too few JVMs to test (%d default-sized, %d presized; each needs at least 2, with pauses): raise the JVMs of pause_effort",
                        dflt.total().size(), pre.total().size())
                : String.format(Locale.ROOT, "%s on the log of each JVM's total GC pause time (%d default-sized and %d presized JVMs; "
                        + "pauses inside one JVM are not treated as independent): p = %.3g. The verdict is pause_total_default_vs_presized's: "
                        + "%s, %s (%s interval %s to %s)", paired(dflt.total(), pre.total()) ? "Paired t-test (JVMs paired by round)" : "Welch's t-test",
                        dflt.total().size(), pre.total().size(), p, Finding.verdict(total, 1).label(), Finding.formatRatio(total.value()),
                        Finding.confidenceLabel(), Finding.formatRatio(total.low()), Finding.formatRatio(total.high()));
        out.finding(where(Finding.statistic("pause_difference_p_value", p, "p", Finding.Basis.TIMING, text), settings));
    }

    /** Every other collector's default-sized map of ints against G1's: longest pause, total pause, collections, bytes per entry. */
    private static void collectorsVersusG1(ResultBuilder out, Map<CellKey, PerJvm> cells, PerJvm g1) {
        List<Map<String, Object>> table = new ArrayList<>();
        for (var e : cells.entrySet()) {
            CellKey key = e.getKey();
            if (!key.variant().equals(DEFAULT.id()) || !key.keys().equals(ChurnKeys.INT.id()) || key.gc().equals(REFERENCE_GC.id())) continue;
            Collector c = key.collector();
            PerJvm v = e.getValue();
            Rows.Row settings = v.settings();
            String under = " under " + c.label();
            String g1Side = "that under G1";
            if (!v.max().isEmpty()) {
                out.attempt("gc_pause_max_" + c.id() + "_ms", () -> out.finding(where(Finding.estimate("gc_pause_max_" + c.id() + "_ms",
                        nonNegative(Estimates.mean(v.max())), "ms", Finding.Basis.TIMING, "Longest stop-the-world pause per JVM" + under
                        + " while building and merging " + settings.str("n_keys") + "-entry maps with new HashMap<>(), mean over " + v.max().size()
                        + " JVMs: %.3f ms"), settings)));
            }
            out.attempt("pause_max_" + c.id() + "_vs_g1", () -> {
                Estimate max = Estimates.ratio(v.max(), g1.max());
                out.finding(where(Finding.timeRatio("pause_max_" + c.id() + "_vs_g1", "The longest pause per JVM" + under, g1Side, max), settings));
                addComparison(table, c.label() + " vs G1", "longest pause per JVM", max);
            });
            out.attempt("pause_total_" + c.id() + "_vs_g1", () -> {
                Estimate total = Estimates.ratio(v.total(), g1.total());
                out.finding(where(Finding.timeRatio("pause_total_" + c.id() + "_vs_g1", "Total pause time per JVM" + under, g1Side, total), settings));
                addComparison(table, c.label() + " vs G1", "total pause per JVM", total);
            });
            out.attempt("collections_" + c.id() + "_vs_g1", () -> {
                Estimate count = Estimates.ratio(v.collections(), g1.collections());
                out.finding(where(Finding.ratio("collections_" + c.id() + "_vs_g1", "Collections per JVM" + under, "those under G1",
                        Finding.Quantity.AMOUNT, count, Finding.Basis.TIMING), settings));
                addComparison(table, c.label() + " vs G1", "collections per JVM", count);
            });
            if (!v.alloc().isEmpty() && !g1.alloc().isEmpty()) {
                out.attempt("alloc_per_entry_" + c.id() + "_vs_g1", () -> {
                    Estimate alloc = Estimates.ratio(v.alloc(), g1.alloc());
                    out.finding(where(Finding.ratio("alloc_per_entry_" + c.id() + "_vs_g1", "Bytes allocated per merged entry" + under,
                            "those under G1", Finding.Quantity.BYTES, alloc, Finding.Basis.TIMING), settings));
                    addComparison(table, c.label() + " vs G1", "bytes allocated per entry", alloc);
                });
            }
            if (c.isZ() && !v.stall().isEmpty()) {
                out.attempt("stall_total_" + c.id() + "_ms", () -> out.finding(where(Finding.estimate("stall_total_" + c.id() + "_ms",
                        nonNegative(Estimates.mean(v.stall())), "ms", Finding.Basis.TIMING, "Allocation stalls per JVM" + under
                        + " (the allocating thread waits for memory; not counted as pauses), mean over " + v.stall().size() + " JVMs: %.1f ms"), settings)));
            }
        }
        if (!table.isEmpty()) ifDrawable(out, () -> out.table("collector comparison", TidyTables.fromRows("collector comparison", table)));
    }

    /**
     * The measured collectors (default-sized map of ints) ordered by the geometric mean of their
     * per-JVM longest pause; the value counts the adjacent steps whose paired ratio interval
     * excludes 1.
     */
    private static void collectorRank(ResultBuilder out, Map<CellKey, PerJvm> cells) {
        List<Map.Entry<Collector, PerJvm>> ranked = new ArrayList<>();
        for (var e : cells.entrySet()) {
            CellKey k = e.getKey();
            if (k.variant().equals(DEFAULT.id()) && k.keys().equals(ChurnKeys.INT.id()) && !e.getValue().max().isEmpty()
                    && e.getValue().max().values().stream().allMatch(x -> x > 0)) {
                ranked.add(Map.entry(k.collector(), e.getValue()));
            }
        }
        if (ranked.size() < 2) return;
        ranked.sort(Comparator.comparingDouble(e -> geometricMean(e.getValue().max())));
        StringBuilder order = new StringBuilder();
        StringBuilder steps = new StringBuilder();
        int separated = 0;
        for (int i = 0; i < ranked.size(); i++) {
            var e = ranked.get(i);
            if (i > 0) order.append(" < ");
            order.append(e.getKey().label()).append(String.format(Locale.ROOT, " (%s ms)", maplab.stats.Numbers.format(geometricMean(e.getValue().max()))));
            if (i == 0) continue;
            var prev = ranked.get(i - 1);
            Estimate r = Estimates.ratio(prev.getValue().max(), e.getValue().max());
            boolean apart = Finding.verdict(r, 1) == Finding.Verdict.LOWER;
            if (apart) separated++;
            steps.append(String.format(Locale.ROOT, "; %s vs %s: %s (%s interval %s to %s)%s", prev.getKey().label(), e.getKey().label(),
                    Finding.formatRatio(r.value()), Finding.confidenceLabel(), Finding.formatRatio(r.low()), Finding.formatRatio(r.high()),
                    apart ? ", separated" : ", not separated"));
        }
        Rows.Row settings = ranked.get(0).getValue().settings();
        String text = "Collectors ordered by the longest pause per JVM (geometric mean over JVMs): " + order + steps
                + String.format(Locale.ROOT, ". %d of %d steps are separated by their paired intervals", separated, ranked.size() - 1);
        Finding f = Finding.statistic("collector_rank_max_pause", separated, "steps", Finding.Basis.TIMING, text);
        out.finding(f.where("n_keys", settings.str("n_keys")).where("maps", settings.str("maps")).where("rounds", settings.str("rounds"))
                .where("heap_mb", settings.str("heap_mb")).where("collectors", String.join(",", ranked.stream().map(e -> e.getKey().id()).toList())));
    }

    private static double geometricMean(Map<Integer, Double> xs) {
        return Math.exp(xs.values().stream().mapToDouble(Math::log).average().orElse(Double.NaN));
    }

    /** Colliding Strings (one tree bin) against random Strings of the same length, default-sized HashMaps, base collector. */
    private static void collidingVersusRandom(ResultBuilder out, Collector gc, PerJvm colliding, PerJvm random) {
        Rows.Row settings = colliding.settings();
        String a = " with colliding String keys (one tree bin of TreeNodes)";
        String b = "that with random Strings of the same length";
        List<Map<String, Object>> table = new ArrayList<>();
        out.attempt("pause_total_colliding_vs_random_string", () -> {
            Estimate total = Estimates.ratio(colliding.total(), random.total());
            out.finding(where(Finding.timeRatio("pause_total_colliding_vs_random_string", "Total " + gc.label() + " pause time per JVM" + a, b, total), settings));
            addComparison(table, "colliding vs random Strings", "total pause per JVM", total);
        });
        out.attempt("pause_max_colliding_vs_random_string", () -> {
            Estimate max = Estimates.ratio(colliding.max(), random.max());
            out.finding(where(Finding.timeRatio("pause_max_colliding_vs_random_string", "The longest " + gc.label() + " pause per JVM" + a, b, max), settings));
            addComparison(table, "colliding vs random Strings", "longest pause per JVM", max);
        });
        out.attempt("collections_colliding_vs_random_string", () -> {
            Estimate count = Estimates.ratio(colliding.collections(), random.collections());
            out.finding(where(Finding.ratio("collections_colliding_vs_random_string", "Collections per JVM" + a, "those with random Strings",
                    Finding.Quantity.AMOUNT, count, Finding.Basis.TIMING), settings));
            addComparison(table, "colliding vs random Strings", "collections per JVM", count);
        });
        if (!colliding.alloc().isEmpty() && !random.alloc().isEmpty()) {
            out.attempt("alloc_per_entry_colliding_vs_random_string", () -> {
                Estimate alloc = Estimates.ratio(colliding.alloc(), random.alloc());
                out.finding(where(Finding.ratio("alloc_per_entry_colliding_vs_random_string", "Bytes allocated per merged entry" + a,
                        "those with random Strings", Finding.Quantity.BYTES, alloc, Finding.Basis.TIMING), settings));
                addComparison(table, "colliding vs random Strings", "bytes allocated per entry", alloc);
            });
        }
        ifDrawable(out, () -> out.table("collision comparison", TidyTables.fromRows("collision comparison", table)));
    }

    private static void addComparison(List<Map<String, Object>> table, String comparison, String quantity, Estimate r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("comparison", comparison);
        row.put("quantity", quantity);
        row.put("jvm_pairs", (long) r.n());
        row.put("ratio", r.value());
        row.put("ratio_low", r.low());
        row.put("ratio_high", r.high());
        row.put("verdict", Finding.verdict(r, 1).label());
        table.add(row);
    }

    /** The pause workload's settings as a finding's conditions (they differ between quick and full). */
    private static Finding where(Finding f, Rows.Row settings) {
        Finding w = f.where("n_keys", settings.str("n_keys")).where("maps", settings.str("maps")).where("rounds", settings.str("rounds"))
                .where("heap_mb", settings.str("heap_mb")).where("gc", settings.str("gc"));
        return settings.has("keys") && !settings.str("keys").equals(ChurnKeys.INT.id()) ? w.where("keys", settings.str("keys")) : w;
    }

    /** Whether two per-JVM maps pair by round (same JVM indices, at least 2). */
    static boolean paired(Map<Integer, Double> a, Map<Integer, Double> b) {
        return a.keySet().equals(b.keySet()) && a.size() >= 2;
    }

    /**
     * The two-sided p-value of the t-test behind {@link Estimates#ratio}: paired on the per-round
     * log ratios when the JVMs pair by round, else Welch's test on the logs; NaN with fewer than 2
     * values a side or a value that is not positive.
     */
    static double pairedLogP(Map<Integer, Double> a, Map<Integer, Double> b) {
        boolean positive = a.values().stream().allMatch(v -> v > 0) && b.values().stream().allMatch(v -> v > 0);
        if (!positive || a.size() < 2 || b.size() < 2) return Double.NaN;
        if (paired(a, b)) {
            double[] d = a.keySet().stream().mapToDouble(k -> Math.log(a.get(k)) - Math.log(b.get(k))).toArray();
            double m = Stats.mean(d);
            double sd = Stats.standardDeviation(d);
            if (sd == 0) return m == 0 ? 1 : 0;
            double t = m / (sd / Math.sqrt(d.length));
            return 2 * new TDistribution(d.length - 1).cumulativeProbability(-Math.abs(t));
        }
        return Stats.welch(logs(a), logs(b)).p();
    }

    private static double[] logs(Map<Integer, Double> xs) {
        return xs.values().stream().mapToDouble(Math::log).toArray();
    }

    private static double[] values(Map<Integer, Double> xs) {
        return xs.values().stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void perJvmTable(ResultBuilder out, Map<CellKey, PerJvm> cells) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (var e : cells.entrySet()) {
            PerJvm v = e.getValue();
            for (int jvm : v.collections().keySet()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("collector", e.getKey().collector().label());
                row.put("variant", label(e.getKey().variant().equals(DEFAULT.id()) ? DEFAULT : PRESIZED));
                row.put("keys", ChurnKeys.parse(e.getKey().keys()).label());
                row.put("jvm", (long) jvm);
                row.put("collections", Math.round(v.collections().get(jvm)));
                row.put("total_pause_ms", v.total().get(jvm));
                row.put("max_pause_ms", v.max().get(jvm));
                row.put("p99_pause_ms", v.p99().get(jvm));
                row.put("alloc_bytes_per_entry", v.alloc().getOrDefault(jvm, Double.NaN));
                row.put("stall_ms", v.stall().getOrDefault(jvm, Double.NaN));
                rows.add(row);
            }
        }
        out.table("pause per JVM", TidyTables.fromRows("pause per JVM", rows));
    }

    private static void summaryTable(ResultBuilder out, Map<CellKey, PerJvm> cells) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (var e : cells.entrySet()) {
            PerJvm v = e.getValue();
            if (v.collections().isEmpty()) continue;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("collector", e.getKey().collector().label());
            row.put("variant", label(e.getKey().variant().equals(DEFAULT.id()) ? DEFAULT : PRESIZED));
            row.put("keys", ChurnKeys.parse(e.getKey().keys()).label());
            row.put("jvms", (long) v.collections().size());
            addMean(row, "collections_per_jvm", v.collections());
            addMean(row, "total_ms_per_jvm", v.total());
            addMean(row, "max_ms_per_jvm", v.max());
            if (!v.alloc().isEmpty()) addMean(row, "alloc_bytes_per_entry", v.alloc());
            if (!v.stall().isEmpty()) addMean(row, "stall_ms_per_jvm", v.stall());
            row.put("pauses", (long) v.pauses().size());
            row.put("median_pause_ms_pooled", v.pauses().isEmpty() ? Double.NaN : Stats.median(v.pauses().stream().mapToDouble(Double::doubleValue).toArray()));
            rows.add(row);
        }
        out.table("pause summary", TidyTables.fromRows("pause summary", rows));
    }

    private static void addMean(Map<String, Object> row, String name, Map<Integer, Double> perJvm) {
        Estimate e = Estimates.mean(perJvm);
        e = nonNegative(e);
        row.put(name, e.value());
        row.put(name + "_low", e.low());
        row.put(name + "_high", e.high());
    }

    /** Per per-JVM quantity: the ratio with its interval, the paired log t-test and Welch's test on the per-JVM values. */
    private static void testTable(ResultBuilder out, PerJvm dflt, PerJvm pre) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (var e : List.of(Map.entry("total pause time per JVM", List.of(dflt.total(), pre.total())),
                Map.entry("longest pause per JVM", List.of(dflt.max(), pre.max())),
                Map.entry("collections per JVM", List.of(dflt.collections(), pre.collections())))) {
            Map<Integer, Double> a = e.getValue().get(0);
            Map<Integer, Double> b = e.getValue().get(1);
            Estimate r = Estimates.ratio(a, b);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("quantity", e.getKey());
            row.put("jvms_default", (long) a.size());
            row.put("jvms_presized", (long) b.size());
            row.put("ratio_default_vs_presized", r.value());
            row.put("ratio_low", r.low());
            row.put("ratio_high", r.high());
            row.put("verdict", Finding.verdict(r, 1).label());
            row.put("p_paired_log_t", pairedLogP(a, b));
            row.put("p_welch_per_jvm", a.size() >= 2 && b.size() >= 2 ? Stats.welch(values(a), values(b)).p() : Double.NaN);
            rows.add(row);
        }
        out.table("pause test", TidyTables.fromRows("pause test", rows));
    }

    /** "default-sized: new HashMap<>()", "presized: HashMap for n entries". */
    static String label(MapConstructor variant) {
        return (variant == DEFAULT ? "default-sized: " : "presized: ") + variant.label();
    }

    /** Collections per JVM for every cell, mean over JVMs with its interval as error bars. */
    private static void collectionsChart(ResultBuilder out, Map<CellKey, PerJvm> cells) {
        CategoryChart chart = Charts.bars("Collections per JVM (fixed work; error bars: " + Finding.confidenceLabel() + " interval over JVMs)",
                "collector, keys (default-sized map unless presized)", "collections per JVM");
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        for (var e : cells.entrySet()) {
            if (e.getValue().collections().isEmpty()) continue;
            Estimate m = Estimates.mean(e.getValue().collections());
            labels.add(e.getKey().shortLabel());
            values.add(m.value());
            errors.add(m.hasInterval() ? m.halfWidth() : 0.0);
        }
        Charts.bars(chart, "collections per JVM (mean)", labels, values, errors);
        out.chart("collections per JVM", chart);
    }

    /** Every pause of every JVM per collector (default-sized map of ints), sorted: pause against percentile, log axis; descriptive. */
    private static void pauseDistributionChart(ResultBuilder out, Map<CellKey, PerJvm> cells) {
        XYChart chart = Charts.logY("Pauses per collector (every JVM pooled; descriptive)",
                "percentile of pauses (%)", "pause (ms, log axis)");
        boolean any = false;
        for (var e : cells.entrySet()) {
            CellKey k = e.getKey();
            List<Double> pauses = e.getValue().pauses().stream().filter(x -> x > 0).sorted().toList();
            if (!k.variant().equals(DEFAULT.id()) || !k.keys().equals(ChurnKeys.INT.id()) || pauses.isEmpty()) continue;
            List<Double> x = new ArrayList<>();
            for (int i = 0; i < pauses.size(); i++) x.add(pauses.size() == 1 ? 100.0 : 100.0 * i / (pauses.size() - 1));
            Charts.series(chart, k.collector().label() + " (" + pauses.size() + " pauses)", x, pauses, null);
            any = true;
        }
        if (any) out.chart("pause distribution per collector", chart);
    }

    private static CategoryChart histogram(Collector gc, List<Double> dflt, List<Double> pre) {
        double hi = 0;
        for (double x : dflt) hi = Math.max(hi, x);
        for (double x : pre) hi = Math.max(hi, x);
        double[] edges = Stats.binEdges(0, hi, HISTOGRAM_BINS);
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < HISTOGRAM_BINS; i++) labels.add(String.format(Locale.ROOT, "%.1f-%.1f", edges[i], edges[i + 1]));
        CategoryChart chart = Charts.bars("GC pause durations (" + gc.label() + "), every pause of every JVM (descriptive)", "pause (ms)", "pauses (count)");
        Charts.bars(chart, label(DEFAULT), labels, toList(Stats.histogram(toArray(dflt), edges)), null);
        Charts.bars(chart, label(PRESIZED), labels, toList(Stats.histogram(toArray(pre), edges)), null);
        return chart;
    }

    private static CategoryChart perJvmChart(Collector gc, PerJvm dflt, PerJvm pre) {
        CategoryChart chart = Charts.bars("Total GC pause time per JVM (" + gc.label() + "), by round", "round (one JVM of each variant)", "total pause (ms)");
        Set<Integer> jvms = new java.util.TreeSet<>(dflt.total().keySet());
        jvms.addAll(pre.total().keySet());
        List<String> labels = jvms.stream().map(String::valueOf).toList();
        Charts.bars(chart, label(DEFAULT), labels, jvms.stream().map(j -> dflt.total().getOrDefault(j, Double.NaN)).toList(), null);
        Charts.bars(chart, label(PRESIZED), labels, jvms.stream().map(j -> pre.total().getOrDefault(j, Double.NaN)).toList(), null);
        return chart;
    }

    private static List<Long> toList(long[] counts) {
        List<Long> out = new ArrayList<>();
        for (long c : counts) out.add(c);
        return out;
    }

    private static double[] toArray(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
