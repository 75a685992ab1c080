package maplab.subject.probe;

/**
 * A hash function of your own for {@link LongProbeMap} and {@link ProbeMap}: the facade a user
 * hash implements to run as a subject ({@link maplab.subject.user.UserSubject}). A
 * {@link ProbeConfig} carrying one ({@link ProbeConfig#withUserHash}) hashes {@code long} keys
 * with {@link #hash} and object keys with {@code hash(key.hashCode())}; the slot is then taken
 * from the low or top bits as the config's {@link IndexBits} say. It must be deterministic
 * (same key, same hash, in every instance and JVM) and needs a public no-argument constructor;
 * maplab checks both before timing it.
 */
@FunctionalInterface
public interface LongHash {

    /** The 64-bit hash of {@code key}. */
    long hash(long key);
}
