package maplab.subject.facade;

/**
 * One map from int keys to int values, filled with a key array in that array's order; the
 * facade the key-order experiment and {@code KeyOrderBench} measure. Each implementation
 * keeps its own copy of the keys in the form it needs (boxed once for HashMap), so a
 * measured pass does no boxing.
 */
public interface IntMap {

    /** Looks up every key in insertion order; returns the sum of the values found (blackhole it). */
    long lookupAll();

    /** Visits every entry in the map's own iteration order; returns the sum of keys and values. */
    long iterateAll();

    int size();
}
