package maplab.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import maplab.subject.concurrent.SharedMap;
import maplab.subject.concurrent.SharedMapType;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Put-then-get from the same thread sees its write, while another thread writes too. (For the
 * single-writer map this needs {@code put} to return only after the owner applied it.)
 * Result: (what thread 1 read back, what thread 2 read back).
 */
public final class ReadYourWrites {
    private ReadYourWrites() { }

    abstract static class Base {
        final SharedMap<Integer, Integer> map;

        Base(SharedMapType type) {
            map = Subjects.filled(type, 11, v -> v);
        }

        int putThenGet(int key) {
            map.put(key, key);
            Integer v = map.get(key);
            return v == null ? -1 : v;
        }
    }

    @JCStressTest
    @Outcome(id = "100, 200", expect = ACCEPTABLE, desc = "each thread read its own write")
    @Outcome(expect = FORBIDDEN, desc = "a thread did not see its own write")
    @State
    public static class RwLock extends Base {
        public RwLock() { super(SharedMapType.RW_LOCK); }
        @Actor public void thread1(II_Result r) { r.r1 = putThenGet(100); }
        @Actor public void thread2(II_Result r) { r.r2 = putThenGet(200); }
        @Arbiter public void arbiter() { map.close(); }
    }

    @JCStressTest
    @Outcome(id = "100, 200", expect = ACCEPTABLE, desc = "each thread read its own write")
    @Outcome(expect = FORBIDDEN, desc = "a thread did not see its own write")
    @State
    public static class StampedLock extends Base {
        public StampedLock() { super(SharedMapType.STAMPED_LOCK); }
        @Actor public void thread1(II_Result r) { r.r1 = putThenGet(100); }
        @Actor public void thread2(II_Result r) { r.r2 = putThenGet(200); }
        @Arbiter public void arbiter() { map.close(); }
    }

    @JCStressTest
    @Outcome(id = "100, 200", expect = ACCEPTABLE, desc = "each thread read its own write")
    @Outcome(expect = FORBIDDEN, desc = "a thread did not see its own write")
    @State
    public static class Sharded extends Base {
        public Sharded() { super(SharedMapType.SHARDED); }
        @Actor public void thread1(II_Result r) { r.r1 = putThenGet(100); }
        @Actor public void thread2(II_Result r) { r.r2 = putThenGet(200); }
        @Arbiter public void arbiter() { map.close(); }
    }

    @JCStressTest
    @Outcome(id = "100, 200", expect = ACCEPTABLE, desc = "each thread read its own write")
    @Outcome(expect = FORBIDDEN, desc = "a thread did not see its own write (the other writer's copy replaced it)")
    @State
    public static class CopyOnWrite extends Base {
        public CopyOnWrite() { super(SharedMapType.COPY_ON_WRITE); }
        @Actor public void thread1(II_Result r) { r.r1 = putThenGet(100); }
        @Actor public void thread2(II_Result r) { r.r2 = putThenGet(200); }
        @Arbiter public void arbiter() { map.close(); }
    }

    @JCStressTest
    @Outcome(id = "100, 200", expect = ACCEPTABLE, desc = "each thread read its own write")
    @Outcome(expect = FORBIDDEN, desc = "a thread did not see its own write: put returned before the owner applied it")
    @State
    public static class SingleWriter extends Base {
        public SingleWriter() { super(SharedMapType.SINGLE_WRITER); }
        @Actor public void thread1(II_Result r) { r.r1 = putThenGet(100); }
        @Actor public void thread2(II_Result r) { r.r2 = putThenGet(200); }
        @Arbiter public void arbiter() { map.close(); }
    }
}
