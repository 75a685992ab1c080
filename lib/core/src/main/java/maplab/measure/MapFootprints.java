package maplab.measure;

import maplab.subject.keys.KeyType;
import maplab.subject.keys.KeyedMapKind;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import maplab.peers.Hppc;
import maplab.workload.KeyOrder;

/**
 * Bytes per entry of {@link KeyedMapKind} maps, measured in a child JVM on the measuring JDK
 * (the run's {@link ChildJvm}), so object layouts are that JDK's and options'
 * (compressed pointers, compact object headers), not the lab JVM's. Two ways, so each checks
 * the other: JOL walks the map's object graph ({@link ObjectGraphs}: every reachable object
 * once at JOL's idea of its size), and the heap: with a fully compacting collector and a fixed heap,
 * used heap after a full collection is taken before and after building the map (kept
 * reachable), {@code repeats} times on fresh maps after one that is not kept (it still sees JOL's
 * and class loading's leftovers). The heap delta includes what JOL counts as
 * shared (the cached Integer and Long boxes of -128..127 already exist, so the heap does not
 * grow for them; the {@code shared} count says how many there are).
 */
public final class MapFootprints {

    /**
     * JVM options of the child: the serial collector told to compact the whole heap at every
     * full collection (by default serial and parallel full collections may leave some dead
     * objects in place, which showed as readings off by a whole map now and then), a fixed heap,
     * java.lang opened to JOL.
     */
    public static final List<String> CHILD_JVM_ARGS = List.of("-XX:+UseSerialGC", "-XX:MarkSweepDeadRatio=0", "-XX:MarkSweepAlwaysCompactCount=1",
            "-Xms512m", "-Xmx512m", "-Djol.magicFieldOffset=true",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED", "-Djava.awt.headless=true");

    /**
     * One map's footprint.
     *
     * @param objects    objects JOL found reachable from the map
     * @param bytes      their bytes by JOL
     * @param shared     of those objects, the JDK's cached boxes (-128..127), counted by JOL but not new on the heap
     * @param sharedBytes the bytes of those shared boxes by JOL
     * @param heapDeltas used heap after minus before building the map, one per repeat (after full collections)
     */
    public record Footprint(KeyedMapKind kind, int n, long objects, long bytes, long shared, long sharedBytes, long[] heapDeltas) {
        public double jolBytesPerEntry() { return bytes / (double) n; }

        /** JOL's bytes per entry without the shared boxes: what building the map adds to the heap, by JOL. */
        public double jolNewBytesPerEntry() { return (bytes - sharedBytes) / (double) n; }
    }

    /** The footprints and JOL's description of the child JVM's layout. */
    public record Measurement(List<Footprint> footprints, List<String> jolVm, String jolStartupOutput) { }

    private MapFootprints() { }

    /**
     * Measures every kind with {@code n} entries (keys from {@code keySeed}) in one child JVM
     * started by {@code jvm} (on the run's measuring JDK).
     *
     * @throws MeasurementException when the child fails or prints something unreadable
     */
    public static Measurement measure(ChildJvm jvm, List<KeyedMapKind> kinds, int n, long keySeed, int heapRepeats, Duration timeout) {
        List<String> args = new ArrayList<>(List.of(String.valueOf(n), String.valueOf(keySeed), String.valueOf(heapRepeats)));
        kinds.forEach(k -> args.add(k.id()));
        ChildJvm.Output out = jvm.run(MapFootprints.class, CHILD_JVM_ARGS, args, timeout);
        List<Footprint> footprints = new ArrayList<>();
        List<String> vm = new ArrayList<>();
        StringBuilder startup = new StringBuilder();
        for (String line : out.stdout().split("\\R")) {
            if (line.startsWith("FOOTPRINT ")) {
                String[] f = line.split(" ");
                if (f.length != 7) throw new MeasurementException("unreadable footprint line from the child JVM: " + line);
                long[] deltas = f[6].equals("-") ? new long[0] : Arrays.stream(f[6].split(",")).mapToLong(Long::parseLong).toArray();
                footprints.add(new Footprint(KeyedMapKind.parse(f[1]), n, Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]),
                        Long.parseLong(f[5]), deltas));
            } else if (line.startsWith("JOLVM ")) {
                vm.add(line.substring(6));
            } else if (line.startsWith("JOLSTART ")) {
                startup.append(line.substring(9)).append('\n');
            }
        }
        if (footprints.size() != kinds.size()) {
            throw new MeasurementException("the footprint child JVM reported " + footprints.size() + " of " + kinds.size() + " maps; stderr: " + out.stderr().strip());
        }
        return new Measurement(footprints, vm, startup.toString().strip());
    }

    /** Child main: {@code n keySeed repeats kind...}; prints FOOTPRINT, JOLVM and JOLSTART lines. */
    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        long seed = Long.parseLong(args[1]);
        int repeats = Integer.parseInt(args[2]);
        int[] keys = KeyOrder.RANDOM.intKeys(n, seed);
        for (String line : ObjectGraphs.vmDetails().split("\\R")) if (!line.isBlank()) System.out.println("JOLVM " + line);
        for (String line : ObjectGraphs.jolStartupOutput().split("\\R")) if (!line.isBlank()) System.out.println("JOLSTART " + line);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int a = 3; a < args.length; a++) {
            KeyedMapKind kind = KeyedMapKind.parse(args[a]);
            Object jolMap = kind.build(keys).map();
            ObjectGraphs.Footprint f = ObjectGraphs.of(jolMap);
            Set<Object> sharedSet = kind.keyType() == KeyType.INT ? Set.of() : sharedBoxSet(jolMap);   // primitive maps hold no boxes
            long shared = sharedSet.size();
            long sharedBytes = 0;
            for (Object box : sharedSet) sharedBytes += ObjectGraphs.of(box).bytes();
            sharedSet = null;
            jolMap = null;
            collect();                       // JOL's own garbage goes before the first heap reading
            long[] deltas = new long[repeats];
            if (repeats > 0) heapDelta(kind, keys, memory);   // not kept: the first reading still sees JOL's and class loading's leftovers
            for (int r = 0; r < repeats; r++) deltas[r] = heapDelta(kind, keys, memory);
            StringBuilder d = new StringBuilder();
            for (long x : deltas) d.append(d.length() == 0 ? "" : ",").append(x);
            System.out.println("FOOTPRINT " + kind.id() + " " + f.objects() + " " + f.bytes() + " " + shared + " " + sharedBytes + " " + (repeats == 0 ? "-" : d));
        }
    }

    /**
     * Used heap after minus before building one map, both after full collections. The map is
     * kept reachable until after the second reading by {@link Reference#reachabilityFence} (a
     * plain local variable is not enough: once the method is compiled the JIT may treat it as
     * dead right after it is built, and the collector then frees it before the second reading).
     */
    private static long heapDelta(KeyedMapKind kind, int[] keys, MemoryMXBean memory) {
        collect();
        long before = memory.getHeapMemoryUsage().getUsed();
        Object map = kind.build(keys).map();
        collect();
        long after = memory.getHeapMemoryUsage().getUsed();
        Reference.reachabilityFence(map);
        return after - before;
    }

    private static void collect() {
        for (int i = 0; i < 3; i++) System.gc();
    }

    /** Keys and values of a JDK map that are the JDK's shared boxes (Integer or Long -128..127), each object once. */
    public static long sharedBoxes(Object map) {
        return sharedBoxSet(map).size();
    }

    private static Set<Object> sharedBoxSet(Object map) {
        List<Object> objects = new java.util.ArrayList<>();
        if (map instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                objects.add(e.getKey());
                objects.add(e.getValue());
            }
        } else if (Hppc.isObjectMap(map)) {   // HPPC's object map is no java.util.Map
            Hppc.forEachKeyAndValue(map, objects::add);
        }
        Set<Object> shared = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Object o : objects) {
            if (o instanceof Integer i && i == Integer.valueOf(i.intValue()) && i >= -128 && i <= 127) shared.add(o);
            if (o instanceof Long l && l == Long.valueOf(l.longValue()) && l >= -128 && l <= 127) shared.add(o);
        }
        return shared;
    }
}
