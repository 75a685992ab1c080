package maplab.render;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import maplab.claims.Assessment;
import maplab.claims.Claim;
import maplab.claims.ClaimBox;
import maplab.claims.Status;

/**
 * The claims ledger as HTML: every claim with its source, its status in this report's runs and in
 * the references, the evidence (each finding's value, interval and verdict, and what the claim
 * predicts of it), and the notebook that discusses it; and the claim boxes a notebook shows where
 * it discusses an outcome ({@link #box}). Handed assessments already computed
 * ({@code maplab.claims}); it reads nothing.
 */
public final class ClaimsPage {

    private ClaimsPage() { }

    /**
     * The page {@code reports/claims.html}: {@code here} judged against this report's runs (null or
     * empty for a page with the reference only), {@code reference} against the full profile's references.
     */
    public static String page(String hereLabel, List<Assessment> here, List<Assessment> reference) {
        return page(hereLabel, here, reference, "data/reference/, full profile");
    }

    /** {@link #page(String, List, List)} against the references {@code referenceLabel} names ("data/reference/quick/, quick profile"). */
    public static String page(String hereLabel, List<Assessment> here, List<Assessment> reference, String referenceLabel) {
        String body = "<h1>maplab claims ledger</h1><p>Every claim maplab tests: the source articles' (A1&ndash;A53) and the outcomes "
                + "the notebooks state (N&hellip;). Each status is computed from findings (data/claims.json says which findings test a claim "
                + "and what it predicts of them), in " + Html.escape(hereLabel) + " and in the references (" + Html.escape(referenceLabel) + "). "
                + "<a href=\"index.html\">Back to the report</a>.</p>"
                + counts("In " + hereLabel, here) + counts("In the references", reference)
                + table(hereLabel, here, reference);
        return Html.page("maplab claims", body);
    }

    /** The page when there is no ledger to show, saying {@code why}. */
    public static String unavailable(String why) {
        return Html.page("maplab claims", "<h1>maplab claims ledger</h1><p class=\"muted\">" + Html.escape(why) + "</p>"
                + "<p><a href=\"index.html\">Back to the report</a>.</p>");
    }

    /** The ledger's table, for a notebook: one status column ({@code assessments}' runs). */
    public static String fragment(List<Assessment> assessments) {
        return "<div class=\"maplab-result\">" + Html.scopedStyle() + counts("Claims", assessments) + table(null, null, assessments) + "</div>";
    }

    /**
     * Claims where a notebook discusses their outcome: one box per claim with its sentence, its
     * status in this run and in the reference, and per finding what the claim predicts and the
     * value, interval and verdict in each.
     */
    public static String box(ClaimBox box) {
        StringBuilder sb = new StringBuilder("<div class=\"maplab-result\" style=\"margin:6px 0\">").append(Html.scopedStyle());
        String refLabel = "full".equals(box.referenceProfile()) ? "Reference" : "Reference (" + box.referenceProfile() + " profile)";
        for (int i = 0; i < box.here().size(); i++) sb.append(claimBox(box.here().get(i), box.reference().get(i), refLabel));
        return sb.append("</div>").toString();
    }

    private static String claimBox(Assessment here, Assessment ref, String refLabel) {
        Claim c = here.claim();
        StringBuilder sb = new StringBuilder("<div class=\"maplab-claim\" id=\"claim-").append(Html.escape(c.id()))
                .append("\" style=\"border:1px solid #ddd;border-left:4px solid #5c6bc0;background:#fafbfd;padding:6px 10px;margin:8px 0\">")
                .append("<div><b>").append(Html.escape(c.id())).append("</b> ").append(Html.escape(c.text())).append("</div>")
                .append("<div style=\"margin:3px 0\">This run: ").append(status(here.status())).append(" &middot; ").append(Html.escape(refLabel)).append(": ")
                .append(status(ref.status())).append("</div>");
        if (!here.evidence().isEmpty()) {
            sb.append("<table class=\"maplab findings\" style=\"margin:4px 0\"><thead><tr><th class=\"s\">finding</th><th class=\"s\">predicts</th>")
                    .append("<th class=\"s\">this run</th><th class=\"s\">reference</th></tr></thead><tbody>");
            for (int i = 0; i < here.evidence().size(); i++) {
                Assessment.Evidence e = here.evidence().get(i);
                sb.append("<tr><td class=\"s\"><code><span style=\"white-space:nowrap\">").append(Html.escape(e.test().experiment() + "/"))
                        .append("</span><wbr/><span style=\"white-space:nowrap\">").append(Html.escape(e.test().finding()))
                        .append("</span></code></td><td class=\"s\">").append(Html.escape(e.test().predictionText())).append("</td><td class=\"t\">")
                        .append(side(null, e)).append("</td><td class=\"t\">").append(side(null, ref.evidence().get(i))).append("</td></tr>");
            }
            sb.append("</tbody></table>");
            if (here.evidence().size() > 1) sb.append("<div class=\"muted\">").append(c.combine() == Claim.Combine.ALL ? "All must hold." : "Any one holding is enough.").append("</div>");
        }
        if (c.notApplicable() != null) sb.append("<div class=\"muted\">Not applicable: ").append(Html.escape(c.notApplicable())).append("</div>");
        if (!c.note().isEmpty()) sb.append("<div class=\"muted\">").append(Html.escape(c.note())).append("</div>");
        return sb.append("</div>").toString();
    }

    private static String counts(String title, List<Assessment> assessments) {
        if (assessments == null || assessments.isEmpty()) return "";
        StringBuilder sb = new StringBuilder("<p><b>").append(Html.escape(title)).append(":</b> ");
        for (String[] kind : new String[][] {{"A", "source claims"}, {"N", "notebook claims"}}) {
            Map<Status, Integer> c = new EnumMap<>(Status.class);
            for (Assessment a : assessments) if (a.claim().id().startsWith(kind[0])) c.merge(a.status(), 1, Integer::sum);
            if (c.isEmpty()) continue;
            sb.append(kind[1]).append(" (").append(c.values().stream().mapToInt(Integer::intValue).sum()).append("): ");
            sb.append(String.join(", ", c.entrySet().stream().map(e -> e.getValue() + " " + status(e.getKey())).toList())).append(". ");
        }
        return sb.append("</p>").toString();
    }

    private static String table(String hereLabel, List<Assessment> here, List<Assessment> reference) {
        Map<String, Assessment> hereById = new LinkedHashMap<>();
        if (here != null) for (Assessment a : here) hereById.put(a.claim().id(), a);
        boolean twoColumns = hereLabel != null;
        StringBuilder sb = new StringBuilder("<table class=\"maplab findings\"><thead><tr><th class=\"s\">id</th><th class=\"s\">source</th>"
                + "<th class=\"s\">claim</th>");
        if (twoColumns) sb.append("<th class=\"s\">").append(Html.escape(hereLabel)).append("</th>");
        sb.append("<th class=\"s\">").append(twoColumns ? "reference" : "status").append("</th><th class=\"s\">evidence</th>")
                .append("<th class=\"s\">notebook</th></tr></thead><tbody>");
        for (Assessment ref : reference) {
            Claim c = ref.claim();
            Assessment mine = hereById.get(c.id());
            sb.append("<tr id=\"").append(Html.escape(c.id())).append("\"><td class=\"s\"><b>").append(Html.escape(c.id())).append("</b></td><td class=\"s\">")
                    .append(Html.escape(c.source())).append("</td><td class=\"t\">").append(claimText(c)).append("</td>");
            if (twoColumns) sb.append("<td class=\"s\">").append(mine == null ? "" : status(mine.status())).append("</td>");
            sb.append("<td class=\"s\">").append(status(ref.status())).append("</td><td class=\"t\">")
                    .append(evidence(twoColumns && mine != null ? mine : ref, twoColumns && mine != null ? ref : null))
                    .append("</td><td class=\"s\">").append(c.notebook().isEmpty() ? "" : "<a href=\"" + Html.escape(c.notebook() + ".html") + "\">"
                            + Html.escape(c.notebook()) + "</a>").append("</td></tr>");
        }
        return sb.append("</tbody></table>").toString();
    }

    private static String claimText(Claim c) {
        StringBuilder sb = new StringBuilder(Html.escape(c.text()));
        if (!c.question().isEmpty()) sb.append("<br/><span class=\"muted\">Java: ").append(Html.escape(c.question())).append("</span>");
        if (c.notApplicable() != null) sb.append("<br/><span class=\"muted\">Not applicable: ").append(Html.escape(c.notApplicable())).append("</span>");
        if (!c.note().isEmpty()) sb.append("<br/><span class=\"muted\">").append(Html.escape(c.note())).append("</span>");
        return sb.toString();
    }

    /**
     * One line per test: the finding and what the claim predicts of it, then its value, interval and
     * status in {@code a}'s runs and, when {@code ref} is given, in the reference.
     */
    private static String evidence(Assessment a, Assessment ref) {
        if (a.evidence().isEmpty()) return "";
        StringBuilder sb = new StringBuilder();
        if (a.evidence().size() > 1) sb.append("<span class=\"muted\">").append(a.claim().combine() == Claim.Combine.ALL ? "all must hold" : "any one holding is enough")
                .append("</span><br/>");
        for (int i = 0; i < a.evidence().size(); i++) {
            Assessment.Evidence e = a.evidence().get(i);
            sb.append("<code>").append(Html.escape(e.test().experiment() + "/" + e.test().finding())).append("</code> predicts ")
                    .append(Html.escape(e.test().predictionText())).append(": ");
            sb.append(ref == null ? side(null, e) : side("here", e) + "; " + side("reference", ref.evidence().get(i))).append("<br/>");
        }
        return sb.toString();
    }

    /** "here: 1.86x (1.40x to 2.48x), higher &rarr; holds", or "here: not run here" when the runs have no such finding. */
    private static String side(String label, Assessment.Evidence e) {
        String prefix = label == null ? "" : Html.escape(label) + " ";
        if (e.finding() == null) return prefix + status(e.status());
        return prefix + Html.escape(e.summary()) + " &rarr; " + status(e.status());
    }

    /** A status, coloured: holds green, opposite red, no detectable difference grey. */
    static String status(Status s) {
        String style = switch (s) {
            case HOLDS -> "color:#2e7d32;font-weight:600";
            case OPPOSITE -> "color:#b71c1c;font-weight:600";
            case NO_DIFFERENCE, NOT_APPLICABLE -> "color:#666";
            default -> "color:#8d6e00";
        };
        return "<span style=\"" + style + "\">" + Html.escape(s.label()) + "</span>";
    }
}
