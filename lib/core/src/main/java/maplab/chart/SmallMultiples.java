package maplab.chart;

import org.knowm.xchart.XYChart;

/**
 * An XY chart whose series would hide each other drawn together (dense, noisy lines): it holds
 * its series like any XY chart, and is drawn as small multiples, one small panel per series in
 * a grid of {@link #COLUMNS} columns, all on the same axes ranges, each captioned with its
 * series' name. Make one with {@link Charts#smallMultiples}.
 */
public final class SmallMultiples extends XYChart {

    /** Panels per row. */
    public static final int COLUMNS = 2;

    /** Height of one panel in pixels. */
    public static final int PANEL_HEIGHT = 230;

    SmallMultiples(int width, int height) {
        super(width, height);
    }
}
