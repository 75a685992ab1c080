package maplab.subject.intmap;

import java.util.Map;
import java.util.function.UnaryOperator;

/** A {@link java.util.Map Map&lt;Integer, Integer&gt;} (HashMap, LinkedHashMap, TreeMap) as an {@link IntMap}: keys and values boxed. */
final class JdkIntMap implements IntMap {

    private final Map<Integer, Integer> map;
    private final UnaryOperator<Map<Integer, Integer>> copy;
    private final UnaryOperator<Map<Integer, Integer>> rebuild;

    JdkIntMap(Map<Integer, Integer> map, UnaryOperator<Map<Integer, Integer>> copy, UnaryOperator<Map<Integer, Integer>> rebuild) {
        this.map = map;
        this.copy = copy;
        this.rebuild = rebuild;
    }

    @Override public void put(int key, int value) { map.put(key, value); }
    @Override public void remove(int key) { map.remove(key); }
    @Override public int get(int key, int missing) {
        Integer v = map.get(key);
        return v == null ? missing : v;
    }
    @Override public void clear() { map.clear(); }
    @Override public int size() { return map.size(); }

    @Override
    public long sumEntrySet() {
        long sum = 0;
        for (Map.Entry<Integer, Integer> e : map.entrySet()) sum += IntMap.mix(e.getKey(), e.getValue());
        return sum;
    }

    @Override
    public long sumKeySetGet() {
        long sum = 0;
        for (Integer k : map.keySet()) sum += IntMap.mix(k, map.get(k));
        return sum;
    }

    @Override
    public long sumForEach() {
        long[] sum = {0};
        map.forEach((k, v) -> sum[0] += IntMap.mix(k, v));
        return sum[0];
    }

    @Override
    public Object[] snapshot() {
        return map.entrySet().toArray();
    }

    @Override
    @SuppressWarnings("unchecked")
    public long sumSnapshot(Object[] snapshot) {
        long sum = 0;
        for (Object o : snapshot) {
            Map.Entry<Integer, Integer> e = (Map.Entry<Integer, Integer>) o;
            sum += IntMap.mix(e.getKey(), e.getValue());
        }
        return sum;
    }

    @Override public IntMap copy() { return new JdkIntMap(copy.apply(map), copy, rebuild); }
    @Override public IntMap rebuild() { return new JdkIntMap(rebuild.apply(map), copy, rebuild); }
    @Override public Object unwrap() { return map; }
}
