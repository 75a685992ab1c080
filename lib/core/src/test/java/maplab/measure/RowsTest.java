package maplab.measure;

import maplab.conclude.ResultBuilder;
import maplab.plan.Unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import maplab.run.RunData;
import maplab.stats.Estimates.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowsTest {

    @Test
    void samplesFindTheirRowWhateverTheColumnOrder(@TempDir Path tmp) throws Exception {
        ResultBuilder b = new ResultBuilder();
        b.row().with("part", "a").with("subject", "x").measure("t", 1, Unit.COUNT);
        // the same columns added in another order: results.csv orders them by first appearance
        b.row().with("subject", "y").with("part", "b").measure("t", Measured.of(List.of(new Sample(0, 0, 2), new Sample(1, 0, 4))), Unit.MS_PER_OP);
        maplab.run.RunFolder folder = maplab.run.RunFolder.prepare("presize", tmp.resolve("run"));
        folder.writeMeasurements(b);
        Rows rows = Rows.of(readCells(folder.staging()), RunData.readSamples(folder.staging().resolve("samples.csv")));
        Rows.Row y = rows.where("subject", "y").one();
        assertThat(y.samples()).hasSize(2);
        assertThat(y.measured().value()).isEqualTo(3.0);
        assertThat(rows.where("subject", "x").one().samples()).isEmpty();
        assertThatThrownBy(() -> rows.where("subject", "z").one()).hasMessageContaining("subject=z");
        assertThat(rows.distinct("part")).containsExactly("a", "b");
    }

    private static List<java.util.Map<String, String>> readCells(Path dir) {
        maplab.plan.Params p = maplab.plan.Params.resolve(maplab.lab.Experiments.byId("presize"),
                maplab.plan.Profile.QUICK, java.util.Map.of());
        return RunData.read(dir, "presize", maplab.plan.Profile.QUICK, p).rows().list().stream().map(Rows.Row::cells).toList();
    }
}
