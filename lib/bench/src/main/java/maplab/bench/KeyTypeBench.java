package maplab.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import maplab.subject.facade.KeyedMap;
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
 * never stops at {@code ==}.
 *
 * <p>What is measured: the mean time of one {@code get} over the <em>whole</em> map. The keys
 * are read from a seeded random permutation of all n keys, one per invocation, the index
 * wrapping to 0 after the last; so every entry is looked up once per n invocations and the
 * working set is the entire map (its table, nodes and keys), as in a lookup-heavy program whose
 * map is larger than the caches. A smaller lookup set would measure a map that fits in cache
 * however large the map is. The permutation is a sequential read of n ints, which the hardware
 * prefetches; the map's random accesses are what remains.
 *
 * <p>Run on its own: {@code java -jar lib/bench/target/benchmarks.jar KeyTypeBench}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KeyTypeBench {

    /** A {@link KeyedMapKind}; {@code USER} for a HashMap of a user's key type, named by {@link #user}. */
    @Param({"HASHMAP_INTEGER", "HASHMAP_LONG", "HASHMAP_STRING", "HASHMAP_RECORD", "LINKEDHASHMAP_INTEGER",
            "TREEMAP_INTEGER", "CHM_INTEGER", "FASTUTIL_INT", "ECLIPSE_INT", "HPPC_INT", "AGRONA_INT", "KOLOBOKE_INT",
            "ECLIPSE_UNIFIED_INTEGER", "HPPC_OBJECT_INTEGER", "AGRONA_OBJECT_INTEGER", "GUAVA_IMMUTABLE_INTEGER"})
    public KeyedMapKind subject;

    /**
     * A user's key type ({@code user:ClassName}) when {@link #subject} is {@code USER}; empty otherwise. A String, not an enum:
     * no constant can name a user's class.
     */
    @Param({""})
    public String user;

    @Param({"100000"})
    public int n;

    @Param({"20261121"})
    public long seed;

    private KeyedMap map;
    /** Every key 0..n-1 once, in a seeded random order. */
    private int[] order;
    private int index;

    @Setup
    public void setUp() {
        int[] keys = KeyOrder.RANDOM.intKeys(n, seed);
        map = UserParam.isUser(subject, user) ? userMap(user, keys) : subject.build(keys);
        order = permutation(n, seed ^ 0x5DEECE66DL);
        index = 0;
        for (int i = 0; i < n; i++) {
            if (map.lookup(i) != i) throw new IllegalStateException((user.isEmpty() ? subject : user) + ": key " + i + " not found");
        }
    }

    /**
     * A HashMap of a user's key type ({@link maplab.subject.keys.KeySource}, from the run's jar):
     * {@code key(keys[j]) -> keys[j]} in the order of {@code keys}, lookup keys made by a second {@code key(i)} call.
     */
    static KeyedMap userMap(String id, int[] keys) {
        maplab.subject.keys.KeySource source = (maplab.subject.keys.KeySource) maplab.subject.user.UserSubject.newInstance(id);
        java.util.Map<Object, Integer> map = new java.util.HashMap<>();
        for (int k : keys) map.put(source.key(k), k);
        Object[] lookupKeys = new Object[keys.length];
        for (int i = 0; i < lookupKeys.length; i++) lookupKeys[i] = source.key(i);
        return new KeyedMap() {
            @Override public int lookup(int i) { return map.getOrDefault(lookupKeys[i], -1); }
            @Override public int size() { return map.size(); }
            @Override public Object map() { return map; }
        };
    }

    /** 0..n-1 shuffled by Fisher-Yates with a seeded generator. */
    static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    @Benchmark
    public int lookup() {
        int i = index;
        index = i + 1 == order.length ? 0 : i + 1;
        return map.lookup(order[i]);
    }
}
