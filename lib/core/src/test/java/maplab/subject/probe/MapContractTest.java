package maplab.subject.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The map contract, run against every ProbeMap configuration (hash x index bits x load
 * factor, {@link LongProbeMap}, {@link ProbeMap} and {@link IncrementalProbeMap}, the latter also
 * with the smallest migration budget) and against {@link HashMap} itself, so a
 * test that fails on HashMap is a wrong test, not a wrong map.
 */
class MapContractTest {

    /** What the contract needs of a map from long keys to long values; null = absent. */
    interface Subject {
        Long put(long k, long v);
        Long get(long k);
        boolean containsKey(long k);
        boolean remove(long k);
        int size();
        List<Long> keysInOrder();
    }

    record Named(String name, Supplier<Subject> factory) {
        @Override public String toString() { return name; }
    }

    static Stream<Named> subjects() {
        List<Named> out = new ArrayList<>();
        out.add(new Named("HashMap (reference)", () -> boxed(new HashMap<>())));
        for (maplab.subject.jdk.MapConstructor c : maplab.subject.jdk.MapConstructor.values()) {   // presize's subjects, the peers' maps included
            out.add(new Named("MapConstructor " + c.id(), () -> boxed(c.create(100))));
        }
        for (maplab.subject.collision.CollisionCase c : maplab.subject.collision.CollisionCase.values()) {   // collisions' peer maps
            if (!c.isPeer()) continue;
            out.add(new Named("CollisionCase " + c.id(), () -> {
                @SuppressWarnings("unchecked") Map<Long, Long> m = (Map<Long, Long>) (Map<?, ?>) c.newMap(42, false);
                return boxed(m);
            }));
        }
        for (HashMode h : HashMode.values()) {
            for (IndexBits b : IndexBits.values()) {
                for (double lf : new double[] {0.5, 0.75, 0.9}) {
                    ProbeConfig c = new ProbeConfig(h, b, lf, 42, lf == 0.75);
                    out.add(new Named("LongProbeMap " + c.label(), () -> primitive(new LongProbeMap(c, 0))));
                    out.add(new Named("ProbeMap " + c.label(), () -> boxed(new ProbeMap<>(c, 0))));
                    out.add(new Named("IncrementalProbeMap " + c.label(), () -> boxed(new IncrementalProbeMap<>(c, 0))));
                    // one slot per write: at load factor 0.9 a migration cannot finish before the next growth, which then completes it
                    out.add(new Named("IncrementalProbeMap " + c.label() + " 1 slot/write", () -> boxed(new IncrementalProbeMap<>(c, 0, 1))));
                }
            }
        }
        return out.stream();
    }

    static Subject primitive(LongProbeMap m) {
        return new Subject() {
            public Long put(long k, long v) { long old = m.put(k, v); return old == LongProbeMap.MISSING ? null : old; }
            public Long get(long k) { long v = m.get(k); return v == LongProbeMap.MISSING ? null : v; }
            public boolean containsKey(long k) { return m.containsKey(k); }
            public boolean remove(long k) { return m.remove(k); }
            public int size() { return m.size(); }
            public List<Long> keysInOrder() { List<Long> ks = new ArrayList<>(); m.forEachKey(ks::add); return ks; }
        };
    }

    static Subject boxed(Map<Long, Long> m) {
        return new Subject() {
            public Long put(long k, long v) { return m.put(k, v); }
            public Long get(long k) { return m.get(k); }
            public boolean containsKey(long k) { return m.containsKey(k); }
            public boolean remove(long k) { return m.remove(k) != null; }
            public int size() { return m.size(); }
            public List<Long> keysInOrder() { return new ArrayList<>(m.keySet()); }
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void putGetSizeRemove(Named n) {
        Subject m = n.factory().get();
        assertThat(m.size()).isZero();
        assertThat(m.get(7)).isNull();
        assertThat(m.put(7, 70)).isNull();
        assertThat(m.put(0, 1)).isNull();
        assertThat(m.put(-3, 30)).isNull();
        assertThat(m.put(Long.MAX_VALUE, 5)).isNull();
        assertThat(m.put(7, 71)).isEqualTo(70);
        assertThat(m.size()).isEqualTo(4);
        assertThat(m.get(7)).isEqualTo(71);
        assertThat(m.get(0)).isEqualTo(1);
        assertThat(m.get(-3)).isEqualTo(30);
        assertThat(m.get(Long.MAX_VALUE)).isEqualTo(5);
        assertThat(m.containsKey(8)).isFalse();
        assertThat(m.remove(8)).isFalse();
        assertThat(m.remove(0)).isTrue();
        assertThat(m.remove(0)).isFalse();
        assertThat(m.containsKey(0)).isFalse();
        assertThat(m.size()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void growsAndIteratesEveryKeyOnce(Named n) {
        Subject m = n.factory().get();
        for (long k = 0; k < 5000; k++) m.put(k * 1024, k);   // strided: low bits collide
        assertThat(m.size()).isEqualTo(5000);
        List<Long> keys = m.keysInOrder();
        assertThat(keys).hasSize(5000).doesNotHaveDuplicates();
        for (long k = 0; k < 5000; k++) assertThat(m.get(k * 1024)).isEqualTo(k);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void randomOperationsMatchHashMap(Named n) {
        for (long seed : new long[] {1, 2, 3}) {
            Subject m = n.factory().get();
            Map<Long, Long> ref = new HashMap<>();
            SplittableRandom r = new SplittableRandom(seed);
            for (int op = 0; op < 20_000; op++) {
                long k = r.nextBoolean() ? r.nextLong(-300, 300) : r.nextLong(0, 400) << 20;
                switch (r.nextInt(6)) {
                    case 0, 1 -> { long v = r.nextLong(1_000_000); assertThat(m.put(k, v)).as("put %d", k).isEqualTo(ref.put(k, v)); }
                    case 2 -> assertThat(m.get(k)).as("get %d", k).isEqualTo(ref.get(k));
                    case 3 -> assertThat(m.containsKey(k)).as("containsKey %d", k).isEqualTo(ref.containsKey(k));
                    default -> assertThat(m.remove(k)).as("remove %d", k).isEqualTo(ref.remove(k) != null);
                }
                assertThat(m.size()).isEqualTo(ref.size());
                if (op % 2000 == 0) assertThat(new HashSet<>(m.keysInOrder())).isEqualTo(ref.keySet());
            }
            List<Long> order = m.keysInOrder();
            assertThat(order).hasSize(ref.size()).doesNotHaveDuplicates();
            assertThat(new HashSet<>(order)).isEqualTo(ref.keySet());
            for (Map.Entry<Long, Long> e : ref.entrySet()) assertThat(m.get(e.getKey())).isEqualTo(e.getValue());
        }
    }

    static Stream<Named> genericMaps() {
        return subjects().filter(n -> !n.name().startsWith("LongProbeMap"));
    }

    /** The kind of map {@code name} tests, with {@code c}'s hash and index bits (the contract's own config is used elsewhere). */
    private static Map<Object, Object> newGenericMap(String name, ProbeConfig c) {
        if (name.startsWith("HashMap")) return new HashMap<>();
        if (name.startsWith("IncrementalProbeMap")) return new IncrementalProbeMap<>(c, 0, name.endsWith("1 slot/write") ? 1 : IncrementalProbeMap.DEFAULT_MIGRATION_SLOTS);
        return new ProbeMap<>(c, 0);
    }

    /** Iterator.remove (removeIf) while backward-shift moves keys, null keys and values, entry setValue. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("genericMaps")
    void iteratorRemoveNullsAndEntries(Named n) {
        for (HashMode h : HashMode.values()) {
            for (IndexBits b : IndexBits.values()) {
                Map<Object, Object> m = newGenericMap(n.name(), ProbeConfig.of(h).withIndex(b));
                Map<Object, Object> ref = new HashMap<>();
                SplittableRandom r = new SplittableRandom(h.ordinal() * 2 + b.ordinal());
                for (int round = 0; round < 30; round++) {
                    for (int i = 0; i < 200; i++) {
                        Object k = r.nextInt(50) == 0 ? null : (Object) (r.nextLong(0, 3000) * (r.nextBoolean() ? 1 : 1 << 16));
                        Object v = r.nextInt(20) == 0 ? null : r.nextInt();
                        assertThat(m.put(k, v)).isEqualTo(ref.put(k, v));
                    }
                    int mod = 2 + r.nextInt(4);
                    m.entrySet().removeIf(e -> e.getKey() != null && (Long) e.getKey() % mod == 0);
                    ref.entrySet().removeIf(e -> e.getKey() != null && (Long) e.getKey() % mod == 0);
                    assertThat(m).isEqualTo(ref);
                    assertThat(new ArrayList<>(m.keySet())).doesNotHaveDuplicates().hasSize(ref.size());
                    for (Map.Entry<Object, Object> e : m.entrySet()) e.setValue("x" + e.getKey());
                    for (Map.Entry<Object, Object> e : ref.entrySet()) e.setValue("x" + e.getKey());
                    assertThat(m).isEqualTo(ref);
                }
                Iterator<Object> it = m.keySet().iterator();
                assertThatThrownBy(it::remove).isInstanceOf(IllegalStateException.class);
            }
        }
    }
}
