package maplab.subject.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import maplab.lab.Experiments;
import maplab.plan.Profile;
import maplab.measure.ForkSetup;
import maplab.measure.ChildJvm;
import maplab.subject.intmap.LongMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User subjects from source: compile, bad input, the map contract, the jar and the child class path. */
class UserSubjectTest {

    static String resource(String name) throws IOException {
        try (var in = UserSubjectTest.class.getResourceAsStream("/user/" + name)) {
            if (in == null) throw new IllegalStateException("test resource /user/" + name + " is missing");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }


    @Test
    void robinHoodMapCompilesLoadsAndKeepsTheContract() throws IOException {
        UserSubject s = UserSubject.compile(resource("RobinHoodMap.java"));
        assertThat(s.id()).isEqualTo("user:RobinHoodMap");
        LongMap m = s.newMap();
        for (long k = -500; k < 500; k++) assertThat(m.put(k, k * 3)).isTrue();
        assertThat(m.size()).isEqualTo(1000);
        assertThat(m.getOrDefault(-7, 1)).isEqualTo(-21);
        MapContract.Report r = s.checkContract(42);
        assertThat(r.operations()).isGreaterThan(100_000);
        assertThat(UserSubject.byId("user_subjects", "user:RobinHoodMap")).isSameAs(s);
    }

    @Test
    void aWrongGetIsCaughtWithTheOperationsThatShowIt() throws IOException {
        UserSubject s = UserSubject.compile(UserSources.wrongGetMap());
        var v = MapContract.check(s::newMap, 42);
        assertThat(v).isPresent();
        assertThat(v.get().what()).contains("getOrDefault(-").contains("(the key is in the map)");
        // shrunk: a put of that negative key, then the get that misses it
        assertThat(v.get().operations()).hasSizeLessThanOrEqualTo(3);
        assertThat(v.get().operations().get(v.get().operations().size() - 1).kind()).isEqualTo(MapContract.Op.Kind.GET);
        assertThatThrownBy(() -> s.checkContract(42)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subject 'user:WrongGetMap': breaks the map contract, so nothing is benchmarked with it")
                .hasMessageContaining("1. put(-");
    }

    @Test
    void aSubjectBreakingTheContractStopsTheRunBeforeAnythingIsWrittenOrMeasured(@TempDir Path tmp) throws IOException {
        UserSubject s = UserSubject.compile(UserSources.wrongGetMap());
        Path out = tmp.resolve("run");
        assertThatThrownBy(() -> Experiments.run("key-order", Profile.QUICK, Map.of("n", "1024", "user_subjects", s.id()), out,
                maplab.progress.Progress.SILENT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("breaks the map contract");
        assertThat(out).doesNotExist();
    }

    @Test
    void aCompileErrorShowsJavacsDiagnosticsWithLineNumbers() {
        String source = "import maplab.subject.intmap.LongMap;\n"
                + "public class Broken implements LongMap {\n"
                + "    public boolean put(long key, long value) { return nope; }\n"
                + "}\n";
        assertThatThrownBy(() -> UserSubject.compile(source)).isInstanceOf(UserSubjectException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> {
                    UserSubjectException u = (UserSubjectException) e;
                    assertThat(u.headline()).startsWith("subject Broken.java: does not compile").doesNotContain("\n");
                    assertThat(u.diagnostics()).anySatisfy(d -> assertThat(d).startsWith("Broken.java:3:").contains("cannot find symbol"));
                    assertThat(u.diagnostics()).anySatisfy(d -> assertThat(d).startsWith("Broken.java:2:").contains("not abstract"));
                    assertThat(u.getMessage()).contains("return nope;");
                });
    }

    @Test
    void aClassThatDoesNotImplementTheFacadeIsNamed() {
        assertThatThrownBy(() -> UserSubject.compile("public class NotAMap { public NotAMap() { } }"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subject NotAMap: does not implement maplab.subject.intmap.LongMap");
    }

    @Test
    void aClassWithoutAPublicNoArgumentConstructorIsNamed() throws IOException {
        String source = resource("RobinHoodMap.java").replace("RobinHoodMap", "SizedMap")
                .replace("public SizedMap() { }", "public SizedMap(int expected) { }");
        assertThatThrownBy(() -> UserSubject.compile(source)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subject SizedMap: has no public no-argument constructor");
    }

    @Test
    void sourceWithoutAPublicClassAndUnknownIdsAreNamed() {
        assertThatThrownBy(() -> UserSubject.compile("class Hidden { }")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source: no public class found");
        assertThatThrownBy(() -> Experiments.run("key-order", Profile.QUICK, Map.of("user_subjects", "user:NeverCompiled")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameter 'user_subjects': unknown user subject 'user:NeverCompiled'");
        assertThatThrownBy(() -> Experiments.run("key-order", Profile.QUICK, Map.of("user_subjects", "RobinHoodMap")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameter 'user_subjects'");
    }

    @Test
    void theJarHoldsClassesAndSourceAndChildJvmsFindTheClass(@TempDir Path tmp) throws Exception {
        String source = resource("RobinHoodMap.java").replace("RobinHoodMap", "MainMap").replace("public MainMap() { }",
                "public MainMap() { }\n    public static void main(String[] a) { MainMap m = new MainMap(); m.put(7, 8);"
                        + " System.out.println(\"child sees \" + m.getOrDefault(7, 0)); }");
        UserSubject s = UserSubject.compile(source);
        Path jar = s.writeTo(tmp.resolve("subjects"));
        assertThat(tmp.resolve("subjects/MainMap.java")).hasContent(source);
        try (JarFile j = new JarFile(jar.toFile())) {
            assertThat(j.getEntry("MainMap.class")).isNotNull();
            assertThat(j.getEntry("MainMap.java")).isNotNull();
        }
        // without the run's class path the child cannot find the class; with it, it can
        assertThat(ChildJvm.of(ForkSetup.self()).runAllowingFailure(s.type(), List.of(), List.of(), Duration.ofSeconds(60)).exitCode()).isNotZero();
        ChildJvm withJar = ChildJvm.of(ForkSetup.self().withClassPath(List.of(jar)));
        assertThat(withJar.command(List.of(), "X", List.of())).anySatisfy(a -> assertThat(a).contains(jar.toString()));
        ChildJvm.Output out = withJar.run(s.type(), List.of(), List.of(), Duration.ofSeconds(60));
        assertThat(out.stdout()).contains("child sees 8");
    }

    @Test
    void findingNamesAreSnakeCase() {
        assertThat(UserSubject.findingName("user:org.x.RobinHoodMap")).isEqualTo("user_robin_hood_map");
        assertThat(UserSubject.label("user:org.x.RobinHoodMap")).isEqualTo("RobinHoodMap (yours)");
    }

    @Test
    void aMapStuckInAnEndlessLoopIsReportedNotWaitedFor() throws IOException {
        // never grows: once full, put probes forever
        String source = resource("RobinHoodMap.java").replace("RobinHoodMap", "NeverGrowsMap")
                .replace("if ((size + 1) * 4L > keys.length * 3L) grow();", "");
        UserSubject s = UserSubject.compile(source);
        var before = MapContract.timeLimit;
        MapContract.timeLimit = java.time.Duration.ofSeconds(3);
        try {
            long start = System.nanoTime();
            assertThatThrownBy(() -> s.checkContract(42)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("did not finish within 3 s").hasMessageContaining("put(");
            assertThat(System.nanoTime() - start).isLessThan(30_000_000_000L);
        } finally {
            MapContract.timeLimit = before;
        }
    }
}
