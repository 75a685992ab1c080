package maplab.measure;

import java.nio.file.Path;
import java.time.Duration;
import maplab.subject.merge.ReinsertTarget;
import maplab.subject.probe.LongProbeMap;
import maplab.workload.KeyOrder;

/**
 * The merge trap under a JFR recording, meant to run in its own JVM (the merge experiment starts
 * it with {@link ChildJvm}): captures the slot order of an n-key source built as one
 * {@link ReinsertTarget} says, then re-inserts it into a new target over and over, and records
 * CPU samples of the recorded part ({@link JfrProfile#record}).
 *
 * <p>Arguments: {@code target n seed sourceSeed targetSeed warmupMillis recordMillis periodMillis out.jfr}
 * (the seeds as ReinsertBench takes them).
 */
public final class ReinsertLoop {

    private ReinsertLoop() { }

    public static void main(String[] args) throws Exception {
        if (args.length != 9) {
            System.err.println("usage: ReinsertLoop target n seed sourceSeed targetSeed warmupMillis recordMillis periodMillis out.jfr");
            System.exit(2);
        }
        ReinsertTarget target = ReinsertTarget.parse(args[0]);
        int n = Integer.parseInt(args[1]);
        long targetSeed = Long.parseLong(args[4]);
        long[] slotOrder = target.source(KeyOrder.RANDOM.longKeys(n, Long.parseLong(args[2])), Long.parseLong(args[3])).keys();
        JfrProfile.Recorded recorded = JfrProfile.record(Path.of(args[8]), Duration.ofMillis(Long.parseLong(args[7])),
                Duration.ofMillis(Long.parseLong(args[5])), Duration.ofMillis(Long.parseLong(args[6])), () -> {
                    LongProbeMap map = target.target(n, targetSeed, false);
                    ReinsertTarget.insertWithin(map, slotOrder, Long.MAX_VALUE);
                    return map.size();
                });
        System.out.println("re-inserted " + n + " keys (" + target.id() + ") " + recorded.runs() + " times while recording (checksum " + recorded.checksum() + ")");
    }
}
