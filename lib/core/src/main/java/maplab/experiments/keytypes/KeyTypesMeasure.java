package maplab.experiments.keytypes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import maplab.plan.Params;
import maplab.measure.Jmh;
import maplab.measure.JmhScore;
import maplab.measure.Measured;
import maplab.conclude.ResultBuilder;
import maplab.plan.Unit;
import maplab.measure.KeyPitfalls;
import maplab.subject.keys.KeyedMapKind;
import maplab.measure.MapFootprints;
import maplab.subject.user.UserSubject;
import maplab.experiments.RunContext;
import static maplab.experiments.keytypes.KeyTypes.BENCH;
import static maplab.experiments.keytypes.KeyTypes.JOL_COUNTING;
import static maplab.experiments.keytypes.KeyTypes.MEMORY_STEPS;
import static maplab.experiments.keytypes.KeyTypes.PITFALL_STEPS;
import static maplab.experiments.keytypes.KeyTypes.YS_PER_X;
import static maplab.experiments.keytypes.KeyTypes.lookupIds;
import static maplab.experiments.keytypes.KeyTypes.subjects;
import static maplab.experiments.keytypes.KeyTypesRows.gcRoundsDims;
import static maplab.experiments.keytypes.KeyTypesRows.jolRows;
import static maplab.experiments.keytypes.KeyTypesRows.pitfallDims;
import static maplab.experiments.keytypes.KeyTypesRows.pitfallUnit;
import static maplab.experiments.keytypes.KeyTypesRows.row;
import static maplab.experiments.keytypes.KeyTypesRows.subjectDims;

/**
 * key-types' measurement ({@link KeyTypes#measure}): bytes per entry in a child JVM (JOL and heap),
 * the pitfalls counted in process, and the lookups timed by JMH; writes rows only.
 */
final class KeyTypesMeasure {

    private KeyTypesMeasure() { }

    /** The one JMH run of the lookups (every lookup subject at n entries), as {@link #measure} runs it and {@link KeyTypesPlan#plan} states it. */
    static Jmh lookupRun(RunContext ctx) {
        Params p = ctx.params();
        return ctx.jmh(BENCH, "lookup").subjects("subject", lookupIds(p), KeyedMapKind::parse, KeyedMapKind.USER)
                .param("n", String.valueOf(p.getInt("n"))).param("seed", String.valueOf(ctx.seed("keys")));
    }

    static void measure(RunContext ctx) throws InterruptedException {
        int n = ctx.params().getInt("n");
        List<KeyedMapKind> subjects = subjects(ctx.params());
        int pitfallKeys = ctx.params().getInt("pitfall_keys");
        long keySeed = ctx.seed("keys");
        ResultBuilder out = ctx.result();

        if (ctx.shard().first()) {   // not JMH rounds: measured once when the run is split into shards
            memory(ctx, subjects, n, keySeed);
            userKeyMemory(ctx, n);
            pitfalls(ctx, pitfallKeys);
            ctx.progress().addSteps(KeyTypes.CONTRACT_STEPS);
            ctx.progress().step("null values and read-only maps");
            KeyTypesContracts.measure(out);
            ctx.progress().step("JOL: key classes by field layout");
            KeyTypesLayouts.measure(out);
        }
        for (JmhScore s : lookupRun(ctx).run()) {
            row(out, subjectDims("lookup", s.subject("subject", KeyedMapKind.class, KeyedMapKind::id), n)).measure("lookup_time", s.measured(), Unit.ofJmh(s.unit()));
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
}
