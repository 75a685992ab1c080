import java.util.Arrays;
import maplab.subject.intmap.LongMap;

/** A map kept as two sorted arrays: lookups by binary search, but every insert shifts the tail (O(n) per put, O(n^2) per fill). */
public class SortedArrayMap implements LongMap {
    private long[] keys = new long[16];
    private long[] values = new long[16];
    private int size;

    public boolean put(long key, long value) {
        int i = Arrays.binarySearch(keys, 0, size, key);
        if (i >= 0) { values[i] = value; return false; }
        int at = -i - 1;
        if (size == keys.length) { keys = Arrays.copyOf(keys, size * 2); values = Arrays.copyOf(values, size * 2); }
        System.arraycopy(keys, at, keys, at + 1, size - at);
        System.arraycopy(values, at, values, at + 1, size - at);
        keys[at] = key;
        values[at] = value;
        size++;
        return true;
    }

    public long getOrDefault(long key, long defaultValue) {
        int i = Arrays.binarySearch(keys, 0, size, key);
        return i >= 0 ? values[i] : defaultValue;
    }

    public boolean remove(long key) {
        int i = Arrays.binarySearch(keys, 0, size, key);
        if (i < 0) return false;
        System.arraycopy(keys, i + 1, keys, i, size - i - 1);
        System.arraycopy(values, i + 1, values, i, size - i - 1);
        size--;
        return true;
    }

    public int size() { return size; }

    public void forEach(EntryVisitor visitor) {
        for (int i = 0; i < size; i++) visitor.visit(keys[i], values[i]);
    }
}
