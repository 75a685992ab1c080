package maplab.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import maplab.subject.concurrent.SharedMap;
import maplab.subject.concurrent.SharedMapType;
import maplab.subject.jdk.Capacity;
import maplab.workload.AccessStream;
import maplab.workload.DistinctInts;
import maplab.workload.Popularity;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Throughput of one shared map under a read/write mix, from as many threads as JMH's
 * {@code -t} gives: each operation is a {@code get} or a {@code put} (overwriting an existing
 * key, so the key set and size stay fixed and every read hits) of a key drawn with uniform or
 * Zipf popularity. The map is filled with every key and the operation stream is precomputed
 * in setup ({@link AccessStream}, {@value #STREAM} slots); keys are distinct ints with
 * random-looking bits ({@link DistinctInts}: Integers 0..n-1 would hash perfectly and flatter
 * every map that indexes by the raw hash); the hot loop reads the stream with
 * {@code index++ & MASK}, each thread starting at its own offset. Keys and values are boxed
 * once in setup, so allocation ({@code -prof gc}, {@code gc.alloc.rate.norm}) is the map's
 * own: copies, queue nodes, lock records.
 *
 * <p>Trap: JMH's synchronized iterations assume one operation is far shorter than an
 * iteration. A copy-on-write write of a million-entry map takes tens of milliseconds; a thread
 * blocked behind such copies for a whole iteration then reports one operation in a
 * microsecond, and the sum is garbage. Keep copy-on-write at a few hundred thousand keys
 * or fewer when there are writes (the sync-variants experiment refuses more).
 *
 * <p>Run on its own: {@code java -jar lib/bench/target/benchmarks.jar SyncVariantsBench -t 2
 * -p subject=CONCURRENT_HASH_MAP,SHARDED,SYNCHRONIZED_MAP -p readPct=50 -p popularity=ZIPF -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SyncVariantsBench {

    static final int STREAM = 1 << 20;
    static final int MASK = STREAM - 1;

    /** A {@link SharedMapType}; {@code USER} for a user's shared map, named by {@link #user}. */
    @Param({"CONCURRENT_HASH_MAP"})
    public SharedMapType subject;

    /**
     * A user's shared map ({@code user:ClassName}) when {@link #subject} is {@code USER}; empty otherwise. A String, not an enum:
     * no constant can name a user's class.
     */
    @Param({""})
    public String user;

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

    @Setup
    public void setUp() {
        boolean mine = UserParam.isUser(subject, user);
        Loaded l = load(mine ? user : subject.id(), () -> mine ? userMap(user) : subject.<Integer, Integer>create(), readPct, keys, popularity, seed);
        map = l.map();
        opKey = l.opKey();
        opRead = l.opRead();
    }

    /** A filled map and its precomputed operation stream (shared with {@link SyncLatencyBench}). */
    record Loaded(SharedMap<Integer, Integer> map, Integer[] opKey, boolean[] opRead) { }

    /**
     * {@code subject}'s map (made by {@code newMap} once the stream is built), filled with every key,
     * and the operation stream.
     */
    static Loaded load(String subject, Supplier<SharedMap<Integer, Integer>> newMap, int readPct, int keys, Popularity popularity, long seed) {
        if (keys < 1) throw new IllegalArgumentException("keys: bad value " + keys + "; allowed: a whole number from 1");
        AccessStream stream = AccessStream.of(keys, STREAM, readPct, popularity, seed);
        int[] raw = DistinctInts.scrambled(keys, seed);
        Integer[] boxed = new Integer[keys];
        Map<Integer, Integer> all = new HashMap<>(Capacity.forEntries(keys));
        for (int i = 0; i < keys; i++) {
            boxed[i] = raw[i];
            all.put(boxed[i], boxed[i]);
        }
        Integer[] opKey = new Integer[STREAM];
        boolean[] opRead = stream.read();
        for (int i = 0; i < STREAM; i++) opKey[i] = boxed[stream.keyIndex()[i]];
        SharedMap<Integer, Integer> map = newMap.get();
        map.putAll(all);
        if (map.size() != keys) throw new IllegalStateException(subject + " holds " + map.size() + " keys after filling, expected " + keys);
        return new Loaded(map, opKey, opRead);
    }

    /** A new user's SharedMap, from the run's jar. */
    @SuppressWarnings("unchecked")
    private static SharedMap<Integer, Integer> userMap(String id) {
        return (SharedMap<Integer, Integer>) maplab.subject.user.UserSubject.newInstance(id);
    }

    @TearDown
    public void tearDown() {
        map.close();
    }

    /** Each thread's position in the operation stream. */
    @State(Scope.Thread)
    public static class Cursor {
        int index;

        @Setup
        public void start(ThreadParams thread) {
            index = (int) ((long) thread.getThreadIndex() * STREAM / thread.getThreadCount());
        }
    }

    @Benchmark
    public Integer operate(Cursor cursor) {
        int i = cursor.index++ & MASK;
        Integer key = opKey[i];
        return opRead[i] ? map.get(key) : map.put(key, key);
    }
}
