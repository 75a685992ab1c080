package maplab.measure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The JVM that measures: the JDK every child JVM and JMH fork runs on, the extra options they
 * get, and that JDK's feature version (17, 25...). By default the JDK running maplab itself,
 * with no extra options. Code that picks JDK-specific flags (collectors, headers) asks
 * {@link #current()} rather than {@link Runtime#version()}, so the choice follows the JDK
 * that actually measures.
 *
 * @param javaHome the JDK's home folder
 * @param options  extra options for every measuring JVM
 * @param feature  the JDK's feature version
 */
public record TargetJvm(Path javaHome, List<String> options, int feature) {

    private static volatile TargetJvm current = self();

    public TargetJvm {
        options = List.copyOf(options);
    }

    /** The JDK running this JVM, without extra options. */
    public static TargetJvm self() {
        return new TargetJvm(Path.of(System.getProperty("java.home")), List.of(), Runtime.version().feature());
    }

    /** The JVM measurements run on now. */
    public static TargetJvm current() {
        return current;
    }

    /** Makes {@code target} the measuring JVM until the returned handle is closed (then the previous one again). */
    public static Scope use(TargetJvm target) {
        TargetJvm previous = current;
        current = target;
        return () -> current = previous;
    }

    /** Restores the previous measuring JVM when closed. */
    public interface Scope extends AutoCloseable {
        @Override void close();
    }

    /** The {@code java} launcher of this JDK. */
    public String javaExecutable() {
        Path java = javaHome.resolve("bin").resolve("java");
        return Files.isExecutable(java) ? java.toString() : javaHome.resolve("bin").resolve("java.exe").toString();
    }
}
