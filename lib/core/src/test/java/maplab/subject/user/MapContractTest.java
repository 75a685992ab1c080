package maplab.subject.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import maplab.subject.intmap.LongMap;
import maplab.subject.probe.HashMode;
import maplab.subject.probe.IndexBits;
import maplab.subject.probe.LongProbeMap;
import maplab.subject.probe.ProbeConfig;
import org.junit.jupiter.api.Test;

/** The contract user maps must keep is the one maplab's own maps keep; and it catches the usual bugs. */
class MapContractTest {

    /** maplab's LongProbeMap behind the user facade. */
    static final class ProbeMapFacade implements LongMap {
        private final LongProbeMap map;
        ProbeMapFacade(ProbeConfig config) { map = new LongProbeMap(config, 0); }
        @Override public boolean put(long key, long value) { boolean had = map.containsKey(key); map.put(key, value); return !had; }
        @Override public long getOrDefault(long key, long defaultValue) { return map.getOrDefault(key, defaultValue); }
        @Override public boolean remove(long key) { return map.remove(key); }
        @Override public int size() { return map.size(); }
        @Override public void forEach(EntryVisitor visitor) { map.forEach(visitor::visit); }
    }

    /** HashMap behind the facade, with a bug switched on by the test. */
    static class HashMapFacade implements LongMap {
        final Map<Long, Long> map = new HashMap<>();
        @Override public boolean put(long key, long value) { return map.put(key, value) == null; }
        @Override public long getOrDefault(long key, long defaultValue) { return map.getOrDefault(key, defaultValue); }
        @Override public boolean remove(long key) { return map.remove(key) != null; }
        @Override public int size() { return map.size(); }
        @Override public void forEach(EntryVisitor visitor) { map.forEach(visitor::visit); }
    }

    @Test
    void maplabsOwnProbeMapsKeepIt() {
        for (HashMode h : HashMode.values()) {
            for (IndexBits bits : IndexBits.values()) {
                ProbeConfig c = new ProbeConfig(h, bits, 0.75, 7, false);
                assertThat(MapContract.check(() -> new ProbeMapFacade(c), 1)).as(h + " " + bits).isEmpty();
            }
        }
        assertThat(MapContract.check(HashMapFacade::new, 1)).isEmpty();
    }

    @Test
    void aSizeThatIgnoresRemovesAndAnIterationThatSkipsZeroAreCaught() {
        var size = MapContract.check(() -> new HashMapFacade() {
            int puts;
            @Override public boolean put(long key, long value) { boolean n = super.put(key, value); if (n) puts++; return n; }
            @Override public int size() { return puts; }
        }, 1);
        assertThat(size).isPresent();
        assertThat(size.get().what()).contains("remove(").contains("size() is");
        var zero = MapContract.check(() -> new HashMapFacade() {
            @Override public void forEach(EntryVisitor visitor) { map.forEach((k, v) -> { if (k != 0) visitor.visit(k, v); }); }
        }, 1);
        assertThat(zero).isPresent();
        assertThat(zero.get().what()).contains("forEach visited").contains("missed key 0");
        assertThat(zero.get().describe()).contains("put(0, ");
    }
}
