package maplab.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import maplab.subject.jdk.MapConstructor;
import maplab.workload.KeyOrder;
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
 * Inserting n keys into a map built by each {@link MapConstructor}: one whole fill per
 * measured shot, so resizes are part of what is timed. Keys are boxed once in setup, so
 * allocation ({@code -prof gc}, {@code gc.alloc.rate.norm}) counts the map's own nodes and
 * tables, not the keys. Each shot starts after a full GC, so one fill does not pay for
 * collecting the previous one's garbage.
 *
 * <p>Run on its own: {@code java -jar lib/bench/target/benchmarks.jar PresizeBench -prof gc}; one constructor:
 * {@code -p constructor=HASHMAP_PRESIZED} (a {@link MapConstructor} constant's name); sorted keys:
 * {@code -p order=ASCENDING}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PresizeBench {

    /** Without values: every constructor (JMH takes all of an enum's constants). */
    @Param
    public MapConstructor constructor;

    @Param({"1000000"})
    public int n;

    @Param({"20261121"})
    public long seed;

    /** The order the keys go in: random (the default), or ascending for the presized-plus-sorted fill. */
    @Param({"RANDOM"})
    public KeyOrder order;

    private Integer[] keys;

    @Setup
    public void setUp() {
        int[] raw = order.intKeys(n, seed);
        keys = new Integer[n];
        for (int i = 0; i < n; i++) keys[i] = raw[i];
    }

    /** Not timed: starts every shot with an empty young generation. */
    @Setup(Level.Iteration)
    public void collectPreviousFill() {
        System.gc();
    }

    @Benchmark
    public Map<Integer, Integer> insert() {
        Map<Integer, Integer> map = constructor.create(n);
        for (Integer k : keys) map.put(k, k);
        return map;
    }
}
