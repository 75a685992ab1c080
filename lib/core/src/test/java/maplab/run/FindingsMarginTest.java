package maplab.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import maplab.conclude.Finding;
import maplab.stats.Estimates.Estimate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** findings.json keeps a finding's equivalence margin; one written before margins existed still reads. */
class FindingsMarginTest {

    @Test
    void aMarginAndItsVerdictSurviveTheRoundTrip(@TempDir Path dir) throws Exception {
        Finding equivalent = Finding.timeRatio("e", "A", "B", new Estimate(1.004, 0.969, 1.042, 10), 0.10).where("n_keys", 8);
        Finding plain = Finding.timeRatio("p", "A", "B", new Estimate(1.004, 0.969, 1.042, 10));
        new ObjectMapper().writeValue(dir.resolve("findings.json").toFile(), List.of(RunFolder.findingMap(equivalent), RunFolder.findingMap(plain)));
        assertThat(Files.readString(dir.resolve("findings.json"))).contains("\"margin\":0.1", "\"verdict\":\"equivalent\"");
        List<Finding> read = RunFolder.readFindings(dir);
        // what factories know beyond findings.json (the neutral point, the forks) is not stored
        assertThat(read).usingRecursiveFieldByFieldElementComparatorIgnoringFields("neutral", "n").containsExactly(equivalent, plain);
        assertThat(read.get(0).verdictLabel()).isEqualTo("equivalent within ±10%");
        assertThat(read.get(1).hasMargin()).isFalse();
    }

    @Test
    void findingsWrittenWithoutMarginsStillRead(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("findings.json"), "[{\"id\":\"r\",\"value\":1.0,\"unit\":\"x\",\"low\":0.9,\"high\":1.2,\"confidence\":0.99,"
                + "\"basis\":\"timing\",\"verdict\":\"no detectable difference\",\"text\":\"No detectable difference in this run: ...\"}]");
        Finding f = RunFolder.readFindings(dir).get(0);
        assertThat(f.verdict()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);
        assertThat(f.hasMargin()).isFalse();
    }
}
