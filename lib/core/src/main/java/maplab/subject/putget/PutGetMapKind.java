package maplab.subject.putget;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import maplab.peers.Fastutil;
import maplab.plan.EnumIds;
import maplab.subject.facade.PutGetMap;

/**
 * The maps behind {@link PutGetMap}: a boxed {@code HashMap<Integer, Integer>} and fastutil's
 * primitive {@code Int2IntOpenHashMap}, both default-sized, so growth is part of what a fill
 * allocates. The ids are the JMH {@code @Param} values of {@code GcAllocBench}.
 */
public enum PutGetMapKind {
    /** {@code HashMap<Integer, Integer>}: a node per entry, keys and values boxed (outside the Integer cache). */
    HASHMAP("HashMap<Integer,Integer>") {
        @Override public PutGetMap create() {
            Map<Integer, Integer> map = new HashMap<>();
            return new PutGetMap() {
                @Override public void put(int key, int value) { map.put(key, value); }
                @Override public int get(int key, int missing) {
                    Integer v = map.get(key);
                    return v == null ? missing : v;
                }
                @Override public int size() { return map.size(); }
            };
        }
    },
    /** fastutil {@code Int2IntOpenHashMap}: keys and values in two int arrays, no per-entry object. */
    FASTUTIL("fastutil Int2IntOpenHashMap") {
        @Override public PutGetMap create() { return Fastutil.putGetMap(); }
    };

    private final String label;

    PutGetMapKind(String label) {
        this.label = label;
    }

    /** A new, empty, default-sized map of this kind. */
    public abstract PutGetMap create();

    public String label() { return label; }

    public String id() { return EnumIds.id(this); }

    public static List<String> ids() { return EnumIds.ids(PutGetMapKind.class); }

    public static PutGetMapKind parse(String id) { return EnumIds.parse(PutGetMapKind.class, "subject", id); }
}
