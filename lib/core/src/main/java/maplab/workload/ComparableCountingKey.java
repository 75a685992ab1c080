package maplab.workload;

/**
 * A {@link CountingKey} that is {@link Comparable} by id and counts {@code compareTo} calls:
 * {@code HashMap}'s tree bins order colliding keys with it (O(log n) per insert).
 */
public final class ComparableCountingKey extends CountingKey implements Comparable<ComparableCountingKey> {

    public ComparableCountingKey(long id, int hash, CallCounts counts) {
        super(id, hash, counts);
    }

    @Override
    public int compareTo(ComparableCountingKey o) {
        counts.compareTo++;
        return Long.compare(id, o.id);
    }
}
