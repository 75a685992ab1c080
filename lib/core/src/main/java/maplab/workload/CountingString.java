package maplab.workload;

/**
 * A String key that counts {@code equals}, {@code compareTo} and {@code hashCode} calls; it
 * hashes, compares and equals exactly like the String it wraps (so colliding Strings still
 * collide, and tree bins can still order them). It is a {@link CharSequence}, so a map that
 * hashes the content (ProbeMap's seeded hash) sees the same characters (not counted).
 */
public final class CountingString implements Comparable<CountingString>, CharSequence {
    private final String value;
    private final CallCounts counts;

    public CountingString(String value, CallCounts counts) {
        this.value = value;
        this.counts = counts;
    }

    public String value() { return value; }

    @Override
    public int hashCode() {
        counts.hashCode++;
        return value.hashCode();
    }

    @Override
    public boolean equals(Object o) {
        counts.equals++;
        return o instanceof CountingString s && s.value.equals(value);
    }

    @Override
    public int compareTo(CountingString o) {
        counts.compareTo++;
        return value.compareTo(o.value);
    }

    @Override public int length() { return value.length(); }
    @Override public char charAt(int index) { return value.charAt(index); }
    @Override public CharSequence subSequence(int start, int end) { return value.subSequence(start, end); }

    @Override
    public String toString() {
        return value;
    }
}
