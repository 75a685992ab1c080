package maplab.subject.facade;

/**
 * A map from int keys to int values, whatever its implementation ({@link IterationMapKind}): the
 * one interface through which the iteration experiment fills, drains and iterates maps.
 * Every iteration style visits each entry once and returns the sum of
 * {@code key * 31 + value} over all entries, so styles can be checked against each other and
 * the JIT cannot drop the loop.
 */
public interface IterationMap {

    void put(int key, int value);

    void remove(int key);

    void clear();

    int size();

    /** Iterates {@code entrySet()} (fastutil: its fast entry iterator). */
    long sumEntrySet();

    /** Iterates {@code keySet()} and looks each value up with {@code get}. */
    long sumKeySetGet();

    /** Calls {@code forEach((k, v) -> ...)}. */
    long sumForEach();

    /** The entries copied into an array ({@code entrySet().toArray()}), taken once and iterated many times. */
    Object[] snapshot();

    /** Iterates a {@link #snapshot()} of this map. */
    long sumSnapshot(Object[] snapshot);

    /** A new map of the same kind made with its copy constructor (sized for the current entries). */
    IterationMap copy();

    /** The kind's way to rebuild a map for its current entries (a presized new map, or fastutil's {@code trim()}). */
    IterationMap rebuild();

    /** The underlying map object. */
    Object unwrap();

    /** The sum every iteration style returns, for one entry. */
    static long mix(int key, int value) {
        return key * 31L + value;
    }
}
