package maplab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import maplab.lab.Experiments;
import maplab.plan.Profile;
import maplab.progress.Progress;
import maplab.conclude.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/**
 * key-types measured on the Temurin 25 JDK with compact object headers while the lab JVM is
 * another JDK: the JMH forks report JDK 25, meta.json records both JVMs, and JOL's bytes per
 * entry follow the measuring JVM's layout (smaller than on the lab JVM's default headers).
 */
@Tag("answers")  // slow (real JMH forks): run by ./maplab test --answers
class OtherJdkExperimentTest {

    static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    @Test
    void keyTypesRunsOnJdk25WithCompactHeadersAndRecordsBothJvms(@TempDir Path tmp) throws Exception {
        assertThat(TEMURIN_25.resolve("bin/java")).as("the Temurin 25 JDK this test measures on").isExecutable();
        Map<String, String> small = Map.of("n", "2000", "subjects", "hashmap_integer", "lookup_subjects", "hashmap_integer,fastutil_int",
                "pitfall_keys", "100", "lookup_effort", "3:1x50ms+2x50ms");
        Map<String, String> on25 = new java.util.HashMap<>(small);
        on25.put("jdk", TEMURIN_25.toString());
        on25.put("jvm_opts", "-XX:+UseCompactObjectHeaders");
        Result r = Experiments.run("key-types", Profile.QUICK, on25, tmp.resolve("run25"), Progress.SILENT);
        assertThat(r.error()).isNull();

        ObjectMapper json = new ObjectMapper();
        JsonNode env = json.readTree(tmp.resolve("run25/meta.json").toFile()).get("environment");
        assertThat(env.get("java_version").asText()).isEqualTo(System.getProperty("java.version"));
        assertThat(env.get("measuring_jvm").get("feature").asInt()).isEqualTo(25);
        assertThat(env.get("measuring_jvm").get("options").toString()).contains("-XX:+UseCompactObjectHeaders");
        assertThat(Files.readString(tmp.resolve("run25/report.html"))).contains("measured on JDK 25");
        // every JMH fork ran on JDK 25 with the option
        List<Path> jmhJson;
        try (Stream<Path> s = Files.walk(tmp.resolve("run25"))) {
            jmhJson = s.filter(p -> p.getFileName().toString().matches("jmh-\\d+\\.json")).toList();
        }
        assertThat(jmhJson).isNotEmpty();
        for (Path p : jmhJson) {
            for (JsonNode b : json.readTree(p.toFile())) {
                assertThat(b.get("jdkVersion").asText()).startsWith("25");
                assertThat(b.get("jvmArgs").toString()).contains("-XX:+UseCompactObjectHeaders");
            }
        }
        // JOL sizes the layout of the JVM that measured: compact headers make a HashMap<Integer,Integer> entry smaller
        Result lab = Experiments.run("key-types", Profile.QUICK, Map.of("n", "2000", "subjects", "hashmap_integer", "lookup_subjects",
                "hashmap_integer,fastutil_int", "pitfall_keys", "100", "lookup_effort", "3:1x50ms+2x50ms"), tmp.resolve("runLab"), Progress.SILENT);
        assertThat(r.finding("bytes_per_entry_hashmap_integer").value()).isLessThan(lab.finding("bytes_per_entry_hashmap_integer").value() - 4);
    }
}
