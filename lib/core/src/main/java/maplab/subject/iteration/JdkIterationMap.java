package maplab.subject.iteration;

import maplab.subject.facade.IterationMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** A {@link java.util.Map Map&lt;Integer, Integer&gt;} (HashMap, LinkedHashMap, TreeMap) as an {@link IterationMap}: keys and values boxed. */
final class JdkIterationMap implements IterationMap {

    private final Map<Integer, Integer> map;
    private final UnaryOperator<Map<Integer, Integer>> copy;
    private final UnaryOperator<Map<Integer, Integer>> rebuild;

    JdkIterationMap(Map<Integer, Integer> map, UnaryOperator<Map<Integer, Integer>> copy, UnaryOperator<Map<Integer, Integer>> rebuild) {
        this.map = map;
        this.copy = copy;
        this.rebuild = rebuild;
    }

    @Override public void put(int key, int value) { map.put(key, value); }
    @Override public void remove(int key) { map.remove(key); }
    @Override public void clear() { map.clear(); }
    @Override public int size() { return map.size(); }

    @Override
    public long sumEntrySet() {
        long sum = 0;
        for (Map.Entry<Integer, Integer> e : map.entrySet()) sum += IterationMap.mix(e.getKey(), e.getValue());
        return sum;
    }

    @Override
    public long sumKeySetGet() {
        long sum = 0;
        for (Integer k : map.keySet()) sum += IterationMap.mix(k, map.get(k));
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
        return map.entrySet().toArray();
    }

    @Override
    @SuppressWarnings("unchecked")
    public long sumSnapshot(Object[] snapshot) {
        long sum = 0;
        for (Object o : snapshot) {
            Map.Entry<Integer, Integer> e = (Map.Entry<Integer, Integer>) o;
            sum += IterationMap.mix(e.getKey(), e.getValue());
        }
        return sum;
    }

    @Override public IterationMap copy() { return new JdkIterationMap(copy.apply(map), copy, rebuild); }
    @Override public IterationMap rebuild() { return new JdkIterationMap(rebuild.apply(map), copy, rebuild); }
    @Override public Object unwrap() { return map; }
}
