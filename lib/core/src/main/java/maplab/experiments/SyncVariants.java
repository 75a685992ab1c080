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
import maplab.chart.Charts;
import maplab.experiment.Experiment;
import maplab.experiment.ParamSpec;
import maplab.experiment.Params;
import maplab.experiment.RunContext;
import maplab.experiment.RunData;
import maplab.measure.Effort;
import maplab.measure.Jmh;
import maplab.measure.JmhScore;
import maplab.progress.Progress;
import maplab.result.Finding;
import maplab.result.Measured;
import maplab.result.ResultBuilder;
import maplab.result.Rows;
import maplab.result.TidyTables;
import maplab.result.Unit;
import maplab.subject.concurrent.SharedMapType;
import maplab.subject.user.UserSubject;
import maplab.workload.Popularity;
import org.knowm.xchart.XYChart;

import static maplab.subject.concurrent.SharedMapType.CONCURRENT_HASH_MAP;
import static maplab.subject.concurrent.SharedMapType.COPY_ON_WRITE;
import static maplab.subject.concurrent.SharedMapType.HASHMAP;
import static maplab.subject.concurrent.SharedMapType.RW_LOCK;
import static maplab.subject.concurrent.SharedMapType.SHARDED;
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
 * <p>Coverage {@code all} measures every chosen subject at every read share (full profile).
 * Coverage {@code headline} (quick profile) measures at each read share only the subjects its
 * findings compare, plus the one-thread {@code HashMap} baseline when one thread is measured:
 * see {@link #headlineSubjects}.
 */
public final class SyncVariants implements Experiment {

    static final String BENCH = "maplab.bench.SyncVariantsBench.operate";

    /** The JMH part: every batch shares its effort, so rounds alternate across all of them. */
    static final String PART = "throughput";

    /**
     * Quick: 9 cells (4 subjects at 95% reads, 2 at 100%, 3 at 50%; 4 threads; 65536 keys;
     * uniform), 5 forks each (t(0.995, 4) = 4.60, where 4 forks give 5.84), short iterations:
     * 45 fork JVMs of about 0.5 s start-up and set-up plus 0.29 s of iterations, about 36 s.
     * Two 70 ms warm-up iterations: a 50 ms one was still partly interpreted on a loaded machine
     * (2.8 ops/us, then 61, then about 95 measured).
     */
    static final Effort QUICK_EFFORT = new Effort(5, 2, 70, 3, 50);

    /**
     * Full: 264 cells (8 subjects x 4 thread counts + the HashMap baseline, x 4 read shares, x 2
     * key counts; uniform popularity) x 6 forks of 2x100 ms warm-up and 3x70 ms measured: the
     * same 1584 fork JVMs as the first reference (528 cells x 3 forks, 55 min), each about 1.2 s
     * shorter, about 24 min on a quiet machine. Six forks in rounds give a fork-to-fork interval
     * (t(0.995, 5) = 4.03) paired by round; three back-to-back forks gave neither. Zipf
     * popularity is left out by default (--set popularities=uniform,zipf adds it): in the first
     * reference, Zipf over uniform at 65536 keys was a median 1.06x per cell (typical size of
     * the change 1.16x, that reference's noise), while 1024 over 65536 keys was a median 2.0x.
     * Sequential: the cells of a finding whose verdict is still open after 6 forks get more
     * rounds, up to 10 (Bonferroni over the 5 looks, see {@link Jmh#upTo}).
     */
    static final Effort FULL_EFFORT = new Effort(6, 10, 2, 100, 3, 70);

    @Override public String id() { return "sync-variants"; }

    @Override public String summary() {
        return "synchronized and concurrent maps compared: throughput by read share, threads, key count and popularity";
    }

    @Override
    public List<ParamSpec> params() {
        String all = String.join(",", SharedMapType.ids());
        return List.of(
                ParamSpec.choices("subjects", SharedMapType.ids(), all, all, "maps compared"),
                ParamSpec.choice("coverage", List.of("headline", "all"), "headline", "all",
                        "headline: at each read share only the subjects its findings compare; all: every subject everywhere"),
                ParamSpec.integers("read_pcts", 0, 100, "100,95,50", "100,95,50,0", "shares of reads (%)"),
                ParamSpec.integers("threads", 1, 256, "4", "1,2,4,8", "thread counts (JMH -t)"),
                ParamSpec.integer("finding_threads", 1, 256, 4, 4,
                        "thread count the findings compare at (the same in every profile, so a finding id means one comparison)"),
                ParamSpec.integers("n_keys", 16, 1 << 24, "65536", "1024,65536",
                        "keys in the map (small: fits a core's cache; large: does not); findings use the largest"),
                ParamSpec.choices("popularities", Popularity.ids(), "uniform", "uniform",
                        "key popularity (zipf: --set popularities=uniform,zipf); findings use uniform"),
                ParamSpec.userSubjects("user_shared_maps", "your own concurrent maps (SharedMap), timed in every batch beside the subjects after the map"
                        + " contract and a short concurrent check hold", maplab.subject.concurrent.SharedMap.class),
                ParamSpec.effort(PART, QUICK_EFFORT, FULL_EFFORT,
                        "JMH effort of every throughput cell (all JMH runs alternate in rounds, one fork each)"));
    }

    /** One JMH run: a read share, a thread count, the subjects measured there. */
    record Batch(int readPct, int threads, List<SharedMapType> subjects) { }

    /** A finding's comparison: throughput of {@code a} over {@code b} at {@code readPct}% reads. */
    record Comparison(String id, SharedMapType a, SharedMapType b, int readPct) { }

    /** The findings, in report order. */
    static final List<Comparison> COMPARISONS = List.of(
            new Comparison("chm_vs_synchronized_read95", CONCURRENT_HASH_MAP, SYNCHRONIZED_MAP, 95),
            new Comparison("rwlock_vs_synchronized_read95", RW_LOCK, SYNCHRONIZED_MAP, 95),
            new Comparison("stamped_vs_rwlock_read95", STAMPED_LOCK, RW_LOCK, 95),
            new Comparison("cow_vs_chm_read100", COPY_ON_WRITE, CONCURRENT_HASH_MAP, 100),
            new Comparison("cow_vs_chm_read50", COPY_ON_WRITE, CONCURRENT_HASH_MAP, 50),
            new Comparison("sharded_vs_chm_read50", SHARDED, CONCURRENT_HASH_MAP, 50));

    /** At each read share, the subjects its findings compare; the HashMap baseline is added at one thread. */
    static Set<SharedMapType> headlineSubjects(int readPct) {
        Set<SharedMapType> out = EnumSet.noneOf(SharedMapType.class);
        for (Comparison c : COMPARISONS) {
            if (c.readPct() == readPct) {
                out.add(c.a());
                out.add(c.b());
            }
        }
        // 0% reads has no finding: the write-only contrast of one lock, striped locks and ConcurrentHashMap
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
        if (plan(p).isEmpty()) {
            throw new IllegalArgumentException("parameter 'subjects': nothing to measure: " + p.getStrings("subjects")
                    + " at threads " + p.getInts("threads") + " (HashMap is measured at 1 thread only); allowed: include a thread-safe subject or thread count 1");
        }
    }

    // ------------------------------------------------------------------ measure

    @Override
    public void measure(RunContext ctx) {
        Params p = ctx.params();
        List<Integer> nKeys = p.getInts("n_keys");
        List<String> popularities = p.getStrings("popularities");
        long seed = ctx.seed("workload");
        ResultBuilder out = ctx.result();

        int cores = Runtime.getRuntime().availableProcessors();
        out.note("logical_cores", cores);
        out.row().measure("logical_cores", cores, Unit.COUNT);

        List<Batch> plan = plan(p);
        List<Map<String, Object>> runOrder = Collections.synchronizedList(new ArrayList<>());
        List<Jmh> jmh = new ArrayList<>();
        int maxThreads = plan.stream().mapToInt(Batch::threads).max().orElse(1);
        String keys = String.valueOf(nKeys.stream().max(Integer::compare).orElseThrow());
        String popularity = popularities.contains("uniform") ? "uniform" : popularities.get(0);
        List<String> users = p.getStrings("user_shared_maps");
        for (Batch b : plan) {
            List<String> subjectIds = new ArrayList<>(b.subjects().stream().map(SharedMapType::id).toList());
            subjectIds.addAll(users);   // a user's shared map claims to be thread safe: timed in every batch
            int cellsPerRun = subjectIds.size() * nKeys.size() * popularities.size();
            Jmh run = ctx.jmh(BENCH, PART)
                    .param("subject", subjectIds)
                    .param("readPct", String.valueOf(b.readPct()))
                    .param("keys", nKeys)
                    .param("popularity", popularities)
                    .param("seed", String.valueOf(seed))
                    .threads(b.threads())
                    .profiler("gc")
                    .progress(new RunClock(ctx.progress(), b, cellsPerRun, runOrder));
            // a sequential effort adds rounds only to the cells of the findings' comparisons (the headline slice)
            if (b.threads() == p.getInt("finding_threads") || b.threads() == maxThreads) {
                for (Comparison c : COMPARISONS) {
                    if (c.readPct() != b.readPct() || !b.subjects().contains(c.a()) || !b.subjects().contains(c.b())) continue;
                    run.compare(Map.of("subject", c.a().id(), "keys", keys, "popularity", popularity),
                            Map.of("subject", c.b().id(), "keys", keys, "popularity", popularity));
                }
            }
            if ((b.threads() == p.getInt("finding_threads") || b.threads() == maxThreads) && b.subjects().contains(CONCURRENT_HASH_MAP)) {
                for (String user : users) {
                    run.compare(Map.of("subject", user, "keys", keys, "popularity", popularity),
                            Map.of("subject", CONCURRENT_HASH_MAP.id(), "keys", keys, "popularity", popularity));
                }
            }
            jmh.add(run);
        }
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
    }

    private static ResultBuilder.Row cell(ResultBuilder out, String subject, Batch b, JmhScore s) {
        return out.row().with("subject", subject).with("read_pct", b.readPct()).with("threads", b.threads())
                .with("n_keys", Integer.parseInt(s.param("keys"))).with("popularity", s.param("popularity"));
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
        Optional<Slice> headline = Slice.headline(throughput);
        if (headline.isEmpty()) return;
        Slice slice = headline.get();
        Rows alloc = data.rows().metric("alloc_per_op");
        // the logical core count measure recorded (absent from runs made before it was a row)
        Integer cores = data.rows().metric("logical_cores").first().map(r -> (int) Math.round(r.value())).orElse(null);

        charts(out, throughput, slice);
        tables(out, throughput, alloc, slice, cores);
        findings(out, throughput, slice, data.params().getInt("finding_threads"), data.params().getEffort(PART).looks(), cores);
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
        for (Comparison c : COMPARISONS) ratio(out, missing, throughput, slice, c, c.id(), findingThreads, looks);
        int maxThreads = ints(throughput, "threads").stream().max(Integer::compare).orElse(1);
        if (maxThreads > findingThreads) {
            for (Comparison c : COMPARISONS) ratio(out, missing, throughput, slice, c, c.id() + "_t" + maxThreads, maxThreads, looks);
        }
        userRatios(out, throughput, slice, findingThreads, looks);
        if (!missing.isEmpty()) out.note("findings_not_computed", missing);

        if (cores == null) return;
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
                Finding f = Finding.ratio(UserSubject.findingName(user) + "_vs_concurrent_hash_map_read" + readPct, UserSubject.label(user),
                        CONCURRENT_HASH_MAP.label(), Finding.Quantity.THROUGHPUT, a.one().measured().ratioTo(b.get().measured(), looks), Finding.Basis.TIMING);
                String where = "At " + threads + (threads == 1 ? " thread, " : " threads, ") + readPct + "% reads, " + slice.nKeys() + " keys, "
                        + slice.popularity() + " popularity, ";
                String text = f.text().startsWith("No detectable") ? "n" + f.text().substring(1) : f.text();
                out.finding(f.withText(where + text).where("threads", threads).where("read_pct", readPct).where("n_keys", slice.nKeys())
                        .where("popularity", slice.popularity()));
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
