package maplab.experiments;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import maplab.chart.Charts;
import maplab.experiment.Experiment;
import maplab.experiment.ParamSpec;
import maplab.experiment.Params;
import maplab.experiment.Profile;
import maplab.experiment.RunContext;
import maplab.measure.Jmh;
import maplab.measure.JmhScore;
import maplab.result.Finding;
import maplab.result.ResultBuilder;
import maplab.result.TidyTables;
import maplab.result.Unit;
import maplab.subject.concurrent.SharedMapType;
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
 * sync-variants: synchronized and concurrent maps compared. JMH throughput (with 99.9%
 * confidence intervals) and allocation per operation ({@code -prof gc}) of every
 * {@link SharedMapType} over read share x threads x key count x key popularity, one JMH run
 * per (read share, thread count) with JMH's thread option. Plain {@code HashMap} is measured
 * at one thread only (the baseline; shared, it would be a data race).
 *
 * <p>Coverage {@code all} measures every subject at every read share (full profile: the whole
 * matrix). Coverage {@code headline} (quick profile) measures at each read share only the
 * subjects its findings compare, plus the one-thread baseline: see {@link #headlineSubjects}.
 * Findings are taken at the highest thread count both subjects were measured at, in the
 * headline slice (the largest key count, uniform popularity when measured).
 */
public final class SyncVariants implements Experiment {

    static final String BENCH = "maplab.bench.SyncVariantsBench.operate";

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
                ParamSpec.integers("threads", 1, 256, "1,2,4", "1,2,4,8", "thread counts (JMH -t)"),
                ParamSpec.integers("n_keys", 16, 1 << 24, "65536", "1024,65536",
                        "keys in the map (small: fits a core's cache; large: does not)"),
                ParamSpec.choices("popularities", Popularity.ids(), "uniform", "uniform,zipf", "key popularity"));
    }

    /** One JMH run: a read share, a thread count, the subjects measured there. */
    record Batch(int readPct, int threads, List<SharedMapType> subjects) { }

    /** One measured cell of the matrix. */
    record Cell(SharedMapType subject, int readPct, int threads, int nKeys, String popularity) { }

    /** At each read share, the subjects its findings (and the performance note) compare; the HashMap baseline is added at one thread. */
    static Set<SharedMapType> headlineSubjects(int readPct) {
        return switch (readPct) {
            case 100 -> EnumSet.of(CONCURRENT_HASH_MAP, COPY_ON_WRITE);
            case 95 -> EnumSet.of(SYNCHRONIZED_MAP, RW_LOCK, STAMPED_LOCK, CONCURRENT_HASH_MAP);
            case 50 -> EnumSet.of(SYNCHRONIZED_MAP, CONCURRENT_HASH_MAP, SHARDED, COPY_ON_WRITE);
            default -> EnumSet.of(SYNCHRONIZED_MAP, CONCURRENT_HASH_MAP, SHARDED);
        };
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

    /**
     * JMH settings per profile. Quick: 1 fork, 5 short measured iterations rather than 3 longer
     * ones (with 3, a 99.9% interval is about 18 standard errors wide; with 5 about 4). Full: 3
     * forks of 3x200 ms warm-up and 5x200 ms measured. The full matrix has 528 cells, so at JMH's
     * usual 5x1 s the run would take about 5 hours on two cores (2.5 at 5x500 ms, beyond the
     * report's two-hour cell limit); fork-to-fork spread, which 3 forks capture, is the larger
     * error term for these maps, not the length of one iteration.
     */
    static Jmh.Settings settings(Profile profile) {
        return profile == Profile.FULL
                ? Jmh.Settings.forProfile(Profile.FULL).withWarmup(3, 200).withMeasurement(5, 200)
                : Jmh.Settings.forProfile(Profile.QUICK).withWarmup(2, 100).withMeasurement(5, 100);
    }

    @Override
    public void measure(RunContext ctx) {
        Params p = ctx.params();
        List<Integer> nKeys = p.getInts("n_keys");
        List<String> popularities = p.getStrings("popularities");
        long seed = ctx.seed("workload");
        ResultBuilder out = ctx.result();
        Jmh.Settings settings = settings(ctx.profile());

        int cores = Runtime.getRuntime().availableProcessors();
        out.note("logical_cores", cores);
        Map<Cell, JmhScore> scores = new LinkedHashMap<>();
        for (Batch b : plan(p)) {
            List<JmhScore> got = ctx.jmh(BENCH)
                    .param("subject", b.subjects().stream().map(SharedMapType::id).toList())
                    .param("readPct", String.valueOf(b.readPct()))
                    .param("keys", nKeys)
                    .param("popularity", popularities)
                    .param("seed", String.valueOf(seed))
                    .threads(b.threads())
                    .profiler("gc")
                    .settings(settings)
                    .run();
            for (JmhScore s : got) {
                Cell c = new Cell(SharedMapType.parse(s.param("subject")), b.readPct(), b.threads(),
                        Integer.parseInt(s.param("keys")), s.param("popularity"));
                scores.put(c, s);
                record(out, c, s);
            }
        }

        int headlineKeys = nKeys.stream().max(Integer::compare).orElseThrow();
        String headlinePopularity = popularities.contains("uniform") ? "uniform" : popularities.get(0);
        charts(out, scores, headlineKeys, headlinePopularity);
        tables(out, scores, headlineKeys, headlinePopularity, cores);
        findings(out, scores, headlineKeys, headlinePopularity, cores);
    }

    private static void record(ResultBuilder out, Cell c, JmhScore s) {
        out.row().with("subject", c.subject().id()).with("read_pct", c.readPct()).with("threads", c.threads())
                .with("n_keys", c.nKeys()).with("popularity", c.popularity())
                .measure("throughput", s.score(), s.error(), Unit.ofJmh(s.unit()));
        maplab.result.Measured alloc = s.secondary("gc.alloc.rate.norm");
        out.row().with("subject", c.subject().id()).with("read_pct", c.readPct()).with("threads", c.threads())
                .with("n_keys", c.nKeys()).with("popularity", c.popularity())
                .measure("alloc_per_op", alloc.value(), alloc.error(), Unit.BYTES_PER_OP);
    }

    /** The chart name for a read share: plain for the headline slice, with the slice otherwise. */
    public static String chartName(int readPct, int nKeys, String popularity, boolean headline) {
        return "throughput, " + readPct + "% reads" + (headline ? "" : ", " + nKeys + " keys, " + popularity);
    }

    private static void charts(ResultBuilder out, Map<Cell, JmhScore> scores, int headlineKeys, String headlinePopularity) {
        Map<String, List<Cell>> bySlice = new LinkedHashMap<>();
        for (Cell c : scores.keySet()) {
            boolean headline = c.nKeys() == headlineKeys && c.popularity().equals(headlinePopularity);
            bySlice.computeIfAbsent(chartName(c.readPct(), c.nKeys(), c.popularity(), headline), k -> new ArrayList<>()).add(c);
        }
        bySlice.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, List<Cell>> e) -> -e.getValue().get(0).readPct()))
                .forEach(e -> {
                    Cell any = e.getValue().get(0);
                    String unit = scores.get(any).unit();
                    XYChart chart = Charts.xy("Throughput, " + any.readPct() + "% reads (" + any.nKeys() + " keys, "
                            + any.popularity() + "; JMH, 99.9% CI)", "threads", "throughput (" + unit + ")");
                    chart.setCustomXAxisTickLabelsFormatter(x -> Math.abs(x - Math.rint(x)) < 1e-9 ? String.valueOf(Math.round(x)) : "");
                    for (SharedMapType t : SharedMapType.values()) {
                        List<Cell> line = e.getValue().stream().filter(c -> c.subject() == t)
                                .sorted(Comparator.comparingInt(Cell::threads)).toList();
                        if (line.isEmpty()) continue;
                        Charts.series(chart, t.label(), line.stream().map(Cell::threads).toList(),
                                line.stream().map(c -> scores.get(c).score()).toList(),
                                line.stream().map(c -> finiteOrZero(scores.get(c).error())).toList());
                    }
                    out.chart(e.getKey(), chart);
                });
    }

    private static void tables(ResultBuilder out, Map<Cell, JmhScore> scores, int headlineKeys, String headlinePopularity, int cores) {
        List<Integer> threadCounts = scores.keySet().stream().map(Cell::threads).distinct().sorted().toList();
        List<Map<String, Object>> throughput = new ArrayList<>();
        List<Map<String, Object>> allocation = new ArrayList<>();
        List<Integer> reads = scores.keySet().stream().map(Cell::readPct).distinct().sorted(Comparator.reverseOrder()).toList();
        for (int read : reads) {
            for (SharedMapType t : SharedMapType.values()) {
                Map<String, Object> tp = new LinkedHashMap<>();
                Map<String, Object> al = new LinkedHashMap<>();
                for (Map<String, Object> row : List.of(tp, al)) {
                    row.put("subject", t.label());
                    row.put("read_pct", read);
                }
                boolean any = false;
                for (int threads : threadCounts) {
                    JmhScore s = scores.get(new Cell(t, read, threads, headlineKeys, headlinePopularity));
                    if (s != null) any = true;
                    String suffix = threads + (threads == 1 ? " thread" : " threads");
                    tp.put("ops/us, " + suffix, s == null ? null : s.score());
                    tp.put("± " + suffix, s == null ? null : s.error());
                    al.put("B/op, " + suffix, s == null ? null : s.secondary("gc.alloc.rate.norm").value());
                }
                if (any) {
                    throughput.add(tp);
                    allocation.add(al);
                }
            }
        }
        out.table("throughput", TidyTables.fromRows("throughput", throughput));
        out.table("allocation per operation", TidyTables.fromRows("allocation per operation", allocation));

        List<Map<String, Object>> perCore = new ArrayList<>();
        for (int threads : threadCounts) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("threads", threads);
            row.put("logical_cores", cores);
            row.put("threads_per_core", (double) threads / cores);
            row.put("oversubscribed", threads > cores);
            perCore.add(row);
        }
        out.table("threads per core", TidyTables.fromRows("threads per core", perCore));
    }

    private static void findings(ResultBuilder out, Map<Cell, JmhScore> scores, int keys, String popularity, int cores) {
        List<String> missing = new ArrayList<>();
        ratio(out, missing, scores, keys, popularity, "chm_vs_synchronized_read95", CONCURRENT_HASH_MAP, SYNCHRONIZED_MAP, 95);
        ratio(out, missing, scores, keys, popularity, "rwlock_vs_synchronized_read95", RW_LOCK, SYNCHRONIZED_MAP, 95);
        ratio(out, missing, scores, keys, popularity, "cow_vs_chm_read100", COPY_ON_WRITE, CONCURRENT_HASH_MAP, 100);
        ratio(out, missing, scores, keys, popularity, "cow_vs_chm_read50", COPY_ON_WRITE, CONCURRENT_HASH_MAP, 50);
        ratio(out, missing, scores, keys, popularity, "sharded_vs_chm_read50", SHARDED, CONCURRENT_HASH_MAP, 50);
        ratio(out, missing, scores, keys, popularity, "stamped_vs_rwlock_read95", STAMPED_LOCK, RW_LOCK, 95);
        if (!missing.isEmpty()) out.note("findings_not_computed", missing);

        int maxThreads = scores.keySet().stream().mapToInt(Cell::threads).max().orElse(1);
        double perCore = (double) maxThreads / cores;
        String text = perCore > 1
                ? String.format(Locale.ROOT, "The highest thread count, %d, puts %%.2f threads on each of this machine's %d logical cores:"
                        + " every column above %d threads is oversubscribed, so threads take turns on a core (throughput cannot grow"
                        + " past the %d-thread column), and a thread descheduled while holding a lock makes every thread waiting for that lock wait"
                        + " for the scheduler too", maxThreads, cores, cores, cores)
                : String.format(Locale.ROOT, "The highest thread count, %d, puts %%.2f threads on each of this machine's %d logical cores:"
                        + " no column is oversubscribed, every thread can have a core of its own", maxThreads, cores);
        out.finding(Finding.of("max_threads_per_core", perCore, "threads/core", text));
    }

    /** Throughput of {@code a} over {@code b} at the highest thread count both were measured at. */
    private static void ratio(ResultBuilder out, List<String> missing, Map<Cell, JmhScore> scores, int keys, String popularity,
                              String id, SharedMapType a, SharedMapType b, int read) {
        int threads = scores.keySet().stream()
                .filter(c -> c.subject() == a && c.readPct() == read && c.nKeys() == keys && c.popularity().equals(popularity))
                .filter(c -> scores.containsKey(new Cell(b, read, c.threads(), keys, popularity)))
                .mapToInt(Cell::threads).max().orElse(-1);
        if (threads < 0) {
            missing.add(id + ": needs " + a.id() + " and " + b.id() + " at " + read + "% reads, " + keys + " keys, " + popularity);
            return;
        }
        JmhScore sa = scores.get(new Cell(a, read, threads, keys, popularity));
        JmhScore sb = scores.get(new Cell(b, read, threads, keys, popularity));
        out.finding(throughputRatio(id, a.label(), sa, b.label(), sb,
                threads + (threads == 1 ? " thread" : " threads") + ", " + read + "% reads, " + keys + " keys, " + popularity));
    }

    /** "At 4 threads, ...: A did 3.10x the operations per second of B (3.10x more; A 12.1 ± 0.4 ops/us, B 3.9 ± 0.2 ops/us)". */
    static Finding throughputRatio(String id, String a, JmhScore sa, String b, JmhScore sb, String where) {
        double ratio = sa.score() / sb.score();
        String direction = ratio >= 1 ? Finding.formatRatio(ratio) + " more" : Finding.formatRatio(1 / ratio) + " less";
        String times = ratio < 0.01 ? String.format(Locale.ROOT, "%.1ex", ratio) : Finding.formatRatio(ratio);
        String text = String.format(Locale.ROOT, "At %s, %s did %s the operations per second of %s (%s throughput; %s %s ± %s %s, %s %s ± %s %s)",
                where, a, times, b, direction,
                a, number(sa.score()), number(sa.error()), sa.unit(), b, number(sb.score()), number(sb.error()), sb.unit());
        return new Finding(id, ratio, "x", text);
    }

    private static String number(double v) {
        if (Double.isNaN(v)) return "?";
        double abs = Math.abs(v);
        return String.format(Locale.ROOT, abs >= 100 ? "%.0f" : abs >= 1 ? "%.2f" : "%.3g", v);
    }

    private static double finiteOrZero(double d) {
        return Double.isFinite(d) ? d : 0;
    }
}
