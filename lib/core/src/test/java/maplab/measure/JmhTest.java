package maplab.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import maplab.plan.Profile;
import maplab.stats.Estimates.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhTest {

    static final String SAMPLE = """
            [{"jmhVersion":"1.37","benchmark":"maplab.bench.X.put","mode":"avgt","threads":2,"forks":1,
              "jvmArgs":["-Xmx1g","-XX:+UseParallelGC"],"params":{"n":"1024","subject":"chm"},
              "primaryMetric":{"score":12.5,"scoreError":0.75,"scoreUnit":"ns/op","rawData":[[12.0,12.5,13.0]]},
              "secondaryMetrics":{"gc.alloc.rate.norm":{"score":32.0,"scoreError":"NaN","scoreUnit":"B/op"}}}]
            """;

    @Test
    void readsJmhJson(@TempDir Path tmp) throws Exception {
        Path json = tmp.resolve("r.json");
        Files.writeString(json, SAMPLE);
        List<JmhScore> scores = Jmh.read(json);
        assertThat(scores).hasSize(1);
        JmhScore s = scores.get(0);
        assertThat(s.method()).isEqualTo("put");
        assertThat(s.param("subject")).isEqualTo("chm");
        assertThat(s.score()).isEqualTo(12.5);
        assertThat(s.error()).as("one fork shows no fork-to-fork variation: no interval").isNaN();
        assertThat(s.samples()).containsExactly(new Sample(0, 0, 12.0), new Sample(0, 1, 12.5), new Sample(0, 2, 13.0));
        assertThat(s.threads()).isEqualTo(2);
        assertThat(s.secondary("gc.alloc.rate.norm").value()).isEqualTo(32.0);
        assertThat(s.secondary("gc.alloc.rate.norm").error()).isNaN();
        assertThat(s.secondary("missing").value()).isNaN();
        assertThatThrownBy(() -> s.param("nope")).hasMessageContaining("no parameter 'nope'");
    }

    @Test
    void roundsNumberTheirForksAndTheIntervalComesFromForkMeans(@TempDir Path tmp) throws Exception {
        Path json = tmp.resolve("r.json");
        Files.writeString(json, SAMPLE);
        List<Sample> samples = new java.util.ArrayList<>(Jmh.read(json, 0).get(0).samples());
        Files.writeString(json, SAMPLE.replace("[[12.0,12.5,13.0]]", "[[14.0,14.5,15.0]]"));
        samples.addAll(Jmh.read(json, 1).get(0).samples());
        assertThat(samples).extracting(Sample::fork).containsExactly(0, 0, 0, 1, 1, 1);
        maplab.measure.Measured m = maplab.measure.Measured.of(samples);
        // fork means 12.5 and 14.5: mean 13.5, sd 1.414, t(0.995, 1 df) = 63.657 -> half-width 63.657 * 1.414 / sqrt(2) = 63.657
        assertThat(m.value()).isEqualTo(13.5);
        assertThat(m.error()).isCloseTo(63.657, org.assertj.core.api.Assertions.within(0.01));
    }

    @Test
    void enumParamsTravelAsConstantNamesAndComeBackAsConstants(@TempDir Path tmp) throws Exception {
        Jmh jmh = Jmh.benchmark("x").param("unit", java.util.concurrent.TimeUnit.SECONDS, java.util.concurrent.TimeUnit.DAYS)
                .param("other", List.of(java.util.concurrent.TimeUnit.HOURS, 3));
        assertThat(jmh.describe().get("params")).isEqualTo(java.util.Map.of("unit", List.of("SECONDS", "DAYS"), "other", List.of("HOURS", "3")));
        Path json = tmp.resolve("r.json");
        Files.writeString(json, SAMPLE.replace("\"subject\":\"chm\"", "\"subject\":\"MINUTES\""));
        JmhScore s = Jmh.read(json).get(0);
        assertThat(s.param("subject", java.util.concurrent.TimeUnit.class)).isEqualTo(java.util.concurrent.TimeUnit.MINUTES);
        assertThatThrownBy(() -> s.param("n", java.util.concurrent.TimeUnit.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'n' is '1024'").hasMessageContaining("MINUTES");
    }

    @Test
    void usersSubjectsAreCellsOfTheirOwnNeverPairedWithABuiltInConstant() {
        Jmh jmh = Jmh.benchmark("maplab.bench.NoSuchBench.x").param("n", "10", "20")
                .subjects("subject", List.of("concurrent_hash_map", "user:Mine", "sharded", "user:Yours"),
                        maplab.subject.concurrent.SharedMapType::parse, maplab.subject.concurrent.SharedMapType.USER);
        List<java.util.Map<String, String>> cells = jmh.planCells("p", 0.0).stream().map(maplab.plan.Plan.Cell::params).toList();
        assertThat(cells).hasSize((2 + 2) * 2);
        assertThat(cells).filteredOn(c -> c.get("user").isEmpty()).extracting(c -> c.get("subject"))
                .containsOnly("CONCURRENT_HASH_MAP", "SHARDED").hasSize(4);
        assertThat(cells).filteredOn(c -> !c.get("user").isEmpty()).allSatisfy(c -> assertThat(c.get("subject")).isEqualTo("USER"))
                .extracting(c -> c.get("user")).containsOnly("user:Mine", "user:Yours").hasSize(4);
        assertThat(jmh.describe()).containsKey("param_groups");
    }

    @Test
    void aCellsSubjectIsTheUsersIdOrTheConstantsId(@TempDir Path tmp) throws Exception {
        Path json = tmp.resolve("r.json");
        Files.writeString(json, SAMPLE.replace("\"subject\":\"chm\"", "\"subject\":\"USER\",\"user\":\"user:Mine\""));
        assertThat(Jmh.read(json).get(0).subject("subject", maplab.subject.concurrent.SharedMapType.class, maplab.subject.concurrent.SharedMapType::id))
                .isEqualTo("user:Mine");
        Files.writeString(json, SAMPLE.replace("\"subject\":\"chm\"", "\"subject\":\"SHARDED\",\"user\":\"\""));
        assertThat(Jmh.read(json).get(0).subject("subject", maplab.subject.concurrent.SharedMapType.class, maplab.subject.concurrent.SharedMapType::id))
                .isEqualTo("sharded");
    }

    @Test
    void neverMeasuresInTheCallersJvm() {
        assertThatThrownBy(() -> Jmh.Settings.forProfile(Profile.QUICK).withForks(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("forks");
        assertThat(Jmh.Settings.forProfile(Profile.FULL).forks()).isGreaterThanOrEqualTo(3);
        assertThat(Jmh.Settings.forProfile(Profile.FULL).measurementIterations()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void aLaterGcFlagReplacesThePinnedOne() {
        List<String> args = Jmh.benchmark("x").jvmArgsAppend("-XX:+UseG1GC").forkJvmArgs();
        assertThat(args).contains("-XX:+UseG1GC").doesNotContain("-XX:+UseParallelGC");
    }

    @Test
    void noMatchingBenchmarkIsAClearError() {
        assertThatThrownBy(() -> Jmh.benchmark("maplab.bench.NoSuchBench").run())
                .isInstanceOf(MeasurementException.class).hasMessageContaining("no JMH benchmark matches 'maplab.bench.NoSuchBench'");
    }
}
