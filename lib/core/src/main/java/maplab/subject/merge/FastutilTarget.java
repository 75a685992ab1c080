package maplab.subject.merge;

import com.carrotsearch.hppc.LongLongHashMap;
import com.carrotsearch.hppc.cursors.LongLongCursor;
import com.koloboke.collect.map.hash.HashLongLongMap;
import com.koloboke.collect.map.hash.HashLongLongMaps;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.List;
import maplab.plan.EnumIds;
import org.agrona.collections.Long2LongHashMap;

/**
 * Real libraries' open-hash collections as targets filled one key at a time from a
 * default-sized start: fastutil's set and map (linear probing, index from the low bits of a
 * fixed mixer) and their peers from Eclipse Collections, HPPC, Agrona and Koloboke. Filling
 * one in another one's iteration order is the quadratic trap's real-world form; a library
 * whose iteration order or hash differs per instance protects itself. The constant ids are
 * the JMH {@code @Param} values of {@code FastutilFillBench}; {@link #subject()} is the row's
 * subject.
 */
public enum FastutilTarget {
    /** {@code LongOpenHashSet}, {@code add} per key. */
    SET("fastutil LongOpenHashSet", "fastutil_set") {
        @Override public long[] iterationOrder(long[] keys) {
            LongOpenHashSet source = new LongOpenHashSet();
            for (long k : keys) source.add(k);
            return source.toLongArray();
        }

        @Override public Object fill(long[] keys) {
            LongOpenHashSet target = new LongOpenHashSet();
            for (long k : keys) target.add(k);
            return target;
        }

        @Override public int size(Object filled) { return ((LongOpenHashSet) filled).size(); }
    },
    /** {@code Long2LongOpenHashMap}, {@code put} per key. */
    MAP("fastutil Long2LongOpenHashMap", "fastutil_map") {
        @Override public long[] iterationOrder(long[] keys) {
            Long2LongOpenHashMap source = new Long2LongOpenHashMap();
            for (long k : keys) source.put(k, k);
            return source.keySet().toLongArray();
        }

        @Override public Object fill(long[] keys) {
            Long2LongOpenHashMap target = new Long2LongOpenHashMap();
            for (long k : keys) target.put(k, k);
            return target;
        }

        @Override public int size(Object filled) { return ((Long2LongOpenHashMap) filled).size(); }
    },
    /**
     * Eclipse Collections {@code LongLongHashMap}: open addressing over an interleaved array, a
     * fixed spread function, a short linear probe then a second hash; iteration in slot order.
     */
    ECLIPSE_MAP("Eclipse Collections LongLongHashMap", "eclipse_map") {
        @Override public long[] iterationOrder(long[] keys) {
            org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap source = new org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap();
            for (long k : keys) source.put(k, k);
            long[] out = new long[source.size()];
            int[] i = {0};
            source.forEachKey(k -> out[i[0]++] = k);
            return out;
        }

        @Override public Object fill(long[] keys) {
            org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap target = new org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap();
            for (long k : keys) target.put(k, k);
            return target;
        }

        @Override public int size(Object filled) { return ((org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap) filled).size(); }
    },
    /**
     * HPPC {@code LongLongHashMap} (0.10): linear probing over a fixed mixer, but every iteration
     * starts at a seeded slot and steps by a seeded odd increment (a new seed per iteration), so
     * its iteration order is a scrambled permutation of the slots.
     */
    HPPC_MAP("HPPC LongLongHashMap", "hppc_map") {
        @Override public long[] iterationOrder(long[] keys) {
            LongLongHashMap source = new LongLongHashMap();
            for (long k : keys) source.put(k, k);
            long[] out = new long[source.size()];
            int i = 0;
            for (LongLongCursor c : source) out[i++] = c.key;
            return out;
        }

        @Override public Object fill(long[] keys) {
            LongLongHashMap target = new LongLongHashMap();
            for (long k : keys) target.put(k, k);
            return target;
        }

        @Override public int size(Object filled) { return ((LongLongHashMap) filled).size(); }
    },
    /** Agrona {@code Long2LongHashMap}: linear probing over a fixed hash, load factor 0.65; iteration in slot order. */
    AGRONA_MAP("Agrona Long2LongHashMap", "agrona_map") {
        @Override public long[] iterationOrder(long[] keys) {
            Long2LongHashMap source = new Long2LongHashMap(MISSING);
            for (long k : keys) source.put(k, k);
            long[] out = new long[source.size()];
            int[] i = {0};
            source.forEachLong((k, v) -> out[i[0]++] = k);
            return out;
        }

        @Override public Object fill(long[] keys) {
            Long2LongHashMap target = new Long2LongHashMap(MISSING);
            for (long k : keys) target.put(k, k);
            return target;
        }

        @Override public int size(Object filled) { return ((Long2LongHashMap) filled).size(); }
    },
    /** Koloboke {@code HashLongLongMap} (1.0.0, the last release): linear probing over a mixed hash; iteration by its cursor. */
    KOLOBOKE_MAP("Koloboke HashLongLongMap", "koloboke_map") {
        @Override public long[] iterationOrder(long[] keys) {
            HashLongLongMap source = HashLongLongMaps.newMutableMap();
            for (long k : keys) source.put(k, k);
            long[] out = new long[source.size()];
            int[] i = {0};
            source.forEach((long k, long v) -> out[i[0]++] = k);
            return out;
        }

        @Override public Object fill(long[] keys) {
            HashLongLongMap target = HashLongLongMaps.newMutableMap();
            for (long k : keys) target.put(k, k);
            return target;
        }

        @Override public int size(Object filled) { return ((HashLongLongMap) filled).size(); }
    };

    /** Agrona's primitive maps need a value that stands for "absent"; the keys' values are the keys, never this. */
    static final long MISSING = Long.MIN_VALUE;

    private final String label;
    private final String subject;

    FastutilTarget(String label, String subject) {
        this.label = label;
        this.subject = subject;
    }

    /** {@code keys} in the iteration order of a default-built collection of this kind holding them. */
    public abstract long[] iterationOrder(long[] keys);

    /** A new default-sized collection of this kind, filled with {@code keys} in the given order. */
    public abstract Object fill(long[] keys);

    /** How many keys {@code filled} (made by {@link #fill}) holds. */
    public abstract int size(Object filled);

    public String label() {
        return label;
    }

    /** The row's subject, e.g. "fastutil_set", "hppc_map". */
    public String subject() {
        return subject;
    }

    /** The constant whose {@link #subject()} is {@code subject}. */
    public static FastutilTarget ofSubject(String subject) {
        for (FastutilTarget t : values()) if (t.subject.equals(subject)) return t;
        throw new IllegalArgumentException("unknown fill subject '" + subject + "'");
    }

    /** True for the libraries other than fastutil. */
    public boolean isPeer() {
        return this != SET && this != MAP;
    }

    /** The parameter spelling: "set", "map", "eclipse_map", "hppc_map", ... */
    public String id() {
        return EnumIds.id(this);
    }

    public static List<String> ids() {
        return EnumIds.ids(FastutilTarget.class);
    }

    public static FastutilTarget parse(String id) {
        return EnumIds.parse(FastutilTarget.class, "target", id);
    }
}
