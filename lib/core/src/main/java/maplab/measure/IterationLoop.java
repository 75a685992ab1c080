package maplab.measure;

import maplab.workload.KeyOrder;
import java.nio.file.Path;
import java.time.Duration;
import maplab.subject.facade.IterationMap;
import maplab.subject.iteration.IterationMapKind;
import maplab.subject.iteration.IterationStyle;
import maplab.subject.iteration.MapState;

/**
 * An iteration-heavy loop under a JFR recording, meant to run in its own JVM (the iteration
 * experiment starts it with {@link maplab.measure.ChildJvm}): builds one map in one
 * {@link MapState}, iterates it in one {@link IterationStyle} over and over, and records CPU
 * samples of the recorded part.
 *
 * <p>Arguments: {@code kind state style n k seed warmupMillis recordMillis periodMillis out.jfr [async.collapsed]}.
 * With the last one, async-profiler ({@link AsyncSampler}) is loaded before the map is built
 * (so the JIT compiles the loop with it present, as for JFR) and samples the same recorded
 * window as JFR; when it cannot be loaded the loop says so on stdout
 * ({@value #ASYNC_UNAVAILABLE} and the reason) and records with JFR alone.
 */
public final class IterationLoop {

    /** The line prefix that says async-profiler did not run in this JVM. */
    public static final String ASYNC_UNAVAILABLE = "async-profiler unavailable: ";

    private IterationLoop() { }

    public static void main(String[] args) throws Exception {
        if (args.length != 10 && args.length != 11) {
            System.err.println("usage: IterationLoop kind state style n k seed warmupMillis recordMillis periodMillis out.jfr [async.collapsed]");
            System.exit(2);
        }
        IterationMapKind kind = IterationMapKind.parse(args[0]);
        MapState state = MapState.parse(args[1]);
        IterationStyle style = IterationStyle.parse(args[2]);
        int n = Integer.parseInt(args[3]);
        int k = Integer.parseInt(args[4]);
        Duration period = Duration.ofMillis(Long.parseLong(args[8]));
        AsyncSampler async = null;
        if (args.length == 11) {
            try {
                async = AsyncSampler.load();
            } catch (MeasurementException e) {
                System.out.println(ASYNC_UNAVAILABLE + e.getMessage());
            }
        }
        int[] keys = KeyOrder.RANDOM.intKeys(n, Long.parseLong(args[5]));
        IterationMap map = state.build(kind, keys, k);
        Object[] snapshot = style == IterationStyle.SNAPSHOT ? map.snapshot() : null;
        AsyncSampler sampler = async;
        Runnable onStart = sampler == null ? () -> { } : () -> sampler.start(period);
        Runnable onStop = sampler == null ? () -> { } : () -> sampler.stopAndDump(Path.of(args[10]));
        JfrProfile.Recorded recorded = JfrProfile.record(Path.of(args[9]), period,
                Duration.ofMillis(Long.parseLong(args[6])), Duration.ofMillis(Long.parseLong(args[7])),
                () -> style.iterate(map, snapshot), onStart, onStop);
        if (sampler != null) System.out.println("async-profiler " + sampler.version() + " sampled the recorded window (" + AsyncSampler.EVENT + ")");
        System.out.println("iterated " + kind.id() + " (" + state.id() + ", " + map.size() + " entries) " + recorded.runs()
                + " times while recording (checksum " + recorded.checksum() + ")");
    }
}
