package maplab.experiments;

import maplab.conclude.ChartData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import maplab.chart.Charts;
import maplab.plan.ParamSpec;
import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.run.RunData;
import maplab.plan.Effort;
import maplab.measure.Jmh;
import maplab.measure.JmhScore;
import maplab.subject.jdk.TableLength;
import maplab.conclude.Finding;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.plan.Unit;
import maplab.subject.jdk.Capacity;
import maplab.subject.jdk.MapConstructor;
import maplab.workload.KeyOrder;
import org.openjdk.jmh.annotations.Mode;

/**
 * presize: what resizing costs against presizing. Inserts n keys into maps built by each
 * {@link MapConstructor} (HashMap, LinkedHashMap, ConcurrentHashMap, fastutil), counts table
 * resizes in process (table length read by reflection after every put), and times the whole
 * insertion with JMH single shots in forked JVMs (the constructors in {@code timed}), with
 * allocation per entry from JMH's GC profiler ({@code gc.alloc.rate.norm}).
 *
 * <p><b>Measure</b> writes rows only: per constructor {@code resizes} and
 * {@code final_table_length} (counts), {@code table_length} at each change (dimension
 * {@code entries}: entries inserted when the table had that length), and for the timed ones
 * {@code insert_time} and {@code alloc_per_entry} with their per-fork samples. <b>Conclude</b>
 * computes findings, the step chart and the bar charts from those rows.
 */
public final class Presize implements Experiment {

    static final String BENCH = "maplab.bench.PresizeBench.insert";

    @Override public String id() { return "presize"; }

    @Override public String summary() { return "resizing versus presizing: resizes, insert time and allocation per constructor"; }

    @Override
    public List<ParamSpec> params() {
        String all = String.join(",", MapConstructor.ids());
        return List.of(
                ParamSpec.integer("n", 1, 50_000_000, 1_000_000, 4_000_000, "keys inserted")
                        .smoke(100_000),
                ParamSpec.choices("constructors", MapConstructor.ids(), JDK_AND_FASTUTIL, all,
                        "map constructors compared (resizes counted for each; quick leaves out the peer libraries other than fastutil)"),
                ParamSpec.choices("timed", MapConstructor.ids(), "hashmap_default,hashmap_presized", all,
                        "constructors also timed with JMH (those also in 'constructors')"),
                ParamSpec.effort("insert", Effort.parseOrNull("4-8:1+3"), Effort.parseOrNull("5-10:1+2"),
                        "JMH effort of the timed inserts (single shots, one whole fill each, after a full GC)"));
    }

    // ================================================================ measure

    /** The plan's progress steps: one resize count per constructor, then one per timed constructor and fork. */
    @Override
    public int plannedSteps(maplab.plan.Params p) {
        List<MapConstructor> timed = timed(p);
        int sorted = sortsPresized(timed) ? 1 : 0;   // the sorted fill's run compares nothing: its first forks only
        return p.getStrings("constructors").size() + timed.size() * p.getEffort("insert").plannedForks(!comparedPairs(timed).isEmpty())
                + sorted * p.getEffort("insert").plannedForks(false);
    }

    /** True when the presized HashMap is timed: then it is also timed with sorted (ascending) keys, in the same rounds. */
    private static boolean sortsPresized(List<MapConstructor> timed) {
        return timed.contains(MapConstructor.HASHMAP_PRESIZED);
    }

    /** The constructors timed with JMH: those in 'timed' that are also in 'constructors'. */
    private static List<MapConstructor> timed(maplab.plan.Params p) {
        List<String> timedIds = p.getStrings("timed");
        return p.getStrings("constructors").stream().map(MapConstructor::parse).filter(c -> timedIds.contains(c.id())).toList();
    }

    /**
     * The plan: the resize count of every constructor (in process: resizes, final table length,
     * and the table length at the first put, at n and, observed, at each resize between), then
     * the timed constructors' single shots ({@link #insertRun}: insert time and allocation per
     * entry each), and the findings those rows give.
     */
    @Override
    public void plan(Plan.Builder plan, RunContext context) {
        Params p = plan.params();
        int n = p.getInt("n");
        List<MapConstructor> constructors = p.getStrings("constructors").stream().map(MapConstructor::parse).toList();
        List<MapConstructor> timed = timed(p);
        for (MapConstructor c : constructors) {
            plan.step("counting resizes: " + c.label(), 1, COUNT_SECONDS_PER_KEY * n);
            Map<String, Object> at = Plan.dims("subject", c.id(), "n_keys", n);
            Map<String, Object> resizesAt = new LinkedHashMap<>(at);
            if (c == MapConstructor.HASHMAP_PRESIZED) resizesAt.put("sized_by", Capacity.describe());
            plan.count(resizesAt, "resizes", Unit.COUNT);
            plan.count(at, "final_table_length", Unit.COUNT);
            plan.count(Plan.dims("subject", c.id(), "n_keys", n, "entries", 1), "table_length", Unit.COUNT);
            if (n > 1) plan.count(Plan.dims("subject", c.id(), "n_keys", n, "entries", n), "table_length", Unit.COUNT);
            if (n > 2) {
                plan.optional(true).varying("entries");   // the entries at which the table grew: as many as it resized (none when presized)
                plan.count(Plan.dims("subject", c.id(), "n_keys", n, "entries", n / 2 + 1), "table_length", Unit.COUNT);
                plan.optional(false).varying();
            }
        }
        if (!timed.isEmpty()) {
            for (Jmh run : insertRuns(context, timed, n, context.seed("keys"))) plan.jmh("insert", run, SHOT_SECONDS + SHOT_SECONDS_PER_KEY * n);
            for (MapConstructor c : timed) {
                plan.timed(Plan.dims("subject", c.id(), "n_keys", n), "insert_time", Unit.ofJmh("ms/op"));
                plan.timed(Plan.dims("subject", c.id(), "n_keys", n), "alloc_per_entry", Unit.BYTES_PER_ENTRY);
            }
            if (sortsPresized(timed)) plan.timed(sortedDims(n), SORTED_TIME, Unit.ofJmh("ms/op"));
        }
        plannedFindings(plan, constructors, timed);
    }

    /** Rough seconds per key of an in-process resize count (a put, then the table read by reflection). */
    private static final double COUNT_SECONDS_PER_KEY = 1e-7;
    /** Rough seconds of one timed shot: a full GC before it, then about 80 ns per key inserted (4M keys: 0.15 to 0.7 s). */
    private static final double SHOT_SECONDS = 0.05;
    private static final double SHOT_SECONDS_PER_KEY = 8e-8;

    /** The findings {@link #findings} gives for the rows of a plan with these constructors counted and timed. */
    private static void plannedFindings(Plan.Builder plan, List<MapConstructor> counted, List<MapConstructor> timed) {
        if (counted.contains(MapConstructor.HASHMAP_DEFAULT)) plan.finding("resizes_default");
        if (counted.contains(MapConstructor.HASHMAP_N)) plan.finding("resizes_new_hashmap_n");
        if (counted.contains(MapConstructor.HASHMAP_PRESIZED)) plan.finding("resizes_presized");
        if (timed.contains(MapConstructor.HASHMAP_DEFAULT) && timed.contains(MapConstructor.HASHMAP_PRESIZED)) {
            plan.finding("insert_default_vs_presized", "alloc_default_vs_presized");
        }
        if (sortsPresized(timed)) plan.note(SORTED_VS_RANDOM + " is concluded from this plan's rows but not promised: runs stored before it was measured (the references) leave it out");
        for (MapConstructor[] pair : PEER_PAIRS) {
            for (MapConstructor c : pair) if (counted.contains(c)) plan.finding("resizes_" + c.id());
            if (timed.contains(pair[0]) && timed.contains(pair[1])) plan.finding(peerRatioId(pair));
        }
    }

    /**
     * The JMH runs of the timed constructors, measured in alternating rounds: one single-shot fill
     * of n random keys each, with JMH's GC profiler, and, when the presized HashMap is timed, its
     * fill with the same keys in ascending order (a second run, so the ratio pairs by round).
     */
    private static List<Jmh> insertRuns(RunContext ctx, List<MapConstructor> timed, int n, long keySeed) {
        Jmh random = fillRun(ctx, timed, KeyOrder.RANDOM, n, keySeed);
        if (!sortsPresized(timed)) return List.of(random);
        return List.of(random, fillRun(ctx, List.of(MapConstructor.HASHMAP_PRESIZED), KeyOrder.ASCENDING, n, keySeed));
    }

    /** One fill run, with the findings' comparisons among its constructors (to which a sequential effort adds rounds). */
    private static Jmh fillRun(RunContext ctx, List<MapConstructor> constructors, KeyOrder order, int n, long keySeed) {
        Jmh run = ctx.jmh(BENCH, "insert")
                .param("constructor", constructors)
                .param("order", order)
                .param("n", String.valueOf(n))
                .param("seed", String.valueOf(keySeed))
                .mode(Mode.SingleShotTime)
                .profiler("gc");
        for (MapConstructor[] pair : comparedPairs(constructors)) run.compare(Map.of("constructor", pair[0].name()), Map.of("constructor", pair[1].name()));
        return run;
    }

    /**
     * The constructor pairs a time ratio compares, both among {@code constructors}: the default
     * HashMap against the presized one, each peer library's default against its constructor given n.
     */
    static List<MapConstructor[]> comparedPairs(List<MapConstructor> constructors) {
        List<MapConstructor[]> pairs = new java.util.ArrayList<>();
        pairs.add(new MapConstructor[] {MapConstructor.HASHMAP_DEFAULT, MapConstructor.HASHMAP_PRESIZED});
        pairs.addAll(PEER_PAIRS);
        return pairs.stream().filter(pair -> constructors.contains(pair[0]) && constructors.contains(pair[1])).toList();
    }

    /** The metric of the presized HashMap's fill with ascending keys (insert_time's rows are all random keys). */
    static final String SORTED_TIME = "insert_time_sorted_keys";
    static final String SORTED_VS_RANDOM = "presized_sorted_vs_presized_random";

    private static Map<String, Object> sortedDims(int n) {
        return Plan.dims("subject", MapConstructor.HASHMAP_PRESIZED.id(), "n_keys", n, "key_order", KeyOrder.ASCENDING.label());
    }

    @Override
    public void measure(RunContext ctx) {
        int n = ctx.params().getInt("n");
        List<MapConstructor> constructors = ctx.params().getStrings("constructors").stream().map(MapConstructor::parse).toList();
        List<MapConstructor> timed = timed(ctx.params());
        long keySeed = ctx.seed("keys");
        int[] keys = KeyOrder.RANDOM.intKeys(n, keySeed);
        ResultBuilder out = ctx.result();
        out.note("capacity_helper", Capacity.describe());

        if (ctx.shard().first()) countResizes(ctx, constructors, n, keys);
        if (timed.isEmpty()) return;

        List<List<JmhScore>> runs = Jmh.inRounds(insertRuns(ctx, timed, n, keySeed), ctx.random("run-order"));
        for (JmhScore s : runs.get(0)) {
            MapConstructor c = s.param("constructor", MapConstructor.class);
            out.row().with("subject", c.id()).with("n_keys", n).measure("insert_time", s.measured(), Unit.ofJmh(s.unit()));
            out.row().with("subject", c.id()).with("n_keys", n).measure("alloc_per_entry", s.secondary("gc.alloc.rate.norm").scaled(1.0 / n), Unit.BYTES_PER_ENTRY);
        }
        if (runs.size() > 1) {
            ResultBuilder.Row row = out.row();
            sortedDims(n).forEach(row::with);
            row.measure(SORTED_TIME, runs.get(1).get(0).measured(), Unit.ofJmh(runs.get(1).get(0).unit()));
        }
    }

    /**
     * The in-process part: each constructor's resizes, final table length and table length at
     * each change (not JMH rounds, so measured once when a run is split into shards).
     */
    private static void countResizes(RunContext ctx, List<MapConstructor> constructors, int n, int[] keys) {
        ResultBuilder out = ctx.result();
        ctx.progress().addSteps(constructors.size());
        for (MapConstructor c : constructors) {
            ctx.progress().step("counting resizes: " + c.label());
            List<Integer> xs = new ArrayList<>();
            List<Integer> ys = new ArrayList<>();
            int count = countResizes(c, keys, xs, ys);
            ResultBuilder.Row row = out.row().with("subject", c.id()).with("n_keys", n);
            // how presized maps were sized depends on the measuring JDK: stored, so concluding elsewhere says the same
            if (c == MapConstructor.HASHMAP_PRESIZED) row.with("sized_by", Capacity.describe());
            row.measure("resizes", count, Unit.COUNT);
            out.row().with("subject", c.id()).with("n_keys", n).measure("final_table_length", ys.get(ys.size() - 1), Unit.COUNT);
            for (int i = 0; i < xs.size(); i++) {
                out.row().with("subject", c.id()).with("n_keys", n).with("entries", xs.get(i)).measure("table_length", ys.get(i), Unit.COUNT);
            }
        }
    }

    /**
     * Inserts {@code keys} and records (entries, table length) after the first put and at
     * every table change; returns the resizes (changes of an allocated table).
     */
    static int countResizes(MapConstructor c, int[] keys, List<Integer> xs, List<Integer> ys) {
        java.util.Map<Integer, Integer> map = c.create(keys.length);
        int length = TableLength.of(map); // 0 while the table is allocated lazily
        int resizes = 0;
        for (int i = 0; i < keys.length; i++) {
            map.put(keys[i], i);
            int now = TableLength.of(map);
            if (now != length || i == 0) {
                if (length != 0 && now != length) resizes++;
                xs.add(i + 1);
                ys.add(now);
                length = now;
            }
        }
        if (xs.get(xs.size() - 1) != keys.length) {   // the length at n, unless the last change was at the n-th put (one row per entries)
            xs.add(keys.length);
            ys.add(length);
        }
        return resizes;
    }

    // ================================================================ conclude

    @Override
    public void conclude(RunData data, ResultBuilder out) {
        Rows rows = data.rows();
        List<MapConstructor> counted = rows.metric("resizes").distinct("subject").stream().map(MapConstructor::parse).toList();

        Rows steps = rows.metric("table_length");
        if (!steps.isEmpty()) {
            ChartData.Builder chart = ChartData.lines("Table length as entries are inserted (n = " + steps.list().get(0).str("n_keys") + ")",
                    "entries inserted", "table length (buckets)");
            chart.logX(true);
            chart.logY(true);
            chart.markerSize(0);
            for (MapConstructor c : counted) {
                Rows mine = steps.where("subject", c.id());
                if (mine.isEmpty()) continue;
                chart.series(c.label(), mine.list().stream().map(r -> r.integer("entries")).toList(),
                        mine.list().stream().map(Rows.Row::value).toList(), null, ChartData.Mark.STEPS);
            }
            out.chart("table length", chart);
        }

        Rows time = rows.metric("insert_time");
        Rows alloc = rows.metric("alloc_per_entry");
        if (!time.isEmpty()) {
            List<MapConstructor> timed = time.distinct("subject").stream().map(MapConstructor::parse).toList();
            List<String> labels = timed.stream().map(MapConstructor::label).toList();
            String n = time.list().get(0).str("n_keys");
            ChartData.Builder t = ChartData.bars("Inserting " + n + " keys (JMH single shots, " + Finding.confidenceLabel() + " interval over forks)",
                    "constructor", "time (" + time.list().get(0).str("unit") + ")");
            t.yMin(0.0);
            List<String> barLabels = new ArrayList<>(labels);
            List<Double> values = new ArrayList<>(timed.stream().map(c -> time.where("subject", c.id()).one().value()).toList());
            List<Double> errors = new ArrayList<>(timed.stream().map(c -> time.where("subject", c.id()).one().error()).toList());
            rows.metric(SORTED_TIME).first().ifPresent(sorted -> {
                barLabels.add(MapConstructor.HASHMAP_PRESIZED.label() + ", sorted keys");
                values.add(sorted.value());
                errors.add(sorted.error());
            });
            t.bars("insert time", barLabels, values, errors);
            out.chart("insert time", t);
            List<MapConstructor> allocated = timed.stream().filter(c -> !alloc.where("subject", c.id()).isEmpty()).toList();
            if (!allocated.isEmpty()) {
                ChartData.Builder a = ChartData.bars("Bytes allocated per entry inserted (JMH -prof gc, " + Finding.confidenceLabel() + " interval over forks)",
                        "constructor", "allocation (B/entry)");
                a.yMin(0.0);
                a.bars("allocation", allocated.stream().map(MapConstructor::label).toList(),
                        allocated.stream().map(c -> alloc.where("subject", c.id()).one().value()).toList(),
                        allocated.stream().map(c -> alloc.where("subject", c.id()).one().error()).toList());
                out.chart("allocation", a);
            }
        }
        findings(rows, data.params().getEffort("insert").looks(), out);
    }

    /**
     * Resize counts are exact (in process, for the run's keys); the two ratios compare
     * {@code new HashMap<>()} with a presized HashMap: time with {@link Finding#timeRatio}, bytes
     * with {@link Finding#ratio} ({@link Finding.Quantity#BYTES}), both from per-fork samples
     * paired by round (conservative intervals from stored errors when a run has no samples).
     * Every finding names its {@code n_keys}. {@code looks}: how often a sequential insert_effort
     * looked at the ratios (each is widened for them; the sorted fill, in a run of its own, too,
     * since its random side may have had rounds added).
     */
    /** The constructors counted in quick: the JDK's and fastutil's (the other peers' counts are full-profile only). */
    static final String JDK_AND_FASTUTIL = String.join(",", MapConstructor.ids().subList(0, MapConstructor.ECLIPSE_DEFAULT.ordinal()));

    static void findings(Rows rows, int looks, ResultBuilder out) {
        Rows resizes = rows.metric("resizes");
        out.attempt("resizes_default", () -> {
            for (Rows.Row r : resizes.where("subject", MapConstructor.HASHMAP_DEFAULT.id())) {
                out.finding(Finding.count("resizes_default", r.value(), "count", "new HashMap<>() resized %.0f times while " + r.str("n_keys")
                        + " keys were inserted (16 buckets doubled to hold them at load factor 0.75)").where("n_keys", r.str("n_keys")));
            }
        });
        out.attempt("resizes_new_hashmap_n", () -> {
            for (Rows.Row r : resizes.where("subject", MapConstructor.HASHMAP_N.id())) {
                String text = r.value() > 0
                        ? "new HashMap<>(n) still resized %.0f time(s) at n = " + r.str("n_keys") + ": its argument sizes the table (the next power of two >= n), "
                        + "which holds only 0.75 of that many entries"
                        : "new HashMap<>(n) resized %.0f times at n = " + r.str("n_keys") + ": the next power of two >= n happened to hold n entries at load factor 0.75";
                out.finding(Finding.count("resizes_new_hashmap_n", r.value(), "count", text).where("n_keys", r.str("n_keys")));
            }
        });
        out.attempt("resizes_presized", () -> {
            for (Rows.Row r : resizes.where("subject", MapConstructor.HASHMAP_PRESIZED.id())) {
                String sizedBy = r.has("sized_by") ? " (sized by " + r.str("sized_by").replace("%", "%%") + ")" : "";
                out.finding(Finding.count("resizes_presized", r.value(), "count", "A HashMap presized for " + r.str("n_keys") + " entries resized %.0f time(s)"
                        + sizedBy).where("n_keys", r.str("n_keys")));
            }
        });
        Rows time = rows.metric("insert_time");
        out.attempt("insert_default_vs_presized", () -> {
            Rows d = time.where("subject", MapConstructor.HASHMAP_DEFAULT.id());
            Rows p = time.where("subject", MapConstructor.HASHMAP_PRESIZED.id());
            if (!d.isEmpty() && !p.isEmpty()) {
                String n = d.one().str("n_keys");
                out.finding(Finding.timeRatio("insert_default_vs_presized", "Inserting " + n + " keys into new HashMap<>()", "a presized HashMap",
                        d.one().measured().ratioTo(p.one().measured(), looks)).where("n_keys", n));
            }
        });
        out.attempt(SORTED_VS_RANDOM, () -> {
            Rows sorted = rows.metric(SORTED_TIME);
            Rows random = time.where("subject", MapConstructor.HASHMAP_PRESIZED.id());
            if (sorted.isEmpty() || random.isEmpty()) return;   // runs before the sorted fill: absent
            String n = sorted.one().str("n_keys");
            out.finding(Finding.timeRatio(SORTED_VS_RANDOM, "Filling a HashMap presized for " + n + " keys with ascending keys",
                    "filling it with the same keys in random order", sorted.one().measured().ratioTo(random.one().measured(), looks)).where("n_keys", n));
        });
        peerFindings(rows, looks, out);
        Rows alloc = rows.metric("alloc_per_entry");
        out.attempt("alloc_default_vs_presized", () -> {
            Rows ad = alloc.where("subject", MapConstructor.HASHMAP_DEFAULT.id());
            Rows ap = alloc.where("subject", MapConstructor.HASHMAP_PRESIZED.id());
            if (!ad.isEmpty() && !ap.isEmpty()) {
                String n = ad.one().str("n_keys");
                out.finding(Finding.ratio("alloc_default_vs_presized", String.format(Locale.ROOT, "Inserting %s keys, new HashMap<>()", n),
                        "a presized HashMap (allocation per entry, JMH -prof gc)", Finding.Quantity.BYTES,
                        ad.one().measured().ratioTo(ap.one().measured(), looks), Finding.Basis.TIMING).where("n_keys", n));
            }
        });
    }

    /**
     * Each peer library's default constructor and the one given n: {default, given n}. fastutil's
     * pair (in the lab before the peers) stays in the tables and charts only, so runs stored
     * before the peers conclude to the same findings.
     */
    static final List<MapConstructor[]> PEER_PAIRS = List.of(
            new MapConstructor[] {MapConstructor.ECLIPSE_DEFAULT, MapConstructor.ECLIPSE_N},
            new MapConstructor[] {MapConstructor.AGRONA_DEFAULT, MapConstructor.AGRONA_N});

    /**
     * The peer libraries: resizes of each constructor (counted) and, when both were timed, the
     * default constructor against the one given n, as a time ratio paired by round. Ids:
     * {@code resizes_<constructor>} and {@code insert_<library>_default_vs_n}.
     */
    static void peerFindings(Rows rows, int looks, ResultBuilder out) {
        out.inGroup("peers", () -> {
            Rows resizes = rows.metric("resizes");
            Rows time = rows.metric("insert_time");
            for (MapConstructor[] pair : PEER_PAIRS) {
                for (MapConstructor c : pair) {
                    out.attempt("resizes_" + c.id(), () -> resizes.where("subject", c.id()).first().ifPresent(r -> out.finding(Finding.count("resizes_" + c.id(), r.value(), "count",
                            c.label() + " resized %.0f time(s) while " + r.str("n_keys") + " keys were inserted (counted)").where("n_keys", r.str("n_keys")))));
                }
                out.attempt(peerRatioId(pair), () -> {
                    Rows d = time.where("subject", pair[0].id());
                    Rows p = time.where("subject", pair[1].id());
                    if (d.isEmpty() || p.isEmpty()) return;
                    String n = d.one().str("n_keys");
                    out.finding(Finding.timeRatio(peerRatioId(pair), "Inserting " + n + " keys into " + pair[0].label(),
                            pair[1].label(), d.one().measured().ratioTo(p.one().measured(), looks)).where("n_keys", n));
                });
            }
        });
    }

    /** {@code insert_<library>_default_vs_n}: the time ratio of a peer library's default constructor to the one given n. */
    private static String peerRatioId(MapConstructor[] pair) {
        String library = pair[0].id().substring(0, pair[0].id().indexOf('_'));
        return "insert_" + library + "_default_vs_n";
    }
}
