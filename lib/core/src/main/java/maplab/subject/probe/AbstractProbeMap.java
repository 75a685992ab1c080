package maplab.subject.probe;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * What {@link ProbeMap} and {@link IncrementalProbeMap} share above their {@link ProbeTable}
 * core: the hash of a key under the config, and the views, which walk {@link #tables()} one
 * after the other in slot order (entry set, and through {@code AbstractMap} the key set and
 * values; {@link #forEach}), with iterator removal and live entries. It exists so that the two
 * maps repeat none of that; package-private, so each keeps exactly its own public API.
 */
abstract class AbstractProbeMap<K, V> extends ProbeTable<K, V> {

    private final HashMode hash;
    private final LongHash userHash;
    private final long seed;
    /** Structural changes so far: the iterators fail fast when it changes under them. */
    int modCount;
    private Set<Map.Entry<K, V>> entrySet;

    /** Checks the arguments every probe map takes; the subclass allocates its slots. */
    AbstractProbeMap(ProbeConfig config, int expectedSize) {
        super(checked(config, expectedSize));
        this.hash = config.hash();
        this.userHash = config.userHash();
        this.seed = config.seed();
    }

    /** A map that takes over the slots of {@code from}, with its config and counters (see {@link ProbeTable#ProbeTable(ProbeTable)}). */
    AbstractProbeMap(AbstractProbeMap<K, V> from) {
        super(from);
        this.hash = from.hash;
        this.userHash = from.userHash;
        this.seed = from.seed;
    }

    private static ProbeConfig checked(ProbeConfig config, int expectedSize) {
        if (config == null) throw new IllegalArgumentException("config: must not be null");
        if (expectedSize < 0) throw new IllegalArgumentException("expectedSize: bad value '" + expectedSize + "'; allowed: a whole number >= 0");
        return config;
    }

    /** The tables holding entries, in iteration order. */
    abstract List<ProbeTable<K, V>> tables();

    /** Whether the map maps {@code key} to {@code value} (the entry set's {@code contains}; each map counts its lookups its own way). */
    abstract boolean containsEntry(Object key, Object value);

    public ProbeConfig config() { return config; }

    /** The probe counters; fails when the map was built without {@link ProbeConfig#counting()}. */
    public ProbeCounters counters() {
        if (counters == null) throw new IllegalStateException("counters are off: build the map with ProbeConfig.withCounting(true)");
        return counters;
    }

    /** The 64-bit hash of a key under this map's config (null hashes to 0). */
    public long hashOf(Object key) {
        return key == null ? 0 : userHash != null ? userHash.hash(key.hashCode()) : hash.hashObject(key, seed);
    }

    /**
     * {@link #hashOf} for lookups and removals: the same, except that a key the seeded hash has
     * no content hash for (which {@code put} rejects) gets a hash that only misses, so they answer
     * "absent" for it rather than throw ({@link HashMode#lookupHashObject}).
     */
    final long lookupHashOf(Object key) {
        return key == null ? 0 : userHash != null ? userHash.hash(key.hashCode()) : hash.lookupHashObject(key, seed);
    }

    @SuppressWarnings("unchecked")
    static <T> T cast(Object o) {
        return (T) o;
    }

    @Override
    public void forEach(BiConsumer<? super K, ? super V> action) {
        int expected = modCount;
        for (ProbeTable<K, V> t : tables()) {
            final Object[] keys = t.keys;
            final Object[] values = t.values;
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] != null) action.accept(cast(ProbeTable.unmasked(keys[i])), cast(values[i]));
            }
        }
        if (modCount != expected) throw new ConcurrentModificationException();
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        Set<Map.Entry<K, V>> es = entrySet;
        if (es == null) {
            es = new AbstractSet<>() {
                @Override public Iterator<Map.Entry<K, V>> iterator() { return new SlotIterator(); }
                @Override public int size() { return AbstractProbeMap.this.size(); }
                @Override public void clear() { AbstractProbeMap.this.clear(); }
                @Override public boolean contains(Object o) { return o instanceof Map.Entry<?, ?> e && containsEntry(e.getKey(), e.getValue()); }
                @Override public boolean remove(Object o) {
                    if (!contains(o)) return false;
                    AbstractProbeMap.this.remove(((Map.Entry<?, ?>) o).getKey());
                    return true;
                }
            };
            entrySet = es;
        }
        return es;
    }

    /**
     * Slot order over {@link #tables()}, one table after the other. After {@code remove} it
     * re-reads the emptied slot, which a shifted key may now hold, and skips keys that wrapped
     * past the table's end (already returned).
     */
    private final class SlotIterator implements Iterator<Map.Entry<K, V>> {
        private final List<ProbeTable<K, V>> tables = tables();
        private int table;             // index into tables of the table being walked
        private int next;              // next slot to examine in it
        private int lastTable;         // table and slot of the last returned entry
        private int last = -1;
        private int expected = modCount;
        private List<Object> skip;     // keys already returned that wrapped into unvisited slots of the table being walked

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
            lastTable = table;
            last = next++;
            return new LiveEntry(tables.get(table), last);
        }

        /** When {@code hasNext} has already moved on to a later table, the walk of the entry's table is over: nothing there to re-read. */
        @Override
        public void remove() {
            if (last < 0) throw new IllegalStateException("next() was not called, or remove() already was");
            if (modCount != expected) throw new ConcurrentModificationException();
            boolean walkingItsTable = lastTable == table;
            if (walkingItsTable && skip == null) skip = new ArrayList<>();
            tables.get(lastTable).removeAt(last, walkingItsTable ? skip : null);
            expected = ++modCount;
            if (walkingItsTable) next = last;
            last = -1;
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

    /** A live entry: {@code setValue} writes through while its table's slot still holds the key. */
    private final class LiveEntry extends AbstractMap.SimpleEntry<K, V> {
        private final ProbeTable<K, V> table;
        private final int slot;

        LiveEntry(ProbeTable<K, V> table, int slot) {
            super(cast(ProbeTable.unmasked(table.keys[slot])), cast(table.values[slot]));
            this.table = table;
            this.slot = slot;
        }

        private boolean live() {
            return table.holds(slot, ProbeTable.stored(getKey()));
        }

        @Override
        public V getValue() {
            return live() ? cast(table.values[slot]) : super.getValue();
        }

        @Override
        public V setValue(V value) {
            if (!live()) throw new ConcurrentModificationException();
            V old = cast(table.values[slot]);
            table.values[slot] = value;
            super.setValue(value);
            return old;
        }
    }
}
