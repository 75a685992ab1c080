package maplab.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import one.profiler.AsyncProfiler;

/**
 * A second CPU sampler beside JFR: async-profiler, loaded from its library artifact (the native
 * library ships inside the jar and is extracted by {@link AsyncProfiler#getInstance()}), in
 * {@value #EVENT} mode: a {@code setitimer(ITIMER_PROF)} signal, which needs no perf events and
 * no kernel privileges. Call it in a forked JVM (see {@link ChildJvm}); it writes the collapsed
 * stacks of every thread, which {@link #readCollapsed} turns into a {@link JfrProfile} of one
 * thread's Java frames so both profilers' top frames are counted the same way.
 */
public final class AsyncSampler {

    /** The sampling event: process CPU-time interval timer (no perf_event_open, no privileges). */
    public static final String EVENT = "itimer";

    /** A Java frame in annotated collapsed output: {@code pkg/Class.method_[j]} (compiled), {@code _[i]} (inlined), {@code _[0]}/{@code _[1]} (interpreted, C1). */
    private static final Pattern JAVA_FRAME = Pattern.compile("(.+)_\\[([ji01])\\]");

    /** A collapsed line: frames separated by ';', a space, the sample count. */
    private static final Pattern COUNTED = Pattern.compile("(.+) (\\d+)");

    private final AsyncProfiler profiler;

    private AsyncSampler(AsyncProfiler profiler) {
        this.profiler = profiler;
    }

    /**
     * Loads async-profiler into this JVM.
     *
     * @throws MeasurementException with the reason when it cannot (no library for this platform, a refused load)
     */
    public static AsyncSampler load() {
        try {
            AsyncProfiler p = AsyncProfiler.getInstance();
            p.getVersion();
            return new AsyncSampler(p);
        } catch (Throwable e) {
            throw new MeasurementException("async-profiler cannot be loaded here: " + e, e);
        }
    }

    /** The library's version, e.g. "4.1". */
    public String version() {
        return profiler.getVersion();
    }

    /** Starts sampling every {@code interval} of process CPU time, threads kept apart. */
    public void start(Duration interval) {
        try {
            profiler.execute("start,event=" + EVENT + ",interval=" + interval.toNanos() + ",threads");
        } catch (IOException | RuntimeException e) {
            throw new MeasurementException("async-profiler did not start (" + EVENT + "): " + e.getMessage(), e);
        }
    }

    /** Stops sampling and writes the annotated collapsed stacks (one line per distinct stack: frames root first, then the count) to {@code file}. */
    public void stopAndDump(Path file) {
        try {
            profiler.stop();
            Files.writeString(file, profiler.execute("collapsed,ann"));
        } catch (IOException | RuntimeException e) {
            throw new MeasurementException("async-profiler did not stop or dump to " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The samples of thread {@code thread} (the root frame is {@code [name tid=...]}) in an
     * annotated collapsed-stacks file, Java frames only (as JFR's execution samples), named
     * {@code package.Class.method} with a lambda's class shortened to {@code Outer$$Lambda} like
     * {@link JfrProfile}'s. Samples with no Java frame (the JVM's own code) are left out, as JFR
     * leaves them out.
     */
    public static JfrProfile readCollapsed(Path file, String thread) {
        if (!Files.isRegularFile(file)) throw new MeasurementException("no async-profiler output at " + file);
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new MeasurementException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parseCollapsed(lines, thread);
    }

    static JfrProfile parseCollapsed(List<String> lines, String thread) {
        List<List<String>> stacks = new ArrayList<>();
        String root = "[" + thread + " tid=";
        for (String line : lines) {
            if (line.isBlank()) continue;
            Matcher counted = COUNTED.matcher(line.strip());
            if (!counted.matches()) throw new MeasurementException("not a collapsed stack line (frames, a space, a count): " + line);
            long count = Long.parseLong(counted.group(2));
            String[] frames = counted.group(1).split(";");
            if (!frames[0].startsWith(root)) continue;
            List<String> stack = new ArrayList<>();
            for (int i = frames.length - 1; i >= 1; i--) {
                Matcher m = JAVA_FRAME.matcher(frames[i]);
                if (m.matches()) stack.add(javaName(m.group(1)));
            }
            if (stack.isEmpty()) continue;
            for (long c = 0; c < count; c++) stacks.add(stack);
        }
        return JfrProfile.ofStacks(stacks);
    }

    /** {@code java/util/HashMap$HashIterator.nextNode} as {@code java.util.HashMap$HashIterator.nextNode}; lambdas as {@code Outer$$Lambda.method}. */
    static String javaName(String frame) {
        int dot = frame.lastIndexOf('.');
        String type = frame.substring(0, dot).replace('/', '.');
        String method = frame.substring(dot + 1);
        int lambda = type.indexOf("$$Lambda");
        if (lambda >= 0) type = type.substring(0, lambda) + "$$Lambda";
        return type + "." + method;
    }
}
