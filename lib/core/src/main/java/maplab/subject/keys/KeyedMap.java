package maplab.subject.keys;

/**
 * A map filled with n keys of one {@link KeyType} (key i maps to value i), and lookup keys
 * equal to the inserted ones but built separately: the one interface through which key-types
 * measures memory and lookups, whatever the map. Made by {@link KeyedMapKind#build}.
 */
public interface KeyedMap {

    /** Looks up the separately built key for entry {@code i}; the value found, or -1 when missing. */
    int lookup(int i);

    int size();

    /** The map itself (its object graph is what JOL measures; the lookup keys are not part of it). */
    Object map();
}
