package maplab.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import maplab.run.Comparison.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Comparing two synthetic run folders whose differences are known. */
class ComparisonTest {

    private static final String A = """
            hashmap,1000,time,100.0,2.0,ns/op,lower
            hashmap,1000,throughput,1000.0,10.0,ops/s,higher
            hashmap,1000,resizes,14.0,,count,none
            fastutil,1000,time,50.0,5.0,ns/op,lower
            """;

    @Test
    void aKnownDifferenceIsDetectedInTheRightDirection(@TempDir Path tmp) throws Exception {
        Path a = SyntheticRun.write(tmp.resolve("a"), "presize", "quick", 2, A, 2.0);
        // hashmap: time +50% and throughput +50% (intervals far apart); fastutil: within error.
        Path b = SyntheticRun.write(tmp.resolve("b"), "presize", "quick", 2, """
                hashmap,1000,time,150.0,3.0,ns/op,lower
                hashmap,1000,throughput,1500.0,10.0,ops/s,higher
                hashmap,1000,resizes,14.0,,count,none
                fastutil,1000,time,52.0,5.0,ns/op,lower
                """, 3.0);

        Comparison c = Runs.compare(a, b);

        assertThat(c.rows()).hasSize(4);
        Comparison.Row time = row(c, "hashmap", "time");
        assertThat(time.verdict()).isEqualTo(Verdict.WORSE);
        assertThat(time.ratio()).isEqualTo(1.5);
        assertThat(time.ratioInterval().low()).isEqualTo(147.0 / 102);
        assertThat(time.ratioInterval().high()).isEqualTo(153.0 / 98);
        assertThat(row(c, "hashmap", "throughput").verdict()).isEqualTo(Verdict.BETTER);
        assertThat(row(c, "hashmap", "resizes").verdict()).isEqualTo(Verdict.SAME);
        assertThat(row(c, "fastutil", "time").verdict()).isEqualTo(Verdict.NOT_SIGNIFICANT);
        assertThat(c.significant()).extracting(Comparison.Row::metric).containsExactly("time", "throughput");
        assertThat(c.environmentDifferences()).isEmpty();
        assertThat(c.findingsTable().doubleColumn("ratio_b_over_a").get(0)).isEqualTo(1.5);
        assertThat(c.summary()).contains("B worse", "B better");
    }

    @Test
    void noDifferenceIsNotFlagged(@TempDir Path tmp) throws Exception {
        Path a = SyntheticRun.write(tmp.resolve("a"), "presize", "quick", 2, A, 2.0);
        Path b = SyntheticRun.write(tmp.resolve("b"), "presize", "quick", 2, """
                hashmap,1000,time,101.0,2.0,ns/op,lower
                hashmap,1000,throughput,990.0,10.0,ops/s,higher
                hashmap,1000,resizes,14.0,,count,none
                fastutil,1000,time,48.0,5.0,ns/op,lower
                """, 2.0);

        Comparison c = Runs.compare(a, b);

        assertThat(c.significant()).isEmpty();
        assertThat(c.rows()).extracting(Comparison.Row::verdict)
                .containsExactly(Verdict.NOT_SIGNIFICANT, Verdict.NOT_SIGNIFICANT, Verdict.SAME, Verdict.NOT_SIGNIFICANT);
    }

    @Test
    void directionComesFromTheBetterColumnNotTheMetricName() {
        // The same numbers: B larger with disjoint intervals.
        assertThat(Comparison.verdict(100, 1, 200, 1, "lower")).isEqualTo(Verdict.WORSE);
        assertThat(Comparison.verdict(100, 1, 200, 1, "higher")).isEqualTo(Verdict.BETTER);
        assertThat(Comparison.verdict(100, 1, 200, 1, "none")).isEqualTo(Verdict.DIFFERENT);
        assertThat(Comparison.verdict(200, 1, 100, 1, "lower")).isEqualTo(Verdict.BETTER);
        // A metric called "time" whose better column says higher is judged by the column.
        assertThat(Comparison.verdict(100, 1, 50, 1, "higher")).isEqualTo(Verdict.WORSE);
        // No error estimate: never significant.
        assertThat(Comparison.verdict(100, Double.NaN, 200, 1, "lower")).isEqualTo(Verdict.UNTESTED);
        assertThat(Comparison.verdict(100, 10, 115, 10, "lower")).isEqualTo(Verdict.NOT_SIGNIFICANT);
    }

    @Test
    void unmatchedRowsAndDifferingEnvironmentsAreReported(@TempDir Path tmp) throws Exception {
        Path a = SyntheticRun.write(tmp.resolve("a"), "presize", "quick", 2, A, 2.0);
        Path b = SyntheticRun.write(tmp.resolve("b"), "presize", "full", 8, """
                hashmap,1000,time,100.0,2.0,ns/op,lower
                hashmap,2000,time,100.0,2.0,ns/op,lower
                """, 2.0);

        Comparison c = Runs.compare(a, b);

        assertThat(c.environmentDifferences()).containsExactly("cores: 2 vs 8", "profile: quick vs full");
        assertThat(c.counts()).containsEntry(Verdict.ONLY_IN_A, 3L).containsEntry(Verdict.ONLY_IN_B, 1L);
        List<Path> written = c.write(tmp.resolve("out"));
        String html = Files.readString(written.get(0));
        assertThat(html).contains("Environments differ", "cores: 2 vs 8", "data:image/png;base64,");
        assertThat(written.get(1)).hasFileName("compare.csv").exists();
    }

    @Test
    void badInputIsAnIllegalArgumentNamingTheProblem(@TempDir Path tmp) throws Exception {
        Path a = SyntheticRun.write(tmp.resolve("a"), "presize", "quick", 2, A, 2.0);
        Path b = SyntheticRun.write(tmp.resolve("b"), "gc", "quick", 2, A, 2.0);
        assertThatThrownBy(() -> Runs.compare(a, tmp.resolve("missing")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runB: '").hasMessageContaining("does not exist");
        Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> Runs.compare(tmp.resolve("empty"), a))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a run folder (no meta.json)");
        assertThatThrownBy(() -> Runs.compare(a, b))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different experiments ('presize' and 'gc')");
    }

    private static Comparison.Row row(Comparison c, String subject, String metric) {
        return c.rows().stream().filter(r -> r.key().get("subject").equals(subject) && r.metric().equals(metric)).findFirst().orElseThrow();
    }
}
