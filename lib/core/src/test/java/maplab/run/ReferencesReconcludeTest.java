package maplab.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import maplab.lab.Experiments;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every reference in {@code data/reference/} (full profile) and {@code data/reference/quick/}
 * re-concludes, from its stored results.csv, samples.csv and meta.json alone, to exactly the
 * findings it stores; and every stored finding has an interval and a basis. A quick reference,
 * re-concluded as a quick run, meets the quick reference like with like.
 */
class ReferencesReconcludeTest {

    static final Path ROOT = Path.of("../../data/reference").toAbsolutePath().normalize();
    static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> experiments() {
        return Experiments.ids().stream();
    }

    @ParameterizedTest
    @MethodSource("experiments")
    void referenceReconcludesToItsStoredFindings(String id, @TempDir Path tmp) throws Exception {
        reconcludes(id, "full", tmp);
    }

    @ParameterizedTest
    @MethodSource("experiments")
    void quickReferenceReconcludesAndMeetsItsOwnProfile(String id, @TempDir Path tmp) throws Exception {
        maplab.conclude.Result again = reconcludes(id, "quick", tmp);
        String page = maplab.render.Html.page(again, Reference.lookup(ROOT, id, "quick"));
        assertThat(page).as(id + ": a quick run meets the quick reference").contains("quick/" + id + "</code> (quick profile")
                .doesNotContain("measured under other conditions", "Reference unreadable", "No reference for this profile");
    }

    private static maplab.conclude.Result reconcludes(String id, String profile, Path tmp) throws Exception {
        Path ref = Reference.root(ROOT, profile).resolve(id);
        assertThat(ref.resolve("meta.json")).as(profile + " reference of " + id + " (make one: ./maplab run " + id
                + " --profile " + profile + ", then ./maplab promote; data/reference/README.md)").exists();
        assertThat(ref.resolve("samples.csv")).as(id + ": a reference keeps what concluding needs").exists();
        maplab.conclude.Result result = Experiments.conclude(ref, tmp.resolve("again"));
        JsonNode stored = JSON.readTree(ref.resolve("findings.json").toFile());
        JsonNode again = withoutNewNotComputed(JSON.readTree(tmp.resolve("again/findings.json").toFile()), stored);
        assertThat(again).as(id + ": findings recomputed from the stored data").isEqualTo(stored);
        for (JsonNode f : stored) {
            assertThat(f.has("low") && f.has("high") && f.hasNonNull("basis")).as(id + "/" + f.path("id").asText() + " has an interval and a basis").isTrue();
            assertThat(f.get("low").isNull() || f.get("high").isNull()).as(id + "/" + f.path("id").asText() + " interval is known").isFalse();
        }
        assertThat(Files.readString(ref.resolve("meta.json"))).contains("\"profile\" : \"" + profile + "\"");
        return result;
    }

    /**
     * {@code again} without the findings the reference does not have and cannot compute (a part
     * added since it was made: its rows are missing); every other finding must match.
     */
    static JsonNode withoutNewNotComputed(JsonNode again, JsonNode stored) {
        java.util.Set<String> storedIds = new java.util.HashSet<>();
        stored.forEach(f -> storedIds.add(f.path("id").asText()));
        com.fasterxml.jackson.databind.node.ArrayNode kept = JSON.createArrayNode();
        for (JsonNode f : again) {
            boolean newAndNotComputed = !storedIds.contains(f.path("id").asText()) && "not computed".equals(f.path("verdict").asText());
            if (!newAndNotComputed) kept.add(f);
        }
        return kept;
    }
}
