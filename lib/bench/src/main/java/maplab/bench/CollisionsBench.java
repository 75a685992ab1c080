package maplab.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import maplab.subject.collision.CollisionCase;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Hash flooding: inserting n keys of each {@link CollisionCase} (colliding Strings, constant
 * hash codes with and without Comparable, and their baselines) into a new default-sized map;
 * one whole fill per operation. Keys are built once in setup. The non-String keys count their
 * calls with a plain field increment, in every such case alike.
 *
 * <p>Run on its own: {@code java -jar lib/bench/target/benchmarks.jar CollisionsBench -p n=4096
 * -p subject=COLLIDING_STRING,RANDOM_STRING} (a {@link CollisionCase} constant's name)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CollisionsBench {

    /** Without values: every case (JMH takes all of an enum's constants). */
    @Param
    public CollisionCase subject;

    @Param({"4096"})
    public int n;

    /** Seed of the keys. */
    @Param({"20261121"})
    public long seed;

    /** Hash seed of the ProbeMap cases. */
    @Param({"20261122"})
    public long mapSeed;

    private Object[] keys;

    @Setup
    public void setUp() {
        keys = subject.keys(n, seed);
    }

    @Benchmark
    public Map<Object, Object> insert() {
        return CollisionCase.insertAll(subject.newMap(mapSeed, false), keys);
    }
}
