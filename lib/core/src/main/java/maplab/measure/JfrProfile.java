package maplab.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * CPU samples from a JDK Flight Recorder recording ({@code jdk.ExecutionSample} events), made
 * with the JDK's own {@code jdk.jfr} API: {@link #record} runs a workload under a recording
 * (call it in a forked JVM, see {@link ChildJvm}); {@link #read} parses the file with
 * {@link RecordingFile} into stacks of method names, top frame first.
 */
public final class JfrProfile {

    /** What {@link #record} did: how often the work ran while recorded, and the sum of its results (print it: it keeps the work alive). */
    public record Recorded(long runs, long checksum) { }

    /** Samples of one method: as the top frame (self) and anywhere on the stack (total, once per sample). */
    public record FrameCount(String method, long self, long total) { }

    private final List<List<String>> stacks;

    private JfrProfile(List<List<String>> stacks) {
        this.stacks = List.copyOf(stacks);
    }

    /**
     * Runs {@code work} repeatedly for {@code warmup} (not recorded, so the JIT has compiled
     * it), then for {@code length} under a recording that samples running threads every
     * {@code period}, and writes the recording to {@code file}.
     */
    public static Recorded record(Path file, Duration period, Duration warmup, Duration length, LongSupplier work) throws IOException {
        return record(file, period, warmup, length, work, () -> { }, () -> { });
    }

    /**
     * As {@link #record(Path, Duration, Duration, Duration, LongSupplier)}, calling {@code onStart}
     * right after the recording started and {@code onStop} right before it stops: a second
     * profiler started and stopped there samples the same work.
     */
    public static Recorded record(Path file, Duration period, Duration warmup, Duration length, LongSupplier work,
                                  Runnable onStart, Runnable onStop) throws IOException {
        long sink = repeat(work, warmup, 0);
        long runs;
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(period);
            recording.start();
            onStart.run();
            long before = System.nanoTime();
            runs = 0;
            while (System.nanoTime() - before < length.toNanos()) {
                sink += work.getAsLong();
                runs++;
            }
            onStop.run();
            recording.stop();
            recording.dump(file);
        }
        return new Recorded(runs, sink);
    }

    private static long repeat(LongSupplier work, Duration length, long sink) {
        long start = System.nanoTime();
        while (System.nanoTime() - start < length.toNanos()) sink += work.getAsLong();
        return sink;
    }

    /** Reads the execution samples of a recording; frames are named {@code package.Class$Inner.method}. */
    public static JfrProfile read(Path file) {
        if (!Files.isRegularFile(file)) throw new MeasurementException("no JFR recording at " + file);
        List<List<String>> stacks = new ArrayList<>();
        try (RecordingFile in = new RecordingFile(file)) {
            while (in.hasMoreEvents()) {
                RecordedEvent e = in.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample")) continue;
                RecordedStackTrace trace = e.getStackTrace();
                if (trace == null || trace.getFrames().isEmpty()) continue;
                List<String> stack = new ArrayList<>();
                for (RecordedFrame f : trace.getFrames()) {
                    if (f.isJavaFrame()) stack.add(methodName(f));
                }
                if (!stack.isEmpty()) stacks.add(stack);
            }
        } catch (IOException e) {
            throw new MeasurementException("cannot read JFR recording " + file + ": " + e.getMessage(), e);
        }
        return new JfrProfile(stacks);
    }

    /** {@code package.Class.method}, with a lambda's generated class shortened to {@code Outer$$Lambda}. */
    static String methodName(RecordedFrame f) {
        String type = f.getMethod().getType().getName().replaceAll("\\$\\$Lambda[^.]*(\\.\\d+)?$", "\\$\\$Lambda");
        return type + "." + f.getMethod().getName();
    }

    /**
     * A profile of stacks sampled by another profiler (each stack top frame first, methods named
     * {@code package.Class.method}), so its top frames and shares are counted the same way.
     */
    public static JfrProfile ofStacks(List<List<String>> stacksTopFirst) {
        for (List<String> s : stacksTopFirst) {
            if (s.isEmpty()) throw new IllegalArgumentException("stacksTopFirst: every stack needs at least one frame");
        }
        return new JfrProfile(stacksTopFirst);
    }

    /** The number of execution samples. */
    public int samples() {
        return stacks.size();
    }

    /** The {@code limit} methods with the most self samples (ties: more total samples first). */
    public List<FrameCount> topFrames(int limit) {
        Map<String, long[]> counts = new HashMap<>();
        for (List<String> stack : stacks) {
            counts.computeIfAbsent(stack.get(0), m -> new long[2])[0]++;
            Set<String> seen = new HashSet<>(stack);
            for (String m : seen) counts.computeIfAbsent(m, x -> new long[2])[1]++;
        }
        return counts.entrySet().stream()
                .map(e -> new FrameCount(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .sorted(Comparator.comparingLong(FrameCount::self).reversed()
                        .thenComparing(Comparator.comparingLong(FrameCount::total).reversed())
                        .thenComparing(FrameCount::method))
                .limit(limit).toList();
    }

    /** The fraction of samples whose top frame satisfies {@code method} (NaN without samples). */
    public double topFrameShare(Predicate<String> method) {
        if (stacks.isEmpty()) return Double.NaN;
        return stacks.stream().filter(s -> method.test(s.get(0))).count() / (double) stacks.size();
    }

}
