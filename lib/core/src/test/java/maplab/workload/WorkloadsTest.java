package maplab.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkloadsTest {

    @Test
    void collidingStringsAreDistinctAndShareOneHashCode() {
        String[] s = Strings.colliding(1000, 7);
        assertThat(new HashSet<>(Arrays.asList(s))).hasSize(1000);
        assertThat(Arrays.stream(s).mapToInt(String::hashCode).distinct().count()).isEqualTo(1);
        assertThat(Arrays.stream(s).mapToInt(String::length).distinct()).containsExactly(Strings.collidingLength(1000));
        assertThat(Strings.collidingLength(1000)).isEqualTo(20);
        assertThat(Strings.colliding(1000, 7)).isEqualTo(s);
        assertThat(Strings.colliding(1000, 8)).isNotEqualTo(s).containsExactlyInAnyOrder(s);
    }

    @Test
    void randomStringsAreDistinctAndOfOneLength() {
        String[] s = Strings.random(5000, 6, 1);
        assertThat(new HashSet<>(Arrays.asList(s))).hasSize(5000);
        assertThat(Arrays.stream(s).allMatch(x -> x.length() == 6 && x.chars().allMatch(Character::isLetter))).isTrue();
        assertThat(Arrays.stream(s).mapToInt(String::hashCode).distinct().count()).isGreaterThan(4900);
        assertThatThrownBy(() -> Strings.random(100, 1, 1)).hasMessageStartingWith("length: bad value '1'");
    }

    @Test
    void everyKindGivesDistinctKeysAndTheIntendedHashes() {
        for (KeyKind kind : KeyKind.values()) {
            Object[] keys = kind.keys(2048, 3, new CallCounts());
            Set<Object> set = new HashSet<>(Arrays.asList(keys));
            assertThat(set).as(kind.id()).hasSize(2048);
            long hashes = Arrays.stream(keys).mapToInt(Object::hashCode).distinct().count();
            switch (kind) {
                case COLLIDING_STRING, CONSTANT_HASH, CONSTANT_HASH_COMPARABLE -> assertThat(hashes).as(kind.id()).isEqualTo(1);
                case DISTINCT_HASH -> assertThat(hashes).as(kind.id()).isEqualTo(2048);
                default -> assertThat(hashes).as(kind.id()).isGreaterThan(2000);
            }
            assertThat(keys[0] instanceof Comparable<?>).as(kind.id()).isEqualTo(kind.comparable());
            assertThat(kind.plainKeys(2048, 3)).hasSize(2048);
        }
        assertThat(KeyKind.COLLIDING_STRING.plainKeys(4, 1)).allMatch(k -> k instanceof String);
        assertThat(KeyKind.parse("word")).isEqualTo(KeyKind.WORD);
        assertThatThrownBy(() -> KeyKind.parse("uuid")).hasMessageStartingWith("key kind: unknown value 'uuid'; allowed: colliding_string, ");
    }

    /** Known answer: HashMap cannot order non-Comparable keys of one hash, so each insert scans the bin: about n/2 equals per insert. */
    @Test
    void nonComparableConstantHashKeysCostAboutHalfNEqualsPerInsert() {
        int n = 1024;
        CallCounts nc = new CallCounts();
        insert(KeyKind.CONSTANT_HASH.keys(n, 1, nc), nc);
        double equalsPerInsert = (double) nc.equalsCalls() / n;
        assertThat(equalsPerInsert).isBetween(0.3 * n, 0.7 * n);

        CallCounts c = new CallCounts();
        insert(KeyKind.CONSTANT_HASH_COMPARABLE.keys(n, 1, c), c);
        double comparesPerInsert = (double) c.compareToCalls() / n;
        assertThat(comparesPerInsert).isBetween(5.0, 3.0 * 10);          // ~log2(1024) = 10
        assertThat((double) c.equalsCalls() / n).isLessThan(equalsPerInsert / 20);
    }

    private static void insert(Object[] keys, CallCounts counts) {
        counts.reset();
        Map<Object, Integer> m = new HashMap<>();
        for (Object k : keys) m.put(k, 1);
        assertThat(m).hasSize(keys.length);
        assertThat(counts.hashCodeCalls()).isEqualTo(keys.length);
    }

    @Test
    void wordCorpusIsShippedAndSampledWithoutRepeats() {
        assertThat(Words.all()).hasSizeGreaterThan(100_000).contains("hash", "table");
        String[] sample = Words.sample(20_000, 5);
        assertThat(new HashSet<>(Arrays.asList(sample))).hasSize(20_000);
        assertThat(Words.sample(20_000, 5)).isEqualTo(sample);
        assertThatThrownBy(() -> Words.sample(Words.all().size() + 1, 5)).hasMessageStartingWith("n: bad value");
    }
}
