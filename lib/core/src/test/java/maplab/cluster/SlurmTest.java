package maplab.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding Slurm's client: no sbatch on the PATH is bad input with one line saying what to do. */
class SlurmTest {

    @Test
    void noSbatchOnThePathIsBadInputWithOneLine(@TempDir Path tmp) {
        assertThatThrownBy(() -> Slurm.requireSbatch(tmp.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("slurm: sbatch not found on the PATH; install Slurm's client or run on a login node");
    }

    @Test
    void anExecutableSbatchOnThePathIsFound(@TempDir Path tmp) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path sbatch = Files.writeString(bin.resolve("sbatch"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(sbatch, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThat(Slurm.onPath("sbatch", tmp.resolve("nothing") + java.io.File.pathSeparator + bin)).isEqualTo(sbatch);
        assertThat(Slurm.onPath("sbatch", tmp.toString())).isNull();
    }
}
