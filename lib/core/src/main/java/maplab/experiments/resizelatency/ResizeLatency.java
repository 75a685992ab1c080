package maplab.experiments.resizelatency;

import java.util.ArrayList;
import java.util.List;
import maplab.plan.ParamSpec;
import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.run.RunData;
import maplab.plan.Effort;
import maplab.conclude.ResultBuilder;
import maplab.plan.Unit;
import maplab.subject.growth.GrowingMap;
import maplab.subject.probe.IncrementalProbeMap;
import maplab.subject.probe.ProbeMap;
import maplab.experiments.Experiment;
import maplab.experiments.RunContext;

/**
 * resize-latency: how long one {@code put} takes while a map grows from empty to n keys, and
 * what a resize does to the tail of that distribution.
 *
 * <p><b>Subjects</b> ({@link GrowingMap}): {@code HashMap} default and presized,
 * {@code ConcurrentHashMap} default and presized with one writer and with {@code writers}
 * writers (its resize is cooperative: a writer that meets a resize helps transfer bins), ProbeMap
 * doubling all at once and {@link IncrementalProbeMap} (old and new table side by side, a few
 * slots migrated per write, like Go's map evacuation and Redis's rehash).
 *
 * <p><b>Measure.</b> Every put is timed in a forked child JVM ({@link PutLatency}: nanoTime around
 * the put, recorded into an HdrHistogram; never in the lab's JVM), with the collector pinned
 * (Parallel, like JMH's forks here) and a fixed, pre-touched heap ({@code -XX:+AlwaysPreTouch}: a
 * large new table would otherwise pay the operating system's first-touch page faults, which are
 * not the map's work) whose young generation holds a whole fill, so a recorded fill normally runs
 * without a collection (the collections are counted and shown).
 * HdrHistogram rather than JMH's sample mode: a fill from empty is one call whose every put is
 * different, sample mode would time whole calls or a sample of them; HdrHistogram records every
 * put with bounded relative error and merges the writers' histograms. Effort
 * {@code fill_effort = JVMS:WARMUP+ROUNDS}: JVMs per cell (the unit of replication, as forks are for
 * JMH), unrecorded warm-up fills and recorded fills per JVM. Rounds alternate the cells in an
 * order drawn from a seed, so machine noise lands on every cell alike.
 *
 * <p>Rows: {@code latency} per cell and statistic (p50 ... p99.99, max, mean; one sample per JVM),
 * {@code bucket_max} (the longest put in each of {@code buckets} runs of operations, per JVM),
 * {@code resize_latency} (each put that changed the table length, per JVM: its operation index
 * and latency), {@code collections} and {@code fill_time} per JVM, and, counted in process,
 * {@code peak_table_bytes} and {@code mean_table_bytes} of the two ProbeMaps (slots held by live
 * tables x 16 bytes: two compressed references and a long hash per slot).
 *
 * <p><b>Conclude.</b> Findings are ratios of per-JVM statistics, paired by round, with the
 * Student-t interval of the mean log ratio over rounds ({@link Estimates#ratio}) at 99 %:
 * {@code hashmap_default_vs_presized_p99_9} and {@code _max}; {@code incremental_vs_doubling_max},
 * {@code _p99_9}, {@code _mean} and {@code _resize_put} (per JVM the median over its resizes of
 * the resizing put's ns per new slot: robust to the odd descheduled put, which a single max is
 * not); {@code chm_writers_vs_one_p99_9} and {@code _max} (condition {@code writers}). Estimates
 * over JVMs: {@code max_put_doubling_us}, {@code max_put_incremental_us},
 * {@code hashmap_default_resize_ns_per_bucket}. Counts: {@code incremental_vs_doubling_mean_table_bytes},
 * {@code collections_during_recorded_fills}. Every finding records {@code n_keys}.
 */
public final class ResizeLatency implements Experiment {

    /** Bytes per ProbeMap slot with compressed references: key and value references, and the long hash. */
    static final int BYTES_PER_SLOT = 16;
    /** Heap needed per key, generously (key, node or slots, old and new table, one warm-up fill's garbage). */
    static final long HEAP_BYTES_PER_KEY = 240;
    static final Unit NS = new Unit("ns", Unit.Direction.LOWER);
    /** Resizes to smaller tables are too quick to time one put reliably; the per-slot cost uses the larger ones. */
    static final long MIN_RESIZE_SLOTS = 1 << 15;
    static final List<String> PERCENTILE_STATS = List.of("p50", "p90", "p99", "p99_9", "p99_99");

    @Override public String id() { return "resize-latency"; }

    @Override public String summary() {
        return "per-put latency while maps grow: resize spikes, presized maps, incremental resizing, ConcurrentHashMap's helping writers";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
                ParamSpec.integer("n", 1_000, 20_000_000, 1_000_000, 2_000_000, "keys put into each map, from empty")
                        .smoke(100_000),
                ParamSpec.choices("subjects", GrowingMap.ids(),
                        "hashmap_default,hashmap_presized,chm_default,probemap_doubling,probemap_incremental", String.join(",", GrowingMap.ids()),
                        "maps filled (ConcurrentHashMap ones also with 'writers' threads)"),
                ParamSpec.integer("writers", 2, 64, 2, 2, "writer threads of the several-writers ConcurrentHashMap cells (the machine's cores are recorded)"),
                ParamSpec.integer("migration_slots", 1, 1 << 20, IncrementalProbeMap.DEFAULT_MIGRATION_SLOTS, IncrementalProbeMap.DEFAULT_MIGRATION_SLOTS,
                        "old-table slots the incremental ProbeMap migrates per write"),
                ParamSpec.effort("fill", Effort.shots(4, 1, 1), Effort.shots(8, 2, 1),
                        "JVMS:WARMUP+ROUNDS: JVMs per cell (the unit the intervals replicate over), unrecorded warm-up fills and recorded fills per JVM"),
                ParamSpec.integer("buckets", 10, 2_000, 100, 200, "runs of operations whose longest put is kept (latency against operation index)"),
                ParamSpec.integer("heap_mb", 128, 65_536, 384, 768, "heap of the recording JVMs (-Xms = -Xmx; half of it young generation), MiB"));
    }

    @Override
    public void validate(Params p) {
        long needMb = ((long) p.getInt("n") * HEAP_BYTES_PER_KEY >> 20) + 64;
        if (p.getLong("heap_mb") < needMb) {
            throw new IllegalArgumentException("parameter 'heap_mb': bad value '" + p.getLong("heap_mb") + "'; allowed: a whole number from "
                    + needMb + " to 65536 for n = " + p.getInt("n") + " (about " + HEAP_BYTES_PER_KEY + " bytes per key)");
        }
        Effort e = p.getEffort("fill");
        if (!e.singleShot()) {
            throw new IllegalArgumentException("parameter 'fill_effort': bad value '" + e.text()
                    + "'; allowed: JVMS:WARMUP+ROUNDS without iteration times (e.g. 4:1+1): a round is one fill from empty");
        }
        if (e.iterations() < 1) {
            throw new IllegalArgumentException("parameter 'fill_effort': bad value '" + e.text() + "'; allowed: at least one recorded fill per JVM (e.g. 4:1+1)");
        }
    }

    /** One measured cell: a map and its number of writers. */
    record Cell(GrowingMap subject, int writers) {
        String key() { return subject.id() + "/" + writers; }

        String label() { return label(subject, writers); }

        static String label(GrowingMap subject, int writers) {
            if (!subject.concurrent()) return subject.label();
            return subject.label() + ", " + writers + (writers == 1 ? " writer" : " writers");
        }
    }

    /** The cells of a run: each subject with one writer, and each concurrent one also with {@code writers}. */
    static List<Cell> cells(List<GrowingMap> subjects, int writers) {
        List<Cell> cells = new ArrayList<>();
        for (GrowingMap s : subjects) {
            cells.add(new Cell(s, 1));
            if (s.concurrent()) cells.add(new Cell(s, writers));
        }
        return cells;
    }

    /** The plan's progress steps: one per cell and round (a child JVM each). */
    @Override
    public int plannedSteps(Params p) {
        return cells(p).size() * p.getEffort("fill").forks();
    }

    /** The run's cells: its subjects at its writer count. */
    static List<Cell> cells(Params p) {
        return cells(p.getStrings("subjects").stream().map(GrowingMap::parse).toList(), p.getInt("writers"));
    }

    /** The plan: {@link ResizeLatencyPlan#plan}. */
    @Override
    public void plan(Plan.Builder plan, RunContext context) {
        ResizeLatencyPlan.plan(plan, context);
    }

    /** Measures: {@link ResizeLatencyMeasure#measure}. */
    @Override
    public void measure(RunContext ctx) throws InterruptedException {
        ResizeLatencyMeasure.measure(ctx);
    }

    /** Concludes: {@link ResizeLatencyConclude#conclude}. */
    @Override
    public void conclude(RunData data, ResultBuilder out) {
        ResizeLatencyConclude.conclude(data, out);
    }
}
