package maplab.experiments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import maplab.chart.Charts;
import maplab.plan.ParamSpec;
import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.run.RunData;
import maplab.plan.Effort;
import maplab.measure.Jmh;
import maplab.measure.JmhScore;
import maplab.conclude.Finding;
import maplab.measure.Measured;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.plan.Unit;
import maplab.measure.KeyPitfalls;
import maplab.subject.facade.KeyedMap;
import maplab.subject.keys.KeyedMapKind;
import maplab.measure.MapFootprints;
import maplab.subject.user.UserSubject;
import maplab.workload.KeyOrder;
import org.knowm.xchart.CategoryChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * key-types: what the key type costs in memory and time, and the key mistakes that make a
 * map wrong.
 *
 * <p><b>Measure</b>: bytes per entry from JOL object graphs, checked against used-heap growth (in
 * a child JVM on the measuring JDK, so layouts are that JDK's: see {@link MapFootprints}), the pitfalls as counted rates (in process), lookup time per key type by JMH in forked
 * JVMs (alternating rounds). <b>Conclude</b>: bytes per entry are counts (exact for this JVM's
 * layout); the byte[], mutated-key and hashCode pitfalls are demonstrations that hold by how
 * they are built; the HashMap kept after GC holds by construction (a strong reference); the
 * WeakHashMap's retained share is a count of what this JVM's collector did, which no
 * specification promises (see {@link #conclude}); lookups are compared as time ratios with
 * intervals paired by round.
 */
public final class KeyTypes implements Experiment {

    static final String BENCH = "maplab.bench.KeyTypeBench.lookup";
    /** y values per x in the hashCode pitfall: keys sharing an x collide in groups of this size. */
    static final int YS_PER_X = 10;
    static final String JOL_COUNTING = "JOL counts every object reachable from the map once, including objects it shares with the rest "
            + "of the JVM: the cached Integer and Long boxes of -128..127 (column shared_objects) and interned Strings are counted in full "
            + "(the String keys here are built at run time, not interned). Values are Integer.valueOf(i) in the boxed maps, int in the "
            + "primitive ones.";
    /** What each pitfall metric's rate means (the pitfalls table). */
    static final Map<String, String> MEANINGS = Map.of(
            "hit_rate", "share of lookups that found the entry",
            "size_rate", "share of entries size() still counts",
            "collision_rate", "share of keys whose hashCode another key also has",
            "equals_per_lookup", "equals calls per lookup",
            "retained_rate", "share of entries still in the map after GC");

    @Override public String id() { return "key-types"; }

    @Override public String summary() { return "bytes per entry by key type and map, key pitfalls as rates, lookup time per key type"; }

    @Override
    public List<ParamSpec> params() {
        String all = String.join(",", KeyedMapKind.ids());
        return List.of(
                ParamSpec.integer("n", 1, 10_000_000, 40_000, 1_000_000, "entries per map (memory and lookups)"),
                ParamSpec.choices("subjects", KeyedMapKind.ids(), String.join(",", Arrays.stream(KeyedMapKind.values())
                                .filter(k -> k != KeyedMapKind.HASHMAP_STRING && (!k.isPeer() || k == KeyedMapKind.ECLIPSE_INT)).map(KeyedMapKind::id).toList()), all,
                        "maps whose bytes per entry are measured (quick leaves out hashmap_string, as JOL reads String fields slowly unless java.lang is opened to it, and the peer libraries other than fastutil and Eclipse's IntIntHashMap)"),
                ParamSpec.choices("lookup_subjects", KeyedMapKind.ids(), "hashmap_integer,hashmap_string,fastutil_int", all,
                        "maps whose lookups are timed (hashmap_integer, hashmap_string and fastutil_int give the lookup findings)"),
                ParamSpec.integer("pitfall_keys", YS_PER_X, 10_000_000, 2_000, 100_000,
                        "keys per pitfall (a multiple of " + YS_PER_X + ")"),
                ParamSpec.userSubjects("user_key_types", "your own key types (KeySource): a HashMap of n of your keys (value: an Integer),"
                        + " bytes per entry by JOL, after the equals/hashCode check", maplab.subject.keys.KeySource.class),
                ParamSpec.effort("lookup", new Effort(4, 2, 50, 3, 50), new Effort(6, 2, 100, 3, 100),
                        "JMH effort of the lookup timings (every subject, alternating rounds)"));
    }

    @Override
    public void validate(Params params) {
        long keys = params.getLong("pitfall_keys");
        if (keys % YS_PER_X != 0) {
            throw new IllegalArgumentException("parameter 'pitfall_keys': bad value '" + keys + "'; allowed: a multiple of " + YS_PER_X
                    + " from " + YS_PER_X + " to 10000000");
        }
    }

    // ------------------------------------------------------------------ measure

    /** Progress steps of the memory part (one child JVM) and of the pitfalls (one each). */
    private static final int MEMORY_STEPS = 1, PITFALL_STEPS = 4;

    /** The plan's progress steps: memory, pitfalls, then one per lookup subject and fork. */
    @Override
    public int plannedSteps(Params p) {
        int users = p.getStrings("user_key_types").size();   // one JOL step each, and timed beside the lookup subjects
        return MEMORY_STEPS + users + PITFALL_STEPS + (p.getStrings("lookup_subjects").size() + users) * p.getEffort("lookup").plannedForks(false);
    }

    private static List<KeyedMapKind> subjects(Params p) {
        return p.getStrings("subjects").stream().map(KeyedMapKind::parse).toList();
    }

    private static List<KeyedMapKind> lookupSubjects(Params p) {
        return p.getStrings("lookup_subjects").stream().map(KeyedMapKind::parse).toList();
    }

    /** The subjects whose lookups are timed: the lookup subjects, then HashMaps of the user key types' keys. */
    private static List<String> lookupIds(Params p) {
        List<String> ids = new ArrayList<>(lookupSubjects(p).stream().map(KeyedMapKind::id).toList());
        ids.addAll(p.getStrings("user_key_types"));   // HashMaps of the user's keys, timed beside the built-ins
        return ids;
    }

    /** The one JMH run of the lookups (every lookup subject at n entries), as {@link #measure} runs it and {@link #plan} states it. */
    private static Jmh lookupRun(RunContext ctx) {
        Params p = ctx.params();
        return ctx.jmh(BENCH, "lookup").param("subject", lookupIds(p))
                .param("n", String.valueOf(p.getInt("n"))).param("seed", String.valueOf(ctx.seed("keys")));
    }

    /** The key type column of a subject: its key type's id, or {@code user} for a user key type. */
    private static String keyTypeOf(String subject) {
        return UserSubject.isUserId(subject) ? "user" : KeyedMapKind.parse(subject).keyType().id();
    }

    /** The dimensions of a row of {@code part} (memory or lookup) for one subject. */
    private static Map<String, Object> subjectDims(String part, String subject, int n) {
        return Plan.dims("part", part, "subject", subject, "key_type", keyTypeOf(subject), "variant", "", "n_keys", n);
    }

    /** The dimensions of a pitfall's row (its trials in n_keys). */
    private static Map<String, Object> pitfallDims(String pitfall, String variant, long trials) {
        return Plan.dims("part", "pitfalls", "subject", pitfall, "key_type", "", "variant", variant, "n_keys", trials);
    }

    /** The subject of the row counting the weak-map pitfall's GC rounds. */
    private static final String GC_ROUNDS_SUBJECT = "keys dropped, then GC";

    /** The dimensions of the GC rounds row. */
    private static Map<String, Object> gcRoundsDims(int pitfallKeys) {
        return Plan.dims("part", "pitfalls", "subject", GC_ROUNDS_SUBJECT, "key_type", "", "variant", "", "n_keys", pitfallKeys);
    }

    private static Unit pitfallUnit(String metric) {
        return metric.endsWith("_rate") ? Unit.FRACTION : Unit.COUNT;
    }

    /** A row with these dimensions, ready to measure. */
    private static ResultBuilder.Row row(ResultBuilder out, Map<String, Object> dims) {
        ResultBuilder.Row row = out.row();
        dims.forEach(row::with);
        return row;
    }

    /** The object graph rows of a map (JOL): metric and unit, in the order measured. */
    private record JolRow(String metric, Unit unit) { }

    private static final List<JolRow> JOL_ROWS = List.of(new JolRow("bytes_per_entry", Unit.BYTES_PER_ENTRY), new JolRow("objects", Unit.COUNT),
            new JolRow("shared_objects", Unit.COUNT), new JolRow("bytes", Unit.BYTES));

    /** Writes the {@link #JOL_ROWS} of one subject: {@code values} in their order. */
    private static void jolRows(ResultBuilder out, String subject, int n, double... values) {
        for (int i = 0; i < JOL_ROWS.size(); i++) {
            row(out, subjectDims("memory", subject, n)).measure(JOL_ROWS.get(i).metric(), values[i], JOL_ROWS.get(i).unit());
        }
    }

    /** Unit of the lookup timings ({@code KeyTypeBench}: average time in ns). */
    private static final Unit LOOKUP_UNIT = Unit.ofJmh("ns/op");

    /**
     * The plan: the footprint child JVM (JOL and heap readings of every subject), the user key
     * types' object graphs in process, the four pitfalls, then the lookup run of
     * {@link #lookupRun}; every row those parts write, and the findings conclude gives for them.
     */
    @Override
    public void plan(Plan.Builder plan, RunContext context) {
        Params p = plan.params();
        int n = p.getInt("n");
        List<KeyedMapKind> subjects = subjects(p);
        List<String> users = p.getStrings("user_key_types");
        plan.step("JOL object graphs and heap readings of " + subjects.size() + " maps (child JVM)", 1, footprintSeconds(subjects, n));
        for (KeyedMapKind kind : subjects) {
            for (JolRow r : JOL_ROWS) plan.count(subjectDims("memory", kind.id(), n), r.metric(), r.unit());
            plan.timed(subjectDims("memory", kind.id(), n), "heap_bytes_per_entry", Unit.BYTES_PER_ENTRY);
        }
        for (String user : users) {
            plan.step("JOL object graph: HashMap of " + user, 1, 0.2 + 2e-6 * n);
            for (JolRow r : JOL_ROWS) plan.count(subjectDims("memory", user, n), r.metric(), r.unit());
        }
        int pitfallKeys = p.getInt("pitfall_keys");
        plan.step("pitfalls: byte[] keys, mutated keys, hashCode ignoring a field", 3, 2e-6 * pitfallKeys);
        plan.step("pitfall: WeakHashMap and HashMap after GC", 1, 0.3 + 2e-6 * pitfallKeys);
        for (KeyPitfalls.Shape s : KeyPitfalls.shapes(pitfallKeys, YS_PER_X)) {
            Map<String, Object> at = pitfallDims(s.pitfall(), s.variant(), s.trials());
            if (pitfallUnit(s.metric()) == Unit.FRACTION) plan.count(at, s.metric(), Unit.FRACTION, 0.5);   // a share: between 0 and 1
            else plan.count(at, s.metric(), Unit.COUNT);
        }
        plan.count(gcRoundsDims(pitfallKeys), "gc_rounds", Unit.COUNT, 2);
        plan.jmh("lookup", lookupRun(context));
        for (String subject : lookupIds(p)) plan.timed(subjectDims("lookup", subject, n), "lookup_time", LOOKUP_UNIT);
        plannedFindings(plan, subjects, lookupSubjects(p), users);
    }

    /**
     * Rough seconds of the footprint child JVM: its start, and per map JOL's walk of the graph
     * plus {@link #HEAP_REPEATS} + 1 builds between full collections (27 System.gc() calls a
     * map). Timed on the 2-core machine under load: 12.5 s a map at 1M entries, 2 s at 40000;
     * about 2.5 times less on a quiet machine, as the full reference (152 s in all) suggests.
     */
    private static double footprintSeconds(List<KeyedMapKind> subjects, int n) {
        return 1.5 + subjects.size() * (0.4 + 3e-6 * n);
    }

    /** The findings {@link #conclude} gives for the rows of this plan. */
    private static void plannedFindings(Plan.Builder plan, List<KeyedMapKind> subjects, List<KeyedMapKind> lookups, List<String> users) {
        if (subjects.contains(KeyedMapKind.HASHMAP_INTEGER)) plan.finding("bytes_per_entry_hashmap_integer");
        if (subjects.contains(KeyedMapKind.FASTUTIL_INT)) plan.finding("bytes_per_entry_fastutil_int");
        for (String user : users) plan.finding("bytes_per_entry_" + UserSubject.findingName(user));
        plan.finding(PITFALL_FINDINGS.toArray(String[]::new));
        if (lookups.contains(KeyedMapKind.HASHMAP_STRING) && lookups.contains(KeyedMapKind.HASHMAP_INTEGER)) plan.finding("lookup_string_vs_integer");
        if (lookups.contains(KeyedMapKind.FASTUTIL_INT) && lookups.contains(KeyedMapKind.HASHMAP_INTEGER)) plan.finding("lookup_fastutil_vs_hashmap_integer");
        for (KeyedMapKind peer : peersWithFindings()) {
            if (subjects.contains(peer)) plan.finding("bytes_per_entry_" + peer.id());
            if (lookups.contains(peer) && lookups.contains(peerBase(peer))) plan.finding(peerLookupId(peer));
        }
        if (lookups.contains(KeyedMapKind.HASHMAP_INTEGER)) {
            for (String user : users) plan.finding(userLookupId(user));
        } else if (!users.isEmpty()) {
            plan.note("your key types' lookups are timed but not compared: the comparison needs hashmap_integer in lookup_subjects");
        }
    }

    @Override
    public void measure(RunContext ctx) throws InterruptedException {
        int n = ctx.params().getInt("n");
        List<KeyedMapKind> subjects = subjects(ctx.params());
        int pitfallKeys = ctx.params().getInt("pitfall_keys");
        long keySeed = ctx.seed("keys");
        ResultBuilder out = ctx.result();

        memory(ctx, subjects, n, keySeed);
        userKeyMemory(ctx, n);
        pitfalls(ctx, pitfallKeys);
        for (JmhScore s : lookupRun(ctx).run()) {
            boolean user = UserSubject.isUserId(s.param("subject"));
            String subject = user ? s.param("subject") : KeyedMapKind.parse(s.param("subject")).id();
            row(out, subjectDims("lookup", subject, n)).measure("lookup_time", s.measured(), Unit.ofJmh(s.unit()));
        }
    }

    /** Heap readings per subject in the footprint child JVM (after one that is not kept). */
    static final int HEAP_REPEATS = 3;

    /**
     * Bytes per entry of each subject from JOL, with the objects, shared boxes and bytes behind
     * it (count rows), and the used-heap growth per entry as a check (samples: one per heap
     * reading); measured in one child JVM on the measuring JDK ({@link MapFootprints}), so the
     * layout is that JDK's and options'.
     */
    private static void memory(RunContext ctx, List<KeyedMapKind> subjects, int n, long keySeed) {
        ResultBuilder out = ctx.result();
        ctx.progress().addSteps(MEMORY_STEPS);
        ctx.progress().step("JOL object graphs and heap readings of " + subjects.size() + " maps (child JVM)");
        MapFootprints.Measurement m = MapFootprints.measure(ctx.childJvm(), subjects, n, keySeed, HEAP_REPEATS, java.time.Duration.ofMinutes(10));
        for (MapFootprints.Footprint f : m.footprints()) {
            KeyedMapKind kind = f.kind();
            jolRows(out, kind.id(), n, f.jolBytesPerEntry(), f.objects(), f.shared(), f.bytes());
            if (f.heapDeltas().length > 0) {
                List<maplab.stats.Estimates.Sample> samples = new ArrayList<>();
                for (int r = 0; r < f.heapDeltas().length; r++) samples.add(new maplab.stats.Estimates.Sample(r, 0, f.heapDeltas()[r] / (double) n));
                row(out, subjectDims("memory", kind.id(), n)).measure("heap_bytes_per_entry", Measured.of(samples), Unit.BYTES_PER_ENTRY);
            }
        }
        out.note("jol_counting", JOL_COUNTING);
        out.note("jol_vm", m.jolVm());
        if (!m.jolStartupOutput().isEmpty()) out.note("jol_startup_output", m.jolStartupOutput());
    }

    /**
     * Bytes per entry of a {@code HashMap<key, Integer>} of {@code n} keys of each user key type
     * ({@code key(0..n-1)}, value {@code i}), from JOL, as count rows like the built-in subjects'
     * (key_type {@code user}).
     */
    private static void userKeyMemory(RunContext ctx, int n) {
        List<String> users = ctx.params().getStrings("user_key_types");
        ctx.progress().addSteps(users.size());
        for (String user : users) {
            ctx.progress().step("JOL object graph: HashMap of " + UserSubject.label(user));
            maplab.subject.keys.KeySource source = (maplab.subject.keys.KeySource) UserSubject.newInstance(user);
            Map<Object, Object> map = new java.util.HashMap<>();
            for (int i = 0; i < n; i++) map.put(source.key(i), i);
            if (map.size() != n) throw new IllegalStateException(user + ": " + n + " keys made a map of " + map.size() + " entries");
            maplab.measure.ObjectGraphs.Footprint f = maplab.measure.ObjectGraphs.of(map);
            jolRows(ctx.result(), user, n, f.bytes() / (double) n, f.objects(), sharedBoxes(map), f.bytes());
        }
    }

    /** How a subject reads: a built-in's label, or {@code HashMap<YourKey (yours),Integer>}. */
    static String subjectLabel(String subject) {
        return UserSubject.isUserId(subject) ? "HashMap<" + UserSubject.label(subject) + ",Integer>"
                : KeyedMapKind.parse(subject).label();
    }

    /** Keys and values of a JDK map that are the JDK's shared boxes (Integer or Long -128..127), each object once. */
    static long sharedBoxes(Object map) {
        return MapFootprints.sharedBoxes(map);
    }

    /** The pitfalls, counted: one row per rate (trials in n_keys), and the GC rounds the weak-map pitfall took. */
    private static void pitfalls(RunContext ctx, int count) throws InterruptedException {
        ctx.progress().addSteps(PITFALL_STEPS);
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
        for (KeyPitfalls.Rate r : rates) {
            row(ctx.result(), pitfallDims(r.pitfall(), r.variant(), r.trials())).measure(r.metric(), r.rate(), pitfallUnit(r.metric()));
        }
        row(ctx.result(), gcRoundsDims(count)).measure("gc_rounds", afterGc.gcRounds(), Unit.COUNT);
    }

    // ------------------------------------------------------------------ conclude

    /**
     * Findings, tables and charts from the stored rows.
     *
     * <p>Bases: bytes per entry are {@code count}s (JOL walks the object graph: exact for this
     * JVM's object layout). The byte[] hit rate, the mutated key's found rate and the bad
     * hashCode's collision rate are {@code construction}: they follow from how the keys are
     * built (identity hash, a hash filed under the old content, a hash of one field) on any
     * JVM. {@code strong_map_retained_after_gc} is {@code construction} too: a HashMap references
     * its keys strongly, so no collector may remove them. {@code weak_map_retained_after_gc} is
     * a {@code count}: it is what this JVM's collector did after {@code System.gc()}; neither the
     * JLS nor {@code System.gc()}'s contract promises that a collection runs or clears every weak
     * reference, so another JVM, collector or flag ({@code -XX:+DisableExplicitGC}) may keep
     * entries. The run records how many GC rounds it took.
     */
    @Override
    public void conclude(RunData data, ResultBuilder out) {
        Rows rows = data.rows();
        memoryTableAndChart(rows.where("part", "memory"), out);
        pitfallsTable(rows.where("part", "pitfalls"), out);
        lookupTableAndChart(rows.where("part", "lookup").metric("lookup_time"), out);
        findings(rows, out);
    }

    private static void memoryTableAndChart(Rows memory, ResultBuilder out) {
        Rows perEntry = memory.metric("bytes_per_entry");
        if (perEntry.isEmpty()) return;
        StringColumn subject = StringColumn.create("subject");
        StringColumn keyType = StringColumn.create("key_type");
        LongColumn entries = LongColumn.create("n_keys");
        DoubleColumn objects = DoubleColumn.create("objects");
        DoubleColumn shared = DoubleColumn.create("shared_objects");
        DoubleColumn bytes = DoubleColumn.create("bytes");
        DoubleColumn bpe = DoubleColumn.create("bytes_per_entry");
        DoubleColumn heap = DoubleColumn.create("heap_bytes_per_entry");
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (Rows.Row r : perEntry) {
            Rows same = memory.where("subject", r.str("subject"));
            subject.append(r.str("subject"));
            keyType.append(r.str("key_type"));
            entries.append(r.integer("n_keys"));
            objects.append(valueOf(same, "objects"));
            shared.append(valueOf(same, "shared_objects"));
            bytes.append(valueOf(same, "bytes"));
            bpe.append(r.value());
            Rows heapRow = same.metric("heap_bytes_per_entry");
            heap.append(heapRow.isEmpty() ? Double.NaN : heapRow.list().get(0).value());
            labels.add(subjectLabel(r.str("subject")));
            values.add(r.value());
        }
        out.table("memory", Table.create("memory", subject, keyType, entries, objects, shared, bytes, bpe, heap));
        CategoryChart chart = Charts.bars("Bytes per entry, " + perEntry.list().get(0).str("n_keys") + " entries (JOL object graph, shared boxes included)",
                "map and key type", "memory (B/entry)");
        chart.getStyler().setLegendVisible(false);
        Charts.bars(chart, "bytes per entry", labels, values, null);
        out.chart("bytes per entry", chart);
    }

    private static double valueOf(Rows rows, String metric) {
        return rows.metric(metric).first().map(Rows.Row::value).orElse(Double.NaN);
    }

    private static void pitfallsTable(Rows pitfalls, ResultBuilder out) {
        StringColumn pitfall = StringColumn.create("pitfall");
        StringColumn variant = StringColumn.create("variant");
        StringColumn metric = StringColumn.create("metric");
        LongColumn trials = LongColumn.create("trials");
        LongColumn counted = LongColumn.create("count");
        DoubleColumn rate = DoubleColumn.create("rate");
        StringColumn meaning = StringColumn.create("meaning");
        for (Rows.Row r : pitfalls) {
            if (!MEANINGS.containsKey(r.metric())) continue;
            pitfall.append(r.str("subject"));
            variant.append(r.str("variant"));
            metric.append(r.metric());
            trials.append(r.integer("n_keys"));
            counted.append(count(r));
            rate.append(r.value());
            meaning.append(MEANINGS.get(r.metric()));
        }
        if (pitfall.size() > 0) out.table("pitfalls", Table.create("pitfalls", pitfall, variant, metric, trials, counted, rate, meaning));
    }

    /** How many of the row's trials succeeded (or, for a cost, the total count): the rate times the trials, which were whole numbers. */
    static long count(Rows.Row r) {
        return Math.round(r.value() * r.integer("n_keys"));
    }

    private static void lookupTableAndChart(Rows lookups, ResultBuilder out) {
        if (lookups.isEmpty()) return;
        StringColumn subject = StringColumn.create("subject");
        StringColumn keyType = StringColumn.create("key_type");
        LongColumn entries = LongColumn.create("n_keys");
        DoubleColumn mean = DoubleColumn.create("time");
        DoubleColumn low = DoubleColumn.create("low");
        DoubleColumn high = DoubleColumn.create("high");
        StringColumn unit = StringColumn.create("unit");
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        for (Rows.Row r : lookups) {
            Measured m = r.measured();
            subject.append(r.str("subject"));
            keyType.append(r.str("key_type"));
            entries.append(r.integer("n_keys"));
            mean.append(m.value());
            low.append(m.value() - m.error());
            high.append(m.value() + m.error());
            unit.append(r.str("unit"));
            labels.add(subjectLabel(r.str("subject")));
            values.add(m.value());
            errors.add(m.error());
        }
        out.table("lookup", Table.create("lookup", subject, keyType, entries, mean, low, high, unit));
        Rows.Row first = lookups.list().get(0);
        CategoryChart chart = Charts.bars("One lookup in a map of " + first.str("n_keys") + " entries, by key type (JMH, "
                + Finding.confidenceLabel() + " interval over forks)", "map and key type", "time per lookup (" + first.str("unit") + ")");
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisMin(0.0);
        Charts.bars(chart, "lookup time", labels, values, errors);
        out.chart("lookup time", chart);
    }

    /** The pitfalls' findings, given whenever the pitfalls ran. */
    static final List<String> PITFALL_FINDINGS = List.of("byte_array_key_hit_rate", "mutated_key_found_rate", "bad_hashcode_collision_rate",
            "weak_map_retained_after_gc", "strong_map_retained_after_gc");

    private static void findings(Rows rows, ResultBuilder out) {
        Rows perEntry = rows.where("part", "memory").metric("bytes_per_entry");
        Optional<Rows.Row> hm = perEntry.where("subject", KeyedMapKind.HASHMAP_INTEGER.id()).first();
        out.attempt("bytes_per_entry_hashmap_integer", () -> hm.ifPresent(r -> out.finding(Finding.count("bytes_per_entry_hashmap_integer", r.value(), "B/entry",
                "HashMap<Integer,Integer> took %.1f bytes per entry at " + r.str("n_keys")
                        + " entries (JOL: node, key and value boxes, table share)").where("n_keys", r.str("n_keys")))));
        out.attempt("bytes_per_entry_fastutil_int", () -> perEntry.where("subject", KeyedMapKind.FASTUTIL_INT.id()).first().ifPresent(r -> {
            String versus = hm.map(h -> h.value() >= r.value()
                    ? String.format(Locale.ROOT, " (%s less than HashMap<Integer,Integer>)", Finding.formatRatio(h.value() / r.value()))
                    : String.format(Locale.ROOT, " (%s more than HashMap<Integer,Integer>)", Finding.formatRatio(r.value() / h.value()))).orElse("");
            out.finding(Finding.count("bytes_per_entry_fastutil_int", r.value(), "B/entry",
                    "fastutil Int2IntOpenHashMap took %.1f bytes per entry at " + r.str("n_keys") + " entries" + versus.replace("%", "%%"))
                    .where("n_keys", r.str("n_keys")));
        }));
        for (Rows.Row r : perEntry) {
            if (!UserSubject.isUserId(r.str("subject"))) continue;
            String id = "bytes_per_entry_" + UserSubject.findingName(r.str("subject"));
            out.attempt(id, () -> {
                String versus = hm.map(h -> String.format(Locale.ROOT, " (HashMap<Integer,Integer>: %.1f)", h.value())).orElse("");
                out.finding(Finding.count(id, r.value(), "B/entry",
                        subjectLabel(r.str("subject")) + " took %.1f bytes per entry at " + r.str("n_keys") + " entries (JOL: node, your key objects,"
                                + " value boxes, table share)" + versus.replace("%", "%%")).where("n_keys", r.str("n_keys")));
            });
        }
        Rows pitfalls = rows.where("part", "pitfalls");
        pitfall(pitfalls, out, "byte_array_key_hit_rate", KeyPitfalls.EQUAL_COPY, "hit_rate", Finding.Basis.CONSTRUCTION, r -> String.format(Locale.ROOT,
                "Looking up byte[] keys with equal-content copies found %d of %d entries (%.1f%%)%s",
                count(r), r.integer("n_keys"), 100 * r.value(), count(r) == 0 ? ": arrays hash and compare by identity" : ""));
        pitfall(pitfalls, out, "mutated_key_found_rate", KeyPitfalls.MUTATED_ITSELF, "hit_rate", Finding.Basis.CONSTRUCTION, r -> String.format(Locale.ROOT,
                "After their keys were mutated, looking up the very key objects found %d of %d entries (%.1f%%)",
                count(r), r.integer("n_keys"), 100 * r.value()));
        pitfall(pitfalls, out, "bad_hashcode_collision_rate", KeyPitfalls.HASH_OF_X_ONLY, "collision_rate", Finding.Basis.CONSTRUCTION, r -> String.format(Locale.ROOT,
                "With a hashCode that ignores one field, %.1f%% of %d keys shared their hash code with another key", 100 * r.value(), r.integer("n_keys")));
        Optional<Rows.Row> rounds = pitfalls.metric("gc_rounds").first();
        String after = rounds.map(r -> String.format(Locale.ROOT, " (%.0f System.gc() round(s))", r.value())).orElse("");
        pitfall(pitfalls, out, "weak_map_retained_after_gc", KeyPitfalls.WEAK, "retained_rate", Finding.Basis.COUNT, r -> String.format(Locale.ROOT,
                "A WeakHashMap kept %d of %d entries (%.1f%%) after its keys were dropped and a GC ran%s", count(r), r.integer("n_keys"), 100 * r.value(), after));
        pitfall(pitfalls, out, "strong_map_retained_after_gc", KeyPitfalls.STRONG, "retained_rate", Finding.Basis.CONSTRUCTION, r -> String.format(Locale.ROOT,
                "A HashMap kept %d of %d entries (%.1f%%) after the caller dropped its keys and a GC ran%s",
                count(r), r.integer("n_keys"), 100 * r.value(), count(r) == r.integer("n_keys") ? ": the map itself holds them strongly" : ""));

        Rows lookups = rows.where("part", "lookup").metric("lookup_time");
        lookupRatio(lookups, out, "lookup_string_vs_integer", KeyedMapKind.HASHMAP_STRING, KeyedMapKind.HASHMAP_INTEGER);
        lookupRatio(lookups, out, "lookup_fastutil_vs_hashmap_integer", KeyedMapKind.FASTUTIL_INT, KeyedMapKind.HASHMAP_INTEGER);
        peerFindings(perEntry, lookups, out);
        Optional<Rows.Row> integer = lookups.where("subject", KeyedMapKind.HASHMAP_INTEGER.id()).first();
        for (Rows.Row r : lookups) {
            if (!UserSubject.isUserId(r.str("subject")) || integer.isEmpty()) continue;
            String id = userLookupId(r.str("subject"));
            out.attempt(id, () -> out.finding(Finding.timeRatio(id,
                    "A lookup in a " + subjectLabel(r.str("subject")) + " of " + r.str("n_keys") + " entries", "one in a " + KeyedMapKind.HASHMAP_INTEGER.label(),
                    r.measured().ratioTo(integer.get().measured())).where("n_keys", r.str("n_keys"))));
        }
    }

    /** The id of a user key type's lookup against HashMap<Integer,Integer>. */
    private static String userLookupId(String user) {
        return "lookup_" + UserSubject.findingName(user) + "_vs_hashmap_integer";
    }

    /**
     * The peer libraries' maps that have findings. Eclipse's IntIntHashMap was measured before
     * the peers came: it stays in the tables and charts only, so runs stored before the peers
     * conclude to the same findings.
     */
    private static List<KeyedMapKind> peersWithFindings() {
        return Arrays.stream(KeyedMapKind.values()).filter(k -> k.isPeer() && k != KeyedMapKind.ECLIPSE_INT).toList();
    }

    /** The map of the same key form the lab already measures: fastutil's for primitive int maps, HashMap<Integer,Integer> for boxed ones. */
    private static KeyedMapKind peerBase(KeyedMapKind peer) {
        return peer.keyType() == maplab.subject.keys.KeyType.INT ? KeyedMapKind.FASTUTIL_INT : KeyedMapKind.HASHMAP_INTEGER;
    }

    private static String peerLookupId(KeyedMapKind peer) {
        return "lookup_" + peer.id() + "_vs_" + peerBase(peer).id();
    }

    /**
     * The peer libraries' maps: bytes per entry (a JOL count) set against the map of the same
     * key form that the lab already measures ({@link #peerBase}), and a lookup against the same,
     * as a time ratio paired by round, when both were timed.
     */
    private static void peerFindings(Rows perEntry, Rows lookups, ResultBuilder out) {
        out.inGroup("peers", () -> {
            for (KeyedMapKind peer : peersWithFindings()) {
                KeyedMapKind base = peerBase(peer);
                Optional<Rows.Row> p = perEntry.where("subject", peer.id()).first();
                Optional<Rows.Row> b = perEntry.where("subject", base.id()).first();
                out.attempt("bytes_per_entry_" + peer.id(), () -> p.ifPresent(r -> {
                    String versus = b.map(h -> h.value() >= r.value()
                            ? String.format(Locale.ROOT, " (%s less than %s)", Finding.formatRatio(h.value() / r.value()), base.label())
                            : String.format(Locale.ROOT, " (%s more than %s)", Finding.formatRatio(r.value() / h.value()), base.label())).orElse("");
                    out.finding(Finding.count("bytes_per_entry_" + peer.id(), r.value(), "B/entry",
                            peer.label() + " took %.1f bytes per entry at " + r.str("n_keys") + " entries (JOL)" + versus.replace("%", "%%"))
                            .where("n_keys", r.str("n_keys")));
                }));
                lookupRatio(lookups, out, peerLookupId(peer), peer, base);
            }
        });
    }

    private static void pitfall(Rows pitfalls, ResultBuilder out, String id, String variant, String metric, Finding.Basis basis,
                                Function<Rows.Row, String> text) {
        out.attempt(id, () -> pitfalls.metric(metric).where("variant", variant).first().ifPresent(r -> {
            String sentence = text.apply(r).replace("%", "%%");
            Finding f = basis == Finding.Basis.COUNT ? Finding.count(id, r.value(), "fraction", sentence)
                    : Finding.construction(id, r.value(), "fraction", sentence);
            out.finding(f.where("n_keys", r.str("n_keys")));
        }));
    }

    /** One lookup in map {@code a} against one in map {@code b}, as a time ratio paired by round. */
    private static void lookupRatio(Rows lookups, ResultBuilder out, String id, KeyedMapKind a, KeyedMapKind b) {
        Optional<Rows.Row> ra = lookups.where("subject", a.id()).first();
        Optional<Rows.Row> rb = lookups.where("subject", b.id()).first();
        if (ra.isEmpty() || rb.isEmpty()) return;
        out.attempt(id, () -> out.finding(Finding.timeRatio(id, "A lookup in a " + a.label() + " of " + ra.get().str("n_keys") + " entries",
                "one in a " + b.label(), ra.get().measured().ratioTo(rb.get().measured())).where("n_keys", ra.get().str("n_keys"))));
    }
}
