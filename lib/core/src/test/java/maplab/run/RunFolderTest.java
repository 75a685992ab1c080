package maplab.run;

import maplab.measure.Environment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import maplab.plan.Params;
import maplab.plan.Profile;
import maplab.conclude.Finding;
import maplab.conclude.Result;
import maplab.conclude.ResultBuilder;
import maplab.plan.Unit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {

    @Test
    void writesEveryFileThenMovesTheFolderIntoPlace(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        RunFolder folder = RunFolder.prepare("presize", out);
        assertThat(out).doesNotExist();
        assertThat(folder.rawDir()).exists().isNotEqualTo(out.resolve("raw"));
        Files.writeString(folder.rawDir().resolve("jmh.json"), "[]");

        ResultBuilder b = new ResultBuilder();
        b.row().with("subject", "s").measure("m", 1.5, Unit.NS_PER_OP);
        b.finding(Finding.count("f", 2, "x", "two"));
        b.chart("my chart", maplab.conclude.ChartData.lines("c", "x", "y").series("s", List.of(1, 2), List.of(3, 4), null));
        Params p = Params.resolve(maplab.lab.Experiments.byId("presize"), Profile.QUICK, Map.of());
        Result r = new Result("presize", Profile.QUICK, p, b.table("presize"), b, Environment.capture(), Instant.now(), Instant.now(), null);
        folder.writeMeasurements(b);
        Path dir = folder.commit(r, Map.of("root", 1L), new RunFolder.Drawing(r1 -> maplab.render.Html.page(r1, Reference.Lookup.NONE), maplab.render.ChartDrawing::png));

        assertThat(dir).isEqualTo(out.toAbsolutePath().normalize());
        assertThat(Files.list(tmp).map(x -> x.getFileName().toString()).toList()).containsExactly("run");
        assertThat(dir.resolve("results.csv")).content().startsWith("subject,metric,value,error,unit,better");
        assertThat(dir.resolve("raw/jmh.json")).exists();
        assertThat(dir.resolve("charts/my-chart.png")).exists();
        assertThat(RunFolder.readFindings(dir)).containsExactly(Finding.count("f", 2, "x", "two"));
        Map<String, Object> meta = RunFolder.readMeta(dir);
        assertThat(meta).containsEntry("experiment", "presize").containsEntry("status", "ok").containsKeys("environment", "seeds", "params", "start", "end");
        assertThat(dir.resolve("report.html")).content().contains("<img", "two");
    }

    @Test
    void anExistingNonEmptyOutFolderIsRefused(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("keep"), "x");
        assertThatThrownBy(() -> RunFolder.prepare("presize", tmp))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out:").hasMessageContaining("not an empty folder");
        assertThat(tmp.resolve("keep")).hasContent("x");
    }

    @Test
    void environmentIsComplete() {
        Environment e = Environment.capture();
        assertThat(e.javaVersion()).isNotBlank();
        assertThat(e.garbageCollectors()).isNotEmpty();
        assertThat(e.logicalCores()).isPositive();
        assertThat(e.maxHeapBytes()).isPositive();
        assertThat(e.summary()).contains("cores", "JDK");
    }
}
