package maplab.subject.merge;

import java.util.SplittableRandom;
import maplab.subject.intmap.LongMap;
import maplab.subject.user.UserSubject;
import maplab.workload.KeyOrder;

/**
 * The merge trap's real-world check for a user's map ({@link LongMap}): fill a new, default-sized
 * one in the iteration order of another one holding the same keys (what
 * {@code for (k : source) target.put(k, v)} does), or with the same keys shuffled, as
 * {@link FastutilTarget} does for fastutil.
 */
public final class UserFill {

    private final String subject;
    private final long[] keys;

    /** {@code keys} arranged in {@code order} for the user subject {@code subject}; a shuffle draws from {@code shuffleSeed}. */
    public UserFill(String subject, FillOrder order, long[] keys, long shuffleSeed) {
        this.subject = subject;
        LongMap source = UserSubject.newMap(subject);
        for (long k : keys) source.put(k, k);
        long[] ordered = new long[source.size()];
        int[] i = {0};
        source.forEach((k, v) -> ordered[i[0]++] = k);
        if (order == FillOrder.SHUFFLED) KeyOrder.shuffle(ordered, new SplittableRandom(shuffleSeed));
        this.keys = ordered;
    }

    /** A new map of the subject filled with the arranged keys (value = key). */
    public LongMap fill() {
        LongMap target = UserSubject.newMap(subject);
        for (long k : keys) target.put(k, k);
        return target;
    }
}
