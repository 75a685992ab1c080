package maplab.measure;

import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.util.HashMap;

/**
 * Reads what {@code java.util.HashMap} hides: its table length. Needs
 * {@code --add-opens java.base/java.util=ALL-UNNAMED} (the maplab kernel, launcher and
 * benchmarks set it); without it every call fails with a message that says so.
 */
public final class HashMapInternals {

    private static final String ADD_OPENS = "--add-opens java.base/java.util=ALL-UNNAMED";
    private static volatile Field table;

    private HashMapInternals() { }

    /** The length of the bucket table (0 before the first put). Works for LinkedHashMap too. */
    public static int tableLength(HashMap<?, ?> map) {
        Object[] t = table(map);
        return t == null ? 0 : t.length;
    }

    /** The bucket table itself (null before the first put). */
    public static Object[] table(HashMap<?, ?> map) {
        try {
            return (Object[]) tableField().get(map);
        } catch (IllegalAccessException e) {
            throw missingOpens(e);
        }
    }

    private static Field tableField() {
        Field f = table;
        if (f == null) {
            try {
                f = HashMap.class.getDeclaredField("table");
                f.setAccessible(true);
            } catch (InaccessibleObjectException | NoSuchFieldException e) {
                throw missingOpens(e);
            }
            table = f;
        }
        return f;
    }

    static IllegalStateException missingOpens(Exception e) {
        return new IllegalStateException("cannot read java.util.HashMap internals: start the JVM with " + ADD_OPENS
                + " (./maplab and the maplab kernel do this) [" + e.getMessage() + "]", e);
    }
}
