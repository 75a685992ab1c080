package maplab.measure;

import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Key mistakes that make a map silently wrong or slow, each measured as a rate over many
 * keys: byte[] keys (identity hash: an equal array misses), keys mutated after insertion,
 * a hashCode that ignores a field, and WeakHashMap entries after their keys are dropped and
 * a GC runs. Counts only, measured in process.
 */
public final class KeyPitfalls {

    /** GC rounds before {@link #weakAndStrongMaps} gives up waiting for weak references to clear. */
    static final int MAX_GC_ROUNDS = 10;

    /** Variants the key-types findings are read from. */
    public static final String EQUAL_COPY = "equal-content copy of the key";
    public static final String MUTATED_ITSELF = "lookup with the mutated key itself";
    public static final String HASH_OF_X_ONLY = "hashCode of x only (y ignored)";
    public static final String WEAK = "WeakHashMap";
    public static final String STRONG = "HashMap";
    private static final String FOUND = "share of lookups that found the entry";

    /** The pitfalls ({@link Rate#pitfall}) and the variants the findings do not read. */
    static final String BYTE_ARRAYS = "byte[] keys", MUTATED = "key mutated after insertion", HASH_IGNORES_FIELD = "hashCode ignores a field",
            DROPPED_THEN_GC = "keys dropped, then GC";
    static final String SAME_ARRAY = "the inserted array itself", WRAPPED_COPY = "ByteBuffer.wrap keys, equal copy",
            ORIGINAL_VALUE = "lookup with the original value", STILL_COUNTED = "entries still counted by size()", HASH_OF_X_AND_Y = "hashCode of x and y",
            WEAK_CACHED = "WeakHashMap, cached Integer keys -128..127", WEAK_SELF_REFERENCING = "WeakHashMap, values refer to their keys";
    /** The JDK's shared Integer boxes, -128..127, the keys of the cached WeakHashMap. */
    static final int CACHED_BOXES = 256;

    private KeyPitfalls() { }

    /**
     * One measured rate: {@code count} out of {@code trials} (or per trial).
     *
     * @param pitfall what goes wrong
     * @param variant the case measured
     * @param metric  what is counted, as a tidy-table metric name (e.g. {@code hit_rate})
     * @param trials  keys or lookups tried
     * @param count   how many succeeded (or, for a cost, the total count)
     * @param meaning what {@link #rate()} is, in words
     */
    public record Rate(String pitfall, String variant, String metric, long trials, long count, String meaning) {
        public double rate() {
            return trials == 0 ? Double.NaN : count / (double) trials;
        }

        /** The rate's row without its count. */
        public Shape shape() {
            return new Shape(pitfall, variant, metric, trials);
        }
    }

    /** What a {@link Rate} is about, known before measuring: its pitfall, variant, metric and trials. */
    public record Shape(String pitfall, String variant, String metric, long trials) { }

    /**
     * The rates {@link #byteArrayKeys}, {@link #mutatedKeys}, {@link #hashIgnoringAField} and
     * {@link #weakAndStrongMaps} give for {@code count} keys, in that order, without measuring
     * anything (for a run's plan).
     */
    public static List<Shape> shapes(int count, int ys) {
        return List.of(
                new Shape(BYTE_ARRAYS, EQUAL_COPY, "hit_rate", count),
                new Shape(BYTE_ARRAYS, SAME_ARRAY, "hit_rate", count),
                new Shape(BYTE_ARRAYS, WRAPPED_COPY, "hit_rate", count),
                new Shape(MUTATED, MUTATED_ITSELF, "hit_rate", count),
                new Shape(MUTATED, ORIGINAL_VALUE, "hit_rate", count),
                new Shape(MUTATED, STILL_COUNTED, "size_rate", count),
                new Shape(HASH_IGNORES_FIELD, HASH_OF_X_ONLY, "collision_rate", count),
                new Shape(HASH_IGNORES_FIELD, HASH_OF_X_ONLY, "equals_per_lookup", count),
                new Shape(HASH_IGNORES_FIELD, HASH_OF_X_AND_Y, "collision_rate", count),
                new Shape(HASH_IGNORES_FIELD, HASH_OF_X_AND_Y, "equals_per_lookup", count),
                new Shape(DROPPED_THEN_GC, WEAK, "retained_rate", count),
                new Shape(DROPPED_THEN_GC, STRONG, "retained_rate", count),
                new Shape(DROPPED_THEN_GC, WEAK_CACHED, "retained_rate", CACHED_BOXES),
                new Shape(DROPPED_THEN_GC, WEAK_SELF_REFERENCING, "retained_rate", count));
    }

    /** Big-endian bytes of i: the content of the byte[] key for i. */
    static byte[] bytes(int i) {
        return ByteBuffer.allocate(Integer.BYTES).putInt(i).array();
    }

    /**
     * {@code HashMap<byte[], Integer>} looked up with an equal copy of each array (misses: arrays
     * use identity equals and hashCode), with the inserted array itself, and the remedy:
     * {@code ByteBuffer.wrap} keys, which compare content.
     */
    public static List<Rate> byteArrayKeys(int count) {
        String pitfall = BYTE_ARRAYS;
        Map<byte[], Integer> arrays = new HashMap<>();
        Map<ByteBuffer, Integer> buffers = new HashMap<>();
        List<byte[]> inserted = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] key = bytes(i);
            inserted.add(key);
            arrays.put(key, i);
            buffers.put(ByteBuffer.wrap(bytes(i)), i);
        }
        long copyHits = 0;
        long sameHits = 0;
        long wrappedHits = 0;
        for (int i = 0; i < count; i++) {
            if (arrays.containsKey(bytes(i))) copyHits++;
            if (arrays.containsKey(inserted.get(i))) sameHits++;
            if (buffers.containsKey(ByteBuffer.wrap(bytes(i)))) wrappedHits++;
        }
        return List.of(
                new Rate(pitfall, EQUAL_COPY, "hit_rate", count, copyHits, FOUND),
                new Rate(pitfall, SAME_ARRAY, "hit_rate", count, sameHits, FOUND),
                new Rate(pitfall, WRAPPED_COPY, "hit_rate", count, wrappedHits, FOUND));
    }

    /**
     * {@code HashMap<List<Integer>, Integer>} whose keys are mutated after insertion (an
     * element appended): looked up by the mutated key itself and by a copy of the original
     * value; {@code size()} still counts every entry.
     */
    public static List<Rate> mutatedKeys(int count) {
        String pitfall = MUTATED;
        Map<List<Integer>, Integer> map = new HashMap<>();
        List<List<Integer>> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            List<Integer> key = new ArrayList<>(List.of(i));
            keys.add(key);
            map.put(key, i);
        }
        for (List<Integer> key : keys) key.add(-1);
        long foundMutated = 0;
        long foundOriginal = 0;
        for (int i = 0; i < count; i++) {
            if (map.containsKey(keys.get(i))) foundMutated++;
            if (map.containsKey(List.of(i))) foundOriginal++;
        }
        return List.of(
                new Rate(pitfall, MUTATED_ITSELF, "hit_rate", count, foundMutated, FOUND),
                new Rate(pitfall, ORIGINAL_VALUE, "hit_rate", count, foundOriginal, FOUND),
                new Rate(pitfall, STILL_COUNTED, "size_rate", count, map.size(), "share of entries size() still counts"));
    }

    /**
     * A point whose hashCode ignores y (equals does not): every key with the same x collides.
     * {@code equalsCalls} (not part of equality) counts the calls of equals on the points that share it.
     */
    record PointIgnoringY(int x, int y, AtomicLong equalsCalls) {
        @Override public int hashCode() { return Integer.hashCode(x); }

        @Override public boolean equals(Object o) {
            equalsCalls.incrementAndGet();
            return o instanceof PointIgnoringY p && p.x == x && p.y == y;
        }
    }

    /** The same point with a hashCode over both fields (and the same counter of equals calls). */
    record Point(int x, int y, AtomicLong equalsCalls) {
        @Override public int hashCode() { return 31 * Integer.hashCode(x) + Integer.hashCode(y); }

        @Override public boolean equals(Object o) {
            equalsCalls.incrementAndGet();
            return o instanceof Point p && p.x == x && p.y == y;
        }
    }

    /**
     * {@code count} points on a grid of {@code width} x values by {@code count / width} y
     * values: the share of keys whose hashCode another key also has, and the equals calls per
     * lookup (with an equal, separately built key) in a HashMap, for a hashCode that ignores y
     * and one that does not.
     */
    public static List<Rate> hashIgnoringAField(int count, int ys) {
        if (ys < 1 || count % ys != 0) throw new IllegalArgumentException("ys: must divide count (" + count + "), got " + ys);
        String pitfall = HASH_IGNORES_FIELD;
        List<Rate> out = new ArrayList<>();
        for (boolean bad : new boolean[] {true, false}) {
            String variant = bad ? HASH_OF_X_ONLY : HASH_OF_X_AND_Y;
            Map<Object, Integer> map = new HashMap<>();
            Map<Integer, Integer> hashes = new HashMap<>();
            AtomicLong calls = new AtomicLong();
            for (int i = 0; i < count; i++) {
                Object key = bad ? new PointIgnoringY(i / ys, i % ys, calls) : new Point(i / ys, i % ys, calls);
                map.put(key, i);
                hashes.merge(key.hashCode(), 1, Integer::sum);
            }
            long colliding = hashes.values().stream().filter(c -> c > 1).mapToLong(Integer::longValue).sum();
            out.add(new Rate(pitfall, variant, "collision_rate", count, colliding, "share of keys whose hashCode another key also has"));
            long before = calls.get();
            long found = 0;
            for (int i = 0; i < count; i++) {
                Object probe = bad ? new PointIgnoringY(i / ys, i % ys, calls) : new Point(i / ys, i % ys, calls);
                if (map.get(probe) != null) found++;
            }
            if (found != count) throw new IllegalStateException(variant + ": found " + found + " of " + count + " keys");
            out.add(new Rate(pitfall, variant, "equals_per_lookup", count, calls.get() - before, "equals calls per lookup"));
        }
        return out;
    }

    /**
     * Maps whose keys are dropped by the caller, then a GC: a WeakHashMap (entries go), a
     * HashMap (entries stay), and two WeakHashMaps that cannot let go: one whose keys are
     * the JDK's shared Integer boxes (-128..127), one whose values refer to their keys.
     * Collects with {@code System.gc()} until a weak sentinel has cleared and the sizes are
     * stable, at most {@value #MAX_GC_ROUNDS} rounds.
     *
     * @throws MeasurementException when no collection cleared the sentinel (e.g. {@code -XX:+DisableExplicitGC})
     */
    public static AfterGc weakAndStrongMaps(int count) throws InterruptedException {
        String pitfall = DROPPED_THEN_GC;
        String meaning = "share of entries still in the map after GC";
        String metric = "retained_rate";
        Maps maps = fill(count);
        WeakReference<Object> sentinel = new WeakReference<>(new Object());
        int[] last = null;   // sizes read after the sentinel cleared
        int rounds = 0;
        boolean stable = false;
        while (rounds < MAX_GC_ROUNDS && !stable) {
            rounds++;
            System.gc();
            Thread.sleep(20L * rounds);
            int[] now = maps.sizes();
            // stable: the same sizes twice after the sentinel cleared. A cleared weak entry leaves the map's size only once the
            // Reference Handler thread has queued it, which on a loaded machine can take longer than the sleep: comparing with
            // the sizes before any GC would then call the full maps stable and report every weak entry retained
            stable = last != null && java.util.Arrays.equals(now, last);
            if (sentinel.get() == null) last = now;
        }
        if (sentinel.get() != null) {
            throw new MeasurementException("no garbage collection ran after " + MAX_GC_ROUNDS + " System.gc() calls, so weak references "
                    + "could not be measured: is -XX:+DisableExplicitGC set? (JVM arguments: "
                    + java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments() + ")");
        }
        return new AfterGc(List.of(
                new Rate(pitfall, WEAK, metric, count, maps.weak.size(), meaning),
                new Rate(pitfall, STRONG, metric, count, maps.strong.size(), meaning),
                new Rate(pitfall, WEAK_CACHED, metric, maps.cachedCount, maps.cached.size(), meaning),
                new Rate(pitfall, WEAK_SELF_REFERENCING, metric, count, maps.selfReferencing.size(), meaning)), rounds);
    }

    /** The rates after GC, and how many {@code System.gc()} rounds it took until weak references had cleared and sizes were stable. */
    public record AfterGc(List<Rate> rates, int gcRounds) { }

    private record Maps(WeakHashMap<Object, Integer> weak, HashMap<Object, Integer> strong, WeakHashMap<Integer, Integer> cached,
                        int cachedCount, WeakHashMap<Object, Object> selfReferencing) {
        int[] sizes() {
            return new int[] {weak.size(), strong.size(), cached.size(), selfReferencing.size()};
        }
    }

    /** Fills the maps; the keys are referenced by nothing but the maps once this returns. */
    private static Maps fill(int count) {
        WeakHashMap<Object, Integer> weak = new WeakHashMap<>();
        HashMap<Object, Integer> strong = new HashMap<>();
        WeakHashMap<Integer, Integer> cached = new WeakHashMap<>();
        WeakHashMap<Object, Object> selfReferencing = new WeakHashMap<>();
        for (int i = 0; i < count; i++) {
            weak.put(new StringBuilder("weak-").append(i).toString(), i);
            strong.put(new StringBuilder("strong-").append(i).toString(), i);
            String key = new StringBuilder("self-").append(i).toString();
            selfReferencing.put(key, new Object[] {key});
        }
        for (int i = -128; i <= 127; i++) cached.put(Integer.valueOf(i), i);
        return new Maps(weak, strong, cached, CACHED_BOXES, selfReferencing);
    }
}
