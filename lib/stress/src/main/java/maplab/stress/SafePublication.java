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
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A reader never sees a torn or partially published state. A writer puts key 100, then key
 * 101, each with a new {@link Box} whose field is <em>not</em> final (so only the map's own
 * happens-before makes it visible); a reader gets 101, then 100, then 5 (present from the
 * start). Result: (value at 101, value at 100, value at 5), -1 for absent.
 */
public final class SafePublication {
    private SafePublication() { }

    /** A value with a plain field: seen as 0 if the map published the Box before its field. */
    public static final class Box {
        int value;

        Box(int value) {
            this.value = value;
        }
    }

    abstract static class Base {
        final SharedMap<Integer, Box> map;

        Base(SharedMapType type) {
            map = Subjects.filled(type, 10, Box::new);
        }

        void write() {
            map.put(100, new Box(42));
            map.put(101, new Box(43));
        }

        void read(III_Result r) {
            r.r1 = valueOf(map.get(101));
            r.r2 = valueOf(map.get(100));
            r.r3 = valueOf(map.get(5));
        }

        private static int valueOf(Box b) {
            return b == null ? -1 : b.value;
        }
    }

    @JCStressTest
    @Outcome(id = "-1, -1, 1005", expect = ACCEPTABLE, desc = "read before both writes")
    @Outcome(id = "-1, 42, 1005", expect = ACCEPTABLE, desc = "read between the writes (or saw the first only)")
    @Outcome(id = "43, 42, 1005", expect = ACCEPTABLE, desc = "read after both writes")
    @Outcome(id = "43, -1, 1005", expect = FORBIDDEN, desc = "saw the second write without the first: a torn state")
    @Outcome(expect = FORBIDDEN, desc = "a value seen as 0 (a Box published before its field) or an old entry missing (a partial snapshot)")
    @State
    public static class RwLock extends Base {
        public RwLock() { super(SharedMapType.RW_LOCK); }
        @Actor public void writer() { write(); }
        @Actor public void reader(III_Result r) { read(r); }
        @Arbiter public void arbiter() { map.close(); }
    }

    @JCStressTest
    @Outcome(id = "-1, -1, 1005", expect = ACCEPTABLE, desc = "read before both writes")
    @Outcome(id = "-1, 42, 1005", expect = ACCEPTABLE, desc = "read between the writes (or saw the first only)")
    @Outcome(id = "43, 42, 1005", expect = ACCEPTABLE, desc = "read after both writes")
    @Outcome(id = "43, -1, 1005", expect = FORBIDDEN, desc = "saw the second write without the first: a torn state")
    @Outcome(expect = FORBIDDEN, desc = "a value seen as 0 (optimistic read not validated) or an old entry missing")
    @State
    public static class StampedLock extends Base {
        public StampedLock() { super(SharedMapType.STAMPED_LOCK); }
        @Actor public void writer() { write(); }
        @Actor public void reader(III_Result r) { read(r); }
        @Arbiter public void arbiter() { map.close(); }
    }

    @JCStressTest
    @Outcome(id = "-1, -1, 1005", expect = ACCEPTABLE, desc = "read before both writes")
    @Outcome(id = "-1, 42, 1005", expect = ACCEPTABLE, desc = "read between the writes (or saw the first only)")
    @Outcome(id = "43, 42, 1005", expect = ACCEPTABLE, desc = "read after both writes")
    @Outcome(id = "43, -1, 1005", expect = FORBIDDEN, desc = "saw the second write without the first: a torn state")
    @Outcome(expect = FORBIDDEN, desc = "a value seen as 0 (a Box published before its field) or an old entry missing")
    @State
    public static class Sharded extends Base {
        public Sharded() { super(SharedMapType.SHARDED); }
        @Actor public void writer() { write(); }
        @Actor public void reader(III_Result r) { read(r); }
        @Arbiter public void arbiter() { map.close(); }
    }

    @JCStressTest
    @Outcome(id = "-1, -1, 1005", expect = ACCEPTABLE, desc = "read the snapshot from before both writes")
    @Outcome(id = "-1, 42, 1005", expect = ACCEPTABLE, desc = "read the snapshot between the writes (or the first only)")
    @Outcome(id = "43, 42, 1005", expect = ACCEPTABLE, desc = "read the snapshot after both writes")
    @Outcome(id = "43, -1, 1005", expect = FORBIDDEN, desc = "saw the second write without the first: a torn snapshot")
    @Outcome(expect = FORBIDDEN, desc = "a value seen as 0 or an old entry missing: a partially published snapshot")
    @State
    public static class CopyOnWrite extends Base {
        public CopyOnWrite() { super(SharedMapType.COPY_ON_WRITE); }
        @Actor public void writer() { write(); }
        @Actor public void reader(III_Result r) { read(r); }
        @Arbiter public void arbiter() { map.close(); }
    }

    @JCStressTest
    @Outcome(id = "-1, -1, 1005", expect = ACCEPTABLE, desc = "read before the owner applied either write")
    @Outcome(id = "-1, 42, 1005", expect = ACCEPTABLE, desc = "read between the writes (or saw the first only)")
    @Outcome(id = "43, 42, 1005", expect = ACCEPTABLE, desc = "read after both writes")
    @Outcome(id = "43, -1, 1005", expect = FORBIDDEN, desc = "saw the second write without the first: writes applied out of order")
    @Outcome(expect = FORBIDDEN, desc = "a value seen as 0 (handed to the owner unsafely) or an old entry missing")
    @State
    public static class SingleWriter extends Base {
        public SingleWriter() { super(SharedMapType.SINGLE_WRITER); }
        @Actor public void writer() { write(); }
        @Actor public void reader(III_Result r) { read(r); }
        @Arbiter public void arbiter() { map.close(); }
    }
}
