package maplab.experiments;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import maplab.chart.Charts;
import maplab.plan.ParamSpec;
import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.run.RunData;
import maplab.plan.Effort;
import maplab.measure.Jmh;
import maplab.measure.JmhScore;
import maplab.measure.ChildJvm;
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
import maplab.subject.keys.KeyedMapKind;
import maplab.subject.putget.PutGetMapKind;
import maplab.measure.MapFootprints;
import org.knowm.xchart.CategoryChart;
import org.openjdk.jmh.annotations.Mode;

/**
 * jdks: the same maps on three JVMs: an older JDK (17), a newer one (25), and the newer one with
 * compact object headers ({@code -XX:+UseCompactObjectHeaders}, JDK 24+), each chosen here,
 * whatever {@code --jdk} says.
 *
 * <p><b>Measure</b>: memory per JVM in a child JVM on that JDK ({@link MapFootprints}): JOL's
 * bytes per entry and used-heap growth per entry (a check of JOL's accounting under each
 * layout). Time: headline cells of key-types (HashMap&lt;Integer,Integer&gt; lookup), presize
 * (default-capacity HashMap insert), sync-variants (ConcurrentHashMap at 95% reads, 2 threads)
 * and gc (HashMap fill, with its allocation from JMH's gc profiler), every cell forked on every
 * JVM ({@link Jmh#on}) in alternating rounds, so fork r of each JVM is round r and ratios pair
 * by round.
 *
 * <p><b>Conclude</b>: bytes saved per entry by compact headers and by the newer JDK (JOL:
 * exact counts for the layout; heap: an estimate over the heap readings), JOL minus heap per
 * JVM (does JOL account right under compact headers?), and per timed cell the newer JDK vs
 * the older and compact headers vs none as ratios with paired-by-round intervals.
 */
public final class Jdks implements Experiment {

    /** The JVMs, in order: older JDK, newer JDK, newer JDK with compact object headers. */
    public enum Role {
        BASE("base"), NEW("new"), NEW_COH("new_coh");

        private final String id;

        Role(String id) { this.id = id; }

        public String id() { return id; }
    }

    static final String COMPACT_HEADERS = "-XX:+UseCompactObjectHeaders";

    /** A timed cell: a headline benchmark cell of another experiment. */
    enum Cell {
        LOOKUP("lookup", "key-types: HashMap<Integer,Integer> lookup", "maplab.bench.KeyTypeBench.lookup", Mode.AverageTime),
        PRESIZE("presize", "presize: default-capacity HashMap insert", "maplab.bench.PresizeBench.insert", Mode.AverageTime),
        SYNC("sync", "sync-variants: ConcurrentHashMap, 95% reads, 2 threads", "maplab.bench.SyncVariantsBench.operate", Mode.Throughput),
        GC_FILL("gc_fill", "gc: HashMap fill", "maplab\\.bench\\.GcAllocBench\\.fill$", Mode.AverageTime);

        final String id;
        final String label;
        final String bench;
        final Mode mode;

        Cell(String id, String label, String bench, Mode mode) {
            this.id = id;
            this.label = label;
            this.bench = bench;
            this.mode = mode;
        }

        static Cell parse(String id) {
            for (Cell c : values()) if (c.id.equals(id)) return c;
            throw new IllegalArgumentException("cell: unknown '" + id + "'");
        }

        /** The metric of this cell's rows: {@code throughput} or {@code time}. */
        String metric() {
            return mode == Mode.Throughput ? "throughput" : "time";
        }
    }

    static final List<String> CELLS = List.of("lookup", "presize", "sync", "gc_fill");

    @Override public String id() { return "jdks"; }

    @Override public String summary() { return "JDK 17 vs JDK 25 vs JDK 25 with compact object headers: bytes per entry (JOL and heap) and headline timings"; }

    @Override
    public List<ParamSpec> params() {
        List<String> maps = KeyedMapKind.ids();
        return List.of(
                ParamSpec.integer("base_jdk", TargetJvm.MINIMUM_FEATURE, 99, 17, 17, "the older JDK (a version installed exactly once)"),
                ParamSpec.integer("new_jdk", 24, 99, 25, 25, "the newer JDK, also run with " + COMPACT_HEADERS + " (24 or newer, installed exactly once)"),
                ParamSpec.choices("memory_subjects", maps, "hashmap_integer,fastutil_int", String.join(",", maps),
                        "maps whose bytes per entry are measured on each JVM (hashmap_integer gives the findings)"),
                ParamSpec.integer("n", 1_000, 5_000_000, 20_000, 100_000, "entries per map (memory and timed cells)"),
                ParamSpec.integer("heap_repeats", 1, 50, 3, 6, "used-heap readings per map and JVM (each on a fresh map)"),
                ParamSpec.choices("cells", CELLS, String.join(",", CELLS), String.join(",", CELLS), "timed cells, each on every JVM"),
                ParamSpec.effort("time", new Effort(4, 1, 50, 3, 50), new Effort(8, 2, 200, 4, 200),
                        "JMH effort of every timed cell on every JVM (alternating rounds)"));
    }

    /** The three JVMs of a run, checked (installed, starts, accepts compact headers) before anything is measured. */
    public static Map<Role, TargetJvm> jvms(Params p) {
        Map<Role, TargetJvm> out = new LinkedHashMap<>();
        out.put(Role.BASE, resolve("base_jdk", p.getLong("base_jdk"), null));
        out.put(Role.NEW, resolve("new_jdk", p.getLong("new_jdk"), null));
        out.put(Role.NEW_COH, resolve("new_jdk", p.getLong("new_jdk"), COMPACT_HEADERS));
        return out;
    }

    private static TargetJvm resolve(String param, long feature, String options) {
        try {
            return TargetJvm.resolve(String.valueOf(feature), options);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter '" + param + "': " + e.getMessage());
        }
    }

    @Override
    public void validate(Params params) {
        if (params.getLong("base_jdk") == params.getLong("new_jdk")) {
            throw new IllegalArgumentException("parameter 'new_jdk': must differ from base_jdk (" + params.getLong("base_jdk") + "); allowed: another installed JDK, 24 or newer");
        }
        jvms(params);
    }

    // ------------------------------------------------------------------ measure

    /**
     * The plan's progress steps: per JVM ({@link #jvms}: one per role), one memory reading, then
     * one per timed cell and fork (every cell on every JVM, no comparison adds rounds).
     */
    @Override
    public int plannedSteps(Params p) {
        return Role.values().length * (1 + timedCells(p).size() * p.getEffort("time").plannedForks(false));
    }

    private static List<Cell> timedCells(Params p) {
        return p.getStrings("cells").stream().map(Cell::parse).toList();
    }

    /**
     * The plan: on each JVM ({@link #jvms}: the JDKs are resolved, as validate does), one child
     * JVM reading JOL's and the heap's bytes per entry of every memory subject; then every timed
     * cell on every JVM ({@link #timedBatches}, as measure builds them; each JVM's cells are other
     * cells, see {@link Jmh#planCells}), and the findings those rows give.
     */
    @Override
    public void plan(Plan.Builder plan, RunContext context) {
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

    /** The findings {@link #conclude} gives for rows of this plan. */
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

    @Override
    public void measure(RunContext ctx) throws InterruptedException {
        Params p = ctx.params();
        Map<Role, TargetJvm> jvms = jvms(p);
        ResultBuilder out = ctx.result();
        Map<String, Object> described = new LinkedHashMap<>();
        jvms.forEach((role, jvm) -> described.put(role.id(), jvm.asMap()));
        out.note("jvms", described);
        int n = p.getInt("n");
        long keySeed = ctx.seed("keys");
        List<KeyedMapKind> subjects = p.getStrings("memory_subjects").stream().map(KeyedMapKind::parse).toList();
        ctx.progress().addSteps(jvms.size());
        Map<String, Object> jolVm = new LinkedHashMap<>();
        for (Map.Entry<Role, TargetJvm> e : jvms.entrySet()) {
            ctx.checkInterrupted();
            ctx.progress().step("JOL and heap readings on " + e.getValue().label());
            MapFootprints.Measurement m = MapFootprints.measure(ChildJvm.of(ctx.forks().on(e.getValue())), subjects, n, keySeed,
                    p.getInt("heap_repeats"), Duration.ofMinutes(10));
            jolVm.put(e.getKey().id(), m.jolVm());
            for (MapFootprints.Footprint f : m.footprints()) memoryRows(out, e.getKey(), e.getValue(), f);
        }
        out.note("jol_vm", jolVm);
        timings(ctx, jvms, n, keySeed);
    }

    private static void memoryRows(ResultBuilder out, Role role, TargetJvm jvm, MapFootprints.Footprint f) {
        Object[][] counts = {{"bytes_per_entry", f.jolBytesPerEntry()}, {"new_bytes_per_entry", f.jolNewBytesPerEntry()}};
        for (Object[] c : counts) {
            out.row().with("part", "memory").with("jvm", role.id()).with("jdk", jvm.feature()).with("options", String.join(" ", jvm.options()))
                    .with("subject", f.kind().id()).with("n_keys", f.n()).measure((String) c[0], (Double) c[1], Unit.BYTES_PER_ENTRY);
        }
        out.row().with("part", "memory").with("jvm", role.id()).with("jdk", jvm.feature()).with("options", String.join(" ", jvm.options()))
                .with("subject", f.kind().id()).with("n_keys", f.n()).measure("shared_objects", (double) f.shared(), Unit.COUNT);
        List<Estimates.Sample> samples = new ArrayList<>();
        for (int r = 0; r < f.heapDeltas().length; r++) samples.add(new Estimates.Sample(r, 0, f.heapDeltas()[r] / (double) f.n()));
        out.row().with("part", "memory").with("jvm", role.id()).with("jdk", jvm.feature()).with("options", String.join(" ", jvm.options()))
                .with("subject", f.kind().id()).with("n_keys", f.n()).measure("heap_bytes_per_entry", Measured.of(samples), Unit.BYTES_PER_ENTRY);
    }

    /** One JMH batch: a timed cell on one JVM. */
    private record Batch(Cell cell, Role role, Jmh jmh) { }

    /** Every timed cell on every JVM: one batch per cell and JVM, cells in the order of the parameter, JVMs in role order. */
    private static List<Batch> timedBatches(RunContext ctx, Map<Role, TargetJvm> jvms, int n, long keySeed) {
        List<Batch> out = new ArrayList<>();
        for (Cell c : timedCells(ctx.params())) {
            for (Map.Entry<Role, TargetJvm> e : jvms.entrySet()) {
                Jmh j = ctx.jmh(c.bench, "time").on(e.getValue()).mode(c.mode).param("seed", String.valueOf(keySeed));
                switch (c) {
                    case LOOKUP -> j.param("subject", "hashmap_integer").param("n", String.valueOf(n));
                    case PRESIZE -> j.param("constructor", MapConstructor.HASHMAP_DEFAULT).param("n", String.valueOf(n)).timeUnit(java.util.concurrent.TimeUnit.MICROSECONDS);
                    case SYNC -> j.param("subject", "concurrent_hash_map").param("readPct", "95").param("keys", String.valueOf(n)).threads(2);
                    case GC_FILL -> j.param("subject", PutGetMapKind.HASHMAP).param("n", String.valueOf(n)).profiler("gc").timeUnit(java.util.concurrent.TimeUnit.MICROSECONDS);
                }
                out.add(new Batch(c, e.getKey(), j));
            }
        }
        return out;
    }

    /** Every timed cell on every JVM, in alternating rounds (one batch per cell and JVM). */
    private static void timings(RunContext ctx, Map<Role, TargetJvm> jvms, int n, long keySeed) {
        List<Batch> batches = timedBatches(ctx, jvms, n, keySeed);
        if (batches.isEmpty()) return;
        List<List<JmhScore>> results = Jmh.inRounds(batches.stream().map(Batch::jmh).toList(), ctx.random("run-order"));
        for (int i = 0; i < batches.size(); i++) {
            Cell c = batches.get(i).cell();
            Role role = batches.get(i).role();
            TargetJvm jvm = jvms.get(role);
            for (JmhScore s : results.get(i)) {
                ctx.result().row().with("part", "time").with("jvm", role.id()).with("jdk", jvm.feature())
                        .with("options", String.join(" ", jvm.options())).with("subject", c.id).with("n_keys", n)
                        .measure(c.metric(), s.measured(), Unit.ofJmh(s.unit()));
                if (c == Cell.GC_FILL) {
                    ctx.result().row().with("part", "time").with("jvm", role.id()).with("jdk", jvm.feature())
                            .with("options", String.join(" ", jvm.options())).with("subject", c.id).with("n_keys", n)
                            .measure("alloc_per_put", s.secondary("gc.alloc.rate.norm").scaled(1.0 / n), Unit.BYTES_PER_OP);
                }
            }
        }
    }

    // ------------------------------------------------------------------ conclude

    /**
     * Findings, tables and charts from the stored rows.
     *
     * <p>Bases: JOL bytes per entry are {@code count}s (exact for each JVM's layout and the
     * run's keys), so differences of them are counts too. Heap bytes per entry are readings of
     * used heap after full collections; their means get Student-t intervals over the readings
     * (zero width when every reading agrees, as with the fully compacting serial collector they do),
     * and JOL minus heap is compared with 0 on that interval ({@code count} basis: nothing is
     * timed). Timed cells are {@code timing} ratios with intervals paired by round.
     */
    @Override
    public void conclude(RunData data, ResultBuilder out) {
        Rows rows = data.rows();
        Rows memory = rows.where("part", "memory");
        Map<String, String> jdkOf = new LinkedHashMap<>();
        for (Rows.Row r : rows) if (r.has("jvm")) jdkOf.putIfAbsent(r.str("jvm"), r.str("jdk"));
        String base = jdkOf.getOrDefault(Role.BASE.id(), "?"), next = jdkOf.getOrDefault(Role.NEW.id(), "?");
        memoryTableAndChart(memory, jdkOf, out);
        memoryFindings(memory, base, next, out);
        timeTableAndChart(rows.where("part", "time"), jdkOf, out);
        timeFindings(rows.where("part", "time"), base, next, out);
    }

    private static String label(String role, Map<String, String> jdkOf) {
        String jdk = jdkOf.getOrDefault(role, "?");
        return role.equals(Role.NEW_COH.id()) ? "JDK " + jdk + " + compact headers" : "JDK " + jdk;
    }

    private static Optional<Rows.Row> one(Rows rows, String metric, String jvm, String subject) {
        return rows.metric(metric).where("jvm", jvm).where("subject", subject).first();
    }

    private static void memoryFindings(Rows memory, String base, String next, ResultBuilder out) {
        String subject = "hashmap_integer";
        Optional<Rows.Row> jolBase = one(memory, "bytes_per_entry", Role.BASE.id(), subject);
        Optional<Rows.Row> jolNew = one(memory, "bytes_per_entry", Role.NEW.id(), subject);
        Optional<Rows.Row> jolCoh = one(memory, "bytes_per_entry", Role.NEW_COH.id(), subject);
        out.attempt("compact_headers_bytes_saved_hashmap_integer", () -> {
            if (jolNew.isPresent() && jolCoh.isPresent()) {
                double saved = jolNew.get().value() - jolCoh.get().value();
                out.finding(Finding.count("compact_headers_bytes_saved_hashmap_integer", saved, "B/entry",
                        "Compact object headers saved %.2f bytes per HashMap<Integer,Integer> entry on JDK " + next + " (JOL: "
                                + fmt(jolNew.get().value()) + " -> " + fmt(jolCoh.get().value()) + " B/entry, " + jolNew.get().str("n_keys") + " entries)")
                        .where("n_keys", jolNew.get().str("n_keys")).where("new_jdk", next));
            }
        });
        out.attempt("new_jdk_bytes_saved_hashmap_integer", () -> {
            if (jolBase.isPresent() && jolNew.isPresent()) {
                double saved = jolBase.get().value() - jolNew.get().value();
                out.finding(Finding.count("new_jdk_bytes_saved_hashmap_integer", saved, "B/entry",
                        "JDK " + next + " (default headers) used %.2f bytes per HashMap<Integer,Integer> entry fewer than JDK " + base + " (JOL: "
                                + fmt(jolBase.get().value()) + " -> " + fmt(jolNew.get().value()) + " B/entry)")
                        .where("n_keys", jolBase.get().str("n_keys")).where("base_jdk", base).where("new_jdk", next));
            }
        });
        out.attempt("compact_headers_heap_bytes_saved_hashmap_integer", () -> {
            Optional<Rows.Row> heapNew = one(memory, "heap_bytes_per_entry", Role.NEW.id(), subject);
            Optional<Rows.Row> heapCoh = one(memory, "heap_bytes_per_entry", Role.NEW_COH.id(), subject);
            if (heapNew.isPresent() && heapCoh.isPresent()) {
                Estimate d = difference(heapNew.get().measured(), heapCoh.get().measured());
                out.finding(Finding.versus("compact_headers_heap_bytes_saved_hashmap_integer", d, 0, "B/entry", Finding.Basis.COUNT,
                        "By used heap after full collections, compact headers saved %.2f bytes per HashMap<Integer,Integer> entry on JDK " + next)
                        .where("n_keys", heapNew.get().str("n_keys")).where("new_jdk", next));
            }
        });
        for (Role role : Role.values()) {
            out.attempt("jol_minus_heap_" + role.id() + "_hashmap_integer", () -> {
                Optional<Rows.Row> jolOwn = one(memory, "new_bytes_per_entry", role.id(), subject);
                Optional<Rows.Row> heap = one(memory, "heap_bytes_per_entry", role.id(), subject);
                if (jolOwn.isEmpty() || heap.isEmpty()) return;
                Estimate h = heap.get().measured().estimate();
                double jol = jolOwn.get().value();
                Estimate d = h.hasInterval() ? new Estimate(jol - h.value(), jol - h.high(), jol - h.low(), h.n())
                        : exactIfAllEqual(heap.get().measured(), jol);
                String jvm = role == Role.NEW_COH ? "JDK " + next + " with compact headers" : "JDK " + (role == Role.BASE ? base : next);
                out.finding(Finding.versus("jol_minus_heap_" + role.id() + "_hashmap_integer", d, 0, "B/entry", Finding.Basis.COUNT,
                        "On " + jvm + ", JOL's bytes per HashMap<Integer,Integer> entry (shared boxes left out) minus the used-heap growth per entry: %.3f")
                        .where("n_keys", jolOwn.get().str("n_keys")).where("jdk", role == Role.BASE ? base : next));
            });
        }
    }

    /** Mean of a minus mean of b over their readings, with a Welch interval (exact when every reading of each side agrees). */
    static Estimate difference(Measured a, Measured b) {
        double[] xa = a.samples().stream().mapToDouble(Estimates.Sample::value).toArray();
        double[] xb = b.samples().stream().mapToDouble(Estimates.Sample::value).toArray();
        if (xa.length == 0 || xb.length == 0) return new Estimate(a.value() - b.value(), Double.NaN, Double.NaN, 0);
        double ma = Stats.mean(xa), mb = Stats.mean(xb);
        double va = xa.length > 1 ? Math.pow(Stats.standardDeviation(xa), 2) / xa.length : Double.NaN;
        double vb = xb.length > 1 ? Math.pow(Stats.standardDeviation(xb), 2) / xb.length : Double.NaN;
        double d = ma - mb;
        if (Double.isNaN(va) || Double.isNaN(vb)) return new Estimate(d, Double.NaN, Double.NaN, Math.min(xa.length, xb.length));
        if (va + vb == 0) return new Estimate(d, d, d, Math.min(xa.length, xb.length));
        double df = Math.pow(va + vb, 2) / (va * va / (xa.length - 1) + vb * vb / (xb.length - 1));
        double h = Estimates.t(df) * Math.sqrt(va + vb);
        return new Estimate(d, d - h, d + h, Math.min(xa.length, xb.length));
    }

    private static Estimate exactIfAllEqual(Measured heap, double jol) {
        double[] xs = heap.samples().stream().mapToDouble(Estimates.Sample::value).toArray();
        boolean allEqual = xs.length > 1 && java.util.Arrays.stream(xs).allMatch(x -> x == xs[0]);
        double d = jol - heap.value();
        return allEqual ? new Estimate(d, d, d, xs.length) : new Estimate(d, Double.NaN, Double.NaN, xs.length);
    }

    private static void timeFindings(Rows time, String base, String next, ResultBuilder out) {
        for (String cell : time.distinct("subject")) {
            Cell c = Cell.parse(cell);
            String metric = c.metric();
            Optional<Rows.Row> b = one(time, metric, Role.BASE.id(), cell);
            Optional<Rows.Row> n = one(time, metric, Role.NEW.id(), cell);
            Optional<Rows.Row> coh = one(time, metric, Role.NEW_COH.id(), cell);
            Finding.Quantity q = c.mode == Mode.Throughput ? Finding.Quantity.THROUGHPUT : Finding.Quantity.TIME;
            out.attempt("new_vs_base_jdk_" + cell, () -> {
                if (b.isPresent() && n.isPresent()) {
                    out.finding(Finding.ratio("new_vs_base_jdk_" + cell, "JDK " + next + " (" + c.label + ")", "JDK " + base,
                            q, n.get().measured().ratioTo(b.get().measured()), Finding.Basis.TIMING)
                            .where("n_keys", n.get().str("n_keys")).where("base_jdk", base).where("new_jdk", next));
                }
            });
            out.attempt("compact_headers_vs_default_" + cell, () -> {
                if (n.isPresent() && coh.isPresent()) {
                    out.finding(Finding.ratio("compact_headers_vs_default_" + cell, "JDK " + next + " with compact headers (" + c.label + ")",
                            "default headers", q, coh.get().measured().ratioTo(n.get().measured()), Finding.Basis.TIMING)
                            .where("n_keys", n.get().str("n_keys")).where("new_jdk", next));
                }
            });
        }
        out.attempt("compact_headers_alloc_per_put", () -> {
            Optional<Rows.Row> allocNew = one(time, "alloc_per_put", Role.NEW.id(), Cell.GC_FILL.id);
            Optional<Rows.Row> allocCoh = one(time, "alloc_per_put", Role.NEW_COH.id(), Cell.GC_FILL.id);
            if (allocNew.isPresent() && allocCoh.isPresent()) {
                out.finding(Finding.ratio("compact_headers_alloc_per_put", "HashMap fill with compact headers (JDK " + next + ")", "default headers",
                        Finding.Quantity.BYTES, allocCoh.get().measured().ratioTo(allocNew.get().measured()), Finding.Basis.TIMING)
                        .where("n_keys", allocNew.get().str("n_keys")).where("new_jdk", next));
            }
        });
    }

    private static void memoryTableAndChart(Rows memory, Map<String, String> jdkOf, ResultBuilder out) {
        Rows jol = memory.metric("bytes_per_entry");
        if (jol.isEmpty()) return;
        List<Map<String, Object>> table = new ArrayList<>();
        Map<String, List<Double>> byJvm = new LinkedHashMap<>();
        Map<String, List<Double>> errByJvm = new LinkedHashMap<>();
        List<String> subjects = jol.distinct("subject");
        for (String jvm : jol.distinct("jvm")) {
            byJvm.put(jvm, new ArrayList<>());
            errByJvm.put(jvm, new ArrayList<>());
        }
        for (String subject : subjects) {
            for (String jvm : jol.distinct("jvm")) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("subject", subject);
                m.put("jvm", label(jvm, jdkOf));
                Optional<Rows.Row> j = one(memory, "bytes_per_entry", jvm, subject);
                Optional<Rows.Row> own = one(memory, "new_bytes_per_entry", jvm, subject);
                Optional<Rows.Row> heap = one(memory, "heap_bytes_per_entry", jvm, subject);
                m.put("jol_bytes_per_entry", j.map(Rows.Row::value).orElse(Double.NaN));
                m.put("jol_without_shared_boxes", own.map(Rows.Row::value).orElse(Double.NaN));
                m.put("heap_bytes_per_entry", heap.map(Rows.Row::value).orElse(Double.NaN));
                m.put("heap_min", heap.map(r -> r.samples().stream().mapToDouble(Estimates.Sample::value).min().orElse(Double.NaN)).orElse(Double.NaN));
                m.put("heap_max", heap.map(r -> r.samples().stream().mapToDouble(Estimates.Sample::value).max().orElse(Double.NaN)).orElse(Double.NaN));
                table.add(m);
                byJvm.get(jvm).add(j.map(Rows.Row::value).orElse(0.0));
                errByJvm.get(jvm).add(0.0);
            }
        }
        out.table("memory", TidyTables.fromRows("memory", table));
        CategoryChart chart = Charts.bars("Bytes per entry by JVM (JOL object graph)", "map", "memory (B/entry)");
        List<String> labels = subjects.stream().map(s -> KeyedMapKind.parse(s).label()).toList();
        byJvm.forEach((jvm, values) -> Charts.bars(chart, label(jvm, jdkOf), labels, values, null));
        out.chart("bytes per entry by JVM", chart);
    }

    private static void timeTableAndChart(Rows time, Map<String, String> jdkOf, ResultBuilder out) {
        if (time.isEmpty()) return;
        List<Map<String, Object>> table = new ArrayList<>();
        for (Rows.Row r : time) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cell", Cell.parse(r.str("subject")).label);
            m.put("jvm", label(r.str("jvm"), jdkOf));
            m.put("measure", r.metric());
            m.put("score", r.value());
            m.put("half_width", r.error());
            m.put("units", r.str("unit"));
            m.put("forks", r.measured().forkMeans().size());
            table.add(m);
        }
        out.table("timings", TidyTables.fromRows("timings", table));
        // each JVM's score relative to the older JDK's, per cell (1 = as fast as the older JDK)
        CategoryChart chart = Charts.bars("Each JVM relative to JDK " + jdkOf.getOrDefault(Role.BASE.id(), "?") + " (score / older JDK's score; "
                + Finding.confidenceLabel() + " interval paired by round)", "cell", "ratio to the older JDK");
        List<String> cells = time.distinct("subject");
        for (String jvm : time.distinct("jvm")) {
            List<String> labels = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            for (String cell : cells) {
                String metric = Cell.parse(cell).metric();
                Optional<Rows.Row> a = one(time, metric, jvm, cell);
                Optional<Rows.Row> b = one(time, metric, Role.BASE.id(), cell);
                labels.add(cell + " (" + metric + ")");
                if (a.isEmpty() || b.isEmpty()) {
                    values.add(0.0);
                    errors.add(0.0);
                    continue;
                }
                Estimate e = a.get().measured().ratioTo(b.get().measured());
                values.add(e.value());
                errors.add(e.hasInterval() ? Math.max(e.high() - e.value(), e.value() - e.low()) : 0.0);
            }
            Charts.bars(chart, label(jvm, jdkOf), labels, values, errors);
        }
        out.chart("timings relative to the older JDK", chart);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v).replace("%", "%%");
    }
}
