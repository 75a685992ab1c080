package maplab.experiments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import maplab.subject.intmap.IntMapType;
import maplab.subject.probe.LongProbeMap;
import maplab.subject.probe.ProbeCounters;
import maplab.workload.KeyOrder;
import org.knowm.xchart.CategoryChart;

/**
 * key-order: does the order keys are inserted in matter? Inserts the keys 0..n-1 in each
 * {@link KeyOrder} into default-sized, growing maps. In process it counts ProbeMap's probe
 * lengths per insert and per lookup (identity and mixed hash) and reads HashMap's bin lengths
 * by reflection; with JMH ({@code KeyOrderBench}, forked JVMs, ParallelGC pinned) it times a
 * pass of lookups in insertion order and a full iteration, per order and subject.
 */
public final class KeyOrderExperiment implements Experiment {

    static final String BENCH = "maplab.bench.KeyOrderBench.(lookup|iterate)";
    static final int MAX_N = 1 << 21;   // strided keys (i x 1024) must stay ints

    @Override public String id() { return "key-order"; }

    @Override public String summary() { return "insertion order: probe lengths, bin lengths, lookup and iteration time per order"; }

    @Override
    public List<ParamSpec> params() {
        String allOrders = String.join(",", KeyOrder.labels());
        String allSubjects = String.join(",", IntMapType.ids());
        return List.of(
                ParamSpec.integer("n", 1024, MAX_N, 1 << 20, 1 << 21, "keys inserted (0..n-1; strided keys are i x " + KeyOrder.STRIDE + ")"),
                ParamSpec.choices("orders", KeyOrder.labels(), allOrders, allOrders, "insertion orders counted in process"),
                ParamSpec.choices("timed_subjects", IntMapType.ids(), "hashmap,fastutil", allSubjects, "maps timed with JMH"),
                ParamSpec.choices("timed_orders", KeyOrder.labels(), "ascending,random", allOrders, "orders timed with JMH"));
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

    @Override
    public void measure(RunContext ctx) {
        int n = ctx.params().getInt("n");
        List<KeyOrder> orders = ctx.params().getStrings("orders").stream().map(KeyOrder::parse).toList();
        List<IntMapType> timedSubjects = ctx.params().getStrings("timed_subjects").stream().map(IntMapType::parse).toList();
        List<KeyOrder> timedOrders = ctx.params().getStrings("timed_orders").stream().map(KeyOrder::parse).toList();
        long keySeed = ctx.seed("keys");
        ResultBuilder out = ctx.result();

        // ---- in process: probe lengths (ProbeMap) and bin lengths (HashMap) ----
        Map<IntMapType, Map<KeyOrder, ProbeCounters>> inserts = new LinkedHashMap<>();
        Map<KeyOrder, HashMapInternals.Bins> bins = new LinkedHashMap<>();
        ctx.progress().addSteps(orders.size() * 3);
        for (KeyOrder order : orders) {
            int[] keys = order.intKeys(n, keySeed);
            for (IntMapType t : List.of(IntMapType.PROBEMAP_IDENTITY, IntMapType.PROBEMAP_MIXED)) {
                ctx.progress().step("probe lengths: " + t.label() + ", " + order.label());
                LongProbeMap m = IntMapType.fillProbeMap(keys, t.probeConfig(true));
                for (int k : keys) {
                    if (m.get(k) != k) throw new IllegalStateException(t.label() + " lost key " + k);
                }
                ProbeCounters c = m.counters();
                record(out, t, order, n, c, m.capacity());
                inserts.computeIfAbsent(t, x -> new LinkedHashMap<>()).put(order, c);
            }
            ctx.progress().step("bin lengths: HashMap, " + order.label());
            Integer[] boxed = Arrays.stream(keys).boxed().toArray(Integer[]::new);
            HashMap<Integer, Integer> hm = IntMapType.fillHashMap(boxed);
            HashMapInternals.Bins b = HashMapInternals.bins(hm);
            bins.put(order, b);
            long[] h = b.histogram();
            for (int len = 0; len < h.length; len++) {
                out.row().with("subject", IntMapType.HASHMAP.id()).with("order", order.label()).with("n_keys", n).with("bin_length", len)
                        .measure("buckets", h[len], Unit.COUNT);
            }
            out.row().with("subject", IntMapType.HASHMAP.id()).with("order", order.label()).with("n_keys", n).measure("max_bin_length", b.maxLength(), Unit.COUNT);
            out.row().with("subject", IntMapType.HASHMAP.id()).with("order", order.label()).with("n_keys", n).measure("tree_bins", b.treeBins(), Unit.COUNT);
        }
        for (IntMapType t : inserts.keySet()) out.chart("probe lengths " + t.id(), probeChart(t, inserts.get(t), n));
        out.chart("hashmap bin lengths", binChart(bins, n));

        ProbeCounters ai = inserts.get(IntMapType.PROBEMAP_IDENTITY).get(KeyOrder.ASCENDING);
        ProbeCounters ri = inserts.get(IntMapType.PROBEMAP_IDENTITY).get(KeyOrder.RANDOM);
        ProbeCounters am = inserts.get(IntMapType.PROBEMAP_MIXED).get(KeyOrder.ASCENDING);
        ProbeCounters rm = inserts.get(IntMapType.PROBEMAP_MIXED).get(KeyOrder.RANDOM);
        out.finding(probeMean("probe_mean_ascending_identity", ai, "identity", KeyOrder.ASCENDING, n));
        out.finding(probeMean("probe_mean_random_identity", ri, "identity", KeyOrder.RANDOM, n));
        out.finding(probeMean("probe_mean_ascending_mixed", am, "mixed", KeyOrder.ASCENDING, n));
        out.finding(probeMean("probe_mean_random_mixed", rm, "mixed", KeyOrder.RANDOM, n));
        for (KeyOrder o : List.of(KeyOrder.CHUNKED, KeyOrder.STRIDED, KeyOrder.DESCENDING)) {
            ProbeCounters c = inserts.get(IntMapType.PROBEMAP_IDENTITY).get(o);
            if (c != null) out.finding(probeMean("probe_mean_" + o.label() + "_identity", c, "identity", o, n));
        }
        ProbeCounters ci = inserts.get(IntMapType.PROBEMAP_IDENTITY).get(KeyOrder.CHUNKED);
        if (ci != null) {
            out.finding(new Finding("probe_max_chunked_identity", ci.maxInsertProbe(), "probes", String.format(Locale.ROOT,
                    "With the identity hash, the longest insert in chunked order (runs of %d keys, runs shuffled) probed %d slots beyond its home slot, against %d in ascending order",
                    KeyOrder.CHUNK, ci.maxInsertProbe(), ai.maxInsertProbe())));
        }
        HashMapInternals.Bins strided = bins.get(KeyOrder.STRIDED);
        if (strided != null) {
            out.finding(new Finding("hashmap_tree_bins_strided", strided.treeBins(), "count", String.format(Locale.ROOT,
                    "Strided keys (multiples of %d) piled up in HashMap bins of up to %d entries, and %d bins became red-black trees",
                    KeyOrder.STRIDE, strided.maxLength(), strided.treeBins())));
        }
        boolean sameBins = bins.entrySet().stream().filter(e -> e.getKey() != KeyOrder.STRIDED)
                .map(e -> Arrays.toString(e.getValue().histogram())).distinct().count() == 1;
        out.finding(new Finding("hashmap_bins_same_for_every_order", sameBins ? 1 : 0, "boolean", sameBins
                ? "HashMap's bin lengths were identical for every order of the keys 0..n-1: its structure does not depend on insertion order"
                : "HashMap's bin lengths differed between orders of the same keys"));

        // ---- JMH: lookup and iteration time per order ----
        if (timedSubjects.isEmpty() || timedOrders.isEmpty()) return;
        Jmh.Settings settings = Jmh.Settings.forProfile(ctx.profile());
        if (ctx.profile() == Profile.QUICK) settings = settings.withWarmup(2, 200).withMeasurement(5, 200);
        List<JmhScore> scores = ctx.jmh(BENCH)
                .param("subject", timedSubjects.stream().map(IntMapType::id).toList())
                .param("order", timedOrders.stream().map(KeyOrder::label).toList())
                .param("n", String.valueOf(n))
                .param("seed", String.valueOf(keySeed))
                .settings(settings)
                .run();
        Map<String, Map<IntMapType, Map<KeyOrder, double[]>>> perKey = new LinkedHashMap<>();   // method -> subject -> order -> {ns, err}
        for (JmhScore s : scores) {
            IntMapType t = IntMapType.parse(s.param("subject"));
            KeyOrder o = KeyOrder.parse(s.param("order"));
            double scale = nanosPer(s.unit()) / n;
            double ns = s.score() * scale;
            double err = Double.isNaN(s.error()) ? Double.NaN : s.error() * scale;
            out.row().with("subject", t.id()).with("order", o.label()).with("n_keys", n)
                    .measure(s.method() + "_time", ns, err, Unit.NS_PER_OP);
            perKey.computeIfAbsent(s.method(), x -> new LinkedHashMap<>()).computeIfAbsent(t, x -> new LinkedHashMap<>()).put(o, new double[] {ns, err});
        }
        out.note("gc", "JMH forks: " + String.join(" ", settings.jvmArgs()) + " (ParallelGC pinned; maps built in @Setup, nothing allocated while measuring)");
        if (perKey.containsKey("iterate")) out.chart("iteration time", timeChart("Full iteration per key", perKey.get("iterate"), timedOrders, n));
        if (perKey.containsKey("lookup")) out.chart("lookup time", timeChart("Lookup per key, in insertion order", perKey.get("lookup"), timedOrders, n));

        double[] hiR = at(perKey, "iterate", IntMapType.HASHMAP, KeyOrder.RANDOM);
        double[] hiA = at(perKey, "iterate", IntMapType.HASHMAP, KeyOrder.ASCENDING);
        if (hiR != null && hiA != null) {
            out.finding(Finding.timeRatio("hashmap_iterate_random_vs_ascending", "Iterating a HashMap<Integer,Integer> filled in random order",
                    hiR[0], "one filled in ascending order", hiA[0]));
        }
        double[] hlR = at(perKey, "lookup", IntMapType.HASHMAP, KeyOrder.RANDOM);
        double[] hlA = at(perKey, "lookup", IntMapType.HASHMAP, KeyOrder.ASCENDING);
        if (hlR != null && hlA != null) {
            out.finding(Finding.timeRatio("lookup_random_vs_ascending", "Looking up every key of a HashMap<Integer,Integer> filled and read in random order",
                    hlR[0], "one filled and read in ascending order", hlA[0]));
        }
        for (IntMapType t : timedSubjects) {
            if (t == IntMapType.HASHMAP) continue;
            for (String method : List.of("iterate", "lookup")) {
                double[] r = at(perKey, method, t, KeyOrder.RANDOM);
                double[] a = at(perKey, method, t, KeyOrder.ASCENDING);
                if (r != null && a != null) {
                    out.finding(Finding.timeRatio(method + "_random_vs_ascending_" + t.id(),
                            (method.equals("iterate") ? "Iterating a " + t.label() + " filled in random order"
                                    : "Looking up every key of a " + t.label() + " filled and read in random order"), r[0],
                            method.equals("iterate") ? "one filled in ascending order" : "one filled and read in ascending order", a[0]));
                }
            }
        }
    }

    private static void record(ResultBuilder out, IntMapType t, KeyOrder order, int n, ProbeCounters c, int capacity) {
        out.row().with("subject", t.id()).with("order", order.label()).with("n_keys", n).measure("insert_probe_mean", c.meanInsertProbe(), Unit.PROBES);
        out.row().with("subject", t.id()).with("order", order.label()).with("n_keys", n).measure("insert_probe_max", c.maxInsertProbe(), Unit.PROBES);
        out.row().with("subject", t.id()).with("order", order.label()).with("n_keys", n).measure("lookup_probe_mean", c.meanLookupProbe(), Unit.PROBES);
        out.row().with("subject", t.id()).with("order", order.label()).with("n_keys", n).measure("lookup_probe_max", c.maxLookupProbe(), Unit.PROBES);
        out.row().with("subject", t.id()).with("order", order.label()).with("n_keys", n).measure("resizes", c.resizes(), Unit.COUNT);
        out.row().with("subject", t.id()).with("order", order.label()).with("n_keys", n).measure("final_capacity", capacity, Unit.COUNT);
        long[] h = c.insertHistogram();
        List<String> labels = bucketLabels(h.length);
        long[] buckets = bucket(h);
        for (int b = 0; b < buckets.length; b++) {
            out.row().with("subject", t.id()).with("order", order.label()).with("n_keys", n).with("probe_length", labels.get(b))
                    .measure("inserts", buckets[b], Unit.COUNT);
        }
    }

    private static Finding probeMean(String id, ProbeCounters c, String hash, KeyOrder order, int n) {
        return new Finding(id, c.meanInsertProbe(), "probes", String.format(Locale.ROOT,
                "With the %s hash, inserting %d keys in %s order into a growing ProbeMap took %.3f probes per insert beyond the home slot (longest: %d)",
                hash, n, order.label(), c.meanInsertProbe(), c.maxInsertProbe()));
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

    private static CategoryChart probeChart(IntMapType t, Map<KeyOrder, ProbeCounters> byOrder, int n) {
        int longest = byOrder.values().stream().mapToInt(c -> c.insertHistogram().length).max().orElse(1);
        List<String> labels = bucketLabels(longest);
        CategoryChart chart = Charts.bars(t.label() + ": probe lengths per insert (n = " + n + ")",
                "probe length (slots beyond the home slot)", "share of inserts (%)");
        for (Map.Entry<KeyOrder, ProbeCounters> e : byOrder.entrySet()) {
            long[] b = Arrays.copyOf(bucket(e.getValue().insertHistogram()), labels.size());
            long total = e.getValue().inserts();
            List<Double> share = Arrays.stream(b).mapToObj(x -> 100.0 * x / total).toList();
            Charts.bars(chart, e.getKey().label() + String.format(Locale.ROOT, " (mean %.2f, max %d)",
                    e.getValue().meanInsertProbe(), e.getValue().maxInsertProbe()), labels, share, null);
        }
        return chart;
    }

    private static CategoryChart binChart(Map<KeyOrder, HashMapInternals.Bins> bins, int n) {
        int longest = bins.values().stream().mapToInt(b -> b.histogram().length).max().orElse(1);
        List<String> labels = new ArrayList<>();
        for (int l = 0; l < longest; l++) labels.add(String.valueOf(l));
        CategoryChart chart = Charts.bars("HashMap<Integer,Integer>: bin lengths (n = " + n + ")",
                "bin length (entries in the bucket)", "buckets (count)");
        for (Map.Entry<KeyOrder, HashMapInternals.Bins> e : bins.entrySet()) {
            long[] h = Arrays.copyOf(e.getValue().histogram(), longest);
            Charts.bars(chart, e.getKey().label() + " (tree bins " + e.getValue().treeBins() + ")", labels,
                    Arrays.stream(h).boxed().toList(), null);
        }
        return chart;
    }

    private static CategoryChart timeChart(String what, Map<IntMapType, Map<KeyOrder, double[]>> bySubject, List<KeyOrder> orders, int n) {
        CategoryChart chart = Charts.bars(what + " (n = " + n + ", JMH 99.9% CI)", "insertion order", "time (ns per key)");
        List<String> labels = orders.stream().map(KeyOrder::label).toList();
        for (Map.Entry<IntMapType, Map<KeyOrder, double[]>> e : bySubject.entrySet()) {
            List<Double> values = orders.stream().map(o -> e.getValue().getOrDefault(o, new double[] {0, 0})[0]).toList();
            List<Double> errors = orders.stream().map(o -> {
                double err = e.getValue().getOrDefault(o, new double[] {0, 0})[1];
                return Double.isNaN(err) ? 0.0 : err;
            }).toList();
            Charts.bars(chart, e.getKey().label(), labels, values, errors);
        }
        return chart;
    }

    private static double[] at(Map<String, Map<IntMapType, Map<KeyOrder, double[]>>> perKey, String method, IntMapType t, KeyOrder o) {
        Map<IntMapType, Map<KeyOrder, double[]>> m = perKey.get(method);
        if (m == null || m.get(t) == null) return null;
        return m.get(t).get(o);
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
