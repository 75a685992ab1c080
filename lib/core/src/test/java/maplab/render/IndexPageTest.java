package maplab.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import maplab.conclude.Finding;
import maplab.run.Reference;
import org.junit.jupiter.api.Test;

/** The report's index drawn from loaded data alone: statuses, findings, what is missing, a reference that could not be read. */
class IndexPageTest {

    @Test
    void showsEachNotebookAndRunFromTheDataItIsHanded() {
        IndexPage.RunShown stored = new IndexPage.RunShown("presize", "runs/20261121T050923Z-presize", Map.of(),
                List.of(Finding.count("resizes", 19, "count", "19 resizes")), new Reference.Lookup(null, "broken meta.json"));
        IndexPage.RunShown empty = new IndexPage.RunShown("gc", "runs/x-gc", Map.of(), null, Reference.Lookup.NONE);
        String html = IndexPage.page(new IndexPage.Report("quick", 250.1, List.of(
                new IndexPage.NotebookShown("03-presize", null, 21.44, List.of(stored)),
                new IndexPage.NotebookShown("09-gc", "cell <2> failed", 3, List.of(empty)))));

        assertThat(html).contains("2 notebooks, 1 ok, 1 failed, profile <b>quick</b>, 250 s in all", "21.4 s",
                "<span class=\"failed\">failed</span> cell &lt;2&gt; failed", "href=\"runs/20261121T050923Z-presize/report.html\"",
                "<code>resizes</code>", "19 resizes", "No findings stored.");
        assertThat(html.indexOf("Reference unreadable: broken meta.json")).isPositive().isLessThan(html.indexOf("<code>resizes</code>"));
        assertThat(html).contains("JDK that measured").doesNotContain("No experiment ran.</p>");
    }

    @Test
    void namesTheStoredRunEachRunCameFromAndTheRunsNoStoredFolderHeld() {
        IndexPage.RunShown fromStored = new IndexPage.RunShown("presize", "runs/presize", Map.of("start", "2026-11-28T01:39:27.504375846Z"),
                List.of(Finding.count("resizes", 19, "count", "19 resizes")), Reference.Lookup.NONE, "/lab/data/reference/presize");
        IndexPage.RunShown measured = new IndexPage.RunShown("gc", "runs/x-gc", Map.of(), null, Reference.Lookup.NONE);
        String html = IndexPage.page(new IndexPage.Report("full", 4.2, List.of(
                new IndexPage.NotebookShown("03-presize", null, 2.1, List.of(fromStored)),
                new IndexPage.NotebookShown("10-gc", null, 2.1, List.of(measured), List.of("from: no stored run of gc (full, {n=1}) in /lab/runs")))));

        assertThat(html).contains("(from stored run /lab/data/reference/presize, measured 2026-11-28 01:39:27 UTC)",
                "From stored run /lab/data/reference/presize, measured 2026-11-28 01:39:27 UTC; concluded again, not measured now.",
                "<span class=\"failed\">missing</span> <span class=\"muted\">from: no stored run of gc (full, {n=1}) in /lab/runs</span>",
                "or in the stored run named beside it");
        assertThat(html.split("from stored run", -1)).as("only the stored run is marked").hasSize(2);
    }

    @Test
    void aReportWithoutRunsSaysSo() {
        String html = IndexPage.page(new IndexPage.Report("full", 0, List.of()));
        assertThat(html).contains("0 notebooks, 0 ok, 0 failed", "<p class=\"muted\">No experiment ran.</p>");
    }

    @Test
    void aBudgetedReportSaysTheBudgetTheTimeUsedAndWhichVerdictsStayedOpen() {
        Finding open = Finding.timeRatio("putall_vs_loop", "putAll", "the loop", new maplab.stats.Estimates.Estimate(1.05, 0.9, 1.3, 6));
        Finding called = Finding.timeRatio("treemap_vs_hashmap", "TreeMap", "HashMap", new maplab.stats.Estimates.Estimate(3.1, 2.5, 3.9, 4));
        Map<String, Object> meta = Map.of("measurement", Map.of("jmh_runs", List.of(
                Map.of("include", "maplab.bench.MergeBench", "stopped", "time budget: round 7 (2 open cells, about 4 s) would not end within the 1 s left"),
                Map.of("include", "maplab.bench.FastutilFillBench", "stopped", "every comparison settled after 4 rounds"))));
        IndexPage.RunShown merge = new IndexPage.RunShown("merge", "runs/x-merge", meta, List.of(open, called), Reference.Lookup.NONE);
        String html = IndexPage.page(new IndexPage.Report("quick", 290, List.of(new IndexPage.NotebookShown("04-merge", null, 40, List.of(merge))),
                new IndexPage.Budget(300, 12)));

        assertThat(html).contains("Budget 5 min 00 s, used 4 min 50 s (of which 12 s checking the plans before measuring)",
                "1 timed comparison left open", "1 sequential part stopped by the budget", "<li><b>merge (04-merge)</b> 1: putall_vs_loop</li>",
                "merge MergeBench (time budget: round 7");
        assertThat(html).doesNotContain("FastutilFillBench (").doesNotContain("treemap_vs_hashmap</li>");
        assertThat(IndexPage.page(new IndexPage.Report("full", 10, List.of()))).contains("No time budget");
    }
}
