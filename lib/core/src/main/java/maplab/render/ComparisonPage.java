package maplab.render;

import java.util.List;
import java.util.Map;
import java.util.Set;
import maplab.conclude.Finding;
import maplab.conclude.ChartData;
import tech.tablesaw.api.Table;

/**
 * The page of two runs compared ({@code compare.html} and the notebook display of
 * {@code maplab.lab.Comparison}): the runs, how their environments and parameters differ, the
 * method, the verdict counts, both runs' findings side by side, the ratio chart and the table
 * of every matched row. It is handed what the comparison computed and reads nothing itself.
 */
public final class ComparisonPage {

    private ComparisonPage() { }

    /**
     * A compared run as the page names it.
     *
     * @param label   "A", "B"...
     * @param folder  the run folder, as shown
     * @param jdk     the JDK that measured it, with its extra options, as shown after "measured on JDK"
     */
    public record ComparedRun(String label, String folder, String profile, String start, String jdk) { }

    /**
     * What the page shows.
     *
     * @param environmentDifferences "cores: 2 vs 8" for each environment fact that differs
     * @param fdrQ          the false discovery rate the verdicts control
     * @param tested        how many rows were tested
     * @param verdictCounts "3 B better, 12 no detectable difference"
     * @param opposite      ids of the findings with opposite verdicts
     * @param findingsA     run A's findings by id (in order)
     * @param relations     how each finding of B relates to A's, by id
     * @param ratioChart    the ratios B / A
     * @param rows          every matched row
     */
    public record Content(String experiment, ComparedRun a, ComparedRun b, List<String> environmentDifferences,
                          List<String> parameterDifferences, double fdrQ, long tested, String verdictCounts, List<String> opposite,
                          Map<String, Finding> findingsA, Map<String, Finding> findingsB, Map<String, String> relations,
                          ChartData ratioChart, Table rows) { }

    /** A self-contained page. */
    public static String page(Content c) {
        return Html.page("maplab compare " + c.experiment(), fragment(c));
    }

    /** The comparison as an HTML fragment (notebooks), made of {@link Html}'s parts. */
    public static String fragment(Content c) {
        StringBuilder sb = new StringBuilder("<div class=\"maplab-result\">");
        sb.append("<h3 style=\"margin:4px 0\">Comparing ").append(Html.escape(c.experiment())).append(" runs</h3>");
        sb.append("<p>").append(runLine(c.a())).append("<br/>").append(runLine(c.b())).append("</p>");
        if (c.environmentDifferences().isEmpty()) {
            sb.append("<p class=\"muted\">Same environment: JDK, GC, cores, CPU and profile.</p>");
        } else {
            sb.append("<p style=\"background:#fff4e5;padding:6px\"><b>Environments differ</b>, so differences may come from them: ")
                    .append(Html.escape(String.join("; ", c.environmentDifferences()))).append("</p>");
        }
        if (!c.parameterDifferences().isEmpty()) {
            sb.append("<p style=\"background:#fff4e5;padding:6px\"><b>Parameters differ</b> (rows with other parameters do not match): ")
                    .append(Html.escape(String.join("; ", c.parameterDifferences()))).append("</p>");
        }
        sb.append(method(c));
        sb.append("<p><b>Verdicts:</b> ").append(Html.escape(c.verdictCounts())).append("</p>");
        sb.append("<h4>Findings side by side</h4>");
        if (!c.opposite().isEmpty()) {
            sb.append("<p style=\"background:#ffebee;padding:6px\"><b>Opposite verdicts</b> (higher in one run, lower in the other): ")
                    .append(Html.escape(String.join(", ", c.opposite()))).append("</p>");
        }
        sb.append(Html.findingsAcross(List.of("A", "B"), List.of(c.findingsA(), c.findingsB()), "A vs B", c.relations(),
                Set.copyOf(c.opposite())));
        sb.append("<h4>Measurements</h4>");
        sb.append("<div>").append(Html.chart("ratios", c.ratioChart())).append("</div>");
        sb.append(Html.table(c.rows(), Integer.MAX_VALUE));
        return sb.append("</div>").toString();
    }

    /** "A: <code>runs/x</code> (quick, 2026-...; measured on JDK 17.0.15 (Debian))". */
    private static String runLine(ComparedRun r) {
        return r.label() + ": <code>" + Html.escape(r.folder()) + "</code> (" + Html.escape(r.profile()) + ", " + Html.escape(r.start())
                + "; measured on JDK " + Html.escape(r.jdk()) + ")";
    }

    private static String method(Content c) {
        return "<p class=\"muted\">Ratio = B / A. <b>Method:</b> each row is tested with Welch's t test on the logs of its per-fork means "
                + "(forks are the unit of replication; a run without samples is tested from its stored half-widths, a normal approximation); "
                + "intervals are " + Finding.confidenceLabel() + ". Rows are called different only when Benjamini-Hochberg at a false "
                + "discovery rate of q = " + c.fdrQ() + " over the " + c.tested() + " tested rows says so, so among rows called "
                + "different at most " + Math.round(c.fdrQ() * 100) + "% are expected to be false calls. Better is read from each row's "
                + "<code>better</code> column.</p>";
    }
}
