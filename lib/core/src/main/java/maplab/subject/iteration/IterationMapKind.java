package maplab.subject.iteration;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import maplab.peers.Fastutil;
import maplab.plan.EnumIds;
import maplab.subject.facade.IterationMap;
import maplab.subject.jdk.Capacity;

/** The map implementations behind {@link IterationMap}; the constants are the JMH {@code @Param} values of {@code IterationBench}. */
public enum IterationMapKind {
    /** {@code HashMap<Integer, Integer>}: iterators walk the bucket table, empty buckets included. */
    HASHMAP("HashMap", "HashMap") {
        @Override public IterationMap create() {
            return new JdkIterationMap(new HashMap<>(), HashMap::new, m -> rebuildInto(Capacity.newHashMap(m.size()), m));
        }
    },
    /** {@code LinkedHashMap<Integer, Integer>}: iterators follow the entry list, never the table. */
    LINKEDHASHMAP("LinkedHashMap", "LinkedHashMap") {
        @Override public IterationMap create() {
            return new JdkIterationMap(new LinkedHashMap<>(), LinkedHashMap::new, m -> rebuildInto(Capacity.newLinkedHashMap(m.size()), m));
        }
    },
    /** {@code TreeMap<Integer, Integer>}: a red-black tree, iterated in key order by successor links. */
    TREEMAP("TreeMap", "TreeMap") {
        @Override public IterationMap create() {
            return new JdkIterationMap(new TreeMap<>(), TreeMap::new, m -> rebuildInto(new TreeMap<>(), m));
        }
    },
    /** fastutil {@code Int2IntOpenHashMap}: open addressing over primitive arrays; shrinks on removal, not on {@code clear()}. */
    FASTUTIL("fastutil Int2IntOpenHashMap", "fastutil") {
        @Override public IterationMap create() {
            return Fastutil.iterationMap();
        }
    };

    private final String label;
    private final String shortLabel;

    IterationMapKind(String label, String shortLabel) {
        this.label = label;
        this.shortLabel = shortLabel;
    }

    /** A new, empty, default-constructed map of this kind. */
    public abstract IterationMap create();

    public String label() { return label; }

    /** One word for crowded chart axes: "fastutil". */
    public String shortLabel() { return shortLabel; }

    public String id() { return EnumIds.id(this); }

    public static List<String> ids() {
        return EnumIds.ids(IterationMapKind.class);
    }

    public static IterationMapKind parse(String id) {
        return EnumIds.parse(IterationMapKind.class, "kind", id);
    }

    private static Map<Integer, Integer> rebuildInto(Map<Integer, Integer> target, Map<Integer, Integer> source) {
        target.putAll(source);
        return target;
    }
}
