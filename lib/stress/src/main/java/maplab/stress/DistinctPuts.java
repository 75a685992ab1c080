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
 * Concurrent puts of distinct keys are all visible after both threads finish. The map starts
 * with 11 keys, so the 4 new ones cross {@code HashMap}'s first resize threshold (12) while two
 * threads write: exactly where an unsynchronized {@code HashMap} loses keys.
 * Result: (keys present of 15, {@code size()}).
 */
public final class DistinctPuts {
    private DistinctPuts() { }

    static final int[] NEW_KEYS = {100, 101, 200, 201};

    abstract static class Base {
        final SharedMap<Integer, Integer> map;

        Base(SharedMapType type) {
            map = Subjects.filled(type, 11, v -> v);
        }

        void put(int a, int b) {
            map.put(a, a);
            map.put(b, b);
        }

        void check(II_Result r) {
            int present = 0;
            for (int k = 0; k < 11; k++) if (map.containsKey(k)) present++;
            for (int k : NEW_KEYS) if (map.containsKey(k)) present++;
            r.r1 = present;
            r.r2 = map.size();
            map.close();
        }
    }

    @JCStressTest
    @Outcome(id = "15, 15", expect = ACCEPTABLE, desc = "every key present and counted")
    @Outcome(expect = FORBIDDEN, desc = "a key was lost, or size() disagrees with the keys present")
    @State
    public static class RwLock extends Base {
        public RwLock() { super(SharedMapType.RW_LOCK); }
        @Actor public void writer1() { put(100, 101); }
        @Actor public void writer2() { put(200, 201); }
        @Arbiter public void arbiter(II_Result r) { check(r); }
    }

    @JCStressTest
    @Outcome(id = "15, 15", expect = ACCEPTABLE, desc = "every key present and counted")
    @Outcome(expect = FORBIDDEN, desc = "a key was lost, or size() disagrees with the keys present")
    @State
    public static class StampedLock extends Base {
        public StampedLock() { super(SharedMapType.STAMPED_LOCK); }
        @Actor public void writer1() { put(100, 101); }
        @Actor public void writer2() { put(200, 201); }
        @Arbiter public void arbiter(II_Result r) { check(r); }
    }

    @JCStressTest
    @Outcome(id = "15, 15", expect = ACCEPTABLE, desc = "every key present and counted")
    @Outcome(expect = FORBIDDEN, desc = "a key was lost, or size() disagrees with the keys present")
    @State
    public static class Sharded extends Base {
        public Sharded() { super(SharedMapType.SHARDED); }
        @Actor public void writer1() { put(100, 101); }
        @Actor public void writer2() { put(200, 201); }
        @Arbiter public void arbiter(II_Result r) { check(r); }
    }

    @JCStressTest
    @Outcome(id = "15, 15", expect = ACCEPTABLE, desc = "every key present and counted")
    @Outcome(expect = FORBIDDEN, desc = "a key was lost (one writer's copy replaced the other's), or size() is wrong")
    @State
    public static class CopyOnWrite extends Base {
        public CopyOnWrite() { super(SharedMapType.COPY_ON_WRITE); }
        @Actor public void writer1() { put(100, 101); }
        @Actor public void writer2() { put(200, 201); }
        @Arbiter public void arbiter(II_Result r) { check(r); }
    }

    @JCStressTest
    @Outcome(id = "15, 15", expect = ACCEPTABLE, desc = "every key present and counted")
    @Outcome(expect = FORBIDDEN, desc = "a queued write was lost, or size() is wrong")
    @State
    public static class SingleWriter extends Base {
        public SingleWriter() { super(SharedMapType.SINGLE_WRITER); }
        @Actor public void writer1() { put(100, 101); }
        @Actor public void writer2() { put(200, 201); }
        @Arbiter public void arbiter(II_Result r) { check(r); }
    }
}
