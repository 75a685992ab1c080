package maplab.subject.facade;

/**
 * A library's long-keyed open-hash collection as the merge experiment fills it: default-sized,
 * one key at a time. Filling one in another one's iteration order is the quadratic trap's
 * real-world form. {@code FastutilTarget} names the targets.
 */
public interface LongFillTarget {

    /** {@code keys} in the iteration order of a default-built collection of this kind holding them. */
    long[] iterationOrder(long[] keys);

    /** A new default-sized collection of this kind, filled with {@code keys} in the given order. */
    Object fill(long[] keys);

    /** How many keys {@code filled} (made by {@link #fill}) holds. */
    int size(Object filled);
}
