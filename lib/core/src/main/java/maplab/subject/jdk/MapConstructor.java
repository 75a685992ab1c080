package maplab.subject.jdk;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ways to construct a JDK map for {@code n} entries; the constant names are the JMH
 * {@code @Param} values of {@code PresizeBench}.
 */
public enum MapConstructor {
    /** {@code new HashMap<>()}: starts at 16 buckets and doubles as it fills. */
    HASHMAP_DEFAULT("new HashMap<>()") {
        @Override public <K, V> Map<K, V> create(int n) { return new HashMap<>(); }
    },
    /** {@code new HashMap<>(n)}: sizes the table for n buckets, not n entries, so it still resizes once. */
    HASHMAP_N("new HashMap<>(n)") {
        @Override public <K, V> Map<K, V> create(int n) { return new HashMap<>(n); }
    },
    /** Capacity {@code n / 0.75 + 1}: n entries fit without a resize ({@code HashMap.newHashMap(n)} on JDK 19+). */
    HASHMAP_PRESIZED("HashMap for n entries") {
        @Override public <K, V> Map<K, V> create(int n) { return new HashMap<>(Capacity.forEntries(n)); }
    };

    private final String label;

    MapConstructor(String label) {
        this.label = label;
    }

    /** A new empty map built this way, meant to receive {@code n} entries. */
    public abstract <K, V> Map<K, V> create(int n);

    /** How it reads in a chart: "new HashMap<>(n)". */
    public String label() {
        return label;
    }

    /** The parameter spelling, e.g. "hashmap_default". */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> ids() {
        return java.util.Arrays.stream(values()).map(MapConstructor::id).toList();
    }

    public static MapConstructor parse(String id) {
        for (MapConstructor c : values()) if (c.id().equalsIgnoreCase(id)) return c;
        throw new IllegalArgumentException("constructor: unknown value '" + id + "'; allowed: " + String.join(", ", ids()));
    }
}
