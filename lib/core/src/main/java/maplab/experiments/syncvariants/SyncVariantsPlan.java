package maplab.experiments.syncvariants;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.measure.Contention;
import maplab.measure.Jmh;
import maplab.plan.Unit;
import maplab.subject.concurrent.SharedMapType;
import maplab.subject.user.UserSubject;
import maplab.workload.Popularity;
import maplab.experiments.RunContext;
import static maplab.subject.concurrent.SharedMapType.CONCURRENT_HASH_MAP;
import static maplab.subject.concurrent.SharedMapType.COPY_ON_WRITE;
import static maplab.subject.concurrent.SharedMapType.HASHMAP;
import static maplab.subject.concurrent.SharedMapType.RW_LOCK;
import static maplab.subject.concurrent.SharedMapType.SHARDED;
import static maplab.subject.concurrent.SharedMapType.SINGLE_WRITER;
import static maplab.subject.concurrent.SharedMapType.STAMPED_LOCK;
import static maplab.subject.concurrent.SharedMapType.SYNCHRONIZED_MAP;
import static maplab.experiments.syncvariants.SyncVariants.BENCH;
import static maplab.experiments.syncvariants.SyncVariants.FINDING_PERCENTILES;
import static maplab.experiments.syncvariants.SyncVariants.LATENCY_PART;
import static maplab.experiments.syncvariants.SyncVariants.PART;
import static maplab.experiments.syncvariants.SyncVariants.PERCENTILES;
import static maplab.experiments.syncvariants.SyncVariantsLatencyConclude.percentileToken;
import static maplab.experiments.syncvariants.SyncVariantsMeasure.TOP_FRAMES;
import static maplab.experiments.syncvariants.SyncVariantsMeasure.cellDims;
import static maplab.experiments.syncvariants.SyncVariantsMeasure.latencyRuns;

/**
 * sync-variants' plan ({@link SyncVariants#plan}): the JMH runs (batches) for the parameters, the
 * findings' comparisons and the subjects each batch times, the latency cells, every row measure
 * writes and the findings conclude gives for them.
 */
final class SyncVariantsPlan {

    private SyncVariantsPlan() { }

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
            new Comparison("sharded_vs_synchronized_read50", SHARDED, SYNCHRONIZED_MAP, 50),
            new Comparison("chm_vs_synchronized_read0", CONCURRENT_HASH_MAP, SYNCHRONIZED_MAP, 0),
            new Comparison("single_writer_vs_chm_read95", SINGLE_WRITER, CONCURRENT_HASH_MAP, 95)), peerComparisons()).toList();

    /** {@code <peer>_vs_chm_read95} and {@code _read50} for every peer library's map: read-mostly and write-heavy. */
    static Stream<Comparison> peerComparisons() {
        return Stream.of(SharedMapType.values()).filter(SharedMapType::isPeer).flatMap(t -> Stream.of(
                new Comparison(t.id() + "_vs_chm_read95", t, CONCURRENT_HASH_MAP, 95),
                new Comparison(t.id() + "_vs_chm_read50", t, CONCURRENT_HASH_MAP, 50)));
    }

    /** {@code ids} (comma-separated) followed by the peer libraries' maps. */
    static String withPeers(String ids) {
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

    /** The cells of one JMH run of a batch: subjects (users' shared maps too) x key counts x popularities. */
    static int cellsPerRun(Params p, Batch b) {
        return (b.subjects().size() + p.getStrings("user_shared_maps").size()) * p.getInts("n_keys").size() * p.getStrings("popularities").size();
    }

    /** Whether batch {@code b} compares the users' shared maps with ConcurrentHashMap: at finding_threads or the most threads, with ConcurrentHashMap in it. */
    static boolean usersCompared(Params p, List<Batch> plan, Batch b) {
        int maxThreads = plan.stream().mapToInt(Batch::threads).max().orElse(1);
        return !p.getStrings("user_shared_maps").isEmpty() && (b.threads() == p.getInt("finding_threads") || b.threads() == maxThreads)
                && b.subjects().contains(CONCURRENT_HASH_MAP);
    }

    /** The findings' comparisons measured in batch {@code b}: at finding_threads or the most threads, both subjects in the batch. */
    static List<Comparison> comparedIn(Params p, List<Batch> plan, Batch b) {
        int maxThreads = plan.stream().mapToInt(Batch::threads).max().orElse(1);
        if (b.threads() != p.getInt("finding_threads") && b.threads() != maxThreads) return List.of();
        return COMPARISONS.stream().filter(c -> c.readPct() == b.readPct() && b.subjects().contains(c.a()) && b.subjects().contains(c.b())).toList();
    }

    /** The largest key count: the latency cells' and the findings' (as JMH's parameter text). */
    static String headlineKeys(Params p) {
        return String.valueOf(p.getInts("n_keys").stream().max(Integer::compare).orElseThrow());
    }

    /** Uniform popularity when measured, else the first: the latency cells' and the findings'. */
    static String headlinePopularity(Params p) {
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
     * The throughput JMH run of batch {@code b} (of {@code plan}), as {@link SyncVariantsMeasure#measure} runs it
     * (with its run clock added) and {@link #plan(Plan.Builder)} states it: every subject at every
     * key count and popularity, JMH's gc profiler, and the findings' comparisons, to which a
     * sequential effort adds rounds.
     */
    static Jmh throughputRun(RunContext ctx, List<Batch> plan, Batch b) {
        Params p = ctx.params();
        String keys = headlineKeys(p);
        String popularity = Popularity.parse(headlinePopularity(p)).name();   // JMH's spelling of the constants, as the subjects' below
        Jmh run = ctx.jmh(BENCH, PART)
                .subjects("subject", b.subjects(), SharedMapType.USER, p.getStrings("user_shared_maps"))
                .param("readPct", String.valueOf(b.readPct()))
                .param("keys", p.getInts("n_keys"))
                .param("popularity", p.getStrings("popularities").stream().map(Popularity::parse).toList())
                .param("seed", String.valueOf(ctx.seed("workload")))
                .threads(b.threads())
                .profiler("gc");
        // a sequential effort adds rounds only to the cells of the findings' comparisons (the headline slice)
        for (Comparison c : comparedIn(p, plan, b)) {
            run.compare(Map.of("subject", c.a().name(), "keys", keys, "popularity", popularity),
                    Map.of("subject", c.b().name(), "keys", keys, "popularity", popularity));
        }
        if (usersCompared(p, plan, b)) {
            for (String user : p.getStrings("user_shared_maps")) {
                run.compare(Map.of(Jmh.USER_PARAM, user, "keys", keys, "popularity", popularity),
                        Map.of("subject", CONCURRENT_HASH_MAP.name(), "keys", keys, "popularity", popularity));
            }
        }
        return run;
    }

    /** Unit of the throughput cells ({@code SyncVariantsBench}: operations per microsecond). */
    private static final Unit THROUGHPUT_UNIT = Unit.ofJmh("ops/us");
    /** Unit of the blocked time per second, summed over threads. */
    static final Unit MS_PER_S = new Unit("ms/s", Unit.Direction.LOWER);

    /**
     * Rough seconds a latency fork takes beyond its iterations and {@link Plan#FORK_OVERHEAD_SECONDS}:
     * its JFR recording, and reading it back (the full reference: 48 latency forks in 126 s, 2.6 s each).
     */
    static final double JFR_SECONDS_PER_FORK = 0.9;

    /**
     * The plan: the throughput runs of {@link #plan(Params)} (each built by {@link #throughputRun}),
     * the latency runs of {@link SyncVariantsMeasure#latencyRuns} with a JFR recording per fork, every row they write
     * (the top contended frames optional: a cell may have no wait over the threshold), and the
     * findings conclude gives for them.
     */
    static void plan(Plan.Builder plan, RunContext context) {
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
            if (c.subject() == SHARDED && cells.contains(new LatencyCell(SYNCHRONIZED_MAP, c.readPct()))) plan.finding(blockedShardedId(c.readPct()));
            if (c.subject() == CONCURRENT_HASH_MAP || !cells.contains(new LatencyCell(CONCURRENT_HASH_MAP, c.readPct()))) continue;
            plan.finding(blockedVersusId(c.subject(), c.readPct()));
            for (String pct : FINDING_PERCENTILES) plan.finding(latencyRatioId(pct, c.subject(), c.readPct()));
        }
    }

    static String allocationId(SharedMapType t, int read) {
        return "alloc_per_op_" + t.id() + "_read" + read;
    }

    static String userRatioId(String user, int read) {
        return UserSubject.findingName(user) + "_vs_concurrent_hash_map_read" + read;
    }

    static String blockedPerOpId(SharedMapType t, int read) {
        return "blocked_per_op_" + t.id() + "_read" + read;
    }

    /** The sharded map's blocked time against one lock's (synchronizedMap) at {@code read}% reads. */
    static String blockedShardedId(int read) {
        return "blocked_sharded_vs_synchronized_read" + read;
    }

    static String blockedVersusId(SharedMapType t, int read) {
        return "blocked_" + t.id() + "_vs_chm_read" + read;
    }

    static String latencyRatioId(String percentile, SharedMapType t, int read) {
        return "latency_" + percentileToken(percentile) + "_" + t.id() + "_vs_chm_read" + read;
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
}
