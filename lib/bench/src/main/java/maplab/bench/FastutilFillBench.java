package maplab.bench;

import java.util.concurrent.TimeUnit;
import maplab.subject.merge.FastutilTarget;
import maplab.subject.merge.FillOrder;
import maplab.subject.merge.UserFill;
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
 * Filling a default-sized fastutil open-hash set or map (or a peer library's map: Eclipse
 * Collections, HPPC, Agrona, Koloboke) with n keys, either in the iteration
 * order of another one holding the same keys or shuffled ({@link FillOrder}). fastutil indexes
 * by the low bits of a fixed mixer, so a source's iteration order lines keys up with the
 * smaller, growing target's slots and piles them into long probe runs; shuffled keys do not.
 * The key order is captured in setup, so the timed part is the filling alone.
 *
 * <p>A user's map ({@code target = USER}, {@code user = "user:ClassName"}) is filled the same way ({@link UserFill}); the
 * merge run puts its jar on every fork's class path.
 *
 * <p>Run on its own: {@code java -jar lib/bench/target/benchmarks.jar FastutilFillBench}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FastutilFillBench {

    /** A {@link FastutilTarget}; {@code USER} for a user's map, named by {@link #user}. */
    @Param({"SET", "MAP", "ECLIPSE_MAP", "HPPC_MAP", "AGRONA_MAP", "KOLOBOKE_MAP"})
    public FastutilTarget target;

    /**
     * A user's map ({@code user:ClassName}) when {@link #target} is {@code USER}; empty otherwise. A String, not an enum:
     * no constant can name a user's class.
     */
    @Param({""})
    public String user;

    /** Without values: both orders (JMH takes all of an enum's constants). */
    @Param
    public FillOrder order;

    @Param({"262144"})
    public int n;

    @Param({"20261121"})
    public long seed;

    @Param({"20261122"})
    public long shuffleSeed;

    private UserFill userFill;
    private long[] keys;

    @Setup
    public void setUp() {
        if (UserParam.isUser(target, user)) {
            userFill = new UserFill(user, order, KeyOrder.RANDOM.longKeys(n, seed), shuffleSeed);
            return;
        }
        keys = order.arrange(target, KeyOrder.RANDOM.longKeys(n, seed), shuffleSeed);
    }

    @Benchmark
    public Object fill() {
        return userFill != null ? userFill.fill() : target.fill(keys);
    }
}
