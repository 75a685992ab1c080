package maplab.lab;

import java.io.IOException;
import java.nio.file.Path;

/** Lets tests of other packages (the CLI's) make shard folders as {@link ShardsTest} does. */
public final class ShardsTestAccess {
    private ShardsTestAccess() { }

    public static Path shard(Path dir, int index, int count, String machine) throws IOException {
        return ShardsTest.shard(dir, index, count, machine);
    }
}
