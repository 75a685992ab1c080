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
 * <p>Run on its own: {@code java -jar lib/bench/target/benchmarks.jar CollisionsBench -p n=4096}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CollisionsBench {

    @Param({"colliding_string", "random_string", "constant_hash", "constant_hash_comparable", "distinct_hash",
            "colliding_string_seeded", "random_string_seeded", "colliding_string_fastutil", "random_string_fastutil",
            "colliding_string_eclipse", "random_string_eclipse", "colliding_string_agrona", "random_string_agrona",
            "colliding_string_koloboke", "random_string_koloboke"})
    public String subject;

    @Param({"4096"})
    public int n;

    /** Seed of the keys. */
    @Param({"20261121"})
    public long seed;

    /** Hash seed of the ProbeMap cases. */
    @Param({"20261122"})
    public long mapSeed;

    private CollisionCase collisionCase;
    private Object[] keys;

    @Setup
    public void setUp() {
        collisionCase = CollisionCase.parse(subject);
        keys = collisionCase.keys(n, seed);
    }

    @Benchmark
    public Map<Object, Object> insert() {
        return CollisionCase.insertAll(collisionCase.newMap(mapSeed, false), keys);
    }
}
