package maplab.workload;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import maplab.measure.GcPauses;
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
 * <p>Arguments: {@code constructor n maps rounds seed recording.jfr [warmup]}. Prints the entries
 * of the last merged map and a checksum.
 */
public final class MapChurn {

    private MapChurn() { }

    public static void main(String[] args) throws IOException {
        if (args.length != 6 && args.length != 7) {
            System.err.println("usage: MapChurn <constructor> <n> <maps> <rounds> <seed> <recording.jfr> [warmup rounds, default 1]");
            System.exit(2);
        }
        MapConstructor constructor;
        int n;
        int maps;
        int rounds;
        int warmup;
        int[] keys;
        try {
            constructor = MapConstructor.parse(args[0]);
            n = Integer.parseInt(args[1]);
            maps = Integer.parseInt(args[2]);
            rounds = Integer.parseInt(args[3]);
            warmup = args.length == 7 ? Integer.parseInt(args[6]) : 1;
            if (warmup < 0) throw new IllegalArgumentException("warmup: must be 0 or more, got " + warmup);
            keys = KeyOrder.RANDOM.intKeys(n, Long.parseLong(args[4]));
        } catch (IllegalArgumentException e) {
            System.err.println("MapChurn: " + e.getMessage());
            System.exit(2);
            return;
        }
        MapChurn.Live live = new MapChurn.Live();
        for (int w = 0; w < warmup; w++) live.merged = round(constructor, keys, maps);
        GcPauses.record(Path.of(args[5]), () -> {
            for (int r = 0; r < rounds; r++) {
                live.merged = round(constructor, keys, maps);   // the previous merged map stays live until here
                live.checksum += live.merged.size();
            }
        });
        System.out.println("entries=" + live.merged.size() + " checksum=" + live.checksum);
        if (live.merged.size() != n) throw new IllegalStateException("merged " + live.merged.size() + " entries, expected " + n);
    }

    /** One round: build the source maps, merge them into a new map, return it. */
    static Map<Integer, Integer> round(MapConstructor constructor, int[] keys, int maps) {
        int n = keys.length;
        Map<Integer, Integer> merged = constructor.create(n);
        for (int m = 0; m < maps; m++) {
            int from = (int) ((long) n * m / maps);
            int to = (int) ((long) n * (m + 1) / maps);
            Map<Integer, Integer> part = constructor.create(to - from);
            for (int i = from; i < to; i++) part.put(keys[i], i);
            merged.putAll(part);
        }
        return merged;
    }

    private static final class Live {
        Map<Integer, Integer> merged;
        long checksum;
    }
}
