package maplab.experiments.iteration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import maplab.plan.Plan;
import maplab.measure.AsyncSampler;
import maplab.subject.iteration.IterationMapKind;
import maplab.subject.iteration.IterationStyle;
import maplab.subject.iteration.MapState;
import static maplab.experiments.iteration.Iteration.ON;

/** The dimensions of iteration's rows: the plan states them and measure writes them. */
final class IterationRows {

    private IterationRows() { }

    /** Whether async-profiler runs beside JFR: only with DebugNonSafepoints (loading it could change how the JIT keeps debug information). */
    static boolean withAsync(boolean asyncProfiler, String mode) {
        return asyncProfiler && mode.equals(ON);
    }

    /** The status of a profiler_ran row when async-profiler ran. */
    static String asyncRanStatus() {
        return "ran (" + AsyncSampler.EVENT + ")";
    }

    /** Entries the map in {@code state} held before it was drained or cleared ({@code k} for a fresh map). */
    static int filled(MapState state, int n, int k) {
        return state == MapState.FRESH ? k : n;
    }

    /** A states row's dimensions: {@code k} entries left in a map of {@code kind} that held {@code n} (unless fresh). */
    static Map<String, Object> stateDims(String kind, MapState state, int n, int k) {
        return Plan.dims("part", "states", "subject", kind, "state", state.id(), "style", IterationStyle.ENTRYSET.id(),
                "n_keys", k, "n_filled", filled(state, n, k));
    }

    /** A styles row's dimensions: a fresh map of {@code kind} with {@code size} entries iterated in {@code style}. */
    static Map<String, Object> styleDims(String kind, String style, int size) {
        return Plan.dims("part", "styles", "subject", kind, "state", MapState.FRESH.id(), "style", style, "n_keys", size, "n_filled", size);
    }

    /** A locality row's dimensions: a HashMap of {@code n} entries in {@code layout}, under {@code collector}. */
    static Map<String, Object> localityDims(String layout, int n, String collector) {
        return Plan.dims("part", "locality", "subject", IterationMapKind.HASHMAP.id(), "layout", layout,
                "style", IterationStyle.ENTRYSET.id(), "n_keys", n, "collector", collector);
    }

    /** The GC and heap flags of a fork (e.g. {@code -XX:+UseParallelGC -Xms1g -Xmx1g}), the last -XX:+Use*GC winning as in the JVM. */
    static String collector(List<String> jvmArgs) {
        String gc = "default collector";
        List<String> heap = new ArrayList<>();
        for (String a : jvmArgs) {
            if (a.startsWith("-XX:+Use") && a.endsWith("GC")) gc = a.substring("-XX:+Use".length());
            else if (a.startsWith("-Xms") || a.startsWith("-Xmx")) heap.add(a);
        }
        return heap.isEmpty() ? gc : gc + " " + String.join(" ", heap);
    }

    /** A profile row's dimensions: JVM {@code jvm} of one profiler and DebugNonSafepoints setting, recording the loop over a HashMap in {@code state}. */
    static Map<String, Object> profileDims(MapState state, int k, int filled, int jvm, String profiler, String mode) {
        return Plan.dims("part", "profile", "subject", IterationMapKind.HASHMAP.id(), "state", state.id(), "style", IterationStyle.ENTRYSET.id(),
                "n_keys", k, "n_filled", filled, "jvm", jvm, "profiler", profiler, "debug_nonsafepoints", mode);
    }
}
