package maplab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import maplab.conclude.Finding;
import maplab.conclude.ResultBuilder;
import maplab.plan.Profile;
import maplab.run.CombinedReference;
import maplab.run.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reference made from three runs of merge: copies of the stored merge reference, two of them
 * with the put loop's and fastutil's ordered fill's samples scaled (as if another session ran
 * them slower or faster), combined, re-concluded, and folded into a later run.
 */
class CombinedReferenceTest {

    private static final Path MERGE = Path.of("../../data/reference/merge").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A copy of the merge reference as run folder {@code name}, put_loop's samples times {@code loop}, the ordered fastutil set's times {@code trap}. */
    private static Path run(Path tmp, String name, double loop, double trap) throws IOException {
        assertThat(MERGE.resolve("samples.csv")).as("the merge reference (data/reference/merge) this test copies").exists();
        Path dir = tmp.resolve("runs").resolve(name);
        try (var paths = Files.walk(MERGE)) {
            for (Path p : paths.toList()) {
                Path to = dir.resolve(MERGE.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(to);
                else Files.copy(p, to);
            }
        }
        List<String> lines = Files.readAllLines(dir.resolve("samples.csv"));
        String scaled = lines.stream().map(l -> scale(scale(l, "part=jdk|subject=put_loop|", loop), "order=iteration|part=fastutil|subject=fastutil_set|", trap))
                .collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(dir.resolve("samples.csv"), scaled);
        return dir;
    }

    private static String scale(String line, String key, double factor) {
        if (!line.contains(key)) return line;
        int at = line.lastIndexOf(',');
        return line.substring(0, at + 1) + Double.parseDouble(line.substring(at + 1)) * factor;
    }

    @Test
    void threeRunsMakeAReferenceThatReconcludesAndWidensALaterRun(@TempDir Path tmp) throws Exception {
        List<Path> runs = List.of(run(tmp, "r1", 1, 1), run(tmp, "r2", 1.08, 0.8), run(tmp, "r3", 0.94, 1.2));
        Path root = tmp.resolve("reference");
        Path ref = CombinedReference.promote(runs, root, dir -> Experiments.conclude(dir, null));

        JsonNode meta = JSON.readTree(ref.resolve("meta.json").toFile());
        assertThat(meta.path(Reference.BETWEEN_RUNS).findValuesAsText("id")).containsExactly("r1", "r2", "r3");
        assertThat(ref.resolve("runs/r2/samples.csv")).exists();
        JsonNode stored = JSON.readTree(ref.resolve("findings.json").toFile());
        JsonNode putAll = byId(stored, "putall_vs_loop");
        assertThat(putAll.path("between_run").path("runs").asInt()).isEqualTo(3);
        assertThat(putAll.path("between_run").path("sd").asDouble()).isGreaterThan(0);
        assertThat(putAll.has("interval_includes")).isFalse();
        // the geometric mean of the three runs' own values
        double logMean = runs.stream().mapToDouble(r -> Math.log(Experiments.concluded(r).finding("putall_vs_loop").value())).average().orElseThrow();
        assertThat(putAll.path("value").asDouble()).isCloseTo(Math.exp(logMean), within(1e-9));
        assertThat(byId(stored, "same_hash_vs_seeded").has("between_run")).as("a bound is not combined").isFalse();
        assertThat(byId(stored, "seeded_max_probe").path("between_run").path("sd").asDouble()).as("a count equal in every run").isZero();

        // re-concluding the reference recomputes the combination from the runs' data
        Experiments.conclude(ref, tmp.resolve("again"));
        assertThat(JSON.readTree(tmp.resolve("again/findings.json").toFile())).isEqualTo(stored);

        // a later run (the first run's data) concluded against it: intervals widened, the finding says so
        Reference reference = Reference.find(root, "merge").orElseThrow();
        ResultBuilder built = new ResultBuilder();
        Experiments.concluded(runs.get(0)).findings().forEach(built::finding);
        Finding before = built.findings().stream().filter(f -> f.id().equals("putall_vs_loop")).findFirst().orElseThrow();
        Experiments.foldBetweenRuns(reference, runs.get(0), Profile.FULL, built);
        Finding after = built.findings().stream().filter(f -> f.id().equals("putall_vs_loop")).findFirst().orElseThrow();
        assertThat(after.value()).isEqualTo(before.value());
        assertThat(after.low()).isLessThan(before.low());
        assertThat(after.high()).isGreaterThan(before.high());
        assertThat(after.betweenRun().folded()).isTrue();
        assertThat(after.text()).contains("between-run spread of 3 runs");
        assertThat(maplab.render.Html.interval(after)).endsWith(", with the spread of 3 runs");
        assertThat(maplab.render.Html.interval(reference.finding("putall_vs_loop").orElseThrow())).endsWith(", over 3 runs");

        // another profile's run is not folded
        ResultBuilder quick = new ResultBuilder();
        quick.finding(before);
        Experiments.foldBetweenRuns(reference, runs.get(0), Profile.QUICK, quick);
        assertThat(quick.findings()).containsExactly(before);
    }

    @Test
    void refusesTooFewRunsAndRunsThatDifferInMoreThanTheSession(@TempDir Path tmp) throws Exception {
        Path a = run(tmp, "a", 1, 1);
        Path b = run(tmp, "b", 1, 1);
        Path c = run(tmp, "c", 1, 1);
        Path root = tmp.resolve("reference");
        assertThatThrownBy(() -> CombinedReference.promote(List.of(a, b), root, dir -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("runDir: a reference from several runs needs at least 3 run folders, got 2");
        Files.writeString(c.resolve("meta.json"), Files.readString(c.resolve("meta.json")).replace("\"overlap_pct\" : 50", "\"overlap_pct\" : 25"));
        assertThatThrownBy(() -> CombinedReference.promote(List.of(a, b, c), root, dir -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("runDir: 'c' differs from 'a' (overlap_pct: 25 vs 50); allowed: runs of one experiment, profile and parameters (only the session or machine differs)");
        assertThatThrownBy(() -> CombinedReference.promote(List.of(a, b, a), root, dir -> { })).hasMessageContaining("is given twice");
        assertThat(root).doesNotExist();
    }

    private static JsonNode byId(JsonNode findings, String id) {
        for (JsonNode f : findings) if (id.equals(f.path("id").asText())) return f;
        throw new AssertionError("no finding " + id);
    }
}
