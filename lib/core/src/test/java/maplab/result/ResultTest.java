package maplab.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
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
    void ratioSentencesFollowTheData() {
        assertThat(Finding.timeRatio("r", "A", 300, "B", 100).text()).isEqualTo("A took 3.00x the time of B (3.00x slower)");
        assertThat(Finding.timeRatio("r", "A", 50, "B", 100).text()).isEqualTo("A took 0.50x the time of B (2.00x faster)");
        assertThat(Finding.timeRatio("r", "A", 73100, "B", 100).text()).contains("731x slower");
        assertThat(Finding.of("n", 15, "count", "resized %.0f times").text()).isEqualTo("resized 15 times");
    }

    @Test
    void htmlEscapesAndCutsLongTables() {
        ResultBuilder b = new ResultBuilder();
        for (int i = 0; i < Html.MAX_ROWS + 5; i++) b.row().with("subject", "<k" + i + ">").measure("m", i, Unit.COUNT);
        String html = Html.table(b.table("t"));
        assertThat(html).contains("<table", "&lt;k0&gt;").doesNotContain("<k0>");
        assertThat(html).contains(Html.MAX_ROWS + " of " + (Html.MAX_ROWS + 5) + " rows shown");
        assertThat(Html.findings(List.of(new Finding("a", 1.5, "x", "A & B")))).contains("A &amp; B", "<code>a</code>");
    }

    @Test
    void tidyRowsRoundTrip() {
        Table t = TidyTables.fromRows("t", List.of(Map.of("a", 1L), Map.of("a", 2L)));
        assertThat(TidyTables.toRows(t)).extracting(r -> r.get("a")).containsExactly(1L, 2L);
    }
}
