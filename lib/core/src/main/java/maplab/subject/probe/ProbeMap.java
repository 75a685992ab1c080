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
 * An open-addressing, linear-probing {@link Map} for any keys (null keys and values
 * allowed), the generic sibling of {@link LongProbeMap}: same {@link ProbeConfig}, same
 * power-of-two table, same {@link ProbeCounters}. Each slot keeps the key's 64-bit hash, so
 * probes compare hashes first and call {@code equals} only on a full hash match (as
 * {@code HashMap} does), and growth does not call {@code hashCode} again.
 *
 * <p><b>Deletion is backward-shift</b> (no tombstones), as in {@link LongProbeMap}.
 * Iteration (entries, keys, values, {@link #forEach}) is in slot order; the iterators
 * support {@code remove} and fail fast on concurrent modification.
 */
public final class ProbeMap<K, V> extends AbstractMap<K, V> {

    private static final Object NULL_KEY = new Object();

    private final ProbeConfig config;
    private final HashMode hash;
    private final LongHash userHash;
    private final boolean high;
    private final long seed;
    private final boolean counting;
    private final ProbeCounters counters;

    private Object[] keys;
    private Object[] values;
    private long[] hashes;
    private int mask;
    private int shift;
    private int maxFill;
    private int size;
    private int modCount;
    private Set<Map.Entry<K, V>> entrySet;

    /** An empty map that holds {@code expectedSize} keys before its first growth. */
    public ProbeMap(ProbeConfig config, int expectedSize) {
        if (config == null) throw new IllegalArgumentException("config: must not be null");
        if (expectedSize < 0) throw new IllegalArgumentException("expectedSize: bad value '" + expectedSize + "'; allowed: a whole number >= 0");
        this.config = config;
        this.hash = config.hash();
        this.userHash = config.userHash();
        this.high = config.index() == IndexBits.HIGH;
        this.seed = config.seed();
        this.counting = config.counting();
        this.counters = counting ? new ProbeCounters() : null;
        allocate(config.capacityFor(expectedSize));
    }

    public ProbeConfig config() { return config; }

    @Override public int size() { return size; }

    /** The number of slots (a power of two). */
    public int capacity() { return keys.length; }

    /** The probe counters; fails when the map was built without {@link ProbeConfig#counting()}. */
    public ProbeCounters counters() {
        if (counters == null) throw new IllegalStateException("counters are off: build the map with ProbeConfig.withCounting(true)");
        return counters;
    }

    /** The 64-bit hash of a key under this map's config (null hashes to 0). */
    public long hashOf(Object key) {
        return key == null ? 0 : userHash != null ? userHash.hash(key.hashCode()) : hash.hashObject(key, seed);
    }

    /** The home slot of {@code key} in the current table. */
    public int homeSlot(Object key) {
        return slotFor(hashOf(key));
    }

    private int slotFor(long h) {
        return high ? (int) (h >>> shift) : (int) h & mask;
    }

    @Override
    public V get(Object key) {
        int i = find(key);
        return i < 0 ? null : value(i);
    }

    @Override
    public V getOrDefault(Object key, V defaultValue) {
        int i = find(key);
        return i < 0 ? defaultValue : value(i);
    }

    @Override
    public boolean containsKey(Object key) {
        return find(key) >= 0;
    }

    @Override
    public V put(K key, V value) {
        final long h = hashOf(key);
        int i = locate(key, h);
        if (counting) counters.recordInsert(probeLength(h, i));
        if (i >= 0) {
            V old = value(i);
            values[i] = value;
            return old;
        }
        i = -i - 1;
        keys[i] = key == null ? NULL_KEY : key;
        values[i] = value;
        hashes[i] = h;
        modCount++;
        if (++size > maxFill) grow();
        return null;
    }

    @Override
    public V remove(Object key) {
        int i = locate(key, hashOf(key));
        if (i < 0) return null;
        V old = value(i);
        removeAt(i, null);
        return old;
    }

    @Override
    public void clear() {
        Arrays.fill(keys, null);
        Arrays.fill(values, null);
        size = 0;
        modCount++;
    }

    @Override
    public void forEach(BiConsumer<? super K, ? super V> action) {
        final Object[] keys = this.keys;
        int expected = modCount;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) action.accept(key(i), value(i));
        }
        if (modCount != expected) throw new ConcurrentModificationException();
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

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        Set<Map.Entry<K, V>> es = entrySet;
        if (es == null) {
            es = new AbstractSet<>() {
                @Override public Iterator<Map.Entry<K, V>> iterator() { return new EntryIterator(); }
                @Override public int size() { return size; }
                @Override public void clear() { ProbeMap.this.clear(); }
                @Override public boolean contains(Object o) {
                    if (!(o instanceof Map.Entry<?, ?> e)) return false;
                    int i = find(e.getKey());
                    return i >= 0 && Objects.equals(value(i), e.getValue());
                }
                @Override public boolean remove(Object o) {
                    if (!contains(o)) return false;
                    ProbeMap.this.remove(((Map.Entry<?, ?>) o).getKey());
                    return true;
                }
            };
            entrySet = es;
        }
        return es;
    }

    @SuppressWarnings("unchecked")
    private K key(int i) {
        Object k = keys[i];
        return k == NULL_KEY ? null : (K) k;
    }

    @SuppressWarnings("unchecked")
    private V value(int i) {
        return (V) values[i];
    }

    /** The slot of {@code key}, or a negative number; counted as a lookup. */
    private int find(Object key) {
        final long h = hashOf(key);
        int i = locate(key, h);
        if (counting) counters.recordLookup(probeLength(h, i));
        return i;
    }

    /**
     * Linear probing from the home slot of hash {@code h}: the slot holding {@code key}, or
     * {@code -(free slot) - 1} for the free slot where it would go. {@code equals} is called
     * only on a full 64-bit hash match.
     */
    private int locate(Object key, long h) {
        final Object stored = key == null ? NULL_KEY : key;
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

    /** Slots visited beyond the home slot by a {@link #locate} that returned {@code located} (only computed when counting). */
    private int probeLength(long h, int located) {
        return ((located >= 0 ? located : -located - 1) - slotFor(h)) & mask;
    }

    /**
     * Backward-shift deletion of slot {@code hole}. A key that moves from a lower slot to a
     * higher one has wrapped around the table's end: an ascending iterator has already
     * returned it, so it is reported to {@code iterator} to be skipped.
     */
    private void removeAt(int hole, EntryIterator iterator) {
        final Object[] keys = this.keys;
        final int mask = this.mask;
        size--;
        modCount++;
        int pos = hole;
        for (;;) {
            pos = (pos + 1) & mask;
            Object k = keys[pos];
            if (k == null) break;
            int home = slotFor(hashes[pos]);
            if (((pos - home) & mask) >= ((pos - hole) & mask)) {
                if (iterator != null && pos < hole) iterator.alreadyReturned(k);
                keys[hole] = k;
                values[hole] = values[pos];
                hashes[hole] = hashes[pos];
                hole = pos;
            }
        }
        keys[hole] = null;
        values[hole] = null;
    }

    private void allocate(int capacity) {
        keys = new Object[capacity];
        values = new Object[capacity];
        hashes = new long[capacity];
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        maxFill = config.maxFill(capacity);
    }

    /** Doubles the table and re-inserts the keys in slot order (not counted as inserts). */
    private void grow() {
        Object[] oldKeys = keys;
        Object[] oldValues = values;
        long[] oldHashes = hashes;
        allocate(config.grownCapacity(oldKeys.length, size));
        final Object[] keys = this.keys;
        final int mask = this.mask;
        for (int j = 0; j < oldKeys.length; j++) {
            Object k = oldKeys[j];
            if (k == null) continue;
            int i = slotFor(oldHashes[j]);
            while (keys[i] != null) i = (i + 1) & mask;
            keys[i] = k;
            values[i] = oldValues[j];
            hashes[i] = oldHashes[j];
        }
        if (counting) counters.recordResize();
    }

    /** Slot-order iterator; after {@code remove} it re-reads the current slot, which a shifted key may now hold. */
    private final class EntryIterator implements Iterator<Map.Entry<K, V>> {
        private int next;          // next slot to examine
        private int current = -1;  // slot of the last returned entry
        private int expected = modCount;
        private List<Object> skip; // keys already returned that wrapped into unvisited slots

        void alreadyReturned(Object key) {
            if (skip == null) skip = new ArrayList<>();
            skip.add(key);
        }

        private void advance() {
            while (next < keys.length) {
                Object k = keys[next];
                if (k != null && (skip == null || !removeIdentical(skip, k))) return;
                next++;
            }
        }

        @Override
        public boolean hasNext() {
            if (modCount != expected) throw new ConcurrentModificationException();
            advance();
            return next < keys.length;
        }

        @Override
        public Map.Entry<K, V> next() {
            if (!hasNext()) throw new NoSuchElementException();
            current = next++;
            return new Entry(current, key(current));
        }

        @Override
        public void remove() {
            if (current < 0) throw new IllegalStateException("next() was not called, or remove() already was");
            if (modCount != expected) throw new ConcurrentModificationException();
            removeAt(current, this);
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
        private final int slot;

        Entry(int slot, K key) {
            super(key, value(slot));
            this.slot = slot;
        }

        private boolean live() {
            return slot < keys.length && keys[slot] == (getKey() == null ? NULL_KEY : getKey());
        }

        @Override
        public V getValue() {
            return live() ? value(slot) : super.getValue();
        }

        @Override
        public V setValue(V value) {
            if (!live()) throw new ConcurrentModificationException();
            V old = value(slot);
            values[slot] = value;
            super.setValue(value);
            return old;
        }
    }
}
