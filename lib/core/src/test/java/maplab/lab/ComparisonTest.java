package maplab.lab;

import maplab.run.SyntheticRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import maplab.lab.Comparison.Verdict;
import maplab.stats.Stats;
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
    void aKnownDifferenceInTheSamplesIsDetectedInTheRightDirectionAndNothingElse(@TempDir Path tmp) throws Exception {
        Path a = SyntheticRun.write(tmp.resolve("a"), "presize", "quick", 2, A, 2.0);
        SyntheticRun.samples(a, Map.of(
                "hashmap,1000,time", new double[] {100, 103, 98, 101, 99},
                "hashmap,1000,throughput", new double[] {1000, 990, 1012, 1003, 995},
                "fastutil,1000,time", new double[] {50, 47, 53, 49, 51}));
        // hashmap time 1.5x in every fork; throughput and fastutil vary as A does
        Path b = SyntheticRun.write(tmp.resolve("b"), "presize", "quick", 2, """
                hashmap,1000,time,150.0,3.0,ns/op,lower
                hashmap,1000,throughput,1000.0,10.0,ops/s,higher
                hashmap,1000,resizes,14.0,,count,none
                fastutil,1000,time,50.0,5.0,ns/op,lower
                """, 0.5);
        SyntheticRun.samples(b, Map.of(
                "hashmap,1000,time", new double[] {151, 148, 153, 149, 150},
                "hashmap,1000,throughput", new double[] {1004, 998, 992, 1010, 999},
                "fastutil,1000,time", new double[] {52, 48, 50, 47, 51}));

        Comparison c = Runs.compare(a, b);

        assertThat(c.rows()).hasSize(4);
        Comparison.Row time = row(c, "hashmap", "time");
        assertThat(time.verdict()).isEqualTo(Verdict.WORSE);
        assertThat(time.test()).isEqualTo("welch");
        assertThat(time.forksA()).isEqualTo(5);
        assertThat(time.ratio()).isCloseTo(1.5, within(0.02));
        assertThat(time.ratioInterval().low()).isGreaterThan(1.4);
        assertThat(time.ratioInterval().high()).isLessThan(1.6);
        assertThat(time.p()).isLessThan(1e-6);
        assertThat(row(c, "hashmap", "throughput").verdict()).isEqualTo(Verdict.NOT_SIGNIFICANT);
        assertThat(row(c, "hashmap", "resizes").verdict()).isEqualTo(Verdict.SAME);
        assertThat(row(c, "fastutil", "time").verdict()).isEqualTo(Verdict.NOT_SIGNIFICANT);
        assertThat(c.significant()).extracting(Comparison.Row::metric).containsExactly("time");
        assertThat(c.tested()).isEqualTo(3);
        // the finding: higher in A (2.0, 1.8 to 2.2), lower in B (0.5): flagged as opposite
        assertThat(c.oppositeFindings()).containsExactly("speedup");
        assertThat(c.findingRelations()).containsEntry("speedup", "OPPOSITE verdicts");
        assertThat(c.summary()).contains("1 B worse", "Benjamini-Hochberg", "q = 0.01", "OPPOSITE verdicts: speedup");
        String html = c.page();
        assertThat(html).contains("Benjamini-Hochberg", "Opposite verdicts", "<code>speedup</code>", "1.800 to 2.200");
        assertThat(c.table().stringColumn("fdr_method").get(0)).isEqualTo("Benjamini-Hochberg");
    }

    @Test
    void withoutSamplesTheStoredHalfWidthsAreTested(@TempDir Path tmp) throws Exception {
        Path a = SyntheticRun.write(tmp.resolve("a"), "presize", "quick", 2, A, 2.0);
        Path b = SyntheticRun.write(tmp.resolve("b"), "presize", "quick", 2, """
                hashmap,1000,time,150.0,3.0,ns/op,lower
                hashmap,1000,throughput,1500.0,10.0,ops/s,higher
                hashmap,1000,resizes,14.0,,count,none
                fastutil,1000,time,52.0,5.0,ns/op,lower
                """, 3.0);

        Comparison c = Runs.compare(a, b);

        assertThat(row(c, "hashmap", "time").verdict()).isEqualTo(Verdict.WORSE);
        assertThat(row(c, "hashmap", "time").test()).isEqualTo("half-widths");
        assertThat(row(c, "hashmap", "throughput").verdict()).isEqualTo(Verdict.BETTER);
        assertThat(row(c, "fastutil", "time").verdict()).isEqualTo(Verdict.NOT_SIGNIFICANT);
        assertThat(c.findingRelations()).containsEntry("speedup", "same verdict");
        assertThat(c.oppositeFindings()).isEmpty();
    }

    @Test
    void benjaminiHochbergDoesNotCallEveryBorderlineRow() {
        // 4 rows each below 0.01 on its own, 16 rows of noise: with 20 tests, BH at q = 0.01
        // needs p(k) <= k * 0.0005, which none of 0.002, 0.004, 0.006, 0.008 meets at its rank
        List<Comparison.Row> rows = new ArrayList<>();
        for (double p : new double[] {0.002, 0.004, 0.006, 0.008}) rows.add(tested(p, 1.05));
        for (int i = 0; i < 16; i++) rows.add(tested(0.2 + i * 0.05, 1.01));
        assertThat(Comparison.decide(rows)).extracting(Comparison.Row::verdict).containsOnly(Verdict.NOT_SIGNIFICANT);
        // one clear row among them is still called, in its direction
        rows.set(19, tested(1e-6, 0.5));
        List<Comparison.Row> decided = Comparison.decide(rows);
        assertThat(decided.stream().filter(r -> r.verdict().significant()).toList()).hasSize(1);
        assertThat(decided.get(19).verdict()).isEqualTo(Verdict.BETTER);
    }

    private static Comparison.Row tested(double p, double ratio) {
        return new Comparison.Row(Map.of("subject", "s"), "time", "ns/op", "lower", 100, 1, 100 * ratio, 1, ratio,
                new Stats.Interval(ratio * 0.9, ratio * 1.1), "welch", 5, 5, p, Verdict.NOT_SIGNIFICANT);
    }

    @Test
    void directionComesFromTheBetterColumnNotTheMetricName() {
        assertThat(Comparison.direction(2.0, "lower")).isEqualTo(Verdict.WORSE);
        assertThat(Comparison.direction(2.0, "higher")).isEqualTo(Verdict.BETTER);
        assertThat(Comparison.direction(2.0, "none")).isEqualTo(Verdict.DIFFERENT);
        assertThat(Comparison.direction(0.5, "lower")).isEqualTo(Verdict.BETTER);
        assertThat(Comparison.direction(0.5, "higher")).isEqualTo(Verdict.WORSE);
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
        assertThat(written.get(2)).hasFileName("compare-findings.csv").exists();
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

    @Test
    void equivalentAgainstNoDetectableDifferenceIsNotOpposite() {
        maplab.conclude.Finding equivalent = maplab.conclude.Finding.timeRatio("r", "A", "B", new maplab.stats.Estimates.Estimate(1.004, 0.969, 1.042, 10), 0.10);
        maplab.conclude.Finding unclear = maplab.conclude.Finding.timeRatio("r", "A", "B", new maplab.stats.Estimates.Estimate(1.02, 0.94, 1.12, 10), 0.10);
        maplab.conclude.Finding higher = maplab.conclude.Finding.timeRatio("r", "A", "B", new maplab.stats.Estimates.Estimate(1.3, 1.2, 1.4, 10), 0.10);
        assertThat(Comparison.relation(equivalent, unclear)).isEqualTo("no difference in either; only A settled it as equivalent");
        assertThat(Comparison.relation(unclear, equivalent)).isEqualTo("no difference in either; only B settled it as equivalent");
        assertThat(Comparison.relation(equivalent, equivalent)).isEqualTo("same verdict");
        assertThat(Comparison.relation(equivalent, higher)).isEqualTo("only B detected a difference");
        assertThat(maplab.run.Reference.relation(equivalent, unclear)).isEqualTo("no difference in either; this run settled it as equivalent");
        assertThat(maplab.run.Reference.relation(unclear, equivalent)).isEqualTo("no difference in either; the reference settled it as equivalent");
    }
}
