package maplab.plan;

import java.nio.file.Path;

/** The maplab checkout: {@code MAPLAB_HOME} (set by the launcher and the kernelspec), else the working directory. */
public final class Home {
    private Home() { }

    public static Path dir() {
        String home = System.getenv("MAPLAB_HOME");
        if (home == null || home.isBlank()) home = System.getProperty("maplab.home");
        return Path.of(home == null || home.isBlank() ? "." : home).toAbsolutePath().normalize();
    }

    /** Where run folders go by default: {@code <home>/runs}. */
    public static Path runs() {
        return dir().resolve("runs");
    }

    /** The data folder: {@code <home>/data}. */
    public static Path data() {
        return dir().resolve("data");
    }
}
