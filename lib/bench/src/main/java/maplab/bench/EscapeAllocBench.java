package maplab.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Bytes allocated per iteration over a small {@code HashMap<Integer, Integer>}, read with
 * {@code -prof gc} ({@code gc.alloc.rate.norm}). Each operation walks {@code entrySet()} with a
 * for-each loop: the loop allocates one {@code HashMap.EntryIterator}, a temporary that never
 * leaves the method, so C2's escape analysis can replace it by its fields (no allocation). Run
 * once as is and once with {@code -XX:-DoEscapeAnalysis} to see what escape analysis saves.
 *
 * <p>Run on its own: {@code java -jar lib/bench/target/benchmarks.jar EscapeAllocBench -prof gc -jvmArgsAppend -XX:-DoEscapeAnalysis}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EscapeAllocBench {

    /** Entries of the map walked per operation (keys 0..entries-1: cached boxes, built once). */
    @Param({"16"})
    public int entries;

    private Map<Integer, Integer> map;

    @Setup
    public void setUp() {
        if (entries < 1) throw new IllegalArgumentException("entries: must be at least 1, got " + entries);
        map = new HashMap<>();
        for (int i = 0; i < entries; i++) map.put(i, i);
    }

    /** One walk over the entries, summing keys and values. */
    @Benchmark
    public long iterate() {
        long sum = 0;
        for (Map.Entry<Integer, Integer> e : map.entrySet()) sum += e.getKey() + e.getValue();
        return sum;
    }
}
