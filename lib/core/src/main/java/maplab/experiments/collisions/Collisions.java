package maplab.experiments.collisions;

import java.util.List;
import maplab.plan.ParamSpec;
import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.run.RunData;
import maplab.plan.Effort;
import maplab.conclude.ResultBuilder;
import maplab.plan.Unit;
import maplab.subject.collision.CollisionCase;
import maplab.subject.probe.ProbeMap;
import maplab.experiments.Experiment;
import maplab.experiments.RunContext;
import maplab.experiments.Sweeps;
import static maplab.experiments.collisions.CollisionsPlan.timed;

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
                        "largest n at which constant_hash is timed (its fill is O(n^2): 3.4 s per fill at 32768)")
                        .smoke(16_384),
                ParamSpec.userSubjects("user_key_types", "your own key types (KeySource): key(0..n-1) into a HashMap at every size, tree bins and"
                        + " longest bin counted, after the equals/hashCode check", maplab.subject.keys.KeySource.class),
                ParamSpec.userSubjects("user_subjects", "your own hashes (LongHash): ProbeMap hashing hashCode() with yours, filled with the colliding"
                        + " and the random Strings at every size, probes counted, after the determinism check", maplab.subject.probe.LongHash.class),
                ParamSpec.effort("insert", Effort.parseOrNull("4-8:4x50ms+3x50ms"), new Effort(6, 3, 100, 3, 100),
                        "JMH effort of the timed fills (every cell, alternating rounds)"));
    }

    @Override
    public void validate(Params params) {
        Sweeps.requireTwoSizes(params, "sizes");
    }

    /**
     * The plan's progress steps: one call count per case, then one per JMH cell (subject x size)
     * and fork (up to the maximum forks in a batch that compares cells).
     */
    @Override
    public int plannedSteps(Params p) {
        List<CollisionCase> cases = cases(p);
        int forks = timed(p, cases, sizes(p)).stream().mapToInt(t -> t.subjects().size() * t.sizes().size()
                * p.getEffort("insert").plannedForks(!CollisionsMeasure.comparedPairs(t.subjects()).isEmpty())).sum();
        int userCounts = p.getStrings("user_key_types").size() + p.getStrings("user_subjects").size();
        return cases.size() + userCounts + forks;
    }

    static List<Integer> sizes(Params p) {
        return p.getSortedInts("sizes");
    }

    static List<CollisionCase> cases(Params p) {
        return p.getStrings("cases").stream().map(CollisionCase::parse).toList();
    }

    /** The plan: {@link CollisionsPlan#plan}. */
    @Override
    public void plan(Plan.Builder plan, RunContext context) {
        CollisionsPlan.plan(plan, context);
    }

    /** Measures: {@link CollisionsMeasure#measure}. */
    @Override
    public void measure(RunContext ctx) throws Exception {
        CollisionsMeasure.measure(ctx);
    }

    /** Concludes: {@link CollisionsConclude#conclude}. */
    @Override
    public void conclude(RunData data, ResultBuilder out) {
        CollisionsConclude.conclude(data, out);
    }
}
