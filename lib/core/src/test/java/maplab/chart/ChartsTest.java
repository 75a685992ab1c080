package maplab.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ChartsTest {

    @Test
    void logLogChartKeepsSeriesPointsAndErrors() {
        var chart = Charts.logLog("growth", "n (keys)", "time (ms)");
        Charts.series(chart, "same hash", List.of(1024, 2048), List.of(1.0, 4.1), List.of(0.1, 0.2));
        assertThat(chart.getStyler().isXAxisLogarithmic()).isTrue();
        assertThat(chart.getStyler().isYAxisLogarithmic()).isTrue();
        var s = chart.getSeriesMap().get("same hash");
        assertThat(s.getXData()).containsExactly(1024.0, 2048.0);
        assertThat(s.getYData()).containsExactly(1.0, 4.1);
        assertThat(s.getExtraValues()).containsExactly(0.1, 0.2);
        assertThat(chart.getXAxisTitle()).isEqualTo("n (keys)");
    }

    @Test
    void pngDecodesAndIsNotBlank() throws Exception {
        var chart = Charts.bars("b", "subject", "time (ns/op)");
        Charts.bars(chart, "t", List.of("a", "b"), List.of(1, 2), List.of(0.1, 0.1));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(Charts.png(chart)));
        assertThat(img.getWidth()).isEqualTo(Charts.WIDTH);
        assertThat(img.getHeight()).isEqualTo(Charts.HEIGHT);
        long distinct = java.util.stream.IntStream.range(0, img.getWidth()).map(x -> img.getRGB(x, img.getHeight() / 2)).distinct().count();
        assertThat(distinct).isGreaterThan(3);
        assertThat(Charts.svg(chart)).contains("<svg");
    }
}
