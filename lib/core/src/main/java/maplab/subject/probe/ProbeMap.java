package maplab.subject.probe;

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

    /** The one table, regrown in place when full. */
    private final ProbeTable table;

    /** An empty map that holds {@code expectedSize} keys before its first growth. */
    public ProbeMap(ProbeConfig config, int expectedSize) {
        super(config, expectedSize);
        this.table = newTable(config.capacityFor(expectedSize));
    }

    @Override List<ProbeTable> tables() { return List.of(table); }

    @Override public int size() { return table.size; }

    /** The number of slots (a power of two). */
    public int capacity() { return table.capacity(); }

    /** The home slot of {@code key} in the current table. */
    public int homeSlot(Object key) {
        return table.slotFor(hashOf(key));
    }

    @Override
    public V get(Object key) {
        int i = find(key);
        return i < 0 ? null : cast(table.values[i]);
    }

    @Override
    public V getOrDefault(Object key, V defaultValue) {
        int i = find(key);
        return i < 0 ? defaultValue : cast(table.values[i]);
    }

    @Override
    public boolean containsKey(Object key) {
        return find(key) >= 0;
    }

    @Override
    boolean containsEntry(Object key, Object value) {
        int i = find(key);
        return i >= 0 && Objects.equals(table.values[i], value);
    }

    @Override
    public V put(K key, V value) {
        final long h = hashOf(key);
        final ProbeTable t = table;
        int i = t.locate(key, h);
        t.countInsert(h, i);
        if (i >= 0) {
            V old = cast(t.values[i]);
            t.values[i] = value;
            return old;
        }
        t.insert(-i - 1, ProbeTable.stored(key), value, h);
        modCount++;
        if (t.size > t.maxFill) grow();
        return null;
    }

    @Override
    public V remove(Object key) {
        if (neverStored(key)) return null;
        int i = table.locate(key, hashOf(key));
        if (i < 0) return null;
        V old = cast(table.values[i]);
        table.removeAt(i, null);
        modCount++;
        return old;
    }

    @Override
    public void clear() {
        table.clear();
        modCount++;
    }

    /**
     * How far each key now sits from its home slot, as a histogram (element d counts keys
     * displaced by d slots). Needs no counters: it reads the table as it is.
     */
    public long[] displacementHistogram() {
        return table.displacementHistogram();
    }

    /** The slot of {@code key}, or a negative number; counted as a lookup. */
    private int find(Object key) {
        return neverStored(key) ? -1 : table.lookup(key, hashOf(key));
    }

    /** Doubles the table and re-inserts the keys in slot order (not counted as inserts). */
    private void grow() {
        table.regrow(table.grownCapacity(table.size));
        if (counters != null) counters.recordResize();
    }
}
