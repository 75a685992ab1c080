package maplab.workload;


/**
 * A key with a chosen hash code that counts every {@code equals} and {@code hashCode} call
 * in its {@link CallCounts}. Not {@link Comparable}: when many of them share a hash,
 * {@code HashMap}'s tree bins cannot order them and fall back to scanning with equals.
 * Two keys are equal when their ids are. Under ProbeMap's seeded hash they hash their id with
 * the seed ({@link SeededHashable}; not counted), so keys that share a hash code do not
 * collide there.
 */
public class CountingKey implements SeededHashable {
    protected final long id;
    private final int hash;
    protected final CallCounts counts;

    public CountingKey(long id, int hash, CallCounts counts) {
        this.id = id;
        this.hash = hash;
        this.counts = counts;
    }

    public long id() { return id; }

    @Override
    public final int hashCode() {
        counts.hashCode++;
        return hash;
    }

    /** The id hashed with {@code seed} ({@link SeededHashable#seededLong}); equal keys have equal ids. Not counted. */
    @Override
    public final long seededHash(long seed) {
        return SeededHashable.seededLong(id, seed);
    }

    @Override
    public final boolean equals(Object o) {
        counts.equals++;
        return o != null && o.getClass() == getClass() && ((CountingKey) o).id == id;
    }

    @Override
    public String toString() {
        return "key" + id + "#" + hash;
    }
}
