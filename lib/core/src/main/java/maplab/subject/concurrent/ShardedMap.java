package maplab.subject.concurrent;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import maplab.subject.probe.HashMode;

/**
 * A sharded (striped) map: N independent segments, N a power of two, each a {@code HashMap}
 * with its own {@link java.util.concurrent.locks.StampedLock} and optimistic reads (the same
 * code as {@link StampedLockMap}; a segment is one object that extends its lock, padded so that
 * neighbouring segments do not share a cache line). A key's
 * segment is chosen by the <em>top</em> bits of its hash after a strong mixer (murmur3's
 * 64-bit finalizer, {@link HashMode#fmix64}): mixing spreads poor {@code hashCode}s evenly
 * over the segments, and taking the top bits keeps the segment choice independent of the low
 * bits that each segment's own {@code HashMap} indexes by (were both taken from the low bits,
 * every key in a segment would share them and crowd into a fraction of that segment's buckets).
 *
 * <p>Threads that touch different segments never share a lock; reads of any segment are
 * usually lock-free (optimistic). This is a fair design, in the spirit of the segments of
 * Java 7's {@code ConcurrentHashMap} (whose default was also 16), not a strawman: with
 * {@value #DEFAULT_SEGMENTS} segments two threads meet on a segment for about 1 in
 * {@value #DEFAULT_SEGMENTS} of their operations, and the segments' own bookkeeping (a lock
 * and a map header each) stays small enough to remain in a core's cache: more segments
 * measured slower here, not faster.
 *
 * <p>Consistency: every single-key operation is linearizable (it runs in one segment under
 * that segment's guarantees). {@link #size} adds the segments' sizes one after another, so
 * under concurrent writes it may match no single moment (exact when writers are quiet).
 * {@link #forEach} visits segment by segment, each under its read lock: it never throws and
 * sees every entry that was present for the whole pass, but it is not one snapshot of the
 * whole map. {@link #putAll} is atomic per segment, not across segments.
 */
public final class ShardedMap<K, V> implements SharedMap<K, V> {

    /** Segments used by {@link SharedMapType#SHARDED}. */
    public static final int DEFAULT_SEGMENTS = 16;

    private final LockedHashMap<K, V>[] segments;
    private final int shift;

    /** {@value #DEFAULT_SEGMENTS} segments. */
    public ShardedMap() {
        this(DEFAULT_SEGMENTS);
    }

    /**
     * @param segments a power of two from 1 to 65536
     * @throws IllegalArgumentException for any other count
     */
    @SuppressWarnings("unchecked")
    public ShardedMap(int segments) {
        if (segments < 1 || segments > 65536 || Integer.bitCount(segments) != 1) {
            throw new IllegalArgumentException("segments: bad value " + segments + "; allowed: a power of two from 1 to 65536");
        }
        this.segments = new LockedHashMap[segments];
        for (int i = 0; i < segments; i++) this.segments[i] = new LockedHashMap.Padded<>();
        this.shift = 64 - Integer.numberOfTrailingZeros(segments);
    }

    /** The number of segments. */
    public int segmentCount() {
        return segments.length;
    }

    /** The segment index of {@code key}: the top bits of its hash after murmur3's 64-bit finalizer. */
    public int segmentOf(Object key) {
        // shift is 64 for a single segment: Java shifts by (64 & 63) = 0, so mask to 0 explicitly.
        return (int) (HashMode.fmix64(key.hashCode()) >>> shift) & (segments.length - 1);
    }

    private LockedHashMap<K, V> segment(K key) {
        return segments[segmentOf(Objects.requireNonNull(key, "key"))];
    }

    @Override public V get(K key) { return segment(key).get(key); }

    @Override public V put(K key, V value) { return segment(key).put(key, value); }

    @Override public V remove(K key) { return segment(key).remove(key); }

    @Override public boolean containsKey(K key) { return segment(key).containsKey(key); }

    @Override public int size() {
        int n = 0;
        for (LockedHashMap<K, V> s : segments) n += s.size();
        return n;
    }

    @Override public void putAll(Map<? extends K, ? extends V> entries) {
        Map<? extends K, ? extends V> checked = NonNull.entries(entries);
        @SuppressWarnings("unchecked")
        Map<K, V>[] bySegment = new Map[segments.length];
        checked.forEach((k, v) -> {
            int i = segmentOf(k);
            if (bySegment[i] == null) bySegment[i] = new HashMap<>();
            bySegment[i].put(k, v);
        });
        for (int i = 0; i < segments.length; i++) {
            if (bySegment[i] != null) segments[i].putAll(bySegment[i]);
        }
    }

    @Override public void forEach(BiConsumer<? super K, ? super V> action) {
        for (LockedHashMap<K, V> s : segments) s.forEach(action);
    }

    /** The number of entries in each segment (for checking the spread). */
    public List<Integer> segmentSizes() {
        return java.util.Arrays.stream(segments).map(LockedHashMap::size).toList();
    }

}
