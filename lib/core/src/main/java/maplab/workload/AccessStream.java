package maplab.workload;

import java.util.SplittableRandom;

/**
 * A precomputed stream of map operations: for each slot, which key (an index into the key
 * set) and whether it is a read or a write. Built once before measuring, so the hot loop only
 * reads {@code keyIndex[i & mask]} and {@code read[i & mask]}; its length is a power of two.
 *
 * @param keyIndex key index per slot, drawn with a {@link Popularity}
 * @param read     true for a read, false for a write; exactly {@code round(length * readPct / 100)} reads, in seeded random slots
 */
public record AccessStream(int[] keyIndex, boolean[] read) {

    public AccessStream {
        if (keyIndex.length != read.length || Integer.bitCount(keyIndex.length) != 1) {
            throw new IllegalArgumentException("an access stream needs equal power-of-two lengths, got " + keyIndex.length + " and " + read.length);
        }
    }

    /**
     * @param nKeys   keys in the set (indexes {@code 0..nKeys-1})
     * @param length  slots, a power of two
     * @param readPct share of reads, 0 to 100
     */
    public static AccessStream of(int nKeys, int length, int readPct, Popularity popularity, long seed) {
        if (readPct < 0 || readPct > 100) throw new IllegalArgumentException("readPct: bad value " + readPct + "; allowed: a whole number from 0 to 100");
        if (length < 1 || Integer.bitCount(length) != 1) throw new IllegalArgumentException("length: bad value " + length + "; allowed: a power of two");
        SplittableRandom random = new SplittableRandom(seed);
        int[] keys = popularity.indexes(nKeys, length, random.nextLong());
        boolean[] read = new boolean[length];
        int reads = (int) Math.round(length * (readPct / 100.0));
        for (int i = 0; i < reads; i++) read[i] = true;
        for (int i = length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            boolean t = read[i];
            read[i] = read[j];
            read[j] = t;
        }
        return new AccessStream(keys, read);
    }

    /** The mask to wrap a running index: {@code length - 1}. */
    public int mask() {
        return keyIndex.length - 1;
    }

    /** The number of reads in the stream. */
    public int reads() {
        int n = 0;
        for (boolean r : read) if (r) n++;
        return n;
    }
}
