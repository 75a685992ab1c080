package maplab.measure;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * How maplab starts a measuring JVM (a JMH fork, a {@link ChildJvm}, a {@link WatchedJvm}):
 * on which JDK with which extra options ({@link TargetJvm}), and with which class path (this
 * JVM's {@code java.class.path} plus {@code extraClassPath}, such as the jars of a user's
 * subjects compiled for one run). Chosen once per run and handed down through the run context,
 * so nothing that forks reads it from a static field.
 *
 * @param jvm            the JDK and options every measuring JVM runs on
 * @param extraClassPath entries after this JVM's class path (absolute, normalized)
 * @param shard          which JMH rounds this machine measures ({@link Shard#ALL} unless the run is split)
 * @param deadline       when the run's time budget ends ({@link Deadline#NONE} without one): sequential rounds stop before it
 */
public record ForkSetup(TargetJvm jvm, List<Path> extraClassPath, Shard shard, Deadline deadline) {

    /** Held while {@code java.class.path} is changed for JMH (see {@link #whileForking}). */
    private static final Object CLASS_PATH_PROPERTY = new Object();

    public ForkSetup {
        if (jvm == null) throw new IllegalArgumentException("jvm: must be given; allowed: a TargetJvm (TargetJvm.self() for this JVM's JDK)");
        extraClassPath = extraClassPath.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        if (shard == null) shard = Shard.ALL;
        if (deadline == null) deadline = Deadline.NONE;
    }

    /** A setup without a time budget. */
    public ForkSetup(TargetJvm jvm, List<Path> extraClassPath, Shard shard) {
        this(jvm, extraClassPath, shard, Deadline.NONE);
    }

    /** A setup measuring every round (not split into shards). */
    public ForkSetup(TargetJvm jvm, List<Path> extraClassPath) {
        this(jvm, extraClassPath, Shard.ALL);
    }

    /** This setup measuring only the rounds of {@code part}. */
    public ForkSetup withShard(Shard part) {
        return new ForkSetup(jvm, extraClassPath, part, deadline);
    }

    /** This JVM's JDK without extra options, on this JVM's class path: what a run measures on unless told otherwise. */
    public static ForkSetup self() {
        return new ForkSetup(TargetJvm.self(), List.of());
    }

    /** The same class path on another JVM (an experiment that compares JDKs). */
    public ForkSetup on(TargetJvm other) {
        return new ForkSetup(other, extraClassPath, shard, deadline);
    }

    /** This setup with {@code entries} added to the class path (a run's user jars). */
    public ForkSetup withClassPath(List<Path> entries) {
        List<Path> all = new ArrayList<>(extraClassPath);
        all.addAll(entries);
        return new ForkSetup(jvm, all, shard, deadline);
    }

    /** This setup with a time budget ending at {@code end} (see {@link Deadline}). */
    public ForkSetup withDeadline(Deadline end) {
        return new ForkSetup(jvm, extraClassPath, shard, end);
    }

    /** The class path of a child JVM: this JVM's, then the extra entries not already on it. */
    public String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) if (!e.isBlank()) entries.add(e);
        for (Path p : extraClassPath) entries.add(p.toString());
        return String.join(File.pathSeparator, entries);
    }

    /**
     * The command line of a child JVM: the JDK's java, its options, then {@code jvmArgs}
     * (which win over them), -cp {@link #classPath()}, main class, arguments.
     */
    public List<String> command(List<String> jvmArgs, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(jvm.javaExecutable());
        command.addAll(jvm.jvmArgs(List.of(), jvmArgs));
        command.add("-cp");
        command.add(classPath());
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /**
     * Runs {@code action} (a JMH {@code Runner}) with {@code java.class.path} set to
     * {@link #classPath()}: JMH builds each fork's {@code -cp} from that property when it starts
     * the fork, and has no option of its own for it. Restored afterwards; with no extra entries
     * nothing changes.
     */
    public <T> T whileForking(Callable<T> action) throws Exception {
        if (extraClassPath.isEmpty()) return action.call();
        synchronized (CLASS_PATH_PROPERTY) {
            String before = System.getProperty("java.class.path");
            System.setProperty("java.class.path", classPath());
            try {
                return action.call();
            } finally {
                System.setProperty("java.class.path", before);
            }
        }
    }
}
