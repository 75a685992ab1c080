package maplab.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import maplab.subject.merge.MergeStrategy;
import maplab.workload.KeyOrder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Merging two {@code HashMap<Long, Long>} of n entries each, which share {@code overlapPct}
 * percent of their keys, into a new map with each {@link MergeStrategy}. The source maps are
 * built once in setup; each call builds and returns a new merged map, so resizes of the
 * target are part of what is timed.
 *
 * <p>Run on its own: {@code java -jar lib/bench/target/benchmarks.jar MergeBench -p strategy=PUT_ALL,PUT_LOOP}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MergeBench {

    /** Without values: every strategy (JMH takes all of an enum's constants). */
    @Param
    public MergeStrategy strategy;

    @Param({"100000"})
    public int n;

    @Param({"50"})
    public int overlapPct;

    @Param({"20261121"})
    public long seed;

    private Map<Long, Long> a;
    private Map<Long, Long> b;

    @Setup
    public void setUp() {
        Map<Long, Long>[] maps = sources(n, overlapPct, seed);
        a = maps[0];
        b = maps[1];
    }

    /**
     * Two maps of {@code n} random keys each (values equal to keys); the last
     * {@code overlapPct}% of a's keys are also b's first keys.
     */
    @SuppressWarnings("unchecked")
    public static Map<Long, Long>[] sources(int n, int overlapPct, long seed) {
        if (overlapPct < 0 || overlapPct > 100) throw new IllegalArgumentException("overlapPct: must be 0..100, got " + overlapPct);
        int shared = (int) ((long) n * overlapPct / 100);
        long[] keys = KeyOrder.RANDOM.longKeys(2 * n - shared, seed);
        Map<Long, Long> a = new HashMap<>();
        Map<Long, Long> b = new HashMap<>();
        for (int i = 0; i < n; i++) a.put(keys[i], keys[i]);
        for (int i = n - shared; i < 2 * n - shared; i++) b.put(keys[i], keys[i]);
        return new Map[] {a, b};
    }

    @Benchmark
    public Map<Long, Long> merge() {
        return strategy.merge(a, b);
    }
}
