package maplab.experiments;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import maplab.chart.Charts;
import maplab.plan.ParamSpec;
import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.run.RunData;
import maplab.plan.Effort;
import maplab.subject.jdk.HashMapInternals;
import maplab.measure.Jmh;
import maplab.measure.JmhScore;
import maplab.conclude.Finding;
import maplab.measure.Measured;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.plan.Unit;
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
 * {@code equals} (O(n) per insert, O(n^2) in total).
 *
 * <p><b>Measure</b>: counts {@code equals}, {@code compareTo} and {@code hashCode} calls per
 * insert with instrumented keys, tree bins by reflection and ProbeMap's probes (in process,
 * exact for the run's seed), and times whole fills with JMH in forked JVMs, in alternating
 * rounds: the growth cases at every size, and the String cases behind the two ratios at the
 * largest size. <b>Conclude</b>: the counts at the largest n, the growth exponent of the
 * non-Comparable fill time with the fit's interval, and two time ratios with intervals paired
 * by round.
 *
 * <p>The ProbeMap cases hash each String's <em>content</em> with a per-map seed. That is a
 * remedy for collisions precomputed for {@code String.hashCode} (they no longer collide), not a
 * defence against a determined attacker who can observe timings: it is a seeded multiply-xor
 * finalizer, not a keyed cryptographic hash; keyed hashes such as SipHash are the real defence.
 */
public final class Collisions implements Experiment {

    static final String BENCH = "maplab.bench.CollisionsBench.insert";
    static final Unit NS_PER_INSERT = new Unit("ns/insert", Unit.Direction.LOWER);
    static final Unit CALLS_PER_INSERT = new Unit("calls/insert", Unit.Direction.NONE);
    /** The cases behind the two time ratios, timed at the largest size in every profile. */
    /** Quick's cases: HashMap's and ProbeMap's, and Agrona's pair (the peer quick times). */
    static final List<String> QUICK_CASES = java.util.Arrays.stream(CollisionCase.values())
            .filter(c -> !c.isPeer() || "agrona".equals(c.library())).map(CollisionCase::id).toList();
    static final List<String> PEER_IDS = java.util.Arrays.stream(CollisionCase.values()).filter(CollisionCase::isPeer).map(CollisionCase::id).toList();
    static final List<CollisionCase> RATIO_CASES = List.of(CollisionCase.COLLIDING_STRING, CollisionCase.RANDOM_STRING,
            CollisionCase.COLLIDING_STRING_SEEDED, CollisionCase.RANDOM_STRING_SEEDED);

    @Override public String id() { return "collisions"; }

    @Override public String summary() { return "hash flooding: colliding and constant-hash keys, equals/compareTo calls and insert time over n"; }

    @Override
    public List<ParamSpec> params() {
        String all = String.join(",", CollisionCase.ids());
        return List.of(
                ParamSpec.integers("sizes", 16, 1 << 20, "1024,4096", "1024,4096,16384,32768",
                        "keys inserted: counts at every size; the growth cases are timed at every size, the String ratios at the largest"),
                ParamSpec.choices("cases", CollisionCase.ids(), String.join(",", QUICK_CASES), all,
                        "key kinds and maps counted (and timed when they are growth cases or behind a ratio; quick counts one peer library, Agrona)"),
                ParamSpec.choices("peer_cases", PEER_IDS, "colliding_string_agrona,random_string_agrona", String.join(",", PEER_IDS),
                        "peer libraries' cases timed at peer_n (colliding and random Strings per library; quick times one library and counts the others)"),
                ParamSpec.integer("peer_n", 16, 1 << 20, 4096, 4096,
                        "keys inserted in the timed peer cases (colliding Strings cost O(n^2) equals calls in every peer)"),
                ParamSpec.choices("growth_cases", CollisionCase.ids(), "constant_hash", all,
                        "cases timed at every size (time per insert chart, growth table); constant_hash gives noncomparable_growth_exponent"),
                ParamSpec.integer("noncomparable_max_n", 16, 1 << 20, 1 << 20, 16384,
                        "largest n at which constant_hash is timed (its fill is O(n^2): 3.4 s per fill at 32768)"),
                ParamSpec.userSubjects("user_key_types", "your own key types (KeySource): key(0..n-1) into a HashMap at every size, tree bins and"
                        + " longest bin counted, after the equals/hashCode check", maplab.subject.keys.KeySource.class),
                ParamSpec.userSubjects("user_subjects", "your own hashes (LongHash): ProbeMap hashing hashCode() with yours, filled with the colliding"
                        + " and the random Strings at every size, probes counted, after the determinism check", maplab.subject.probe.LongHash.class),
                ParamSpec.effort("insert", new Effort(4, 4, 50, 3, 50), new Effort(6, 3, 100, 3, 100),
                        "JMH effort of the timed fills (every cell, alternating rounds)"));
    }

    @Override
    public void validate(Params params) {
        Sweeps.requireTwoSizes(params, "sizes");
    }

    /** What one case did at one size, counted in process. */
    record Counts(CollisionCase subject, int n, double equalsPerInsert, double compareToPerInsert, double hashCodePerInsert,
                  int treeBins, int maxBinLength, double meanProbe, int maxProbe) { }

    // ------------------------------------------------------------------ measure

    /** The plan's progress steps: one call count per case, then one per JMH cell (subject x size) and fork. */
    @Override
    public int plannedSteps(Params p) {
        List<CollisionCase> cases = cases(p);
        int cells = timed(p, cases, sizes(p)).stream().mapToInt(t -> t.subjects().size() * t.sizes().size()).sum();
        int userCounts = p.getStrings("user_key_types").size() + p.getStrings("user_subjects").size();
        return cases.size() + userCounts + cells * p.getEffort("insert").plannedForks(false);
    }

    private static List<Integer> sizes(Params p) {
        return new ArrayList<>(new TreeSet<>(p.getInts("sizes")));
    }

    private static List<CollisionCase> cases(Params p) {
        return p.getStrings("cases").stream().map(CollisionCase::parse).toList();
    }

    /** One JMH batch of the plan: these subjects at these sizes. */
    private record Timed(List<CollisionCase> subjects, List<Integer> sizes) { }

    /**
     * The JMH batches: one per growth case (so constant_hash can stop at its own largest n), then
     * the ratio-only cases at the largest size, then the peer libraries' cases at {@code peer_n}.
     */
    private static List<Timed> timed(Params p, List<CollisionCase> cases, List<Integer> sizes) {
        List<Timed> out = new ArrayList<>();
        List<CollisionCase> growth = p.getStrings("growth_cases").stream().map(CollisionCase::parse)
                .filter(cases::contains).toList();
        int nonComparableMax = p.getInt("noncomparable_max_n");
        for (CollisionCase g : growth) {
            List<Integer> ns = g == CollisionCase.CONSTANT_HASH ? sizes.stream().filter(n -> n <= nonComparableMax).toList() : sizes;
            if (!ns.isEmpty()) out.add(new Timed(List.of(g), ns));
        }
        List<CollisionCase> ratioOnly = RATIO_CASES.stream().filter(cases::contains).filter(c -> !growth.contains(c)).toList();
        if (!ratioOnly.isEmpty()) out.add(new Timed(ratioOnly, List.of(sizes.get(sizes.size() - 1))));
        int peerN = p.getInt("peer_n");
        List<CollisionCase> peers = p.getStrings("peer_cases").stream().map(CollisionCase::parse)
                .filter(c -> out.stream().noneMatch(t -> t.subjects().contains(c) && t.sizes().contains(peerN))).toList();
        if (!peers.isEmpty()) out.add(new Timed(peers, List.of(peerN)));   // the peer libraries' maps at their own size, unless a growth batch times them there
        return out;
    }

    /**
     * The plan: the call counts of every case at every size (in process), the user key types'
     * and hashes' counts, then the JMH batches of {@link #timed} (fill_time and time_per_insert
     * per cell), and the findings those rows give.
     */
    @Override
    public void plan(Plan.Builder plan, RunContext context) {
        Params p = plan.params();
        List<Integer> sizes = sizes(p);
        List<CollisionCase> cases = cases(p);
        for (CollisionCase c : cases) {
            plan.step("counting calls: " + c.label(), 1, sizes.stream().mapToDouble(n -> countSeconds(c, n)).sum());
            for (int n : sizes) plannedCounts(plan, c, n);
        }
        for (String user : p.getStrings("user_key_types")) {
            plan.step("counting bins: " + user, 1, 0.1);
            for (int n : sizes) {
                plan.count(Plan.dims("subject", user, "n_keys", n), "tree_bins", Unit.COUNT);
                plan.count(Plan.dims("subject", user, "n_keys", n), "max_bin_length", Unit.COUNT);
            }
            plan.finding("tree_bins_" + maplab.subject.user.UserSubject.findingName(user));
        }
        for (String user : p.getStrings("user_subjects")) {
            plan.step("counting probes: " + user, 1, 0.2);
            for (String kind : List.of("colliding_string", "random_string")) {
                for (int n : sizes) {
                    plan.count(Plan.dims("subject", user, "key_kind", kind, "n_keys", n), "mean_probe_per_insert", Unit.PROBES);
                    plan.count(Plan.dims("subject", user, "key_kind", kind, "n_keys", n), "max_probe", Unit.PROBES);
                }
            }
            plan.finding("probe_mean_colliding_string_" + maplab.subject.user.UserSubject.findingName(user));
        }
        RunContext ctx = context;
        Map<CollisionCase, Set<Integer>> timedAt = new java.util.LinkedHashMap<>();
        for (Timed t : timed(p, cases, sizes)) {
            Jmh run = jmh(ctx, t.subjects(), t.sizes(), 0, 0);
            plan.jmh("insert", run, cell -> fillSeconds(CollisionCase.valueOf(cell.get("subject")), Integer.parseInt(cell.get("n"))));
            for (CollisionCase subject : t.subjects()) {
                for (int n : t.sizes()) {
                    plan.timed(Plan.dims("subject", subject.id(), "n_keys", n), "fill_time", Unit.NS_PER_OP);
                    plan.timed(Plan.dims("subject", subject.id(), "n_keys", n), "time_per_insert", NS_PER_INSERT);
                    timedAt.computeIfAbsent(subject, k -> new TreeSet<>()).add(n);
                }
            }
        }
        plannedFindings(plan, cases, sizes, timedAt);
    }

    /**
     * Rough seconds of one timed fill: the quadratic cases (constant-hash keys that are not
     * Comparable, colliding Strings in a map without tree bins) cost about n^2/2 equals calls of
     * a few nanoseconds (1.4 s at n = 16384 for constant_hash, 5 to 8 s at 32768 for the peers, in the reference); the rest are
     * far below an iteration.
     */
    static double fillSeconds(CollisionCase c, int n) {
        if (!quadratic(c)) return 0;
        double scans = "eclipse".equals(c.library()) ? 1.75 : 1;   // UnifiedMap counted 1.75x the equals calls per insert of the other peers
        return scans * EQUALS_SECONDS * n * (double) n / 2;
    }

    /** Seconds per equals call in a quadratic fill: 7.7e-9 to 1.0e-8 in the full reference (slower as n outgrows the caches). */
    static final double EQUALS_SECONDS = 9e-9;

    private static boolean quadratic(CollisionCase c) {
        return c == CollisionCase.CONSTANT_HASH || (c.isPeer() && c.kind() == maplab.workload.KeyKind.COLLIDING_STRING);
    }

    /** Rough seconds of one in-process count (instrumented keys; the constant-hash cases are quadratic). */
    private static double countSeconds(CollisionCase c, int n) {
        return quadratic(c) ? 3 * EQUALS_SECONDS * n * (double) n / 2 : 2e-6 * n;   // instrumented keys count every call
    }

    private static void plannedCounts(Plan.Builder plan, CollisionCase c, int n) {
        Map<String, Object> at = Plan.dims("subject", c.id(), "n_keys", n);
        for (String metric : List.of("equals_per_insert", "compareto_per_insert", "hashcode_per_insert")) plan.count(at, metric, CALLS_PER_INSERT);
        if (c.seededProbeMap()) {
            plan.count(at, "mean_probe_per_insert", Unit.PROBES);
            plan.count(at, "max_probe", Unit.PROBES);
        } else if (!c.isPeer()) {
            plan.count(at, "tree_bins", Unit.COUNT);
            plan.count(at, "max_bin_length", Unit.COUNT);
        }
    }

    /** The findings {@link #conclude} gives for rows of this plan. */
    private static void plannedFindings(Plan.Builder plan, List<CollisionCase> cases, List<Integer> sizes, Map<CollisionCase, Set<Integer>> timedAt) {
        if (cases.contains(CollisionCase.CONSTANT_HASH)) plan.finding("noncomparable_equals_per_insert_at_max_n");
        if (timedAt.getOrDefault(CollisionCase.CONSTANT_HASH, Set.of()).size() >= 2) plan.finding("noncomparable_growth_exponent");
        if (cases.contains(CollisionCase.CONSTANT_HASH_COMPARABLE)) plan.finding("comparable_compares_per_insert_at_max_n");
        if (timedTogether(timedAt, CollisionCase.COLLIDING_STRING, CollisionCase.RANDOM_STRING)) plan.finding("colliding_vs_random_string");
        if (timedTogether(timedAt, CollisionCase.COLLIDING_STRING_SEEDED, CollisionCase.RANDOM_STRING_SEEDED)) plan.finding("seeded_content_hash_vs_random");
        for (CollisionCase c : cases) {
            if (c.isPeer() && c.kind() == maplab.workload.KeyKind.COLLIDING_STRING) plan.finding(c.library() + "_colliding_equals_per_insert");
        }
        for (CollisionCase c : CollisionCase.values()) {
            if (!c.isPeer() || c.kind() != maplab.workload.KeyKind.COLLIDING_STRING) continue;
            if (timedTogether(timedAt, c, CollisionCase.parse("random_string_" + c.library()))) plan.finding("colliding_vs_random_string_" + c.library());
            if (timedAt.getOrDefault(c, Set.of()).size() >= 2) plan.finding(c.library() + "_colliding_growth_exponent");
        }
        if (cases.contains(CollisionCase.COLLIDING_STRING)) plan.finding("tree_bins");
    }

    private static boolean timedTogether(Map<CollisionCase, Set<Integer>> timedAt, CollisionCase a, CollisionCase b) {
        Set<Integer> common = new TreeSet<>(timedAt.getOrDefault(a, Set.of()));
        common.retainAll(timedAt.getOrDefault(b, Set.of()));
        return !common.isEmpty();
    }

    @Override
    public void measure(RunContext ctx) throws Exception {
        List<Integer> sizes = sizes(ctx.params());
        List<CollisionCase> cases = cases(ctx.params());
        long keySeed = ctx.seed("keys");
        long mapSeed = ctx.seed("probe-map");
        ResultBuilder out = ctx.result();

        ctx.progress().addSteps(cases.size());
        for (CollisionCase c : cases) {
            ctx.progress().step("counting calls: " + c.label());
            for (int n : sizes) {
                ctx.checkInterrupted();
                record(out, count(c, n, keySeed, mapSeed));
            }
        }

        userCounts(ctx, sizes, keySeed);

        List<Jmh> batches = new ArrayList<>();
        for (Timed t : timed(ctx.params(), cases, sizes)) batches.add(jmh(ctx, t.subjects(), t.sizes(), keySeed, mapSeed));
        for (List<JmhScore> batch : Jmh.inRounds(batches, ctx.random("run-order"))) {
            for (JmhScore s : batch) {
                int n = Integer.parseInt(s.param("n"));
                Measured m = s.measured();
                String subject = s.param("subject", CollisionCase.class).id();
                out.row().with("subject", subject).with("n_keys", n).measure("fill_time", m, Unit.ofJmh(s.unit()));
                out.row().with("subject", subject).with("n_keys", n).measure("time_per_insert", m.scaled(1.0 / n), NS_PER_INSERT);
            }
        }
    }

    private static Jmh jmh(RunContext ctx, List<CollisionCase> subjects, List<Integer> sizes, long keySeed, long mapSeed) {
        return ctx.jmh(BENCH, "insert").param("subject", subjects).param("n", sizes)
                .param("seed", String.valueOf(keySeed)).param("mapSeed", String.valueOf(mapSeed))
                .mode(Mode.AverageTime).timeUnit(TimeUnit.NANOSECONDS);
    }

    /**
     * User key types and hashes, counted in process at every size (not timed): a key type's keys
     * {@code key(0..n-1)} in a HashMap (tree bins, longest bin); a hash as ProbeMap's hash of
     * {@code hashCode()}, filled with the colliding and the random Strings (mean and longest probe;
     * column {@code key_kind}).
     */
    private static void userCounts(RunContext ctx, List<Integer> sizes, long keySeed) {
        ResultBuilder out = ctx.result();
        List<String> keyTypes = ctx.params().getStrings("user_key_types");
        List<String> hashes = ctx.params().getStrings("user_subjects");
        ctx.progress().addSteps(keyTypes.size() + hashes.size());
        for (String user : keyTypes) {
            ctx.progress().step("counting bins: HashMap of " + maplab.subject.user.UserSubject.label(user));
            maplab.subject.keys.KeySource source = (maplab.subject.keys.KeySource) maplab.subject.user.UserSubject.newInstance(user);
            for (int n : sizes) {
                java.util.HashMap<Object, Object> map = new java.util.HashMap<>();
                for (int i = 0; i < n; i++) map.put(source.key(i), i);
                HashMapInternals.Bins bins = HashMapInternals.bins(map);
                out.row().with("subject", user).with("n_keys", n).measure("tree_bins", bins.treeBins(), Unit.COUNT);
                out.row().with("subject", user).with("n_keys", n).measure("max_bin_length", bins.maxLength(), Unit.COUNT);
            }
        }
        for (String user : hashes) {
            ctx.progress().step("counting probes: ProbeMap with " + maplab.subject.user.UserSubject.label(user));
            maplab.subject.probe.LongHash hash = maplab.subject.user.UserSubject.byId("user_subjects", user).newHash();
            for (maplab.workload.KeyKind kind : List.of(maplab.workload.KeyKind.COLLIDING_STRING, maplab.workload.KeyKind.RANDOM_STRING)) {
                for (int n : sizes) {
                    ProbeMap<Object, Object> map = new ProbeMap<>(maplab.subject.probe.ProbeConfig.of(maplab.subject.probe.HashMode.MIXED)
                            .withUserHash(hash).withCounting(true), 0);
                    CollisionCase.insertAll(map, kind.plainKeys(n, keySeed));
                    String keyKind = kind.name().toLowerCase(Locale.ROOT);
                    out.row().with("subject", user).with("key_kind", keyKind).with("n_keys", n).measure("mean_probe_per_insert", map.counters().meanInsertProbe(), Unit.PROBES);
                    out.row().with("subject", user).with("key_kind", keyKind).with("n_keys", n).measure("max_probe", map.counters().maxInsertProbe(), Unit.PROBES);
                }
            }
        }
    }

    /** Inserts n instrumented keys of case {@code c} into a new map and counts what the map did. */
    static Counts count(CollisionCase c, int n, long keySeed, long mapSeed) {
        CallCounts calls = new CallCounts();
        Object[] keys = c.countingKeys(n, keySeed, calls);
        calls.reset();
        Map<Object, Object> map = CollisionCase.insertAll(c.newMap(mapSeed, true), keys);
        double equals = (double) calls.equalsCalls() / n;
        double compares = (double) calls.compareToCalls() / n;
        double hashes = (double) calls.hashCodeCalls() / n;
        if (map instanceof ProbeMap<?, ?> pm) {
            return new Counts(c, n, equals, compares, hashes, 0, 0, pm.counters().meanInsertProbe(), pm.counters().maxInsertProbe());
        }
        if (c.isPeer()) return new Counts(c, n, equals, compares, hashes, 0, 0, Double.NaN, 0);   // only the calls: no bins or probes to read
        HashMapInternals.Bins bins = HashMapInternals.bins((java.util.HashMap<?, ?>) map);
        return new Counts(c, n, equals, compares, hashes, bins.treeBins(), bins.maxLength(), Double.NaN, 0);
    }

    private static void record(ResultBuilder out, Counts k) {
        String id = k.subject().id();
        out.row().with("subject", id).with("n_keys", k.n()).measure("equals_per_insert", k.equalsPerInsert(), CALLS_PER_INSERT);
        out.row().with("subject", id).with("n_keys", k.n()).measure("compareto_per_insert", k.compareToPerInsert(), CALLS_PER_INSERT);
        out.row().with("subject", id).with("n_keys", k.n()).measure("hashcode_per_insert", k.hashCodePerInsert(), CALLS_PER_INSERT);
        if (k.subject().seededProbeMap()) {
            out.row().with("subject", id).with("n_keys", k.n()).measure("mean_probe_per_insert", k.meanProbe(), Unit.PROBES);
            out.row().with("subject", id).with("n_keys", k.n()).measure("max_probe", k.maxProbe(), Unit.PROBES);
        } else if (!k.subject().isPeer()) {
            out.row().with("subject", id).with("n_keys", k.n()).measure("tree_bins", k.treeBins(), Unit.COUNT);
            out.row().with("subject", id).with("n_keys", k.n()).measure("max_bin_length", k.maxBinLength(), Unit.COUNT);
        }
    }

    // ------------------------------------------------------------------ conclude

    @Override
    public void conclude(RunData data, ResultBuilder out) {
        Rows rows = data.rows();
        out.table("operations", operationsTable(rows));
        Rows fills = rows.metric("fill_time");
        timeCharts(fills, out);
        findings(rows, out);
    }

    /**
     * For each user key type: {@code tree_bins_user_<name>} (tree bins of a HashMap of its keys at the
     * largest size, longest bin in the sentence). For each user hash:
     * {@code probe_mean_colliding_string_user_<name>} (mean probe per insert of the colliding Strings
     * at the largest size, the random Strings' in the sentence). Counts, exact for the seed.
     */
    private static void userFindings(Rows rows, ResultBuilder out) {
        for (String user : rows.distinct("subject")) {
            if (!maplab.subject.user.UserSubject.isUserId(user)) continue;
            Rows mine = rows.where("subject", user);
            String label = maplab.subject.user.UserSubject.label(user);
            String name = maplab.subject.user.UserSubject.findingName(user);
            Rows trees = mine.metric("tree_bins");
            if (!trees.isEmpty()) {
                int maxN = trees.distinct("n_keys").stream().mapToInt(Integer::parseInt).max().orElseThrow();
                double longest = mine.metric("max_bin_length").where("n_keys", maxN).one().value();
                out.finding(Finding.count("tree_bins_" + name, trees.where("n_keys", maxN).one().value(), "count",
                        "A HashMap of " + maxN + " of your keys (" + label + ") had %.0f tree bins; its longest bin held "
                                + (long) longest + " entries (counted)").where("n_keys", maxN));
            }
            Rows probes = mine.metric("mean_probe_per_insert");
            if (!probes.isEmpty()) {
                int maxN = probes.distinct("n_keys").stream().mapToInt(Integer::parseInt).max().orElseThrow();
                Rows colliding = probes.where("n_keys", maxN).where("key_kind", "colliding_string");
                Rows random = probes.where("n_keys", maxN).where("key_kind", "random_string");
                if (colliding.isEmpty() || random.isEmpty()) continue;
                out.finding(Finding.count("probe_mean_colliding_string_" + name, colliding.one().value(), "probes",
                        "With " + label + " as ProbeMap's hash of hashCode(), inserting " + maxN + " Strings that share one String.hashCode took %.1f"
                                + String.format(Locale.ROOT, " probes per insert beyond the home slot, against %.2f for random Strings", random.one().value())
                                + " (counted; a hash of hashCode() cannot separate keys whose hashCode is equal)").where("n_keys", maxN));
            }
        }
    }

    /** The sizes a metric was measured at for one case, ascending. */
    static List<Integer> sizesOf(Rows rows, CollisionCase c) {
        TreeSet<Integer> ns = new TreeSet<>();
        for (Rows.Row r : rows.where("subject", c.id())) ns.add((int) r.integer("n_keys"));
        return new ArrayList<>(ns);
    }

    private static Table operationsTable(Rows rows) {
        StringColumn subject = StringColumn.create("case");
        IntColumn n = IntColumn.create("n_keys");
        DoubleColumn equals = DoubleColumn.create("equals per insert");
        DoubleColumn compare = DoubleColumn.create("compareTo per insert");
        DoubleColumn hash = DoubleColumn.create("hashCode per insert");
        DoubleColumn trees = DoubleColumn.create("tree bins");
        DoubleColumn maxBin = DoubleColumn.create("longest bin");
        DoubleColumn probe = DoubleColumn.create("mean probe per insert");
        for (CollisionCase c : CollisionCase.values()) {
            Rows ofCase = rows.where("subject", c.id());
            for (int size : sizesOf(ofCase.metric("equals_per_insert"), c)) {
                Rows at = ofCase.where("n_keys", size);
                subject.append(c.label());
                n.append(size);
                equals.append(value(at, "equals_per_insert"));
                compare.append(value(at, "compareto_per_insert"));
                hash.append(value(at, "hashcode_per_insert"));
                trees.append(value(at, "tree_bins"));
                maxBin.append(value(at, "max_bin_length"));
                probe.append(value(at, "mean_probe_per_insert"));
            }
        }
        return Table.create("operations", subject, n, equals, compare, hash, trees, maxBin, probe);
    }

    private static double value(Rows at, String metric) {
        return at.metric(metric).first().map(Rows.Row::value).orElse(Double.NaN);
    }

    /** Time per insert against n (log-log, 99% intervals over forks) and the growth table, for the cases timed at two or more sizes. */
    private static void timeCharts(Rows fills, ResultBuilder out) {
        XYChart chart = Charts.logLog("Insert time per key (JMH, " + Finding.confidenceLabel() + " interval over forks)", "n (keys)", "time per insert (ns)");
        StringColumn name = StringColumn.create("case");
        StringColumn range = StringColumn.create("sizes");
        DoubleColumn exponent = DoubleColumn.create("exponent");
        DoubleColumn low = DoubleColumn.create("low");
        DoubleColumn high = DoubleColumn.create("high");
        DoubleColumn r2 = DoubleColumn.create("r2");
        boolean any = false;
        for (CollisionCase c : CollisionCase.values()) {
            List<Integer> ns = sizesOf(fills, c);
            if (ns.size() < 2) continue;
            any = true;
            List<Double> perInsert = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            for (int n : ns) {
                Measured m = fills.where("subject", c.id()).where("n_keys", n).one().measured().scaled(1.0 / n);
                perInsert.add(m.value());
                errors.add(Sweeps.logSafeError(m.value(), m.error()));
            }
            Charts.series(chart, c.label(), ns, perInsert, errors);
            Stats.Growth g = growth(fills, c);
            name.append(c.label());
            range.append(ns.get(0) + ".." + ns.get(ns.size() - 1));
            exponent.append(g.exponent());
            low.append(g.exponentLow());
            high.append(g.exponentHigh());
            r2.append(g.r2());
        }
        if (!any) return;
        out.chart("time per insert", chart);
        out.table("growth", Table.create("growth", name, range, exponent, low, high, r2));
    }

    /**
     * The power law of total fill time against n for case {@code c}, fitted on log-log axes to
     * every fork mean (each fork a point; a stored run without samples gives one point per n), so
     * the exponent's interval reflects fork-to-fork variation as well as the fit.
     */
    static Stats.Growth growth(Rows fills, CollisionCase c) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (Rows.Row r : fills.where("subject", c.id())) {
            double n = r.integer("n_keys");
            Map<Integer, Double> forks = r.measured().forkMeans();
            if (forks.isEmpty()) {
                xs.add(n);
                ys.add(r.value());
            } else {
                for (double y : forks.values()) {
                    xs.add(n);
                    ys.add(y);
                }
            }
        }
        return Stats.growth(xs.stream().mapToDouble(Double::doubleValue).toArray(), ys.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static void findings(Rows rows, ResultBuilder out) {
        userFindings(rows, out);
        out.attempt("noncomparable_equals_per_insert_at_max_n", () -> nonComparableCalls(rows, out));
        out.attempt("noncomparable_growth_exponent", () -> nonComparableGrowth(rows, out));
        out.attempt("comparable_compares_per_insert_at_max_n", () -> comparableCalls(rows, out));
        out.attempt("colliding_vs_random_string", () -> ratio(rows, out, "colliding_vs_random_string", CollisionCase.COLLIDING_STRING, CollisionCase.RANDOM_STRING,
                "Inserting %d colliding Strings into a HashMap", "random Strings of the same length"));
        out.attempt("seeded_content_hash_vs_random", () -> ratio(rows, out, "seeded_content_hash_vs_random", CollisionCase.COLLIDING_STRING_SEEDED,
                CollisionCase.RANDOM_STRING_SEEDED, "Inserting %d colliding Strings into a ProbeMap with a seeded content hash", "random Strings in the same map"));
        peerFindings(rows, out);
        out.attempt("tree_bins", () -> treeBins(rows, out));
    }

    private static void nonComparableCalls(Rows rows, ResultBuilder out) {
        Rows constant = rows.where("subject", CollisionCase.CONSTANT_HASH.id());
        List<Integer> counted = sizesOf(constant.metric("equals_per_insert"), CollisionCase.CONSTANT_HASH);
        if (!counted.isEmpty()) {
            int maxN = counted.get(counted.size() - 1);
            double eq = constant.metric("equals_per_insert").where("n_keys", maxN).one().value();
            out.finding(Finding.count("noncomparable_equals_per_insert_at_max_n", eq, "calls",
                    "Inserting " + maxN + " constant-hash keys that are not Comparable into a HashMap cost %.0f equals calls per insert ("
                            + String.format(Locale.ROOT, "%.2f", eq / maxN) + " n)").where("n_keys", maxN));
        }
    }

    private static void nonComparableGrowth(Rows rows, ResultBuilder out) {
        Rows constantFills = rows.metric("fill_time").where("subject", CollisionCase.CONSTANT_HASH.id());
        List<Integer> timed = sizesOf(constantFills, CollisionCase.CONSTANT_HASH);
        if (timed.size() >= 2) {
            Stats.Growth g = growth(constantFills, CollisionCase.CONSTANT_HASH);
            String range = timed.get(0) + ".." + timed.get(timed.size() - 1);
            out.finding(Finding.estimate("noncomparable_growth_exponent", g.exponentEstimate(), "exponent", Finding.Basis.TIMING,
                    "The total time to insert n constant-hash keys that are not Comparable grew as n^%.2f (least squares on log-log over every fork at n = "
                            + range + ", R² = " + String.format(Locale.ROOT, "%.3f", g.r2()) + "; 2 is quadratic, 1 linear)")
                    .where("sizes", range));
        }
    }

    private static void comparableCalls(Rows rows, ResultBuilder out) {
        Rows comparable = rows.metric("compareto_per_insert").where("subject", CollisionCase.CONSTANT_HASH_COMPARABLE.id());
        List<Integer> cmpSizes = sizesOf(comparable, CollisionCase.CONSTANT_HASH_COMPARABLE);
        if (!cmpSizes.isEmpty()) {
            int maxN = cmpSizes.get(cmpSizes.size() - 1);
            double v = comparable.where("n_keys", maxN).one().value();
            out.finding(Finding.count("comparable_compares_per_insert_at_max_n", v, "calls",
                    "Inserting " + maxN + " constant-hash Comparable keys into a HashMap cost %.1f compareTo calls per insert (log2 n = "
                            + String.format(Locale.ROOT, "%.1f", Math.log(maxN) / Math.log(2)) + ")").where("n_keys", maxN));
        }
    }

    private static void treeBins(Rows rows, ResultBuilder out) {
        Rows trees = rows.metric("tree_bins");
        List<Integer> treeSizes = sizesOf(trees, CollisionCase.COLLIDING_STRING);
        if (!treeSizes.isEmpty()) {
            int maxN = treeSizes.get(treeSizes.size() - 1);
            Rows at = rows.where("subject", CollisionCase.COLLIDING_STRING.id()).where("n_keys", maxN);
            StringBuilder others = new StringBuilder();
            for (CollisionCase c : List.of(CollisionCase.RANDOM_STRING, CollisionCase.CONSTANT_HASH, CollisionCase.DISTINCT_HASH)) {
                trees.where("subject", c.id()).where("n_keys", maxN).first().ifPresent(r ->
                        others.append(others.length() == 0 ? "" : ", ").append(c.id()).append(": ").append(String.format(Locale.ROOT, "%.0f", r.value())));
            }
            out.finding(Finding.count("tree_bins", at.metric("tree_bins").one().value(), "count",
                    "A HashMap holding " + maxN + " colliding Strings had %.0f tree bin(s); its longest bin held "
                            + String.format(Locale.ROOT, "%.0f", value(at, "max_bin_length")) + " keys"
                            + (others.length() == 0 ? "" : " (tree bins for " + others + ")")).where("n_keys", maxN));
        }
    }

    /** The time ratio of case {@code a} to case {@code b} at the largest n both were timed at, paired by round. */
    private static void ratio(Rows rows, ResultBuilder out, String id, CollisionCase a, CollisionCase b, String aLabel, String bLabel) {
        Rows fills = rows.metric("fill_time");
        Set<Integer> common = new LinkedHashSet<>(sizesOf(fills, a));
        common.retainAll(sizesOf(fills, b));
        if (common.isEmpty()) return;
        int n = new TreeSet<>(common).last();
        Measured ma = fills.where("subject", a.id()).where("n_keys", n).one().measured();
        Measured mb = fills.where("subject", b.id()).where("n_keys", n).one().measured();
        out.finding(Finding.timeRatio(id, String.format(Locale.ROOT, aLabel, n), bLabel, ma.ratioTo(mb)).where("n_keys", n));
    }

    /**
     * Per peer library: equals calls per insert of the colliding Strings at the largest counted
     * n (a count) and, when timed, colliding against random Strings in that library's map (a
     * time ratio paired by round) and, when its colliding fill was timed at two or more sizes, the
     * growth exponent of that fill (quadratic: every insert scans the earlier keys with equals).
     * Ids {@code <library>_colliding_equals_per_insert}, {@code colliding_vs_random_string_<library>}
     * and {@code <library>_colliding_growth_exponent}.
     */
    /** "an Agrona Object2ObjectHashMap", "a fastutil ...": a peer case's map with its article. */
    private static String mapOf(CollisionCase c) {
        String map = c.label().replaceFirst("^[^,]*, ", "");
        return ("aeiouAEIOU".indexOf(map.charAt(0)) >= 0 ? "an " : "a ") + map;
    }

    private static void peerFindings(Rows rows, ResultBuilder out) {
        out.inGroup("peers", () -> {
            for (CollisionCase colliding : CollisionCase.values()) {
                if (!colliding.isPeer() || colliding.kind() != maplab.workload.KeyKind.COLLIDING_STRING) continue;
                String lib = colliding.library();
                CollisionCase random = CollisionCase.parse("random_string_" + lib);
                Rows eq = rows.metric("equals_per_insert").where("subject", colliding.id());
                List<Integer> ns = sizesOf(eq, colliding);
                if (!ns.isEmpty()) {
                    int maxN = ns.get(ns.size() - 1);
                    out.attempt(lib + "_colliding_equals_per_insert", () -> out.finding(Finding.count(lib + "_colliding_equals_per_insert",
                            eq.where("n_keys", maxN).one().value(), "calls", "Inserting " + maxN + " colliding Strings into " + mapOf(colliding) + " cost %.0f equals calls per insert (counted)").where("n_keys", maxN)));
                }
                out.attempt("colliding_vs_random_string_" + lib, () -> ratio(rows, out, "colliding_vs_random_string_" + lib, colliding, random,
                        "Inserting %d colliding Strings into " + mapOf(colliding), "random Strings of the same length"));
                Rows fills = rows.metric("fill_time").where("subject", colliding.id());
                List<Integer> timed = sizesOf(fills, colliding);
                if (timed.size() >= 2) {
                    out.attempt(lib + "_colliding_growth_exponent", () -> {
                        Stats.Growth g = growth(fills, colliding);
                        String range = timed.get(0) + ".." + timed.get(timed.size() - 1);
                        out.finding(Finding.estimate(lib + "_colliding_growth_exponent", g.exponentEstimate(), "exponent", Finding.Basis.TIMING,
                                "The time to fill " + mapOf(colliding) + " with n colliding Strings grew as n^%.2f"
                                        + " (least squares on log-log over every fork at n = " + range + ", R² = " + String.format(Locale.ROOT, "%.3f", g.r2())
                                        + "; 2 is quadratic, 1 linear)").where("sizes", range));
                    });
                }
            }
        });
    }
}
