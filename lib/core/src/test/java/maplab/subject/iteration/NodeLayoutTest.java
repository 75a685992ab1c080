package maplab.subject.iteration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.IdentityHashMap;
import java.util.Map;
import maplab.workload.KeyOrder;
import org.junit.jupiter.api.Test;

/** Every node layout holds the same entries; the copy keeps the original's boxes, the rebuild makes new ones; the GC layouts collect. */
class NodeLayoutTest {

    private static final int[] KEYS = KeyOrder.RANDOM.intKeys(50_000, 7);

    @Test
    void everyLayoutHoldsEveryKeyMappedToItself() {
        long expected = NodeLayout.sum(NodeLayout.ASCENDING.build(KEYS));
        for (NodeLayout l : NodeLayout.values()) {
            Map<Integer, Integer> m = l.build(KEYS);
            assertThat(m).as(l.id()).hasSize(KEYS.length);
            assertThat(m.get(KEYS[123])).as(l.id()).isEqualTo(KEYS[123]);
            assertThat(NodeLayout.sum(m)).as(l.id()).isEqualTo(expected);
        }
    }

    @Test
    void aRebuiltMapHasItsOwnBoxesWhileTheOriginalsKeysAreSharedByNoOneElse() {
        Map<Integer, Integer> rebuilt = NodeLayout.REBUILT.build(KEYS);
        // the rebuild allocates a box per key and per value: key and value of an entry are distinct objects
        long shared = rebuilt.entrySet().stream().filter(e -> e.getKey() > 127 && e.getKey() == e.getValue()).count();
        assertThat(shared).isZero();
        IdentityHashMap<Integer, Boolean> seen = new IdentityHashMap<>();
        rebuilt.keySet().forEach(k -> seen.put(k, true));
        assertThat(seen).hasSize(KEYS.length);
    }

    @Test
    void theYoungGcLayoutRunsACollection() {
        long before = NodeLayout.collections();
        NodeLayout.RANDOM_YOUNG_GC.build(KEYS);
        assertThat(NodeLayout.collections()).isGreaterThan(before);
    }

    @Test
    void anUnknownLayoutNamesTheParameterAndTheAllowedValues() {
        assertThatThrownBy(() -> NodeLayout.parse("sorted")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layout: unknown value 'sorted'; allowed: random, random_full_gc, random_young_gc, copied, rebuilt, ascending");
    }
}
