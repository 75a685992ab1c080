package maplab.subject.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import maplab.lab.Experiments;
import maplab.plan.Profile;
import maplab.subject.concurrent.SharedMap;
import maplab.subject.intmap.ProbeLongMap;
import maplab.subject.keys.KeySource;
import maplab.subject.probe.HashMode;
import maplab.subject.probe.LongHash;
import maplab.subject.probe.LongProbeMap;
import maplab.subject.probe.ProbeConfig;
import org.junit.jupiter.api.Test;

/** User hashes, key types and shared maps from source: compile, bad input, and the checks before any benchmark. */
class UserHashKeySharedTest {

    static final String GOOD_HASH = """
            public class XorShiftHash implements maplab.subject.probe.LongHash {
                public long hash(long key) {
                    long h = key * 0x9E3779B97F4A7C15L;
                    return h ^ (h >>> 32);
                }
            }
            """;

    // ------------------------------------------------------------------ (a) hashes

    @Test
    void aUserHashCompilesAndProbeMapHashesWithIt() {
        UserSubject s = UserSubject.compile(GOOD_HASH);
        assertThat(s.facade()).isEqualTo(LongHash.class);
        assertThat(s.newMap()).isInstanceOf(ProbeLongMap.class);
        assertThat(s.checkContract(3).toString()).startsWith("hash deterministic: 20000 keys").contains("ProbeMap with it: map contract kept");
        LongHash h = s.newHash();
        LongProbeMap m = new LongProbeMap(ProbeConfig.of(HashMode.IDENTITY).withUserHash(h), 16);
        // the slot comes from the user's hash, not the identity mode's
        long key = 12345;
        assertThat(m.homeSlot(key)).isEqualTo((int) h.hash(key) & (m.capacity() - 1)).isNotEqualTo((int) key & (m.capacity() - 1));
        assertThat(ProbeConfig.of(HashMode.MIXED).withUserHash(h).label()).startsWith("XorShiftHash/");
        assertThat(ProbeConfig.of(HashMode.MIXED).withUserHash(h).withHash(HashMode.SEEDED).userHash()).isNull();
    }

    @Test
    void aHashThatIsNotDeterministicIsCaughtBeforeBenchmarking() {
        UserSubject s = UserSubject.compile("""
                public class CountingHash implements maplab.subject.probe.LongHash {
                    private long calls;
                    public long hash(long key) { return key + (calls++ / 1000); }
                }
                """);
        assertThatThrownBy(() -> Experiments.run("key-order", Profile.QUICK, Map.of("user_subjects", s.id())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subject 'user:CountingHash': the hash is not deterministic, so nothing is benchmarked with it: hash(");
    }

    @Test
    void aHashThatThrowsAndAHashThatBreaksProbeMapAreCaught() {
        UserSubject throwing = UserSubject.compile("""
                public class NegativeHash implements maplab.subject.probe.LongHash {
                    public long hash(long key) { if (key < 0) throw new IllegalStateException("no negatives"); return key; }
                }
                """);
        assertThatThrownBy(() -> throwing.checkContract(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hash(-1) threw java.lang.IllegalStateException: no negatives");
        // a constant hash is deterministic and keeps the map contract (every key collides): it passes, and key-order counts the damage
        UserSubject constant = UserSubject.compile("""
                public class ConstantHash implements maplab.subject.probe.LongHash {
                    public long hash(long key) { return 42; }
                }
                """);
        assertThat(constant.checkContract(1).operations()).isPositive();
    }

    @Test
    void aBadHashSourceIsNamed() {
        assertThatThrownBy(() -> UserSubject.compile("""
                public class TypoHash implements maplab.subject.probe.LongHash {
                    public long hash(long key) { return kee; }
                }
                """)).isInstanceOfSatisfying(UserSubjectException.class, u ->
                assertThat(u.diagnostics()).anySatisfy(d -> assertThat(d).startsWith("TypoHash.java:2:").contains("cannot find symbol")));
        assertThatThrownBy(() -> UserSubject.compile("""
                public class SeededOnlyHash implements maplab.subject.probe.LongHash {
                    private final long seed;
                    public SeededOnlyHash(long seed) { this.seed = seed; }
                    public long hash(long key) { return key ^ seed; }
                }
                """)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subject SeededOnlyHash: has no public no-argument constructor");
    }

    @Test
    void anExperimentRejectsASubjectOfAFacadeItDoesNotTake() {
        UserSubject keys = UserSubject.compile(GOOD_KEYS);
        assertThatThrownBy(() -> Experiments.run("key-order", Profile.QUICK, Map.of("user_subjects", keys.id())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameter 'user_subjects': user subject 'user:PointKeys' implements maplab.subject.keys.KeySource; allowed: user subjects implementing "
                        + "maplab.subject.intmap.LongMap or maplab.subject.probe.LongHash");
    }

    // ------------------------------------------------------------------ (b) key types

    static final String GOOD_KEYS = """
            public class PointKeys implements maplab.subject.keys.KeySource {
                public record Point(int x, int y) { }
                public Object key(int i) { return new Point(i / 100, i % 100); }
            }
            """;

    @Test
    void aKeySourceKeepingTheContractPasses() {
        UserSubject s = UserSubject.compile(GOOD_KEYS);
        assertThat(s.facade()).isEqualTo(KeySource.class);
        assertThat(s.checkContract(1).toString()).startsWith("equals/hashCode contract kept: keys 0 to 19999");
    }

    @Test
    void keysBreakingEqualsOrHashCodeAreCaught() {
        UserSubject identity = UserSubject.compile("""
                public class IdentityKeys implements maplab.subject.keys.KeySource {
                    public static final class Key { final int i; Key(int i) { this.i = i; } }
                    public Object key(int i) { return new Key(i); }
                }
                """);
        assertThatThrownBy(() -> identity.checkContract(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("breaks the equals/hashCode contract").hasMessageContaining("two calls of key(0) gave unequal keys");
        UserSubject badHash = UserSubject.compile("""
                public class RandomHashKeys implements maplab.subject.keys.KeySource {
                    public static final class Key {
                        final int i; Key(int i) { this.i = i; }
                        @Override public boolean equals(Object o) { return o instanceof Key k && k.i == i; }
                        @Override public int hashCode() { return System.identityHashCode(this); }
                    }
                    public Object key(int i) { return new Key(i); }
                }
                """);
        assertThatThrownBy(() -> badHash.checkContract(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("equal keys have different hash codes");
        UserSubject repeating = UserSubject.compile("""
                public class RepeatingKeys implements maplab.subject.keys.KeySource {
                    public Object key(int i) { return "k" + (i % 100); }
                }
                """);
        assertThatThrownBy(() -> repeating.checkContract(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key(0) and key(100) are equal (k0)");
    }

    // ------------------------------------------------------------------ (c) shared maps

    static final String CHM = """
            import java.util.Map;
            import java.util.concurrent.ConcurrentHashMap;
            import java.util.function.BiConsumer;
            public class %s implements maplab.subject.concurrent.SharedMap<Object, Object> {
                %s
                public Object get(Object k) { return map().get(k); }
                public Object put(Object k, Object v) { return map().put(k, v); }
                public Object remove(Object k) { return map().remove(k); }
                public boolean containsKey(Object k) { return map().containsKey(k); }
                public int size() { return map().size(); }
                public void putAll(Map<?, ?> m) { m.forEach(this::put); }
                public void forEach(BiConsumer<? super Object, ? super Object> a) { map().forEach(a); }
            }
            """;

    @Test
    void aSharedMapKeepingBothChecksPasses() {
        UserSubject s = UserSubject.compile(CHM.formatted("MyConcurrentMap",
                "private final Map<Object, Object> m = new ConcurrentHashMap<>(); Map<Object, Object> map() { return m; }"));
        assertThat(s.facade()).isEqualTo(SharedMap.class);
        assertThat(s.checkContract(1).toString()).startsWith("map contract kept").contains("concurrent check kept: 4 threads put 5000 disjoint keys");
    }

    @Test
    void aSharedMapCorrectOnlyFromOneThreadIsCaughtByTheConcurrentCheck() {
        // one HashMap per thread: from one thread it is a perfect map; another thread sees nothing of it
        UserSubject s = UserSubject.compile(CHM.formatted("PerThreadMap",
                "private final ThreadLocal<Map<Object, Object>> m = ThreadLocal.withInitial(java.util.HashMap::new); Map<Object, Object> map() { return m.get(); }"));
        assertThatThrownBy(() -> s.checkContract(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subject 'user:PerThreadMap': fails the concurrent check, so nothing is benchmarked with it")
                .hasMessageContaining("then size() is 0, expected 20000");
    }

    @Test
    void aSharedMapWrongFromOneThreadIsCaughtByTheMapContract() {
        UserSubject s = UserSubject.compile(CHM.formatted("ForgetfulSharedMap",
                "private final Map<Object, Object> m = new ConcurrentHashMap<>() { public Object remove(Object k) { return super.get(k); } };"
                        + " Map<Object, Object> map() { return m; }"));
        assertThatThrownBy(() -> s.checkContract(1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("breaks the map contract");
    }

    // ------------------------------------------------------------------ (d) JShell scripts

    @Test
    void aJShellScriptsClassIsCompiledWithItsLineNumbers() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("jsh");
        java.nio.file.Path good = dir.resolve("hash.jsh");
        java.nio.file.Files.writeString(good, """
                // a hash in a JShell script: JShell's default imports, a command line, no 'public'
                class JshHash implements maplab.subject.probe.LongHash {
                    public long hash(long key) { return Long.rotateLeft(key * 0x9E3779B97F4A7C15L, 17); }
                }
                /exit
                """);
        UserSubject s = UserSubject.fromFile(good);
        assertThat(s.id()).isEqualTo("user:JshHash");
        assertThat(s.facade()).isEqualTo(LongHash.class);
        java.nio.file.Path statement = dir.resolve("statement.jsh");
        java.nio.file.Files.writeString(statement, """
                class StatementHash implements maplab.subject.probe.LongHash {
                    public long hash(long key) { return key; }
                }
                System.out.println("hello");
                """);
        assertThatThrownBy(() -> UserSubject.fromFile(statement)).isInstanceOfSatisfying(UserSubjectException.class, u ->
                assertThat(u.diagnostics()).anySatisfy(d -> assertThat(d).startsWith("StatementHash.java:4:")));
        java.nio.file.Path none = dir.resolve("none.jsh");
        java.nio.file.Files.writeString(none, "int x = 3;\n");
        assertThatThrownBy(() -> UserSubject.fromFile(none)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subject none.jsh: no class implementing maplab.subject.intmap.LongMap");
    }
}
