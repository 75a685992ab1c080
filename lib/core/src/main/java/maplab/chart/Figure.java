package maplab.chart;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * How a chart is drawn into one image: its title, wrapped onto as many lines as the image's
 * width needs (never cut, as XChart cuts a long title at both edges), above one or more
 * panels laid out in a grid. A panel is an XChart chart drawn without its own title; a panel
 * of {@link SmallMultiples} has a caption (its series' name) above it.
 *
 * <p>Which panels a chart becomes is decided in {@link Charts#panels}; a figure only lays
 * them out and draws them, to PNG or SVG.
 */
public final class Figure {

    /** Pixels left free on each side of a title line. */
    public static final int MARGIN = 12;

    /** The smallest title font size: a title that needs more than two lines at its own size is drawn smaller, down to this. */
    static final float MIN_TITLE_SIZE = 12f;

    /** One panel and its caption (null for none). */
    public record Panel(String caption, Chart<?, ?> chart) { }

    private final String title;
    private final Font titleFont;
    private final List<String> titleLines;
    private final List<Panel> panels;
    private final int columns;
    private final int width;

    private Figure(String title, Font font, List<Panel> panels, int columns, int width) {
        this.title = title == null ? "" : title;
        this.panels = List.copyOf(panels);
        this.columns = columns;
        this.width = width;
        Font fitted = font;
        List<String> lines = wrap(this.title, fitted, width - 2 * MARGIN);
        while (lines.size() > 2 && fitted.getSize2D() > MIN_TITLE_SIZE) {
            fitted = fitted.deriveFont(Math.max(MIN_TITLE_SIZE, fitted.getSize2D() - 1f));
            lines = wrap(this.title, fitted, width - 2 * MARGIN);
        }
        this.titleFont = fitted;
        this.titleLines = balanced(this.title, fitted, width - 2 * MARGIN, lines);
    }

    /** {@code lines} rewrapped as narrow as they stay as many, so a wrapped title has no one-word last line. */
    private static List<String> balanced(String text, Font font, int maxWidth, List<String> lines) {
        if (lines.size() < 2) return lines;
        List<String> best = lines;
        for (int w = maxWidth - 8; w > maxWidth / 3; w -= 8) {
            List<String> narrower = wrap(text, font, w);
            if (narrower.size() != lines.size()) break;
            best = narrower;
        }
        return best;
    }

    /** The figure {@code chart} is drawn as: its title over {@link Charts#panels its panels}. */
    public static Figure of(Chart<?, ?> chart) {
        List<Panel> panels = Charts.panels(chart).stream()
                .map(p -> new Panel(chart instanceof SmallMultiples ? p.getTitle() : null, p)).toList();
        int columns = chart instanceof SmallMultiples && panels.size() > 1 ? SmallMultiples.COLUMNS : 1;
        return new Figure(chart.getTitle(), chart.getStyler().getChartTitleFont(), panels, columns, chart.getWidth());
    }

    public String title() { return title; }
    /** The title's font as drawn (smaller than the chart's when the title needed more than two lines). */
    public Font titleFont() { return titleFont; }
    /** The title as drawn: lines each at most {@link #width} less twice {@link #MARGIN} wide in {@link #titleFont}. */
    public List<String> titleLines() { return titleLines; }
    public List<Panel> panels() { return panels; }
    public int columns() { return columns; }
    public int width() { return width; }

    /** The font a panel's caption is drawn in. */
    public static Font captionFont(Chart<?, ?> panel) {
        return panel.getStyler().getChartTitleFont().deriveFont(Font.PLAIN, 12f);
    }

    /** Pixels from the top to the first panel. */
    int titleHeight() {
        if (title.isEmpty()) return MARGIN / 2;
        return MARGIN / 2 + titleLines.size() * metrics(titleFont).getHeight() + MARGIN / 2;
    }

    private int captionHeight(Panel p) {
        return p.caption() == null ? 0 : wrap(p.caption(), captionFont(p.chart()), p.chart().getWidth() - 2 * MARGIN).size()
                * metrics(captionFont(p.chart())).getHeight() + 4;
    }

    private int rowHeight(int row) {
        int h = 0;
        for (int i = row * columns; i < Math.min(panels.size(), (row + 1) * columns); i++) {
            h = Math.max(h, captionHeight(panels.get(i)) + panelHeight(panels.get(i).chart()));
        }
        return h;
    }

    /** The image's height: the title and every row of panels. */
    public int height() {
        int h = titleHeight();
        for (int row = 0; row * columns < panels.size(); row++) h += rowHeight(row);
        return h;
    }

    /** The figure as PNG bytes. */
    public byte[] png() {
        BufferedImage image = new BufferedImage(width, height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            draw(g);
        } finally {
            g.dispose();
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The figure as an SVG document. */
    public String svg() {
        VectorGraphics2D g = new VectorGraphics2D();
        draw(g);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new SVGProcessor().getDocument(g.getCommands(), new PageSize(0.0, 0.0, width, height())).writeTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Draws the title lines centred on the image, then each panel (formatted by {@link Charts#formatAxes}, its own title hidden) in its grid cell. */
    private void draw(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height());
        drawLines(g, titleLines, titleFont, 0, width, MARGIN / 2);
        int y = titleHeight();
        for (int row = 0; row * columns < panels.size(); row++) {
            int cellWidth = width / columns;
            for (int i = row * columns; i < Math.min(panels.size(), (row + 1) * columns); i++) {
                Panel p = panels.get(i);
                int x = (i - row * columns) * cellWidth;
                int top = p.caption() == null ? y : drawLines(g, wrap(p.caption(), captionFont(p.chart()), p.chart().getWidth() - 2 * MARGIN),
                        captionFont(p.chart()), x, p.chart().getWidth(), y) + 4;
                drawPanel(g, p.chart(), x, top);
            }
            y += rowHeight(row);
        }
    }

    /** Draws {@code lines} centred between {@code x} and {@code x + w} from {@code top}; returns the y below them. */
    private static int drawLines(Graphics2D g, List<String> lines, Font font, int x, int w, int top) {
        g.setFont(font);
        g.setColor(Color.BLACK);
        FontMetrics m = g.getFontMetrics(font);
        int y = top;
        for (String line : lines) {
            g.drawString(line, x + (w - m.stringWidth(line)) / 2, y + m.getAscent());
            y += m.getHeight();
        }
        return y;
    }

    /** Pixels a panel is drawn high: the chart's height, and more where its category labels stand up. */
    public static int panelHeight(Chart<?, ?> chart) {
        if (!(chart instanceof CategoryChart bars) || bars.getSeriesMap().isEmpty()) return chart.getHeight();
        return chart.getHeight() + AxisFormat.categoryLabels(bars).extraHeight();
    }

    private static void drawPanel(Graphics2D g, Chart<?, ?> chart, int x, int y) {
        boolean titleShown = chart.getStyler().isChartTitleVisible();
        int height = chart.getHeight();
        int drawnHeight = panelHeight(chart);
        chart.getStyler().setChartTitleVisible(false);
        Runnable restore = Charts.formatAxes(chart);
        Graphics2D panel = (Graphics2D) g.create();
        try {
            panel.translate(x, y);
            panel.setClip(0, 0, chart.getWidth(), drawnHeight);
            chart.paint(panel, chart.getWidth(), drawnHeight);
        } finally {
            panel.dispose();
            restore.run();
            chart.getStyler().setChartTitleVisible(titleShown);
            if (drawnHeight != height) restoreHeight(chart, height);
        }
    }

    /** XChart sets a chart's size only while painting it: paints it once more, on a scratch image, at {@code height}. */
    private static void restoreHeight(Chart<?, ?> chart, int height) {
        Graphics2D scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            chart.paint(scratch, chart.getWidth(), height);
        } finally {
            scratch.dispose();
        }
    }

    /**
     * {@code text} broken at spaces into lines at most {@code maxWidth} pixels wide in
     * {@code font}; a word wider than that on its own is broken after its last comma, slash or
     * semicolon that fits, or else between characters. Joined with single spaces, the lines
     * give back the text with its runs of blanks made one.
     */
    public static List<String> wrap(String text, Font font, int maxWidth) {
        FontMetrics m = metrics(font);
        List<String> lines = new ArrayList<>();
        if (text == null || text.isBlank()) return lines;
        StringBuilder line = new StringBuilder();
        for (String word : text.trim().split("\\s+")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (m.stringWidth(candidate) <= maxWidth) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (line.length() > 0) lines.add(line.toString());
            line.setLength(0);
            String rest = word;
            while (m.stringWidth(rest) > maxWidth) {
                int cut = longestFittingPrefix(rest, m, maxWidth);
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            line.append(rest);
        }
        if (line.length() > 0) lines.add(line.toString());
        return lines;
    }

    private static int longestFittingPrefix(String word, FontMetrics m, int maxWidth) {
        int fits = 1;
        while (fits < word.length() && m.stringWidth(word.substring(0, fits + 1)) <= maxWidth) fits++;
        for (int i = fits; i > fits / 2; i--) {
            if (",;/".indexOf(word.charAt(i - 1)) >= 0) return i;
        }
        return fits;
    }

    /** The metrics of {@code font} as drawn on a headless image. */
    public static FontMetrics metrics(Font font) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            return g.getFontMetrics(font);
        } finally {
            g.dispose();
        }
    }
}
