package maplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {

    record Outcome(int code, String out, String err) { }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        for (String[] args : new String[][] {
                {"run", "nonsense"}, {"run", "presize", "--set", "n=-1"}, {"run", "presize", "--profile", "fast"},
                {"run", "presize", "--set", "size=3"}, {"run"}, {"frobnicate"}}) {
            Outcome o = run(args);
            assertThat(o.code()).as(String.join(" ", args)).isEqualTo(Main.BAD_INPUT);
            assertThat(o.err().strip().lines()).as(o.err()).hasSize(1);
            assertThat(o.err()).startsWith("maplab: ").doesNotContain("Exception", "\tat ");
        }
    }

    @Test
    void anOutFolderThatCannotBeWrittenIsBadInputWithASentence(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(tmp.resolve("a-file"), "x");
        Outcome o = run("run", "seed-order", "--out", file.resolve("run").toString());
        assertThat(o.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(o.err().strip().lines()).hasSize(1);
        assertThat(o.err()).startsWith("maplab: out: cannot write a run folder at").doesNotContain("Exception", "\tat ");
        Outcome effort = run("run", "merge", "--set", "jdk_effort=lots");
        assertThat(effort.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(effort.err()).contains("parameter 'jdk_effort'", "4:2x100ms+3x100ms");
    }

    @Test
    void aRepeatedValueInAListIsRefusedWithOneLineBeforeAnythingRuns() {
        Outcome o = run("run", "sync-variants", "--set", "latency_read_pcts=5,42,5", "--set", "throughput_effort=2:1x20ms+1x20ms");
        assertThat(o.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(o.err().strip().lines()).hasSize(1);
        assertThat(o.err()).startsWith("maplab: parameter 'latency_read_pcts': bad value '5,42,5': 5 appears more than once");
        Outcome choices = run("run", "collisions", "--dry-run", "--set", "cases=constant_hash,constant_hash");
        assertThat(choices.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(choices.err()).contains("parameter 'cases'", "constant_hash appears more than once");
    }

    @Test
    void dryRunPrintsTheCheckedPlanWithAnEstimateAndMeasuresNothing(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
        for (String profile : new String[] {"quick", "full", "smoke"}) {
            for (String id : maplab.lab.Experiments.ids()) {
                long start = System.nanoTime();
                Outcome o = run("run", id, "--dry-run", "--profile", profile, "--out", tmp.resolve(id + "-" + profile).toString());
                assertThat(o.code()).as(id + " " + profile + ": " + o.err()).isEqualTo(Main.OK);
                assertThat(o.out()).startsWith("plan of " + id + " (" + profile + "): ").contains("estimate ", "findings: ");
                assertThat(java.nio.file.Files.exists(tmp.resolve(id + "-" + profile))).as("a dry run writes no run folder").isFalse();
                assertThat((System.nanoTime() - start) / 1e9).as(id + " " + profile + " dry run seconds").isLessThan(10);
            }
        }
        // the case the full profile used to time twice: a growth case that is also a peer case, at peer_n
        Outcome clash = run("run", "collisions", "--dry-run", "--set", "cases=colliding_string_agrona,random_string_agrona",
                "--set", "growth_cases=colliding_string_agrona", "--set", "peer_cases=colliding_string_agrona", "--set", "sizes=256,4096",
                "--set", "insert_effort=1:1x20ms+1x20ms");
        assertThat(clash.code()).as(clash.err()).isEqualTo(Main.OK);
        assertThat(clash.out().lines().filter(l -> l.contains("CollisionsBench.insert n=4096 subject=COLLIDING_STRING_AGRONA"))).hasSize(1);
    }

    @Test
    void listNamesEachExperimentWithOneLine() {
        Outcome o = run("list");
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("presize");
        assertThat(run("list", "-v").out()).contains("seed", "whole number", "jdk_effort", "6-12:2x200ms+3x200ms");
    }

    @Test
    void aSubjectFileThatDoesNotCompileExitsTwoWithOneLineAndJavacsDiagnostics(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(tmp.resolve("Typo.java"),
                "import maplab.subject.intmap.LongMap;\npublic class Typo implements LongMap {\n    int size() { return sizee; }\n}\n");
        Outcome o = run("run", "key-order", "--subject", file.toString(), "--out", tmp.resolve("run").toString());
        assertThat(o.code()).isEqualTo(Main.BAD_INPUT);
        java.util.List<String> lines = o.err().strip().lines().toList();
        assertThat(lines.get(0)).startsWith("maplab: subject Typo.java: does not compile");
        assertThat(lines.subList(1, lines.size())).anySatisfy(l -> assertThat(l).startsWith("Typo.java:3:").contains("cannot find symbol"));
        assertThat(o.err()).doesNotContain("\tat ");
        assertThat(tmp.resolve("run")).doesNotExist();
    }

    @Test
    void badSubjectsOnTheCommandLineExitTwoWithOneLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        String robin;
        try (var in = MainTest.class.getResourceAsStream("/user/RobinHoodMap.java")) {
            robin = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        java.nio.file.Path noCtor = java.nio.file.Files.writeString(tmp.resolve("NoCtor.java"),
                robin.replace("RobinHoodMap", "NoCtor").replace("public NoCtor() { }", "public NoCtor(int n) { }"));
        java.nio.file.Path notMap = java.nio.file.Files.writeString(tmp.resolve("NotMap.java"), "public class NotMap { }\n");
        java.nio.file.Path wrongGet = java.nio.file.Files.writeString(tmp.resolve("WrongGetMap.java"), maplab.subject.user.UserSources.wrongGetMap());
        java.nio.file.Path good = java.nio.file.Files.writeString(tmp.resolve("RobinHoodMap.java"), robin);
        java.nio.file.Path randomHash = java.nio.file.Files.writeString(tmp.resolve("RandomHash.java"),
                "public class RandomHash implements maplab.subject.probe.LongHash { public long hash(long k) { return k ^ System.nanoTime(); } }\n");
        java.nio.file.Path identityKeys = java.nio.file.Files.writeString(tmp.resolve("IdentityKeysCli.java"),
                "public class IdentityKeysCli implements maplab.subject.keys.KeySource { public Object key(int i) { return new Object(); } }\n");
        java.nio.file.Path jsh = java.nio.file.Files.writeString(tmp.resolve("drift.jsh"),
                "class NotDeterministicJsh implements maplab.subject.probe.LongHash { long n; public long hash(long k) { return k + n++; } }\n/exit\n");
        java.nio.file.Path keys = java.nio.file.Files.writeString(tmp.resolve("ListKeys.java"),
                "public class ListKeys implements maplab.subject.keys.KeySource { public Object key(int i) { return java.util.List.of(i); } }\n");
        String[][] cases = {
                {"has no public no-argument constructor", "run", "key-order", "--subject", noCtor.toString()},
                {"does not implement maplab.subject.intmap.LongMap", "run", "merge", "--subject", notMap.toString()},
                {"breaks the map contract", "run", "key-order", "--subject", wrongGet.toString()},
                {"is not a .java file", "run", "key-order", "--subject", tmp.resolve("x.txt").toString()},
                {"--subject: experiment 'presize' takes no user subjects; allowed for: key-order, merge", "run", "presize", "--subject", good.toString()},
                {"the hash is not deterministic", "run", "key-order", "--subject", randomHash.toString()},
                {"--subject: ListKeys implements maplab.subject.keys.KeySource, which experiment 'merge' does not take; allowed for it: collisions, key-types", "run", "merge", "--subject", keys.toString()},
                // a key source goes into key-types' user_key_types, where the equals/hashCode check stops it
                {"subject 'user:IdentityKeysCli': breaks the equals/hashCode contract", "run", "key-types", "--subject", identityKeys.toString()},
                {"subject 'user:NotDeterministicJsh': the hash is not deterministic", "run", "key-order", "--subject", jsh.toString()}};
        for (String[] c : cases) {
            Outcome o = run(java.util.Arrays.copyOfRange(c, 1, c.length));
            assertThat(o.code()).as(String.join(" ", c)).isEqualTo(Main.BAD_INPUT);
            assertThat(o.err().strip().lines()).as(o.err()).hasSize(1);
            assertThat(o.err()).startsWith("maplab: ").contains(c[0]).doesNotContain("\tat ");
        }
    }
}
