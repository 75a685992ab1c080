package maplab.measure;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.openjdk.jol.info.GraphLayout;
import org.openjdk.jol.vm.VM;

/**
 * Bytes of object graphs, measured with JOL's {@link GraphLayout}: every object reachable
 * from the root is counted once, at its real size in this JVM (compressed references,
 * alignment), including objects the graph shares with the rest of the JVM such as cached
 * Integer boxes and interned Strings. JOL reads fields through {@code sun.misc.Unsafe}, so it
 * needs no {@code --add-opens} and no agent. Since JDK 15 Unsafe refuses the field offsets of
 * records, so unless the JVM was started with a choice for {@code jol.magicFieldOffset} this
 * class sets it to true before JOL starts (JOL then finds offsets through the JDK's internal
 * Unsafe, and fails loudly if that check goes wrong). Without {@code -Djdk.attach.allowAttachSelf}
 * it prints a warning that it has no Instrumentation, which we capture (see
 * {@link #jolStartupOutput()}) instead of letting it into notebook cells; sizes are the
 * same either way.
 */
public final class ObjectGraphs {

    /** Objects and bytes reachable from a root. */
    public record Footprint(long objects, long bytes) { }

    private static final String MAGIC_FIELD_OFFSET = "jol.magicFieldOffset";

    /** What starting JOL gave: its layout description and what it printed, or why it could not start. */
    private record Started(String vmDetails, String startupOutput, MeasurementException failure) { }

    /** Starts JOL once, when first used (the JVM initializes this class then, and only once). */
    private static final class Jol {
        static final Started STARTED = start();
    }

    private ObjectGraphs() { }

    /**
     * Counts the objects and bytes reachable from {@code root}.
     *
     * @throws MeasurementException when JOL cannot read a class's layout (e.g. a record, when JOL
     *                              was started elsewhere without {@code -Djol.magicFieldOffset=true})
     */
    public static Footprint of(Object root) {
        started();
        try {
            GraphLayout layout = GraphLayout.parseInstance(root);
            return new Footprint(layout.totalCount(), layout.totalSize());
        } catch (RuntimeException e) {
            throw new MeasurementException("JOL could not walk the object graph of a " + root.getClass().getName() + ": " + e.getMessage()
                    + " (records need -Djol.magicFieldOffset=true, which maplab sets unless JOL was already in use; jol.magicFieldOffset="
                    + System.getProperty(MAGIC_FIELD_OFFSET) + ")", e);
        }
    }

    /** JOL's description of this JVM's object layout (reference size, alignment...). */
    public static String vmDetails() {
        return started().vmDetails();
    }

    /** What JOL printed when it started (usually its "no Instrumentation" warning); empty when nothing. */
    public static String jolStartupOutput() {
        return started().startupOutput();
    }

    /** JOL, started; a failure to start is thrown again (a new exception each time, with the first one's message and cause). */
    private static Started started() {
        Started s = Jol.STARTED;
        if (s.failure() != null) throw new MeasurementException(s.failure().getMessage(), s.failure().getCause());
        return s;
    }

    private static Started start() {
        if (System.getProperty(MAGIC_FIELD_OFFSET) == null) System.setProperty(MAGIC_FIELD_OFFSET, "true");
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            String details = VM.current().details();
            return new Started(details, captured.toString(StandardCharsets.UTF_8).strip(), null);
        } catch (RuntimeException | LinkageError e) {
            return new Started(null, null, new MeasurementException("JOL cannot read object layouts in this JVM (" + e + "); it needs sun.misc.Unsafe from module "
                    + "jdk.unsupported (present in every standard JDK). Output: " + captured.toString(StandardCharsets.UTF_8).strip(), e));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
