package maplab.stress;

import maplab.subject.concurrent.SharedMap;
import maplab.subject.concurrent.SharedMapType;

/**
 * The jcstress tests of maplab's own concurrent maps (ReadWriteLock, StampedLock, sharded,
 * copy-on-write, single-writer; the JDK's maps are tested by the JDK). jcstress reads
 * {@code @Actor}s and {@code @Outcome}s only from the test class itself, so each property is
 * a small abstract state with one subclass per subject.
 */
final class Subjects {
    private Subjects() { }

    /** A fresh map holding keys {@code 0 .. n-1} (value = key + 1000). */
    static <V> SharedMap<Integer, V> filled(SharedMapType type, int n, java.util.function.IntFunction<V> value) {
        SharedMap<Integer, V> map = type.create();
        for (int i = 0; i < n; i++) map.put(i, value.apply(i + 1000));
        return map;
    }
}
