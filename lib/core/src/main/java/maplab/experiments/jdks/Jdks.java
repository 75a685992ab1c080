package maplab.experiments.jdks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import maplab.plan.ParamSpec;
import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.run.RunData;
import maplab.plan.Effort;
import maplab.measure.TargetJvm;
import maplab.conclude.ResultBuilder;
import maplab.subject.keys.KeyedMapKind;
import org.openjdk.jmh.annotations.Mode;
import maplab.experiments.Experiment;
import maplab.experiments.RunContext;

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
                ParamSpec.integer("n", 1_000, 5_000_000, 20_000, 100_000, "entries per map (memory and timed cells)")
                        .smoke(5_000),
                ParamSpec.integer("heap_repeats", 1, 50, 3, 6, "used-heap readings per map and JVM (each on a fresh map)")
                        .smoke(1),
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

    /**
     * The plan's progress steps: per JVM ({@link #jvms}: one per role), one memory reading, then
     * one per timed cell and fork (every cell on every JVM, no comparison adds rounds).
     */
    @Override
    public int plannedSteps(Params p) {
        return Role.values().length * (1 + timedCells(p).size() * p.getEffort("time").plannedForks(false));
    }

    static List<Cell> timedCells(Params p) {
        return p.getStrings("cells").stream().map(Cell::parse).toList();
    }

    /** The plan: {@link JdksPlan#plan}. */
    @Override
    public void plan(Plan.Builder plan, RunContext context) {
        JdksPlan.plan(plan, context);
    }

    /** Measures: {@link JdksMeasure#measure}. */
    @Override
    public void measure(RunContext ctx) throws InterruptedException {
        JdksMeasure.measure(ctx);
    }

    /** Concludes: {@link JdksConclude#conclude}. */
    @Override
    public void conclude(RunData data, ResultBuilder out) {
        JdksConclude.conclude(data, out);
    }
}
