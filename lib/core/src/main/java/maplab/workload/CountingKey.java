package maplab.workload;

/**
 * A key with a chosen hash code that counts every {@code equals} and {@code hashCode} call
 * in its {@link CallCounts}. Not {@link Comparable}: when many of them share a hash,
 * {@code HashMap}'s tree bins cannot order them and fall back to scanning with equals.
 * Two keys are equal when their ids are.
 */
public class CountingKey {
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
