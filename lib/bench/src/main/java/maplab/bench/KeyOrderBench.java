package maplab.bench;

import java.util.concurrent.TimeUnit;
import maplab.subject.facade.IntMap;
import maplab.subject.intmap.IntMapType;
import maplab.subject.intmap.LongMapAdapter;
import maplab.subject.user.UserSubject;
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
 * Does the order keys went in change how fast a map is read? Each trial fills one
 * {@link IntMapType} (default-sized, growing) with the n keys 0..n-1 in one {@link KeyOrder},
 * then times a whole pass: {@code lookup} gets every key in the insertion order,
 * {@code iterate} walks every entry in the map's own order. The map is built once per fork
 * and nothing is allocated while measuring. The key-order experiment forks these with the
 * Epsilon collector, which never moves an object, so the nodes of {@code HashMap} stay exactly
 * where the insertion put them; with a moving collector a young collection (when one happens)
 * lays them out again in its own traversal order.
 *
 * <p>A user's map ({@code subject = USER}, {@code user = "user:ClassName"}, a {@link maplab.subject.intmap.LongMap}) is
 * created by class name: the key-order run puts its jar on every fork's class path.
 *
 * <p>Run on its own as the experiment does: {@code java -jar lib/bench/target/benchmarks.jar KeyOrderBench -p n=1048576
 * -jvmArgsAppend "-XX:+UnlockExperimentalVMOptions -XX:+UseEpsilonGC"}; one cell: {@code -p subject=HPPC -p order=RANDOM}
 * (an order by its {@link KeyOrder} constant's name).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class KeyOrderBench {

    /** An {@link IntMapType}; {@code USER} for a user's map, named by {@link #user}. */
    @Param({"PROBEMAP_IDENTITY", "PROBEMAP_MIXED", "HASHMAP", "FASTUTIL", "ECLIPSE", "HPPC", "AGRONA", "KOLOBOKE"})
    public IntMapType subject;

    /**
     * A user's map ({@code user:ClassName}) when {@link #subject} is {@code USER}; empty otherwise. A String, not an enum:
     * no constant can name a user's class.
     */
    @Param({""})
    public String user;

    /** Without values: every order (JMH takes all of an enum's constants). */
    @Param
    public KeyOrder order;

    @Param({"1048576"})
    public int n;

    @Param({"20261121"})
    public long seed;

    private IntMap map;

    @Setup
    public void setUp() {
        int[] keys = order.intKeys(n, seed);
        map = UserParam.isUser(subject, user) ? new LongMapAdapter(UserSubject.newMap(user), keys) : subject.build(keys);
        if (map.size() != n) throw new IllegalStateException((user.isEmpty() ? subject : user) + " holds " + map.size() + " of " + n + " keys");
    }

    /** One pass of n lookups in insertion order. */
    @Benchmark
    public long lookup() {
        return map.lookupAll();
    }

    /** One pass over all n entries in the map's iteration order. */
    @Benchmark
    public long iterate() {
        return map.iterateAll();
    }
}
