package maplab.subject.probe;

import maplab.subject.EnumIds;
import java.util.List;

/**
 * How a {@link LongProbeMap} or {@link ProbeMap} turns a key into a 64-bit hash before the
 * slot is taken from its low or top bits ({@link IndexBits}).
 */
public enum HashMode {
    /** The key itself ({@code long} keys) or {@code key.hashCode()} sign-extended: no mixing at all. */
    IDENTITY,
    /** A strong finalizer: murmur3's {@code fmix64} of the key (of {@code hashCode()} for objects). */
    MIXED,
    /**
     * A per-map seed mixed into the key <em>before</em> the finalizer: {@code fmix64(key ^ seed)}.
     * Strings (and other {@link CharSequence}s) hash their content with the seed, so Strings with
     * equal {@code String.hashCode} still get different hashes; other objects mix
     * {@code hashCode()} with the seed.
     */
    SEEDED;

    /** The parameter spelling: "identity", "mixed", "seeded". */
    public String id() {
        return EnumIds.id(this);
    }

    public static List<String> ids() {
        return EnumIds.ids(HashMode.class);
    }

    public static HashMode parse(String s) {
        return EnumIds.parse(HashMode.class, "hash", s);
    }

    /** The 64-bit hash of a primitive key under this mode. */
    public long hashLong(long key, long seed) {
        return switch (this) {
            case IDENTITY -> key;
            case MIXED -> fmix64(key);
            case SEEDED -> fmix64(key ^ seed);
        };
    }

    /** The 64-bit hash of a non-null object key under this mode. */
    public long hashObject(Object key, long seed) {
        return switch (this) {
            case IDENTITY -> key.hashCode();
            case MIXED -> fmix64(key.hashCode());
            case SEEDED -> key instanceof String s ? seededString(s, seed)
                    : key instanceof CharSequence cs ? seededChars(cs, seed)
                    : fmix64(key.hashCode() ^ seed);
        };
    }

    /** murmur3's 64-bit finalizer: every input bit affects every output bit; a bijection. */
    public static long fmix64(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /**
     * A seeded hash of a String's characters (multiply-xor over the chars from a seeded
     * state, then {@link #fmix64}). Unlike {@code String.hashCode} it depends on the seed, so
     * an attacker who knows the JDK's hash cannot precompute collisions.
     */
    public static long seededString(String s, long seed) {
        long h = seed ^ (0x9E3779B97F4A7C15L * (s.length() + 1));
        for (int i = 0, n = s.length(); i < n; i++) h = step(h, s.charAt(i));
        return fmix64(h);
    }

    /** {@link #seededString} for any CharSequence: equal content, equal hash. */
    public static long seededChars(CharSequence s, long seed) {
        long h = seed ^ (0x9E3779B97F4A7C15L * (s.length() + 1));
        for (int i = 0, n = s.length(); i < n; i++) h = step(h, s.charAt(i));
        return fmix64(h);
    }

    private static long step(long h, char c) {
        h = (h ^ c) * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }
}
