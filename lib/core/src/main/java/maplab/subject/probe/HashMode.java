package maplab.subject.probe;

import maplab.workload.SeededHashable;
import maplab.plan.EnumIds;
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
     * A per-map seed mixed into the key's <em>content</em> before the finalizer, so which keys
     * collide changes with the seed. {@code long} keys and boxed {@link Long}/{@link Integer}
     * keys hash as {@code fmix64(value ^ seed)} ({@link #seededLong}); Strings and other
     * {@link CharSequence}s hash their characters from a seeded state ({@link #seededString});
     * a {@link SeededHashable} key supplies its own content hash. Any other key is rejected with
     * an {@link IllegalArgumentException} naming its class (by {@code put}; as such a key can
     * never be in the map, lookups and removals of it answer "absent"): falling back to
     * {@code hashCode()} would let keys with equal hash codes collide under every seed.
     *
     * <p>What it defends against: precomputed collisions of a <em>known</em> hash such as
     * {@code String.hashCode}. It is a seeded multiply-xor finalizer, not a keyed cryptographic
     * hash, so it does not stop a determined attacker who can observe timings and learn about
     * the seed; keyed hashes such as SipHash are the real defence.
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
            case SEEDED -> seededLong(key, seed);
        };
    }

    /**
     * The 64-bit hash of a non-null object key under this mode.
     *
     * @throws IllegalArgumentException under {@link #SEEDED} for a key that is not a String,
     *         CharSequence, Long, Integer or {@link SeededHashable}
     */
    public long hashObject(Object key, long seed) {
        return hashObject(key, seed, false);
    }

    /**
     * {@link #hashObject} for a lookup: under {@link #SEEDED} a key without a content hash gets
     * {@code fmix64(hashCode())} instead of an exception. No such key can have been put, and none
     * equals a key that was (equal keys hash alike), so a probe with it just misses: a map's
     * lookups answer "absent" for it, as {@link java.util.Map} requires, at no cost to other keys.
     */
    long lookupHashObject(Object key, long seed) {
        return hashObject(key, seed, true);
    }

    private long hashObject(Object key, long seed, boolean lookup) {
        return switch (this) {
            case IDENTITY -> key.hashCode();
            case MIXED -> fmix64(key.hashCode());
            case SEEDED -> seededObject(key, seed, lookup);
        };
    }

    /** {@link #SEEDED}'s hash of a non-null object key: its content under {@code seed}. */
    public static long seededObject(Object key, long seed) {
        return seededObject(key, seed, false);
    }

    private static long seededObject(Object key, long seed, boolean lookup) {
        if (key instanceof String s) return seededString(s, seed);
        if (key instanceof SeededHashable h) return h.seededHash(seed);
        if (key instanceof CharSequence cs) return seededChars(cs, seed);
        if (key instanceof Long l) return seededLong(l, seed);
        if (key instanceof Integer i) return seededLong(i, seed);
        if (lookup) return fmix64(key.hashCode());
        throw new IllegalArgumentException("hash seeded: key class " + key.getClass().getName()
                + " has no seeded content hash; implement " + SeededHashable.class.getName()
                + " (hash the fields that equals compares with the seed), use String, CharSequence,"
                + " Long or Integer keys, or use the hash 'mixed'");
    }

    /**
     * {@link #SEEDED}'s hash of one 64-bit value: {@code fmix64(value ^ seed)}. A bijection for
     * each seed, so distinct values never share a hash; chain it for several fields
     * ({@code seededLong(b, seededLong(a, seed))}).
     */
    public static long seededLong(long value, long seed) {
        return SeededHashable.seededLong(value, seed);
    }

    /** murmur3's 64-bit finalizer: every input bit affects every output bit; a bijection. */
    public static long fmix64(long h) {
        return SeededHashable.fmix64(h);
    }

    /**
     * A seeded hash of a String's characters (multiply-xor over the chars from a seeded
     * state, then {@link #fmix64}). Unlike {@code String.hashCode} it depends on the seed, so
     * collisions precomputed for the JDK's hash do not carry over; it is not a keyed
     * cryptographic hash (see {@link #SEEDED}).
     */
    public static long seededString(String s, long seed) {
        return SeededHashable.seededChars(s, seed);
    }

    /** {@link #seededString} for any CharSequence: equal content, equal hash. */
    public static long seededChars(CharSequence s, long seed) {
        return SeededHashable.seededChars(s, seed);
    }
}
