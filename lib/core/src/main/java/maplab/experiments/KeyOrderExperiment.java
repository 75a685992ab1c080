package maplab.experiments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.plan.Unit;
import maplab.subject.intmap.IntMapType;
import maplab.subject.probe.LongProbeMap;
import maplab.subject.probe.ProbeCounters;
import maplab.subject.probe.HashMode;
import maplab.subject.probe.LongHash;
import maplab.subject.probe.ProbeConfig;
import maplab.subject.user.UserSubject;
import maplab.workload.KeyOrder;
import org.knowm.xchart.CategoryChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * key-order: does the order keys are inserted in matter? Inserts the keys 0..n-1 in each
 * {@link KeyOrder} into default-sized, growing maps.
 *
 * <p><b>Measure.</b> In process it counts ProbeMap's probe lengths per insert and per lookup
 * (identity and mixed hash) and reads HashMap's bin lengths by reflection (counts: exact for the
 * seed). With JMH ({@code KeyOrderBench}) it times a pass of lookups in insertion order and a full
 * iteration, per order and subject, in ONE JMH run: fork {@code r} of every cell runs in round
 * {@code r}, so random and ascending order are paired by round. The forks run with the
 * <b>Epsilon</b> collector ({@link #GC_ARGS}): what is timed is where the insertion put the nodes
 * of a {@code HashMap}, and a moving collector (ParallelGC, maplab's default) would rearrange them
 * in its own traversal order whenever a young collection happened to run, which made the result
 * depend on collection timing. The maps are built in {@code @Setup} and nothing is allocated while
 * measuring, so a non-collecting heap of 1 GB is enough.
 *
 * <p><b>Conclude.</b> Probe means and maxima, tree bins and the same-bins check are counts (basis
 * count, interval = value). Random-vs-ascending ratios are time ratios of geometric means over
 * forks with a paired-by-round Student-t interval on the log ratios ({@link maplab.stats.Estimates#ratio}).
 * Every finding records {@code n_keys} (quick and full differ) and the timed ones the collector.
 */
public final class KeyOrderExperiment implements Experiment {

    static final String BENCH = "maplab.bench.KeyOrderBench.(lookup|iterate)";
    /** The timed passes: {@code KeyOrderBench}'s benchmark methods. */
    static final List<String> METHODS = List.of("lookup", "iterate");
    static final int MAX_N = 1 << 21;   // strided keys (i x 1024) must stay ints
    /** The JMH part: every timed cell (lookup and iterate, every subject and order) in one run. */
    static final String PART = "timed";
    /** The collector of the timed forks, as recorded in the rows' {@code gc} column. */
    static final String GC = "epsilon";
    /** Fork JVM arguments appended to maplab's defaults: Epsilon replaces the pinned ParallelGC (a later GC flag wins). */
    static final List<String> GC_ARGS = List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+UseEpsilonGC");

    @Override public String id() { return "key-order"; }

    @Override public String summary() { return "insertion order: probe lengths, bin lengths, lookup and iteration time per order"; }

    /**
     * Quick: n = 2^20 (HashMap's nodes, 64 MB, do not fit the 32 MB L3 cache of the project's
     * machine, which is what the orders are about); only HashMap is timed, in ascending and
     * random order (the cells behind the two contract findings; fastutil and ProbeMap, whose
     * ratios are near 1, only in full), 5 forks of 1x100 ms warm-up + 3x100 ms (a random-order
     * iteration of 2^20 entries takes about 40 ms; a fork costs about 0.7 s with JVM start and
     * the fill). Full: n = 2^21, every subject (the peer libraries' maps included) in ascending,
     * random and strided order, 6 forks of 2x150 ms + 4x150 ms.
     */
    @Override
    public List<ParamSpec> params() {
        String allOrders = String.join(",", KeyOrder.labels());
        String allSubjects = String.join(",", IntMapType.ids());
        return List.of(
                ParamSpec.integer("n", 1024, MAX_N, 1 << 20, 1 << 21, "keys inserted (0..n-1; strided keys are i x " + KeyOrder.STRIDE + ")"),
                ParamSpec.choices("orders", KeyOrder.labels(), allOrders, allOrders, "insertion orders counted in process"),
                ParamSpec.choices("timed_subjects", IntMapType.ids(), "hashmap", allSubjects, "maps timed with JMH"),
                ParamSpec.choices("timed_orders", KeyOrder.labels(), "ascending,random", "ascending,random,strided",
                        "orders timed with JMH (full: three, so every subject, the peer libraries' maps included, fits the full profile's time)"),
                ParamSpec.choices("timed_methods", METHODS, "lookup,iterate", "lookup,iterate", "passes timed with JMH: a lookup of every key in insertion order, a full iteration"),
                ParamSpec.userSubjects("user_subjects", "your own maps (LongMap), timed with JMH beside timed_subjects after the map contract holds", maplab.subject.intmap.LongMap.class, maplab.subject.probe.LongHash.class),
                ParamSpec.effort(PART, Effort.parseOrNull("5:1x100ms+3x100ms"), Effort.parseOrNull("6:2x150ms+4x150ms"),
                        "JMH effort of the lookup and iteration timings (every cell in one run, forks in alternating rounds)"));
    }

    @Override
    public void validate(Params params) {
        List<String> orders = params.getStrings("orders");
        for (String required : List.of("ascending", "random")) {
            if (!orders.contains(required)) {
                throw new IllegalArgumentException("parameter 'orders': bad value '" + String.join(",", orders)
                        + "'; allowed: a list of " + String.join(", ", KeyOrder.labels()) + " that includes ascending and random");
            }
        }
    }

    /**
     * The plan's progress steps: the in-process counts ({@link #countSteps}), then one per JMH
     * cell (timed subject and user subject x timed order x method) and fork (no comparison adds rounds).
     */
    @Override
    public int plannedSteps(Params p) {
        int timed = (p.getStrings("timed_subjects").size() + p.getStrings("user_subjects").size()) * p.getStrings("timed_orders").size();
        long userHashes = p.getStrings("user_subjects").stream().filter(u -> UserSubject.byId("user_subjects", u).facade() == LongHash.class).count();
        return countSteps(p.getStrings("orders").size()) + (int) userHashes * p.getStrings("orders").size()
                + timed * p.getStrings("timed_methods").size() * p.getEffort(PART).plannedForks(false);
    }

    /** Progress steps of the in-process counts: per order, two probe-length counts and one bin count. */
    private static int countSteps(int orders) {
        return orders * 3;
    }

    /** The ProbeMaps whose probe lengths are counted in every order. */
    private static final List<IntMapType> PROBE_SUBJECTS = List.of(IntMapType.PROBEMAP_IDENTITY, IntMapType.PROBEMAP_MIXED);

    /**
     * The plan: per order, the in-process counts (both ProbeMaps' probe lengths, HashMap's bins)
     * and each user hash's probe lengths; then the one JMH run of {@link #timedRun} (a time row per
     * subject, order and method), and the findings those rows give. Histogram rows past the first
     * bucket (probe lengths, bin lengths) depend on the keys: planned as observed and optional.
     */
    @Override
    public void plan(Plan.Builder plan, RunContext context) {
        Params p = plan.params();
        int n = p.getInt("n");
        List<KeyOrder> orders = p.getStrings("orders").stream().map(KeyOrder::parse).toList();
        List<String> userHashes = userHashes(p);
        for (KeyOrder order : orders) {
            plan.step("probe and bin lengths: " + order.label(), 1, countSeconds(order, n));
            for (IntMapType t : PROBE_SUBJECTS) plannedProbeRows(plan, t.id(), order, n);
            Map<String, Object> hashMap = Plan.dims("subject", IntMapType.HASHMAP.id(), "order", order.label(), "n_keys", n);
            plan.count(Plan.dims("subject", IntMapType.HASHMAP.id(), "order", order.label(), "n_keys", n, "bin_length", 0), "buckets", Unit.COUNT);
            plan.optional(true).varying("bin_length");   // one row per bin length up to the longest bin
            plan.count(Plan.dims("subject", IntMapType.HASHMAP.id(), "order", order.label(), "n_keys", n, "bin_length", 1), "buckets", Unit.COUNT);
            plan.optional(false).varying();
            plan.count(hashMap, "max_bin_length", Unit.COUNT);
            plan.count(hashMap, "tree_bins", Unit.COUNT);
        }
        for (String user : userHashes) {
            plan.step("probe lengths: ProbeMap with " + UserSubject.label(user), orders.size(), countSeconds(KeyOrder.RANDOM, n) / 2);
            for (KeyOrder order : orders) plannedProbeRows(plan, user, order, n);
        }
        List<String> subjects = timedSubjectIds(p);
        List<KeyOrder> timedOrders = p.getStrings("timed_orders").stream().map(KeyOrder::parse).toList();
        List<String> methods = p.getStrings("timed_methods");
        if (!subjects.isEmpty() && !timedOrders.isEmpty()) {
            plan.jmh(PART, timedRun(context, subjects, timedOrders, methods, n, context.seed("keys")));
            for (String method : methods) {
                for (String subject : subjects) {
                    for (KeyOrder order : timedOrders) {
                        plan.timed(Plan.dims("subject", subject, "order", order.label(), "n_keys", n, "gc", GC), method + "_time", Unit.NS_PER_OP);
                    }
                }
            }
        }
        plannedFindings(plan, orders, userHashes, subjects, timedOrders, methods);
    }

    /** Rough seconds of one order's counts: two ProbeMap fills and lookups and a HashMap fill; strided keys pile up under the identity hash. */
    private static double countSeconds(KeyOrder order, int n) {
        return (order == KeyOrder.STRIDED ? 1.2e-6 : 4e-7) * n;
    }

    /** The rows {@link #record} writes for one probe-counted subject and order. */
    private static void plannedProbeRows(Plan.Builder plan, String subject, KeyOrder order, int n) {
        Map<String, Object> at = Plan.dims("subject", subject, "order", order.label(), "n_keys", n);
        for (String metric : List.of("insert_probe_mean", "insert_probe_max", "lookup_probe_mean", "lookup_probe_max")) plan.count(at, metric, Unit.PROBES);
        plan.count(at, "resizes", Unit.COUNT);
        plan.count(at, "final_capacity", Unit.COUNT);
        plan.count(Plan.dims("subject", subject, "order", order.label(), "n_keys", n, "probe_length", "0"), "inserts", Unit.COUNT);
        plan.optional(true).varying("probe_length");   // one row per power-of-two bucket up to the longest probe
        plan.count(Plan.dims("subject", subject, "order", order.label(), "n_keys", n, "probe_length", "1"), "inserts", Unit.COUNT);
        plan.optional(false).varying();
    }

    /** The findings {@link #conclude} gives for rows of this plan. */
    private static void plannedFindings(Plan.Builder plan, List<KeyOrder> orders, List<String> userHashes, List<String> subjects,
                                        List<KeyOrder> timedOrders, List<String> methods) {
        List<String> labels = orders.stream().map(KeyOrder::label).toList();
        for (String[] f : PROBE_FINDINGS) if (labels.contains(f[0])) plan.finding("probe_mean_" + f[0] + "_" + f[1]);
        for (String user : userHashes) for (String order : labels) plan.finding("probe_mean_" + order + "_" + UserSubject.findingName(user));
        if (labels.contains("chunked")) plan.finding("probe_max_chunked_identity");
        if (labels.contains("strided")) plan.finding("hashmap_tree_bins_strided");
        if (labels.stream().filter(o -> !o.equals("strided")).count() >= 2) plan.finding("hashmap_bins_same_for_every_order");
        List<String> timedLabels = timedOrders.stream().map(KeyOrder::label).toList();
        for (String method : methods) {
            if (timedLabels.contains("random") && timedLabels.contains("ascending")) for (String subject : subjects) plan.finding(ratioId(method, subject));
            for (String user : subjects) {
                if (!UserSubject.isUserId(user)) continue;
                for (String other : subjects) {
                    if (other.equals(user) || (UserSubject.isUserId(other) && other.compareTo(user) < 0)) continue;
                    for (String order : timedLabels) plan.finding(userComparisonId(method, order, user, other));
                }
            }
        }
    }

    /** The user subjects that are hashes (LongHash): their probe lengths are counted in process as ProbeMap's hash. */
    private static List<String> userHashes(Params p) {
        return p.getStrings("user_subjects").stream().filter(u -> UserSubject.byId("user_subjects", u).facade() == LongHash.class).toList();
    }

    /** The subjects timed with JMH: timed_subjects, then every user subject. */
    private static List<String> timedSubjectIds(Params p) {
        List<String> out = new ArrayList<>(p.getStrings("timed_subjects").stream().map(IntMapType::parse).map(IntMapType::id).toList());
        out.addAll(p.getStrings("user_subjects"));
        return out;
    }

    /** The one JMH run: every subject, order and method, forks with the Epsilon collector ({@link #GC_ARGS}). */
    private static Jmh timedRun(RunContext ctx, List<String> subjectIds, List<KeyOrder> timedOrders, List<String> methods, int n, long keySeed) {
        return ctx.jmh(methods.size() == METHODS.size() ? BENCH : "maplab.bench.KeyOrderBench.(" + String.join("|", methods) + ")", PART)
                .param("subject", subjectIds)
                .param("order", timedOrders)
                .param("n", String.valueOf(n))
                .param("seed", String.valueOf(keySeed))
                .jvmArgsAppend(GC_ARGS.toArray(String[]::new));
    }

    @Override
    public void measure(RunContext ctx) {
        int n = ctx.params().getInt("n");
        List<KeyOrder> orders = ctx.params().getStrings("orders").stream().map(KeyOrder::parse).toList();
        List<KeyOrder> timedOrders = ctx.params().getStrings("timed_orders").stream().map(KeyOrder::parse).toList();
        long keySeed = ctx.seed("keys");
        ResultBuilder out = ctx.result();

        // ---- in process: probe lengths (ProbeMap) and bin lengths (HashMap), exact for the seed ----
        ctx.progress().addSteps(countSteps(orders.size()));
        for (KeyOrder order : orders) {
            int[] keys = order.intKeys(n, keySeed);
            for (IntMapType t : PROBE_SUBJECTS) {
                ctx.progress().step("probe lengths: " + t.label() + ", " + order.label());
                LongProbeMap m = IntMapType.fillProbeMap(keys, t.probeConfig(true));
                for (int k : keys) {
                    if (m.get(k) != k) throw new IllegalStateException(t.label() + " lost key " + k);
                }
                record(out, t, order, n, m.counters(), m.capacity());
            }
            ctx.progress().step("bin lengths: HashMap, " + order.label());
            Integer[] boxed = Arrays.stream(keys).boxed().toArray(Integer[]::new);
            HashMapInternals.Bins b = HashMapInternals.bins(IntMapType.fillHashMap(boxed));
            long[] h = b.histogram();
            for (int len = 0; len < h.length; len++) {
                out.row().with("subject", IntMapType.HASHMAP.id()).with("order", order.label()).with("n_keys", n).with("bin_length", len)
                        .measure("buckets", h[len], Unit.COUNT);
            }
            out.row().with("subject", IntMapType.HASHMAP.id()).with("order", order.label()).with("n_keys", n).measure("max_bin_length", b.maxLength(), Unit.COUNT);
            out.row().with("subject", IntMapType.HASHMAP.id()).with("order", order.label()).with("n_keys", n).measure("tree_bins", b.treeBins(), Unit.COUNT);
        }
        // ---- in process: probe lengths of ProbeMap with each user hash (LongHash) ----
        for (String user : userHashes(ctx.params())) {
            UserSubject u = UserSubject.byId("user_subjects", user);
            ctx.progress().addSteps(orders.size());
            for (KeyOrder order : orders) {
                ctx.progress().step("probe lengths: ProbeMap with " + UserSubject.label(user) + ", " + order.label());
                int[] keys = order.intKeys(n, keySeed);
                LongProbeMap m = IntMapType.fillProbeMap(keys, ProbeConfig.of(HashMode.MIXED).withUserHash(u.newHash()).withCounting(true));
                for (int k : keys) {
                    if (m.get(k) != k) throw new IllegalStateException("ProbeMap with " + user + " lost key " + k);
                }
                record(out, user, order, n, m.counters(), m.capacity());
            }
        }

        // ---- JMH: lookup and iteration time per order, every cell in one run (forks in alternating rounds) ----
        List<String> subjectIds = timedSubjectIds(ctx.params());
        if (subjectIds.isEmpty() || timedOrders.isEmpty()) return;
        List<String> methods = ctx.params().getStrings("timed_methods");
        Jmh jmh = timedRun(ctx, subjectIds, timedOrders, methods, n, keySeed);
        out.note("gc", "JMH forks: " + String.join(" ", jmh.forkJvmArgs()) + " (Epsilon: no collector ever moves an object, so the"
                + " nodes of HashMap stay where the insertion put them; maps built in @Setup, nothing allocated while measuring)");
        for (JmhScore s : jmh.run()) {
            double scale = nanosPer(s.unit()) / n;
            out.row().with("subject", s.param("subject")).with("order", s.param("order", KeyOrder.class).label()).with("n_keys", n).with("gc", GC)
                    .measure(s.method() + "_time", s.measured().scaled(scale), Unit.NS_PER_OP);
        }
    }

    // ------------------------------------------------------------------ conclude

    @Override
    public void conclude(RunData data, ResultBuilder out) {
        Rows rows = data.rows();
        int n = data.params().getInt("n");
        probeChartsAndTable(rows, n, out);
        probeFindings(rows, n, out);
        binFindings(rows, n, out);
        timingFindings(rows, n, out);
    }

    /** The probe-length charts of ProbeMap's hashes, HashMap's bin lengths and the probe table (counts). */
    private static void probeChartsAndTable(Rows rows, int n, ResultBuilder out) {
        List<String> probeSubjects = List.of(IntMapType.PROBEMAP_IDENTITY.id(), IntMapType.PROBEMAP_MIXED.id());
        for (String subject : probeSubjects) {
            Rows inserts = rows.metric("inserts").where("subject", subject);
            if (!inserts.isEmpty()) out.chart("probe lengths " + subject, probeChart(IntMapType.parse(subject), rows, n));
        }
        if (!rows.metric("buckets").isEmpty()) out.chart("hashmap bin lengths", binChart(rows, n));
        if (!rows.metric("insert_probe_mean").isEmpty()) out.table("probe lengths", probeTable(rows));
    }

    /**
     * {@code probe_mean_<order>_<hash>}, the user hashes' and {@code probe_max_chunked_identity}:
     * ProbeMap's probes per insert (counted).
     */
    private static void probeFindings(Rows rows, int n, ResultBuilder out) {
        for (String[] f : PROBE_FINDINGS) {
            out.attempt("probe_mean_" + f[0] + "_" + f[1], () -> {
                Rows mean = rows.metric("insert_probe_mean").where("subject", "probemap_" + f[1]).where("order", f[0]);
                if (mean.isEmpty()) return;
                Rows.Row max = rows.metric("insert_probe_max").where("subject", "probemap_" + f[1]).where("order", f[0]).one();
                out.finding(Finding.count("probe_mean_" + f[0] + "_" + f[1], mean.one().value(), "probes",
                        "With the " + f[1] + " hash, inserting " + n + " keys in " + f[0] + " order into a growing ProbeMap took %.3f probes"
                                + " per insert beyond the home slot (longest: " + (long) max.value() + "; counted, exact for this seed)").where("n_keys", n));
            });
        }
        out.inGroup("user_subjects", () -> userHashProbeFindings(rows, n, out));
        out.attempt("probe_max_chunked_identity", () -> {
            Rows chunkedMax = rows.metric("insert_probe_max").where("subject", IntMapType.PROBEMAP_IDENTITY.id()).where("order", "chunked");
            Rows ascendingMax = rows.metric("insert_probe_max").where("subject", IntMapType.PROBEMAP_IDENTITY.id()).where("order", "ascending");
            if (!chunkedMax.isEmpty() && !ascendingMax.isEmpty()) {
                out.finding(Finding.count("probe_max_chunked_identity", chunkedMax.one().value(), "probes",
                        "With the identity hash, the longest insert in chunked order (runs of " + KeyOrder.CHUNK + " keys, runs shuffled) probed %.0f"
                                + " slots beyond its home slot, against " + (long) ascendingMax.one().value() + " in ascending order (counted)").where("n_keys", n));
            }
        });
    }

    /** HashMap's bins: tree bins under strided keys, and bin lengths that do not depend on the order (counted). */
    private static void binFindings(Rows rows, int n, ResultBuilder out) {
        out.attempt("hashmap_tree_bins_strided", () -> {
            Rows stridedTrees = rows.metric("tree_bins").where("subject", IntMapType.HASHMAP.id()).where("order", "strided");
            if (!stridedTrees.isEmpty()) {
                long longest = (long) rows.metric("max_bin_length").where("subject", IntMapType.HASHMAP.id()).where("order", "strided").one().value();
                out.finding(Finding.count("hashmap_tree_bins_strided", stridedTrees.one().value(), "count",
                        "Strided keys (multiples of " + KeyOrder.STRIDE + ") piled up in HashMap bins of up to " + longest
                                + " entries, and %.0f bins became red-black trees (counted)").where("n_keys", n));
            }
        });
        out.attempt("hashmap_bins_same_for_every_order", () -> {
            Map<String, List<String>> histograms = binHistograms(rows);
            histograms.remove("strided");
            if (histograms.size() >= 2) {
                boolean same = histograms.values().stream().distinct().count() == 1;
                out.finding(Finding.count("hashmap_bins_same_for_every_order", same ? 1 : 0, "boolean", same
                        ? "HashMap's bin lengths were identical for every order of the keys 0..n-1 (" + String.join(", ", histograms.keySet())
                                + "): its structure does not depend on insertion order (counted)"
                        : "HashMap's bin lengths differed between orders of the same keys (" + String.join(", ", histograms.keySet()) + ", counted)")
                        .where("n_keys", n));
            }
        });

    }

    /** Time charts and the ratios of random to ascending order per subject, paired by round (JMH). */
    private static void timingFindings(Rows rows, int n, ResultBuilder out) {
        out.groups("peers", "user_subjects");
        for (String method : List.of("iterate", "lookup")) {
            Rows times = rows.metric(method + "_time");
            if (times.isEmpty()) continue;
            out.chart(method.equals("iterate") ? "iteration time" : "lookup time", timeChart(method.equals("iterate")
                    ? "Full iteration per key" : "Lookup per key, in insertion order", times, n));
            for (String subject : times.distinct("subject")) {
                out.attempt(ratioId(method, subject), () -> {
                    Rows random = times.where("subject", subject).where("order", "random");
                    Rows ascending = times.where("subject", subject).where("order", "ascending");
                    if (random.isEmpty() || ascending.isEmpty()) return;
                    String label = label(subject);
                    String gc = gcOf(random.one());
                    String a = method.equals("iterate") ? "Iterating a " + label + " filled in random order"
                            : "Looking up every key of a " + label + " filled and read in random order";
                    String b = method.equals("iterate") ? "one filled in ascending order" : "one filled and read in ascending order";
                    out.finding(Finding.timeRatio(ratioId(method, subject), a, b, random.one().measured().ratioTo(ascending.one().measured()))
                            .where("n_keys", n).where("gc", gc).inGroup(isPeer(subject) ? "peers" : UserSubject.isUserId(subject) ? "user_subjects" : ""));
                });
            }
            out.inGroup("user_subjects", () -> userComparisons(method, times, n, out));
        }
    }

    /**
     * For each user hash counted (rows of a {@code user:} subject with probe counts), per order:
     * {@code probe_mean_<order>_<user>} (probes per insert beyond the home slot, exact for the seed),
     * with the mixed hash's mean in the same order in the sentence when it was counted.
     */
    private static void userHashProbeFindings(Rows rows, int n, ResultBuilder out) {
        Rows means = rows.metric("insert_probe_mean");
        for (String subject : means.distinct("subject")) {
            if (!UserSubject.isUserId(subject)) continue;
            for (String order : means.where("subject", subject).distinct("order")) {
                out.attempt("probe_mean_" + order + "_" + UserSubject.findingName(subject), () -> {
                    Rows.Row max = rows.metric("insert_probe_max").where("subject", subject).where("order", order).one();
                    Rows mixed = means.where("subject", IntMapType.PROBEMAP_MIXED.id()).where("order", order);
                    String against = mixed.isEmpty() ? "" : String.format(java.util.Locale.ROOT, "; the mixed hash: %.3f", mixed.one().value());
                    out.finding(Finding.count("probe_mean_" + order + "_" + UserSubject.findingName(subject), means.where("subject", subject).where("order", order).one().value(),
                            "probes", "With " + UserSubject.label(subject) + " as ProbeMap's hash, inserting " + n + " keys in " + order
                                    + " order took %.3f probes per insert beyond the home slot (longest: " + (long) max.value() + against
                                    + "; counted, exact for this seed)").where("n_keys", n));
                });
            }
        }
    }

    /**
     * Each user subject against every built-in subject timed beside it, per order:
     * {@code <method>_<order>_<user>_vs_<subject>} (time ratio, paired by round).
     */
    private static void userComparisons(String method, Rows times, int n, ResultBuilder out) {
        List<String> subjects = times.distinct("subject");
        for (String user : subjects) {
            if (!UserSubject.isUserId(user)) continue;
            for (String other : subjects) {
                if (other.equals(user) || (UserSubject.isUserId(other) && other.compareTo(user) < 0)) continue;   // each pair of user subjects once
                for (String order : times.distinct("order")) {
                    String id = userComparisonId(method, order, user, other);
                    out.attempt(id, () -> {
                        Rows mine = times.where("subject", user).where("order", order);
                        Rows theirs = times.where("subject", other).where("order", order);
                        if (mine.isEmpty() || theirs.isEmpty()) return;
                        String what = method.equals("iterate") ? "Iterating " : "Looking up every key of ";
                        out.finding(Finding.timeRatio(id, what + "a " + label(user) + " filled in " + order + " order", "a " + label(other),
                                mine.one().measured().ratioTo(theirs.one().measured()))
                                .where("n_keys", n).where("order", order).where("gc", gcOf(mine.one())));
                    });
                }
            }
        }
    }

    /** {@code <method>_<order>_<user>_vs_<subject>}: a user subject's time against another subject's in one order. */
    static String userComparisonId(String method, String order, String user, String other) {
        return method + "_" + order + "_" + UserSubject.findingName(user) + "_vs_" + findingName(other);
    }

    /** The probe-length findings of the built-in ProbeMaps: {order, hash}, id {@code probe_mean_<order>_<hash>}. */
    static final String[][] PROBE_FINDINGS = {{"ascending", "identity"}, {"random", "identity"}, {"ascending", "mixed"}, {"random", "mixed"},
            {"chunked", "identity"}, {"strided", "identity"}, {"descending", "identity"}};

    /** How a subject id reads: a built-in's label, or a user subject's class name. */
    static String label(String subject) {
        return UserSubject.isUserId(subject) ? UserSubject.label(subject) : IntMapType.parse(subject).label();
    }

    /** A subject in a finding id: the built-in id, or {@code user_<class name>}. */
    static String findingName(String subject) {
        return UserSubject.isUserId(subject) ? UserSubject.findingName(subject) : subject;
    }

    /** The id of a random-vs-ascending time ratio for a subject id (built-in or user). */
    /** Whether {@code subject} is a peer library's map (not HashMap, ProbeMap or a user's). */
    static boolean isPeer(String subject) {
        if (UserSubject.isUserId(subject)) return false;
        IntMapType t = IntMapType.parse(subject);
        return t != IntMapType.HASHMAP && !t.id().startsWith("probemap");
    }

    static String ratioId(String method, String subject) {
        if (UserSubject.isUserId(subject)) return method + "_random_vs_ascending_" + UserSubject.findingName(subject);
        return ratioId(method, IntMapType.parse(subject));
    }

    /** The id of a random-vs-ascending time ratio: HashMap's carry the ids of the contract, other subjects a suffix. */
    static String ratioId(String method, IntMapType t) {
        if (t == IntMapType.HASHMAP) return method.equals("iterate") ? "hashmap_iterate_random_vs_ascending" : "lookup_random_vs_ascending";
        return method + "_random_vs_ascending_" + t.id();
    }

    /**
     * The collector the timed forks ran with: the {@code gc} column; runs made before it existed
     * ran with maplab's default fork arguments, which pinned ParallelGC.
     */
    static String gcOf(Rows.Row row) {
        return row.has("gc") ? row.str("gc") : "parallel";
    }

    /** Bin-length histogram of HashMap per order, as "length=count" cells in length order (empty buckets included). */
    private static Map<String, List<String>> binHistograms(Rows rows) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Rows.Row r : rows.metric("buckets").where("subject", IntMapType.HASHMAP.id())) {
            out.computeIfAbsent(r.str("order"), o -> new ArrayList<>()).add(r.str("bin_length") + "=" + (long) r.value());
        }
        return out;
    }

    private static void record(ResultBuilder out, IntMapType t, KeyOrder order, int n, ProbeCounters c, int capacity) {
        record(out, t.id(), order, n, c, capacity);
    }

    private static void record(ResultBuilder out, String subject, KeyOrder order, int n, ProbeCounters c, int capacity) {
        out.row().with("subject", subject).with("order", order.label()).with("n_keys", n).measure("insert_probe_mean", c.meanInsertProbe(), Unit.PROBES);
        out.row().with("subject", subject).with("order", order.label()).with("n_keys", n).measure("insert_probe_max", c.maxInsertProbe(), Unit.PROBES);
        out.row().with("subject", subject).with("order", order.label()).with("n_keys", n).measure("lookup_probe_mean", c.meanLookupProbe(), Unit.PROBES);
        out.row().with("subject", subject).with("order", order.label()).with("n_keys", n).measure("lookup_probe_max", c.maxLookupProbe(), Unit.PROBES);
        out.row().with("subject", subject).with("order", order.label()).with("n_keys", n).measure("resizes", c.resizes(), Unit.COUNT);
        out.row().with("subject", subject).with("order", order.label()).with("n_keys", n).measure("final_capacity", capacity, Unit.COUNT);
        long[] h = c.insertHistogram();
        List<String> labels = bucketLabels(h.length);
        long[] buckets = bucket(h);
        for (int b = 0; b < buckets.length; b++) {
            out.row().with("subject", subject).with("order", order.label()).with("n_keys", n).with("probe_length", labels.get(b))
                    .measure("inserts", buckets[b], Unit.COUNT);
        }
    }

    /** Histogram in power-of-two buckets: 0, 1, 2-3, 4-7, ... */
    static long[] bucket(long[] histogram) {
        long[] out = new long[bucketOf(Math.max(0, histogram.length - 1)) + 1];
        for (int p = 0; p < histogram.length; p++) out[bucketOf(p)] += histogram[p];
        return out;
    }

    static int bucketOf(int probe) {
        return probe == 0 ? 0 : 32 - Integer.numberOfLeadingZeros(probe);
    }

    static List<String> bucketLabels(int histogramLength) {
        int buckets = bucketOf(Math.max(0, histogramLength - 1)) + 1;
        List<String> labels = new ArrayList<>();
        for (int b = 0; b < buckets; b++) {
            if (b <= 1) labels.add(String.valueOf(b));
            else labels.add((1 << (b - 1)) + "-" + ((1 << b) - 1));
        }
        return labels;
    }

    /** Per order: share of inserts per probe-length bucket, from the stored {@code inserts} rows. */
    private static CategoryChart probeChart(IntMapType t, Rows rows, int n) {
        Rows inserts = rows.metric("inserts").where("subject", t.id());
        List<String> labels = List.of();
        for (String order : inserts.distinct("order")) {
            List<String> l = inserts.where("order", order).distinct("probe_length");
            if (l.size() > labels.size()) labels = l;
        }
        CategoryChart chart = Charts.bars(t.label() + ": probe lengths per insert (n = " + n + ")",
                "probe length (slots beyond the home slot)", "share of inserts (%)");
        for (String order : inserts.distinct("order")) {
            Rows byOrder = inserts.where("order", order);
            double total = byOrder.list().stream().mapToDouble(Rows.Row::value).sum();
            Map<String, Double> count = new LinkedHashMap<>();
            for (Rows.Row r : byOrder) count.put(r.str("probe_length"), r.value());
            List<Double> share = labels.stream().map(l -> 100.0 * count.getOrDefault(l, 0.0) / total).toList();
            Optional<Rows.Row> mean = rows.metric("insert_probe_mean").where("subject", t.id()).where("order", order).first();
            Optional<Rows.Row> max = rows.metric("insert_probe_max").where("subject", t.id()).where("order", order).first();
            String series = mean.isPresent() && max.isPresent()   // a run that stopped part way may lack them: the order alone then
                    ? order + String.format(Locale.ROOT, " (mean %.2f, max %d)", mean.get().value(), (long) max.get().value()) : order;
            Charts.bars(chart, series, labels, share, null);
        }
        return chart;
    }

    /** HashMap's bin-length histogram per order, from the stored {@code buckets} rows. */
    private static CategoryChart binChart(Rows rows, int n) {
        Rows buckets = rows.metric("buckets").where("subject", IntMapType.HASHMAP.id());
        int longest = buckets.list().stream().mapToInt(r -> (int) r.integer("bin_length")).max().orElse(0) + 1;
        List<String> labels = new ArrayList<>();
        for (int l = 0; l < longest; l++) labels.add(String.valueOf(l));
        CategoryChart chart = Charts.bars("HashMap<Integer,Integer>: bin lengths (n = " + n + ")",
                "bin length (entries in the bucket)", "buckets (count)");
        for (String order : buckets.distinct("order")) {
            Double[] h = new Double[longest];
            Arrays.fill(h, 0.0);
            for (Rows.Row r : buckets.where("order", order)) h[(int) r.integer("bin_length")] = r.value();
            long trees = rows.metric("tree_bins").where("subject", IntMapType.HASHMAP.id()).where("order", order).first()
                    .map(r -> (long) r.value()).orElse(0L);
            Charts.bars(chart, order + " (tree bins " + trees + ")", labels, Arrays.asList(h), null);
        }
        return chart;
    }

    /** Mean and longest probe per insert and per lookup, resizes: one line per subject and order. */
    private static Table probeTable(Rows rows) {
        StringColumn subject = StringColumn.create("subject");
        StringColumn order = StringColumn.create("order");
        DoubleColumn insertMean = DoubleColumn.create("insert_probe_mean");
        DoubleColumn insertMax = DoubleColumn.create("insert_probe_max");
        DoubleColumn lookupMean = DoubleColumn.create("lookup_probe_mean");
        DoubleColumn lookupMax = DoubleColumn.create("lookup_probe_max");
        DoubleColumn resizes = DoubleColumn.create("resizes");
        for (Rows.Row r : rows.metric("insert_probe_mean")) {
            Rows same = rows.where("subject", r.str("subject")).where("order", r.str("order"));
            subject.append(r.str("subject"));
            order.append(r.str("order"));
            insertMean.append(r.value());
            insertMax.append(valueOf(same, "insert_probe_max"));
            lookupMean.append(valueOf(same, "lookup_probe_mean"));
            lookupMax.append(valueOf(same, "lookup_probe_max"));
            resizes.append(valueOf(same, "resizes"));
        }
        return Table.create("probe lengths", subject, order, insertMean, insertMax, lookupMean, lookupMax, resizes);
    }

    private static double valueOf(Rows rows, String metric) {
        return rows.metric(metric).first().map(Rows.Row::value).orElse(Double.NaN);
    }

    /** Time per key by order, one series per subject, error bars the rows' 99% intervals over forks. */
    private static CategoryChart timeChart(String what, Rows times, int n) {
        CategoryChart chart = Charts.bars(what + " (n = " + n + ", " + Finding.confidenceLabel() + " intervals over forks)",
                "insertion order", "time (ns per key)");
        List<String> orders = times.distinct("order");
        for (String subject : times.distinct("subject")) {
            Rows bySubject = times.where("subject", subject);
            List<Double> values = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            for (String o : orders) {
                Rows.Row r = bySubject.where("order", o).first().orElse(null);
                values.add(r == null ? 0.0 : r.value());
                errors.add(r == null || Double.isNaN(r.error()) ? 0.0 : r.error());
            }
            Charts.bars(chart, label(subject), orders, values, errors);
        }
        return chart;
    }

    /** Nanoseconds in one unit of a JMH score such as "us/op". */
    static double nanosPer(String jmhUnit) {
        return switch (jmhUnit.trim()) {
            case "ns/op" -> 1;
            case "us/op" -> 1e3;
            case "ms/op" -> 1e6;
            case "s/op" -> 1e9;
            default -> throw new IllegalStateException("unexpected JMH unit " + jmhUnit + " (expected a time per operation)");
        };
    }
}
