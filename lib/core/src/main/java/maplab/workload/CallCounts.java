package maplab.workload;

/**
 * How often a map called {@code equals}, {@code compareTo} and {@code hashCode} on the
 * instrumented keys ({@link CountingKey}, {@link ComparableCountingKey},
 * {@link CountingString}) that share this object. Plain fields: for single-threaded use.
 */
public final class CallCounts {
    long equals;
    long compareTo;
    long hashCode;

    public long equalsCalls() { return equals; }
    public long compareToCalls() { return compareTo; }
    public long hashCodeCalls() { return hashCode; }

    /** All three counts back to zero (e.g. after building the keys, before the map sees them). */
    public void reset() {
        equals = compareTo = hashCode = 0;
    }

    @Override
    public String toString() {
        return "equals=" + equals + ", compareTo=" + compareTo + ", hashCode=" + hashCode;
    }
}
