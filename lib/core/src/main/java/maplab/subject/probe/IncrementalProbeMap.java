package maplab.subject.probe;

import java.util.List;
import java.util.Objects;

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
 * Iteration walks the new table's slots, then the old one's. The {@link #counters()} record
 * probes in the new table only (of puts, and of lookups by get and getOrDefault), and growths.
 * Under {@link HashMode#SEEDED}, {@code put} rejects a key the seeded hash has no content hash
 * for; lookups and removals of such a key answer "absent".
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
public final class IncrementalProbeMap<K, V> extends AbstractProbeMap<K, V> {

    /** Old-table slots migrated per structural change unless the constructor says otherwise. */
    public static final int DEFAULT_MIGRATION_SLOTS = 8;

    private final int budget;

    /** The table being migrated from (a map of the keys not yet migrated), or null; this map's own slots are the current table. */
    private ProbeMap<K, V> old;
    /** Next old-table slot to migrate (descending) and how many slots are left to visit. */
    private int cursor;
    private int remaining;

    /** An empty map that holds {@code expectedSize} keys before its first growth, migrating {@link #DEFAULT_MIGRATION_SLOTS} slots per write. */
    public IncrementalProbeMap(ProbeConfig config, int expectedSize) {
        this(config, expectedSize, DEFAULT_MIGRATION_SLOTS);
    }

    /** As above, migrating up to {@code migrationSlots} old-table slots per structural change. */
    public IncrementalProbeMap(ProbeConfig config, int expectedSize, int migrationSlots) {
        super(config, expectedSize);
        if (migrationSlots < 1) throw new IllegalArgumentException("migrationSlots: bad value '" + migrationSlots + "'; allowed: a whole number >= 1");
        this.budget = migrationSlots;
        allocate(config.capacityFor(expectedSize));
    }

    /** The current table's slots first, then the old table's. */
    @Override
    List<ProbeTable<K, V>> tables() {
        return old == null ? List.of(this) : List.of(this, old);
    }

    /** Old-table slots migrated per structural change. */
    public int migrationSlots() { return budget; }

    @Override public int size() { return size + (old == null ? 0 : old.size); }

    /** Whether an old table is still being migrated. */
    public boolean migrating() { return old != null; }

    /** Slots held by the live tables: the current one, plus the old one while migrating (for memory accounting). */
    public long slotsHeld() {
        return (long) capacity() + (old == null ? 0 : old.capacity());
    }

    @Override
    public V get(Object key) {
        return getOrDefault(key, null);
    }

    @Override
    public V getOrDefault(Object key, V defaultValue) {
        long h = lookupHashOf(key);
        int i = lookup(key, h);
        if (i >= 0) return cast(values[i]);
        if (old != null && (i = old.locate(key, h)) >= 0) return cast(old.values[i]);
        return defaultValue;
    }

    @Override
    public boolean containsKey(Object key) {
        long h = lookupHashOf(key);
        return locate(key, h) >= 0 || (old != null && old.locate(key, h) >= 0);
    }

    /** A lookup is counted only when the key is present. */
    @Override
    boolean containsEntry(Object key, Object value) {
        return containsKey(key) && Objects.equals(get(key), value);
    }

    @Override
    public V put(K key, V value) {
        final long h = hashOf(key);
        int i = locate(key, h);
        if (i >= 0) {
            countInsert(h, i);
            V prev = cast(values[i]);
            values[i] = value;
            return prev;
        }
        if (old != null) {
            int j = old.locate(key, h);
            if (j >= 0) {
                V prev = cast(old.values[j]);
                old.values[j] = value;
                return prev;
            }
            migrateStep();   // may fill the free slot found above: probe again
            i = locate(key, h);
        }
        countInsert(h, i);
        insert(-i - 1, stored(key), value, h);
        modCount++;
        if (size() > maxFill) grow();   // the old table's keys are headed for the current one too
        return null;
    }

    @Override
    public V remove(Object key) {
        long h = lookupHashOf(key);
        ProbeTable<K, V> t = this;
        int i = locate(key, h);
        if (i < 0 && old != null) {
            t = old;
            i = t.locate(key, h);
        }
        if (i < 0) return null;
        V prev = cast(t.values[i]);
        t.removeAt(i, null);
        modCount++;
        if (old != null) migrateStep();
        return prev;
    }

    @Override
    public void clear() {
        clearSlots();
        old = null;
        modCount++;
    }

    // ------------------------------------------------------------------ growth and migration

    /** Starts migrating into a table twice the size (finishing a migration still under way first). */
    private void grow() {
        if (old != null) finishMigration();
        old = new ProbeMap<>(this);   // takes over the current slots
        allocate(grownCapacity(size));
        size = 0;
        if (counters != null) counters.recordResize();
        int empty = old.capacity() - 1;
        while (empty >= 0 && old.keys[empty] != null) empty--;
        cursor = (empty - 1) & old.mask;
        remaining = old.capacity() - 1;
        if (empty < 0) {
            // the insert that triggered growth took the last free slot (tiny tables, high load factors): without an empty
            // slot to start below, partial migration could cut probe paths, so this table migrates at once
            remaining = old.capacity();
            finishMigration();
        }
    }

    /** Moves up to {@link #budget} old-table slots into the current table; drops the old table when done. */
    private void migrateStep() {
        ProbeMap<K, V> from = old;
        int steps = Math.min(budget, remaining);
        for (int s = 0; s < steps; s++) {
            if (from.keys[cursor] != null) from.moveSlot(cursor, this);
            cursor = (cursor - 1) & from.mask;
        }
        remaining -= steps;
        if (remaining == 0 || from.size == 0) old = null;
        modCount++;
    }

    private void finishMigration() {
        while (old != null) migrateStep();
    }
}
