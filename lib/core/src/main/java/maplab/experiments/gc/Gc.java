package maplab.experiments.gc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import maplab.plan.ParamSpec;
import maplab.plan.Params;
import maplab.run.RunData;
import maplab.plan.Effort;
import maplab.measure.GcPauses.Collector;
import maplab.measure.TargetJvm;
import maplab.conclude.ResultBuilder;
import maplab.stats.Estimates.Estimate;
import maplab.subject.jdk.MapConstructor;
import maplab.subject.putget.PutGetMapKind;
import maplab.measure.ChurnKeys;
import maplab.experiments.Experiment;
import maplab.experiments.RunContext;
import static maplab.experiments.gc.GcMeasure.ALLOC_METHODS;
import static maplab.experiments.gc.GcPauseConclude.label;

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
 * <p><b>Escape analysis</b> (part {@code escape}, effort {@code escape_effort}): bytes per walk over a
 * small HashMap with escape analysis on and off ({@link GcEscape}). <b>Allocating writers</b> (part
 * {@code writers}): one thread filling new HashMaps, alone and among {@code alloc_writers} ({@link GcWriters}).
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
                ParamSpec.integer("alloc_n", 1_000, 10_000_000, 100_000, 1_000_000, "keys put per fill in the allocation benchmark")
                        .smoke(10_000),
                ParamSpec.effort("alloc", new Effort(4, 1, 100, 2, 100), new Effort(6, 2, 250, 3, 250),
                        "JMH effort of the allocation benchmark (fill and get, -prof gc)"),
                ParamSpec.effort("escape", new Effort(2, 1, 100, 2, 100), new Effort(6, 2, 250, 3, 250),
                        "JMH effort of the escape analysis part (a HashMap walk, -prof gc, escape analysis on and off)"),
                ParamSpec.integer("alloc_writers", 2, 64, 2, 2, "threads filling their own new HashMaps at once, against one alone (allocating writers part)"),
                ParamSpec.effort("writers", new Effort(4, 1, 100, 2, 100), new Effort(6, 2, 250, 3, 250),
                        "JMH effort of the allocating writers part (one writer, then alloc_writers)"),
                ParamSpec.integer("n", 10_000, 50_000_000, 200_000, 1_000_000, "entries of the map merged each round (pause workload)")
                        .smoke(20_000),
                ParamSpec.integer("maps", 1, 64, 4, 8, "source maps built and merged each round")
                        .smoke(2),
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
                + 2 * p.getEffort("escape").plannedForks(false)   // escape analysis on and off
                + 2 * p.getEffort("writers").plannedForks(false)   // one writer, then several
                + pausePlan(p, feature).cells().size() * p.getEffort("pause").forks();
    }

    /** The pause cells on JDK {@code feature}. */
    static Plan pausePlan(Params p, int feature) {
        return Plan.of(p.getStrings("collectors").stream().map(Collector::parse).toList(),
                p.getStrings("keys").stream().map(ChurnKeys::parse).toList(), feature);
    }

    /** The interval of a quantity that cannot be negative (bytes, a pause), cut at 0. */
    public static Estimate nonNegative(Estimate e) {
        return e.hasInterval() ? new Estimate(e.value(), Math.max(0, e.low()), e.high(), e.n()) : e;
    }

    /** The plan: {@link GcPlan#plan}. */
    @Override
    public void plan(maplab.plan.Plan.Builder plan, RunContext context) {
        GcPlan.plan(plan, context);
    }

    /** Measures: {@link GcMeasure#measure}. */
    @Override
    public void measure(RunContext ctx) throws Exception {
        GcMeasure.measure(ctx);
    }

    /** Concludes: {@link GcConclude#conclude}. */
    @Override
    public void conclude(RunData data, ResultBuilder out) {
        GcConclude.conclude(data, out);
    }
}
