package maplab.measure;

import maplab.subject.facade.KeyedMap;
import maplab.subject.keys.KeyedMapKind;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import maplab.workload.KeyOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The key pitfalls give their known answers: they are counts, the same on every machine. */
class KeyPitfallsTest {

    private static Map<String, KeyPitfalls.Rate> byVariantAndMetric(List<KeyPitfalls.Rate> rates) {
        return rates.stream().collect(Collectors.toMap(r -> r.variant() + "/" + r.metric(), Function.identity()));
    }

    @Test
    void anEqualContentByteArrayMisses() {
        byte[] key = {1, 2, 3};
        Map<byte[], String> map = new HashMap<>();
        map.put(key, "x");
        assertThat(map.get(new byte[] {1, 2, 3})).isNull();
        assertThat(map.get(key)).isEqualTo("x");

        Map<String, KeyPitfalls.Rate> rates = byVariantAndMetric(KeyPitfalls.byteArrayKeys(500));
        assertThat(rates.get(KeyPitfalls.EQUAL_COPY + "/hit_rate").count()).isZero();
        assertThat(rates.get("the inserted array itself/hit_rate").count()).isEqualTo(500);
        assertThat(rates.get("ByteBuffer.wrap keys, equal copy/hit_rate").count()).isEqualTo(500);
    }

    @Test
    void mutatedKeysAreLostButStillCounted() {
        Map<String, KeyPitfalls.Rate> rates = byVariantAndMetric(KeyPitfalls.mutatedKeys(500));
        assertThat(rates.get(KeyPitfalls.MUTATED_ITSELF + "/hit_rate").rate()).isZero();
        assertThat(rates.get("lookup with the original value/hit_rate").rate()).isZero();
        assertThat(rates.get("entries still counted by size()/size_rate").rate()).isEqualTo(1.0);
    }

    @Test
    void aHashCodeIgnoringAFieldMakesEveryKeyCollide() {
        Map<String, KeyPitfalls.Rate> rates = byVariantAndMetric(KeyPitfalls.hashIgnoringAField(1000, 10));
        assertThat(rates.get(KeyPitfalls.HASH_OF_X_ONLY + "/collision_rate").rate()).isEqualTo(1.0);
        assertThat(rates.get("hashCode of x and y/collision_rate").rate()).isZero();
        // an equal but separate key is compared with equals at least once; colliding keys many times
        assertThat(rates.get("hashCode of x and y/equals_per_lookup").rate()).isEqualTo(1.0);
        assertThat(rates.get(KeyPitfalls.HASH_OF_X_ONLY + "/equals_per_lookup").rate()).isGreaterThan(2.0);
    }

    @Test
    void aWeakHashMapLetsDroppedKeysGoAndAHashMapDoesNot() throws InterruptedException {
        KeyPitfalls.AfterGc afterGc = KeyPitfalls.weakAndStrongMaps(2000);
        Map<String, KeyPitfalls.Rate> rates = byVariantAndMetric(afterGc.rates());
        assertThat(rates.get(KeyPitfalls.WEAK + "/retained_rate").count()).isZero();
        assertThat(rates.get(KeyPitfalls.STRONG + "/retained_rate").count()).isEqualTo(2000);
        assertThat(rates.get("WeakHashMap, cached Integer keys -128..127/retained_rate").rate()).isEqualTo(1.0);
        assertThat(rates.get("WeakHashMap, values refer to their keys/retained_rate").rate()).isEqualTo(1.0);
        assertThat(afterGc.gcRounds()).isBetween(1, KeyPitfalls.MAX_GC_ROUNDS);
    }

    @ParameterizedTest
    @EnumSource(value = KeyedMapKind.class, names = "USER", mode = EnumSource.Mode.EXCLUDE)   // USER: a user's class stands behind it
    void everyMapFindsEveryKeyWithSeparatelyBuiltLookupKeys(KeyedMapKind kind) {
        int[] keys = KeyOrder.RANDOM.intKeys(3000, 11);
        KeyedMap map = kind.build(keys);
        assertThat(map.size()).isEqualTo(3000);
        for (int i = 0; i < keys.length; i++) assertThat(map.lookup(i)).isEqualTo(i);
    }

    @Test
    void theShapesAPlanStatesAreTheRatesMeasured() throws InterruptedException {
        List<KeyPitfalls.Rate> measured = new java.util.ArrayList<>();
        measured.addAll(KeyPitfalls.byteArrayKeys(200));
        measured.addAll(KeyPitfalls.mutatedKeys(200));
        measured.addAll(KeyPitfalls.hashIgnoringAField(200, 10));
        measured.addAll(KeyPitfalls.weakAndStrongMaps(200).rates());
        assertThat(measured.stream().map(KeyPitfalls.Rate::shape).toList()).isEqualTo(KeyPitfalls.shapes(200, 10));
    }
}
