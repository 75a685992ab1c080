package maplab.experiments.keyorder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import maplab.subject.jdk.HashMapInternals;
import maplab.measure.Jmh;
import maplab.measure.JmhScore;
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
import maplab.experiments.RunContext;
import static maplab.experiments.keyorder.KeyOrderCharts.bucketLabels;
import static maplab.experiments.keyorder.KeyOrderExperiment.BENCH;
import static maplab.experiments.keyorder.KeyOrderExperiment.GC;
import static maplab.experiments.keyorder.KeyOrderExperiment.GC_ARGS;
import static maplab.experiments.keyorder.KeyOrderExperiment.METHODS;
import static maplab.experiments.keyorder.KeyOrderExperiment.PART;
import static maplab.experiments.keyorder.KeyOrderExperiment.PROBE_SUBJECTS;
import static maplab.experiments.keyorder.KeyOrderExperiment.countSteps;
import static maplab.experiments.keyorder.KeyOrderExperiment.timedSubjectIds;
import static maplab.experiments.keyorder.KeyOrderExperiment.userHashes;

/**
 * key-order's measurement ({@link KeyOrderExperiment#measure}): probe lengths and bin lengths counted
 * in process per order, then the lookups and iteration timed by JMH; writes rows only.
 */
final class KeyOrderMeasure {

    private KeyOrderMeasure() { }

    /**
     * The one JMH run: every subject, order and method, forks with the Epsilon collector
     * ({@link KeyOrderExperiment#GC_ARGS}), with the findings' comparisons (to which a sequential
     * effort adds rounds): per method, each subject's random order against ascending (with the
     * finding's equivalence margin), and each user's subject against every other one, per order.
     */
    static Jmh timedRun(RunContext ctx, List<String> subjectIds, List<KeyOrder> timedOrders, List<String> methods, int n, long keySeed) {
        Jmh run = ctx.jmh(methods.size() == METHODS.size() ? BENCH : "maplab.bench.KeyOrderBench.(" + String.join("|", methods) + ")", PART)
                .subjects("subject", subjectIds, IntMapType::parse, IntMapType.USER)
                .param("order", timedOrders)
                .param("n", String.valueOf(n))
                .param("seed", String.valueOf(keySeed))
                .jvmArgsAppend(GC_ARGS.toArray(String[]::new));
        for (String method : methods) {
            if (timedOrders.containsAll(List.of(KeyOrder.RANDOM, KeyOrder.ASCENDING))) {
                for (String s : subjectIds) {
                    run.compare(cell(method, s, KeyOrder.RANDOM), cell(method, s, KeyOrder.ASCENDING),
                            KeyOrderConclude.equivalenceMargin(KeyOrderConclude.ratioId(method, s)));
                }
            }
            for (String user : subjectIds.stream().filter(UserSubject::isUserId).toList()) {
                for (String other : subjectIds) {
                    if (other.equals(user) || (UserSubject.isUserId(other) && other.compareTo(user) < 0)) continue;   // as KeyOrderConclude.userComparisons
                    for (KeyOrder order : timedOrders) run.compare(cell(method, user, order), cell(method, other, order));
                }
            }
        }
        return run;
    }

    /** The JMH selector of one timed cell: method, subject (a user's id, or a built-in constant in JMH's spelling) and order. */
    private static Map<String, String> cell(String method, String subject, KeyOrder order) {
        return UserSubject.isUserId(subject) ? Map.of("benchmark", method, Jmh.USER_PARAM, subject, "order", order.name())
                : Map.of("benchmark", method, "subject", IntMapType.parse(subject).name(), Jmh.USER_PARAM, "", "order", order.name());
    }

    static void measure(RunContext ctx) {
        int n = ctx.params().getInt("n");
        List<KeyOrder> orders = ctx.params().getStrings("orders").stream().map(KeyOrder::parse).toList();
        List<KeyOrder> timedOrders = ctx.params().getStrings("timed_orders").stream().map(KeyOrder::parse).toList();
        long keySeed = ctx.seed("keys");
        ResultBuilder out = ctx.result();

        if (ctx.shard().first()) {   // not JMH rounds: measured once when the run is split into shards
            probeAndBinLengths(ctx, out, orders, n, keySeed);
            userHashProbeLengths(ctx, out, orders, n, keySeed);
        }
        timed(ctx, out, timedOrders, n, keySeed);
    }

    /** In process: probe lengths (ProbeMap) and bin lengths (HashMap) per order, exact for the seed. */
    private static void probeAndBinLengths(RunContext ctx, ResultBuilder out, List<KeyOrder> orders, int n, long keySeed) {
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
    }

    /** In process: probe lengths of ProbeMap with each user hash (LongHash), per order. */
    private static void userHashProbeLengths(RunContext ctx, ResultBuilder out, List<KeyOrder> orders, int n, long keySeed) {
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
    }

    /** JMH: lookup and iteration time per order, every cell in one run (forks in alternating rounds). */
    private static void timed(RunContext ctx, ResultBuilder out, List<KeyOrder> timedOrders, int n, long keySeed) {
        List<String> subjectIds = timedSubjectIds(ctx.params());
        if (subjectIds.isEmpty() || timedOrders.isEmpty()) return;
        List<String> methods = ctx.params().getStrings("timed_methods");
        Jmh jmh = timedRun(ctx, subjectIds, timedOrders, methods, n, keySeed);
        out.note("gc", "JMH forks: " + String.join(" ", jmh.forkJvmArgs()) + " (Epsilon: no collector ever moves an object, so the"
                + " nodes of HashMap stay where the insertion put them; maps built in @Setup, nothing allocated while measuring)");
        for (JmhScore s : jmh.run()) {
            double scale = nanosPer(s.unit()) / n;
            out.row().with("subject", s.subject("subject", IntMapType.class, IntMapType::id)).with("order", s.param("order", KeyOrder.class).label()).with("n_keys", n).with("gc", GC)
                    .measure(s.method() + "_time", s.measured().scaled(scale), Unit.NS_PER_OP);
        }
    }

    /** Bin-length histogram of HashMap per order, as "length=count" cells in length order (empty buckets included). */
    static Map<String, List<String>> binHistograms(Rows rows) {
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
