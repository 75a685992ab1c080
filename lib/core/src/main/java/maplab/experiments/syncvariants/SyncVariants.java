package maplab.experiments.syncvariants;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import maplab.plan.ParamSpec;
import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.run.RunData;
import maplab.measure.Contention;
import maplab.plan.Effort;
import maplab.measure.Jmh;
import maplab.conclude.ResultBuilder;
import maplab.subject.concurrent.SharedMapType;
import maplab.workload.Popularity;
import maplab.experiments.Experiment;
import maplab.experiments.RunContext;
import maplab.experiments.syncvariants.SyncVariantsPlan.Batch;
import static maplab.subject.concurrent.SharedMapType.CONCURRENT_HASH_MAP;
import static maplab.subject.concurrent.SharedMapType.COPY_ON_WRITE;
import static maplab.subject.concurrent.SharedMapType.SINGLE_WRITER;
import static maplab.experiments.syncvariants.SyncVariantsPlan.cellsPerRun;
import static maplab.experiments.syncvariants.SyncVariantsPlan.comparedIn;
import static maplab.experiments.syncvariants.SyncVariantsPlan.latencyPlan;
import static maplab.experiments.syncvariants.SyncVariantsPlan.usersCompared;
import static maplab.experiments.syncvariants.SyncVariantsPlan.withPeers;

/**
 * sync-variants: synchronized and concurrent maps compared. JMH throughput and allocation per
 * operation ({@code -prof gc}) of every {@link SharedMapType} over read share x threads x key
 * count x key popularity. Plain {@code HashMap} is measured at one thread only (the baseline;
 * shared, it would be a data race).
 *
 * <p><b>Measure</b> ({@link SyncVariantsMeasure#measure}): one JMH run (batch) per (read share, thread count), with
 * JMH's thread option; all batches run in alternating rounds ({@link Jmh#inRounds}): round
 * {@code r} runs fork {@code r} of every cell of every batch, the batches in an order reshuffled
 * each round from the seed {@code run-order}. A slow stretch of the shared machine then lands on
 * one fork of many cells (a wider interval), not on every fork of a few cells run back to back
 * (a tight, wrong value: the 4-thread dip at 0% reads of the first full reference, whose 3 forks
 * per cell ran consecutively). Rows: throughput and allocation per cell (with per-fork samples)
 * and the machine's logical core count; the note {@code run_order} records when each JMH run
 * started and ended, to set run order against the clock.
 *
 * <p><b>Conclude</b> ({@link SyncVariantsConclude#conclude}): a pure function of those rows. Findings compare two
 * subjects at one explicit condition, the same in every profile: {@code finding_threads}
 * threads (4 by default), the findings' read share, the largest key count measured, uniform
 * popularity (each recorded with {@link Finding#where}). When more threads were measured (the
 * full profile: 8), the same comparisons are repeated there under ids ending in {@code _t8}.
 * A ratio's interval is paired by round ({@link Measured#ratioTo}).
 *
 * <p>Coverage {@code all} measures every chosen subject at every read share. Coverage
 * {@code headline} (both profiles' default) measures at each read share only the subjects its
 * findings compare, plus the one-thread {@code HashMap} baseline when one thread is measured:
 * see {@link SyncVariantsPlan#headlineSubjects}.
 *
 * <p><b>Latency and contention</b> ({@code latency_subjects} at {@code latency_read_pcts}, at
 * {@code finding_threads} threads): the same operation in JMH's sample mode
 * ({@code SyncLatencyBench}: per-iteration p50 to p99.99 of single timed operations), each fork
 * recording JFR {@code jdk.JavaMonitorEnter} and {@code jdk.ThreadPark} waits over
 * {@code contention_threshold_us} (see {@link Contention}) during its measured iterations.
 * Rows: {@code latency} per percentile, {@code blocked_per_s} (ms per second, summed over
 * threads) and {@code blocked_per_op} (ns per operation) with a sample per fork (the k-th
 * recording of a cell, by start time, is round k), event counts and the top frames. Findings:
 * each subject's blocked time minus ConcurrentHashMap's (paired by round), blocked ns per
 * operation, and p50/p99/p99.9 ratios to ConcurrentHashMap (paired by round); allocation per
 * operation per subject from the throughput cells' {@code gc.alloc.rate.norm}.
 */
public final class SyncVariants implements Experiment {

    static final String BENCH = "maplab.bench.SyncVariantsBench.operate";

    /** The JMH part: every batch shares its effort, so rounds alternate across all of them. */
    static final String PART = "throughput";

    /**
     * Quick: 10 cells (5 subjects at 95% reads, 4 at 50% with JCTools' NonBlockingHashMap at
     * both; 4 threads; 65536 keys; uniform; the 100% reads cells are full-only: their finding,
     * cow_vs_chm_read100, is no difference in the full reference), 4 forks each of short
     * iterations: 40 fork JVMs of about 0.5 s start-up and set-up plus 0.29 s of iterations.
     * Sequential: the cells of a comparison still open after 4 forks get more rounds, up to 7
     * (Bonferroni over the 4 looks: at 4 forks a 2x effect with the usual fork spread settles).
     * Two 70 ms warm-up iterations: a 50 ms one was still partly interpreted on a loaded machine
     * (2.8 ops/us, then 61, then about 95 measured).
     */
    static final Effort QUICK_EFFORT = new Effort(4, 7, 2, 70, 3, 50);

    /**
     * Full: 60 cells (the headline subjects of every finding, the peers' maps at 95% and 50%
     * among them, at 100, 95, 50 and 0% reads, at 1, 2, 4 and 8 threads, plus the one-thread
     * HashMap baseline; 65536 keys, uniform) x 5 forks of 2x100 ms warm-up and 3x70 ms
     * measured: 300 fork JVMs, about 6 min on a quiet machine
     * (the first references measured every subject at two key counts: 1584 fork JVMs, 24 to 55
     * min; --set coverage=all --set n_keys=1024,65536 measures that again). Sequential: the
     * cells of a finding whose verdict is still open after 5 forks get more rounds, up to 7
     * (Bonferroni over the 3 looks, see {@link Jmh#upTo}).
     */
    static final Effort FULL_EFFORT = new Effort(5, 7, 2, 100, 3, 70);

    /** The JMH part of the latency and contention cells (sample mode, with a JFR recording). */
    static final String LATENCY_PART = "latency";

    /**
     * Quick: 2 cells (synchronizedMap and ConcurrentHashMap at 95% reads, 4 threads; the peers'
     * latency cells are full-only) x 4 forks of 2x70 ms warm-up and 3x50 ms measured in sample
     * mode, each fork recording contention with JFR: 8 fork JVMs, about 10 s. Sequential up to
     * 7 forks while the mean latency ratio of synchronizedMap to ConcurrentHashMap is open.
     */
    static final Effort LATENCY_QUICK_EFFORT = new Effort(4, 7, 2, 70, 3, 50);

    /**
     * Full: 12 cells (6 subjects, the peers' maps among them, at 95% and 50% reads) x 6 forks of
     * 2x100 ms warm-up and 3x100 ms measured: 72 fork JVMs, about 3 min; sequential up to 10
     * forks for each subject whose mean latency ratio to ConcurrentHashMap is still open (the
     * cap is below 2x: a latency fork with its JFR recording costs about 2.6 s).
     */
    static final Effort LATENCY_FULL_EFFORT = new Effort(6, 10, 2, 100, 3, 100);

    /** The percentiles measured ({@code percentile} column) and JMH's name of each (a secondary result of sample mode). */
    static final Map<String, String> PERCENTILES = orderedMap(
            "p50", "p0.50", "p90", "p0.90", "p99", "p0.99", "p99.9", "p0.999", "p99.99", "p0.9999");

    /** The percentiles the findings compare. */
    static final List<String> FINDING_PERCENTILES = List.of("p50", "p99", "p99.9");

    private static Map<String, String> orderedMap(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return Collections.unmodifiableMap(m);
    }

    @Override public String id() { return "sync-variants"; }

    @Override public String summary() {
        return "synchronized and concurrent maps compared: throughput by read share, threads, key count and popularity; latency percentiles and lock contention (JFR)";
    }

    @Override
    public List<ParamSpec> params() {
        String all = String.join(",", SharedMapType.ids());
        // quick leaves the single-writer map out (its finding, single_writer_vs_chm_read95, is full-profile: budget)
        String quickSubjects = String.join(",", SharedMapType.ids().stream().filter(id -> !id.equals(SINGLE_WRITER.id())).toList());
        return List.of(
                ParamSpec.choices("subjects", SharedMapType.ids(), quickSubjects, all, "maps compared"),
                ParamSpec.choice("coverage", List.of("headline", "all"), "headline", "headline",
                        "headline: at each read share only the subjects its findings compare; all: every subject everywhere"),
                ParamSpec.integers("read_pcts", 0, 100, "95,50", "100,95,50,0", "shares of reads (%)"),
                ParamSpec.integers("threads", 1, 256, "4", "1,2,4,8", "thread counts (JMH -t)"),
                ParamSpec.integer("finding_threads", 1, 256, 4, 4,
                        "thread count the findings compare at (the same in every profile, so a finding id means one comparison)"),
                ParamSpec.integers("n_keys", 16, 1 << 24, "65536", "65536",
                        "keys in the map (small: fits a core's cache; large: does not); findings use the largest"),
                ParamSpec.choices("popularities", Popularity.ids(), "uniform", "uniform",
                        "key popularity (zipf: --set popularities=uniform,zipf); findings use uniform"),
                ParamSpec.userSubjects("user_shared_maps", "your own concurrent maps (SharedMap), timed in every batch beside the subjects after the map"
                        + " contract and a short concurrent check hold", maplab.subject.concurrent.SharedMap.class),
                ParamSpec.effort(PART, QUICK_EFFORT, FULL_EFFORT,
                        "JMH effort of every throughput cell (all JMH runs alternate in rounds, one fork each)"),
                ParamSpec.choices("latency_subjects", SharedMapType.ids(), "synchronized_map,concurrent_hash_map",
                        withPeers("synchronized_map,rw_lock,concurrent_hash_map,sharded,single_writer"),
                        "maps whose per-operation latency (JMH sample mode) and lock contention (JFR) are measured, at finding_threads threads"),
                ParamSpec.integers("latency_read_pcts", 0, 100, "95", "95,50", "read shares of the latency and contention cells (%)"),
                ParamSpec.integer("contention_threshold_us", 0, 1_000_000, Contention.DEFAULT_THRESHOLD_US, Contention.DEFAULT_THRESHOLD_US,
                        "JFR threshold of jdk.JavaMonitorEnter and jdk.ThreadPark (us): shorter waits are not recorded"),
                ParamSpec.effort(LATENCY_PART, LATENCY_QUICK_EFFORT, LATENCY_FULL_EFFORT,
                        "JMH effort of every latency cell (sample mode with a JFR recording; rounds alternate across cells)"),
                ParamSpec.integer("virtual_threads", 0, 1_000_000, 10_000, 100_000,
                        "virtual threads at once on one shared map, counted (JDK 21+: the run's JDK, else the newest installed one; 0: none)")
                        .smoke(1_000),
                ParamSpec.integer("virtual_thread_ops", 1, 10_000, 20, 100, "operations per virtual thread (half puts of its own keys, half gets)")
                        .smoke(5));
    }

    /** Above this, one copy-on-write write takes a good part of a JMH iteration (see {@link #validate}). */
    static final int MAX_COPY_ON_WRITE_KEYS = 262_144;

    @Override
    public void validate(Params p) {
        if (p.getStrings("subjects").contains(COPY_ON_WRITE.id())
                && p.getInts("n_keys").stream().anyMatch(n -> n > MAX_COPY_ON_WRITE_KEYS)
                && p.getInts("read_pcts").stream().anyMatch(r -> r < 100)) {
            // JMH's synchronized iterations assume one operation is far shorter than an iteration: a thread
            // blocked behind a 50 ms copy for a whole iteration then reports 1 operation in a microsecond.
            throw new IllegalArgumentException("parameter 'n_keys': copy_on_write copies the whole map on every write, which above "
                    + MAX_COPY_ON_WRITE_KEYS + " keys takes too long for JMH's throughput accounting; allowed: at most "
                    + MAX_COPY_ON_WRITE_KEYS + " keys with copy_on_write and writes (or leave copy_on_write out of 'subjects')");
        }
        for (String id : p.getStrings("latency_subjects")) {
            if (!SharedMapType.parse(id).threadSafe() && p.getInt("finding_threads") > 1) {
                throw new IllegalArgumentException("parameter 'latency_subjects': " + id + " is not thread-safe and the latency cells run at finding_threads="
                        + p.getInt("finding_threads") + " threads; allowed: thread-safe subjects (" + String.join(",",
                        SharedMapType.ids().stream().filter(x -> SharedMapType.parse(x).threadSafe()).toList()) + ")");
            }
        }
        if (p.getStrings("latency_subjects").contains(COPY_ON_WRITE.id())
                && p.getInts("n_keys").stream().anyMatch(n -> n > MAX_COPY_ON_WRITE_KEYS)
                && p.getInts("latency_read_pcts").stream().anyMatch(r -> r < 100)) {
            throw new IllegalArgumentException("parameter 'latency_subjects': copy_on_write copies the whole map on every write; allowed: at most "
                    + MAX_COPY_ON_WRITE_KEYS + " keys with copy_on_write and writes (or leave copy_on_write out of 'latency_subjects')");
        }
        if (SyncVariantsPlan.plan(p).isEmpty()) {
            throw new IllegalArgumentException("parameter 'subjects': nothing to measure: " + p.getStrings("subjects")
                    + " at threads " + p.getInts("threads") + " (HashMap is measured at 1 thread only); allowed: include a thread-safe subject or thread count 1");
        }
    }

    /**
     * The plan's progress steps: one per throughput cell and fork (up to the maximum forks in
     * batches whose comparisons may add rounds), then one per latency cell and fork (up to the
     * maximum when the latency runs compare subjects with ConcurrentHashMap).
     */
    @Override
    public int plannedSteps(Params p) {
        List<Batch> plan = SyncVariantsPlan.plan(p);
        int steps = 0;
        for (Batch b : plan) steps += cellsPerRun(p, b) * p.getEffort(PART).plannedForks(!comparedIn(p, plan, b).isEmpty() || usersCompared(p, plan, b));
        List<String> latency = p.getStrings("latency_subjects");   // every latency run compares its subjects with ConcurrentHashMap
        boolean latencyCompares = latency.contains(CONCURRENT_HASH_MAP.id()) && latency.size() > 1;
        return steps + latencyPlan(p).size() * p.getEffort(LATENCY_PART).plannedForks(latencyCompares);
    }

    static final String LATENCY_BENCH = "maplab.bench.SyncLatencyBench.operate";

    /** The plan: {@link SyncVariantsPlan#plan}, then the virtual-thread stress ({@link SyncVariantsVirtualThreads#plan}). */
    @Override
    public void plan(Plan.Builder plan, RunContext context) {
        SyncVariantsPlan.plan(plan, context);
        SyncVariantsVirtualThreads.plan(plan, context);
    }

    /** Measures: {@link SyncVariantsMeasure#measure}, then the virtual-thread stress ({@link SyncVariantsVirtualThreads#measure}). */
    @Override
    public void measure(RunContext ctx) {
        SyncVariantsMeasure.measure(ctx);
        SyncVariantsVirtualThreads.measure(ctx);
    }

    /** Concludes: {@link SyncVariantsConclude#conclude}, then the virtual-thread findings ({@link SyncVariantsVirtualThreads#conclude}). */
    @Override
    public void conclude(RunData data, ResultBuilder out) {
        SyncVariantsConclude.conclude(data, out);
        SyncVariantsVirtualThreads.conclude(data.rows(), out);
    }
}
