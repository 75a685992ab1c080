package maplab.subject.intmap;

import maplab.subject.probe.LongHash;
import maplab.subject.probe.LongProbeMap;
import maplab.subject.probe.ProbeConfig;
import maplab.subject.probe.HashMode;

/**
 * maplab's {@link LongProbeMap} behind the {@link LongMap} facade: how a user hash
 * ({@link LongHash}) becomes a subject of key-order and merge. Default-sized (16 keys), low
 * index bits, load factor 0.75, grows as keys go in.
 */
public final class ProbeLongMap implements LongMap {

    private final LongProbeMap map;

    /** An empty map hashing with {@code hash}. */
    public ProbeLongMap(LongHash hash) {
        this(ProbeConfig.of(HashMode.MIXED).withUserHash(hash));
    }

    /** An empty map with {@code config}. */
    public ProbeLongMap(ProbeConfig config) {
        this.map = new LongProbeMap(config, IntMapType.DEFAULT_EXPECTED);
    }

    /** The map underneath (for its probe counters). */
    public LongProbeMap probeMap() { return map; }

    @Override public boolean put(long key, long value) {
        int before = map.size();
        map.put(key, value);
        return map.size() > before;
    }

    @Override public long getOrDefault(long key, long defaultValue) { return map.getOrDefault(key, defaultValue); }
    @Override public boolean remove(long key) { return map.remove(key); }
    @Override public int size() { return map.size(); }
    @Override public void forEach(EntryVisitor visitor) { map.forEach(visitor::visit); }
}
