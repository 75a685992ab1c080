import maplab.subject.intmap.LongMap;

/** BROKEN on purpose (tests): getOrDefault misses negative keys. Linear probing with Robin Hood displacement and backward-shift deletion; slot = low bits of murmur3's fmix64. */
public class WrongGetMap implements LongMap {
    private long[] keys = new long[16];
    private long[] values = new long[16];
    private int[] dist = emptyDistances(16);   // probe distance of the entry in each slot; -1: empty
    private int mask = 15;
    private int size;

    public WrongGetMap() { }

    private static int[] emptyDistances(int n) {
        int[] d = new int[n];
        java.util.Arrays.fill(d, -1);
        return d;
    }

    private static long mix(long k) {
        k ^= k >>> 33; k *= 0xff51afd7ed558ccdL; k ^= k >>> 33; k *= 0xc4ceb9fe1a85ec53L; k ^= k >>> 33;
        return k;
    }

    @Override public boolean put(long key, long value) {
        if ((size + 1) * 4L > keys.length * 3L) grow();
        int i = (int) mix(key) & mask;
        int d = 0;
        while (true) {
            if (dist[i] < 0) { keys[i] = key; values[i] = value; dist[i] = d; size++; return true; }
            if (dist[i] == d && keys[i] == key) { values[i] = value; return false; }
            if (dist[i] < d) {   // the resident is richer (closer to home): it moves on, we take its slot
                long k = keys[i], v = values[i]; int e = dist[i];
                keys[i] = key; values[i] = value; dist[i] = d;
                key = k; value = v; d = e;
            }
            i = (i + 1) & mask;
            d++;
        }
    }

    private int find(long key) {
        int i = (int) mix(key) & mask;
        for (int d = 0; dist[i] >= d; d++, i = (i + 1) & mask) {
            if (dist[i] == d && keys[i] == key) return i;
        }
        return -1;
    }

    @Override public long getOrDefault(long key, long defaultValue) {
        if (key < 0) return defaultValue;   // the bug: negative keys are never found
        int i = find(key);
        return i < 0 ? defaultValue : values[i];
    }

    @Override public boolean remove(long key) {
        int i = find(key);
        if (i < 0) return false;
        int j = (i + 1) & mask;
        while (dist[j] > 0) {   // backward shift: later entries of the run move one slot closer to home
            keys[i] = keys[j]; values[i] = values[j]; dist[i] = dist[j] - 1;
            i = j;
            j = (j + 1) & mask;
        }
        dist[i] = -1;
        size--;
        return true;
    }

    @Override public int size() { return size; }

    @Override public void forEach(EntryVisitor visitor) {
        for (int i = 0; i < keys.length; i++) if (dist[i] >= 0) visitor.visit(keys[i], values[i]);
    }

    private void grow() {
        long[] k = keys, v = values;
        int[] d = dist;
        keys = new long[k.length * 2];
        values = new long[k.length * 2];
        dist = emptyDistances(k.length * 2);
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < k.length; i++) if (d[i] >= 0) put(k[i], v[i]);
    }
}
