package maplab.measure.race;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import maplab.measure.WatchedJvm;
import maplab.subject.concurrent.SharedMapType;

/**
 * The child JVM of the races experiment: runs the trials of a {@link RacePlan} from
 * {@code --from} on and prints one {@code ITEM} line per trial for {@link WatchedJvm}.
 *
 * <p>{@code java -cp benchmarks.jar maplab.measure.race.RaceWorker --subjects hashmap,concurrent_hash_map
 * --runs 100 --threads 2 --keys 2000 --iteration-keys 2000 --seed 1 [--from 0]}
 *
 * <p>Lines: puts trials {@code ITEM i puts <subject> <run> <keys> <lost> <size> <exceptions> <first exception or -> <together 0|1>};
 * iteration trials {@code ITEM i iteration <subject> <run> <cme 0|1> <other exceptions> <passes> <first exception or -> <together 0|1>}
 * (together: every thread was confirmed running on a core when the trial started).
 */
public final class RaceWorker {

    private RaceWorker() { }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        RacePlan plan = new RacePlan(Arrays.stream(opts.get("subjects").split(",")).map(SharedMapType::parse).toList(),
                Integer.parseInt(opts.get("runs")), Long.parseLong(opts.get("seed")));
        int threads = Integer.parseInt(opts.get("threads"));
        int keys = Integer.parseInt(opts.get("keys"));
        int iterationKeys = Integer.parseInt(opts.get("iteration-keys"));
        RaceTrials trials = new RaceTrials(threads);
        for (int i = WatchedJvm.from(args); i < plan.size(); i++) {
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
