package maplab.subject.jdk;

import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads what {@code java.util.concurrent.ConcurrentHashMap} hides: its table length. Needs
 * {@code --add-opens java.base/java.util.concurrent=ALL-UNNAMED} (the maplab kernel, launcher
 * and benchmarks set it); without it every call fails with a message that says so. Read it
 * from one thread while no other thread writes (a resize in flight is not seen).
 */
public final class ConcurrentHashMapInternals {

    private static final String ADD_OPENS = "--add-opens java.base/java.util.concurrent=ALL-UNNAMED";
    private static volatile Field table;

    private ConcurrentHashMapInternals() { }

    /** The length of the bucket table (0 before the first put). */
    public static int tableLength(ConcurrentHashMap<?, ?> map) {
        try {
            Object[] t = (Object[]) tableField().get(map);
            return t == null ? 0 : t.length;
        } catch (IllegalAccessException e) {
            throw missingOpens(e);
        }
    }

    private static Field tableField() {
        Field f = table;
        if (f == null) {
            try {
                f = ConcurrentHashMap.class.getDeclaredField("table");
                f.setAccessible(true);
            } catch (InaccessibleObjectException | NoSuchFieldException e) {
                throw missingOpens(e);
            }
            table = f;
        }
        return f;
    }

    static IllegalStateException missingOpens(Exception e) {
        return new IllegalStateException("cannot read java.util.concurrent.ConcurrentHashMap internals: start the JVM with "
                + ADD_OPENS + " (./maplab and the maplab kernel do this) [" + e.getMessage() + "]", e);
    }
}
