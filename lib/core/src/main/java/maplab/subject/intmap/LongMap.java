package maplab.subject.intmap;

/**
 * A mutable map from long keys to long values: the facade a map of your own implements to
 * run as a subject of key-order and merge (int keys are widened). Every long is a valid key
 * (0 and negative keys included). An implementation needs a public no-argument constructor
 * that makes an empty, default-sized map which grows as keys go in, as in ordinary use.
 * maplab checks it against {@code HashMap} ({@link maplab.subject.user.MapContract}) before
 * timing it.
 */
public interface LongMap {

    /** Maps {@code key} to {@code value}; returns true when {@code key} was not in the map before. */
    boolean put(long key, long value);

    /** The value of {@code key}, or {@code defaultValue} when the map does not hold it. */
    long getOrDefault(long key, long defaultValue);

    /** Removes {@code key}; returns true when it was in the map. */
    boolean remove(long key);

    /** How many keys the map holds. */
    int size();

    /** Visits every entry once, in the map's own iteration order. */
    void forEach(EntryVisitor visitor);

    /** Receives one entry of {@link #forEach}. */
    @FunctionalInterface
    interface EntryVisitor {
        void visit(long key, long value);
    }
}
