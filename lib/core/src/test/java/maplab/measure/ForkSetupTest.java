package maplab.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fork setup is a value: the class path and JVM it names reach the command line, and nothing global changes. */
class ForkSetupTest {

    @Test
    void extraEntriesFollowThisJvmsClassPathAndSurviveAChangeOfJvm() {
        Path jar = Path.of("subjects", "Mine.jar");
        ForkSetup withJar = ForkSetup.self().withClassPath(List.of(jar));
        String own = System.getProperty("java.class.path");
        assertThat(withJar.classPath()).startsWith(own).endsWith(File.pathSeparator + jar.toAbsolutePath().normalize());
        assertThat(ForkSetup.self().classPath()).isEqualTo(String.join(File.pathSeparator, List.of(own.split(File.pathSeparator))));
        TargetJvm other = new TargetJvm(Path.of("/opt/jdk-x"), List.of("-Xss2m"), 25);
        ForkSetup moved = withJar.on(other);
        assertThat(moved.extraClassPath()).containsExactly(jar.toAbsolutePath().normalize());
        List<String> command = moved.command(List.of("-Xmx64m"), "a.Main", List.of("arg"));
        assertThat(command).containsSubsequence("-Xss2m", "-Xmx64m", "-cp", withJar.classPath(), "a.Main", "arg");
        assertThat(command.get(0)).startsWith("/opt/jdk-x/bin/java");
        assertThat(ForkSetup.self().extraClassPath()).isEmpty();
    }

    @Test
    void jmhForksSeeTheExtraEntriesOnlyWhileForking() throws Exception {
        Path jar = Path.of("subjects", "Mine.jar").toAbsolutePath().normalize();
        String before = System.getProperty("java.class.path");
        String during = ForkSetup.self().withClassPath(List.of(jar)).whileForking(() -> System.getProperty("java.class.path"));
        assertThat(during).endsWith(jar.toString());
        assertThat(System.getProperty("java.class.path")).isEqualTo(before);
        assertThat(ForkSetup.self().whileForking(() -> System.getProperty("java.class.path"))).isEqualTo(before);
    }

    @Test
    void aMissingJvmIsRefused() {
        assertThatThrownBy(() -> new ForkSetup(null, List.of())).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("jvm:");
        assertThatThrownBy(() -> ChildJvm.of(null)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("setup:");
    }
}
