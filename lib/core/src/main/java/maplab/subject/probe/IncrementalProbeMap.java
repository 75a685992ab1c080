package maplab.subject.probe;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * {@link ProbeMap}'s sibling that <b>resizes incrementally</b>: when the table is full, a table
 * of twice the size is allocated and the old one stays beside it; every later structural change
 * (a put of a new key, a removal) first moves at most {@link #migrationSlots()} slots of the old
 * table into the new one, the way Go's map evacuates buckets on writes and Redis rehashes a few
 * buckets per command. No single put pays for re-inserting the whole table, so the longest put
 * is bounded by the allocation of the new (zeroed) arrays rather than by the rehash.
 *
 * <p>Same {@link ProbeConfig} (hash, index bits, load factor, seed), same linear probing with
 * backward-shift deletion as {@link ProbeMap}, null keys and values allowed. While both tables
 * exist, lookups try the new table, then the old one; new keys always go into the new table.
 *
 * <p><b>Why migration walks the old table downward.</b> It starts just below an empty slot and
 * visits slots in descending order, so the slot it empties is always the last occupied slot of
 * its cluster (the slot after it is empty or already migrated): removing it cannot cut the probe
 * path of any key still in the old table, and backward-shift deletions in the old table never
 * move a key into the migrated part. A migration that has not finished when the new table is full
 * in its turn is completed before the next growth (with the default budget it always finishes
 * first: a doubled table at load factor 0.75 takes about 0.75 x capacity inserts to fill, and the
 * old table needs capacity / budget of them). Gets never migrate (reads do not write), and neither
 * does a put that only replaces a value, so iterating while replacing values is as safe as in
 * {@code HashMap}.
 *
 * <p>The price: a write during migration does up to {@code budget} extra slot moves, and both
 * tables are held until migration ends (more memory for longer; the peak, old plus new, is the
 * same as during an all-at-once doubling).
 */
public final class IncrementalProbeMap<K, V> extends AbstractMap<K, V> {

    /** Old-table slots migrated per structural change unless the constructor says otherwise. */
    public static final int DEFAULT_MIGRATION_SLOTS = 8;

    private static final Object NULL_KEY = new Object();

    private final ProbeConfig config;
    private final HashMode hash;
    private final LongHash userHash;
    private final boolean high;
    private final long seed;
    private final int budget;
    private final ProbeCounters counters;

    private Table current;
    /** The table being migrated from, or null. */
    private Table old;
    /** Next old-table slot to migrate (descending) and how many slots are left to visit. */
    private int cursor;
    private int remaining;
    private int size;
    private int modCount;
    private Set<Map.Entry<K, V>> entrySet;

    /** An empty map that holds {@code expectedSize} keys before its first growth, migrating {@link #DEFAULT_MIGRATION_SLOTS} slots per write. */
    public IncrementalProbeMap(ProbeConfig config, int expectedSize) {
        this(config, expectedSize, DEFAULT_MIGRATION_SLOTS);
    }

    /** As above, migrating up to {@code migrationSlots} old-table slots per structural change. */
    public IncrementalProbeMap(ProbeConfig config, int expectedSize, int migrationSlots) {
        if (config == null) throw new IllegalArgumentException("config: must not be null");
        if (expectedSize < 0) throw new IllegalArgumentException("expectedSize: bad value '" + expectedSize + "'; allowed: a whole number >= 0");
        if (migrationSlots < 1) throw new IllegalArgumentException("migrationSlots: bad value '" + migrationSlots + "'; allowed: a whole number >= 1");
        this.config = config;
        this.hash = config.hash();
        this.userHash = config.userHash();
        this.high = config.index() == IndexBits.HIGH;
        this.seed = config.seed();
        this.budget = migrationSlots;
        this.counters = config.counting() ? new ProbeCounters() : null;
        this.current = new Table(config.capacityFor(expectedSize));
    }

    public ProbeConfig config() { return config; }

    /** Old-table slots migrated per structural change. */
    public int migrationSlots() { return budget; }

    @Override public int size() { return size; }

    /** The number of slots of the current (newest) table. */
    public int capacity() { return current.keys.length; }

    /** Whether an old table is still being migrated. */
    public boolean migrating() { return old != null; }

    /** Slots held by the live tables: the current one, plus the old one while migrating (for memory accounting). */
    public long slotsHeld() {
        return (long) current.keys.length + (old == null ? 0 : old.keys.length);
    }

    /** The probe counters (inserts and lookups in the current table, resizes); fails when built without counting. */
    public ProbeCounters counters() {
        if (counters == null) throw new IllegalStateException("counters are off: build the map with ProbeConfig.withCounting(true)");
        return counters;
    }

    /** The 64-bit hash of a key under this map's config (null hashes to 0). */
    public long hashOf(Object key) {
        return key == null ? 0 : userHash != null ? userHash.hash(key.hashCode()) : hash.hashObject(key, seed);
    }

    @Override
    public V get(Object key) {
        return getOrDefault(key, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public V getOrDefault(Object key, V defaultValue) {
        long h = hashOf(key);
        int i = current.locate(key, h);
        if (counters != null) counters.recordLookup(current.probeLength(h, i));
        if (i >= 0) return (V) current.values[i];
        if (old != null && (i = old.locate(key, h)) >= 0) return (V) old.values[i];
        return defaultValue;
    }

    @Override
    public boolean containsKey(Object key) {
        long h = hashOf(key);
        return current.locate(key, h) >= 0 || (old != null && old.locate(key, h) >= 0);
    }

    @Override
    @SuppressWarnings("unchecked")
    public V put(K key, V value) {
        final long h = hashOf(key);
        int i = current.locate(key, h);
        if (i >= 0) {
            if (counters != null) counters.recordInsert(current.probeLength(h, i));
            V prev = (V) current.values[i];
            current.values[i] = value;
            return prev;
        }
        if (old != null) {
            int j = old.locate(key, h);
            if (j >= 0) {
                V prev = (V) old.values[j];
                old.values[j] = value;
                return prev;
            }
            migrateStep();   // may fill the free slot found above: probe again
            i = current.locate(key, h);
        }
        i = -i - 1;
        if (counters != null) counters.recordInsert(current.probeLength(h, -i - 1));
        current.set(i, key == null ? NULL_KEY : key, value, h);
        current.size++;
        size++;
        modCount++;
        if (size > current.maxFill) grow();   // the old table's keys are headed for the current one too
        return null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V remove(Object key) {
        long h = hashOf(key);
        Table t = current;
        int i = t.locate(key, h);
        if (i < 0 && old != null) {
            t = old;
            i = t.locate(key, h);
        }
        if (i < 0) return null;
        V prev = (V) t.values[i];
        removeAt(t, i, null);
        if (old != null) migrateStep();
        return prev;
    }

    @Override
    public void clear() {
        Arrays.fill(current.keys, null);
        Arrays.fill(current.values, null);
        current.size = 0;
        old = null;
        size = 0;
        modCount++;
    }

    @Override
    public void forEach(BiConsumer<? super K, ? super V> action) {
        int expected = modCount;
        for (Table t : tables()) {
            for (int i = 0; i < t.keys.length; i++) {
                if (t.keys[i] != null) action.accept(key(t.keys[i]), value(t, i));
            }
        }
        if (modCount != expected) throw new ConcurrentModificationException();
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        Set<Map.Entry<K, V>> es = entrySet;
        if (es == null) {
            es = new AbstractSet<>() {
                @Override public Iterator<Map.Entry<K, V>> iterator() { return new EntryIterator(); }
                @Override public int size() { return size; }
                @Override public void clear() { IncrementalProbeMap.this.clear(); }
                @Override public boolean contains(Object o) {
                    if (!(o instanceof Map.Entry<?, ?> e)) return false;
                    return containsKey(e.getKey()) && Objects.equals(get(e.getKey()), e.getValue());
                }
                @Override public boolean remove(Object o) {
                    if (!contains(o)) return false;
                    IncrementalProbeMap.this.remove(((Map.Entry<?, ?>) o).getKey());
                    return true;
                }
            };
            entrySet = es;
        }
        return es;
    }

    // ------------------------------------------------------------------ growth and migration

    /** Starts migrating into a table twice the size (finishing a migration still under way first). */
    private void grow() {
        if (old != null) finishMigration();
        Table from = current;
        current = new Table(config.grownCapacity(from.keys.length, size));
        if (counters != null) counters.recordResize();
        old = from;
        int empty = from.keys.length - 1;
        while (empty >= 0 && from.keys[empty] != null) empty--;
        cursor = (empty - 1) & from.mask;
        remaining = from.keys.length - 1;
        if (empty < 0) {
            // the insert that triggered growth took the last free slot (tiny tables, high load factors): without an empty
            // slot to start below, partial migration could cut probe paths, so this table migrates at once
            remaining = from.keys.length;
            finishMigration();
        }
    }

    /** Moves up to {@link #budget} old-table slots into the current table; drops the old table when done. */
    private void migrateStep() {
        Table from = old;
        int steps = Math.min(budget, remaining);
        for (int s = 0; s < steps; s++) {
            int i = cursor;
            Object k = from.keys[i];
            if (k != null) {
                long h = from.hashes[i];
                current.set(current.freeSlot(h), k, from.values[i], h);
                current.size++;
                from.keys[i] = null;
                from.values[i] = null;
                from.size--;
            }
            cursor = (i - 1) & from.mask;
        }
        remaining -= steps;
        if (remaining == 0 || from.size == 0) old = null;
        modCount++;
    }

    private void finishMigration() {
        while (old != null) migrateStep();
    }

    /** Backward-shift deletion in table {@code t}; keys that wrap past the iterator's position are reported to it. */
    private void removeAt(Table t, int hole, EntryIterator iterator) {
        final Object[] keys = t.keys;
        final int mask = t.mask;
        size--;
        t.size--;
        modCount++;
        int pos = hole;
        for (;;) {
            pos = (pos + 1) & mask;
            Object k = keys[pos];
            if (k == null) break;
            int home = t.slotFor(t.hashes[pos]);
            if (((pos - home) & mask) >= ((pos - hole) & mask)) {
                if (iterator != null && pos < hole) iterator.alreadyReturned(k);
                keys[hole] = k;
                t.values[hole] = t.values[pos];
                t.hashes[hole] = t.hashes[pos];
                hole = pos;
            }
        }
        keys[hole] = null;
        t.values[hole] = null;
    }

    private List<Table> tables() {
        return old == null ? List.of(current) : List.of(current, old);
    }

    @SuppressWarnings("unchecked")
    private K key(Object stored) {
        return stored == NULL_KEY ? null : (K) stored;
    }

    @SuppressWarnings("unchecked")
    private V value(Table t, int i) {
        return (V) t.values[i];
    }

    /** One power-of-two table: keys (NULL_KEY for null), values, full hashes. */
    private final class Table {
        final Object[] keys;
        final Object[] values;
        final long[] hashes;
        final int mask;
        final int shift;
        final int maxFill;
        int size;

        Table(int capacity) {
            keys = new Object[capacity];
            values = new Object[capacity];
            hashes = new long[capacity];
            mask = capacity - 1;
            shift = 64 - Integer.numberOfTrailingZeros(capacity);
            maxFill = config.maxFill(capacity);
        }

        int slotFor(long h) {
            return high ? (int) (h >>> shift) : (int) h & mask;
        }

        /** The slot holding {@code key}, or {@code -(free slot) - 1}; equals only on a full hash match. */
        int locate(Object key, long h) {
            final Object stored = key == null ? NULL_KEY : key;
            int i = slotFor(h);
            Object k;
            while ((k = keys[i]) != null) {
                if (hashes[i] == h && (k == stored || k.equals(stored))) return i;
                i = (i + 1) & mask;
            }
            return -i - 1;
        }

        /** The first free slot from the home slot of {@code h} (for keys known to be absent). */
        int freeSlot(long h) {
            int i = slotFor(h);
            while (keys[i] != null) i = (i + 1) & mask;
            return i;
        }

        int probeLength(long h, int located) {
            return ((located >= 0 ? located : -located - 1) - slotFor(h)) & mask;
        }

        void set(int i, Object storedKey, Object value, long h) {
            keys[i] = storedKey;
            values[i] = value;
            hashes[i] = h;
        }
    }

    /** The current table's slots, then the old table's; {@code remove} does not migrate. */
    private final class EntryIterator implements Iterator<Map.Entry<K, V>> {
        private final List<Table> tables = tables();
        private int table;         // index into tables
        private int next;          // next slot to examine in tables[table]
        private int current = -1;  // slot of the last returned entry
        private Table currentTable;
        private int expected = modCount;
        private List<Object> skip; // keys already returned that wrapped into unvisited slots of this table

        void alreadyReturned(Object key) {
            if (skip == null) skip = new ArrayList<>();
            skip.add(key);
        }

        private void advance() {
            while (table < tables.size()) {
                Object[] keys = tables.get(table).keys;
                while (next < keys.length) {
                    Object k = keys[next];
                    if (k != null && (skip == null || !removeIdentical(skip, k))) return;
                    next++;
                }
                table++;
                next = 0;
                skip = null;
            }
        }

        @Override
        public boolean hasNext() {
            if (modCount != expected) throw new ConcurrentModificationException();
            advance();
            return table < tables.size();
        }

        @Override
        public Map.Entry<K, V> next() {
            if (!hasNext()) throw new NoSuchElementException();
            currentTable = tables.get(table);
            current = next++;
            return new Entry(currentTable, current, key(currentTable.keys[current]));
        }

        @Override
        public void remove() {
            if (current < 0) throw new IllegalStateException("next() was not called, or remove() already was");
            if (modCount != expected) throw new ConcurrentModificationException();
            removeAt(currentTable, current, this);
            expected = modCount;
            next = current;
            current = -1;
        }
    }

    private static boolean removeIdentical(List<Object> list, Object o) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == o) {
                list.remove(i);
                return true;
            }
        }
        return false;
    }

    /** A live entry: {@code setValue} writes through while the key stays in its slot. */
    private final class Entry extends AbstractMap.SimpleEntry<K, V> {
        private final Table table;
        private final int slot;

        Entry(Table table, int slot, K key) {
            super(key, value(table, slot));
            this.table = table;
            this.slot = slot;
        }

        private boolean live() {
            return table.keys[slot] == (getKey() == null ? NULL_KEY : getKey());
        }

        @Override
        public V getValue() {
            return live() ? value(table, slot) : super.getValue();
        }

        @Override
        public V setValue(V value) {
            if (!live()) throw new ConcurrentModificationException();
            V prev = value(table, slot);
            table.values[slot] = value;
            super.setValue(value);
            return prev;
        }
    }
}
