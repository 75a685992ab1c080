package maplab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import maplab.conclude.Finding;
import maplab.conclude.Result;
import maplab.plan.Params;
import maplab.plan.Profile;
import maplab.progress.Progress;
import maplab.render.Html;
import maplab.run.Reference;
import maplab.run.RunFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report --from}: which stored run a notebook's {@code Experiments.run(id, profile, params)}
 * takes (same experiment, profile and parameters after defaults, same measuring JVM; newest first;
 * only finished runs), what it says when none matches, and that taking one rewrites nothing.
 */
class StoredRunsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path REFERENCES = Path.of("../../data/reference").toAbsolutePath().normalize();

    @TempDir
    Path runs;

    /** A run folder's meta.json (only what matching reads) for presize with {@code overrides} over the profile's defaults. */
    Path stored(String name, Profile profile, Map<String, String> overrides, String start, Map<String, Object> extra) throws Exception {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("experiment", "presize");
        meta.put("status", "ok");
        meta.put("profile", profile.label());
        meta.put("params", Params.resolve(Experiments.byId("presize"), profile, overrides).asMap());
        meta.put("start", start);
        meta.put("environment", Map.of("java_version", System.getProperty("java.version"), "java_vendor", "test"));
        meta.putAll(extra);
        Path dir = Files.createDirectories(runs.resolve(name));
        JSON.writeValue(dir.resolve("meta.json").toFile(), meta);
        Files.writeString(dir.resolve("samples.csv"), "");
        return dir;
    }

    StoredRuns in(Path... dirs) {
        return new StoredRuns(List.of(dirs), false);
    }

    @Test
    void takesTheRunWithTheSameExperimentProfileAndParametersAfterDefaults() throws Exception {
        Path run = stored("20261201T000000Z-presize", Profile.QUICK, Map.of(), "2026-12-01T00:00:00Z", Map.of());
        String defaultN = String.valueOf(Params.resolve(Experiments.byId("presize"), Profile.QUICK, Map.of()).asMap().get("n"));

        assertThat(in(runs).matching(StoredRuns.wanted("presize", Profile.QUICK, Map.of())))
                .extracting(StoredRuns.Candidate::dir).containsExactly(run);
        assertThat(in(runs).matching(StoredRuns.wanted("presize", Profile.QUICK, Map.of("n", defaultN))))
                .as("a parameter set to its default is the default").extracting(StoredRuns.Candidate::dir).containsExactly(run);
        assertThat(in(run).matching(StoredRuns.wanted("presize", Profile.QUICK, Map.of())))
                .as("DIR may be the run folder itself").extracting(StoredRuns.Candidate::dir).containsExactly(run);
    }

    @Test
    void newestFirstByWhenItWasMeasured() throws Exception {
        Path older = stored("b-older", Profile.QUICK, Map.of(), "2026-12-01T10:00:00Z", Map.of());
        Path newer = stored("a-newer", Profile.QUICK, Map.of(), "2026-12-02T09:00:00Z", Map.of());

        assertThat(in(runs).matching(StoredRuns.wanted("presize", Profile.QUICK, Map.of())))
                .extracting(StoredRuns.Candidate::dir).containsExactly(newer, older);
    }

    @Test
    void differentParametersProfileOrMeasuringJvmAndUnfinishedRunsDoNotMatch() throws Exception {
        stored("other-n", Profile.QUICK, Map.of("n", "12345"), "2026-12-01T00:00:00Z", Map.of());
        stored("full", Profile.FULL, Map.of(), "2026-12-01T00:00:00Z", Map.of());
        stored("failed", Profile.QUICK, Map.of(), "2026-12-01T00:00:00Z", Map.of("status", "failed"));
        stored("shard", Profile.QUICK, Map.of(), "2026-12-01T00:00:00Z", Map.of("shard", Map.of("index", 1, "count", 2)));
        stored("with-options", Profile.QUICK, Map.of(), "2026-12-01T00:00:00Z", Map.of("environment", Map.of("measuring_jvm",
                Map.of("java_version", System.getProperty("java.version"), "options", List.of("-Xss1m")))));
        StoredRuns stored = in(runs);

        assertThat(stored.candidates()).hasSize(5);
        assertThat(stored.matching(StoredRuns.wanted("presize", Profile.QUICK, Map.of()))).isEmpty();
        assertThat(stored.matching(StoredRuns.wanted("presize", Profile.QUICK, Map.of("n", "12345"))))
                .extracting(c -> c.dir().getFileName().toString()).containsExactly("other-n");
        assertThat(stored.matching(StoredRuns.wanted("presize", Profile.QUICK, Map.of("jvm_opts", "-Xss1m"))))
                .extracting(c -> c.dir().getFileName().toString()).containsExactly("with-options");
        assertThat(stored.closest(StoredRuns.wanted("presize", Profile.QUICK, Map.of("n", "777"))))
                .as("the nearest stored run is named with what differs").contains("closest: ", "(differs in n)");
    }

    @Test
    void aFolderWithoutSamplesIsNotTakenAndTheClosestSaysSo() throws Exception {
        Path copy = stored("report-copy", Profile.QUICK, Map.of(), "2026-12-01T00:00:00Z", Map.of());
        Files.delete(copy.resolve("samples.csv"));

        assertThat(in(runs).matching(StoredRuns.wanted("presize", Profile.QUICK, Map.of())))
                .as("concluded without its samples, a run would lose its per-round intervals").isEmpty();
        assertThat(in(runs).closest(StoredRuns.wanted("presize", Profile.QUICK, Map.of())))
                .contains("report-copy", "(differs in samples (no samples.csv))");
    }

    @Test
    void strictFailsNamingTheRunSoughtAndTheFolders() throws Exception {
        stored("other-n", Profile.QUICK, Map.of("n", "12345"), "2026-12-01T00:00:00Z", Map.of());
        StoredRuns strict = new StoredRuns(List.of(runs), true);

        assertThatThrownBy(() -> strict.take("presize", Profile.QUICK, Map.of("n", "4096"), Progress.SILENT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("from: no stored run of presize (quick, {n=4096, ")
                .hasMessageEndingWith(") in " + runs);
        assertThat(in(runs).take("presize", Profile.QUICK, Map.of("n", "4096"), Progress.SILENT))
                .as("not strict: none found means measure it").isNull();
        assertThatThrownBy(() -> strict.take("presize", Profile.QUICK, Map.of("size", "4096"), Progress.SILENT))
                .as("bad input is refused as a run refuses it").hasMessageContaining("parameter 'size' is not a parameter of experiment 'presize'");
    }

    @Test
    void readsTheFoldersAndStrictFromTheEnvironment() {
        StoredRuns s = StoredRuns.fromEnvironment(Map.of(StoredRuns.FROM_ENV, "/a/runs" + File.pathSeparator + "/b/run", StoredRuns.STRICT_ENV, "1"));
        assertThat(s.dirs()).containsExactly(Path.of("/a/runs"), Path.of("/b/run"));
        assertThat(s.strict()).isTrue();
        assertThat(StoredRuns.fromEnvironment(Map.of(StoredRuns.FROM_ENV, "/a")).strict()).isFalse();
        assertThat(StoredRuns.fromEnvironment(Map.of())).isNull();
        assertThat(StoredRuns.fromEnvironment(Map.of(StoredRuns.FROM_ENV, "/a", Experiments.DRY_RUN_ENV, "/tmp/plans"))).as("a dry run measures nothing anyway").isNull();
    }

    @Test
    void takingAReferenceConcludesItAgainWithoutRewritingItAndSaysWhereAndWhenItWasMeasured() throws Exception {
        Path reference = REFERENCES.resolve("key-types");
        String before = treeDigest(reference);

        Result r = in(REFERENCES).take("key-types", Profile.FULL, Map.of(), Progress.SILENT);

        assertThat(r).as("the full profile's defaults are the reference's parameters").isNotNull();
        assertThat(r.storedRun()).isEqualTo(reference);
        assertThat(r.runDir()).isEqualTo(reference);
        assertThat(r.findings()).extracting(Finding::id, Finding::value, Finding::verdict)
                .containsExactlyElementsOf(RunFolder.readFindings(reference).stream().map(f -> org.assertj.core.groups.Tuple.tuple(f.id(), f.value(), f.verdict())).toList());
        assertThat(Html.fragment(r, Reference.Lookup.NONE)).contains("From stored run " + reference + ", measured 2026-11-28 05:44:01 UTC");
        assertThat(treeDigest(reference)).as("the stored folder is not rewritten").isEqualTo(before);
    }

    /** Every file's path, size, modification time and bytes under {@code dir}. */
    static String treeDigest(Path dir) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                md.update((dir.relativize(f) + " " + Files.getLastModifiedTime(f) + "\n").getBytes());
                md.update(Files.readAllBytes(f));
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
