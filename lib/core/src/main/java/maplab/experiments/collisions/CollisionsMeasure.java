package maplab.experiments.collisions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import maplab.subject.jdk.HashMapInternals;
import maplab.measure.Jmh;
import maplab.measure.JmhScore;
import maplab.measure.Measured;
import maplab.conclude.ResultBuilder;
import maplab.plan.Unit;
import maplab.subject.collision.CollisionCase;
import maplab.subject.probe.ProbeMap;
import maplab.workload.CallCounts;
import org.openjdk.jmh.annotations.Mode;
import maplab.experiments.RunContext;
import maplab.experiments.collisions.CollisionsPlan.Timed;
import static maplab.experiments.collisions.Collisions.BENCH;
import static maplab.experiments.collisions.Collisions.CALLS_PER_INSERT;
import static maplab.experiments.collisions.Collisions.NS_PER_INSERT;
import static maplab.experiments.collisions.Collisions.cases;
import static maplab.experiments.collisions.Collisions.sizes;
import static maplab.experiments.collisions.CollisionsPlan.timed;

/**
 * collisions' measurement ({@link Collisions#measure}): the JMH fills of every case and size, and
 * the in-process counts of calls and tree bins with instrumented keys; writes rows only.
 */
final class CollisionsMeasure {

    private CollisionsMeasure() { }

    /** What one case did at one size, counted in process. */
    record Counts(CollisionCase subject, int n, double equalsPerInsert, double compareToPerInsert, double hashCodePerInsert,
                  int treeBins, int maxBinLength, double meanProbe, int maxProbe) { }

    static void measure(RunContext ctx) throws Exception {
        List<Integer> sizes = sizes(ctx.params());
        List<CollisionCase> cases = cases(ctx.params());
        long keySeed = ctx.seed("keys");
        long mapSeed = ctx.seed("probe-map");
        ResultBuilder out = ctx.result();

        if (ctx.shard().first()) {   // not JMH rounds: measured once when the run is split into shards
            ctx.progress().addSteps(cases.size());
            for (CollisionCase c : cases) {
                ctx.progress().step("counting calls: " + c.label());
                for (int n : sizes) {
                    ctx.checkInterrupted();
                    record(out, count(c, n, keySeed, mapSeed));
                }
            }
            userCounts(ctx, sizes, keySeed);
        }

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

    /**
     * One batch of timed fills, with the findings' comparisons inside it (to which a sequential
     * effort adds rounds): colliding against random Strings in the same map at the batch's largest
     * size (the seeded content hash with its equivalence margin). A pair split over two batches
     * is not declared: it gets the first look's forks only (so full, where every growth case is a
     * batch of its own, keeps a fixed insert_effort).
     */
    static Jmh jmh(RunContext ctx, List<CollisionCase> subjects, List<Integer> sizes, long keySeed, long mapSeed) {
        Jmh run = ctx.jmh(BENCH, "insert").param("subject", subjects).param("n", sizes)
                .param("seed", String.valueOf(keySeed)).param("mapSeed", String.valueOf(mapSeed))
                .mode(Mode.AverageTime).timeUnit(TimeUnit.NANOSECONDS);
        String n = String.valueOf(sizes.stream().mapToInt(Integer::intValue).max().orElse(0));
        for (CollisionCase[] pair : comparedPairs(subjects)) {
            run.compare(Map.of("subject", pair[0].name(), "n", n), Map.of("subject", pair[1].name(), "n", n),
                    pair[0] == CollisionCase.COLLIDING_STRING_SEEDED ? CollisionsFindings.SEEDED_MARGIN : 0);
        }
        return run;
    }

    /** The (colliding, random) String pairs of one map that a finding compares, both among {@code subjects}. */
    static List<CollisionCase[]> comparedPairs(List<CollisionCase> subjects) {
        List<CollisionCase[]> pairs = new ArrayList<>();
        for (CollisionCase c : subjects) {
            if (!c.id().startsWith("colliding_string")) continue;
            subjects.stream().filter(r -> r.id().equals("random_string" + c.id().substring("colliding_string".length())))
                    .findFirst().ifPresent(r -> pairs.add(new CollisionCase[] {c, r}));
        }
        return pairs;
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
}
