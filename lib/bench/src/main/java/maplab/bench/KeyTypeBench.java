package maplab.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import maplab.subject.keys.KeyedMap;
import maplab.subject.keys.KeyedMapKind;
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
 * One successful lookup in a map of n entries, by key type and map ({@link KeyedMapKind}).
 * Lookup keys are equal to the inserted keys but separate objects (a String built anew, a
 * new record...), as keys arriving from outside are, so {@code equals} really compares and
 * never stops at {@code ==}. Keys are looked up in a seeded random order read from an array
 * with {@code index++ & MASK}.
 *
 * <p>Run on its own: {@code java -jar lib/bench/target/benchmarks.jar KeyTypeBench}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KeyTypeBench {

    private static final int ORDER = 1 << 16;
    private static final int MASK = ORDER - 1;

    @Param({"hashmap_integer", "hashmap_long", "hashmap_string", "hashmap_record", "linkedhashmap_integer",
            "treemap_integer", "chm_integer", "fastutil_int", "eclipse_int"})
    public String subject;

    @Param({"100000"})
    public int n;

    @Param({"20261121"})
    public long seed;

    private KeyedMap map;
    private final int[] order = new int[ORDER];
    private int index;

    @Setup
    public void setUp() {
        map = KeyedMapKind.parse(subject).build(KeyOrder.RANDOM.intKeys(n, seed));
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int i = 0; i < ORDER; i++) order[i] = random.nextInt(n);
        for (int i = 0; i < n; i++) {
            if (map.lookup(i) != i) throw new IllegalStateException(subject + ": key " + i + " not found");
        }
    }

    @Benchmark
    public int lookup() {
        return map.lookup(order[index++ & MASK]);
    }
}
