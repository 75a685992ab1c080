package maplab.measure.race;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import maplab.measure.WatchedJvm;
import maplab.subject.concurrent.SharedMap;
import maplab.subject.concurrent.SharedMapType;
import maplab.subject.probe.HashMode;
import maplab.subject.probe.IncrementalProbeMap;
import maplab.subject.probe.ProbeConfig;

/**
 * The child JVM of the races experiment: runs the trials of a {@link RacePlan} from
 * {@code --from} on and prints one {@code ITEM} line per trial for {@link WatchedJvm}.
 *
 * <p>{@code java -cp benchmarks.jar maplab.measure.race.RaceWorker --subjects hashmap,concurrent_hash_map
 * --runs 100 --threads 2 --keys 2000 --iteration-keys 2000 --seed 1 [--extra-runs 100 --crowd-threads 8 --crowd-keys 50] [--from 0]}
 *
 * <p>Lines: puts trials {@code ITEM i puts <subject> <run> <keys> <lost> <size> <exceptions> <first exception or -> <together 0|1>};
 * iteration trials {@code ITEM i iteration <subject> <run> <cme 0|1> <other exceptions> <passes> <first exception or -> <together 0|1>}
 * (together: every thread was confirmed running on a core when the trial started);
 * extra trials ({@link RacePlan.Extra}): {@code gets_during_puts <subject> <run> <lookups> <misses> <exceptions> <first exception or -> <together 0|1>},
 * the others as a puts trial with their phase id first.
 */
public final class RaceWorker {

    private RaceWorker() { }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        RacePlan plan = new RacePlan(Arrays.stream(opts.get("subjects").split(",")).map(SharedMapType::parse).toList(),
                Integer.parseInt(opts.get("runs")), Long.parseLong(opts.get("seed")), Integer.parseInt(opts.getOrDefault("extra-runs", "0")));
        int threads = Integer.parseInt(opts.get("threads"));
        int keys = Integer.parseInt(opts.get("keys"));
        int iterationKeys = Integer.parseInt(opts.get("iteration-keys"));
        int crowdThreads = Integer.parseInt(opts.getOrDefault("crowd-threads", "8"));
        int crowdKeys = Integer.parseInt(opts.getOrDefault("crowd-keys", "50"));
        RaceTrials trials = new RaceTrials(threads);
        RaceTrials crowd = null;
        for (int i = WatchedJvm.from(args); i < plan.size(); i++) {
            if (plan.isExtra(i)) {
                RacePlan.ExtraTrial t = plan.extraTrial(i);
                if (t.extra() == RacePlan.Extra.CROWD_PUTS && crowd == null) crowd = new RaceTrials(crowdThreads);
                boolean crowdTrial = t.extra() == RacePlan.Extra.CROWD_PUTS;
                WatchedJvm.report(i, extraLine(t, crowdTrial ? crowd : trials, crowdTrial ? crowdThreads * crowdKeys : threads * keys));
                continue;
            }
            RacePlan.Trial t = plan.trial(i);
            String line;
            if (t.phase() == RacePlan.Phase.PUTS) {
                RaceTrials.PutOutcome o = trials.puts(t.subject(), keys, t.seed());
                line = String.join(" ", "puts", t.subject().id(), String.valueOf(t.run()), String.valueOf(o.keys()),
                        String.valueOf(o.lost()), String.valueOf(o.size()), String.valueOf(o.exceptions()), dash(o.firstException()),
                        o.startedTogether() ? "1" : "0");
            } else {
                RaceTrials.IterationOutcome o = trials.iterateWhileWriting(t.subject(), iterationKeys, iterationKeys / 2, t.seed());
                line = String.join(" ", "iteration", t.subject().id(), String.valueOf(t.run()), o.cme() ? "1" : "0",
                        String.valueOf(o.otherExceptions()), String.valueOf(o.passes()), dash(o.firstException()),
                        o.startedTogether() ? "1" : "0");
            }
            WatchedJvm.report(i, line);
        }
        System.exit(0);  // crew threads are daemons, but a corrupted map's stuck thread must not keep us alive
    }

    /**
     * Runs one extra trial on {@code crew} with {@code keys} keys in all: the get-during-put race
     * ({@code keys} present, as many added), or {@code keys} puts shared by the crew's threads.
     */
    static String extraLine(RacePlan.ExtraTrial t, RaceTrials crew, int keys) {
        String head = t.extra().id() + " " + t.extra().subject() + " " + t.run();
        if (t.extra() == RacePlan.Extra.GETS_DURING_PUTS) {
            RaceTrials.GetOutcome o = crew.getsDuringPuts(SharedMapType.HASHMAP::create, keys, keys, t.seed());
            return String.join(" ", head, String.valueOf(o.lookups()), String.valueOf(o.misses()), String.valueOf(o.exceptions()),
                    dash(o.firstException()), o.startedTogether() ? "1" : "0");
        }
        RaceTrials.PutOutcome o = crew.puts(() -> extraMap(t.extra(), keys), Math.max(1, keys / crew.threads()), t.seed());
        return String.join(" ", head, String.valueOf(o.keys()), String.valueOf(o.lost()), String.valueOf(o.size()),
                String.valueOf(o.exceptions()), dash(o.firstException()), o.startedTogether() ? "1" : "0");
    }

    /**
     * The fresh map of a put-kind extra trial: a {@code HashMap} presized for {@code keys} whose table
     * is allocated before the race (so no resize happens during it), maplab's incrementally resizing
     * map from its smallest table, or the single-writer map.
     */
    static SharedMap<Integer, Integer> extraMap(RacePlan.Extra extra, int keys) {
        return switch (extra) {
            case PRESIZED_PUTS -> {
                HashMap<Integer, Integer> m = new HashMap<>((int) (keys / 0.75f) + 1);
                m.put(0, 0);   // allocates the table now, not in the race (a first put's resize is a resize too)
                m.remove(0);
                yield SharedMap.of(m);
            }
            case INCREMENTAL_PUTS -> SharedMap.of(new IncrementalProbeMap<>(ProbeConfig.of(HashMode.MIXED), 0));
            case CROWD_PUTS -> SharedMapType.SINGLE_WRITER.create();
            case GETS_DURING_PUTS -> throw new IllegalArgumentException("extra: gets_during_puts is not a put trial");
        };
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("expected --name value, got " + args[i]);
            out.put(args[i].substring(2), args[i + 1]);
        }
        for (String required : new String[] {"subjects", "runs", "threads", "keys", "iteration-keys", "seed"}) {
            if (!out.containsKey(required)) throw new IllegalArgumentException("missing --" + required);
        }
        return out;
    }
}
