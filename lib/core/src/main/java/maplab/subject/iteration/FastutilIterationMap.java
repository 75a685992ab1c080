package maplab.subject.iteration;

import it.unimi.dsi.fastutil.ints.Int2IntMap;
import it.unimi.dsi.fastutil.ints.Int2IntMaps;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntIterator;

/** fastutil's primitive {@link Int2IntOpenHashMap} as an {@link IterationMap}: no boxing except in {@code forEach}, which takes a BiConsumer. */
final class FastutilIterationMap implements IterationMap {

    private final Int2IntOpenHashMap map;

    FastutilIterationMap(Int2IntOpenHashMap map) {
        this.map = map;
    }

    @Override public void put(int key, int value) { map.put(key, value); }
    @Override public void remove(int key) { map.remove(key); }
    @Override public void clear() { map.clear(); }
    @Override public int size() { return map.size(); }

    @Override
    public long sumEntrySet() {
        long sum = 0;
        for (Int2IntMap.Entry e : Int2IntMaps.fastIterable(map)) sum += IterationMap.mix(e.getIntKey(), e.getIntValue());
        return sum;
    }

    @Override
    public long sumKeySetGet() {
        long sum = 0;
        for (IntIterator it = map.keySet().iterator(); it.hasNext(); ) {
            int k = it.nextInt();
            sum += IterationMap.mix(k, map.get(k));
        }
        return sum;
    }

    @Override
    public long sumForEach() {
        long[] sum = {0};
        map.forEach((k, v) -> sum[0] += IterationMap.mix(k, v));
        return sum[0];
    }

    @Override
    public Object[] snapshot() {
        return map.int2IntEntrySet().toArray();
    }

    @Override
    public long sumSnapshot(Object[] snapshot) {
        long sum = 0;
        for (Object o : snapshot) {
            Int2IntMap.Entry e = (Int2IntMap.Entry) o;
            sum += IterationMap.mix(e.getIntKey(), e.getIntValue());
        }
        return sum;
    }

    /** The copy constructor sizes the new table for the current entries. */
    @Override public IterationMap copy() { return new FastutilIterationMap(new Int2IntOpenHashMap(map)); }

    /** fastutil's own remedy: {@code trim()} rehashes in place into the smallest table for the entries. */
    @Override
    public IterationMap rebuild() {
        map.trim();
        return this;
    }

    @Override public Object unwrap() { return map; }
}
