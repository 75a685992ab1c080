package maplab.measure;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs numbered items (0 .. n-1) in a child JVM under a watchdog, for work that may hang or
 * crash its JVM (unsynchronized data races). The child's main class gets
 * {@code --from <index>} after the caller's arguments and prints one line per finished item,
 * {@code ITEM <index> <payload>}, in order; any other output goes to a log file.
 *
 * <p>If no item finishes within the per-item timeout (longer for the first item after a
 * launch, which includes JVM start-up), the child and its descendants are killed, the item is
 * reported as hung, and a new child resumes where the {@link Listener} says. A child that
 * exits before its last item has crashed on the next item: reported, and resumed the same way.
 * The caller's thread being interrupted kills the child too, so nothing keeps running.
 */
public final class WatchedJvm {

    /** What the caller hears about each item. */
    public interface Listener {
        /** Item {@code index} finished; {@code payload} is the rest of its line. */
        void finished(int index, String payload);

        /**
         * Item {@code index} hung (killed after the timeout) or crashed its JVM
         * ({@code crashed} true); returns the item to resume from (beyond the last item to stop).
         */
        int failed(int index, boolean crashed);
    }

    /** How the items went: hangs and crashes, and how many JVMs were launched. */
    public record Summary(int finished, List<Integer> hung, List<Integer> crashed, int launches) { }

    private static final String PREFIX = "ITEM ";
    private static final Duration START_UP_ALLOWANCE = Duration.ofSeconds(20);
    private static final int MAX_CONSECUTIVE_CRASHES = 3;

    private final ForkSetup setup;
    private final String mainClass;
    private final List<String> jvmArgs;
    private final List<String> args;
    private final Duration timeout;
    private final Path log;

    /**
     * @param setup     how the child starts (JDK, options, class path)
     * @param mainClass the child's main class (on this JVM's class path)
     * @param jvmArgs   the child's JVM arguments (heap, GC...)
     * @param args      the child's arguments, before {@code --from <index>}
     * @param timeout   how long one item may take before it counts as hung
     * @param log       where the child's other output goes (appended)
     */
    public WatchedJvm(ForkSetup setup, String mainClass, List<String> jvmArgs, List<String> args, Duration timeout, Path log) {
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout: must be positive, got " + timeout);
        this.setup = setup;
        this.mainClass = mainClass;
        this.jvmArgs = List.copyOf(jvmArgs);
        this.args = List.copyOf(args);
        this.timeout = timeout;
        this.log = log;
    }

    /**
     * Runs items {@code 0 .. items-1}.
     *
     * @throws MeasurementException when the child keeps crashing at once, or prints something out of order
     * @throws InterruptedException when the calling thread is interrupted (the child is killed first)
     */
    public Summary run(int items, Listener listener) throws InterruptedException {
        List<Integer> hung = new ArrayList<>();
        List<Integer> crashed = new ArrayList<>();
        int finished = 0;
        int launches = 0;
        int consecutiveCrashes = 0;
        int next = 0;
        while (next < items) {
            Process child = launch(next);
            launches++;
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = pump(child, lines);
            boolean first = true;
            try {
                while (next < items) {
                    Duration wait = first ? timeout.plus(START_UP_ALLOWANCE) : timeout;
                    String line = lines.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
                    if (line == null) {                       // watchdog: the item hung
                        kill(child);
                        hung.add(next);
                        next = listener.failed(next, false);
                        break;
                    }
                    if (line == EOF) {                        // the child ended early: it crashed on the item
                        int code = child.waitFor();
                        if (++consecutiveCrashes > MAX_CONSECUTIVE_CRASHES) {
                            throw new MeasurementException(mainClass + " exited with code " + code + " at item " + next
                                    + " " + consecutiveCrashes + " times in a row; see " + log);
                        }
                        crashed.add(next);
                        next = listener.failed(next, true);
                        break;
                    }
                    int index = parseIndex(line);
                    if (index != next) {
                        throw new MeasurementException(mainClass + " reported item " + index + " when item " + next + " was due; see " + log);
                    }
                    first = false;
                    consecutiveCrashes = 0;
                    listener.finished(index, line.substring(PREFIX.length() + String.valueOf(index).length()).trim());
                    finished++;
                    next++;
                }
            } finally {
                kill(child);
                reader.join(TimeUnit.SECONDS.toMillis(5));
            }
        }
        return new Summary(finished, List.copyOf(hung), List.copyOf(crashed), launches);
    }

    private Process launch(int from) {
        List<String> command = new ArrayList<>(setup.command(jvmArgs, mainClass, args));
        command.add("--from");
        command.add(String.valueOf(from));
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Files.writeString(log, "# launch: " + String.join(" ", command).replace(System.getProperty("java.class.path"), "<class path>") + "\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            return new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new MeasurementException("cannot start a JVM for " + mainClass + ": " + e.getMessage(), e);
        }
    }

    /** Marks the end of the child's output in the line queue. */
    private static final String EOF = new String("<eof>");

    /** Copies the child's item lines into {@code lines} and everything else into the log; EOF at the end. */
    private Thread pump(Process child, BlockingQueue<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith(PREFIX)) {
                        lines.add(line);
                    } else {
                        appendLog(line);
                    }
                }
            } catch (IOException e) {
                appendLog("# reading the child's output failed: " + e.getMessage());
            } finally {
                lines.add(EOF);
            }
        }, "maplab-watched-jvm-reader");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private synchronized void appendLog(String line) {
        try {
            Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // the log is a courtesy; the items are what counts
        }
    }

    private static int parseIndex(String line) {
        String rest = line.substring(PREFIX.length());
        int space = rest.indexOf(' ');
        try {
            return Integer.parseInt(space < 0 ? rest : rest.substring(0, space));
        } catch (NumberFormatException e) {
            throw new MeasurementException("malformed item line from the child JVM: " + line);
        }
    }

    private static void kill(Process child) throws InterruptedException {
        if (!child.isAlive()) return;
        child.descendants().forEach(ProcessHandle::destroyForcibly);
        child.destroyForcibly();
        child.waitFor(10, TimeUnit.SECONDS);
    }

    /** Prints an item line the way {@link WatchedJvm} reads it (for child main classes). */
    public static void report(int index, String payload) {
        System.out.println(PREFIX + index + " " + payload);
        System.out.flush();
    }

    /** Reads {@code --from <index>} from a child's arguments (0 when absent). */
    public static int from(String[] args) {
        for (int i = 0; i + 1 < args.length; i++) if (args[i].equals("--from")) return Integer.parseInt(args[i + 1]);
        return 0;
    }

    @Override
    public String toString() {
        return "WatchedJvm[" + mainClass + ", timeout " + timeout.toMillis() + " ms, class path entries "
                + setup.classPath().split(File.pathSeparator).length + "]";
    }
}
