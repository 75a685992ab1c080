package maplab.subject.iteration;

import maplab.subject.facade.IterationMap;
import java.util.List;
import maplab.plan.EnumIds;

/** Ways to visit every entry of a map; the constants are the JMH {@code @Param} values of {@code IterationBench}. */
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

    /** Visits every entry of {@code map} ({@code snapshot} is used by {@link #SNAPSHOT} only; take it with {@link IterationMap#snapshot()}). */
    public long iterate(IterationMap map, Object[] snapshot) {
        return switch (this) {
            case ENTRYSET -> map.sumEntrySet();
            case KEYSET_GET -> map.sumKeySetGet();
            case FOREACH -> map.sumForEach();
            case SNAPSHOT -> map.sumSnapshot(snapshot);
        };
    }

    public String label() { return label; }

    public String id() { return EnumIds.id(this); }

    public static List<String> ids() {
        return EnumIds.ids(IterationStyle.class);
    }

    public static IterationStyle parse(String id) {
        return EnumIds.parse(IterationStyle.class, "style", id);
    }
}
