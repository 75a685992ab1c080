package maplab.peers;

import java.util.concurrent.ConcurrentMap;
import org.jctools.maps.NonBlockingHashMap;

/**
 * JCTools: {@code NonBlockingHashMap}, Cliff Click's lock-free concurrent map (open addressing
 * over one key/value array, every update a CAS, resizes copied cooperatively by the threads
 * that meet them). A {@link ConcurrentMap}, so sync-variants and races take it through the
 * same adapter as the JDK's concurrent maps.
 */
public final class JcTools {

    private JcTools() { }

    /** A new, empty {@code NonBlockingHashMap}. */
    public static <K, V> ConcurrentMap<K, V> nonBlockingHashMap() {
        return new NonBlockingHashMap<>();
    }
}
