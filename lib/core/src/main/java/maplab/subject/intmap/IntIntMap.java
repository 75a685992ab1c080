package maplab.subject.intmap;

/**
 * An int-to-int map, boxed or primitive: the one facade through which the gc experiment puts
 * and gets, so that what differs between subjects is only how they store entries. A boxed
 * adapter boxes keys and values on the way in, exactly as {@code map.put(k, v)} with int
 * arguments does in user code.
 */
public interface IntIntMap {

    /** Associates {@code value} with {@code key}. */
    void put(int key, int value);

    /** The value of {@code key}, or {@code missing} when absent. */
    int get(int key, int missing);

    int size();
}
