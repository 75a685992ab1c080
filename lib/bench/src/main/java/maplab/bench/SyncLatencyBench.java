package maplab.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import maplab.measure.Contention;
import maplab.subject.concurrent.SharedMap;
import maplab.subject.concurrent.SharedMapType;
import maplab.workload.Popularity;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.infra.ThreadParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The operation of {@link SyncVariantsBench} (same map, same key stream, same read/write mix)
 * in JMH's sample mode: JMH times a sample of single operations, so the result has a latency
 * distribution per operation (p50, p99, p99.9...) instead of a throughput.
 *
 * <p>With the system property {@value Contention#DIR_PROPERTY} set (a fork JVM argument), the
 * fork also records where threads wait ({@link Contention}: JFR {@code jdk.JavaMonitorEnter}
 * and {@code jdk.ThreadPark} events over {@value Contention#THRESHOLD_PROPERTY} microseconds,
 * with stacks) from the start of the first measured iteration to the end of the trial, and
 * counts the operations and the time of the measured iterations, so blocked time can be put per
 * second and per operation. Warm-up is not recorded.
 *
 * <p>Run on its own: {@code java -jar lib/bench/target/benchmarks.jar SyncLatencyBench -t 4
 * -p subject=CONCURRENT_HASH_MAP,SYNCHRONIZED_MAP -p readPct=95} (subjects by their
 * {@link SharedMapType} constant's name)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SyncLatencyBench {

    @Param({"CONCURRENT_HASH_MAP"})
    public SharedMapType subject;

    /** Share of reads, 0 to 100. */
    @Param({"95"})
    public int readPct;

    /** Keys in the map. */
    @Param({"65536"})
    public int keys;

    @Param({"UNIFORM"})
    public Popularity popularity;

    @Param({"20261121"})
    public long seed;

    private SharedMap<Integer, Integer> map;
    private Integer[] opKey;
    private boolean[] opRead;

    private Contention.Recorder recorder;
    private long iterationStart;
    private long measuredNanos;
    private boolean measuring;
    final LongAdder measuredOps = new LongAdder();

    @Setup(Level.Trial)
    public void setUp() {
        SyncVariantsBench.Loaded l = SyncVariantsBench.load(subject.id(), subject::create, readPct, keys, popularity, seed);
        map = l.map();
        opKey = l.opKey();
        opRead = l.opRead();
    }

    @Setup(Level.Iteration)
    public void startIteration(IterationParams iteration, ThreadParams threads) throws IOException {
        measuring = iteration.getType() == IterationType.MEASUREMENT;
        String dir = System.getProperty(Contention.DIR_PROPERTY);
        if (measuring && dir != null && recorder == null) {
            Map<String, String> cell = new LinkedHashMap<>();
            cell.put("subject", subject.id());
            cell.put("read_pct", String.valueOf(readPct));
            cell.put("threads", String.valueOf(threads.getThreadCount()));
            cell.put("n_keys", String.valueOf(keys));
            cell.put("popularity", popularity.id());
            recorder = Contention.start(Path.of(dir), cell, threshold());
        }
        iterationStart = System.nanoTime();
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        if (measuring) measuredNanos += System.nanoTime() - iterationStart;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try {
            if (recorder != null) recorder.stop(measuredNanos, measuredOps.sum(), threshold());
        } finally {
            map.close();
        }
    }

    private static int threshold() {
        return Integer.getInteger(Contention.THRESHOLD_PROPERTY, Contention.DEFAULT_THRESHOLD_US);
    }

    /** Each thread's position in the operation stream, and its operations in measured iterations. */
    @State(Scope.Thread)
    public static class Cursor {
        int index;
        int iterationStartIndex;
        boolean measuring;

        @Setup(Level.Trial)
        public void start(ThreadParams thread) {
            index = (int) ((long) thread.getThreadIndex() * SyncVariantsBench.STREAM / thread.getThreadCount());
        }

        @Setup(Level.Iteration)
        public void startIteration(IterationParams iteration) {
            measuring = iteration.getType() == IterationType.MEASUREMENT;
            iterationStartIndex = index;
        }

        @TearDown(Level.Iteration)
        public void endIteration(SyncLatencyBench bench) {
            if (measuring) bench.measuredOps.add(Integer.toUnsignedLong(index - iterationStartIndex));
        }
    }

    @Benchmark
    public Integer operate(Cursor cursor) {
        int i = cursor.index++ & SyncVariantsBench.MASK;
        Integer key = opKey[i];
        return opRead[i] ? map.get(key) : map.put(key, key);
    }
}
