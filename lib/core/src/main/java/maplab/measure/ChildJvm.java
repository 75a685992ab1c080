package maplab.measure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a fresh JVM on this JVM's class path, on the measuring JDK
 * ({@link TargetJvm#current()}: this JVM's own unless {@code --jdk} chose another),
 * with piped output and a time limit. For measurements that need a new process each time,
 * such as per-JVM hash seeds.
 */
public final class ChildJvm {

    /** What a finished child printed. */
    public record Output(int exitCode, String stdout, String stderr, Duration elapsed) { }

    private ChildJvm() { }

    /** The {@code java} launcher of the measuring JDK ({@link TargetJvm#current()}). */
    public static String javaExecutable() {
        return TargetJvm.current().javaExecutable();
    }

    /**
     * Runs {@code mainClass} with {@code jvmArgs} and {@code args}; fails with a
     * {@link MeasurementException} (naming the exit code and the end of stderr) when the
     * child exits non-zero or outlives {@code timeout} (then it is killed).
     */
    public static Output run(Class<?> mainClass, List<String> jvmArgs, List<String> args, Duration timeout) {
        Output out = runAllowingFailure(mainClass, jvmArgs, args, timeout);
        if (out.exitCode() != 0) {
            throw new MeasurementException("child JVM " + mainClass.getName() + " exited with " + out.exitCode() + ": " + tail(out.stderr()));
        }
        return out;
    }

    /**
     * The command line of a child JVM on this JVM's class path (plus {@link ChildClassPath}'s run-scoped entries): the measuring JDK's java
     * ({@link TargetJvm#current()}), its extra options, then {@code jvmArgs} (which win over
     * them), -cp, main class, arguments.
     */
    public static List<String> command(List<String> jvmArgs, String mainClass, List<String> args) {
        TargetJvm target = TargetJvm.current();
        List<String> command = new ArrayList<>();
        command.add(target.javaExecutable());
        command.addAll(target.jvmArgs(List.of(), jvmArgs));
        command.add("-cp");
        command.add(ChildClassPath.value());   // this JVM's class path plus the run's extra entries (user subjects)
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /** As {@link #run}, but a non-zero exit code is returned rather than thrown (a timeout still throws). */
    public static Output runAllowingFailure(Class<?> mainClass, List<String> jvmArgs, List<String> args, Duration timeout) {
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
