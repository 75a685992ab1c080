package maplab.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ChartsTest {

    @Test
    void aTitleTooLongForTheImageIsWrappedNotCutAndTheChartKeepsItsFonts() throws Exception {
        var chart = Charts.xy("Put latency by percentile while filling 1000000 keys (HdrHistogram; error bars: 99% interval over JVMs; last point: max)",
                "percentile as 1/(1-p)", "put latency (ns)");
        Charts.series(chart, "colliding Strings, fastutil Object2ObjectOpenHashMap", List.of(1.0, 2.0), List.of(1.0, 2.0), List.of(0.1, 0.1));
        java.awt.Font before = chart.getStyler().getChartTitleFont();
        Figure figure = Figure.of(chart);
        assertThat(figure.titleLines()).hasSize(2);
        assertThat(figure.titleFont()).isEqualTo(before);   // two lines at its own size: not shrunk
        for (String line : figure.titleLines()) {
            assertThat(Figure.metrics(figure.titleFont()).stringWidth(line)).isLessThanOrEqualTo(chart.getWidth() - 2 * Figure.MARGIN);
        }
        assertThat(String.join(" ", figure.titleLines())).isEqualTo(chart.getTitle());
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(Charts.png(chart)));
        assertThat(img.getHeight()).isEqualTo(figure.height()).isGreaterThan(Charts.HEIGHT);
        assertThat(chart.getStyler().getChartTitleFont()).isEqualTo(before);
        assertThat(chart.getStyler().isChartTitleVisible()).isTrue();
        // a title of many lines is drawn smaller, and a word wider than the image is broken, never cut
        String endless = "x".repeat(300) + " " + "word ".repeat(120).trim();
        Figure long_ = Figure.of(Charts.xy(endless, "a", "b"));
        assertThat(long_.titleFont().getSize2D()).isLessThan(before.getSize2D());
        assertThat(String.join("", long_.titleLines()).replace(" ", "")).isEqualTo(endless.replace(" ", ""));
        // a short title keeps one line
        assertThat(Figure.of(Charts.xy("Short", "x", "y")).titleLines()).containsExactly("Short");
    }

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
        assertThat(img.getHeight()).isEqualTo(Figure.of(chart).height());
        long distinct = java.util.stream.IntStream.range(0, img.getWidth()).map(x -> img.getRGB(x, img.getHeight() / 2)).distinct().count();
        assertThat(distinct).isGreaterThan(3);
        assertThat(Charts.svg(chart)).contains("<svg");
    }

    private static org.knowm.xchart.XYChart tenLines() {
        var chart = Charts.logLog("ten constructors", "n (keys)", "time (ns/op)");
        for (int i = 0; i < 10; i++) {
            Charts.series(chart, "subject " + i, List.of(100, 1000, 10000, 100000), List.of(1.0 + i, 12.0 + i, 150.0 + i, 2000.0 + i), null);
        }
        return chart;
    }

    @Test
    void paletteColoursAndMarkersAreDistinct() {
        assertThat(java.util.Arrays.stream(Charts.PALETTE).distinct().count()).isEqualTo(Charts.PALETTE.length);
        assertThat(java.util.Arrays.stream(Charts.MARKERS).map(m -> m.getClass()).distinct().count()).isEqualTo(Charts.MARKERS.length);
        assertThat(Charts.PALETTE.length).isGreaterThanOrEqualTo(Charts.MAX_LINES);
        for (java.awt.Color c : Charts.PALETTE) {
            // no pale colour: each is clearly darker than the white plot
            assertThat(0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue()).as("%s", c).isLessThan(200);
        }
        var chart = Charts.xy("x", "a", "b");
        assertThat(chart.getStyler().getSeriesColors()).containsExactly(Charts.PALETTE);
    }

    @Test
    void manyLinesAreSplitIntoPanelsOfAtMostMaxLines() throws Exception {
        var chart = tenLines();
        var panels = Charts.panels(chart);
        assertThat(panels).hasSize(2);
        assertThat(panels).allSatisfy(p -> assertThat(p.getSeriesMap().size()).isLessThanOrEqualTo(Charts.MAX_LINES));
        assertThat(panels.stream().mapToInt(p -> p.getSeriesMap().size()).sum()).isEqualTo(10);
        assertThat(chart.getSeriesMap()).hasSize(10); // the chart itself is unchanged
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(Charts.png(chart)));
        assertThat(img.getHeight()).isEqualTo(Figure.of(chart).height()).isGreaterThanOrEqualTo(2 * Charts.HEIGHT);
        assertThat(Charts.panels(Charts.xy("few", "a", "b"))).hasSize(1);
    }

    @Test
    void eachAxisGetsOneNumberFormat() {
        assertThat(Charts.axisPattern(List.of(100.0, 1000.0, 10000.0, 100000.0), true)).isEqualTo("#,##0");
        assertThat(Charts.axisPattern(List.of(0.05, 0.5, 5.0), true)).isEqualTo("#,##0.##");
        assertThat(Charts.axisPattern(List.of(0.0, 0.5, 1.0), false)).isEqualTo("#,##0.#");
        assertThat(Charts.axisPattern(List.of(1e-7, 1.0), true)).isEqualTo("0.##E0");
        var chart = tenLines();
        Runnable restore = Charts.formatAxes(chart);
        assertThat(chart.getStyler().getXAxisDecimalPattern()).isEqualTo("#,##0");
        assertThat(chart.getStyler().getYAxisDecimalPattern()).isEqualTo("#,##0");
        restore.run();
        assertThat(chart.getStyler().getXAxisDecimalPattern()).isNull();
        java.text.DecimalFormat f = new java.text.DecimalFormat("#,##0", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
        assertThat(f.format(1000)).isEqualTo("1,000");
        assertThat(f.format(10000)).isEqualTo("10,000"); // never 1E4 beside 1000
    }
}
