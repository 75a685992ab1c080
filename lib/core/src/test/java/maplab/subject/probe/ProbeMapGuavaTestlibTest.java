package maplab.subject.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.testing.MapTestSuiteBuilder;
import com.google.common.collect.testing.TestStringMapGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import com.google.common.collect.testing.features.MapFeature;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import junit.framework.TestCase;
import junit.framework.TestSuite;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Guava testlib's map suites (thousands of cases: every view, iterator removal, null keys and
 * values, wrong-type and null queries, fail-fast iteration) against {@link ProbeMap} and
 * {@link IncrementalProbeMap} in every {@link HashMode}. Testlib builds JUnit 3 suites; they
 * run here as JUnit 5 dynamic tests, one per testlib case, so no vintage engine is needed.
 */
class ProbeMapGuavaTestlibTest {

    /**
     * Load factor 0.5 and one migrated slot per write: the third entry grows a 4-slot table that
     * still has a free slot, so every several-entry map the suites build is mid-migration and
     * each later write of theirs moves one slot.
     */
    static IncrementalProbeMap<String, String> migratingMap(HashMode mode) {
        return new IncrementalProbeMap<>(ProbeConfig.of(mode).withLoadFactor(0.5), 0, 1);
    }

    @TestFactory
    Stream<DynamicNode> probeMap() {
        return Arrays.stream(HashMode.values()).map(mode -> suite("ProbeMap " + mode.id(), () -> new ProbeMap<>(ProbeConfig.of(mode), 0)));
    }

    @TestFactory
    Stream<DynamicNode> incrementalProbeMap() {
        return Arrays.stream(HashMode.values()).map(mode -> suite("IncrementalProbeMap " + mode.id(), () -> migratingMap(mode)));
    }

    @Test
    void severalEntryIncrementalMapsAreMidMigration() {
        for (HashMode mode : HashMode.values()) {
            IncrementalProbeMap<String, String> m = migratingMap(mode);
            for (String k : new String[] {"one", "two", "three"}) m.put(k, k);
            assertThat(m.migrating()).as(mode.id()).isTrue();
        }
    }

    private static DynamicNode suite(String name, Supplier<Map<String, String>> newMap) {
        TestSuite suite = MapTestSuiteBuilder.using(new TestStringMapGenerator() {
                    @Override
                    protected Map<String, String> create(Map.Entry<String, String>[] entries) {
                        Map<String, String> m = newMap.get();
                        for (Map.Entry<String, String> e : entries) m.put(e.getKey(), e.getValue());
                        return m;
                    }
                })
                .named(name)
                .withFeatures(MapFeature.GENERAL_PURPOSE, MapFeature.ALLOWS_NULL_KEYS, MapFeature.ALLOWS_NULL_VALUES,
                        MapFeature.ALLOWS_ANY_NULL_QUERIES, MapFeature.FAILS_FAST_ON_CONCURRENT_MODIFICATION,
                        CollectionFeature.SUPPORTS_ITERATOR_REMOVE, CollectionSize.ANY)
                .createTestSuite();
        return node(suite);
    }

    /** A testlib suite as a container of its children, a testlib case as a dynamic test running it bare (setUp, test, tearDown). */
    private static DynamicNode node(junit.framework.Test test) {
        if (test instanceof TestSuite s) {
            return DynamicContainer.dynamicContainer(s.getName(), Collections.list(s.tests()).stream().map(ProbeMapGuavaTestlibTest::node));
        }
        TestCase c = (TestCase) test;
        return DynamicTest.dynamicTest(c.getName(), c::runBare);
    }
}
