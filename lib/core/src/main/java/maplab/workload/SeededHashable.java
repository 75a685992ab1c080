package maplab.workload;

/**
 * A key that can feed its <em>content</em> into the seeded hash of ProbeMap's {@code HashMode.SEEDED}, so that
 * keys with equal {@code hashCode()} but different content still get different hashes, and
 * which keys collide changes with the seed.
 *
 * <p>Contract: keys that are {@code equals} return the same value for the same seed; the
 * result should depend on every field that {@code equals} compares and on the whole seed.
 * The simplest correct implementation feeds the fields through {@link #seededLong}
 * (or {@link #seededChars} for text), each field's result seeding the next, e.g.
 * {@code return SeededHashable.seededLong(y, SeededHashable.seededLong(x, seed));}.
 *
 * <p>Like the seeded hash mode itself, this defends against precomputed collisions of a
 * known hash, not against an attacker who can observe timings; keyed hashes such as SipHash
 * are the real defence.
 */
public interface SeededHashable {

    /** A 64-bit hash of this key's content under {@code seed}. */
    long seededHash(long seed);

    /**
     * The seeded hash of one 64-bit value: {@code fmix64(value ^ seed)}. A bijection for each
     * seed, so distinct values never share a hash; chain it for several fields
     * ({@code seededLong(b, seededLong(a, seed))}).
     */
    static long seededLong(long value, long seed) {
        return fmix64(value ^ seed);
    }

    /** murmur3's 64-bit finalizer: every input bit affects every output bit; a bijection. */
    static long fmix64(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /**
     * A seeded hash of characters (multiply-xor over the chars from a seeded state, then
     * {@link #fmix64}): equal content, equal hash; unlike {@code String.hashCode} it depends on
     * the seed. Not a keyed cryptographic hash.
     */
    static long seededChars(CharSequence s, long seed) {
        long h = seed ^ (0x9E3779B97F4A7C15L * (s.length() + 1));
        for (int i = 0, n = s.length(); i < n; i++) {
            h = (h ^ s.charAt(i)) * 0x9E3779B97F4A7C15L;
            h ^= h >>> 29;
        }
        return fmix64(h);
    }
}
