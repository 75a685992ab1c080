package maplab.subject.keys;

import maplab.plan.EnumIds;

/**
 * The types of key the key-types experiment compares, each made from an int. {@link #key}
 * returns a new object on every call (except where the JDK caches boxes), so a lookup key is
 * equal to, but not the same object as, the inserted one.
 */
public enum KeyType {
    /** {@code Integer.valueOf(i)}: the JDK shares the boxes of -128..127. */
    INTEGER("Integer"),
    /** {@code Long.valueOf(i)}: shared boxes for -128..127 too. */
    LONG("Long"),
    /** {@code "key-" + i}: a String and its byte[] per key, built at run time (not interned). */
    STRING("String"),
    /** {@link IntId}: a record wrapping one int, like a typed id ({@code record UserId(int value)}). */
    RECORD("record IntId(int)"),
    /** A primitive int: no key object at all. */
    INT("int");

    /** A record key: a typed int id. Its generated hashCode is the int's, so it spreads like Integer. */
    public record IntId(int value) { }

    private final String label;

    KeyType(String label) {
        this.label = label;
    }

    /** A new key object for {@code i} ({@link #INT}: the boxed int, for completeness). */
    public Object key(int i) {
        return switch (this) {
            case INTEGER, INT -> Integer.valueOf(i);
            case LONG -> Long.valueOf(i);
            case STRING -> "key-" + i;
            case RECORD -> new IntId(i);
        };
    }

    public String label() { return label; }

    public String id() { return EnumIds.id(this); }
}
