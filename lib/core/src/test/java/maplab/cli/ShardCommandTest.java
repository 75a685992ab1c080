package maplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code maplab run --shard} and {@code maplab merge}: bad input exits 2 with one line, a merge ends with its folder. */
class ShardCommandTest {

    @Test
    void aBadShardSpecExitsTwoWithOneLineBeforeAnythingRuns() {
        for (String spec : List.of("3/2", "0/2", "x")) {
            MainTest.Outcome o = MainTest.run("run", "presize", "--shard", spec);
            assertThat(o.code()).as(spec).isEqualTo(Main.BAD_INPUT);
            assertThat(o.err().strip()).isEqualTo("maplab: shard: must be i/N with 1 <= i <= N, got '" + spec + "'");
        }
        MainTest.Outcome set = MainTest.run("run", "presize", "--set", "shard=1/2");
        assertThat(set.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(set.err().strip()).isEqualTo("maplab: --set: 'shard' is a run option; use --shard instead");
    }

    @Test
    void moreShardsThanRoundsIsRefusedWithOneLine() {
        MainTest.Outcome o = MainTest.run("run", "presize", "--shard", "1/9");
        assertThat(o.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(o.err().strip().lines()).hasSize(1);
        assertThat(o.err()).startsWith("maplab: shard: presize measures 4 JMH rounds with these parameters; give at most that many shards, got 1/9");
    }

    @Test
    void mergeRefusesMismatchedShardsWithOneLineAndPrintsTheMergedFolderLast(@TempDir Path tmp) throws Exception {
        Path one = maplab.lab.ShardsTestAccess.shard(tmp.resolve("one"), 1, 2, "m1");
        MainTest.Outcome missing = MainTest.run("merge", one.toString(), "--out", tmp.resolve("m").toString());
        assertThat(missing.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(missing.err().strip()).isEqualTo("maplab: merge: shard 2/2 missing; give every shard of the run");
        assertThat(tmp.resolve("m")).doesNotExist();

        Path two = maplab.lab.ShardsTestAccess.shard(tmp.resolve("two"), 2, 2, "m2");
        MainTest.Outcome merged = MainTest.run("merge", one.toString(), two.toString(), "--out", tmp.resolve("m").toString());
        assertThat(merged.code()).as(merged.err()).isEqualTo(Main.OK);
        List<String> lines = merged.out().strip().lines().toList();
        assertThat(lines.get(lines.size() - 1)).isEqualTo("run folder: " + tmp.resolve("m").toAbsolutePath().normalize());
        assertThat(tmp.resolve("m/findings.json")).exists();
        assertThat(tmp.resolve("m/report.html")).exists();
    }
}
