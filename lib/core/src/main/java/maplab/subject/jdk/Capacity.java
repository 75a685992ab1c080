package maplab.subject.jdk;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.HashMap;
import java.util.LinkedHashMap;

/**
 * Maps sized for "n entries without a resize" at the default load factor 0.75. On JDK 19+
 * this calls the JDK's own factories {@code HashMap.newHashMap(n)} and
 * {@code LinkedHashMap.newLinkedHashMap(n)} (looked up reflectively: maplab compiles for
 * 17); on older JDKs it computes the same capacity, {@code ceil(n / 0.75)}.
 */
public final class Capacity {

    private static final MethodHandle NEW_HASH_MAP = factory(HashMap.class, "newHashMap");
    private static final MethodHandle NEW_LINKED_HASH_MAP = factory(LinkedHashMap.class, "newLinkedHashMap");

    private Capacity() { }

    /** The smallest initial capacity for which n entries never trigger a resize: ceil(n / 0.75). */
    public static int forEntries(int n) {
        checkEntries(n);
        return (int) Math.min(Integer.MAX_VALUE, (long) Math.ceil(n / 0.75));
    }

    /** A HashMap that takes n entries without resizing: {@code HashMap.newHashMap(n)} when the JDK has it. */
    @SuppressWarnings("unchecked")
    public static <K, V> HashMap<K, V> newHashMap(int n) {
        checkEntries(n);
        return NEW_HASH_MAP != null ? (HashMap<K, V>) call(NEW_HASH_MAP, n) : new HashMap<>(forEntries(n));
    }

    /** A LinkedHashMap that takes n entries without resizing: {@code LinkedHashMap.newLinkedHashMap(n)} when the JDK has it. */
    @SuppressWarnings("unchecked")
    public static <K, V> LinkedHashMap<K, V> newLinkedHashMap(int n) {
        checkEntries(n);
        return NEW_LINKED_HASH_MAP != null ? (LinkedHashMap<K, V>) call(NEW_LINKED_HASH_MAP, n) : new LinkedHashMap<>(forEntries(n));
    }

    /** Whether this JDK has {@code HashMap.newHashMap(int)} (JDK 19+), which {@link #newHashMap} then uses. */
    public static boolean usesJdkFactory() {
        return NEW_HASH_MAP != null;
    }

    /** How {@link #newHashMap} sizes maps on this JDK, for meta.json and chart notes. */
    public static String describe() {
        return usesJdkFactory()
                ? "HashMap.newHashMap(n), JDK " + Runtime.version().feature()
                : "new HashMap<>(ceil(n / 0.75)); HashMap.newHashMap needs JDK 19, this is " + Runtime.version().feature();
    }

    private static void checkEntries(int n) {
        if (n < 0) throw new IllegalArgumentException("n: must be >= 0, got " + n);
    }

    private static MethodHandle factory(Class<?> type, String name) {
        try {
            return MethodHandles.publicLookup().findStatic(type, name, MethodType.methodType(type, int.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null; // before JDK 19
        }
    }

    private static Object call(MethodHandle factory, int n) {
        try {
            return factory.invoke(n);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
