package maplab.experiments.keyorder;

import java.util.ArrayList;
import java.util.List;
import maplab.plan.ParamSpec;
import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.run.RunData;
import maplab.plan.Effort;
import maplab.conclude.ResultBuilder;
import maplab.subject.intmap.IntMapType;
import maplab.subject.probe.LongHash;
import maplab.subject.user.UserSubject;
import maplab.workload.KeyOrder;
import maplab.experiments.Experiment;
import maplab.experiments.RunContext;

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
                ParamSpec.integer("n", 1024, MAX_N, 1 << 20, 1 << 21, "keys inserted (0..n-1; strided keys are i x " + KeyOrder.STRIDE + ")")
                        .smoke(65_536),
                ParamSpec.choices("orders", KeyOrder.labels(), allOrders, allOrders, "insertion orders counted in process"),
                ParamSpec.choices("timed_subjects", IntMapType.ids(), "hashmap", allSubjects, "maps timed with JMH"),
                ParamSpec.choices("timed_orders", KeyOrder.labels(), "ascending,random", "ascending,random,strided",
                        "orders timed with JMH (full: three, so every subject, the peer libraries' maps included, fits the full profile's time)"),
                ParamSpec.choices("timed_methods", METHODS, "lookup,iterate", "lookup,iterate", "passes timed with JMH: a lookup of every key in insertion order, a full iteration"),
                ParamSpec.userSubjects("user_subjects", "your own maps (LongMap), timed with JMH beside timed_subjects after the map contract holds", maplab.subject.intmap.LongMap.class, maplab.subject.probe.LongHash.class),
                ParamSpec.effort(PART, Effort.parseOrNull("4-8:1x100ms+3x100ms"), Effort.parseOrNull("6-12:2x150ms+4x150ms"),
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
                + timed * p.getStrings("timed_methods").size() * p.getEffort(PART).plannedForks(compares(p));
    }

    /** Whether the timed run compares cells (random against ascending, or a user's subject against others): a sequential effort then adds rounds. */
    private static boolean compares(Params p) {
        return p.getStrings("timed_orders").containsAll(List.of("random", "ascending")) || !p.getStrings("user_subjects").isEmpty();
    }

    /** Progress steps of the in-process counts: per order, two probe-length counts and one bin count. */
    static int countSteps(int orders) {
        return orders * 3;
    }

    /** The ProbeMaps whose probe lengths are counted in every order. */
    static final List<IntMapType> PROBE_SUBJECTS = List.of(IntMapType.PROBEMAP_IDENTITY, IntMapType.PROBEMAP_MIXED);

    /** The plan: {@link KeyOrderPlan#plan}. */
    @Override
    public void plan(Plan.Builder plan, RunContext context) {
        KeyOrderPlan.plan(plan, context);
    }

    /** The user subjects that are hashes (LongHash): their probe lengths are counted in process as ProbeMap's hash. */
    static List<String> userHashes(Params p) {
        return p.getStrings("user_subjects").stream().filter(u -> UserSubject.byId("user_subjects", u).facade() == LongHash.class).toList();
    }

    /** The subjects timed with JMH: timed_subjects, then every user subject. */
    static List<String> timedSubjectIds(Params p) {
        List<String> out = new ArrayList<>(p.getStrings("timed_subjects").stream().map(IntMapType::parse).map(IntMapType::id).toList());
        out.addAll(p.getStrings("user_subjects"));
        return out;
    }

    /** Measures: {@link KeyOrderMeasure#measure}. */
    @Override
    public void measure(RunContext ctx) {
        KeyOrderMeasure.measure(ctx);
    }

    /** Concludes: {@link KeyOrderConclude#conclude}. */
    @Override
    public void conclude(RunData data, ResultBuilder out) {
        KeyOrderConclude.conclude(data, out);
    }

    /** How a subject id reads: a built-in's label, or a user subject's class name. */
    static String label(String subject) {
        return UserSubject.isUserId(subject) ? UserSubject.label(subject) : IntMapType.parse(subject).label();
    }

    /** A subject in a finding id: the built-in id, or {@code user_<class name>}. */
    static String findingName(String subject) {
        return UserSubject.isUserId(subject) ? UserSubject.findingName(subject) : subject;
    }
}
