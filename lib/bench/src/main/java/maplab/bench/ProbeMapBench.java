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

    /** The maps compared; {@code -p subject=FASTUTIL} picks one by its name. */
    public enum Subject {
        /** {@link LongProbeMap}, mixed hash, counters off. */
        PROBEMAP_MIXED,
        /** {@link LongProbeMap}, mixed hash, counters on. */
        PROBEMAP_MIXED_COUNTING,
        /** fastutil {@code Long2LongOpenHashMap}. */
        FASTUTIL,
        /** {@code HashMap<Long,Long>}. */
        HASHMAP
    }

    /** Without values: every subject (JMH takes all of an enum's constants). */
    @Param
    public Subject subject;

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
            case PROBEMAP_MIXED, PROBEMAP_MIXED_COUNTING -> probe = fillProbe();
            case FASTUTIL -> fastutil = fillFastutil();
            case HASHMAP -> hashMap = fillHashMap();
        }
    }

    private ProbeConfig config() {
        return ProbeConfig.of(HashMode.MIXED).withCounting(subject == Subject.PROBEMAP_MIXED_COUNTING);
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
            case FASTUTIL -> { Long2LongOpenHashMap m = fastutil; for (long k : lookupOrder) sum += m.get(k); }
            case HASHMAP -> { HashMap<Long, Long> m = hashMap; for (Long k : boxedLookupOrder) sum += m.get(k); }
            default -> { LongProbeMap m = probe; for (long k : lookupOrder) sum += m.get(k); }
        }
        return sum;
    }

    /** n puts into an empty default-sized map (growth included). */
    @Benchmark
    public Object put() {
        return switch (subject) {
            case FASTUTIL -> fillFastutil();
            case HASHMAP -> fillHashMap();
            default -> fillProbe();
        };
    }
}
