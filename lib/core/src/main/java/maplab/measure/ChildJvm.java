package maplab.measure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a fresh JVM as a {@link ForkSetup} says (the measuring JDK and its
 * options, this JVM's class path plus a run's user jars), with piped output and a time limit.
 * For measurements that need a new process each time, such as per-JVM hash seeds. An
 * experiment gets one from its run context ({@code ctx.childJvm()}).
 */
public final class ChildJvm {

    /** What a finished child printed. */
    public record Output(int exitCode, String stdout, String stderr, Duration elapsed) { }

    private final ForkSetup setup;

    private ChildJvm(ForkSetup setup) {
        this.setup = setup;
    }

    /** Child JVMs started as {@code setup} says. */
    public static ChildJvm of(ForkSetup setup) {
        if (setup == null) throw new IllegalArgumentException("setup: must be given; allowed: a ForkSetup (ForkSetup.self() for this JVM's)");
        return new ChildJvm(setup);
    }

    /** How this starts its JVMs. */
    public ForkSetup setup() {
        return setup;
    }

    /** A watched child JVM started as this one says (see {@link WatchedJvm#WatchedJvm}). */
    public WatchedJvm watched(String mainClass, List<String> jvmArgs, List<String> args, Duration timeout, java.nio.file.Path log) {
        return new WatchedJvm(setup, mainClass, jvmArgs, args, timeout, log);
    }

    /**
     * Runs {@code mainClass} with {@code jvmArgs} and {@code args}; fails with a
     * {@link MeasurementException} (naming the exit code and the end of stderr) when the
     * child exits non-zero or outlives {@code timeout} (then it is killed).
     */
    public Output run(Class<?> mainClass, List<String> jvmArgs, List<String> args, Duration timeout) {
        Output out = runAllowingFailure(mainClass, jvmArgs, args, timeout);
        if (out.exitCode() != 0) {
            throw new MeasurementException("child JVM " + mainClass.getName() + " exited with " + out.exitCode() + ": " + tail(out.stderr()));
        }
        return out;
    }

    /** The command line of a child JVM (see {@link ForkSetup#command}). */
    public List<String> command(List<String> jvmArgs, String mainClass, List<String> args) {
        return setup.command(jvmArgs, mainClass, args);
    }

    /** As {@link #run}, but a non-zero exit code is returned rather than thrown (a timeout still throws). */
    public Output runAllowingFailure(Class<?> mainClass, List<String> jvmArgs, List<String> args, Duration timeout) {
        List<String> command = command(jvmArgs, mainClass.getName(), args);
        long start = System.nanoTime();
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new MeasurementException("cannot start a child JVM (" + command.get(0) + "): " + e.getMessage(), e);
        }
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new MeasurementException("child JVM " + mainClass.getName() + " took more than " + timeout.toSeconds() + " s and was stopped");
            }
            return new Output(p.exitValue(), stdout.join(), stderr.join(), Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new MeasurementException("interrupted while waiting for a child JVM", e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(String s) {
        String t = s.strip();
        return t.length() <= 800 ? t : "..." + t.substring(t.length() - 800);
    }
}
