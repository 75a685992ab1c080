package maplab.conclude;

import maplab.plan.Unit;
import maplab.render.Html;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import maplab.stats.Estimates.Estimate;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import org.junit.jupiter.api.Test;

class ResultTest {

    @Test
    void rowsBecomeATidyTypedTableWithMeasurementColumnsLast() {
        ResultBuilder b = new ResultBuilder();
        b.row().with("subject", "HashMap").with("n_keys", 1024).measure("lookup", 12.5, 0.5, Unit.NS_PER_OP);
        b.row().with("subject", "ProbeMap").with("n_keys", 1024).with("hash", "mixed").measure("resizes", 3, Unit.COUNT);
        Table t = b.table("x");
        assertThat(t.columnNames()).containsExactly("subject", "n_keys", "hash", "metric", "value", "error", "unit", "better");
        assertThat(t.column("n_keys").type()).isEqualTo(ColumnType.LONG);
        assertThat(t.column("value").type()).isEqualTo(ColumnType.DOUBLE);
        assertThat(t.column("hash").isMissing(0)).isTrue();
        assertThat(t.stringColumn("better").asList()).containsExactly("lower", "none");
        assertThat(t.doubleColumn("error").isMissing(1)).as("no error estimate: missing (NaN)").isTrue();
    }

    @Test
    void ratioSentencesFollowTheVerdict() {
        Finding slower = Finding.timeRatio("r", "A", "B", new Estimate(3, 2.9, 3.1, 4));
        assertThat(slower.verdict()).isEqualTo(Finding.Verdict.HIGHER);
        assertThat(slower.text()).isEqualTo("A took 3.00x the time of B (99% interval 2.90x to 3.10x): 3.00x slower");
        Finding faster = Finding.timeRatio("r", "A", "B", new Estimate(0.5, 0.4, 0.6, 4));
        assertThat(faster.verdict()).isEqualTo(Finding.Verdict.LOWER);
        assertThat(faster.text()).endsWith("2.00x faster");
        Finding unclear = Finding.timeRatio("r", "A", "B", new Estimate(1.12, 0.85, 1.47, 4));
        assertThat(unclear.verdict()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);
        assertThat(unclear.text()).startsWith("No detectable difference in this run")
                .contains("1.12x", "0.85x to 1.47x, which includes 1").doesNotContain("slower", "faster");
        Finding throughput = Finding.ratio("t", "A", "B", Finding.Quantity.THROUGHPUT, new Estimate(0.8, 0.7, 0.9, 4), Finding.Basis.TIMING);
        assertThat(throughput.text()).endsWith("1.25x less throughput");
        Finding noForks = Finding.timeRatio("r", "A", "B", new Estimate(3, Double.NaN, Double.NaN, 1));
        assertThat(noForks.verdict()).as("no interval, no claim").isEqualTo(Finding.Verdict.NO_DIFFERENCE);
    }

    @Test
    void boundsArePrintedAsMeasuredNeverRoundedUp() {
        Finding f = Finding.ratioAtLeast("same_hash_vs_seeded", "A", "B", Finding.Quantity.TIME, 116.58, "it ran out of its budget");
        assertThat(f.verdict()).isEqualTo(Finding.Verdict.AT_LEAST);
        assertThat(f.text()).contains("at least 116.5x").doesNotContain("117");
        assertThat(f.low()).isEqualTo(116.58);
        assertThat(f.high()).isInfinite();
        assertThat(Html.interval(f)).isEqualTo("at least 116.5");
        assertThat(Html.bound(111.18, true)).isEqualTo("111.1");
        assertThat(Html.bound(111.12, false)).isEqualTo("111.2");
        assertThat(Finding.formatBound(2.3456, true)).isEqualTo("2.345x");
        assertThat(Finding.formatBound(2.3451, false)).isEqualTo("2.346x");
    }

    @Test
    void exactValuesHaveTheValueAsInterval() {
        Finding n = Finding.count("n", 15, "count", "resized %.0f times");
        assertThat(n.text()).isEqualTo("resized 15 times");
        assertThat(n.low()).isEqualTo(15);
        assertThat(n.high()).isEqualTo(15);
        assertThat(n.basis()).isEqualTo(Finding.Basis.COUNT);
        assertThat(n.verdict()).isNull();
        assertThat(n.where("threads", 8).conditions()).containsEntry("threads", "8");
    }

    @Test
    void htmlEscapesAndCutsLongTables() {
        ResultBuilder b = new ResultBuilder();
        for (int i = 0; i < Html.MAX_ROWS + 5; i++) b.row().with("subject", "<k" + i + ">").measure("m", i, Unit.COUNT);
        String html = Html.table(b.table("t"));
        assertThat(html).contains("<table", "&lt;k0&gt;").doesNotContain("<k0>");
        assertThat(html).contains(Html.MAX_ROWS + " of " + (Html.MAX_ROWS + 5) + " rows shown");
        assertThat(Html.findings(List.of(Finding.count("a", 1.5, "x", "A & B")))).contains("A &amp; B", "<code>a</code>", "exact");
    }

    @Test
    void tidyRowsRoundTrip() {
        Table t = TidyTables.fromRows("t", List.of(Map.of("a", 1L), Map.of("a", 2L)));
        assertThat(TidyTables.toRows(t)).extracting(r -> r.get("a")).containsExactly(1L, 2L);
    }

    @Test
    void tableHeadersAlignWithTheirColumnsAndEachNumberColumnHasOneFormat() {
        var t = tech.tablesaw.api.Table.create("t",
                tech.tablesaw.api.StringColumn.create("subject", "HashMap", "TreeMap"),
                tech.tablesaw.api.DoubleColumn.create("error", 7.65e-05, 0.000117),
                tech.tablesaw.api.DoubleColumn.create("time", 12.5, 1234.25));
        String html = Html.table(t);
        assertThat(html).contains("<th class=\"s\">subject</th>", "<th>error</th>", "<td class=\"s\">HashMap</td>");
        assertThat(html).contains("<td>7.65e-05</td>", "<td>1.17e-04</td>");
        assertThat(html).contains("<td>12.5</td>", "<td>1,234.3</td>");
        assertThat(Html.columnFormat(java.util.List.of(1e-6, 50.0))).isEqualTo("%.2e");
        assertThat(Html.columnFormat(java.util.List.of(3.0, 4.0))).isEqualTo("%,.0f");
    }
}
