package maplab.render;

import java.util.List;
import java.util.stream.Collectors;
import maplab.conclude.Finding;
import maplab.conclude.ChartData;
import tech.tablesaw.api.Table;

/**
 * The page of three or more runs compared ({@code compare.html} and the notebook display of
 * {@code maplab.lab.MultiComparison}): the runs, how their environments and parameters differ,
 * the method, then per metric a chart and a table with ranks and tied groups. It is handed
 * what the comparison computed and reads nothing itself.
 */
public final class MultiComparisonPage {

    private MultiComparisonPage() { }

    /** One metric's part of the page: its name ("time (ns/op)"), chart and table. */
    public record Metric(String name, ChartData chart, Table table) { }

    /**
     * What the page shows.
     *
     * @param runs      the runs in order (their {@code jdk} with extra options after a comma)
     * @param fdrQ      the false discovery rate the verdicts control
     * @param tested    how many pairs were tested
     * @param different how many pairs were called different
     */
    public record Content(String experiment, List<ComparisonPage.ComparedRun> runs, List<String> environmentDifferences,
                          List<String> parameterDifferences, double fdrQ, long tested, long different, List<Metric> metrics) { }

    /** A self-contained page. */
    public static String page(Content c) {
        return Html.page("maplab compare " + c.experiment() + " (" + c.runs().size() + " runs)", fragment(c));
    }

    /** The comparison as an HTML fragment: runs, environment differences, method, then per metric a table and a chart. */
    public static String fragment(Content c) {
        StringBuilder sb = new StringBuilder("<div class=\"maplab-result\">");
        sb.append("<h3 style=\"margin:4px 0\">Comparing ").append(c.runs().size()).append(' ').append(Html.escape(c.experiment())).append(" runs</h3><p>");
        for (ComparisonPage.ComparedRun r : c.runs()) {
            sb.append(r.label()).append(": <code>").append(Html.escape(r.folder())).append("</code> (").append(Html.escape(r.profile())).append(", ")
                    .append(Html.escape(r.start())).append("; measured on JDK ").append(Html.escape(r.jdk())).append(")<br/>");
        }
        sb.append("</p>");
        if (c.environmentDifferences().isEmpty()) {
            sb.append("<p class=\"muted\">Same environment: JDK, JVM options, GC, cores, CPU and profile.</p>");
        } else {
            sb.append("<p style=\"background:#fff4e5;padding:6px\"><b>Environments differ</b>, so differences may come from them:<br/>")
                    .append(lines(c.environmentDifferences())).append("</p>");
        }
        if (!c.parameterDifferences().isEmpty()) {
            sb.append("<p style=\"background:#fff4e5;padding:6px\"><b>Parameters differ</b> (rows with other parameters do not match):<br/>")
                    .append(lines(c.parameterDifferences())).append("</p>");
        }
        sb.append(method(c));
        for (Metric m : c.metrics()) {
            sb.append("<h4>").append(Html.escape(m.name())).append("</h4>");
            sb.append("<div>").append(Html.chart(m.name(), m.chart())).append("</div>");
            sb.append(Html.table(m.table(), Integer.MAX_VALUE));
        }
        return sb.append("</div>").toString();
    }

    private static String lines(List<String> texts) {
        return texts.stream().map(Html::escape).collect(Collectors.joining("<br/>"));
    }

    private static String method(Content c) {
        return "<p class=\"muted\"><b>Method:</b> each run's value with its stored " + Finding.confidenceLabel()
                + " interval. Every pair of runs of a row is tested with Welch's t test on the logs of its per-fork means (forks are the "
                + "unit of replication; a run without samples is tested from its stored half-widths). Pairs are called different only when "
                + "Benjamini-Hochberg at a false discovery rate of q = " + c.fdrQ() + " over all " + c.tested()
                + " tested pairs of all metrics says so (" + c.different() + " did). Rank 1 is best (from each row's <code>better</code> "
                + "column; by value when neither is better). Runs sharing a group letter are statistically tied; runs sharing none differ.</p>";
    }
}
