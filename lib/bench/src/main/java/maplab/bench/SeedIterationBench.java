package maplab.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import maplab.subject.probe.ProbeConfig;
import maplab.subject.probe.ProbeMap;
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
 * Does a fixed hash seed make traversal faster than a seed drawn per process? A seeded
 * {@link ProbeMap} of n boxed long keys (the key objects allocated in insertion order) is
 * iterated whole with {@code forEach}, reading every key object in slot order. Its seed is
 * either {@code fixedSeed} in every fork ({@code seedMode=fixed}) or drawn per fork
 * ({@code per_fork}): round r's seed is the (r+1)-th value of a generator seeded with
 * {@code perForkSeed}, the round read from the system property {@value #ROUND_PROPERTY}
 * (maplab's Jmh sets it; 0 when absent), as a runtime draws its seed at start-up.
 *
 * <p>Run on its own: {@code java -jar lib/bench/target/benchmarks.jar SeedIterationBench -jvmArgsAppend -Dmaplab.round=3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SeedIterationBench {

    /** The fork's round, set by maplab's Jmh ({@code roundProperty}). */
    public static final String ROUND_PROPERTY = "maplab.round";

    @Param({"fixed", "per_fork"})
    public String seedMode;

    @Param({"500000"})
    public int n;

    @Param({"20261121"})
    public long keySeed;

    @Param({"20261122"})
    public long fixedSeed;

    @Param({"20261123"})
    public long perForkSeed;

    private ProbeMap<Long, Long> map;

    @Setup
    public void setUp() {
        long seed = switch (seedMode) {
            case "fixed" -> fixedSeed;
            case "per_fork" -> seedOfRound(perForkSeed, Integer.getInteger(ROUND_PROPERTY, 0));
            default -> throw new IllegalArgumentException("seedMode: must be fixed or per_fork, got " + seedMode);
        };
        map = new ProbeMap<>(ProbeConfig.seeded(seed), n);
        for (long k : KeyOrder.RANDOM.longKeys(n, keySeed)) {
            Long boxed = k;
            map.put(boxed, boxed);
        }
    }

    /** Round r's seed: the (r+1)-th value of a generator seeded with {@code perForkSeed}. */
    public static long seedOfRound(long perForkSeed, int round) {
        if (round < 0) throw new IllegalArgumentException("round: must be >= 0, got " + round);
        SplittableRandom r = new SplittableRandom(perForkSeed);
        for (int i = 0; i < round; i++) r.nextLong();
        return r.nextLong();
    }

    /** One whole traversal: every entry, its key object read. */
    @Benchmark
    public long iterate() {
        long[] sum = {0};
        map.forEach((k, v) -> sum[0] += k);
        return sum[0];
    }
}
