package maplab.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import maplab.subject.iteration.NodeLayout;
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
 * One full entrySet iteration over a {@code HashMap<Integer, Integer>} of keys 0..n-1 whose
 * nodes lie in memory as a {@link NodeLayout} says (filled in random order, copied, rebuilt,
 * collected, or filled in ascending order). Same keys, same table in every layout: the time
 * differences are where the nodes and boxes are, i.e. locality.
 *
 * <p>The map is built once per fork in setup from seeded keys. Run with the JMH {@code gc}
 * profiler to see whether a collection ran while measuring (it could move the nodes).
 *
 * <p>Run on its own: {@code java -jar lib/bench/target/benchmarks.jar IterationLocalityBench -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class IterationLocalityBench {

    /** Without values: every layout (JMH takes all of an enum's constants). */
    @Param
    public NodeLayout layout;

    @Param({"1048576"})
    public int n;

    @Param({"20261121"})
    public long seed;

    private Map<Integer, Integer> map;

    @Setup
    public void setUp() {
        map = layout.build(KeyOrder.RANDOM.intKeys(n, seed));
        if (map.size() != n) throw new IllegalStateException(layout + ": expected " + n + " entries, found " + map.size());
    }

    @Benchmark
    public long iterate() {
        return NodeLayout.sum(map);
    }
}
