package maplab.lab;

import maplab.run.SyntheticRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import maplab.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three synthetic runs whose differences are known: ranks, tied groups, FDR over pairs, environment differences, page and CSV. */
class MultiComparisonTest {

    /** time: A 100, B 101 (tied with A), C 150 (worse than both); throughput: all equal; resizes: a count. */
    static Path[] threeRuns(Path tmp) throws Exception {
        Path a = SyntheticRun.write(tmp.resolve("a"), "presize", "quick", 2, """
                hashmap,1000,time,100.0,2.0,ns/op,lower
                hashmap,1000,throughput,1000.0,10.0,ops/s,higher
                hashmap,1000,resizes,14.0,,count,none
                """, 2.0);
        SyntheticRun.samples(a, Map.of("hashmap,1000,time", new double[] {100, 103, 98, 101, 99},
                "hashmap,1000,throughput", new double[] {1000, 990, 1012, 1003, 995}));
        Path b = SyntheticRun.write(tmp.resolve("b"), "presize", "quick", 2, """
                hashmap,1000,time,101.0,2.0,ns/op,lower
                hashmap,1000,throughput,1000.0,10.0,ops/s,higher
                hashmap,1000,resizes,14.0,,count,none
                """, 2.0);
        SyntheticRun.samples(b, Map.of("hashmap,1000,time", new double[] {102, 99, 101, 104, 100},
                "hashmap,1000,throughput", new double[] {1004, 998, 992, 1010, 999}));
        Path c = SyntheticRun.write(tmp.resolve("c"), "presize", "quick", 8, """
                hashmap,1000,time,150.0,3.0,ns/op,lower
                hashmap,1000,throughput,1000.0,10.0,ops/s,higher
                hashmap,1000,resizes,14.0,,count,none
                """, 2.0);
        SyntheticRun.samples(c, Map.of("hashmap,1000,time", new double[] {151, 148, 153, 149, 150},
                "hashmap,1000,throughput", new double[] {997, 1006, 1001, 994, 1002}));
        return new Path[] {a, b, c};
    }

    @Test
    void ranksGroupsAndPairsFollowTheKnownDifferences(@TempDir Path tmp) throws Exception {
        Path[] r = threeRuns(tmp);
        MultiComparison m = Runs.compare(r[0], r[1], r[2]);

        assertThat(m.labels()).containsExactly("A", "B", "C");
        assertThat(m.metrics()).containsExactly("time (ns/op)", "throughput (ops/s)", "resizes (count)");
        MultiComparison.Row time = m.rows("time (ns/op)").get(0);
        assertThat(time.entry("A").rank()).isEqualTo(1);
        assertThat(time.entry("B").rank()).isEqualTo(2);
        assertThat(time.entry("C").rank()).isEqualTo(3);
        // A and B tied (group a); C differs from both (group b)
        assertThat(time.entry("A").groups()).isEqualTo("a");
        assertThat(time.entry("B").groups()).isEqualTo("a");
        assertThat(time.entry("C").groups()).isEqualTo("b");
        assertThat(time.pairs()).filteredOn(MultiComparison.Pair::different).extracting(p -> p.first() + p.second()).containsExactlyInAnyOrder("AC", "BC");
        // throughput: nothing differs, every run in one group (a data set that does NOT support a difference)
        MultiComparison.Row tp = m.rows("throughput (ops/s)").get(0);
        assertThat(tp.anyDifferent()).isFalse();
        assertThat(tp.entries()).extracting(MultiComparison.Entry::groups).containsOnly("a");
        // 3 pairs x 2 sampled metrics tested (the count has no error: untested)
        assertThat(m.tested()).isEqualTo(6);
        assertThat(m.different()).isEqualTo(2);
        assertThat(m.environmentDifferences()).containsExactly("cores: A 2, B 2, C 8");
        assertThat(m.summary()).contains("Benjamini-Hochberg", "#1 A 100", "#3 C 150 [b]", "cores: A 2, B 2, C 8");
    }

    @Test
    void fdrAcrossMetricsKeepsABorderlinePairFromBeingCalled(@TempDir Path tmp) throws Exception {
        // one pair with p just under 0.01 among many null pairs: alone it would be called at 0.01, with BH over all pairs it is not
        List<MultiComparison.Row> rows = new java.util.ArrayList<>();
        rows.add(row("m0", 0.009));
        for (int i = 1; i < 10; i++) rows.add(row("m" + i, 0.5));
        List<MultiComparison.Row> decided = MultiComparison.decide(rows);
        assertThat(decided.get(0).anyDifferent()).isFalse();
        List<MultiComparison.Row> alone = MultiComparison.decide(List.of(row("m0", 0.009)));
        assertThat(alone.get(0).anyDifferent()).isTrue();
    }

    private static MultiComparison.Row row(String metric, double p) {
        List<MultiComparison.Entry> entries = List.of(new MultiComparison.Entry("A", 1, 0.1, 0.9, 1.1, 3, 0, ""),
                new MultiComparison.Entry("B", 2, 0.1, 1.9, 2.1, 3, 0, ""));
        return new MultiComparison.Row(Map.of(), metric, "ns/op", "lower", entries,
                List.of(new MultiComparison.Pair("A", "B", 2, 1.5, 2.5, "welch", p, false)));
    }

    @Test
    void theCommandLineWritesThePageAndCsvForThreeRunsAndKeepsTwoRunsAsBefore(@TempDir Path tmp) throws Exception {
        Path[] r = threeRuns(tmp);
        StringWriter out = new StringWriter();
        int code = Main.execute(new String[] {"compare", r[0].toString(), r[1].toString(), r[2].toString(), "--out", tmp.resolve("cmp").toString()},
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertThat(code).isEqualTo(Main.OK);
        assertThat(out.toString()).contains("wrote " + tmp.resolve("cmp/compare.html"), "wrote " + tmp.resolve("cmp/compare.csv"));
        String html = Files.readString(tmp.resolve("cmp/compare.html"));
        assertThat(html).contains("Comparing 3 presize runs", "time (ns/op)", "throughput (ops/s)", "A_group", "cores: A 2, B 2, C 8", "<img");
        List<String> csv = Files.readAllLines(tmp.resolve("cmp/compare.csv"));
        assertThat(csv.get(0)).contains("run", "run_value", "run_low", "run_high", "rank", "tied_group");
        assertThat(csv).hasSize(1 + 3 * 3);
        assertThat(Files.readAllLines(tmp.resolve("cmp/compare-pairs.csv"))).hasSize(1 + 3 * 3);

        StringWriter two = new StringWriter();
        assertThat(Main.execute(new String[] {"compare", r[0].toString(), r[2].toString(), "--out", tmp.resolve("cmp2").toString()},
                new PrintWriter(two, true), new PrintWriter(new StringWriter(), true))).isEqualTo(Main.OK);
        assertThat(two.toString()).contains("1 B worse");
        assertThat(tmp.resolve("cmp2/compare-findings.csv")).exists();
    }

    @Test
    void runsOfDifferentExperimentsAreRefused(@TempDir Path tmp) throws Exception {
        Path[] r = threeRuns(tmp);
        Path gc = SyntheticRun.write(tmp.resolve("gc"), "gc", "quick", 2, "hashmap,1000,time,1,1,ns/op,lower\n", 1.0);
        assertThatThrownBy(() -> Runs.compare(r[0], r[1], gc)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("different experiments");
    }
}
