package maplab.subject.intmap;

import maplab.subject.facade.IntMap;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import maplab.workload.KeyOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What key-order relies on of every {@link IntMapType}, the peer libraries' maps included:
 * after filling with keys in any order, the map holds each key once (value = key), a lookup
 * pass finds every value and an iteration visits every entry once.
 */
class IntMapContractTest {

    @ParameterizedTest
    @EnumSource(value = IntMapType.class, names = "USER", mode = EnumSource.Mode.EXCLUDE)   // USER: a user's class stands behind it
    void holdsEveryKeyOnceWhateverTheOrder(IntMapType type) {
        for (KeyOrder order : KeyOrder.values()) {
            int[] keys = order.intKeys(3000, 17);
            long sum = Arrays.stream(keys).asLongStream().sum();
            Set<Integer> distinct = new HashSet<>();
            for (int k : keys) distinct.add(k);
            IntMap m = type.build(keys);
            assertThat(m.size()).as(type.id() + " " + order).isEqualTo(distinct.size()).isEqualTo(keys.length);
            assertThat(m.lookupAll()).as(type.id() + " lookups, " + order).isEqualTo(sum);
            assertThat(m.iterateAll()).as(type.id() + " iteration, " + order).isEqualTo(2 * sum);
        }
    }

    @ParameterizedTest
    @EnumSource(value = IntMapType.class, names = "USER", mode = EnumSource.Mode.EXCLUDE)   // USER: a user's class stands behind it
    void idsRoundTrip(IntMapType type) {
        assertThat(IntMapType.parse(type.id())).isSameAs(type);
    }
}
