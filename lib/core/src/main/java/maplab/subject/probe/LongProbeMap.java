package maplab.subject.probe;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * An open-addressing, linear-probing map from primitive {@code long} keys to {@code long}
 * values, with no boxing: two parallel arrays whose length (the capacity) is a power of two.
 * A key's home slot comes from its {@link HashMode hash}'s low or top {@link IndexBits bits};
 * collisions walk to the next slot. The table doubles when the size passes
 * capacity x load factor. With {@link ProbeConfig#counting()} every put and lookup records its
 * probe length in {@link #counters()}; without it the hot paths never touch the counters.
 *
 * <p><b>Deletion is backward-shift</b> (no tombstones): removing a key moves the following
 * keys of its run back towards their home slots, so probe lengths and iteration always
 * reflect only live keys, exactly as if the removed key had never been inserted.
 *
 * <p>Key {@code 0} marks an empty slot, so the key 0 is kept beside the table; iteration
 * visits it at the position of its home slot. Iteration ({@link #forEachKey}, {@link #keys})
 * is in slot order: that order is what a naive merge into a map with the same hash replays.
 */
public final class LongProbeMap {

    /** What {@link #get} and {@link #put} return for an absent key. */
    public static final long MISSING = Long.MIN_VALUE;

    private final ProbeConfig config;
    private final HashMode hash;
    private final LongHash userHash;
    private final boolean high;
    private final long seed;
    private final boolean counting;
    private final ProbeCounters counters;

    private long[] keys;
    private long[] values;
    private int mask;
    private int shift;
    private int maxFill;
    private int size;
    private boolean hasZero;
    private long zeroValue;

    /** An empty map that holds {@code expectedSize} keys before its first growth. */
    public LongProbeMap(ProbeConfig config, int expectedSize) {
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

    public int size() { return size; }

    public boolean isEmpty() { return size == 0; }

    /** The number of slots (a power of two). */
    public int capacity() { return keys.length; }

    /** The probe counters; fails when the map was built without {@link ProbeConfig#counting()}. */
    public ProbeCounters counters() {
        if (counters == null) throw new IllegalStateException("counters are off: build the map with ProbeConfig.withCounting(true)");
        return counters;
    }

    /** The home slot of {@code key} in the current table. */
    public int homeSlot(long key) {
        long h = userHash != null ? userHash.hash(key) : hash.hashLong(key, seed);
        return high ? (int) (h >>> shift) : (int) h & mask;
    }

    /** The value of {@code key}, or {@link #MISSING}. */
    public long get(long key) {
        return getOrDefault(key, MISSING);
    }

    /** The value of {@code key}, or {@code missing}. */
    public long getOrDefault(long key, long missing) {
        if (key == 0) {
            if (counting) counters.recordLookup(0);
            return hasZero ? zeroValue : missing;
        }
        int i = locate(key);
        if (counting) counters.recordLookup(probeLength(key, i));
        return i >= 0 ? values[i] : missing;
    }

    public boolean containsKey(long key) {
        if (key == 0) {
            if (counting) counters.recordLookup(0);
            return hasZero;
        }
        int i = locate(key);
        if (counting) counters.recordLookup(probeLength(key, i));
        return i >= 0;
    }

    /** Maps {@code key} to {@code value}; returns the previous value or {@link #MISSING}. */
    public long put(long key, long value) {
        if (key == 0) {
            if (counting) counters.recordInsert(0);
            if (hasZero) {
                long old = zeroValue;
                zeroValue = value;
                return old;
            }
            hasZero = true;
            zeroValue = value;
            if (++size > maxFill) grow();
            return MISSING;
        }
        int i = locate(key);
        if (counting) counters.recordInsert(probeLength(key, i));
        if (i >= 0) {
            long old = values[i];
            values[i] = value;
            return old;
        }
        i = -i - 1;
        keys[i] = key;
        values[i] = value;
        if (++size > maxFill) grow();
        return MISSING;
    }

    /** Removes {@code key} (backward-shift); true if it was present. */
    public boolean remove(long key) {
        if (key == 0) {
            if (!hasZero) return false;
            hasZero = false;
            size--;
            return true;
        }
        int i = locate(key);
        if (i < 0) return false;
        size--;
        shiftBack(i);
        return true;
    }

    public void clear() {
        Arrays.fill(keys, 0);
        hasZero = false;
        size = 0;
    }

    /** Visits every key in slot order. */
    public void forEachKey(LongConsumer action) {
        final long[] keys = this.keys;
        int zeroHome = hasZero ? homeSlot(0) : -1;
        for (int i = 0; i < keys.length; i++) {
            if (i == zeroHome) action.accept(0);
            long k = keys[i];
            if (k != 0) action.accept(k);
        }
    }

    /** Visits every (key, value) in slot order. */
    public void forEach(KeyValueConsumer action) {
        final long[] keys = this.keys;
        int zeroHome = hasZero ? homeSlot(0) : -1;
        for (int i = 0; i < keys.length; i++) {
            if (i == zeroHome) action.accept(0, zeroValue);
            long k = keys[i];
            if (k != 0) action.accept(k, values[i]);
        }
    }

    /** A (key, value) callback without boxing. */
    @FunctionalInterface
    public interface KeyValueConsumer {
        void accept(long key, long value);
    }

    /** The keys in slot order. */
    public long[] keys() {
        long[] out = new long[size];
        int[] n = {0};
        forEachKey(k -> out[n[0]++] = k);
        return out;
    }

    /** The values in the order of {@link #keys()}. */
    public long[] values() {
        long[] out = new long[size];
        int[] n = {0};
        forEach((k, v) -> out[n[0]++] = v);
        return out;
    }

    /**
     * How far each key now sits from its home slot, as a histogram (element d counts keys
     * displaced by d slots). Needs no counters: it reads the table as it is.
     */
    public long[] displacementHistogram() {
        long[] hist = new long[1];
        if (hasZero) hist[0]++;
        for (int i = 0; i < keys.length; i++) {
            long k = keys[i];
            if (k == 0) continue;
            int d = (i - homeSlot(k)) & mask;
            if (d >= hist.length) hist = Arrays.copyOf(hist, Math.max(d + 1, hist.length * 2));
            hist[d]++;
        }
        int last = hist.length - 1;
        while (last > 0 && hist[last] == 0) last--;
        return Arrays.copyOf(hist, size == 0 ? 0 : last + 1);
    }

    /**
     * Linear probing from the home slot of {@code key} (non-zero): the slot holding it, or
     * {@code -(free slot) - 1} for the free slot where it would go.
     */
    private int locate(long key) {
        final long[] keys = this.keys;
        final int mask = this.mask;
        int i = homeSlot(key);
        long k;
        while ((k = keys[i]) != 0) {
            if (k == key) return i;
            i = (i + 1) & mask;
        }
        return -i - 1;
    }

    /** Slots visited beyond the home slot by a {@link #locate} that returned {@code located} (only computed when counting). */
    private int probeLength(long key, int located) {
        return ((located >= 0 ? located : -located - 1) - homeSlot(key)) & mask;
    }

    /** Backward-shift deletion: empties slot {@code hole} and pulls later keys of its run back. */
    private void shiftBack(int hole) {
        final long[] keys = this.keys;
        final int mask = this.mask;
        int pos = hole;
        for (;;) {
            pos = (pos + 1) & mask;
            long k = keys[pos];
            if (k == 0) break;
            int home = homeSlot(k);
            // k may move into the hole if the hole lies cyclically within [home, pos)
            if (((pos - home) & mask) >= ((pos - hole) & mask)) {
                keys[hole] = k;
                values[hole] = values[pos];
                hole = pos;
            }
        }
        keys[hole] = 0;
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new long[capacity];
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        maxFill = config.maxFill(capacity);
    }

    /** Doubles the table and re-inserts the keys in slot order (not counted as inserts). */
    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        allocate(config.grownCapacity(oldKeys.length, size));
        final long[] keys = this.keys;
        final int mask = this.mask;
        for (int j = 0; j < oldKeys.length; j++) {
            long k = oldKeys[j];
            if (k == 0) continue;
            int i = homeSlot(k);
            while (keys[i] != 0) i = (i + 1) & mask;
            keys[i] = k;
            values[i] = oldValues[j];
        }
        if (counting) counters.recordResize();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append('=').append(v));
        return sb.append('}').toString();
    }
}
