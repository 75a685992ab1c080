package maplab.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import maplab.conclude.Finding;
import maplab.plan.Plan;

/**
 * The index page's account of a report's time budget ({@code ./maplab report --budget}): the
 * budget, the time used, and the verdicts left open — timed comparisons that ended with no
 * detectable difference (neither a difference nor equivalence within a margin settled them),
 * and the sequential parts that stopped adding rounds because the budget ran out. Computed from
 * the runs' findings and meta.json, so it says what the data says.
 */
final class BudgetSection {

    private BudgetSection() { }

    /** The section's HTML; {@code budget} null (no budget) gives only the open verdicts. */
    static String html(IndexPage.Budget budget, double totalSeconds, List<IndexPage.NotebookShown> notebooks) {
        java.util.Map<String, List<String>> openByRun = new java.util.LinkedHashMap<>();
        List<String> open = new ArrayList<>();
        List<String> stopped = new ArrayList<>();
        for (IndexPage.NotebookShown n : notebooks) {
            for (IndexPage.RunShown r : n.runs()) {
                if (r.findings() != null) {
                    for (Finding f : r.findings()) {
                        if (f.basis() != Finding.Basis.TIMING || f.verdict() != Finding.Verdict.NO_DIFFERENCE) continue;
                        open.add(r.experiment() + "/" + f.id());
                        openByRun.computeIfAbsent(r.experiment() + " (" + n.name() + ")", k -> new ArrayList<>()).add(f.id());
                    }
                }
                stopped.addAll(stoppedByBudget(r));
            }
        }
        StringBuilder sb = new StringBuilder("<h2>Budget and open verdicts</h2><p>");
        if (budget == null) sb.append("No time budget (every sequential part could run to its cap); ");
        else sb.append("Budget ").append(Plan.duration(budget.seconds())).append(", used ").append(Plan.duration(totalSeconds))
                .append(" (of which ").append(Plan.duration(budget.planSeconds())).append(" checking the plans before measuring); ");
        sb.append(open.size()).append(open.size() == 1 ? " timed comparison" : " timed comparisons")
                .append(" left open (no detectable difference: neither a difference nor equivalence settled)")
                .append(stopped.isEmpty() ? "" : "; " + stopped.size() + " sequential " + (stopped.size() == 1 ? "part" : "parts") + " stopped by the budget")
                .append(".</p>");
        if (!stopped.isEmpty()) sb.append("<p class=\"muted\">Stopped by the budget: ").append(Html.escape(String.join("; ", stopped))).append("</p>");
        if (!open.isEmpty()) {
            // one line per run, folded away: a long report leaves dozens open, which a paragraph would stack unreadably
            sb.append("<details><summary>The open comparisons, by run</summary><ul class=\"muted\">");
            openByRun.forEach((run, ids) -> sb.append("<li><b>").append(Html.escape(run)).append("</b> ").append(ids.size()).append(": ")
                    .append(Html.escape(String.join(", ", ids))).append("</li>"));
            sb.append("</ul></details>");
        }
        return sb.toString();
    }

    /** "merge MergeBench (round 7 ...)" for each of the run's sequential JMH runs that the budget stopped. */
    @SuppressWarnings("unchecked")
    private static List<String> stoppedByBudget(IndexPage.RunShown r) {
        List<String> out = new ArrayList<>();
        Object notes = r.meta().get("measurement") instanceof Map<?, ?> m ? ((Map<String, Object>) m).get("jmh_runs") : null;
        if (!(notes instanceof List<?> runs)) return out;
        for (Object o : runs) {
            if (o instanceof Map<?, ?> run && String.valueOf(run.get("stopped")).startsWith("time budget")) {
                out.add(r.experiment() + " " + String.valueOf(run.get("include")).replaceFirst("^.*\\.", "") + " (" + run.get("stopped") + ")");
            }
        }
        return out;
    }
}
