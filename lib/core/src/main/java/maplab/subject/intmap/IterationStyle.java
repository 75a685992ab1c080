package maplab.subject.intmap;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Ways to visit every entry of a map; the ids are the JMH {@code @Param} values of {@code IterationBench}. */
public enum IterationStyle {
    /** {@code for (var e : map.entrySet())}: one pass, key and value from the entry. */
    ENTRYSET("entrySet"),
    /** {@code for (var k : map.keySet()) map.get(k)}: one pass plus a lookup per key. */
    KEYSET_GET("keySet + get"),
    /** {@code map.forEach((k, v) -> ...)}: the map drives the loop. */
    FOREACH("forEach"),
    /** An array of the entries taken once ({@code entrySet().toArray()}) and iterated: the cost of the walk without the map. */
    SNAPSHOT("snapshot array");

    private final String label;

    IterationStyle(String label) {
        this.label = label;
    }

    /** Visits every entry of {@code map} ({@code snapshot} is used by {@link #SNAPSHOT} only; take it with {@link IntMap#snapshot()}). */
    public long iterate(IntMap map, Object[] snapshot) {
        return switch (this) {
            case ENTRYSET -> map.sumEntrySet();
            case KEYSET_GET -> map.sumKeySetGet();
            case FOREACH -> map.sumForEach();
            case SNAPSHOT -> map.sumSnapshot(snapshot);
        };
    }

    public String label() { return label; }

    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static List<String> ids() {
        return Arrays.stream(values()).map(IterationStyle::id).toList();
    }

    public static IterationStyle parse(String id) {
        for (IterationStyle s : values()) if (s.id().equalsIgnoreCase(id)) return s;
        throw new IllegalArgumentException("style: unknown value '" + id + "'; allowed: " + String.join(", ", ids()));
    }
}
