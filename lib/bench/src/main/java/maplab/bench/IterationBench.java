package maplab.bench;

import java.util.concurrent.TimeUnit;
import maplab.subject.facade.IterationMap;
import maplab.subject.iteration.IterationMapKind;
import maplab.subject.iteration.IterationStyle;
import maplab.subject.iteration.MapState;
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
 * One full iteration over a map of k entries: of a map {@code kind} in a {@link MapState}
 * (fresh, or filled to n and drained or cleared down to k, or those remedied), in an
 * {@link IterationStyle}. The trap it shows: a HashMap never shrinks its table, so iterating
 * k entries left in a table sized for n walks every empty bucket.
 *
 * <p>The map is built once per fork in setup from seeded keys; each operation visits every
 * entry and returns the sum of {@code key * 31 + value}.
 *
 * <p>Run on its own: {@code java -jar lib/bench/target/benchmarks.jar IterationBench -p state=FRESH,DRAINED}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class IterationBench {

    /** Without values: every map kind (JMH takes all of an enum's constants). */
    @Param
    public IterationMapKind kind;

    /** Without values: every state. */
    @Param
    public MapState state;

    @Param({"ENTRYSET"})
    public IterationStyle style;

    /** Entries before draining or clearing. */
    @Param({"1000000"})
    public int n;

    /** Entries iterated. */
    @Param({"1000"})
    public int k;

    @Param({"20261121"})
    public long seed;

    private IterationMap map;
    private Object[] snapshot;

    @Setup
    public void setUp() {
        map = state.build(kind, KeyOrder.RANDOM.intKeys(n, seed), k);
        if (map.size() != k) throw new IllegalStateException(kind + " " + state + ": expected " + k + " entries, found " + map.size());
        snapshot = style == IterationStyle.SNAPSHOT ? map.snapshot() : null;
    }

    @Benchmark
    public long iterate() {
        return style.iterate(map, snapshot);
    }
}
