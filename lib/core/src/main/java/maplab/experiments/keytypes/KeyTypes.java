package maplab.experiments.keytypes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import maplab.plan.ParamSpec;
import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.run.RunData;
import maplab.plan.Effort;
import maplab.conclude.ResultBuilder;
import maplab.subject.keys.KeyedMapKind;
import maplab.measure.MapFootprints;
import maplab.experiments.Experiment;
import maplab.experiments.RunContext;

/**
 * key-types: what the key type costs in memory and time, and the key mistakes that make a
 * map wrong.
 *
 * <p><b>Measure</b>: bytes per entry from JOL object graphs, checked against used-heap growth (in
 * a child JVM on the measuring JDK, so layouts are that JDK's: see {@link MapFootprints}), the pitfalls as counted rates (in process), lookup time per key type by JMH in forked
 * JVMs (alternating rounds); in process too, what put(k, null), read-only maps and a null reference
 * do ({@link KeyTypesContracts}) and bytes per entry by the key class's field layout ({@link KeyTypesLayouts}). <b>Conclude</b>: bytes per entry are counts (exact for this JVM's
 * layout); the byte[], mutated-key and hashCode pitfalls are demonstrations that hold by how
 * they are built; the HashMap kept after GC holds by construction (a strong reference); the
 * WeakHashMap's retained share is a count of what this JVM's collector did, which no
 * specification promises (see {@link KeyTypesConclude#conclude}); lookups are compared as time ratios with
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
                                .filter(k -> k != KeyedMapKind.USER && k != KeyedMapKind.HASHMAP_STRING && (!k.isPeer() || k == KeyedMapKind.ECLIPSE_INT)).map(KeyedMapKind::id).toList()), all,
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

    /** Progress steps of the memory part (one child JVM) and of the pitfalls (one each). */
    static final int MEMORY_STEPS = 1, PITFALL_STEPS = 4;
    /** Progress steps of the null-value and read-only map counts ({@link KeyTypesContracts}) and the key layouts ({@link KeyTypesLayouts}). */
    static final int CONTRACT_STEPS = 2;

    /** The plan's progress steps: memory, pitfalls, then one per lookup subject and fork. */
    @Override
    public int plannedSteps(Params p) {
        int users = p.getStrings("user_key_types").size();   // one JOL step each, and timed beside the lookup subjects
        return MEMORY_STEPS + users + PITFALL_STEPS + CONTRACT_STEPS + (p.getStrings("lookup_subjects").size() + users) * p.getEffort("lookup").plannedForks(false);
    }

    static List<KeyedMapKind> subjects(Params p) {
        return p.getStrings("subjects").stream().map(KeyedMapKind::parse).toList();
    }

    static List<KeyedMapKind> lookupSubjects(Params p) {
        return p.getStrings("lookup_subjects").stream().map(KeyedMapKind::parse).toList();
    }

    /** The subjects whose lookups are timed: the lookup subjects, then HashMaps of the user key types' keys. */
    static List<String> lookupIds(Params p) {
        List<String> ids = new ArrayList<>(lookupSubjects(p).stream().map(KeyedMapKind::id).toList());
        ids.addAll(p.getStrings("user_key_types"));   // HashMaps of the user's keys, timed beside the built-ins
        return ids;
    }

    /** The plan: {@link KeyTypesPlan#plan}. */
    @Override
    public void plan(Plan.Builder plan, RunContext context) {
        KeyTypesPlan.plan(plan, context);
    }

    /** Measures: {@link KeyTypesMeasure#measure}. */
    @Override
    public void measure(RunContext ctx) throws InterruptedException {
        KeyTypesMeasure.measure(ctx);
    }

    /** Concludes: {@link KeyTypesConclude#conclude}. */
    @Override
    public void conclude(RunData data, ResultBuilder out) {
        KeyTypesConclude.conclude(data, out);
    }
}
