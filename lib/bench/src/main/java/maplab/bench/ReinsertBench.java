package maplab.bench;

import java.util.concurrent.TimeUnit;
import maplab.subject.merge.ReinsertTarget;
import maplab.subject.probe.LongProbeMap;
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
 * The quadratic trap: inserting the keys of an n-key {@link LongProbeMap}, in its slot order,
 * into a new target built as each {@link ReinsertTarget} says (same hash and growing, per-map
 * seeds, or presized). One whole merge per single shot. The source's slot order is captured
 * in setup, so the timed part is the target's inserts alone.
 *
 * <p>{@code budgetMs} bounds each shot: the merge stops once it has run that long (the clock
 * is read every 256 inserts, in every variant alike), so a shot that reports at least the
 * budget was cut short and is a lower bound. 0 means no budget.
 *
 * <p>Run on its own: {@code java -jar lib/bench/target/benchmarks.jar ReinsertBench -p n=65536 -p target=SAME_HASH,SEEDED}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ReinsertBench {

    /** Without values: every variant (JMH takes all of an enum's constants). */
    @Param
    public ReinsertTarget target;

    @Param({"65536"})
    public int n;

    /** Seed of the keys. */
    @Param({"20261121"})
    public long seed;

    /** The source map's seed (used by the seeded variant). */
    @Param({"20261123"})
    public long sourceSeed;

    /** The target map's seed (used by the seeded variant). */
    @Param({"20261122"})
    public long targetSeed;

    @Param({"0"})
    public long budgetMs;

    private long[] slotOrder;
    private long budgetNanos;

    @Setup
    public void setUp() {
        slotOrder = target.source(KeyOrder.RANDOM.longKeys(n, seed), sourceSeed).keys();
        budgetNanos = budgetMs <= 0 ? Long.MAX_VALUE : TimeUnit.MILLISECONDS.toNanos(budgetMs);
    }

    @Benchmark
    public LongProbeMap reinsert() {
        LongProbeMap map = target.target(n, targetSeed, false);
        ReinsertTarget.insertWithin(map, slotOrder, budgetNanos);
        return map;
    }
}
