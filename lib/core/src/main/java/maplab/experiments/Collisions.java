package maplab.experiments;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import maplab.chart.Charts;
import maplab.experiment.Experiment;
import maplab.experiment.ParamSpec;
import maplab.experiment.Params;
import maplab.experiment.Profile;
import maplab.experiment.RunContext;
import maplab.measure.HashMapInternals;
import maplab.measure.Jmh;
import maplab.measure.JmhScore;
import maplab.result.Finding;
import maplab.result.ResultBuilder;
import maplab.result.Unit;
import maplab.stats.Stats;
import maplab.subject.collision.CollisionCase;
import maplab.subject.probe.ProbeMap;
import maplab.workload.CallCounts;
import org.knowm.xchart.XYChart;
import org.openjdk.jmh.annotations.Mode;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * collisions: hash flooding. Keys that all share a hash code go into one {@code HashMap} bin,
 * which becomes a red-black tree: Comparable keys are ordered with {@code compareTo}
 * (O(log n) per insert), keys that are not Comparable are found by scanning with
 * {@code equals} (O(n) per insert, O(n^2) in total). Counts {@code equals}, {@code compareTo}
 * and {@code hashCode} calls per insert with instrumented keys and tree bins by reflection (in
 * process), times whole fills with JMH over n, and fits the growth exponent. A ProbeMap that
 * hashes the String content with a per-map seed shows the remedy.
 */
public final class Collisions implements Experiment {

    static final String BENCH = "maplab.bench.CollisionsBench.insert";
    static final Unit NS_PER_INSERT = new Unit("ns/insert", Unit.Direction.LOWER);
    static final Unit CALLS_PER_INSERT = new Unit("calls/insert", Unit.Direction.NONE);

    @Override public String id() { return "collisions"; }

    @Override public String summary() { return "hash flooding: colliding and constant-hash keys, equals/compareTo calls and insert time over n"; }

    @Override
    public List<ParamSpec> params() {
        String all = String.join(",", CollisionCase.ids());
        return List.of(
                ParamSpec.integers("sizes", 16, 1 << 20, "1024,2048,4096,8192", "1024,2048,4096,8192,16384,32768", "keys inserted (one JMH run each)"),
                ParamSpec.choices("cases", CollisionCase.ids(), all, all, "key kinds and maps compared"));
    }

    @Override
    public void validate(Params params) {
        Sweeps.requireTwoSizes(params, "sizes");
    }

    /** What one case did at one size, counted in process. */
    record Counts(CollisionCase subject, int n, double equalsPerInsert, double compareToPerInsert, double hashCodePerInsert,
                  int treeBins, int maxBinLength, double meanProbe, int maxProbe) { }

    @Override
    public void measure(RunContext ctx) throws Exception {
        List<Integer> sizes = new ArrayList<>(new TreeSet<>(ctx.params().getInts("sizes")));
        List<CollisionCase> cases = ctx.params().getStrings("cases").stream().map(CollisionCase::parse).toList();
        long keySeed = ctx.seed("keys");
        long mapSeed = ctx.seed("probe-map");
        ResultBuilder out = ctx.result();
        int maxN = sizes.get(sizes.size() - 1);

        Map<CollisionCase, Map<Integer, Counts>> counts = new EnumMap<>(CollisionCase.class);
        ctx.progress().addSteps(cases.size());
        for (CollisionCase c : cases) {
            ctx.progress().step("counting calls: " + c.label());
            for (int n : sizes) {
                ctx.checkInterrupted();
                Counts k = count(c, n, keySeed, mapSeed);
                counts.computeIfAbsent(c, x -> new TreeMap<>()).put(n, k);
                record(out, k);
            }
        }
        out.table("operations", operationsTable(counts));

        List<JmhScore> scores = ctx.jmh(BENCH)
                .param("subject", cases.stream().map(CollisionCase::id).toList())
                .param("n", sizes)
                .param("seed", String.valueOf(keySeed))
                .param("mapSeed", String.valueOf(mapSeed))
                .mode(Mode.AverageTime).timeUnit(TimeUnit.NANOSECONDS)
                .settings(ctx.profile() == Profile.FULL
                        ? Jmh.Settings.forProfile(ctx.profile()).withWarmup(5, 300).withMeasurement(5, 500)
                        : Jmh.Settings.forProfile(ctx.profile()).withWarmup(2, 100).withMeasurement(5, 60))
                .run();
        Map<CollisionCase, Map<Integer, JmhScore>> times = new EnumMap<>(CollisionCase.class);
        for (JmhScore s : scores) {
            CollisionCase c = CollisionCase.parse(s.param("subject"));
            int n = Integer.parseInt(s.param("n"));
            times.computeIfAbsent(c, x -> new TreeMap<>()).put(n, s);
            out.row().with("subject", c.id()).with("n_keys", n).measure("fill_time", s.score(), s.error(), Unit.ofJmh(s.unit()));
            out.row().with("subject", c.id()).with("n_keys", n).measure("time_per_insert", s.score() / n, s.error() / n, NS_PER_INSERT);
        }

        XYChart chart = Charts.logLog("Insert time per key (JMH, 99.9% CI)", "n (keys)", "time per insert (ns)");
        Table growth = Table.create("growth", StringColumn.create("case"), DoubleColumn.create("exponent"), DoubleColumn.create("r2"));
        Map<CollisionCase, Stats.Growth> fits = new EnumMap<>(CollisionCase.class);
        for (CollisionCase c : cases) {
            Map<Integer, JmhScore> byN = times.get(c);
            List<Integer> ns = new ArrayList<>(byN.keySet());
            List<Double> perInsert = ns.stream().map(n -> byN.get(n).score() / n).toList();
            List<Double> errors = ns.stream().map(n -> Sweeps.logSafeError(byN.get(n).score() / n, byN.get(n).error() / n)).toList();
            Charts.series(chart, c.label(), ns, perInsert, errors);
            Stats.Growth g = Stats.growth(ns.stream().mapToDouble(Integer::doubleValue).toArray(),
                    ns.stream().mapToDouble(n -> byN.get(n).score()).toArray());
            fits.put(c, g);
            growth.stringColumn("case").append(c.label());
            growth.doubleColumn("exponent").append(g.exponent());
            growth.doubleColumn("r2").append(g.r2());
            out.row().with("subject", c.id()).measure("growth_exponent", g.exponent(), Unit.EXPONENT);
        }
        out.chart("time per insert", chart);
        out.table("growth", growth);

        findings(out, counts, times, fits, sizes, maxN);
    }

    /** Inserts n keys of case {@code c} into a new map and counts what the map did. */
    static Counts count(CollisionCase c, int n, long keySeed, long mapSeed) {
        CallCounts calls = new CallCounts();
        Object[] keys = c.countingKeys(n, keySeed, calls);
        calls.reset();
        Map<Object, Object> map = CollisionCase.insertAll(c.newMap(mapSeed, true), keys);
        if (map instanceof ProbeMap<?, ?> pm) {
            return new Counts(c, n, Double.NaN, Double.NaN, Double.NaN, 0, 0,
                    pm.counters().meanInsertProbe(), pm.counters().maxInsertProbe());
        }
        HashMapInternals.Bins bins = HashMapInternals.bins((HashMap<?, ?>) map);
        return new Counts(c, n, (double) calls.equalsCalls() / n, (double) calls.compareToCalls() / n,
                (double) calls.hashCodeCalls() / n, bins.treeBins(), bins.maxLength(), Double.NaN, 0);
    }

    private static void record(ResultBuilder out, Counts k) {
        if (k.subject().seededProbeMap()) {
            out.row().with("subject", k.subject().id()).with("n_keys", k.n()).measure("mean_probe_per_insert", k.meanProbe(), Unit.PROBES);
            out.row().with("subject", k.subject().id()).with("n_keys", k.n()).measure("max_probe", k.maxProbe(), Unit.PROBES);
            return;
        }
        out.row().with("subject", k.subject().id()).with("n_keys", k.n()).measure("equals_per_insert", k.equalsPerInsert(), CALLS_PER_INSERT);
        out.row().with("subject", k.subject().id()).with("n_keys", k.n()).measure("compareto_per_insert", k.compareToPerInsert(), CALLS_PER_INSERT);
        out.row().with("subject", k.subject().id()).with("n_keys", k.n()).measure("hashcode_per_insert", k.hashCodePerInsert(), CALLS_PER_INSERT);
        out.row().with("subject", k.subject().id()).with("n_keys", k.n()).measure("tree_bins", k.treeBins(), Unit.COUNT);
        out.row().with("subject", k.subject().id()).with("n_keys", k.n()).measure("max_bin_length", k.maxBinLength(), Unit.COUNT);
    }

    private static Table operationsTable(Map<CollisionCase, Map<Integer, Counts>> counts) {
        StringColumn subject = StringColumn.create("case");
        IntColumn n = IntColumn.create("n_keys");
        DoubleColumn equals = DoubleColumn.create("equals per insert");
        DoubleColumn compare = DoubleColumn.create("compareTo per insert");
        DoubleColumn hash = DoubleColumn.create("hashCode per insert");
        IntColumn trees = IntColumn.create("tree bins");
        IntColumn maxBin = IntColumn.create("longest bin");
        DoubleColumn probe = DoubleColumn.create("mean probe per insert");
        for (Map<Integer, Counts> byN : counts.values()) {
            for (Counts k : byN.values()) {
                boolean probeMap = k.subject().seededProbeMap();
                subject.append(k.subject().label());
                n.append(k.n());
                equals.append(k.equalsPerInsert());
                compare.append(k.compareToPerInsert());
                hash.append(k.hashCodePerInsert());
                if (probeMap) trees.appendMissing(); else trees.append(k.treeBins());
                if (probeMap) maxBin.appendMissing(); else maxBin.append(k.maxBinLength());
                probe.append(k.meanProbe());
            }
        }
        return Table.create("operations", subject, n, equals, compare, hash, trees, maxBin, probe);
    }

    private static void findings(ResultBuilder out, Map<CollisionCase, Map<Integer, Counts>> counts,
                                 Map<CollisionCase, Map<Integer, JmhScore>> times, Map<CollisionCase, Stats.Growth> fits,
                                 List<Integer> sizes, int maxN) {
        String range = "n = " + sizes.get(0) + ".." + maxN;
        Counts nonComparable = at(counts, CollisionCase.CONSTANT_HASH, maxN);
        if (nonComparable != null) {
            out.finding(Finding.of("noncomparable_equals_per_insert_at_max_n", nonComparable.equalsPerInsert(), "calls",
                    "Inserting " + maxN + " constant-hash keys that are not Comparable into a HashMap cost %.0f equals calls per insert ("
                            + String.format(Locale.ROOT, "%.2f", nonComparable.equalsPerInsert() / maxN) + " n)"));
            Stats.Growth g = fits.get(CollisionCase.CONSTANT_HASH);
            out.finding(Finding.of("noncomparable_growth_exponent", g.exponent(), "exponent", String.format(Locale.ROOT,
                    "The total time to insert n constant-hash keys that are not Comparable grew as n^%%.2f (least squares on log-log over %s, R² = %.3f)",
                    range, g.r2())));
        }
        Counts comparable = at(counts, CollisionCase.CONSTANT_HASH_COMPARABLE, maxN);
        if (comparable != null) {
            out.finding(Finding.of("comparable_compares_per_insert_at_max_n", comparable.compareToPerInsert(), "calls",
                    "Inserting " + maxN + " constant-hash Comparable keys into a HashMap cost %.1f compareTo calls per insert (log2 n = "
                            + String.format(Locale.ROOT, "%.1f", Math.log(maxN) / Math.log(2)) + ")"));
        }
        JmhScore colliding = time(times, CollisionCase.COLLIDING_STRING, maxN);
        JmhScore random = time(times, CollisionCase.RANDOM_STRING, maxN);
        if (colliding != null && random != null) {
            out.finding(Finding.timeRatio("colliding_vs_random_string", "Inserting " + maxN + " colliding Strings into a HashMap",
                    colliding.score(), "random Strings of the same length", random.score()));
        }
        JmhScore seededColliding = time(times, CollisionCase.COLLIDING_STRING_SEEDED, maxN);
        JmhScore seededRandom = time(times, CollisionCase.RANDOM_STRING_SEEDED, maxN);
        if (seededColliding != null && seededRandom != null) {
            out.finding(Finding.timeRatio("seeded_content_hash_vs_random",
                    "Inserting " + maxN + " colliding Strings into a ProbeMap with a seeded content hash", seededColliding.score(),
                    "random Strings in the same map", seededRandom.score()));
        }
        Counts collidingCounts = at(counts, CollisionCase.COLLIDING_STRING, maxN);
        if (collidingCounts != null) {
            StringBuilder others = new StringBuilder();
            for (CollisionCase c : List.of(CollisionCase.RANDOM_STRING, CollisionCase.CONSTANT_HASH, CollisionCase.DISTINCT_HASH)) {
                Counts k = at(counts, c, maxN);
                if (k != null) others.append(others.length() == 0 ? "" : ", ").append(c.id()).append(": ").append(k.treeBins());
            }
            out.finding(Finding.of("tree_bins", collidingCounts.treeBins(), "count",
                    "A HashMap holding " + maxN + " colliding Strings had %.0f tree bin(s); its longest bin held "
                            + collidingCounts.maxBinLength() + " keys" + (others.length() == 0 ? "" : " (tree bins for " + others + ")")));
        }
    }

    private static Counts at(Map<CollisionCase, Map<Integer, Counts>> counts, CollisionCase c, int n) {
        Map<Integer, Counts> byN = counts.get(c);
        return byN == null ? null : byN.get(n);
    }

    private static JmhScore time(Map<CollisionCase, Map<Integer, JmhScore>> times, CollisionCase c, int n) {
        Map<Integer, JmhScore> byN = times.get(c);
        return byN == null ? null : byN.get(n);
    }
}
