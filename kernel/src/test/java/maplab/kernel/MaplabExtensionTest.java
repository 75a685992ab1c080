package maplab.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import maplab.chart.Charts;
import maplab.progress.ProgressView;
import maplab.conclude.Finding;
import maplab.lab.Runs;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/** The renderers against JJava's own Renderer (the real kernel is tested end to end by ./maplab test). */
class MaplabExtensionTest {

    private final Renderer renderer = new Renderer();

    MaplabExtensionTest() {
        MaplabExtension.register(renderer);
    }

    @Test
    void tableRendersAsHtml() {
        DisplayData d = renderer.render(Table.create("t", IntColumn.create("keys", 1, 2)));
        assertThat((String) d.getData(MIMEType.TEXT_HTML)).contains("<table", "keys");
    }

    @Test
    void chartRendersAsPngAndSvgOnRequest() {
        var chart = Charts.xy("c", "x", "y");
        Charts.series(chart, "s", List.of(1, 2), List.of(1, 2), null);
        byte[] png = Base64.getDecoder().decode((String) renderer.render(chart).getData(MIMEType.IMAGE_PNG));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat((String) renderer.renderAs(chart, "image/svg+xml").getData(MIMEType.IMAGE_SVG)).contains("<svg");
    }

    @Test
    void chartDataRendersAsPngAndSvgOnRequest() {
        var chart = maplab.conclude.ChartData.logLog("growth", "n (keys)", "time (ns)")
                .series("s", List.of(1, 10, 100), List.of(2, 20, 200), null).build();
        byte[] png = Base64.getDecoder().decode((String) renderer.render(chart).getData(MIMEType.IMAGE_PNG));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat((String) renderer.renderAs(chart, "image/svg+xml").getData(MIMEType.IMAGE_SVG)).contains("<svg", "growth");
        assertThat((String) renderer.render(chart).getData(MIMEType.TEXT_PLAIN)).isEqualTo("chart: growth");
    }

    @Test
    void aRunComparisonRendersAsHtml(@TempDir Path tmp) throws Exception {
        for (String run : List.of("a", "b")) {
            Path dir = Files.createDirectories(tmp.resolve(run));
            Files.writeString(dir.resolve("results.csv"), "subject,metric,value,error,unit,better\nhashmap,time," + (run.equals("a") ? 100 : 300) + ",1,ns/op,lower\n");
            Files.writeString(dir.resolve("findings.json"), "[]");
            Files.writeString(dir.resolve("meta.json"), "{\"experiment\":\"presize\",\"status\":\"ok\",\"profile\":\"quick\"}");
        }
        DisplayData d = renderer.render(Runs.compare(tmp.resolve("a"), tmp.resolve("b")));
        assertThat((String) d.getData(MIMEType.TEXT_HTML)).contains("Comparing presize runs", "B worse", "data:image/png;base64,")
                .startsWith("<style>.maplab-result{font-family:").doesNotContain("body{");
    }

    @Test
    void findingsAndProgressRenderAsHtml() {
        assertThat((String) renderer.render(Finding.count("f", 2, "x", "twice")).getData(MIMEType.TEXT_HTML)).contains("twice", "exact");
        assertThat((String) renderer.render(new ProgressView("run", 1, 2, "step", 0.1, false)).getData(MIMEType.TEXT_HTML)).contains("maplab-progress");
    }

    @Test
    void claimsRenderAsTheLedgersTable() {
        var claim = new maplab.claims.Claim("A3", "article 000", "A fixed seed improves locality.", "", List.of(),
                maplab.claims.Claim.Combine.ALL, "01-seed-order", null, "");
        var claims = maplab.claims.Claims.of(List.of(claim), maplab.claims.RunSet.empty("reference"));
        assertThat((String) renderer.render(claims).getData(MIMEType.TEXT_HTML)).contains("<tr id=\"A3\">", "not tested yet", "01-seed-order.html");
        assertThat((String) renderer.render(claims.claim("A3")).getData(MIMEType.TEXT_HTML)).contains("A fixed seed improves locality.");
        var box = new maplab.claims.ClaimBox(claims.assessments(), claims.assessments());
        assertThat((String) renderer.render(box).getData(MIMEType.TEXT_HTML)).contains("id=\"claim-A3\"", "Reference: ", "not tested yet");
        assertThat((String) renderer.render(box).getData(MIMEType.TEXT_PLAIN)).isEqualTo("A3 this run: not tested yet; reference: not tested yet: A fixed seed improves locality.");
    }
}
