package maplab.subject.probe;

/**
 * A key that can feed its <em>content</em> into {@link HashMode#SEEDED}'s seeded hash, so that
 * keys with equal {@code hashCode()} but different content still get different hashes, and
 * which keys collide changes with the seed.
 *
 * <p>Contract: keys that are {@code equals} return the same value for the same seed; the
 * result should depend on every field that {@code equals} compares and on the whole seed.
 * The simplest correct implementation feeds the fields through {@link HashMode#seededLong}
 * (or {@link HashMode#seededString} for text), each field's result seeding the next, e.g.
 * {@code return HashMode.seededLong(y, HashMode.seededLong(x, seed));}.
 *
 * <p>Like {@link HashMode#SEEDED} itself, this defends against precomputed collisions of a
 * known hash, not against an attacker who can observe timings; keyed hashes such as SipHash
 * are the real defence.
 */
public interface SeededHashable {

    /** A 64-bit hash of this key's content under {@code seed}. */
    long seededHash(long seed);
}
