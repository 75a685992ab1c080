package maplab.subject.jdk;

import maplab.measure.ChildJvm;
import maplab.measure.ForkSetup;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import maplab.workload.CallCounts;
import maplab.workload.KeyKind;
import org.junit.jupiter.api.Test;

class HashMapInternalsTest {

    @Test
    void distinctSmallIntegersFillOneBinEach() {
        HashMap<Integer, Integer> m = new HashMap<>();
        assertThat(HashMapInternals.bins(m)).isEqualTo(new HashMapInternals.Bins(0, new long[0], 0));
        for (int i = 0; i < 100; i++) m.put(i, i);
        HashMapInternals.Bins b = HashMapInternals.bins(m);
        assertThat(b.tableLength()).isEqualTo(256);
        assertThat(b.histogram()).containsExactly(156, 100);
        assertThat(b.treeBins()).isZero();
        assertThat(b.meanEntriesPerLookup()).isEqualTo(1.0);
    }

    @Test
    void keysWithOneHashShareOneTreeBin() {
        for (KeyKind kind : List.of(KeyKind.CONSTANT_HASH, KeyKind.CONSTANT_HASH_COMPARABLE, KeyKind.COLLIDING_STRING)) {
            HashMap<Object, Integer> m = new LinkedHashMap<>();
            for (Object k : kind.keys(100, 1, new CallCounts())) m.put(k, 1);
            HashMapInternals.Bins b = HashMapInternals.bins(m);
            assertThat(b.maxLength()).as(kind.id()).isEqualTo(100);
            assertThat(b.histogram()[100]).as(kind.id()).isEqualTo(1);
            assertThat(b.histogram()[0]).as(kind.id()).isEqualTo(b.tableLength() - 1);
            assertThat(b.treeBins()).as(kind.id()).isEqualTo(1);
        }
    }

    /** Run in a child JVM started without --add-opens. */
    public static final class WithoutOpens {
        public static void main(String[] args) {
            HashMap<Integer, Integer> m = new HashMap<>();
            m.put(1, 1);
            HashMapInternals.bins(m);
        }
    }

    @Test
    void withoutAddOpensTheErrorSaysWhichFlagToAdd() {
        ChildJvm.Output out = ChildJvm.of(ForkSetup.self()).runAllowingFailure(WithoutOpens.class, List.of("-Xshare:auto"), List.of(), Duration.ofSeconds(60));
        assertThat(out.exitCode()).isEqualTo(1);
        assertThat(out.stderr()).contains("cannot read java.util.HashMap internals: start the JVM with --add-opens java.base/java.util=ALL-UNNAMED");
    }
}
