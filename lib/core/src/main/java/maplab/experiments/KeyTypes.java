package maplab.experiments;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import maplab.chart.Charts;
import maplab.experiment.Experiment;
import maplab.experiment.ParamSpec;
import maplab.experiment.Params;
import maplab.experiment.RunContext;
import maplab.measure.JmhScore;
import maplab.measure.ObjectGraphs;
import maplab.result.Finding;
import maplab.result.ResultBuilder;
import maplab.result.Unit;
import maplab.subject.keys.KeyPitfalls;
import maplab.subject.keys.KeyedMap;
import maplab.subject.keys.KeyedMapKind;
import maplab.workload.KeyOrder;
import org.knowm.xchart.CategoryChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * key-types: what the key type costs in memory and time, and the key mistakes that make a
 * map wrong. Bytes per entry from JOL object graphs (in process: sizes do not depend on
 * timing), the pitfalls as measured rates (in process, counts), lookup time per key type by
 * JMH in forked JVMs.
 */
public final class KeyTypes implements Experiment {

    static final String BENCH = "maplab.bench.KeyTypeBench.lookup";
    /** y values per x in the hashCode pitfall: keys sharing an x collide in groups of this size. */
    static final int YS_PER_X = 10;
    static final String JOL_COUNTING = "JOL counts every object reachable from the map once, including objects it shares with the rest "
            + "of the JVM: the cached Integer and Long boxes of -128..127 (column shared_objects) and interned Strings are counted in full "
            + "(the String keys here are built at run time, not interned). Values are Integer.valueOf(i) in the boxed maps, int in the "
            + "primitive ones.";

    @Override public String id() { return "key-types"; }

    @Override public String summary() { return "bytes per entry by key type and map, key pitfalls as rates, lookup time per key type"; }

    @Override
    public List<ParamSpec> params() {
        String all = String.join(",", KeyedMapKind.ids());
        return List.of(
                ParamSpec.integer("n", 1, 10_000_000, 40_000, 1_000_000, "entries per map (memory and lookups)"),
                ParamSpec.choices("subjects", KeyedMapKind.ids(), all, all, "maps whose bytes per entry are measured"),
                ParamSpec.choices("lookup_subjects", KeyedMapKind.ids(),
                        "hashmap_integer,hashmap_long,hashmap_string,hashmap_record,fastutil_int,eclipse_int", all, "maps whose lookups are timed"),
                ParamSpec.integer("pitfall_keys", YS_PER_X, 10_000_000, 10_000, 100_000,
                        "keys per pitfall (a multiple of " + YS_PER_X + ")"));
    }

    @Override
    public void validate(Params params) {
        long keys = params.getLong("pitfall_keys");
        if (keys % YS_PER_X != 0) {
            throw new IllegalArgumentException("parameter 'pitfall_keys': bad value '" + keys + "'; allowed: a multiple of " + YS_PER_X
                    + " from " + YS_PER_X + " to 10000000");
        }
    }

    @Override
    public void measure(RunContext ctx) throws InterruptedException {
        int n = ctx.params().getInt("n");
        List<KeyedMapKind> subjects = ctx.params().getStrings("subjects").stream().map(KeyedMapKind::parse).toList();
        List<KeyedMapKind> lookupSubjects = ctx.params().getStrings("lookup_subjects").stream().map(KeyedMapKind::parse).toList();
        int pitfallKeys = ctx.params().getInt("pitfall_keys");
        long keySeed = ctx.seed("keys");
        ResultBuilder out = ctx.result();

        Map<KeyedMapKind, Double> bytesPerEntry = memory(ctx, subjects, n, keySeed);
        List<KeyPitfalls.Rate> rates = pitfalls(ctx, pitfallKeys);

        Map<KeyedMapKind, JmhScore> lookups = new LinkedHashMap<>();
        for (JmhScore s : ctx.jmh(BENCH).param("subject", lookupSubjects.stream().map(KeyedMapKind::id).toList())
                .param("n", String.valueOf(n)).param("seed", String.valueOf(keySeed)).run()) {
            KeyedMapKind kind = KeyedMapKind.parse(s.param("subject"));
            lookups.put(kind, s);
            out.row().with("part", "lookup").with("subject", kind.id()).with("key_type", kind.keyType().id()).with("variant", "")
                    .with("n_keys", n).measure("lookup_time", s.score(), s.error(), Unit.ofJmh(s.unit()));
        }
        if (!lookups.isEmpty()) {
            List<KeyedMapKind> kinds = new ArrayList<>(lookups.keySet());
            CategoryChart chart = Charts.bars("One lookup in a map of " + n + " entries, by key type (JMH, 99.9% CI)", "map and key type",
                    "time per lookup (" + lookups.get(kinds.get(0)).unit() + ")");
            chart.getStyler().setLegendVisible(false);
            chart.getStyler().setYAxisMin(0.0); // times are positive; wide intervals of a quick run would pull the axis below zero
            Charts.bars(chart, "lookup time", kinds.stream().map(KeyedMapKind::label).toList(),
                    kinds.stream().map(k -> lookups.get(k).score()).toList(),
                    kinds.stream().map(k -> Double.isNaN(lookups.get(k).error()) ? 0 : lookups.get(k).error()).toList());
            out.chart("lookup time", chart);
        }
        findings(out, n, bytesPerEntry, rates);
    }

    /** Bytes per entry of each subject, from JOL; the "memory" table and the "bytes per entry" chart. */
    private static Map<KeyedMapKind, Double> memory(RunContext ctx, List<KeyedMapKind> subjects, int n, long keySeed) {
        ResultBuilder out = ctx.result();
        int[] keys = KeyOrder.RANDOM.intKeys(n, keySeed);
        StringColumn subject = StringColumn.create("subject");
        StringColumn keyType = StringColumn.create("key_type");
        LongColumn entries = LongColumn.create("n_keys");
        LongColumn objects = LongColumn.create("objects");
        LongColumn shared = LongColumn.create("shared_objects");
        LongColumn bytes = LongColumn.create("bytes");
        DoubleColumn perEntry = DoubleColumn.create("bytes_per_entry");
        Map<KeyedMapKind, Double> result = new LinkedHashMap<>();
        ctx.progress().addSteps(subjects.size());
        for (KeyedMapKind kind : subjects) {
            ctx.progress().step("JOL object graph: " + kind.label());
            KeyedMap map = kind.build(keys);
            ObjectGraphs.Footprint f = ObjectGraphs.of(map.map());
            double b = f.bytes() / (double) n;
            result.put(kind, b);
            subject.append(kind.id());
            keyType.append(kind.keyType().id());
            entries.append(n);
            objects.append(f.objects());
            shared.append(kind.keyType() == maplab.subject.keys.KeyType.INT ? 0 : sharedBoxes(map.map()));
            bytes.append(f.bytes());
            perEntry.append(b);
            out.row().with("part", "memory").with("subject", kind.id()).with("key_type", kind.keyType().id()).with("variant", "")
                    .with("n_keys", n).measure("bytes_per_entry", b, Unit.BYTES_PER_ENTRY);
        }
        out.table("memory", Table.create("memory", subject, keyType, entries, objects, shared, bytes, perEntry));
        out.note("jol_counting", JOL_COUNTING);
        out.note("jol_vm", ObjectGraphs.vmDetails().lines().filter(l -> !l.isBlank()).toList());
        if (!ObjectGraphs.jolStartupOutput().isEmpty()) out.note("jol_startup_output", ObjectGraphs.jolStartupOutput());
        if (!result.isEmpty()) {
            List<KeyedMapKind> kinds = new ArrayList<>(result.keySet());
            CategoryChart chart = Charts.bars("Bytes per entry, " + n + " entries (JOL object graph, shared boxes included)",
                    "map and key type", "memory (B/entry)");
            chart.getStyler().setLegendVisible(false);
            Charts.bars(chart, "bytes per entry", kinds.stream().map(KeyedMapKind::label).toList(),
                    kinds.stream().map(result::get).toList(), null);
            out.chart("bytes per entry", chart);
        }
        return result;
    }

    /** Keys and values of a JDK map that are the JDK's shared boxes (Integer or Long -128..127), each object once. */
    static long sharedBoxes(Object map) {
        if (!(map instanceof Map<?, ?> m)) return 0;
        Set<Object> shared = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map.Entry<?, ?> e : m.entrySet()) {
            for (Object o : new Object[] {e.getKey(), e.getValue()}) {
                if (o instanceof Integer i && i == Integer.valueOf(i.intValue()) && i >= -128 && i <= 127) shared.add(o);
                if (o instanceof Long l && l == Long.valueOf(l.longValue()) && l >= -128 && l <= 127) shared.add(o);
            }
        }
        return shared.size();
    }

    /** The pitfalls, measured; the "pitfalls" table. */
    private static List<KeyPitfalls.Rate> pitfalls(RunContext ctx, int count) throws InterruptedException {
        ctx.progress().addSteps(4);
        List<KeyPitfalls.Rate> rates = new ArrayList<>();
        ctx.progress().step("pitfall: byte[] keys");
        rates.addAll(KeyPitfalls.byteArrayKeys(count));
        ctx.progress().step("pitfall: mutated keys");
        rates.addAll(KeyPitfalls.mutatedKeys(count));
        ctx.progress().step("pitfall: hashCode ignoring a field");
        rates.addAll(KeyPitfalls.hashIgnoringAField(count, YS_PER_X));
        ctx.progress().step("pitfall: WeakHashMap and HashMap after GC");
        KeyPitfalls.AfterGc afterGc = KeyPitfalls.weakAndStrongMaps(count);
        rates.addAll(afterGc.rates());
        ctx.result().note("weak_map_gc_rounds", afterGc.gcRounds());

        StringColumn pitfall = StringColumn.create("pitfall");
        StringColumn variant = StringColumn.create("variant");
        StringColumn metric = StringColumn.create("metric");
        StringColumn measure = StringColumn.create("meaning");
        LongColumn trials = LongColumn.create("trials");
        LongColumn counted = LongColumn.create("count");
        DoubleColumn rate = DoubleColumn.create("rate");
        for (KeyPitfalls.Rate r : rates) {
            pitfall.append(r.pitfall());
            variant.append(r.variant());
            metric.append(r.metric());
            measure.append(r.meaning());
            trials.append(r.trials());
            counted.append(r.count());
            rate.append(r.rate());
            ctx.result().row().with("part", "pitfalls").with("subject", r.pitfall()).with("key_type", "").with("variant", r.variant())
                    .with("n_keys", r.trials()).measure(r.metric(), r.rate(), r.metric().endsWith("_rate") ? Unit.FRACTION : Unit.COUNT);
        }
        ctx.result().table("pitfalls", Table.create("pitfalls", pitfall, variant, metric, trials, counted, rate, measure));
        return rates;
    }

    private static void findings(ResultBuilder out, int n, Map<KeyedMapKind, Double> bytes, List<KeyPitfalls.Rate> rates) {
        Double hm = bytes.get(KeyedMapKind.HASHMAP_INTEGER);
        if (hm != null) {
            out.finding(new Finding("bytes_per_entry_hashmap_integer", hm, "B/entry", String.format(Locale.ROOT,
                    "HashMap<Integer,Integer> took %.1f bytes per entry at %d entries (JOL: node, key and value boxes, table share)", hm, n)));
        }
        Double fu = bytes.get(KeyedMapKind.FASTUTIL_INT);
        if (fu != null) {
            out.finding(new Finding("bytes_per_entry_fastutil_int", fu, "B/entry", String.format(Locale.ROOT,
                    "fastutil Int2IntOpenHashMap took %.1f bytes per entry at %d entries%s", fu, n,
                    hm == null ? "" : hm >= fu
                            ? String.format(Locale.ROOT, " (%s less than HashMap<Integer,Integer>)", Finding.formatRatio(hm / fu))
                            : String.format(Locale.ROOT, " (%s more than HashMap<Integer,Integer>)", Finding.formatRatio(fu / hm)))));
        }
        rate(out, rates, "byte_array_key_hit_rate", KeyPitfalls.EQUAL_COPY, "hit_rate", r -> String.format(Locale.ROOT,
                "Looking up byte[] keys with equal-content copies found %d of %d entries (%.1f%%)%s",
                r.count(), r.trials(), 100 * r.rate(), r.count() == 0 ? ": arrays hash and compare by identity" : ""));
        rate(out, rates, "mutated_key_found_rate", KeyPitfalls.MUTATED_ITSELF, "hit_rate", r -> String.format(Locale.ROOT,
                "After their keys were mutated, looking up the very key objects found %d of %d entries (%.1f%%)",
                r.count(), r.trials(), 100 * r.rate()));
        rate(out, rates, "bad_hashcode_collision_rate", KeyPitfalls.HASH_OF_X_ONLY, "collision_rate", r -> String.format(Locale.ROOT,
                "With a hashCode that ignores one field, %.1f%% of %d keys shared their hash code with another key", 100 * r.rate(), r.trials()));
        rate(out, rates, "weak_map_retained_after_gc", KeyPitfalls.WEAK, "retained_rate", r -> String.format(Locale.ROOT,
                "A WeakHashMap kept %d of %d entries (%.1f%%) after its keys were dropped and a GC ran", r.count(), r.trials(), 100 * r.rate()));
        rate(out, rates, "strong_map_retained_after_gc", KeyPitfalls.STRONG, "retained_rate", r -> String.format(Locale.ROOT,
                "A HashMap kept %d of %d entries (%.1f%%) after the caller dropped its keys and a GC ran%s",
                r.count(), r.trials(), 100 * r.rate(), r.count() == r.trials() ? ": the map itself holds them strongly" : ""));
    }

    private static void rate(ResultBuilder out, List<KeyPitfalls.Rate> rates, String id, String variant, String metric,
                             java.util.function.Function<KeyPitfalls.Rate, String> text) {
        rates.stream().filter(r -> r.variant().equals(variant) && r.metric().equals(metric))
                .findFirst().ifPresent(r -> out.finding(new Finding(id, r.rate(), "fraction", text.apply(r))));
    }
}
