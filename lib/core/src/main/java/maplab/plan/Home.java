package maplab.plan;

import java.nio.file.Path;

/**
 * The maplab checkout: the system property {@code maplab.home} when set (a test points the lab at
 * a folder of its own: it must win over the environment, or a test run under {@code ./maplab test}
 * would write into the checkout's data), else {@code MAPLAB_HOME} (set by the launcher and the
 * kernelspec), else the working directory.
 */
public final class Home {
    private Home() { }

    public static Path dir() {
        String home = System.getProperty("maplab.home");
        if (home == null || home.isBlank()) home = System.getenv("MAPLAB_HOME");
        return Path.of(home == null || home.isBlank() ? "." : home).toAbsolutePath().normalize();
    }

    /**
     * Where run folders go by default: {@code MAPLAB_RUNS_DIR} when set (a Slurm report task
     * puts its runs into its job's folder), else {@code <home>/runs}.
     */
    public static Path runs() {
        String runs = System.getenv("MAPLAB_RUNS_DIR");
        return runs == null || runs.isBlank() ? dir().resolve("runs") : Path.of(runs).toAbsolutePath().normalize();
    }

    /** The data folder: {@code <home>/data}. */
    public static Path data() {
        return dir().resolve("data");
    }
}
