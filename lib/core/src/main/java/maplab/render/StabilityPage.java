package maplab.render;

import java.util.List;
import java.util.Map;
import java.util.Set;
import maplab.conclude.Finding;
import maplab.conclude.ChartData;

/**
 * The page of one experiment's findings over several runs ({@code stability.html} and the
 * notebook display of {@code maplab.lab.Stability}): how often the verdicts agreed, the
 * method, each run's findings side by side with their agreement, and a chart per timing
 * finding. It is handed what the stability computed and reads nothing itself.
 */
public final class StabilityPage {

    private StabilityPage() { }

    /**
     * What the page shows.
     *
     * @param headline  how the findings agreed, in one sentence
     * @param runLabels one column header per run ("run 1 20261121T050923Z-merge")
     * @param findingsByRun each run's findings by id, in run order
     * @param agreement each finding's agreement in words, by id
     * @param opposite  ids of the findings with opposite verdicts (highlighted)
     * @param charts    a chart per timing finding, by name
     */
    public record Content(String experiment, int runs, String headline, List<String> runLabels, List<Map<String, Finding>> findingsByRun,
                          Map<String, String> agreement, Set<String> opposite, Map<String, ChartData> charts) { }

    /** A self-contained page. */
    public static String page(Content c) {
        return Html.page("maplab stability " + c.experiment(), fragment(c));
    }

    /** The stability as an HTML fragment, made of {@link Html}'s parts: method, the table, a chart per timing finding. */
    public static String fragment(Content c) {
        StringBuilder sb = new StringBuilder("<div class=\"maplab-result\">");
        sb.append("<h3 style=\"margin:4px 0\">Stability of ").append(Html.escape(c.experiment())).append(" over ").append(c.runs()).append(" runs</h3>");
        sb.append("<p>").append(Html.escape(c.headline())).append(".</p>");
        sb.append("<p class=\"muted\">Each run is a separate run of the same configuration (profile, parameters and seed), so findings "
                + "differ only by measurement noise. Per run: value, ").append(Finding.confidenceLabel()).append(" interval and verdict. "
                + "Agreement: the most frequent verdict and how many runs gave it; <b>opposite</b> means higher in one run and lower in "
                + "another; equivalent and no detectable difference agree (no run detected a difference). Findings without a verdict agree when their values are equal or their intervals share a point.</p>");
        sb.append(Html.findingsAcross(c.runLabels(), c.findingsByRun(), "agreement", c.agreement(), c.opposite()));
        c.charts().forEach((name, chart) -> sb.append("<div>").append(Html.chart(name, chart)).append("</div>"));
        return sb.append("</div>").toString();
    }
}
