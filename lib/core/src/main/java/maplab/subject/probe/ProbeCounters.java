package maplab.subject.probe;

import java.util.Arrays;

/**
 * Probe statistics of one map. A probe length is the number of slots visited beyond the
 * key's home slot: 0 when the key sits in (or, for a miss, the search stops at) its home
 * slot. Every {@code put} is an insert (new key or replaced value); every {@code get},
 * {@code getOrDefault} and {@code containsKey} is a lookup. Re-inserting during growth and
 * removals are not counted; growths are counted as {@link #resizes()}.
 * Only maps built with {@link ProbeConfig#counting()} record anything.
 */
public final class ProbeCounters {

    private long inserts;
    private long insertProbes;
    private int maxInsertProbe;
    private long[] insertHistogram = new long[16];
    private long lookups;
    private long lookupProbes;
    private int maxLookupProbe;
    private long[] lookupHistogram = new long[16];
    private int resizes;

    void recordInsert(int probe) {
        inserts++;
        insertProbes += probe;
        if (probe > maxInsertProbe) maxInsertProbe = probe;
        insertHistogram = add(insertHistogram, probe);
    }

    void recordLookup(int probe) {
        lookups++;
        lookupProbes += probe;
        if (probe > maxLookupProbe) maxLookupProbe = probe;
        lookupHistogram = add(lookupHistogram, probe);
    }

    void recordResize() {
        resizes++;
    }

    private static long[] add(long[] histogram, int probe) {
        if (probe >= histogram.length) histogram = Arrays.copyOf(histogram, Math.max(probe + 1, histogram.length * 2));
        histogram[probe]++;
        return histogram;
    }

    public long inserts() { return inserts; }
    public long lookups() { return lookups; }
    public long insertProbes() { return insertProbes; }
    public long lookupProbes() { return lookupProbes; }
    public int maxInsertProbe() { return maxInsertProbe; }
    public int maxLookupProbe() { return maxLookupProbe; }
    /** The longest probe of any insert or lookup. */
    public int maxProbe() { return Math.max(maxInsertProbe, maxLookupProbe); }
    /** Table doublings since the map was built or the counters reset. */
    public int resizes() { return resizes; }

    /** Mean probe length per insert (NaN before the first insert). */
    public double meanInsertProbe() { return inserts == 0 ? Double.NaN : (double) insertProbes / inserts; }

    /** Mean probe length per lookup (NaN before the first lookup). */
    public double meanLookupProbe() { return lookups == 0 ? Double.NaN : (double) lookupProbes / lookups; }

    /** Inserts per probe length: element p counts inserts that visited p slots beyond home. Length = max probe + 1. */
    public long[] insertHistogram() { return Arrays.copyOf(insertHistogram, inserts == 0 ? 0 : maxInsertProbe + 1); }

    /** Lookups per probe length, as {@link #insertHistogram()}. */
    public long[] lookupHistogram() { return Arrays.copyOf(lookupHistogram, lookups == 0 ? 0 : maxLookupProbe + 1); }

    /** Inserts and lookups together per probe length. */
    public long[] histogram() {
        long[] a = insertHistogram();
        long[] b = lookupHistogram();
        long[] sum = Arrays.copyOf(a, Math.max(a.length, b.length));
        for (int i = 0; i < b.length; i++) sum[i] += b[i];
        return sum;
    }

    /** Forgets everything recorded so far. */
    public void reset() {
        inserts = insertProbes = lookups = lookupProbes = 0;
        maxInsertProbe = maxLookupProbe = resizes = 0;
        insertHistogram = new long[16];
        lookupHistogram = new long[16];
    }

    @Override
    public String toString() {
        return String.format("inserts=%d (mean probe %.3f, max %d), lookups=%d (mean probe %.3f, max %d), resizes=%d",
                inserts, meanInsertProbe(), maxInsertProbe, lookups, meanLookupProbe(), maxLookupProbe, resizes);
    }
}
