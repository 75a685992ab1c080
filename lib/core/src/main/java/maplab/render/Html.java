package maplab.render;

import maplab.conclude.Finding;
import maplab.conclude.Result;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import maplab.run.Reference;
import maplab.conclude.ChartData;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * HTML for tables, findings and whole results: used by the notebook renderers and by the
 * self-contained report.html of a run folder, so both show the same thing.
 */
public final class Html {

    /** Rows shown inline before a table is cut (the full table is in the run folder's CSV). */
    public static final int MAX_ROWS = 60;

    public static final String CSS = "body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:24px;color:#222;max-width:1100px}"
            + "table.maplab{border-collapse:collapse;font-size:12.5px;margin:8px 0}"
            + "table.maplab th,table.maplab td{border:1px solid #ddd;padding:3px 7px;text-align:right}"
            + "table.maplab th{background:#f3f5f8}table.maplab td.s,table.maplab th.s{text-align:left}"
            + ".findings td.t{text-align:left}.muted{color:#666;font-size:12px}"
            + "img.chart{max-width:100%;border:1px solid #eee;margin:6px 0}"
            + ".ok{color:#2e7d32;font-weight:bold}.failed{color:#b71c1c;font-weight:bold}";

    private Html() { }

    public static String escape(Object o) {
        String s = String.valueOf(o);
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A line of plain text as a muted paragraph (e.g. a cluster job's status while it runs). */
    public static String statusLine(String text) {
        return "<p class=\"muted\">" + escape(text) + "</p>";
    }

    /**
     * A Tablesaw table as an HTML table, cut at {@code maxRows} rows with a note saying so. Text
     * columns and their headers align left, number columns and their headers right; each
     * number column is written in one format ({@link #columnFormat}), so {@code 7.65e-05} never
     * stands above {@code 0.000117}.
     */
    public static String table(Table t, int maxRows) {
        StringBuilder sb = new StringBuilder("<table class=\"maplab\">");
        if (t.name() != null && !t.name().isBlank()) sb.append("<caption style=\"text-align:left\"><b>").append(escape(t.name())).append("</b></caption>");
        int rows = Math.min(maxRows, t.rowCount());
        List<Column<?>> columns = t.columns();
        boolean[] numeric = new boolean[columns.size()];
        java.util.function.DoubleFunction<?>[] formats = new java.util.function.DoubleFunction<?>[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            Column<?> c = columns.get(i);
            numeric[i] = c.type().name().matches("DOUBLE|FLOAT|LONG|INTEGER|SHORT");
            if (c.type().name().matches("DOUBLE|FLOAT")) {
                List<Double> values = new java.util.ArrayList<>();
                for (int r = 0; r < rows; r++) if (!c.isMissing(r)) values.add(((Number) c.get(r)).doubleValue());
                String f = columnFormat(values);
                formats[i] = d -> String.format(Locale.ROOT, f, d);
            }
        }
        sb.append("<thead><tr>");
        for (int i = 0; i < columns.size(); i++) {
            sb.append(numeric[i] ? "<th>" : "<th class=\"s\">").append(escape(columns.get(i).name())).append("</th>");
        }
        sb.append("</tr></thead><tbody>");
        for (int r = 0; r < rows; r++) {
            sb.append("<tr>");
            for (int i = 0; i < columns.size(); i++) {
                Column<?> c = columns.get(i);
                String text = c.isMissing(r) ? "" : formats[i] != null
                        ? String.valueOf(formats[i].apply(((Number) c.get(r)).doubleValue())) : cell(c, r);
                sb.append(numeric[i] ? "<td>" : "<td class=\"s\">").append(escape(text)).append("</td>");
            }
            sb.append("</tr>");
        }
        sb.append("</tbody></table>");
        if (t.rowCount() > rows) sb.append("<div class=\"muted\">").append(rows).append(" of ").append(t.rowCount()).append(" rows shown</div>");
        return sb.toString();
    }

    /**
     * One {@link String#format} pattern for a column of numbers: whole numbers grouped
     * ({@code %,.0f}) when every value is whole; else fixed decimals enough to give the smallest
     * non-zero value three significant digits (at most six decimals); scientific notation with
     * three significant digits ({@code %.2e}) for the whole column when that is not enough,
     * when the values span five decades or more, or reach 1e9.
     */
    public static String columnFormat(List<Double> values) {
        boolean whole = true;
        double smallest = Double.POSITIVE_INFINITY;
        double largest = 0;
        for (double v : values) {
            if (!Double.isFinite(v)) continue;
            if (v != Math.rint(v)) whole = false;
            double a = Math.abs(v);
            if (a > 0) smallest = Math.min(smallest, a);
            largest = Math.max(largest, a);
        }
        if (largest >= 1e9) return "%.2e";
        if (whole) return "%,.0f";
        int decimals = Math.max(0, 2 - (int) Math.floor(Math.log10(smallest)));
        if (decimals > 6 || largest / smallest >= 1e5) return "%.2e";
        return "%,." + decimals + "f";
    }

    /** A Tablesaw table as HTML with the default row limit. */
    public static String table(Table t) {
        return table(t, MAX_ROWS);
    }

    private static String cell(Column<?> c, int row) {
        if (c.isMissing(row)) return "";
        Object v = c.get(row);
        if (v instanceof Double d) return number(d);
        return String.valueOf(v);
    }

    /** A number with precision that fits its size. */
    public static String number(double d) {
        return maplab.stats.Numbers.format(d);
    }

    /** The findings as a table: id, value, unit, sentence. */
    public static String findings(List<Finding> findings) {
        return findings(findings, null);
    }

    /**
     * The findings as a table: id, value, unit, interval, verdict and basis, with the
     * reference's value, interval and verdict beside each when {@code reference} is not null.
     */
    public static String findings(List<Finding> findings, Reference reference) {
        StringBuilder sb = new StringBuilder("<table class=\"maplab findings\"><thead><tr><th class=\"s\">finding</th><th>value</th>"
                + "<th class=\"s\">unit</th><th>").append(Finding.confidenceLabel()).append(" interval</th><th class=\"s\">verdict</th><th class=\"s\">basis</th>")
                .append(reference == null ? "" : "<th>reference</th><th class=\"s\">reference verdict</th><th class=\"s\">against reference</th>")
                .append("<th class=\"s\">what it says</th></tr></thead><tbody>");
        for (Finding f : findings) {
            sb.append("<tr><td class=\"s\"><code>").append(escape(f.id())).append("</code></td><td>").append(f.notComputed() ? "&mdash;" : number(f.value()))
                    .append("</td><td class=\"s\">").append(escape(f.unit())).append("</td><td>").append(escape(interval(f)))
                    .append("</td><td class=\"s\">").append(verdictHtml(f))
                    .append("</td><td class=\"s\">").append(f.basis() == null ? "" : escape(f.basis().id())).append("</td>")
                    .append(reference == null ? "" : referenceCells(f, reference.finding(f.id()).orElse(null)))
                    .append("<td class=\"t\">").append(escape(f.text())).append("</td></tr>");
        }
        return sb.append("</tbody></table>").toString();
    }

    /**
     * The cells beside one finding: the reference's value with its interval, its verdict, and
     * how the finding relates to it ({@link Reference#relation}: like with like only).
     */
    static String referenceCells(Finding f, Finding ref) {
        if (ref == null) return "<td class=\"s muted\">not in reference</td><td></td><td></td>";
        return "<td>" + escape(valueWithInterval(ref)) + "</td><td class=\"s\">" + verdictHtml(ref) + "</td><td class=\"s\">"
                + escape(Reference.relation(f, ref)) + "</td>";
    }

    /** "2.31 (2.05 to 2.60)", or the value alone when the finding is exact or has no interval. */
    public static String valueWithInterval(Finding f) {
        String i = interval(f);
        return number(f.value()) + (i.isEmpty() || i.equals("exact") ? "" : " (" + i + ")");
    }

    /** Where the reference comes from, and whether its environment differs from {@code r}'s. */
    public static String referenceNote(Result r, Reference reference) {
        return referenceNote(reference.environmentDifferences(r), reference);
    }

    /** The reference note, given what differs between a run's environment and the reference's. */
    public static String referenceNote(List<String> differ, Reference reference) {
        String where = "Reference: <code>" + escape(reference.shownDir()) + "</code> (" + escape(reference.run().profile()) + " profile, "
                + escape(reference.run().start()) + "). ";
        return differ.isEmpty()
                ? "<p class=\"muted\">" + where + "Same environment: JDK, GC, cores, CPU and profile.</p>"
                : "<p class=\"muted\" style=\"background:#fff4e5;padding:6px\">" + where + "<b>Environments differ</b> (this run vs reference): "
                        + escape(String.join("; ", differ)) + ".</p>";
    }

    /**
     * The same findings in several runs side by side (compare, stability): one row per finding
     * id, one cell per run with value, interval and verdict, then {@code lastHeader}'s column
     * ({@code last} by id). Rows whose id is in {@code flagged} are highlighted.
     */
    public static String findingsAcross(List<String> runLabels, List<Map<String, Finding>> runs, String lastHeader,
                                        Map<String, String> last, java.util.Set<String> flagged) {
        java.util.LinkedHashMap<String, String> units = new java.util.LinkedHashMap<>();
        for (Map<String, Finding> run : runs) run.forEach((id, f) -> units.putIfAbsent(id, f.unit()));
        StringBuilder sb = new StringBuilder("<table class=\"maplab findings\"><thead><tr><th class=\"s\">finding</th><th class=\"s\">unit</th>");
        for (String label : runLabels) sb.append("<th class=\"s\">").append(escape(label)).append("</th>");
        sb.append("<th class=\"s\">").append(escape(lastHeader)).append("</th></tr></thead><tbody>");
        for (Map.Entry<String, String> e : units.entrySet()) {
            String id = e.getKey();
            sb.append(flagged.contains(id) ? "<tr style=\"background:#ffebee\">" : "<tr>").append("<td class=\"s\"><code>").append(escape(id))
                    .append("</code></td><td class=\"s\">").append(escape(e.getValue())).append("</td>");
            for (Map<String, Finding> run : runs) {
                Finding f = run.get(id);
                if (f == null) {
                    sb.append("<td class=\"s muted\">absent</td>");
                    continue;
                }
                String i = interval(f);
                sb.append("<td class=\"s\">").append(number(f.value()));
                if (!i.isEmpty() && !i.equals("exact")) sb.append(" <span class=\"muted\">(").append(escape(i)).append(")</span>");
                if (f.verdict() != null) sb.append("<br/>").append(verdictHtml(f));
                sb.append("</td>");
            }
            String text = last.getOrDefault(id, "");
            sb.append("<td class=\"s\">").append(flagged.contains(id) ? "<b>" + escape(text) + "</b>" : escape(text)).append("</td></tr>");
        }
        return sb.append("</tbody></table>").toString();
    }

    /** "2.90 to 3.31", "at least 116.5" (cut toward the safe side, never rounded up), "exact" (a count), or "" when the finding has none. */
    public static String interval(Finding f) {
        double lo = f.low(), hi = f.high();
        if (Double.isNaN(lo) || Double.isNaN(hi)) return "";
        if (lo == hi) return "exact";
        if (f.verdict() == Finding.Verdict.AT_LEAST) return "at least " + bound(lo, true);
        if (f.verdict() == Finding.Verdict.AT_MOST) return "at most " + bound(hi, false);
        return number(lo) + " to " + (Double.isInfinite(hi) ? "unbounded" : number(hi));
    }

    /** A bound with four significant digits, cut toward its safe side: a lower bound down, an upper bound up. */
    public static String bound(double d, boolean lower) {
        if (!Double.isFinite(d) || d == 0) return number(d);
        java.math.BigDecimal b = new java.math.BigDecimal(d).round(new java.math.MathContext(4, lower ? java.math.RoundingMode.FLOOR : java.math.RoundingMode.CEILING));
        return b.stripTrailingZeros().toPlainString();
    }

    /**
     * A finding's verdict label, coloured: higher/lower bold, equivalent (with its margin,
     * "equivalent within ±10%") green, no detectable difference grey.
     */
    public static String verdictHtml(Finding f) {
        Finding.Verdict v = f.verdict();
        if (v == null) return "";
        String style = v.isDifference() ? "font-weight:600" : v == Finding.Verdict.NO_DIFFERENCE ? "color:#666"
                : v == Finding.Verdict.EQUIVALENT ? "color:#1b5e20" : v == Finding.Verdict.NOT_COMPUTED ? "color:#b71c1c" : "";
        return "<span style=\"" + style + "\">" + escape(f.verdictLabel()) + "</span>";
    }

    /** A chart as an inline PNG image. */
    public static String chart(String name, ChartData chart) {
        return "<img class=\"chart\" alt=\"" + escape(name) + "\" src=\"data:image/png;base64," + ChartDrawing.pngBase64(chart) + "\"/>";
    }

    /**
     * A result's findings (beside its experiment's reference, when {@code reference} holds one),
     * charts, tables and environment: the notebook rendering of a Result and the body of its
     * report.html.
     */
    public static String fragment(Result r, Reference.Lookup reference) {
        StringBuilder sb = new StringBuilder("<div class=\"maplab-result\">");
        sb.append("<h3 style=\"margin:4px 0\">").append(escape(r.experiment())).append(" <span class=\"muted\">(").append(r.profile().label())
                .append(" profile, seed ").append(r.params().seed()).append(")</span></h3>");
        if (r.storedRun() != null) sb.append(storedNote(r));
        if (r.error() != null) sb.append("<p style=\"color:#b71c1c\"><b>Failed:</b> ").append(escape(r.error())).append(" (what was measured before is shown)</p>");
        sb.append("<h4>Findings</h4>").append(findings(r.findings(), reference.reference()));
        if (reference.reference() != null) sb.append(referenceNote(r, reference.reference()));
        if (reference.problem() != null) sb.append("<p class=\"muted\">Reference unreadable: ").append(escape(reference.problem())).append("</p>");
        if (reference.note() != null) sb.append("<p class=\"muted\">").append(escape(reference.note())).append("</p>");
        for (Map.Entry<String, ChartData> c : r.charts().entrySet()) sb.append("<div>").append(chart(c.getKey(), c.getValue())).append("</div>");
        if (r.notes().get(ResultBuilder.CHARTS_LEFT_OUT) instanceof List<?> left && !left.isEmpty()) {
            sb.append("<p class=\"muted\">Charts left out: ").append(escape(left.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining("; ")))).append(".</p>");
        }
        sb.append("<h4>Measurements</h4>").append(table(r.table()));
        for (Table t : r.tables().values()) sb.append(table(t));
        sb.append("<p class=\"muted\">Environment: ").append(escape(r.environment().summary()));
        if (r.runDir() != null && r.storedRun() == null) sb.append("<br/>Run folder: <code>").append(escape(r.runDir())).append("</code>");
        sb.append("</p></div>");
        return sb.toString();
    }

    /**
     * The line over a result taken from a stored run instead of measured now ({@code ./maplab report --from}):
     * "From stored run <folder>, measured <start>", and that its findings were concluded again from what it stored.
     */
    public static String storedNote(Result r) {
        return "<p class=\"muted\" style=\"background:#eef4fb;padding:6px\">" + escape(storedLine(r.storedRun().toString(), r.start()))
                + "; not measured now: its findings were concluded again from what it stored.</p>";
    }

    /** "From stored run data/reference/presize, measured 2026-11-28 01:39:27 UTC": how reports name a run taken from a stored folder. */
    public static String storedLine(String folder, java.time.Instant measured) {
        return "From stored run " + folder + ", measured " + (measured == null ? "at an unknown time"
                : java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(java.time.ZoneOffset.UTC).format(measured));
    }

    /** A whole self-contained HTML page for one result (the run folder's report.html), its reference loaded by the caller. */
    public static String page(Result r, Reference.Lookup reference) {
        return page("maplab " + r.experiment(), fragment(r, reference));
    }

    /** maplab's CSS in a style element with the page rule scoped to a result's div, so a notebook's own style is left alone. */
    public static String scopedStyle() {
        return "<style>" + CSS.replace("body{", ".maplab-result{") + "</style>";
    }

    /** A self-contained page: {@link #CSS} and {@code body} (HTML). */
    public static String page(String title, String body) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"/><title>" + escape(title) + "</title><style>" + CSS
                + "</style></head><body>" + body + "</body></html>";
    }

    /** A group of findings in the notebook: its table in maplab's styled division ({@link #scopedStyle}). */
    public static String findingsFragment(maplab.conclude.Findings group) {
        return "<div class=\"maplab-result\">" + findings(group) + "</div>";
    }

    /** A group of findings ({@code Result.findingsIn}) as a findings table, or a line saying the run has none. */
    public static String findings(maplab.conclude.Findings group) {
        if (group.isEmpty()) return "<p class=\"maplab\">No " + escape(group.group()) + " findings in this run.</p>";
        return findings(group.list());
    }
}
