package maplab.subject.merge;

import java.util.List;
import maplab.peers.Agrona;
import maplab.peers.EclipseCollections;
import maplab.peers.Fastutil;
import maplab.peers.Hppc;
import maplab.peers.Koloboke;
import maplab.plan.EnumIds;
import maplab.subject.facade.LongFillTarget;

/**
 * Real libraries' open-hash collections as targets filled one key at a time from a
 * default-sized start: fastutil's set and map (linear probing, index from the low bits of a
 * fixed mixer) and their peers from Eclipse Collections, HPPC, Agrona and Koloboke. Filling
 * one in another one's iteration order is the quadratic trap's real-world form; a library
 * whose iteration order or hash differs per instance protects itself. The constants are
 * the JMH {@code @Param} values of {@code FastutilFillBench}; {@link #subject()} is the row's
 * subject.
 */
public enum FastutilTarget {
    /** {@code LongOpenHashSet}, {@code add} per key. */
    SET("fastutil LongOpenHashSet", "fastutil_set", Fastutil.LONG_SET),
    /** {@code Long2LongOpenHashMap}, {@code put} per key. */
    MAP("fastutil Long2LongOpenHashMap", "fastutil_map", Fastutil.LONG_MAP),
    /** Eclipse Collections {@code LongLongHashMap}: a fixed spread, a short linear probe then a second hash; slot order. */
    ECLIPSE_MAP("Eclipse Collections LongLongHashMap", "eclipse_map", EclipseCollections.LONG_MAP),
    /** HPPC {@code LongLongHashMap} (0.10): a fixed mixer, but each iteration starts at a seeded slot with a seeded step. */
    HPPC_MAP("HPPC LongLongHashMap", "hppc_map", Hppc.LONG_MAP),
    /** Agrona {@code Long2LongHashMap}: linear probing over a fixed hash, load factor 0.65; slot order. */
    AGRONA_MAP("Agrona Long2LongHashMap", "agrona_map", Agrona.LONG_MAP),
    /** Koloboke {@code HashLongLongMap} (1.0.0, the last release): linear probing over a mixed hash; cursor order. */
    KOLOBOKE_MAP("Koloboke HashLongLongMap", "koloboke_map", Koloboke.LONG_MAP),
    /**
     * A user's map ({@code LongMap}), filled by {@code UserFill}: the stand-in constant of
     * {@code FastutilFillBench}'s target, whose {@code user} {@code @Param} names the class
     * ({@link EnumIds#USER}: no parameter value of its own; its rows carry the user's id).
     */
    USER("a user's map", "user", null);

    private final String label;
    private final String subject;
    private final LongFillTarget target;

    FastutilTarget(String label, String subject, LongFillTarget target) {
        this.label = label;
        this.subject = subject;
        this.target = target;
    }

    /** {@code keys} in the iteration order of a default-built collection of this kind holding them. */
    public long[] iterationOrder(long[] keys) { return fillTarget().iterationOrder(keys); }

    /** A new default-sized collection of this kind, filled with {@code keys} in the given order. */
    public Object fill(long[] keys) { return fillTarget().fill(keys); }

    /** How many keys {@code filled} (made by {@link #fill}) holds. */
    public int size(Object filled) { return fillTarget().size(filled); }

    private LongFillTarget fillTarget() {
        if (target == null) throw new IllegalStateException("target: a user's map is filled by UserFill from its class, not by " + this);
        return target;
    }

    public String label() {
        return label;
    }

    /** The row's subject, e.g. "fastutil_set", "hppc_map". */
    public String subject() {
        return subject;
    }

    /** The constant whose {@link #subject()} is {@code subject}. */
    public static FastutilTarget ofSubject(String subject) {
        for (FastutilTarget t : values()) if (t.subject.equals(subject)) return t;
        throw new IllegalArgumentException("unknown fill subject '" + subject + "'");
    }

    /** True for the libraries other than fastutil (not for the {@link #USER} stand-in). */
    public boolean isPeer() {
        return this != SET && this != MAP && this != USER;
    }

    /** The parameter spelling: "set", "map", "eclipse_map", "hppc_map", ... */
    public String id() {
        return EnumIds.id(this);
    }

    public static List<String> ids() {
        return EnumIds.ids(FastutilTarget.class);
    }

    public static FastutilTarget parse(String id) {
        return EnumIds.parse(FastutilTarget.class, "target", id);
    }
}
