package maplab.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import maplab.claims.Assessment;
import maplab.claims.Claim;
import maplab.claims.Judge;
import maplab.claims.RunSet;
import maplab.conclude.Finding;
import org.junit.jupiter.api.Test;

/** The ledger page shows each claim's status in this report and in the reference, with the evidence. */
class ClaimsPageTest {

    static final Claim CLAIM = new Claim("A22", "article 001", "sync.Map is slow for heavy writes.", "ConcurrentHashMap at 0% reads?",
            List.of(new Claim.Test("sync-variants", "chm_vs_synchronized_read0", Claim.Prediction.LOWER, Double.NaN)), Claim.Combine.ALL,
            "08-sync-variants", null, "");
    static final Claim NOT_TESTED = new Claim("A3", "article 000", "A fixed seed improves locality.", "", List.of(), Claim.Combine.ALL, "", null, "");

    @Test
    void showsStatusHereAndInTheReferenceWithTheEvidence() {
        Finding ref = new Finding("chm_vs_synchronized_read0", 1.86, "x", 1.40, 2.48, Finding.Basis.TIMING, Finding.Verdict.HIGHER, "", Map.of());
        Finding here = new Finding("chm_vs_synchronized_read0", 1.1, "x", 0.8, 1.5, Finding.Basis.TIMING, Finding.Verdict.NO_DIFFERENCE, "", Map.of());
        List<Assessment> reference = Judge.assessAll(List.of(CLAIM, NOT_TESTED), RunSet.empty("reference").with("sync-variants", List.of(ref)));
        List<Assessment> report = Judge.assessAll(List.of(CLAIM, NOT_TESTED), RunSet.empty("this report").with("sync-variants", List.of(here)));

        String html = ClaimsPage.page("this report", report, reference);

        assertThat(html).contains("<tr id=\"A22\">", "opposite in Java", "no detectable difference", "not tested yet",
                "sync-variants/chm_vs_synchronized_read0", "reference 1.86x (1.40x to 2.48x), higher &rarr; ", "here 1.10x (0.80x to 1.50x), no detectable difference &rarr; ",
                "href=\"08-sync-variants.html\"", "source claims (2)", "href=\"index.html\"");
        assertThat(ClaimsPage.fragment(reference)).contains("maplab-result", "opposite in Java").doesNotContain("this report");
    }

    @Test
    void aClaimBoxShowsTheClaimWithItsStatusAndValuesHereAndInTheReference() {
        Finding ref = new Finding("chm_vs_synchronized_read0", 1.86, "x", 1.40, 2.48, Finding.Basis.TIMING, Finding.Verdict.HIGHER, "", Map.of());
        Finding here = new Finding("chm_vs_synchronized_read0", 0.5, "x", 0.4, 0.6, Finding.Basis.TIMING, Finding.Verdict.LOWER, "", Map.of());
        var box = new maplab.claims.ClaimBox(Judge.assessAll(List.of(CLAIM), RunSet.empty("this run").with("sync-variants", List.of(here))),
                Judge.assessAll(List.of(CLAIM), RunSet.empty("reference").with("sync-variants", List.of(ref))));

        String html = ClaimsPage.box(box);

        assertThat(html).startsWith("<div class=\"maplab-result\"").contains("<style>", "id=\"claim-A22\"", "sync.Map is slow for heavy writes.",
                "This run: <span style=\"color:#2e7d32;font-weight:600\">holds</span>", "Reference: <span style=\"color:#b71c1c;font-weight:600\">opposite in Java",
                "<code><span style=\"white-space:nowrap\">sync-variants/</span><wbr/><span style=\"white-space:nowrap\">chm_vs_synchronized_read0</span></code>", "<td class=\"s\">lower</td>", "0.50x (0.40x to 0.60x), lower &rarr; ",
                "1.86x (1.40x to 2.48x), higher &rarr; ").doesNotContain("body{");
        assertThat(box.toString()).isEqualTo("A22 this run: holds (0.50x (0.40x to 0.60x), lower); reference: opposite in Java (1.86x (1.40x to 2.48x), higher): "
                + "sync.Map is slow for heavy writes.");
    }

    @Test
    void aClaimBoxOfAnUntestedClaimShowsItsStatusWithoutAFindingsTable() {
        var box = new maplab.claims.ClaimBox(Judge.assessAll(List.of(NOT_TESTED), RunSet.empty("this run")),
                Judge.assessAll(List.of(NOT_TESTED), RunSet.empty("reference")));
        assertThat(ClaimsPage.box(box)).contains("A fixed seed improves locality.", "not tested yet").doesNotContain("<table");
        assertThat(box).hasToString("A3 this run: not tested yet; reference: not tested yet: A fixed seed improves locality.");
    }
}
