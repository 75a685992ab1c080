package maplab.measure;

import maplab.workload.KeyOrder;
import maplab.workload.Strings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import maplab.subject.jdk.MapConstructor;

/**
 * The gc experiment's pause workload, run in its own JVM: each round builds {@code maps}
 * source maps of {@code n / maps} boxed entries each and merges them (putAll) into one map of
 * {@code n} entries, every map made by one {@link MapConstructor} (default-sized maps grow
 * and leave their old tables behind; presized maps allocate their table once). The merged map
 * of a round stays live until the next round has built its replacement, so collections copy
 * real data and the live set peaks at the previous merged map, the sources and the new merged
 * map together (the peak the gc experiment sizes the heap for).
 * {@code warmup} unrecorded warm-up rounds (default 1), then {@code rounds} recorded ones
 * ({@link GcPauses#record}).
 *
 * <p>Keys ({@link ChurnKeys}): boxed ints (default), or Strings built once before the rounds:
 * random Strings, or Strings that all share one {@code String.hashCode} (the collisions
 * experiment's colliding keys), whose merged HashMap holds one tree bin of {@code TreeNode}s.
 *
 * <p>Arguments: {@code constructor n maps rounds seed recording.jfr [warmup [keys]]}. Prints the
 * entries of the last merged map, a checksum, and {@code allocated_bytes=}: the bytes the main
 * thread allocated during the recorded rounds (HotSpot's per-thread allocation counter).
 */
public final class MapChurn {

    private MapChurn() { }

    public static void main(String[] args) throws IOException {
        if (args.length < 6 || args.length > 8) {
            System.err.println("usage: MapChurn <constructor> <n> <maps> <rounds> <seed> <recording.jfr> [warmup rounds, default 1 [keys: "
                    + String.join("|", ChurnKeys.ids()) + ", default int]]");
            System.exit(2);
        }
        MapConstructor constructor;
        int n;
        int maps;
        int rounds;
        int warmup;
        int[] ints = null;
        Object[] objects = null;
        try {
            constructor = MapConstructor.parse(args[0]);
            n = Integer.parseInt(args[1]);
            maps = Integer.parseInt(args[2]);
            rounds = Integer.parseInt(args[3]);
            warmup = args.length >= 7 ? Integer.parseInt(args[6]) : 1;
            if (warmup < 0) throw new IllegalArgumentException("warmup: must be 0 or more, got " + warmup);
            ChurnKeys kind = args.length == 8 ? ChurnKeys.parse(args[7]) : ChurnKeys.INT;
            if (kind == ChurnKeys.INT) ints = KeyOrder.RANDOM.intKeys(n, Long.parseLong(args[4]));   // boxed at each put, as before
            else objects = kind.keys(n, Long.parseLong(args[4]));
        } catch (IllegalArgumentException e) {
            System.err.println("MapChurn: " + e.getMessage());
            System.exit(2);
            return;
        }
        MapChurn.Live live = new MapChurn.Live();
        int[] intKeys = ints;
        Object[] objectKeys = objects;
        for (int w = 0; w < warmup; w++) live.merged = intKeys != null ? round(constructor, intKeys, maps) : round(constructor, objectKeys, maps);
        GcPauses.record(Path.of(args[5]), () -> {
            live.allocatedBefore = allocatedBytes();
            for (int r = 0; r < rounds; r++) {
                // the previous merged map stays live until here
                live.merged = intKeys != null ? round(constructor, intKeys, maps) : round(constructor, objectKeys, maps);
                live.checksum += live.merged.size();
            }
            live.allocatedAfter = allocatedBytes();
        });
        System.out.println("entries=" + live.merged.size() + " checksum=" + live.checksum);
        if (live.allocatedBefore >= 0 && live.allocatedAfter >= 0) System.out.println("allocated_bytes=" + (live.allocatedAfter - live.allocatedBefore));
        if (live.merged.size() != n) throw new IllegalStateException("merged " + live.merged.size() + " entries, expected " + n);
    }

    /** One round with int keys (boxed at each put): build the source maps, merge them into a new map, return it. */
    static Map<Object, Integer> round(MapConstructor constructor, int[] keys, int maps) {
        return round(constructor, keys.length, maps, i -> keys[i]);
    }

    /** One round with keys built beforehand (Strings). */
    static Map<Object, Integer> round(MapConstructor constructor, Object[] keys, int maps) {
        return round(constructor, keys.length, maps, i -> keys[i]);
    }

    /** Builds {@code maps} source maps of key(0..n-1) in equal slices and merges them into a new map. */
    private static Map<Object, Integer> round(MapConstructor constructor, int n, int maps, java.util.function.IntFunction<Object> key) {
        Map<Object, Integer> merged = constructor.create(n);
        for (int m = 0; m < maps; m++) {
            int from = (int) ((long) n * m / maps);
            int to = (int) ((long) n * (m + 1) / maps);
            Map<Object, Integer> part = constructor.create(to - from);
            for (int i = from; i < to; i++) part.put(key.apply(i), i);
            merged.putAll(part);
        }
        return merged;
    }

    /** Bytes allocated so far by this thread, or -1 where the JVM cannot tell. */
    static long allocatedBytes() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        if (bean instanceof com.sun.management.ThreadMXBean hot && hot.isThreadAllocatedMemorySupported()) {
            if (!hot.isThreadAllocatedMemoryEnabled()) hot.setThreadAllocatedMemoryEnabled(true);
            return hot.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return -1;
    }

    private static final class Live {
        Map<Object, Integer> merged;
        long checksum;
        long allocatedBefore = -1;
        long allocatedAfter = -1;
    }
}
