package maplab.lab;

import maplab.run.SyntheticRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import maplab.conclude.Finding;
import maplab.stats.Estimates.Estimate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How often a finding's verdict agrees across runs, on hand-made findings. */
class StabilityTest {

    private static Finding ratio(String id, double v, double lo, double hi) {
        return Finding.timeRatio(id, "A", "B", new Estimate(v, lo, hi, 4));
    }

    @Test
    void modalVerdictItsShareAndOppositeVerdicts() {
        List<Finding> run1 = List.of(ratio("steady", 3.0, 2.8, 3.2), ratio("flaky", 1.3, 1.1, 1.5), ratio("opposite", 1.2, 1.1, 1.3),
                Finding.count("resizes", 14, "count", "%.0f"), Finding.estimate("bytes", new Estimate(40, 38, 42, 4), "B", Finding.Basis.TIMING, "%.0f"));
        List<Finding> run2 = List.of(ratio("steady", 3.1, 2.9, 3.3), ratio("flaky", 1.1, 0.9, 1.3), ratio("opposite", 0.8, 0.7, 0.9),
                Finding.count("resizes", 14, "count", "%.0f"), Finding.estimate("bytes", new Estimate(41, 39, 43, 4), "B", Finding.Basis.TIMING, "%.0f"));
        List<Finding> run3 = List.of(ratio("steady", 2.9, 2.7, 3.1), ratio("flaky", 1.0, 0.8, 1.2), ratio("opposite", 0.9, 0.85, 0.95),
                Finding.count("resizes", 15, "count", "%.0f"), Finding.estimate("bytes", new Estimate(50, 48, 52, 4), "B", Finding.Basis.TIMING, "%.0f"));

        Stability s = Stability.of("merge", List.of("run 1", "run 2", "run 3"), List.of(run1, run2, run3));

        Stability.Entry steady = entry(s, "steady");
        assertThat(steady.modal()).isEqualTo(Finding.Verdict.HIGHER);
        assertThat(steady.modalRuns()).isEqualTo(3);
        assertThat(steady.modalShare()).isEqualTo(1.0);
        assertThat(steady.agrees()).isTrue();
        assertThat(steady.agreement()).isEqualTo("3 of 3 higher");

        Stability.Entry flaky = entry(s, "flaky");
        assertThat(flaky.modal()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);
        assertThat(flaky.modalRuns()).isEqualTo(2);
        assertThat(flaky.modalShare()).isEqualTo(2.0 / 3);
        assertThat(flaky.opposite()).isFalse();
        assertThat(flaky.agrees()).isFalse();
        assertThat(flaky.agreement()).isEqualTo("2 of 3 no detectable difference (1 higher)");

        Stability.Entry opposite = entry(s, "opposite");
        assertThat(opposite.opposite()).isTrue();
        assertThat(opposite.higher()).isEqualTo(1);
        assertThat(opposite.lower()).isEqualTo(2);
        assertThat(opposite.modal()).isEqualTo(Finding.Verdict.LOWER);
        assertThat(opposite.agreement()).isEqualTo("OPPOSITE: 1 higher, 2 lower");

        assertThat(entry(s, "resizes").agreement()).isEqualTo("values differ (14 to 15)");
        assertThat(entry(s, "resizes").agrees()).isFalse();
        assertThat(entry(s, "bytes").agreement()).isEqualTo("values differ (40 to 50)");
        assertThat(s.opposite()).extracting(Stability.Entry::id).containsExactly("opposite");
        assertThat(s.headline()).startsWith("1 of 3 findings with a verdict gave the same verdict in all 3 runs; 1 with opposite verdicts; 0 of 2");
        assertThat(s.summary()).contains("! opposite", "3 of 3 higher", "3 [2.800, 3.200]+", "1.100 [0.900, 1.300]=");
        assertThat(s.table().rowCount()).isEqualTo(15);
    }

    @Test
    void equalCountsAndOverlappingIntervalsAgreeAndAbsentFindingsAreCounted() {
        Stability s = Stability.of("presize", List.of("1", "2"), List.of(
                List.of(Finding.count("resizes", 14, "count", "%.0f"), Finding.estimate("exp", new Estimate(1.0, 0.9, 1.1, 4), "", Finding.Basis.TIMING, "%.2f"),
                        ratio("only_first", 2, 1.5, 2.5)),
                List.of(Finding.count("resizes", 14, "count", "%.0f"), Finding.estimate("exp", new Estimate(1.05, 0.95, 1.15, 4), "", Finding.Basis.TIMING, "%.2f"))));
        assertThat(entry(s, "resizes").agreement()).isEqualTo("same value in 2 of 2");
        assertThat(entry(s, "resizes").agrees()).isTrue();
        assertThat(entry(s, "exp").agreement()).startsWith("intervals overlap");
        assertThat(entry(s, "only_first").agreement()).isEqualTo("1 of 1 higher; absent in 1");
        assertThat(entry(s, "only_first").perRun().get(1)).isNull();
    }

    @Test
    void fromRunFoldersWithAPageAChartAndACsv(@TempDir Path tmp) throws Exception {
        Path a = SyntheticRun.write(tmp.resolve("a"), "presize", "quick", 2, "hashmap,1000,time,100.0,2.0,ns/op,lower\n", 2.0);
        Path b = SyntheticRun.write(tmp.resolve("b"), "presize", "quick", 2, "hashmap,1000,time,100.0,2.0,ns/op,lower\n", 0.5);
        Stability s = Stability.of(List.of(a, b));
        assertThat(s.experiment()).isEqualTo("presize");
        assertThat(entry(s, "speedup").opposite()).isTrue();
        assertThat(s.charts()).containsKey("speedup");
        List<Path> written = s.write(tmp.resolve("out"));
        assertThat(Files.readString(written.get(0))).contains("Stability of presize over 2 runs", "OPPOSITE: 1 higher, 1 lower",
                "data:image/png;base64,", "1.800 to 2.200", "background:#ffebee");
        assertThat(Files.readAllLines(written.get(1)).get(0)).startsWith("finding,units,run,run_folder,finding_value,low,high,confidence,verdict");
        Path gc = SyntheticRun.write(tmp.resolve("gc"), "gc", "quick", 2, "hashmap,1000,time,100.0,2.0,ns/op,lower\n", 2.0);
        assertThatThrownBy(() -> Stability.of(List.of(a, gc))).hasMessageContaining("different experiments");
        assertThatThrownBy(() -> Stability.of(List.of(a))).hasMessageContaining("at least 2");
    }

    private static Stability.Entry entry(Stability s, String id) {
        return s.entries().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void equivalentAndNoDetectableDifferenceAgree() {
        Finding equivalent = Finding.timeRatio("r", "A", "B", new Estimate(1.004, 0.969, 1.042, 4), 0.10);
        Finding unclear = Finding.timeRatio("r", "A", "B", new Estimate(1.02, 0.94, 1.12, 4), 0.10);
        Stability.Entry e = Stability.entry("r", java.util.Arrays.asList(equivalent, equivalent, unclear));
        assertThat(e.agreement()).isEqualTo("2 of 3 equivalent (1 no detectable difference)");
        assertThat(e.agrees()).isTrue();
        Stability.Entry split = Stability.entry("r", java.util.Arrays.asList(equivalent, ratio("r", 1.3, 1.2, 1.4)));
        assertThat(split.agrees()).isFalse();
    }
}
