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
        var chart = tenLines();   // log-log, x 100 to 100,000, y 1 to 2,009
        Runnable restore = Charts.formatAxes(chart);
        assertThat(chart.getStyler().getXAxisDecimalPattern()).isEqualTo("#,##0");   // 4 decades of plain labels fit the plot
        assertThat(chart.getStyler().getYAxisDecimalPattern()).isEqualTo("#,##0");
        restore.run();
        assertThat(chart.getStyler().getXAxisDecimalPattern()).isNull();
        assertThat(chart.getStyler().getYAxisMin()).isNull();
        // a log x axis over 7 decades in a narrow plot: scientific for the whole axis, never 1,000,000 beside 1E7
        assertThat(AxisFormat.logPattern(List.of(1.0, 2e6), chart.getStyler().getAxisTickLabelsFont(), 300)).isEqualTo("0E0");
        assertThat(AxisFormat.logPattern(List.of(1.0, 2e6), chart.getStyler().getAxisTickLabelsFont(), 2000)).isEqualTo("#,##0");
    }

    @Test
    void linearAxesGetCompactLabels() {
        var labels = AxisFormat.compact(List.of(0.0, 1_050_000.0));
        assertThat(List.of(150_000.0, 900_000.0, 1_050_000.0, 0.0, 2.5e9).stream().map(labels).toList())
                .containsExactly("150k", "900k", "1.05M", "0", "2.5G");
        var small = AxisFormat.compact(List.of(0.0, 1100.0));   // below ten thousand: plain digits
        assertThat(small.apply(1100.0)).isEqualTo("1,100");
        assertThat(AxisFormat.compact(List.of(0.0, 0.5)).apply(0.25)).isEqualTo("0.25");
        var chart = Charts.xy("fill", "operation index", "time (ns)");
        Charts.series(chart, "a", List.of(0, 150_000, 300_000, 450_000), List.of(1.0, 2.0, 3.0, 4.0), null);
        Runnable restore = Charts.formatAxes(chart);
        assertThat(chart.getStyler().getxAxisTickLabelsFormattingFunction().apply(300_000.0)).isEqualTo("300k");
        assertThat(chart.getStyler().getXAxisMin()).isLessThan(0.0);   // off XChart's evenly-spaced-grid labelling, which crowds labels
        restore.run();
        assertThat(chart.getStyler().getxAxisTickLabelsFormattingFunction()).isNull();
        assertThat(chart.getStyler().getXAxisMin()).isNull();
    }

    @Test
    void aLogAxisShowsAtLeastTwoLabelledDecadesAndAllItsData() {
        double[] narrow = AxisFormat.decadeBounds(300, 900);   // no power of ten inside: widened to 100 and 1,000
        assertThat(narrow[0]).isLessThanOrEqualTo(100);
        assertThat(narrow[1]).isGreaterThanOrEqualTo(1000);
        double[] wide = AxisFormat.decadeBounds(50, 2e6);      // several decades: the data and a little room
        assertThat(wide[0]).isLessThan(50).isGreaterThan(10);
        assertThat(wide[1]).isGreaterThan(2e6).isLessThan(1e7);
        var chart = Charts.logY("pauses", "percentile", "pause (ms)");
        Charts.series(chart, "G1", List.of(0, 50, 100), List.of(300.0, 500.0, 900.0), List.of(50.0, 50.0, 80.0));
        Runnable restore = Charts.formatAxes(chart);
        assertThat(chart.getStyler().getYAxisMin()).isLessThanOrEqualTo(100.0);
        assertThat(chart.getStyler().getYAxisMax()).isGreaterThanOrEqualTo(1000.0);
        restore.run();
    }

    @Test
    void oneXValueIsDrawnAsBarsAndDenseSeriesAsSmallMultiples() {
        var threads = Charts.xy("Throughput", "threads", "ops/us");
        Charts.series(threads, "synchronizedMap", List.of(4), List.of(170.0), List.of(5.0));
        Charts.series(threads, "ConcurrentHashMap", List.of(4), List.of(850.0), List.of(30.0));
        var drawn = Charts.panels(threads);
        assertThat(drawn).singleElement().isInstanceOf(org.knowm.xchart.CategoryChart.class);
        var bars = (org.knowm.xchart.CategoryChart) drawn.get(0);
        assertThat(bars.getSeriesMap().keySet()).containsExactly("synchronizedMap", "ConcurrentHashMap");
        assertThat(bars.getSeriesMap().get("ConcurrentHashMap").getYData().iterator().next().doubleValue()).isEqualTo(850.0);
        Charts.series(threads, "HashMap + ReadWriteLock", List.of(1, 4), List.of(100.0, 260.0), null);
        assertThat(Charts.panels(threads)).singleElement().isSameAs(threads);   // two x values: lines again

        var multiples = Charts.smallMultiples("Longest put", "operation index", "ns");
        for (int i = 0; i < 5; i++) Charts.series(multiples, "subject " + i, List.of(0, 1, 2), List.of(1.0 + i, 30.0, 2.0), null);
        var panels = Charts.panels(multiples);
        assertThat(panels).hasSize(5).allSatisfy(p -> assertThat(p.getSeriesMap()).hasSize(1));
        assertThat(panels.get(3).getTitle()).isEqualTo("subject 3");
        assertThat(panels).allSatisfy(p -> assertThat(((org.knowm.xchart.XYChart) p).getStyler().getYAxisMax()).isEqualTo(30.0));   // one y range
        Figure figure = Figure.of(multiples);
        assertThat(figure.columns()).isEqualTo(SmallMultiples.COLUMNS);
        assertThat(figure.panels()).extracting(Figure.Panel::caption).containsExactly("subject 0", "subject 1", "subject 2", "subject 3", "subject 4");
    }

    @Test
    void manyCategoriesTurnTheirLabelsAndTheImageGrowsForThem() {
        var chart = Charts.bars("insert time", "constructor", "ms");
        List<String> names = java.util.stream.IntStream.range(0, 12).mapToObj(i -> "new LinkedHashMap<>(" + i + ")").toList();
        Charts.bars(chart, "time", names, java.util.Collections.nCopies(12, 5.0), null);
        AxisFormat.CategoryLabels labels = AxisFormat.categoryLabels(chart);
        assertThat(labels.rotation()).isIn(45, 90);
        assertThat(labels.extraHeight()).isGreaterThan(0);
        assertThat(Figure.panelHeight(chart)).isEqualTo(Charts.HEIGHT + labels.extraHeight());
        Charts.png(chart);
        assertThat(chart.getHeight()).isEqualTo(Charts.HEIGHT);   // drawn taller, the chart keeps its size
        assertThat(chart.getStyler().getXAxisLabelRotation()).isEqualTo(20);
    }
}
