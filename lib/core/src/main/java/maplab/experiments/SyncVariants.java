package maplab.experiments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import maplab.chart.Charts;
import maplab.plan.ParamSpec;
import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.run.RunData;
import maplab.measure.Contention;
import maplab.plan.Effort;
import maplab.measure.Jmh;
import maplab.measure.JmhScore;
import maplab.progress.Progress;
import maplab.conclude.Finding;
import maplab.render.Html;
import maplab.measure.Measured;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.conclude.TidyTables;
import maplab.plan.Unit;
import maplab.subject.concurrent.SharedMapType;
import maplab.subject.user.UserSubject;
import maplab.workload.Popularity;
import org.knowm.xchart.XYChart;

import static maplab.subject.concurrent.SharedMapType.CONCURRENT_HASH_MAP;
import static maplab.subject.concurrent.SharedMapType.COPY_ON_WRITE;
import static maplab.subject.concurrent.SharedMapType.HASHMAP;
import static maplab.subject.concurrent.SharedMapType.RW_LOCK;
import static maplab.subject.concurrent.SharedMapType.SHARDED;
import static maplab.subject.concurrent.SharedMapType.SINGLE_WRITER;
import static maplab.subject.concurrent.SharedMapType.STAMPED_LOCK;
import static maplab.subject.concurrent.SharedMapType.SYNCHRONIZED_MAP;

/**
 * sync-variants: synchronized and concurrent maps compared. JMH throughput and allocation per
 * operation ({@code -prof gc}) of every {@link SharedMapType} over read share x threads x key
 * count x key popularity. Plain {@code HashMap} is measured at one thread only (the baseline;
 * shared, it would be a data race).
 *
 * <p><b>Measure</b> ({@link #measure}): one JMH run (batch) per (read share, thread count), with
 * JMH's thread option; all batches run in alternating rounds ({@link Jmh#inRounds}): round
 * {@code r} runs fork {@code r} of every cell of every batch, the batches in an order reshuffled
 * each round from the seed {@code run-order}. A slow stretch of the shared machine then lands on
 * one fork of many cells (a wider interval), not on every fork of a few cells run back to back
 * (a tight, wrong value: the 4-thread dip at 0% reads of the first full reference, whose 3 forks
 * per cell ran consecutively). Rows: throughput and allocation per cell (with per-fork samples)
 * and the machine's logical core count; the note {@code run_order} records when each JMH run
 * started and ended, to set run order against the clock.
 *
 * <p><b>Conclude</b> ({@link #conclude}): a pure function of those rows. Findings compare two
 * subjects at one explicit condition, the same in every profile: {@code finding_threads}
 * threads (4 by default), the findings' read share, the largest key count measured, uniform
 * popularity (each recorded with {@link Finding#where}). When more threads were measured (the
 * full profile: 8), the same comparisons are repeated there under ids ending in {@code _t8}.
 * A ratio's interval is paired by round ({@link Measured#ratioTo}).
 *
 * <p>Coverage {@code all} measures every chosen subject at every read share. Coverage
 * {@code headline} (both profiles' default) measures at each read share only the subjects its
 * findings compare, plus the one-thread {@code HashMap} baseline when one thread is measured:
 * see {@link #headlineSubjects}.
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
     * Quick: 11 cells (5 subjects at 95% reads, 2 at 100%, 4 at 50%, with JCTools'
     * NonBlockingHashMap at 95% and 50%; 4 threads; 65536 keys; uniform), 5 forks each
     * (t(0.995, 4) = 4.60, where 4 forks give 5.84), short iterations: 55 fork JVMs of about
     * 0.5 s start-up and set-up plus 0.29 s of iterations, about 44 s.
     * Two 70 ms warm-up iterations: a 50 ms one was still partly interpreted on a loaded machine
     * (2.8 ops/us, then 61, then about 95 measured).
     */
    static final Effort QUICK_EFFORT = new Effort(5, 2, 70, 3, 50);

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
     * Quick: 3 cells (synchronizedMap, ConcurrentHashMap and the peers' maps at 95% reads, 4
     * threads) x 4 forks of 2x70 ms warm-up and 3x50 ms measured in sample mode, each fork
     * recording contention with JFR: 12 fork JVMs, about 15 s.
     */
    static final Effort LATENCY_QUICK_EFFORT = new Effort(4, 2, 70, 3, 50);

    /** Full: 10 cells (5 subjects, the peers' maps among them, at 95% and 50% reads) x 6 forks of 2x100 ms warm-up and 3x100 ms measured: 60 fork JVMs, about 1.5 min. */
    static final Effort LATENCY_FULL_EFFORT = new Effort(6, 2, 100, 3, 100);

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
                ParamSpec.integers("read_pcts", 0, 100, "100,95,50", "100,95,50,0", "shares of reads (%)"),
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
                ParamSpec.choices("latency_subjects", SharedMapType.ids(), withPeers("synchronized_map,concurrent_hash_map"),
                        withPeers("synchronized_map,rw_lock,concurrent_hash_map,single_writer"),
                        "maps whose per-operation latency (JMH sample mode) and lock contention (JFR) are measured, at finding_threads threads"),
                ParamSpec.integers("latency_read_pcts", 0, 100, "95", "95,50", "read shares of the latency and contention cells (%)"),
                ParamSpec.integer("contention_threshold_us", 0, 1_000_000, Contention.DEFAULT_THRESHOLD_US, Contention.DEFAULT_THRESHOLD_US,
                        "JFR threshold of jdk.JavaMonitorEnter and jdk.ThreadPark (us): shorter waits are not recorded"),
                ParamSpec.effort(LATENCY_PART, LATENCY_QUICK_EFFORT, LATENCY_FULL_EFFORT,
                        "JMH effort of every latency cell (sample mode with a JFR recording; rounds alternate across cells)"));
    }

    /** One JMH run: a read share, a thread count, the subjects measured there. */
    record Batch(int readPct, int threads, List<SharedMapType> subjects) { }

    /** A finding's comparison: throughput of {@code a} over {@code b} at {@code readPct}% reads. */
    record Comparison(String id, SharedMapType a, SharedMapType b, int readPct) { }

    /** The findings, in report order: ours, then each peer library's concurrent map against ConcurrentHashMap. */
    static final List<Comparison> COMPARISONS = Stream.concat(Stream.of(
            new Comparison("chm_vs_synchronized_read95", CONCURRENT_HASH_MAP, SYNCHRONIZED_MAP, 95),
            new Comparison("rwlock_vs_synchronized_read95", RW_LOCK, SYNCHRONIZED_MAP, 95),
            new Comparison("stamped_vs_rwlock_read95", STAMPED_LOCK, RW_LOCK, 95),
            new Comparison("cow_vs_chm_read100", COPY_ON_WRITE, CONCURRENT_HASH_MAP, 100),
            new Comparison("cow_vs_chm_read50", COPY_ON_WRITE, CONCURRENT_HASH_MAP, 50),
            new Comparison("sharded_vs_chm_read50", SHARDED, CONCURRENT_HASH_MAP, 50),
            new Comparison("chm_vs_synchronized_read0", CONCURRENT_HASH_MAP, SYNCHRONIZED_MAP, 0),
            new Comparison("single_writer_vs_chm_read95", SINGLE_WRITER, CONCURRENT_HASH_MAP, 95)), peerComparisons()).toList();

    /** {@code <peer>_vs_chm_read95} and {@code _read50} for every peer library's map: read-mostly and write-heavy. */
    private static Stream<Comparison> peerComparisons() {
        return Stream.of(SharedMapType.values()).filter(SharedMapType::isPeer).flatMap(t -> Stream.of(
                new Comparison(t.id() + "_vs_chm_read95", t, CONCURRENT_HASH_MAP, 95),
                new Comparison(t.id() + "_vs_chm_read50", t, CONCURRENT_HASH_MAP, 50)));
    }

    /** {@code ids} (comma-separated) followed by the peer libraries' maps. */
    private static String withPeers(String ids) {
        return String.join(",", Stream.concat(Stream.of(ids), SharedMapType.peerIds().stream()).toList());
    }

    /** At each read share, the subjects its findings compare; the HashMap baseline is added at one thread. */
    static Set<SharedMapType> headlineSubjects(int readPct) {
        Set<SharedMapType> out = EnumSet.noneOf(SharedMapType.class);
        for (Comparison c : COMPARISONS) {
            if (c.readPct() == readPct) {
                out.add(c.a());
                out.add(c.b());
            }
        }
        // a read share without a finding: the contrast of one lock, striped locks and ConcurrentHashMap
        if (out.isEmpty()) out.addAll(EnumSet.of(SYNCHRONIZED_MAP, CONCURRENT_HASH_MAP, SHARDED));
        return out;
    }

    /** The JMH runs for these parameters, in order. */
    static List<Batch> plan(Params p) {
        Set<SharedMapType> chosen = EnumSet.noneOf(SharedMapType.class);
        p.getStrings("subjects").forEach(s -> chosen.add(SharedMapType.parse(s)));
        boolean everything = p.getString("coverage").equals("all");
        List<Batch> batches = new ArrayList<>();
        for (int read : p.getInts("read_pcts")) {
            for (int threads : p.getInts("threads")) {
                List<SharedMapType> subjects = new ArrayList<>();
                for (SharedMapType t : chosen) {
                    boolean covered = everything || headlineSubjects(read).contains(t) || t == HASHMAP;
                    boolean allowedHere = t.threadSafe() || threads == 1;
                    if (covered && allowedHere) subjects.add(t);
                }
                if (!subjects.isEmpty()) batches.add(new Batch(read, threads, subjects));
            }
        }
        return batches;
    }

    /** Cells (JMH benchmarks: subject x read share x threads x key count x popularity) a plan measures. */
    static int cells(Params p) {
        int perBatch = p.getInts("n_keys").size() * p.getStrings("popularities").size();
        return plan(p).stream().mapToInt(b -> b.subjects().size() * perBatch).sum();
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
        if (plan(p).isEmpty()) {
            throw new IllegalArgumentException("parameter 'subjects': nothing to measure: " + p.getStrings("subjects")
                    + " at threads " + p.getInts("threads") + " (HashMap is measured at 1 thread only); allowed: include a thread-safe subject or thread count 1");
        }
    }

    // ------------------------------------------------------------------ measure

    /**
     * The plan's progress steps: one per throughput cell and fork (up to the maximum forks in
     * batches whose comparisons may add rounds), then one per latency cell and fork.
     */
    @Override
    public int plannedSteps(Params p) {
        List<Batch> plan = plan(p);
        int steps = 0;
        for (Batch b : plan) steps += cellsPerRun(p, b) * p.getEffort(PART).plannedForks(!comparedIn(p, plan, b).isEmpty() || usersCompared(p, plan, b));
        return steps + latencyPlan(p).size() * p.getEffort(LATENCY_PART).plannedForks(false);
    }

    /** The cells of one JMH run of a batch: subjects (users' shared maps too) x key counts x popularities. */
    private static int cellsPerRun(Params p, Batch b) {
        return (b.subjects().size() + p.getStrings("user_shared_maps").size()) * p.getInts("n_keys").size() * p.getStrings("popularities").size();
    }

    /** Whether batch {@code b} compares the users' shared maps with ConcurrentHashMap: at finding_threads or the most threads, with ConcurrentHashMap in it. */
    private static boolean usersCompared(Params p, List<Batch> plan, Batch b) {
        int maxThreads = plan.stream().mapToInt(Batch::threads).max().orElse(1);
        return !p.getStrings("user_shared_maps").isEmpty() && (b.threads() == p.getInt("finding_threads") || b.threads() == maxThreads)
                && b.subjects().contains(CONCURRENT_HASH_MAP);
    }

    /** The findings' comparisons measured in batch {@code b}: at finding_threads or the most threads, both subjects in the batch. */
    private static List<Comparison> comparedIn(Params p, List<Batch> plan, Batch b) {
        int maxThreads = plan.stream().mapToInt(Batch::threads).max().orElse(1);
        if (b.threads() != p.getInt("finding_threads") && b.threads() != maxThreads) return List.of();
        return COMPARISONS.stream().filter(c -> c.readPct() == b.readPct() && b.subjects().contains(c.a()) && b.subjects().contains(c.b())).toList();
    }

    /** The largest key count: the latency cells' and the findings' (as JMH's parameter text). */
    private static String headlineKeys(Params p) {
        return String.valueOf(p.getInts("n_keys").stream().max(Integer::compare).orElseThrow());
    }

    /** Uniform popularity when measured, else the first: the latency cells' and the findings'. */
    private static String headlinePopularity(Params p) {
        List<String> popularities = p.getStrings("popularities");
        return popularities.contains("uniform") ? "uniform" : popularities.get(0);
    }

    /** The subjects timed in batch {@code b}: its own, then the users' shared maps (they claim to be thread safe: timed in every batch). */
    private static List<String> subjectIds(Params p, Batch b) {
        List<String> ids = new ArrayList<>(b.subjects().stream().map(SharedMapType::id).toList());
        ids.addAll(p.getStrings("user_shared_maps"));
        return ids;
    }

    /**
     * The throughput JMH run of batch {@code b} (of {@code plan}), as {@link #measure} runs it
     * (with its run clock added) and {@link #plan(Plan.Builder)} states it: every subject at every
     * key count and popularity, JMH's gc profiler, and the findings' comparisons, to which a
     * sequential effort adds rounds.
     */
    private static Jmh throughputRun(RunContext ctx, List<Batch> plan, Batch b) {
        Params p = ctx.params();
        String keys = headlineKeys(p);
        String popularity = Popularity.parse(headlinePopularity(p)).name();   // JMH's spelling of the constant
        Jmh run = ctx.jmh(BENCH, PART)
                .param("subject", subjectIds(p, b))
                .param("readPct", String.valueOf(b.readPct()))
                .param("keys", p.getInts("n_keys"))
                .param("popularity", p.getStrings("popularities").stream().map(Popularity::parse).toList())
                .param("seed", String.valueOf(ctx.seed("workload")))
                .threads(b.threads())
                .profiler("gc");
        // a sequential effort adds rounds only to the cells of the findings' comparisons (the headline slice)
        for (Comparison c : comparedIn(p, plan, b)) {
            run.compare(Map.of("subject", c.a().id(), "keys", keys, "popularity", popularity),
                    Map.of("subject", c.b().id(), "keys", keys, "popularity", popularity));
        }
        if (usersCompared(p, plan, b)) {
            for (String user : p.getStrings("user_shared_maps")) {
                run.compare(Map.of("subject", user, "keys", keys, "popularity", popularity),
                        Map.of("subject", CONCURRENT_HASH_MAP.id(), "keys", keys, "popularity", popularity));
            }
        }
        return run;
    }

    /** Unit of the throughput cells ({@code SyncVariantsBench}: operations per microsecond). */
    private static final Unit THROUGHPUT_UNIT = Unit.ofJmh("ops/us");
    /** Unit of the blocked time per second, summed over threads. */
    private static final Unit MS_PER_S = new Unit("ms/s", Unit.Direction.LOWER);

    /**
     * Rough seconds a latency fork takes beyond its iterations and {@link Plan#FORK_OVERHEAD_SECONDS}:
     * its JFR recording, and reading it back (the full reference: 48 latency forks in 126 s, 2.6 s each).
     */
    static final double JFR_SECONDS_PER_FORK = 0.9;

    /**
     * The plan: the throughput runs of {@link #plan(Params)} (each built by {@link #throughputRun}),
     * the latency runs of {@link #latencyRuns} with a JFR recording per fork, every row they write
     * (the top contended frames optional: a cell may have no wait over the threshold), and the
     * findings conclude gives for them.
     */
    @Override
    public void plan(Plan.Builder plan, RunContext context) {
        Params p = plan.params();
        RunContext ctx = context;
        plan.count(Plan.dims(), "logical_cores", Unit.COUNT, 2);
        List<Batch> batches = plan(p);
        for (Batch b : batches) {
            plan.jmh(PART, throughputRun(ctx, batches, b));
            for (String subject : subjectIds(p, b)) {
                for (int keys : p.getInts("n_keys")) {
                    for (String popularity : p.getStrings("popularities")) {
                        plan.timed(cellDims(subject, b.readPct(), b.threads(), keys, popularity), "throughput", THROUGHPUT_UNIT);
                        plan.timed(cellDims(subject, b.readPct(), b.threads(), keys, popularity), "alloc_per_op", Unit.BYTES_PER_OP);
                    }
                }
            }
        }
        plannedThroughputFindings(plan, p, batches);

        List<LatencyCell> cells = latencyPlan(p);
        for (Jmh run : latencyRuns(ctx)) plan.jmh(LATENCY_PART, run);
        plan.step("JFR contention recordings (one per latency fork), read back", cells.size() * p.getEffort(LATENCY_PART).forks(), JFR_SECONDS_PER_FORK);
        int threads = p.getInt("finding_threads");
        int keys = Integer.parseInt(headlineKeys(p));
        String popularity = headlinePopularity(p);
        int threshold = p.getInt("contention_threshold_us");
        for (LatencyCell c : cells) {
            Map<String, Object> at = cellDims(c.subject().id(), c.readPct(), threads, keys, popularity);
            for (String pct : PERCENTILES.keySet()) plan.timed(extend(at, "percentile", pct), "latency", Unit.NS_PER_OP);
            Map<String, Object> recorded = extend(at, "threshold_us", threshold);
            plan.timed(recorded, "blocked_per_s", MS_PER_S);
            plan.timed(recorded, "blocked_per_op", Unit.NS_PER_OP);
            for (String e : Contention.EVENTS) {
                plan.count(extend(recorded, "event", e), "blocked_events", Unit.COUNT);
                plan.count(extend(recorded, "event", e), "blocked_event_ms", Unit.MS);
            }
            plan.optional(true).varying("frame");   // the top frames: as many as had waits over the threshold, up to TOP_FRAMES, named as the run finds them
            for (int rank = 1; rank <= TOP_FRAMES; rank++) plan.count(extend(recorded, "rank", rank, "frame", "example.Frame.method"), "blocked_frame_ms", Unit.MS);
            plan.optional(false).varying();
        }
        plannedLatencyFindings(plan, cells);
    }

    /** {@code dims} and more dimensions after them. */
    private static Map<String, Object> extend(Map<String, Object> dims, Object... nameValue) {
        Map<String, Object> out = new LinkedHashMap<>(dims);
        out.putAll(Plan.dims(nameValue));
        return out;
    }

    /** The throughput findings conclude gives for the cells of {@code batches}. */
    private static void plannedThroughputFindings(Plan.Builder plan, Params p, List<Batch> batches) {
        int findingThreads = p.getInt("finding_threads");
        for (Batch b : batches) {
            for (Comparison c : comparedIn(p, batches, b)) {
                if (b.threads() == findingThreads) plan.finding(c.id());
                else if (b.threads() > findingThreads) plan.finding(c.id() + "_t" + b.threads());   // the most threads, beyond finding_threads
            }
            if (b.threads() != findingThreads) continue;
            for (SharedMapType t : b.subjects()) if (b.readPct() != 100) plan.finding(allocationId(t, b.readPct()));
            if (b.subjects().contains(CONCURRENT_HASH_MAP)) {
                for (String user : p.getStrings("user_shared_maps")) plan.finding(userRatioId(user, b.readPct()));
            }
        }
        plan.finding("max_threads_per_core");
        if (batches.stream().noneMatch(b -> b.threads() == findingThreads)) {
            plan.note("finding_threads=" + findingThreads + " is not among threads " + p.getInts("threads") + ": the comparisons are made at the most threads only, if above it");
        }
        List<String> unmeasured = COMPARISONS.stream().filter(c -> batches.stream().noneMatch(b -> b.threads() == findingThreads && comparedIn(p, batches, b).contains(c)))
                .map(Comparison::id).toList();
        if (!unmeasured.isEmpty()) plan.note("not measured with these parameters (named in the note findings_not_computed): " + String.join(", ", unmeasured));
    }

    /** The latency and contention findings conclude gives for these cells (the comparisons need ConcurrentHashMap at the same read share). */
    private static void plannedLatencyFindings(Plan.Builder plan, List<LatencyCell> cells) {
        if (!cells.isEmpty() && cells.stream().noneMatch(c -> c.subject() == CONCURRENT_HASH_MAP)) {
            plan.note("latency_subjects without concurrent_hash_map: no latency or blocked-time comparison (named in the note latency_findings_not_computed)");
        }
        for (LatencyCell c : cells) {
            plan.finding(blockedPerOpId(c.subject(), c.readPct()));
            if (c.subject() == CONCURRENT_HASH_MAP || !cells.contains(new LatencyCell(CONCURRENT_HASH_MAP, c.readPct()))) continue;
            plan.finding(blockedVersusId(c.subject(), c.readPct()));
            for (String pct : FINDING_PERCENTILES) plan.finding(latencyRatioId(pct, c.subject(), c.readPct()));
        }
    }

    private static String allocationId(SharedMapType t, int read) {
        return "alloc_per_op_" + t.id() + "_read" + read;
    }

    private static String userRatioId(String user, int read) {
        return UserSubject.findingName(user) + "_vs_concurrent_hash_map_read" + read;
    }

    private static String blockedPerOpId(SharedMapType t, int read) {
        return "blocked_per_op_" + t.id() + "_read" + read;
    }

    private static String blockedVersusId(SharedMapType t, int read) {
        return "blocked_" + t.id() + "_vs_chm_read" + read;
    }

    private static String latencyRatioId(String percentile, SharedMapType t, int read) {
        return "latency_" + percentileToken(percentile) + "_" + t.id() + "_vs_chm_read" + read;
    }

    @Override
    public void measure(RunContext ctx) {
        Params p = ctx.params();
        ResultBuilder out = ctx.result();

        int cores = Runtime.getRuntime().availableProcessors();
        out.note("logical_cores", cores);
        out.row().measure("logical_cores", cores, Unit.COUNT);

        List<Batch> plan = plan(p);
        List<Map<String, Object>> runOrder = Collections.synchronizedList(new ArrayList<>());
        List<Jmh> jmh = new ArrayList<>();
        for (Batch b : plan) jmh.add(throughputRun(ctx, plan, b).progress(new RunClock(ctx.progress(), b, cellsPerRun(p, b), runOrder)));
        List<List<JmhScore>> results = Jmh.inRounds(jmh, ctx.random("run-order"));
        out.note("run_order", RunClock.withEnds(runOrder, Instant.now()));

        for (int i = 0; i < plan.size(); i++) {
            Batch b = plan.get(i);
            for (JmhScore s : results.get(i)) {
                String subject = UserSubject.isUserId(s.param("subject")) ? s.param("subject") : SharedMapType.parse(s.param("subject")).id();
                Measured alloc = s.secondary("gc.alloc.rate.norm");
                cell(out, subject, b, s).measure("throughput", s.measured(), Unit.ofJmh(s.unit()));
                cell(out, subject, b, s).measure("alloc_per_op", alloc, Unit.BYTES_PER_OP);
            }
        }
        measureLatency(ctx, headlineKeys(p), headlinePopularity(p));
    }

    /** The latency cells: one per (latency subject, latency read share), at finding_threads threads. */
    record LatencyCell(SharedMapType subject, int readPct) { }

    static List<LatencyCell> latencyPlan(Params p) {
        List<LatencyCell> out = new ArrayList<>();
        for (int read : p.getInts("latency_read_pcts")) {
            for (String id : p.getStrings("latency_subjects")) out.add(new LatencyCell(SharedMapType.parse(id), read));
        }
        return out;
    }

    /** Frames kept per cell in the {@code blocked_frame} rows. */
    static final int TOP_FRAMES = 5;

    /** A JFR event counts when its stack runs through the measured operation (not JMH's own waits, not the single writer's idle owner thread). */
    static final String LATENCY_METHOD = "maplab.bench.SyncLatencyBench.operate";

    /**
     * Per-operation latency (JMH sample mode: p50 to p99.99 per measured iteration, from JMH's
     * own histogram) and contention (a JFR recording per fork, see {@link Contention}) of each
     * latency cell, at {@code finding_threads} threads, the largest key count and the findings'
     * popularity. One JMH run per read share; the runs alternate in rounds.
     */
    private void measureLatency(RunContext ctx, String keys, String popularity) {
        Params p = ctx.params();
        List<LatencyCell> plan = latencyPlan(p);
        if (plan.isEmpty()) return;
        int threads = p.getInt("finding_threads");
        int threshold = p.getInt("contention_threshold_us");
        java.nio.file.Path dir = contentionDir(ctx);
        List<List<JmhScore>> results = Jmh.inRounds(latencyRuns(ctx), ctx.random("latency-order"));
        ResultBuilder out = ctx.result();
        for (List<JmhScore> batch : results) {
            for (JmhScore s : batch) {
                String subject = s.param("subject", SharedMapType.class).id();
                int read = Integer.parseInt(s.param("readPct"));
                for (Map.Entry<String, String> pct : PERCENTILES.entrySet()) {
                    latencyRow(out, subject, read, threads, s.param("keys"), s.param("popularity", Popularity.class).id())
                            .with("percentile", pct.getKey()).measure("latency", s.secondary(pct.getValue()), Unit.ofJmh(s.unit()));
                }
            }
        }
        // the recordings: one per fork, each cell's sorted by start time, so the k-th is round k
        Map<List<String>, List<Contention.Blocked>> byCell = new LinkedHashMap<>();
        for (Contention.Blocked b : Contention.readAll(dir, m -> m.equals(LATENCY_METHOD))) {
            byCell.computeIfAbsent(List.of(b.cell().get("subject"), b.cell().get("read_pct"), b.cell().get("threads")), k -> new ArrayList<>()).add(b);
        }
        for (LatencyCell c : plan) {
            List<Contention.Blocked> forks = byCell.getOrDefault(List.of(c.subject().id(), String.valueOf(c.readPct()), String.valueOf(threads)), List.of());
            if (forks.isEmpty()) {
                throw new maplab.measure.MeasurementException("no contention recording for " + c.subject().id() + " at " + c.readPct()
                        + "% reads in " + dir + ": did the JMH fork run SyncLatencyBench with -D" + Contention.DIR_PROPERTY + "?");
            }
            contentionRows(out, c, threads, keys, popularity, threshold, forks);
        }
    }

    static final String LATENCY_BENCH = "maplab.bench.SyncLatencyBench.operate";

    /** Where the latency forks write their JFR recordings. */
    private static java.nio.file.Path contentionDir(RunContext ctx) {
        return ctx.workDir().resolve("contention");
    }

    /**
     * The latency JMH runs, one per latency read share (its latency subjects), at
     * {@code finding_threads} threads, the largest key count and the findings' popularity, each
     * fork recording contention with JFR: as {@link #measure} runs them and
     * {@link #plan(Plan.Builder)} states them.
     */
    private static List<Jmh> latencyRuns(RunContext ctx) {
        Params p = ctx.params();
        List<LatencyCell> plan = latencyPlan(p);
        java.nio.file.Path dir = contentionDir(ctx);
        List<Jmh> runs = new ArrayList<>();
        for (int read : plan.stream().map(LatencyCell::readPct).distinct().toList()) {
            List<SharedMapType> subjects = plan.stream().filter(c -> c.readPct() == read).map(LatencyCell::subject).toList();
            runs.add(ctx.jmh(LATENCY_BENCH, LATENCY_PART)
                    .param("subject", subjects)
                    .param("readPct", String.valueOf(read))
                    .param("keys", headlineKeys(p))
                    .param("popularity", Popularity.parse(headlinePopularity(p)))
                    .param("seed", String.valueOf(ctx.seed("workload")))
                    .threads(p.getInt("finding_threads"))
                    .jvmArgsAppend("-D" + Contention.DIR_PROPERTY + "=" + dir, "-D" + Contention.THRESHOLD_PROPERTY + "=" + p.getInt("contention_threshold_us")));
        }
        return runs;
    }

    private static ResultBuilder.Row latencyRow(ResultBuilder out, String subject, int read, int threads, String keys, String popularity) {
        return row(out, cellDims(subject, read, threads, Integer.parseInt(keys), popularity));
    }

    /** The dimensions of a throughput, latency or contention cell's rows. */
    private static Map<String, Object> cellDims(String subject, int read, int threads, int nKeys, String popularity) {
        return Plan.dims("subject", subject, "read_pct", read, "threads", threads, "n_keys", nKeys, "popularity", popularity);
    }

    /** A row with these dimensions, ready to measure. */
    private static ResultBuilder.Row row(ResultBuilder out, Map<String, Object> dims) {
        ResultBuilder.Row row = out.row();
        dims.forEach(row::with);
        return row;
    }

    /** Rows of one cell's recordings: blocked ms per second and ns per operation (a sample per fork), events, and the top frames. */
    static void contentionRows(ResultBuilder out, LatencyCell c, int threads, String keys, String popularity, int threshold,
                               List<Contention.Blocked> forks) {
        List<maplab.stats.Estimates.Sample> perSecond = new ArrayList<>();
        List<maplab.stats.Estimates.Sample> perOp = new ArrayList<>();
        Map<String, Long> frames = new LinkedHashMap<>();
        Map<String, Long> events = new LinkedHashMap<>();
        Map<String, Long> eventNanos = new LinkedHashMap<>();
        for (int r = 0; r < forks.size(); r++) {
            Contention.Blocked b = forks.get(r);
            perSecond.add(new maplab.stats.Estimates.Sample(r, 0, b.millisPerSecond()));
            perOp.add(new maplab.stats.Estimates.Sample(r, 0, b.nanosPerOp()));
            b.nanosByFrame().forEach((f, n) -> frames.merge(f, n, Long::sum));
            b.eventsByEvent().forEach((e, n) -> events.merge(e, n, Long::sum));
            b.nanosByEvent().forEach((e, n) -> eventNanos.merge(e, n, Long::sum));
        }
        String subject = c.subject().id();
        latencyRow(out, subject, c.readPct(), threads, keys, popularity).with("threshold_us", threshold)
                .measure("blocked_per_s", Measured.of(perSecond), MS_PER_S);
        latencyRow(out, subject, c.readPct(), threads, keys, popularity).with("threshold_us", threshold)
                .measure("blocked_per_op", Measured.of(perOp), Unit.NS_PER_OP);
        for (String e : Contention.EVENTS) {
            latencyRow(out, subject, c.readPct(), threads, keys, popularity).with("threshold_us", threshold).with("event", e)
                    .measure("blocked_events", events.getOrDefault(e, 0L), Unit.COUNT);
            latencyRow(out, subject, c.readPct(), threads, keys, popularity).with("threshold_us", threshold).with("event", e)
                    .measure("blocked_event_ms", eventNanos.getOrDefault(e, 0L) / 1e6, Unit.MS);
        }
        List<Map.Entry<String, Long>> top = frames.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_FRAMES).toList();
        for (int i = 0; i < top.size(); i++) {
            latencyRow(out, subject, c.readPct(), threads, keys, popularity).with("threshold_us", threshold)
                    .with("rank", i + 1).with("frame", top.get(i).getKey())
                    .measure("blocked_frame_ms", top.get(i).getValue() / 1e6, Unit.MS);
        }
    }

    private static ResultBuilder.Row cell(ResultBuilder out, String subject, Batch b, JmhScore s) {
        return row(out, cellDims(subject, b.readPct(), b.threads(), Integer.parseInt(s.param("keys")), s.param("popularity", Popularity.class).id()));
    }

    /**
     * Passes progress on and notes when each JMH run of one batch starts: JMH reports each
     * cell's start, and a run (one round of a batch) starts with its first cell.
     */
    private static final class RunClock implements Progress {
        private final Progress delegate;
        private final Batch batch;
        private final int cellsPerRun;
        private final List<Map<String, Object>> runs;
        private int cellsStarted;

        RunClock(Progress delegate, Batch batch, int cellsPerRun, List<Map<String, Object>> runs) {
            this.delegate = delegate;
            this.batch = batch;
            this.cellsPerRun = cellsPerRun;
            this.runs = runs;
        }

        @Override public void start(String title, int totalSteps) { delegate.start(title, totalSteps); }
        @Override public void addSteps(int moreSteps) { delegate.addSteps(moreSteps); }
        @Override public void skipSteps(int n, String why) { delegate.skipSteps(n, why); }
        @Override public void note(String label) { delegate.note(label); }
        @Override public void done(String summary) { delegate.done(summary); }

        @Override public void step(String label) {
            if (label.startsWith("SyncVariantsBench.operate")) {
                if (cellsStarted % cellsPerRun == 0) {
                    Map<String, Object> run = new LinkedHashMap<>();
                    run.put("round", cellsStarted / cellsPerRun);
                    run.put("read_pct", batch.readPct());
                    run.put("threads", batch.threads());
                    run.put("start", Instant.now().toString());
                    runs.add(run);
                }
                cellsStarted++;
            }
            delegate.step(label);
        }

        /** The runs in start order, each ending when the next one started (the last at {@code end}). */
        static List<Map<String, Object>> withEnds(List<Map<String, Object>> runs, Instant end) {
            List<Map<String, Object>> sorted;
            synchronized (runs) {
                sorted = new ArrayList<>(runs);
            }
            sorted.sort(Comparator.comparing(m -> Instant.parse((String) m.get("start"))));
            for (int i = 0; i < sorted.size(); i++) {
                sorted.get(i).put("end", i + 1 < sorted.size() ? sorted.get(i + 1).get("start") : end.toString());
            }
            return sorted;
        }
    }

    // ------------------------------------------------------------------ conclude

    /** The slice the findings and the plainly named charts use: a key count and a popularity. */
    record Slice(int nKeys, String popularity) {
        /** The largest key count measured, uniform popularity when measured (else the first measured). */
        static Optional<Slice> headline(Rows throughput) {
            Optional<Integer> keys = throughput.distinct("n_keys").stream().map(Integer::parseInt).max(Integer::compare);
            List<String> pops = throughput.distinct("popularity");
            if (keys.isEmpty() || pops.isEmpty()) return Optional.empty();
            return Optional.of(new Slice(keys.get(), pops.contains("uniform") ? "uniform" : pops.get(0)));
        }
    }

    @Override
    public void conclude(RunData data, ResultBuilder out) {
        Rows throughput = data.rows().metric("throughput");
        concludeLatency(data.rows(), out);
        Optional<Slice> headline = Slice.headline(throughput);
        if (headline.isEmpty()) return;
        Slice slice = headline.get();
        Rows alloc = data.rows().metric("alloc_per_op");
        // the logical core count measure recorded (absent from runs made before it was a row)
        Integer cores = data.rows().metric("logical_cores").first().map(r -> (int) Math.round(r.value())).orElse(null);

        charts(out, throughput, slice);
        tables(out, throughput, alloc, slice, cores);
        findings(out, throughput, slice, data.params().getInt("finding_threads"), data.params().getEffort(PART).looks(), cores);
        allocationFindings(out, alloc, slice, data.params().getInt("finding_threads"));
    }

    // ------------------------------------------------------------------ conclude: allocation, latency, contention

    /**
     * Allocation per operation of each subject at {@code finding_threads} threads and every read
     * share with writes (at 100% reads no map allocates), headline slice: {@code gc.alloc.rate.norm}
     * of JMH's gc profiler, the mean of fork means with its interval over forks. Keys and values
     * are boxed in setup and writes overwrite existing keys, so what is left is the map's own:
     * copies, queue nodes, lock records.
     */
    static void allocationFindings(ResultBuilder out, Rows alloc, Slice slice, int threads) {
        out.groups("allocation");
        for (int read : ints(alloc, "read_pct").stream().sorted(Comparator.reverseOrder()).toList()) {
            if (read == 100) continue;
            for (SharedMapType t : SharedMapType.values()) {
                Optional<Rows.Row> r = cell(alloc, t, read, threads, slice);
                if (r.isEmpty() || Double.isNaN(r.get().value())) continue;
                String template = t.label() + " allocated %.2f B per operation at " + threads + " threads, " + read + "%% reads, "
                        + slice.nKeys() + " keys (JMH gc profiler, gc.alloc.rate.norm)";
                Rows.Row row = r.get();
                out.inGroup("allocation", () -> out.attempt(allocationId(t, read), () -> {
                    // a run stored without samples has only JMH's own error
                    maplab.stats.Estimates.Estimate e = !row.samples().isEmpty() ? row.measured().estimate()
                            : new maplab.stats.Estimates.Estimate(row.value(), row.value() - row.error(), row.value() + row.error(), 0);
                    out.finding(Finding.estimate(allocationId(t, read), e.atLeast(0), "B/op",
                                    Finding.Basis.TIMING, template)
                            .where("threads", threads).where("read_pct", read).where("n_keys", slice.nKeys()).where("popularity", slice.popularity()));
                }));
            }
        }
    }

    /** The id token of a percentile: p50, p99, p999. */
    static String percentileToken(String percentile) {
        return percentile.replace(".", "");
    }

    /** The latency and contention findings, tables and charts (none when the run measured no latency cell). */
    static void concludeLatency(Rows rows, ResultBuilder out) {
        out.groups("latency", "contention");
        Rows latency = rows.metric("latency");
        Rows perSecond = rows.metric("blocked_per_s");
        Rows perOp = rows.metric("blocked_per_op");
        if (latency.isEmpty() && perSecond.isEmpty()) return;
        List<String> missing = new ArrayList<>();
        java.util.SortedSet<Integer> reads = new java.util.TreeSet<>(Comparator.reverseOrder());
        reads.addAll(ints(latency, "read_pct"));
        reads.addAll(ints(perSecond, "read_pct"));   // the same shares, unless a run lacks some rows
        for (int read : reads) {
            Rows lat = latency.where("read_pct", read);
            Rows bps = perSecond.where("read_pct", read);
            Rows bpo = perOp.where("read_pct", read);
            latencyChart(out, lat, read);
            blockedChart(out, bps, read);
            Optional<Rows.Row> chmBlocked = one(bps.where("subject", CONCURRENT_HASH_MAP.id()));
            for (SharedMapType t : SharedMapType.values()) {
                Optional<Rows.Row> blocked = one(bps.where("subject", t.id()));
                Optional<Rows.Row> op = one(bpo.where("subject", t.id()));
                if (blocked.isPresent() && op.isPresent()) {
                    Rows.Row b = blocked.get();
                    out.inGroup("contention", () -> out.attempt(blockedPerOpId(t, read), () -> {
                        String where = conditionsText(b).replace("%", "%%");
                        out.finding(conditions(Finding.estimate(blockedPerOpId(t, read), op.get().measured().estimate().atLeast(0), "ns/op",
                                Finding.Basis.TIMING, t.label() + " threads spent %.1f ns blocked per operation (JFR waits over " + b.str("threshold_us")
                                        + " us, " + where + ")"), b));
                    }));
                }
                if (t == CONCURRENT_HASH_MAP) continue;
                if (blocked.isPresent()) {
                    String id = blockedVersusId(t, read);
                    if (chmBlocked.isEmpty()) {
                        missing.add(id + ": needs concurrent_hash_map in latency_subjects");
                    } else {
                        out.inGroup("contention", () -> out.attempt(id, () -> out.finding(blockedVersus(id, t, blocked.get(), chmBlocked.get()))));
                    }
                }
                for (String pct : FINDING_PERCENTILES) {
                    Optional<Rows.Row> a = one(lat.where("subject", t.id()).where("percentile", pct));
                    Optional<Rows.Row> b = one(lat.where("subject", CONCURRENT_HASH_MAP.id()).where("percentile", pct));
                    String id = latencyRatioId(pct, t, read);
                    if (a.isEmpty()) continue;
                    if (b.isEmpty()) {
                        missing.add(id + ": needs concurrent_hash_map in latency_subjects");
                        continue;
                    }
                    out.inGroup("latency", () -> out.attempt(id, () -> {
                        Finding f = Finding.ratio(id, pct + " latency of " + t.label(), "ConcurrentHashMap", Finding.Quantity.TIME,
                                a.get().measured().ratioTo(b.get().measured()), Finding.Basis.TIMING);
                        String text = f.text().startsWith("No detectable") ? "n" + f.text().substring(1) : f.text();
                        out.finding(conditions(f.withText("At " + conditionsText(a.get()) + ", " + text), a.get()).where("percentile", pct));
                    }));
                }
            }
        }
        if (!missing.isEmpty()) out.note("latency_findings_not_computed", missing);
        latencyTables(out, latency, perSecond, perOp, rows);
    }

    private static Optional<Rows.Row> one(Rows r) {
        return r.size() == 1 ? Optional.of(r.one()) : Optional.empty();
    }

    /** "4 threads, 95% reads, 65536 keys, uniform popularity" from a latency or contention row. */
    private static String conditionsText(Rows.Row r) {
        return r.str("threads") + " threads, " + r.str("read_pct") + "% reads, " + r.str("n_keys") + " keys, " + r.str("popularity") + " popularity";
    }

    private static Finding conditions(Finding f, Rows.Row r) {
        Finding out = f.where("threads", r.integer("threads")).where("read_pct", r.integer("read_pct"))
                .where("n_keys", r.integer("n_keys")).where("popularity", r.str("popularity"));
        return r.has("threshold_us") ? out.where("threshold_us", r.integer("threshold_us")) : out;
    }

    /**
     * Blocked time of {@code t} minus that of ConcurrentHashMap (ms blocked per second, summed
     * over threads), paired by round: the mean of the per-round differences with its t interval
     * over rounds. A difference, not a ratio: ConcurrentHashMap often has no wait over the
     * threshold at all, and a ratio to zero means nothing.
     */
    static Finding blockedVersus(String id, SharedMapType t, Rows.Row a, Rows.Row chm) {
        java.util.SortedMap<Integer, Double> fa = a.measured().forkMeans();
        java.util.SortedMap<Integer, Double> fb = chm.measured().forkMeans();
        Map<Integer, Double> diff = new java.util.TreeMap<>();
        for (Map.Entry<Integer, Double> e : fa.entrySet()) {
            Double other = fb.get(e.getKey());
            if (other != null) diff.put(e.getKey(), e.getValue() - other);
        }
        maplab.stats.Estimates.Estimate d = maplab.stats.Estimates.mean(diff);
        String template = "At " + conditionsText(a).replace("%", "%%") + ", " + t.label() + " threads were blocked %.1f ms per second more than ConcurrentHashMap's ("
                + maplab.stats.Numbers.format(a.value()) + " against " + maplab.stats.Numbers.format(chm.value()) + " ms/s, summed over threads; JFR waits over " + a.str("threshold_us") + " us, paired by round)";
        return conditions(Finding.versus(id, d, 0, "ms/s", Finding.Basis.TIMING, template), a);
    }

    /** Latency against percentile (x: p50, p90, p99, p99.9, p99.99 at even steps), one line per subject, log y (the tail spans decades). */
    private static void latencyChart(ResultBuilder out, Rows lat, int read) {
        if (lat.isEmpty()) return;
        Rows.Row any = lat.list().get(0);
        XYChart chart = Charts.xy("Latency per operation, " + read + "% reads (" + conditionsText(any) + "; mean over forks, "
                + Finding.confidenceLabel() + " CI)", "percentile", "latency (" + any.str("unit") + ", log axis)");
        chart.getStyler().setYAxisLogarithmic(true);
        List<String> names = new ArrayList<>(PERCENTILES.keySet());
        chart.setCustomXAxisTickLabelsFormatter(x -> {
            long i = Math.round(x);
            return Math.abs(x - i) < 1e-9 && i >= 1 && i <= names.size() ? names.get((int) i - 1) : "";
        });
        for (SharedMapType t : SharedMapType.values()) {
            List<Integer> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            List<Double> e = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                Optional<Rows.Row> r = one(lat.where("subject", t.id()).where("percentile", names.get(i)));
                if (r.isEmpty() || !(r.get().value() > 0)) continue;
                x.add(i + 1);
                y.add(r.get().value());
                e.add(r.get().error());
            }
            if (!x.isEmpty()) Charts.series(chart, t.label(), x, y, e);
        }
        if (!chart.getSeriesMap().isEmpty()) out.chart("latency percentiles, " + read + "% reads", chart);
    }

    /** Blocked ms per second per subject (bars, log axis when every bar is above zero and they span more than two decades). */
    private static void blockedChart(ResultBuilder out, Rows bps, int read) {
        if (bps.isEmpty()) return;
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        for (SharedMapType t : SharedMapType.values()) {
            Optional<Rows.Row> r = one(bps.where("subject", t.id()));
            if (r.isEmpty()) continue;
            names.add(t.label());
            values.add(r.get().value());
            errors.add(r.get().error());
        }
        if (names.isEmpty()) return;   // no subject with one row at this read share: nothing to draw (XChart refuses an empty series)
        Rows.Row any = bps.list().get(0);
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        // above two decades a log axis; XChart draws bars from zero, which a log axis cannot show, so then points
        boolean log = min > 0 && max / min > 100;
        org.knowm.xchart.CategoryChart chart = Charts.bars("Time blocked, " + read + "% reads (" + conditionsText(any) + "; JFR waits over "
                + any.str("threshold_us") + " us; " + Finding.confidenceLabel() + " CI over forks)", "subject",
                "blocked (ms per s, summed over threads" + (log ? ", log axis)" : ")"));
        chart.getStyler().setYAxisLogarithmic(log);
        if (log) {
            chart.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle.Scatter);
            chart.getStyler().setMarkerSize(10);
        }
        chart.addSeries("blocked", names, values, Charts.clampErrors(values, errors, log));
        out.chart("blocked time, " + read + "% reads", chart);
    }

    private static void latencyTables(ResultBuilder out, Rows latency, Rows perSecond, Rows perOp, Rows rows) {
        List<Map<String, Object>> lt = new ArrayList<>();
        for (int read : ints(latency, "read_pct").stream().sorted(Comparator.reverseOrder()).toList()) {
            for (SharedMapType t : SharedMapType.values()) {
                Rows here = latency.where("read_pct", read).where("subject", t.id());
                if (here.isEmpty()) continue;
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("subject", t.label());
                row.put("read_pct", read);
                for (String pct : PERCENTILES.keySet()) {
                    Optional<Rows.Row> r = one(here.where("percentile", pct));
                    row.put(pct + " (" + here.list().get(0).str("unit") + ")", r.map(Rows.Row::value).orElse(null));
                    row.put("± " + pct, r.map(Rows.Row::error).orElse(null));
                }
                lt.add(row);
            }
        }
        if (!lt.isEmpty()) out.table("latency percentiles", TidyTables.fromRows("latency percentiles", lt));

        List<Map<String, Object>> bt = new ArrayList<>();
        List<Map<String, Object>> ft = new ArrayList<>();
        for (Rows.Row r : perSecond) {
            String subject = r.str("subject");
            String read = r.str("read_pct");
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("subject", SharedMapType.parse(subject).label());
            row.put("read_pct", Integer.parseInt(read));
            row.put("threads", Integer.parseInt(r.str("threads")));
            row.put("threshold_us", Integer.parseInt(r.str("threshold_us")));
            row.put("blocked ms/s", r.value());
            row.put("± ms/s", r.error());
            Optional<Rows.Row> op = one(perOp.where("subject", subject).where("read_pct", read));
            row.put("blocked ns/op", op.map(Rows.Row::value).orElse(null));
            row.put("± ns/op", op.map(Rows.Row::error).orElse(null));
            for (String e : Contention.EVENTS) {
                Rows ev = rows.metric("blocked_events").where("subject", subject).where("read_pct", read).where("event", e);
                row.put(e + " events", one(ev).map(x -> (long) x.value()).orElse(null));
            }
            bt.add(row);
            Rows frames = rows.metric("blocked_frame_ms").where("subject", subject).where("read_pct", read);
            double total = frames.list().stream().mapToDouble(Rows.Row::value).sum();
            for (Rows.Row f : frames.list().stream().sorted(Comparator.comparingLong(x -> x.integer("rank"))).toList()) {
                Map<String, Object> fr = new LinkedHashMap<>();
                fr.put("subject", SharedMapType.parse(subject).label());
                fr.put("read_pct", Integer.parseInt(read));
                fr.put("rank", f.integer("rank"));
                fr.put("frame", f.str("frame"));
                fr.put("blocked ms (all forks)", f.value());
                fr.put("share of the top frames", total > 0 ? f.value() / total : null);
                ft.add(fr);
            }
        }
        if (!bt.isEmpty()) out.table("blocked time", TidyTables.fromRows("blocked time", bt));
        if (!ft.isEmpty()) out.table("top contended frames", TidyTables.fromRows("top contended frames", ft));
    }

    private static Rows cells(Rows throughput, int readPct, Slice slice) {
        return throughput.where("read_pct", readPct).where("n_keys", slice.nKeys()).where("popularity", slice.popularity());
    }

    private static Optional<Rows.Row> cell(Rows metric, SharedMapType t, int readPct, int threads, Slice slice) {
        Rows r = cells(metric, readPct, slice).where("subject", t.id()).where("threads", threads);
        return r.size() == 1 ? Optional.of(r.one()) : Optional.empty();
    }

    private static List<Integer> ints(Rows rows, String column) {
        return rows.distinct(column).stream().map(Integer::parseInt).sorted().toList();
    }

    /** The chart name for a read share: plain for the headline slice, with the slice otherwise. */
    public static String chartName(int readPct, int nKeys, String popularity, boolean headline) {
        return "throughput, " + readPct + "% reads" + (headline ? "" : ", " + nKeys + " keys, " + popularity);
    }

    /** Throughput against threads, one chart per read share and slice, one line per subject, error bars from the rows. */
    private static void charts(ResultBuilder out, Rows throughput, Slice headline) {
        List<Integer> reads = ints(throughput, "read_pct").stream().sorted(Comparator.reverseOrder()).toList();
        for (int read : reads) {
            for (int keys : ints(throughput, "n_keys").stream().sorted(Comparator.reverseOrder()).toList()) {
                for (String pop : throughput.distinct("popularity")) {
                    Slice s = new Slice(keys, pop);
                    Rows here = cells(throughput, read, s);
                    if (here.isEmpty()) continue;
                    String unit = here.list().get(0).str("unit");
                    // error bars: the rows' intervals over forks; a run stored without samples has only JMH's own error
                    boolean overForks = here.list().stream().noneMatch(r -> r.samples().isEmpty());
                    XYChart chart = Charts.xy("Throughput, " + read + "% reads (" + keys + " keys, " + pop + "; "
                            + (overForks ? Finding.confidenceLabel() + " CI over forks)" : "stored JMH error)"),
                            "threads", "throughput (" + unit + ")");
                    chart.setCustomXAxisTickLabelsFormatter(x -> Math.abs(x - Math.rint(x)) < 1e-9 ? String.valueOf(Math.round(x)) : "");
                    for (SharedMapType t : SharedMapType.values()) {
                        List<Rows.Row> line = here.where("subject", t.id()).list().stream()
                                .sorted(Comparator.comparingLong(r -> r.integer("threads"))).toList();
                        if (line.isEmpty()) continue;
                        Charts.series(chart, t.label(), line.stream().map(r -> r.integer("threads")).toList(),
                                line.stream().map(Rows.Row::value).toList(), line.stream().map(Rows.Row::error).toList());
                    }
                    out.chart(chartName(read, keys, pop, s.equals(headline)), chart);
                }
            }
        }
    }

    private static void tables(ResultBuilder out, Rows throughput, Rows alloc, Slice slice, Integer cores) {
        List<Integer> threadCounts = ints(throughput, "threads");
        List<Map<String, Object>> tp = new ArrayList<>();
        List<Map<String, Object>> al = new ArrayList<>();
        for (int read : ints(throughput, "read_pct").stream().sorted(Comparator.reverseOrder()).toList()) {
            for (SharedMapType t : SharedMapType.values()) {
                Map<String, Object> tpRow = new LinkedHashMap<>();
                Map<String, Object> alRow = new LinkedHashMap<>();
                for (Map<String, Object> row : List.of(tpRow, alRow)) {
                    row.put("subject", t.label());
                    row.put("read_pct", read);
                }
                boolean any = false;
                for (int threads : threadCounts) {
                    Optional<Rows.Row> s = cell(throughput, t, read, threads, slice);
                    Optional<Rows.Row> a = cell(alloc, t, read, threads, slice);
                    any |= s.isPresent();
                    String suffix = threads + (threads == 1 ? " thread" : " threads");
                    tpRow.put("ops/us, " + suffix, s.map(Rows.Row::value).orElse(null));
                    tpRow.put("± " + suffix, s.map(Rows.Row::error).orElse(null));
                    alRow.put("B/op, " + suffix, a.map(Rows.Row::value).orElse(null));
                }
                if (any) {
                    tp.add(tpRow);
                    al.add(alRow);
                }
            }
        }
        out.table("throughput", TidyTables.fromRows("throughput", tp));
        out.table("allocation per operation", TidyTables.fromRows("allocation per operation", al));

        List<Map<String, Object>> perCore = new ArrayList<>();
        for (int threads : threadCounts) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("threads", threads);
            if (cores != null) {
                row.put("logical_cores", cores);
                row.put("threads_per_core", (double) threads / cores);
                row.put("oversubscribed", threads > cores);
            }
            perCore.add(row);
        }
        out.table("threads per core", TidyTables.fromRows("threads per core", perCore));
    }

    /** {@code looks}: how often a sequential effort looked at each comparison (the Bonferroni divisor of its interval). */
    private static void findings(ResultBuilder out, Rows throughput, Slice slice, int findingThreads, int looks, Integer cores) {
        List<String> missing = new ArrayList<>();
        for (Comparison c : COMPARISONS) out.attempt(c.id(), () -> ratio(out, missing, throughput, slice, c, c.id(), findingThreads, looks));
        int maxThreads = ints(throughput, "threads").stream().max(Integer::compare).orElse(1);
        if (maxThreads > findingThreads) {
            for (Comparison c : COMPARISONS) {
                String id = c.id() + "_t" + maxThreads;
                out.attempt(id, () -> ratio(out, missing, throughput, slice, c, id, maxThreads, looks));
            }
        }
        userRatios(out, throughput, slice, findingThreads, looks);
        if (!missing.isEmpty()) out.note("findings_not_computed", missing);

        if (cores == null) return;
        out.attempt("max_threads_per_core", () -> threadsPerCore(out, maxThreads, cores));
    }

    /** How many threads the highest thread count puts on each logical core ({@code max_threads_per_core}). */
    private static void threadsPerCore(ResultBuilder out, int maxThreads, int cores) {
        double perCore = (double) maxThreads / cores;
        String text = perCore > 1
                ? String.format(Locale.ROOT, "The highest thread count, %d, puts %%.2f threads on each of this machine's %d logical cores:"
                        + " every column above %d threads is oversubscribed, so threads take turns on a core (throughput cannot grow"
                        + " past the %d-thread column), and a thread descheduled while holding a lock makes every thread waiting for that lock wait"
                        + " for the scheduler too", maxThreads, cores, cores, cores)
                : String.format(Locale.ROOT, "The highest thread count, %d, puts %%.2f threads on each of this machine's %d logical cores:"
                        + " no column is oversubscribed, every thread can have a core of its own", maxThreads, cores);
        out.finding(Finding.parameter("max_threads_per_core", perCore, "threads/core", text)
                .where("threads", maxThreads).where("logical_cores", cores));
    }

    /**
     * Each user shared map against ConcurrentHashMap at the finding thread count, per read share
     * measured, in the headline slice: {@code <user>_vs_concurrent_hash_map_read<pct>} (throughput ratio, paired by round).
     */
    private static void userRatios(ResultBuilder out, Rows throughput, Slice slice, int threads, int looks) {
        for (String user : throughput.distinct("subject")) {
            if (!UserSubject.isUserId(user)) continue;
            for (int readPct : ints(throughput.where("subject", user), "read_pct")) {
                Rows a = cells(throughput, readPct, slice).where("subject", user).where("threads", threads);
                Optional<Rows.Row> b = cell(throughput, CONCURRENT_HASH_MAP, readPct, threads, slice);
                if (a.size() != 1 || b.isEmpty()) continue;
                String id = userRatioId(user, readPct);
                out.attempt(id, () -> {
                    Finding f = Finding.ratio(id, UserSubject.label(user),
                            CONCURRENT_HASH_MAP.label(), Finding.Quantity.THROUGHPUT, a.one().measured().ratioTo(b.get().measured(), looks), Finding.Basis.TIMING);
                    String where = "At " + threads + (threads == 1 ? " thread, " : " threads, ") + readPct + "% reads, " + slice.nKeys() + " keys, "
                            + slice.popularity() + " popularity, ";
                    String text = f.text().startsWith("No detectable") ? "n" + f.text().substring(1) : f.text();
                    out.finding(f.withText(where + text).where("threads", threads).where("read_pct", readPct).where("n_keys", slice.nKeys())
                            .where("popularity", slice.popularity()));
                });
            }
        }
    }

    /** Throughput of {@code c.a()} over {@code c.b()} at {@code threads} threads, in the headline slice, paired by round. */
    private static void ratio(ResultBuilder out, List<String> missing, Rows throughput, Slice slice, Comparison c, String id, int threads, int looks) {
        Optional<Rows.Row> a = cell(throughput, c.a(), c.readPct(), threads, slice);
        Optional<Rows.Row> b = cell(throughput, c.b(), c.readPct(), threads, slice);
        if (a.isEmpty() || b.isEmpty()) {
            missing.add(id + ": needs " + c.a().id() + " and " + c.b().id() + " at " + threads + " threads, " + c.readPct() + "% reads, "
                    + slice.nKeys() + " keys, " + slice.popularity());
            return;
        }
        Finding f = Finding.ratio(id, c.a().label(), c.b().label(), Finding.Quantity.THROUGHPUT,
                a.get().measured().ratioTo(b.get().measured(), looks), Finding.Basis.TIMING);
        String where = "At " + threads + (threads == 1 ? " thread, " : " threads, ") + c.readPct() + "% reads, " + slice.nKeys() + " keys, "
                + slice.popularity() + " popularity, ";
        String text = f.text().startsWith("No detectable") ? "n" + f.text().substring(1) : f.text();
        out.finding(f.withText(where + text)
                .where("threads", threads).where("read_pct", c.readPct()).where("n_keys", slice.nKeys())
                .where("popularity", slice.popularity()));
    }
}
