package maplab.subject.concurrent;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import maplab.peers.JcTools;
import maplab.plan.EnumIds;

/**
 * The maps sync-variants and races compare, behind the {@link SharedMap} facade. The constants
 * are the JMH {@code @Param} values of {@code SyncVariantsBench}; their ids
 * ({@code "concurrent_hash_map"}, ...) the values of the experiments' {@code subjects} parameter.
 */
public enum SharedMapType {
    /**
     * Plain {@code HashMap}: the single-thread baseline. Not thread-safe: concurrent writes can
     * lose entries, leave {@code size()} wrong, throw, or corrupt the table; its iterators
     * fail fast (best effort) with {@code ConcurrentModificationException}.
     */
    HASHMAP("HashMap (unsynchronized)", false) {
        @Override public <K, V> SharedMap<K, V> create() { return new JdkMap<>(new HashMap<>()); }
    },
    /**
     * {@code Collections.synchronizedMap(new HashMap<>())}: every call under one lock, so every
     * call is linearizable and {@code size()} exact; {@code forEach} holds the lock for the
     * whole pass (iterating its views without {@code synchronized (map)} is not safe).
     */
    SYNCHRONIZED_MAP("synchronizedMap", true) {
        @Override public <K, V> SharedMap<K, V> create() { return new JdkMap<>(Collections.synchronizedMap(new HashMap<>())); }
    },
    /** {@link ReadWriteLockMap}: {@code HashMap} + {@code ReentrantReadWriteLock}; linearizable. */
    RW_LOCK("HashMap + ReadWriteLock", true) {
        @Override public <K, V> SharedMap<K, V> create() { return new ReadWriteLockMap<>(); }
    },
    /** {@link StampedLockMap}: {@code HashMap} + {@code StampedLock} optimistic reads; linearizable. */
    STAMPED_LOCK("HashMap + StampedLock", true) {
        @Override public <K, V> SharedMap<K, V> create() { return new StampedLockMap<>(); }
    },
    /**
     * {@code ConcurrentHashMap}: lock-free reads, per-bin locking writes; each operation is
     * linearizable; {@code size()} and iteration are weakly consistent and never throw.
     */
    CONCURRENT_HASH_MAP("ConcurrentHashMap", true) {
        @Override public <K, V> SharedMap<K, V> create() { return new JdkMap<>(new ConcurrentHashMap<>()); }
    },
    /** {@link ShardedMap} with {@value ShardedMap#DEFAULT_SEGMENTS} segments; single-key operations linearizable. */
    SHARDED("sharded (" + ShardedMap.DEFAULT_SEGMENTS + " segments)", true) {
        @Override public <K, V> SharedMap<K, V> create() { return new ShardedMap<>(); }
    },
    /** {@link CopyOnWriteMap}: lock-free reads of an immutable snapshot; writers copy and swap. */
    COPY_ON_WRITE("copy-on-write", true) {
        @Override public <K, V> SharedMap<K, V> create() { return new CopyOnWriteMap<>(); }
    },
    /** {@link SingleWriterMap}: writes queued to one owner thread; reads from the map it publishes into. */
    SINGLE_WRITER("single-writer", true) {
        @Override public <K, V> SharedMap<K, V> create() { return new SingleWriterMap<>(); }
    },
    /**
     * {@code ConcurrentSkipListMap}: a sorted, lock-free map (keys must be {@code Comparable});
     * each operation linearizable, iteration weakly consistent, {@code size()} counts by walking.
     */
    SKIP_LIST("ConcurrentSkipListMap", true) {
        @Override public <K, V> SharedMap<K, V> create() { return new JdkMap<>(new ConcurrentSkipListMap<>()); }
    },
    /**
     * JCTools' {@code NonBlockingHashMap} (a peer library): Cliff Click's lock-free open-addressing
     * map, every update a CAS, resizes copied cooperatively; each operation is linearizable,
     * {@code size()} and iteration are weakly consistent and never throw.
     */
    NON_BLOCKING_HASH_MAP("JCTools NonBlockingHashMap", true, true) {
        @Override public <K, V> SharedMap<K, V> create() { return new JdkMap<>(JcTools.nonBlockingHashMap()); }
    },
    /**
     * A user's shared map: the stand-in constant of {@code SyncVariantsBench}'s subject, whose
     * {@code user} {@code @Param} names the class ({@link EnumIds#USER}: no parameter value of its own).
     */
    USER("a user's shared map", true) {
        @Override public <K, V> SharedMap<K, V> create() {
            throw new IllegalStateException("subject: a user's shared map is made from its class (UserSubject.newInstance), not from " + this);
        }
    };

    private final String label;
    private final boolean threadSafe;
    private final boolean peer;

    SharedMapType(String label, boolean threadSafe) {
        this(label, threadSafe, false);
    }

    SharedMapType(String label, boolean threadSafe, boolean peer) {
        this.label = label;
        this.threadSafe = threadSafe;
        this.peer = peer;
    }

    /** A new, empty map of this type (close it when done: the single-writer map owns a thread). */
    public abstract <K, V> SharedMap<K, V> create();

    /** The parameter spelling, e.g. {@code "concurrent_hash_map"}. */
    public String id() {
        return EnumIds.id(this);
    }

    /** How it reads in charts and tables, e.g. "HashMap + StampedLock". */
    public String label() {
        return label;
    }

    /** Whether concurrent use is safe (false only for the plain {@code HashMap} baseline). */
    public boolean threadSafe() {
        return threadSafe;
    }

    /** Whether a peer library's map (in {@code maplab.peers}) rather than the JDK's or ours: races and sync-variants time the peers by default. */
    public boolean isPeer() {
        return peer;
    }

    /** The ids of the peer libraries' maps, in declaration order. */
    public static List<String> peerIds() {
        return Arrays.stream(values()).filter(SharedMapType::isPeer).map(SharedMapType::id).toList();
    }

    public static List<String> ids() {
        return EnumIds.ids(SharedMapType.class);
    }

    /** The type with this id (case-insensitive); otherwise an exception listing the ids. */
    public static SharedMapType parse(String id) {
        return EnumIds.parse(SharedMapType.class, "subject", id);
    }
}
