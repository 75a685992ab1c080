package maplab.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import maplab.cli.Main;
import maplab.lab.Experiments;
import maplab.plan.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --jdk and --jvm-opts: every bad value is refused before anything is measured, naming what is wrong. */
class TargetJvmTest {

    static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    @Test
    void aMissingPathIsRefused() {
        assertThatThrownBy(() -> TargetJvm.resolve("/no/such/jdk", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("jdk: '/no/such/jdk' does not exist");
    }

    @Test
    void aFolderWithoutBinJavaIsNotAJdk(@TempDir Path tmp) {
        assertThatThrownBy(() -> TargetJvm.resolve(tmp.toString(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a JDK home (no bin/java");
    }

    @Test
    void aJdkOlderThan17IsRefused(@TempDir Path tmp) throws Exception {
        Path java = fakeJava(tmp, "11.0.2", 0);
        assertThatThrownBy(() -> TargetJvm.resolve(java.getParent().getParent().toString(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is JDK 11; allowed: JDK 17 or newer");
    }

    @Test
    void aJdkThatDoesNotStartIsRefused(@TempDir Path tmp) throws Exception {
        Path java = fakeJava(tmp, "21", 1);
        assertThatThrownBy(() -> TargetJvm.resolve(java.getParent().getParent().toString(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not start");
    }

    @Test
    void anOptionTheJdkRejectsIsNamed() {
        String home = System.getProperty("java.home");
        assertThatThrownBy(() -> TargetJvm.resolve(home, "-XX:+NoSuchFlagAnywhere"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("jvm_opts: the JDK at").hasMessageContaining("rejects '-XX:+NoSuchFlagAnywhere'");
        assertThatThrownBy(() -> TargetJvm.resolve(null, "UseCompactObjectHeaders"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("jvm_opts: 'UseCompactObjectHeaders' is not a JVM option");
        assertThatThrownBy(() -> TargetJvm.resolve(null, "-cp /tmp"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'-cp' is set by maplab itself");
    }

    @Test
    void aShortVersionResolvesOnlyWhenExactlyOneJdkMatches() {
        List<TargetJvm.Installed> two17 = List.of(new TargetJvm.Installed(Path.of("/a/jdk17"), 17), new TargetJvm.Installed(Path.of("/b/jdk17"), 17),
                new TargetJvm.Installed(Path.of("/c/jdk25"), 25));
        assertThat(TargetJvm.installedHome(25, two17)).isEqualTo(Path.of("/c/jdk25"));
        assertThatThrownBy(() -> TargetJvm.installedHome(17, two17)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 installed JDKs are version 17").hasMessageContaining("/a/jdk17, /b/jdk17");
        assertThatThrownBy(() -> TargetJvm.installedHome(21, two17)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no installed JDK 21 found").hasMessageContaining("/c/jdk25 (25)");
        assertThatThrownBy(() -> TargetJvm.resolve("9", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("jdk: no installed JDK 9 found");
    }

    @Test
    void theTemurin25JdkResolvesByVersionWithCompactHeaders() {
        assertThat(TEMURIN_25.resolve("bin/java")).as("this machine's Temurin 25 JDK (see the env entry)").isExecutable();
        TargetJvm t = TargetJvm.resolve("25", "-XX:+UseCompactObjectHeaders");
        assertThat(t.feature()).isEqualTo(25);
        assertThat(t.javaHome()).isEqualTo(TEMURIN_25.toAbsolutePath());
        assertThat(t.compactHeaders()).isTrue();
        assertThat(t.vendor()).isNotEqualTo("unknown");
        // JDK 17 has no compact headers: the option is refused there, by name
        assertThatThrownBy(() -> TargetJvm.resolve("17", "-XX:+UseCompactObjectHeaders")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rejects '-XX:+UseCompactObjectHeaders'");
    }

    @Test
    void childJvmsRunOnTheTargetWithItsOptionsAndExplicitArgumentsWin() {
        TargetJvm t = TargetJvm.resolve(TEMURIN_25.toString(), "-Xss2m -XX:+UseSerialGC");
        ForkSetup on25 = new ForkSetup(t, List.of());
        ChildJvm child = ChildJvm.of(on25);
        List<String> cmd = child.command(List.of("-XX:+UseParallelGC"), "X", List.of());
        assertThat(cmd.get(0)).isEqualTo(TEMURIN_25.resolve("bin/java").toString());
        assertThat(cmd).contains("-Xss2m", "-XX:+UseParallelGC").doesNotContain("-XX:+UseSerialGC");
        assertThat(Jmh.benchmark("x").forks(on25).forkJvmArgs()).contains("-Xss2m", "-XX:+UseSerialGC").doesNotContain("-XX:+UseParallelGC");
        ChildJvm.Output out = child.run(PrintVersion.class, List.of(), List.of(), Duration.ofSeconds(60));
        assertThat(out.stdout().strip()).isEqualTo("25");
        // nothing global changed: a JMH run or child JVM not given the setup still starts on this JVM's JDK
        assertThat(Jmh.benchmark("x").target().isSelf()).isTrue();
        assertThat(ChildJvm.of(ForkSetup.self()).command(List.of(), "X", List.of()).get(0)).isEqualTo(TargetJvm.self().javaExecutable());
    }

    @Test
    void thePlanOfARunOnAnotherJdkNamesItInEveryJmhCellAndTheRunContextCarriesIt() {
        maplab.plan.Plan on25 = Experiments.plan("key-types", Profile.QUICK, Map.of("jdk", TEMURIN_25.toString(), "jvm_opts", "-XX:+UseCompactObjectHeaders"));
        assertThat(on25.cells()).isNotEmpty().allSatisfy(c -> assertThat(c.options()).contains("on JDK 25 -XX:+UseCompactObjectHeaders"));
        assertThat(Experiments.plan("key-types", Profile.QUICK, Map.of()).cells()).allSatisfy(c -> assertThat(c.options()).doesNotContain("on JDK"));

        TargetJvm t = TargetJvm.resolve(TEMURIN_25.toString(), null);
        maplab.experiments.Experiment keyTypes = Experiments.byId("key-types");
        maplab.experiments.RunContext ctx = maplab.experiments.RunContext.forPlan(keyTypes,
                maplab.plan.Params.resolve(keyTypes, Profile.QUICK, Map.of()), Profile.QUICK, new ForkSetup(t, List.of(Path.of("u.jar"))));
        assertThat(ctx.jdkFeature()).isEqualTo(25);
        assertThat(ctx.jmh("x").target()).isEqualTo(t);
        assertThat(ctx.jmh("x").describe()).containsKey("extra_class_path");
        assertThat(ctx.childJvm().setup()).isEqualTo(ctx.forks());
    }

    @Test
    void badJdkValuesExitTwoOnTheCommandLineAndThrowInNotebooks(@TempDir Path tmp) {
        for (String[] args : new String[][] {{"run", "presize", "--jdk", "/no/such/jdk"}, {"run", "presize", "--jdk", tmp.toString()},
                {"run", "presize", "--jdk", "9"}, {"run", "presize", "--jvm-opts=-XX:+NoSuchFlagAnywhere"}}) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
            assertThat(code).as(String.join(" ", args)).isEqualTo(Main.BAD_INPUT);
            assertThat(err.toString().strip().lines()).as(err.toString()).hasSize(1);
            assertThat(err.toString()).matches("(?s)maplab: (jdk|jvm_opts): .*").doesNotContain("Exception");
        }
        assertThatThrownBy(() -> Experiments.run("presize", Profile.QUICK, Map.of("jdk", "/no/such/jdk")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("jdk: '/no/such/jdk' does not exist");
    }

    /** A bin/java that prints java.specification.version as -XshowSettings does, and exits with {@code exit}. */
    static Path fakeJava(Path home, String version, int exit) throws Exception {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho 'Property settings:' >&2\necho '    java.specification.version = " + version + "' >&2\n"
                + "echo '    java.vendor = Fake' >&2\nexit " + exit + "\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return java;
    }

    /** Child main: prints its JVM's feature version. */
    public static final class PrintVersion {
        public static void main(String[] args) {
            System.out.println(Runtime.version().feature());
        }
    }
}
