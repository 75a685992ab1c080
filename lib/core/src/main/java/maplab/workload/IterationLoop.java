package maplab.workload;

import java.nio.file.Path;
import java.time.Duration;
import maplab.measure.JfrProfile;
import maplab.subject.iteration.IterationMap;
import maplab.subject.iteration.IterationMapKind;
import maplab.subject.iteration.IterationStyle;
import maplab.subject.iteration.MapState;

/**
 * An iteration-heavy loop under a JFR recording, meant to run in its own JVM (the iteration
 * experiment starts it with {@link maplab.measure.ChildJvm}): builds one map in one
 * {@link MapState}, iterates it in one {@link IterationStyle} over and over, and records CPU
 * samples of the recorded part.
 *
 * <p>Arguments: {@code kind state style n k seed warmupMillis recordMillis periodMillis out.jfr}.
 */
public final class IterationLoop {

    private IterationLoop() { }

    public static void main(String[] args) throws Exception {
        if (args.length != 10) {
            System.err.println("usage: IterationLoop kind state style n k seed warmupMillis recordMillis periodMillis out.jfr");
            System.exit(2);
        }
        IterationMapKind kind = IterationMapKind.parse(args[0]);
        MapState state = MapState.parse(args[1]);
        IterationStyle style = IterationStyle.parse(args[2]);
        int n = Integer.parseInt(args[3]);
        int k = Integer.parseInt(args[4]);
        int[] keys = KeyOrder.RANDOM.intKeys(n, Long.parseLong(args[5]));
        IterationMap map = state.build(kind, keys, k);
        Object[] snapshot = style == IterationStyle.SNAPSHOT ? map.snapshot() : null;
        JfrProfile.Recorded recorded = JfrProfile.record(Path.of(args[9]), Duration.ofMillis(Long.parseLong(args[8])),
                Duration.ofMillis(Long.parseLong(args[6])), Duration.ofMillis(Long.parseLong(args[7])),
                () -> style.iterate(map, snapshot));
        System.out.println("iterated " + kind.id() + " (" + state.id() + ", " + map.size() + " entries) " + recorded.runs()
                + " times while recording (checksum " + recorded.checksum() + ")");
    }
}
