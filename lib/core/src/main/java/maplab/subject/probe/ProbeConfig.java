package maplab.subject.probe;

/**
 * How a {@link LongProbeMap} or {@link ProbeMap} hashes, indexes, grows and counts.
 *
 * @param hash       how keys become 64-bit hashes
 * @param index      low or top bits of the hash pick the home slot
 * @param loadFactor the table doubles when size exceeds capacity x loadFactor; greater than 0, less than 1
 * @param seed       mixed into every key by {@link HashMode#SEEDED}; ignored by the other modes
 * @param counting   record probe lengths in {@link ProbeCounters}; when false nothing is recorded or paid for
 * @param userHash   a hash of your own ({@link LongHash}) used instead of {@code hash}; null for none
 */
public record ProbeConfig(HashMode hash, IndexBits index, double loadFactor, long seed, boolean counting, LongHash userHash) {

    public static final double DEFAULT_LOAD_FACTOR = 0.75;
    /** The seed of {@link #of}: fixed, so a default map iterates the same in every JVM. */
    public static final long DEFAULT_SEED = 0x5DEECE66DL;

    /** A config without a user hash. */
    public ProbeConfig(HashMode hash, IndexBits index, double loadFactor, long seed, boolean counting) {
        this(hash, index, loadFactor, seed, counting, null);
    }

    public ProbeConfig {
        if (hash == null) throw new IllegalArgumentException("hash: must not be null; allowed: " + String.join(", ", HashMode.ids()));
        if (index == null) throw new IllegalArgumentException("index: must not be null; allowed: " + String.join(", ", IndexBits.ids()));
        if (!(loadFactor > 0 && loadFactor < 1)) {
            throw new IllegalArgumentException("loadFactor: bad value '" + loadFactor + "'; allowed: a number greater than 0 and less than 1");
        }
    }

    /** {@code hash}, low index bits, load factor 0.75, {@link #DEFAULT_SEED}, counters off. */
    public static ProbeConfig of(HashMode hash) {
        return new ProbeConfig(hash, IndexBits.LOW, DEFAULT_LOAD_FACTOR, DEFAULT_SEED, false);
    }

    /** {@link HashMode#SEEDED} with this seed, otherwise as {@link #of}. */
    public static ProbeConfig seeded(long seed) {
        return of(HashMode.SEEDED).withSeed(seed);
    }

    /** This config with hash mode {@code h} (and no user hash). */
    public ProbeConfig withHash(HashMode h) { return new ProbeConfig(h, index, loadFactor, seed, counting, null); }
    public ProbeConfig withIndex(IndexBits i) { return new ProbeConfig(hash, i, loadFactor, seed, counting, userHash); }
    public ProbeConfig withLoadFactor(double lf) { return new ProbeConfig(hash, index, lf, seed, counting, userHash); }
    public ProbeConfig withSeed(long s) { return new ProbeConfig(hash, index, loadFactor, s, counting, userHash); }
    public ProbeConfig withCounting(boolean c) { return new ProbeConfig(hash, index, loadFactor, seed, c, userHash); }

    /** This config hashing with {@code h} (a hash of your own) instead of its hash mode; null goes back to the mode. */
    public ProbeConfig withUserHash(LongHash h) { return new ProbeConfig(hash, index, loadFactor, seed, counting, h); }

    /** The 64-bit hash of a primitive key: the user hash when there is one, otherwise the hash mode's. */
    public long hashLong(long key) {
        return userHash != null ? userHash.hash(key) : hash.hashLong(key, seed);
    }

    /** The 64-bit hash of a non-null object key: the user hash of {@code hashCode()} when there is one, otherwise the hash mode's. */
    public long hashObject(Object key) {
        return userHash != null ? userHash.hash(key.hashCode()) : hash.hashObject(key, seed);
    }

    /** A short label for tables and charts, e.g. "mixed/low/0.75" (a user hash shows its simple class name). */
    public String label() {
        return (userHash != null ? userHash.getClass().getSimpleName() : hash.id()) + "/" + index.id() + "/" + loadFactor;
    }

    /** The smallest power-of-two capacity (at least 2) that holds {@code entries} without growing. */
    int capacityFor(long entries) {
        int cap = 2;
        while (maxFill(cap) < entries) {
            if (cap >= MAX_CAPACITY) throw new IllegalStateException("ProbeMap: more than " + maxFill(MAX_CAPACITY) + " entries do not fit");
            cap <<= 1;
        }
        return cap;
    }

    /** The capacity after growing a full table of {@code capacity} slots holding {@code size} entries: doubled, until they fit. */
    int grownCapacity(int capacity, int size) {
        do {
            if (capacity >= MAX_CAPACITY) throw new IllegalStateException("ProbeMap: more than " + maxFill(MAX_CAPACITY) + " entries do not fit");
            capacity <<= 1;
        } while (maxFill(capacity) < size);
        return capacity;
    }

    /** Entries a table of {@code capacity} slots holds before it doubles (always leaves a free slot). */
    int maxFill(int capacity) {
        return (int) Math.min(capacity - 1L, Math.max(1L, (long) Math.floor(capacity * loadFactor)));
    }

    static final int MAX_CAPACITY = 1 << 30;
}
