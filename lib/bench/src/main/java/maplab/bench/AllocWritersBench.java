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
 * Allocating map writes by one or several threads: each operation fills a new
 * {@code HashMap<Integer, Integer>} of {@code n} keys (nodes, boxed keys and values, the tables
 * growth leaves behind), each thread its own map, so the threads share nothing but the heap and
 * its collections. Run with 1 thread and with several ({@code -t}); JMH's throughput is the sum
 * over threads, so divide by the threads for the throughput of one writer.
 *
 * <p>Run on its own: {@code java -jar lib/bench/target/benchmarks.jar AllocWritersBench -t 2}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AllocWritersBench {

    /** Keys per fill. */
    @Param({"1000"})
    public int n;

    /** First key: above the JDK's cached boxes (-128..127), so every put allocates its boxes. */
    private static final int FIRST_KEY = 1_000;

    @Setup
    public void setUp() {
        if (n < 1) throw new IllegalArgumentException("n: must be at least 1, got " + n);
    }

    /** One map filled by this thread. */
    @Benchmark
    public Map<Integer, Integer> fill() {
        Map<Integer, Integer> map = new HashMap<>();
        for (int i = 0; i < n; i++) map.put(FIRST_KEY + i, FIRST_KEY + i);
        return map;
    }
}
