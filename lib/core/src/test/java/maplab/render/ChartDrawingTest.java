package maplab.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.util.List;
import maplab.conclude.ChartData;
import maplab.conclude.ChartData.Mark;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

class ChartDrawingTest {

    @Test
    void linesKeepTheirAxesAndEachMarkHasItsLook() {
        ChartData data = ChartData.logLog("t", "n", "ns").yMin(1).legend(false)
                .series("line", List.of(1, 10), List.of(2, 20), null)
                .series("points", List.of(1, 10), List.of(3, 30), null, Mark.POINTS)
                .series("steps", List.of(1, 10), List.of(4, 40), null, Mark.STEPS)
                .series("bounds", List.of(1, 10), List.of(5, 50), null, Mark.LOWER_BOUNDS)
                .series("neutral", List.of(1, 10), List.of(1, 1), null, Mark.NEUTRAL_LINE).build();
        XYChart chart = (XYChart) ChartDrawing.xchart(data);
        assertThat(chart.getStyler().isXAxisLogarithmic()).isTrue();
        assertThat(chart.getStyler().isYAxisLogarithmic()).isTrue();
        assertThat(chart.getStyler().getYAxisMin()).isEqualTo(1.0);
        assertThat(chart.getStyler().isLegendVisible()).isFalse();
        assertThat(chart.getSeriesMap()).containsOnlyKeys("line", "points", "steps", "bounds", "neutral");
        assertThat(chart.getSeriesMap().get("points").getXYSeriesRenderStyle()).isEqualTo(XYSeries.XYSeriesRenderStyle.Scatter);
        assertThat(chart.getSeriesMap().get("steps").getXYSeriesRenderStyle()).isEqualTo(XYSeries.XYSeriesRenderStyle.Step);
        assertThat(chart.getSeriesMap().get("bounds").getMarker()).isEqualTo(SeriesMarkers.TRIANGLE_UP);
        assertThat(chart.getSeriesMap().get("neutral").getLineColor()).isEqualTo(Color.RED);
    }

    @Test
    void errorBarsStopAtZeroWhenDrawn() {
        ChartData data = ChartData.lines("t", "threads", "ops/us").series("s", List.of(1, 2), List.of(2, 10), List.of(5, 1)).build();
        XYSeries s = ((XYChart) ChartDrawing.xchart(data)).getSeriesMap().get("s");
        assertThat(s.getExtraValues()).containsExactly(2.0, 1.0);
        assertThat(data.series("s").errors()).as("the data keeps the interval as concluded").containsExactly(5.0, 1.0);
    }

    @Test
    void tickLabelsNameTheirXAndTheAxisBecomesOneOfWholeNumbers() {
        ChartData data = ChartData.lines("t", "percentile", "ns").xTickLabel(1, "p50").xTickLabel(2, "p99")
                .series("s", List.of(1, 2), List.of(1, 2), null).build();
        XYChart chart = (XYChart) ChartDrawing.xchart(data);
        assertThat(chart.getStyler().getxAxisTickLabelsFormattingFunction().apply(2.0)).isEqualTo("p99");
        assertThat(chart.getStyler().getxAxisTickLabelsFormattingFunction().apply(1.5)).isEmpty();
        assertThat(chart.getStyler().getxAxisTickLabelsFormattingFunction().apply(3.0)).isEqualTo("3");
        assertThat(ChartDrawing.png(ChartData.lines("t", "threads", "ops").xTickLabel(1, "1").xTickLabel(8, "8")
                .series("s", List.of(1, 2, 4, 8), List.of(1, 2, 3, 4), null).build())).as("drawn, not narrowing ticks forever").isNotEmpty();
    }

    @Test
    void barsAreBarsAndPointsOnRequest() {
        ChartData data = ChartData.bars("t", "subject", "ms").logY(true)
                .bars("bars", List.of("a", "b"), List.of(1, 100), null)
                .bars("points", List.of("a", "b"), List.of(2, 200), List.of(5, 1), Mark.POINTS).build();
        CategoryChart chart = (CategoryChart) ChartDrawing.xchart(data);
        assertThat(chart.getStyler().isYAxisLogarithmic()).isTrue();
        assertThat(chart.getSeriesMap().get("bars").getChartCategorySeriesRenderStyle()).isNotEqualTo(CategorySeries.CategorySeriesRenderStyle.Scatter);
        assertThat(chart.getSeriesMap().get("points").getChartCategorySeriesRenderStyle()).isEqualTo(CategorySeries.CategorySeriesRenderStyle.Scatter);
        assertThat(chart.getSeriesMap().get("points").getExtraValues().iterator().next().doubleValue()).as("below the value on a log axis").isLessThan(2.0);
    }

    @Test
    void aChartWithoutDataIsDrawnAsItsTitleAndEveryChartBecomesAnImage() {
        assertThat(ChartDrawing.xchart(ChartData.noData("nothing here")).getTitle()).isEqualTo("nothing here");
        byte[] png = ChartDrawing.png(ChartData.lines("t", "x", "y").series("s", List.of(1, 2), List.of(1, 2), null).build());
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(ChartDrawing.svg(ChartData.noData("none"))).contains("<svg");
    }
}
