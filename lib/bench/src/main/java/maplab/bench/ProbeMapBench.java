package maplab.bench;

import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import java.util.HashMap;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import maplab.subject.probe.HashMode;
import maplab.subject.probe.LongProbeMap;
import maplab.subject.probe.ProbeConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Is ProbeMap a fair subject rather than a strawman? {@link LongProbeMap} with the
 * {@code mixed} hash (counters off, and on) against fastutil's {@code Long2LongOpenHashMap}
 * and {@code HashMap<Long,Long>}, side by side: {@code get} looks up 1,000,000 random long
 * keys (all present) in random order in a filled map; {@code put} fills an empty default-sized
 * map with them (growth included). Both report time per whole pass; divide by n for time per
 * operation. Keys are random 64-bit values from a fixed seed, boxed once for HashMap.
 *
 * <p>Run on its own: {@code java -jar lib/bench/target/benchmarks.jar ProbeMapBench -f 1 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ProbeMapBench {

    @Param({"probemap_mixed", "probemap_mixed_counting", "fastutil", "hashmap"})
    public String subject;

    @Param({"1000000"})
    public int n;

    @Param({"20261121"})
    public long seed;

    private long[] keys;
    private long[] lookupOrder;
    private Long[] boxedKeys;
    private Long[] boxedLookupOrder;
    private LongProbeMap probe;
    private Long2LongOpenHashMap fastutil;
    private HashMap<Long, Long> hashMap;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom r = new SplittableRandom(seed);
        keys = r.longs(n).toArray();
        lookupOrder = keys.clone();
        for (int i = n - 1; i > 0; i--) { int j = r.nextInt(i + 1); long t = lookupOrder[i]; lookupOrder[i] = lookupOrder[j]; lookupOrder[j] = t; }
        boxedKeys = new Long[n];
        boxedLookupOrder = new Long[n];
        for (int i = 0; i < n; i++) { boxedKeys[i] = keys[i]; boxedLookupOrder[i] = lookupOrder[i]; }
        switch (subject) {
            case "probemap_mixed", "probemap_mixed_counting" -> probe = fillProbe();
            case "fastutil" -> fastutil = fillFastutil();
            case "hashmap" -> hashMap = fillHashMap();
            default -> throw new IllegalArgumentException("subject: unknown value '" + subject + "'; allowed: probemap_mixed, probemap_mixed_counting, fastutil, hashmap");
        }
    }

    private ProbeConfig config() {
        return ProbeConfig.of(HashMode.MIXED).withCounting(subject.equals("probemap_mixed_counting"));
    }

    private LongProbeMap fillProbe() {
        LongProbeMap m = new LongProbeMap(config(), 16);
        for (long k : keys) m.put(k, k);
        return m;
    }

    private Long2LongOpenHashMap fillFastutil() {
        Long2LongOpenHashMap m = new Long2LongOpenHashMap();
        for (long k : keys) m.put(k, k);
        return m;
    }

    private HashMap<Long, Long> fillHashMap() {
        HashMap<Long, Long> m = new HashMap<>();
        for (Long k : boxedKeys) m.put(k, k);
        return m;
    }

    /** n lookups of present keys, random order. */
    @Benchmark
    public long get() {
        long sum = 0;
        switch (subject) {
            case "fastutil" -> { Long2LongOpenHashMap m = fastutil; for (long k : lookupOrder) sum += m.get(k); }
            case "hashmap" -> { HashMap<Long, Long> m = hashMap; for (Long k : boxedLookupOrder) sum += m.get(k); }
            default -> { LongProbeMap m = probe; for (long k : lookupOrder) sum += m.get(k); }
        }
        return sum;
    }

    /** n puts into an empty default-sized map (growth included). */
    @Benchmark
    public Object put() {
        return switch (subject) {
            case "fastutil" -> fillFastutil();
            case "hashmap" -> fillHashMap();
            default -> fillProbe();
        };
    }
}
