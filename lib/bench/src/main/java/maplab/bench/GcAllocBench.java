package maplab.bench;

import java.util.concurrent.TimeUnit;
import maplab.subject.facade.PutGetMap;
import maplab.subject.putget.PutGetMapKind;
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
 * What a boxed {@code HashMap<Integer, Integer>} and fastutil's primitive
 * {@code Int2IntOpenHashMap} allocate per put and per get, read with {@code -prof gc}
 * ({@code gc.alloc.rate.norm}, bytes per operation).
 *
 * <ul>
 *   <li>{@code fill}: one operation puts all {@code n} keys (ints, boxed by the adapter as user
 *       code would box them) into a new default-sized map; divide by {@code n} for bytes per
 *       put, which then include the map's node, the boxed key and value, and its share of the
 *       tables left behind by growth.</li>
 *   <li>{@code get}: one lookup of the next key in a map filled in setup.</li>
 * </ul>
 * Keys are a seeded shuffle built once in setup; every result is returned to JMH.
 *
 * <p>Run on its own: {@code java -jar lib/bench/target/benchmarks.jar GcAllocBench -prof gc}; one map:
 * {@code -p subject=FASTUTIL} (a {@link PutGetMapKind} constant's name)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GcAllocBench {

    /** Without values: every kind (JMH takes all of an enum's constants). */
    @Param
    public PutGetMapKind subject;

    @Param({"100000"})
    public int n;

    @Param({"20261121"})
    public long seed;

    private int[] keys;
    private PutGetMap filled;
    private int next;

    @Setup
    public void setUp() {
        keys = KeyOrder.RANDOM.intKeys(n, seed);
        filled = fill();
        if (filled.size() != n) throw new IllegalStateException(subject + " holds " + filled.size() + " keys, expected " + n);
    }

    @Benchmark
    public PutGetMap fill() {
        PutGetMap map = subject.create();
        int[] k = keys;
        for (int i = 0; i < k.length; i++) map.put(k[i], i);
        return map;
    }

    @Benchmark
    public int get() {
        int key = keys[next];
        if (++next == keys.length) next = 0;
        return filled.get(key, -1);
    }
}
