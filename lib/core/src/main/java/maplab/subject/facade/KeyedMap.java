package maplab.subject.facade;

import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.IntUnaryOperator;
import java.util.function.ToIntFunction;

/**
 * A map filled with n keys of one key type (key i maps to value i), and lookup keys
 * equal to the inserted ones but built separately: the one interface through which key-types
 * measures memory and lookups, whatever the map. Made by {@code KeyedMapKind#build}.
 */
public interface KeyedMap {

    /** Looks up the separately built key for entry {@code i}; the value found, or -1 when missing. */
    int lookup(int i);

    int size();

    /** The map itself (its object graph is what JOL measures; the lookup keys are not part of it). */
    Object map();

    /** A {@link Map} with boxed keys; lookups use equal key objects built apart from the inserted ones. */
    record BoxedKeys(Map<Object, Integer> map, Object[] probes) implements KeyedMap {
        @Override public int lookup(int i) {
            Integer v = map.get(probes[i]);
            return v == null ? -1 : v;
        }

        @Override public int size() { return map.size(); }
    }

    /** A map with object keys that is not a {@link Map} (HPPC's); lookups use equal key objects built apart. */
    record ObjectKeys(Object map, Object[] probes, ToIntFunction<Object> get, IntSupplier sizer) implements KeyedMap {
        @Override public int lookup(int i) { return get.applyAsInt(probes[i]); }
        @Override public int size() { return sizer.getAsInt(); }
    }

    /** A primitive int map; lookups use the int keys. */
    record IntKeys(Object map, int[] probes, IntUnaryOperator get, IntSupplier sizer) implements KeyedMap {
        @Override public int lookup(int i) { return get.applyAsInt(probes[i]); }
        @Override public int size() { return sizer.getAsInt(); }
    }
}
