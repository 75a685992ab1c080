package maplab.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a fresh JVM: this JVM's {@code java}, its {@code java.class.path},
 * the given JVM and program arguments, output (stdout and stderr) piped to a log file, and a
 * time limit after which the child is killed. For measurements that need a JVM of their own
 * (a JFR recording, a clean heap), the way JMH forks do.
 */
public final class ForkedJvm {

    private ForkedJvm() { }

    /**
     * Runs {@code mainClass} and returns its output.
     *
     * @throws MeasurementException when the JVM cannot start, exits non-zero, or exceeds {@code timeout}
     *                              (the message ends with its last lines of output and the log path)
     */
    public static String run(String mainClass, List<String> jvmArgs, List<String> args, Duration timeout, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        Process process;
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new MeasurementException("cannot start a JVM for " + mainClass + ": " + e.getMessage(), e);
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new MeasurementException("the JVM running " + mainClass + " took more than " + timeout.toSeconds()
                        + " s and was stopped" + tail(log));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new MeasurementException("interrupted while " + mainClass + " ran; its JVM was stopped", e);
        }
        if (process.exitValue() != 0) {
            throw new MeasurementException("the JVM running " + mainClass + " exited with " + process.exitValue() + tail(log));
        }
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MeasurementException("cannot read the output of " + mainClass + " in " + log + ": " + e.getMessage(), e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return ": " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size())) + " (log: " + log + ")";
        } catch (IOException e) {
            return " (no output; log: " + log + ")";
        }
    }
}
