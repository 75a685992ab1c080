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
    private static String startupOutput;
    private static String vmDetails;

    private ObjectGraphs() { }

    /**
     * Counts the objects and bytes reachable from {@code root}.
     *
     * @throws MeasurementException when JOL cannot read a class's layout (e.g. a record, when JOL
     *                              was started elsewhere without {@code -Djol.magicFieldOffset=true})
     */
    public static Footprint of(Object root) {
        start();
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
        start();
        return vmDetails;
    }

    /** What JOL printed when it started (usually its "no Instrumentation" warning); empty when nothing. */
    public static String jolStartupOutput() {
        start();
        return startupOutput;
    }

    private static synchronized void start() {
        if (vmDetails != null) return;
        if (System.getProperty(MAGIC_FIELD_OFFSET) == null) System.setProperty(MAGIC_FIELD_OFFSET, "true");
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            vmDetails = VM.current().details();
        } catch (RuntimeException | LinkageError e) {
            throw new MeasurementException("JOL cannot read object layouts in this JVM (" + e + "); it needs sun.misc.Unsafe from module "
                    + "jdk.unsupported (present in every standard JDK). Output: " + captured.toString(StandardCharsets.UTF_8).strip(), e);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        startupOutput = captured.toString(StandardCharsets.UTF_8).strip();
    }
}
