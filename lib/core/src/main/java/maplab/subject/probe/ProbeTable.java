package maplab.subject.probe;

import java.util.AbstractMap;
import java.util.Arrays;
import java.util.List;

/**
 * The probing core that {@link ProbeMap} and {@link IncrementalProbeMap} share: one power-of-two,
 * linear-probing table of object keys and the operations on it (slot index, probe loop with its
 * counters, free-slot search, backward-shift delete, growth). Each slot holds the key
 * ({@link #NULL_KEY} for null, null when free), its value and its full 64-bit hash: probes
 * compare hashes first and call {@code equals} only on a full match, and moving a key never
 * calls {@code hashCode}.
 *
 * <p>It is the maps' superclass rather than an object they point to, so the slots are fields of
 * the map itself and a probe loads no extra object (measurably faster on large tables). A
 * {@link ProbeMap} is one table, regrown in place; an {@link IncrementalProbeMap} is its current
 * table and holds the old one, while migrating, as a ProbeMap that took over its slots.
 */
abstract class ProbeTable<K, V> extends AbstractMap<K, V> {

    /** What a slot holds for the null key (a free slot holds null). */
    static final Object NULL_KEY = new Object();

    final ProbeConfig config;
    private final boolean high;
    /** The counters, or null when counting is off. */
    final ProbeCounters counters;

    Object[] keys;
    Object[] values;
    long[] hashes;
    int mask;
    private int shift;
    /** Entries this table holds before its map grows it. */
    int maxFill;
    /** Entries in this table. */
    int size;

    /** A table without slots yet ({@link #allocate}), with its own counters when the config counts. */
    ProbeTable(ProbeConfig config) {
        this.config = config;
        this.high = config.index() == IndexBits.HIGH;
        this.counters = config.counting() ? new ProbeCounters() : null;
    }

    /** A table that takes over the slots of {@code from} and shares its config and counters; {@code from} must allocate new slots next. */
    ProbeTable(ProbeTable<K, V> from) {
        this.config = from.config;
        this.high = from.high;
        this.counters = from.counters;
        this.keys = from.keys;
        this.values = from.values;
        this.hashes = from.hashes;
        this.mask = from.mask;
        this.shift = from.shift;
        this.maxFill = from.maxFill;
        this.size = from.size;
    }

    /** New empty slots, {@code capacity} of them (a power of two); {@link #size} is left to the caller. */
    final void allocate(int capacity) {
        keys = new Object[capacity];
        values = new Object[capacity];
        hashes = new long[capacity];
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        maxFill = config.maxFill(capacity);
    }

    /** What a slot stores for {@code key}. */
    static Object stored(Object key) {
        return key == null ? NULL_KEY : key;
    }

    /** The key a slot's stored key stands for. */
    static Object unmasked(Object storedKey) {
        return storedKey == NULL_KEY ? null : storedKey;
    }

    /** The number of slots (a power of two); of an {@link IncrementalProbeMap}, those of its current (newest) table. */
    public int capacity() {
        return keys.length;
    }

    /** The capacity to grow to when this table is full and its map holds {@code entries}. */
    final int grownCapacity(int entries) {
        return config.grownCapacity(keys.length, entries);
    }

    /** The home slot of hash {@code h}: its low or top bits, as the config's {@link IndexBits} say. */
    final int slotFor(long h) {
        return high ? (int) (h >>> shift) : (int) h & mask;
    }

    /**
     * Linear probing from the home slot of {@code h}: the slot holding {@code key}, or
     * {@code -(free slot) - 1} for the free slot where it would go. Not counted.
     */
    final int locate(Object key, long h) {
        final Object stored = stored(key);
        final Object[] keys = this.keys;
        final long[] hashes = this.hashes;
        final int mask = this.mask;
        int i = slotFor(h);
        Object k;
        while ((k = keys[i]) != null) {
            if (hashes[i] == h && (k == stored || k.equals(stored))) return i;
            i = (i + 1) & mask;
        }
        return -i - 1;
    }

    /** {@link #locate}, counted as a lookup. */
    final int lookup(Object key, long h) {
        int i = locate(key, h);
        if (counters != null) counters.recordLookup(probeLength(h, i));
        return i;
    }

    /** Counts an insert (a put, new key or replaced value) whose {@link #locate} returned {@code located}. */
    final void countInsert(long h, int located) {
        if (counters != null) counters.recordInsert(probeLength(h, located));
    }

    /** Slots visited beyond the home slot by a {@link #locate} that returned {@code located}. */
    private int probeLength(long h, int located) {
        return ((located >= 0 ? located : -located - 1) - slotFor(h)) & mask;
    }

    /** The first free slot from the home slot of {@code h}, for a key known to be absent. */
    final int freeSlot(long h) {
        final Object[] keys = this.keys;
        final int mask = this.mask;
        int i = slotFor(h);
        while (keys[i] != null) i = (i + 1) & mask;
        return i;
    }

    /** Whether {@code slot} still holds exactly this stored key (an entry view is live while it does). */
    final boolean holds(int slot, Object storedKey) {
        return slot < keys.length && keys[slot] == storedKey;
    }

    /** Puts a new entry into free slot {@code i}. */
    final void insert(int i, Object storedKey, Object value, long h) {
        set(i, storedKey, value, h);
        size++;
    }

    private void set(int i, Object storedKey, Object value, long h) {
        keys[i] = storedKey;
        values[i] = value;
        hashes[i] = h;
    }

    /** Moves the entry of slot {@code i} into {@code into}, leaving the slot free; the caller keeps probe paths whole. */
    final void moveSlot(int i, ProbeTable<K, V> into) {
        long h = hashes[i];
        into.insert(into.freeSlot(h), keys[i], values[i], h);
        keys[i] = null;
        values[i] = null;
        size--;
    }

    /**
     * Backward-shift deletion of slot {@code hole}. A key that moves from a lower slot to a
     * higher one has wrapped around the table's end: an ascending iterator has already returned
     * it, so it is added to {@code wrapped} (when not null) for that iterator to skip.
     */
    final void removeAt(int hole, List<Object> wrapped) {
        final Object[] keys = this.keys;
        final int mask = this.mask;
        size--;
        int pos = hole;
        for (;;) {
            pos = (pos + 1) & mask;
            Object k = keys[pos];
            if (k == null) break;
            int home = slotFor(hashes[pos]);
            if (((pos - home) & mask) >= ((pos - hole) & mask)) {
                if (wrapped != null && pos < hole) wrapped.add(k);
                keys[hole] = k;
                values[hole] = values[pos];
                hashes[hole] = hashes[pos];
                hole = pos;
            }
        }
        keys[hole] = null;
        values[hole] = null;
    }

    /** Empties every slot; the capacity stays. */
    final void clearSlots() {
        Arrays.fill(keys, null);
        Arrays.fill(values, null);
        size = 0;
    }

    /** Regrows this table in place to {@code capacity} slots, re-inserting its keys in slot order (not counted as inserts). */
    final void regrow(int capacity) {
        Object[] oldKeys = keys;
        Object[] oldValues = values;
        long[] oldHashes = hashes;
        allocate(capacity);
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != null) set(freeSlot(oldHashes[j]), oldKeys[j], oldValues[j], oldHashes[j]);
        }
        if (counters != null) counters.recordResize();
    }
}
