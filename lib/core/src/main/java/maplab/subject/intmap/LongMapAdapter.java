package maplab.subject.intmap;

import maplab.subject.facade.IntMap;

/**
 * A {@link LongMap} (a user's map) filled with a key array in that array's order (value =
 * key), seen as the {@link IntMap} that key-order times.
 */
public final class LongMapAdapter implements IntMap {

    private final LongMap map;
    private final long[] keys;

    /** Fills {@code empty} with {@code keys} in array order. */
    public LongMapAdapter(LongMap empty, int[] keys) {
        this.map = empty;
        this.keys = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            this.keys[i] = keys[i];
            map.put(keys[i], keys[i]);
        }
    }

    @Override public long lookupAll() {
        long sum = 0;
        for (long k : keys) sum += map.getOrDefault(k, 0L);
        return sum;
    }

    @Override public long iterateAll() {
        long[] sum = {0};
        map.forEach((k, v) -> sum[0] += k + v);
        return sum[0];
    }

    @Override public int size() { return map.size(); }
}
