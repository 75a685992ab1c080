package maplab.subject.probe;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An open-addressing, linear-probing {@link Map} for any keys (null keys and values
 * allowed), the generic sibling of {@link LongProbeMap}: same {@link ProbeConfig}, same
 * power-of-two table, same {@link ProbeCounters}. Each slot keeps the key's 64-bit hash, so
 * probes compare hashes first and call {@code equals} only on a full hash match (as
 * {@code HashMap} does), and growth does not call {@code hashCode} again.
 *
 * <p><b>Deletion is backward-shift</b> (no tombstones), as in {@link LongProbeMap}.
 * Iteration (entries, keys, values, {@link #forEach}) is in slot order; the iterators
 * support {@code remove} and fail fast on concurrent modification. Under
 * {@link HashMode#SEEDED}, {@code put} rejects a key the seeded hash has no content hash for;
 * lookups and removals of such a key answer "absent".
 */
public final class ProbeMap<K, V> extends AbstractProbeMap<K, V> {

    /** An empty map that holds {@code expectedSize} keys before its first growth. */
    public ProbeMap(ProbeConfig config, int expectedSize) {
        super(config, expectedSize);
        allocate(config.capacityFor(expectedSize));
    }

    /** The old table of a growing {@link IncrementalProbeMap}: takes over its slots, config and counters. */
    ProbeMap(IncrementalProbeMap<K, V> from) {
        super(from);
    }

    @Override List<ProbeTable<K, V>> tables() { return List.of(this); }

    @Override public int size() { return size; }

    /** The home slot of {@code key} in the current table. */
    public int homeSlot(Object key) {
        return slotFor(hashOf(key));
    }

    @Override
    public V get(Object key) {
        int i = find(key);
        return i < 0 ? null : cast(values[i]);
    }

    @Override
    public V getOrDefault(Object key, V defaultValue) {
        int i = find(key);
        return i < 0 ? defaultValue : cast(values[i]);
    }

    @Override
    public boolean containsKey(Object key) {
        return find(key) >= 0;
    }

    @Override
    boolean containsEntry(Object key, Object value) {
        int i = find(key);
        return i >= 0 && Objects.equals(values[i], value);
    }

    @Override
    public V put(K key, V value) {
        final long h = hashOf(key);
        int i = locate(key, h);
        countInsert(h, i);
        if (i >= 0) {
            V old = cast(values[i]);
            values[i] = value;
            return old;
        }
        insert(-i - 1, stored(key), value, h);
        modCount++;
        if (size > maxFill) regrow(grownCapacity(size));   // doubles, re-inserting in slot order
        return null;
    }

    @Override
    public V remove(Object key) {
        int i = locate(key, lookupHashOf(key));
        if (i < 0) return null;
        V old = cast(values[i]);
        removeAt(i, null);
        modCount++;
        return old;
    }

    @Override
    public void clear() {
        clearSlots();
        modCount++;
    }

    /**
     * How far each key now sits from its home slot, as a histogram (element d counts keys
     * displaced by d slots). Needs no counters: it reads the table as it is.
     */
    public long[] displacementHistogram() {
        long[] hist = new long[1];
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == null) continue;
            int d = (i - slotFor(hashes[i])) & mask;
            if (d >= hist.length) hist = Arrays.copyOf(hist, Math.max(d + 1, hist.length * 2));
            hist[d]++;
        }
        int last = hist.length - 1;
        while (last > 0 && hist[last] == 0) last--;
        return Arrays.copyOf(hist, size == 0 ? 0 : last + 1);
    }

    /** The slot of {@code key}, or a negative number; counted as a lookup. */
    private int find(Object key) {
        return lookup(key, lookupHashOf(key));
    }
}
