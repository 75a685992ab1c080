package maplab.measure;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The class path of every JVM maplab starts (JMH forks, {@link ChildJvm}, {@link WatchedJvm}):
 * this JVM's {@code java.class.path} plus run-scoped extra entries, such as the jar of a
 * user's subject compiled for one run ({@link #extend}). Added once here, so no experiment
 * passes class paths around.
 */
public final class ChildClassPath {

    private static final List<Path> EXTRA = new CopyOnWriteArrayList<>();
    private static final Object PROPERTY_LOCK = new Object();

    private ChildClassPath() { }

    /** Entries added until the returned scope is closed (a run's user jars). */
    public static Scope extend(List<Path> entries) {
        List<Path> added = entries.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        EXTRA.addAll(added);
        return () -> added.forEach(EXTRA::remove);
    }

    /** The run-scoped entries in force now. */
    public static List<Path> extra() {
        return List.copyOf(EXTRA);
    }

    /** The class path of a child JVM: this JVM's, then the extra entries not already on it. */
    public static String value() {
        Set<String> entries = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) if (!e.isBlank()) entries.add(e);
        for (Path p : EXTRA) entries.add(p.toString());
        return String.join(File.pathSeparator, entries);
    }

    /**
     * Runs {@code action} (a JMH {@code Runner}) with {@code java.class.path} set to {@link #value()}:
     * JMH builds each fork's {@code -cp} from that property when it starts the fork, and has no
     * option of its own for it. Restored afterwards; with no extra entries nothing changes.
     */
    public static <T> T whileForking(Callable<T> action) throws Exception {
        if (EXTRA.isEmpty()) return action.call();
        synchronized (PROPERTY_LOCK) {
            String before = System.getProperty("java.class.path");
            System.setProperty("java.class.path", value());
            try {
                return action.call();
            } finally {
                System.setProperty("java.class.path", before);
            }
        }
    }

    /** Removes a scope's entries. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override void close();
    }

    /** For tests: the entries as a list of strings. */
    static List<String> extraStrings() {
        List<String> out = new ArrayList<>();
        for (Path p : EXTRA) out.add(p.toString());
        return out;
    }
}
