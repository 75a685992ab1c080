package maplab.workload;

import maplab.plan.EnumIds;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Kinds of keys for hashing experiments; the ids are parameter and JMH {@code @Param} values.
 * {@link #keys} gives instrumented keys that count calls; {@link #plainKeys} gives what a
 * program would really use (plain Strings where the kind is a String kind).
 */
public enum KeyKind {
    /** Strings of "Aa"/"BB" blocks: all share one {@code String.hashCode}. */
    COLLIDING_STRING,
    /** Random Strings as long as the colliding ones. */
    RANDOM_STRING,
    /** Every key has hash code 42 and is not Comparable. */
    CONSTANT_HASH,
    /** Every key has hash code 42 and is Comparable (by id). */
    CONSTANT_HASH_COMPARABLE,
    /** Every key has its own hash code (its id); not Comparable. */
    DISTINCT_HASH,
    /** Real English words from the shipped corpus. */
    WORD;

    public static final int CONSTANT = 42;

    public String id() {
        return EnumIds.id(this);
    }

    public static List<String> ids() {
        return EnumIds.ids(KeyKind.class);
    }

    public static KeyKind parse(String s) {
        return EnumIds.parse(KeyKind.class, "key kind", s);
    }

    /** True if the keys are Comparable (HashMap's tree bins can order them). */
    public boolean comparable() {
        return this != CONSTANT_HASH && this != DISTINCT_HASH;
    }

    public boolean isString() {
        return this == COLLIDING_STRING || this == RANDOM_STRING || this == WORD;
    }

    /** {@code n} distinct keys in a seeded random order that count their calls in {@code counts}. */
    public Object[] keys(int n, long seed, CallCounts counts) {
        if (isString()) {
            String[] s = strings(n, seed);
            Object[] out = new Object[n];
            for (int i = 0; i < n; i++) out[i] = new CountingString(s[i], counts);
            return out;
        }
        Strings.checkN(n);
        long[] ids = KeyOrder.RANDOM.longKeys(n, seed);
        Object[] out = new Object[n];
        for (int i = 0; i < n; i++) {
            long id = ids[i];
            out[i] = switch (this) {
                case CONSTANT_HASH -> new CountingKey(id, CONSTANT, counts);
                case CONSTANT_HASH_COMPARABLE -> new ComparableCountingKey(id, CONSTANT, counts);
                default -> new CountingKey(id, (int) id, counts);
            };
        }
        return out;
    }

    /** As {@link #keys}, but String kinds give plain Strings (what timings should use). */
    public Object[] plainKeys(int n, long seed) {
        return isString() ? strings(n, seed) : keys(n, seed, new CallCounts());
    }

    private String[] strings(int n, long seed) {
        return switch (this) {
            case COLLIDING_STRING -> Strings.colliding(n, seed);
            case RANDOM_STRING -> Strings.random(n, Strings.collidingLength(n), seed);
            case WORD -> Words.sample(n, seed);
            default -> throw new IllegalStateException(id() + " is not a String kind");
        };
    }

    /** Shuffles in place with a seeded Fisher-Yates (for callers that need another order). */
    public static void shuffle(Object[] keys, long seed) {
        Strings.shuffle(keys, new SplittableRandom(seed));
    }
}
