package maplab.peers;

import com.google.common.collect.ImmutableMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;
import maplab.subject.facade.KeyedMap;

/** Guava (Google): its read-only {@code ImmutableMap}, as key-types' {@link KeyedMap}. */
public final class Guava {

    private Guava() { }

    /**
     * {@code ImmutableMap.copyOf} of a HashMap holding {@code key(keys[i]) -> i}: a read-only map
     * built once (entries, a hash table, insertion order kept); lookups use equal keys built apart.
     */
    public static KeyedMap immutableKeyedMap(int[] keys, IntFunction<Object> key) {
        Map<Object, Integer> filled = new HashMap<>();
        Object[] probes = new Object[keys.length];
        for (int i = 0; i < keys.length; i++) {
            filled.put(key.apply(keys[i]), i);
            probes[i] = key.apply(keys[i]);
        }
        return new KeyedMap.BoxedKeys(ImmutableMap.copyOf(filled), probes);
    }
}
