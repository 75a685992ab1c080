package maplab.subject.iteration;

import maplab.subject.facade.IterationMap;
import java.util.List;
import maplab.plan.EnumIds;

/**
 * How a map came to hold its k entries: freshly filled, or filled to n and then drained or
 * cleared, and the remedies for those. The constants are the JMH {@code @Param} values of
 * {@code IterationBench}.
 */
public enum MapState {
    /** A new map with the k entries put into it. */
    FRESH("fresh"),
    /** Filled with n entries, then all but k removed: a hash table keeps its size. */
    DRAINED("drained"),
    /** Filled with n entries, {@code clear()}ed, then k put again: clear() keeps the table too. */
    CLEARED("cleared"),
    /** A drained map passed to the copy constructor. */
    COPIED("drained, copied"),
    /** A drained map rebuilt by the kind's remedy ({@link IterationMap#rebuild()}). */
    REBUILT("drained, rebuilt");

    private final String label;

    MapState(String label) {
        this.label = label;
    }

    /**
     * A map of {@code kind} in this state holding {@code keys[0..k)}, each mapped to itself;
     * the other keys of {@code keys} are the ones inserted and removed (or cleared).
     */
    public IterationMap build(IterationMapKind kind, int[] keys, int k) {
        if (k < 0 || k > keys.length) throw new IllegalArgumentException("k: must be from 0 to " + keys.length + ", got " + k);
        IterationMap map = kind.create();
        switch (this) {
            case FRESH -> putRange(map, keys, 0, k);
            case DRAINED, COPIED, REBUILT -> {
                putRange(map, keys, 0, keys.length);
                for (int i = k; i < keys.length; i++) map.remove(keys[i]);
            }
            case CLEARED -> {
                putRange(map, keys, 0, keys.length);
                map.clear();
                putRange(map, keys, 0, k);
            }
        }
        return switch (this) {
            case COPIED -> map.copy();
            case REBUILT -> map.rebuild();
            default -> map;
        };
    }

    private static void putRange(IterationMap map, int[] keys, int from, int to) {
        for (int i = from; i < to; i++) map.put(keys[i], keys[i]);
    }

    public String label() { return label; }

    public String id() { return EnumIds.id(this); }

    public static List<String> ids() {
        return EnumIds.ids(MapState.class);
    }

    public static MapState parse(String id) {
        return EnumIds.parse(MapState.class, "state", id);
    }
}
