package maplab.subject.facade;

/**
 * An int-to-int map driven one put and one get at a time with int arguments, as user code
 * calls a map: the facade through which the gc experiment measures allocation per operation.
 * A boxed implementation boxes the key (and the value) at each call, which is exactly what
 * is measured; {@link maplab.subject.intmap.IntMap}, by contrast, boxes its keys once up front
 * so that key-order times lookups without boxing.
 */
public interface PutGetMap {

    /** Associates {@code value} with {@code key}. */
    void put(int key, int value);

    /** The value of {@code key}, or {@code missing} when absent. */
    int get(int key, int missing);

    int size();
}
