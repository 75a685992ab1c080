package maplab.subject.intmap;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The int-to-int maps compared: a boxed {@code HashMap<Integer, Integer>} and fastutil's
 * primitive {@code Int2IntOpenHashMap}. The ids are the JMH {@code @Param} values of
 * {@code GcAllocBench}.
 */
public enum IntMapKind {
    /** {@code HashMap<Integer, Integer>}: a node object per entry, keys and values boxed (outside the Integer cache). */
    HASHMAP("HashMap<Integer,Integer>") {
        @Override public IntIntMap create() {
            Map<Integer, Integer> map = new HashMap<>();
            return new IntIntMap() {
                @Override public void put(int key, int value) { map.put(key, value); }
                @Override public int get(int key, int missing) {
                    Integer v = map.get(key);
                    return v == null ? missing : v;
                }
                @Override public int size() { return map.size(); }
            };
        }
    },
    /** fastutil {@code Int2IntOpenHashMap}: keys and values in two parallel int arrays, no per-entry object. */
    FASTUTIL("fastutil Int2IntOpenHashMap") {
        @Override public IntIntMap create() {
            Int2IntOpenHashMap map = new Int2IntOpenHashMap();
            return new IntIntMap() {
                @Override public void put(int key, int value) { map.put(key, value); }
                @Override public int get(int key, int missing) { return map.getOrDefault(key, missing); }
                @Override public int size() { return map.size(); }
            };
        }
    };

    private final String label;

    IntMapKind(String label) {
        this.label = label;
    }

    /** A new empty map with the implementation's default initial size (so growth is part of what it allocates). */
    public abstract IntIntMap create();

    /** How it reads in a chart or a sentence. */
    public String label() { return label; }

    /** The parameter spelling: "hashmap", "fastutil". */
    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static List<String> ids() {
        return Arrays.stream(values()).map(IntMapKind::id).toList();
    }

    public static IntMapKind parse(String id) {
        for (IntMapKind k : values()) if (k.id().equalsIgnoreCase(id)) return k;
        throw new IllegalArgumentException("subject: unknown value '" + id + "'; allowed: " + String.join(", ", ids()));
    }
}
