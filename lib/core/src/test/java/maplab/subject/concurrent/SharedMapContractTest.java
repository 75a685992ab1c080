package maplab.subject.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import maplab.subject.user.SubjectChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The facade's contract, run against every subject: from one thread, each behaves exactly like HashMap. */
class SharedMapContractTest {

    @ParameterizedTest
    @EnumSource(value = SharedMapType.class, names = "USER", mode = EnumSource.Mode.EXCLUDE)   // USER: a user's class stands behind it
    void randomOperationsMatchHashMap(SharedMapType type) {
        SplittableRandom random = new SplittableRandom(42);
        Map<Integer, Integer> expected = new HashMap<>();
        try (SharedMap<Integer, Integer> map = type.create()) {
            for (int i = 0; i < 20_000; i++) {
                Integer key = random.nextInt(300);
                Integer value = random.nextInt();
                switch (random.nextInt(6)) {
                    case 0, 1 -> assertThat(map.put(key, value)).as("put %s", key).isEqualTo(expected.put(key, value));
                    case 2 -> assertThat(map.remove(key)).as("remove %s", key).isEqualTo(expected.remove(key));
                    case 3 -> assertThat(map.get(key)).as("get %s", key).isEqualTo(expected.get(key));
                    case 4 -> assertThat(map.containsKey(key)).as("containsKey %s", key).isEqualTo(expected.containsKey(key));
                    default -> {
                        Map<Integer, Integer> batch = Map.of(key, value, key + 1000, value);
                        map.putAll(batch);
                        expected.putAll(batch);
                    }
                }
                assertThat(map.size()).isEqualTo(expected.size());
            }
            assertThat(map.copy()).isEqualTo(expected);
            int[] visited = {0};
            map.forEach((k, v) -> {
                assertThat(expected.get(k)).isEqualTo(v);
                visited[0]++;
            });
            assertThat(visited[0]).isEqualTo(expected.size());
        }
    }

    @ParameterizedTest
    @EnumSource(value = SharedMapType.class, names = "USER", mode = EnumSource.Mode.EXCLUDE)   // USER: a user's class stands behind it
    void nullKeysAndValuesAreRejectedAndChangeNothing(SharedMapType type) {
        try (SharedMap<Integer, Integer> map = type.create()) {
            map.put(1, 1);
            assertThatThrownBy(() -> map.put(null, 1)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> map.put(2, null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> map.get(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> map.remove(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> map.containsKey(null)).isInstanceOf(NullPointerException.class);
            Map<Integer, Integer> withNull = new HashMap<>();
            withNull.put(3, 3);
            withNull.put(4, null);
            assertThatThrownBy(() -> map.putAll(withNull)).isInstanceOf(NullPointerException.class);
            assertThat(map.copy()).isEqualTo(Map.of(1, 1));
        }
    }

    @ParameterizedTest
    @EnumSource(value = SharedMapType.class, names = "USER", mode = EnumSource.Mode.EXCLUDE)   // USER: a user's class stands behind it
    void closeIsIdempotentAndReadsStillWork(SharedMapType type) {
        SharedMap<String, String> map = type.create();
        map.put("a", "1");
        map.close();
        map.close();
        assertThat(map.get("a")).isEqualTo("1");
        assertThat(map.size()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = SharedMapType.class, names = "USER", mode = EnumSource.Mode.EXCLUDE)   // USER: a user's class stands behind it
    void idsParseBackAndLabelsAreSet(SharedMapType type) {
        assertThat(SharedMapType.parse(type.id())).isSameAs(type);
        assertThat(SharedMapType.parse(type.id().toUpperCase())).isSameAs(type);
        assertThat(type.label()).isNotBlank();
        assertThat(type.threadSafe()).isEqualTo(type != SharedMapType.HASHMAP);
    }

    @org.junit.jupiter.api.Test
    void unknownIdNamesTheAllowedOnes() {
        assertThatThrownBy(() -> SharedMapType.parse("treemap"))
                .hasMessage("subject: unknown value 'treemap'; allowed: " + String.join(", ", SharedMapType.ids()));
    }

    static Stream<SharedMapType> peers() {
        return Stream.of(SharedMapType.values()).filter(SharedMapType::isPeer);
    }

    /** A peer library's concurrent map passes the check a user's shared map must pass before it is timed. */
    @ParameterizedTest
    @MethodSource("peers")
    void everyPeerMapPassesTheUsersSharedMapCheck(SharedMapType type) {
        assertThat(SubjectChecks.requireShared(type.id(), type::create, 20261121L).toString()).contains("concurrent check kept");
    }

    @Test
    void jcToolsNonBlockingHashMapIsThePeerAndThreadSafe() {
        assertThat(SharedMapType.peerIds()).containsExactly("non_blocking_hash_map");
        assertThat(SharedMapType.NON_BLOCKING_HASH_MAP.threadSafe()).isTrue();
        try (SharedMap<String, Integer> map = SharedMapType.NON_BLOCKING_HASH_MAP.create()) {
            map.put("a", 1);
            assertThat(map.toString()).startsWith("NonBlockingHashMap");
        }
    }
}
