package maplab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import maplab.conclude.Finding;
import maplab.conclude.Result;
import maplab.measure.Rows;
import maplab.run.RunData;
import maplab.run.RunFolder;
import maplab.stats.Estimates.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Merging shards, made by splitting presize's reference run (5 rounds) by round as two machines would have measured it. */
class ShardsTest {

    static final Path PRESIZE = Path.of("../../data/reference/presize").toAbsolutePath().normalize();
    static final ObjectMapper JSON = new ObjectMapper();

    /** Shard {@code index}/{@code count} of the reference: its rounds' samples, its rows with samples, and (shard 1) the rows measured once. */
    static Path shard(Path dir, int index, int count, String machine, Consumer<Map<String, Object>> editMeta) throws IOException {
        Files.createDirectories(dir);
        Map<String, List<Sample>> all = RunData.readSamples(PRESIZE.resolve("samples.csv"));
        Map<String, List<Sample>> mine = new LinkedHashMap<>();
        all.forEach((key, list) -> mine.put(key, list.stream().filter(s -> s.fork() % count == index - 1).toList()));
        RunData.writeSamples(mine, (key, fork) -> machine, dir.resolve("samples.csv"));
        List<Map<String, String>> rows = new ArrayList<>();
        for (Map<String, String> row : RunData.readCells(PRESIZE.resolve("results.csv"))) {
            if (index == 1 || all.containsKey(Rows.key(row, row.get("metric")))) rows.add(row);
        }
        RunData.writeCells(rows, dir.resolve("results.csv"));
        Map<String, Object> meta = new LinkedHashMap<>(RunFolder.readMeta(PRESIZE));
        meta.put("shard", Map.of("index", index, "count", count));
        meta.put("machine", machine);
        editMeta.accept(meta);
        RunFolder.writeMeta(dir, meta);
        Files.writeString(dir.resolve("findings.json"), "[]");
        return dir;
    }

    static Path shard(Path dir, int index, int count, String machine) throws IOException {
        return shard(dir, index, count, machine, m -> { });
    }

    @Test
    void mergedShardsHoldEverySampleWithItsMachineAndRoundAndConcludeAsTheWholeRun(@TempDir Path tmp) throws IOException {
        Path merged = Shards.merge(List.of(shard(tmp.resolve("b"), 2, 2, "m2"), shard(tmp.resolve("a"), 1, 2, "m1")), tmp.resolve("merged"));

        Map<String, List<Sample>> expected = RunData.readSamples(PRESIZE.resolve("samples.csv"));
        Map<String, List<Sample>> got = RunData.readSamples(merged.resolve("samples.csv"));
        assertThat(got.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        Comparator<Sample> byRound = Comparator.comparingInt(Sample::fork).thenComparingInt(Sample::iteration);
        expected.forEach((key, list) -> assertThat(got.get(key)).as(key).containsExactlyElementsOf(list.stream().sorted(byRound).toList()));
        RunData.readMachines(merged.resolve("samples.csv")).forEach((key, byFork) ->
                byFork.forEach((fork, machine) -> assertThat(machine).as(key + " round " + fork).isEqualTo(fork % 2 == 0 ? "m1" : "m2")));

        List<Map<String, String>> refRows = RunData.readCells(PRESIZE.resolve("results.csv"));
        List<Map<String, String>> rows = RunData.readCells(merged.resolve("results.csv"));
        assertThat(rows).hasSameSizeAs(refRows);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(Rows.key(rows.get(i), rows.get(i).get("metric"))).isEqualTo(Rows.key(refRows.get(i), refRows.get(i).get("metric")));
            assertThat(Double.parseDouble(rows.get(i).get("value"))).as(rows.get(i).toString())
                    .isCloseTo(Double.parseDouble(refRows.get(i).get("value")), org.assertj.core.data.Percentage.withPercentage(1e-6));
        }

        Result whole = Experiments.conclude(PRESIZE, tmp.resolve("whole"));
        List<Finding> findings = RunFolder.readFindings(merged);
        assertThat(findings).extracting(Finding::id).containsExactlyElementsOf(whole.findings().stream().map(Finding::id).toList());
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            Finding w = whole.findings().get(i);
            assertThat(f.verdict()).as(f.id()).isEqualTo(w.verdict());
            if (!Double.isNaN(w.value())) assertThat(f.value()).as(f.id()).isCloseTo(w.value(), org.assertj.core.data.Percentage.withPercentage(1e-6));
            assertThat(f.conditions()).as(f.id()).containsEntry("machines", "2");
        }

        Map<String, Object> meta = RunFolder.readMeta(merged);
        assertThat(meta).doesNotContainKey("shard").containsEntry("machines", List.of("m1", "m2"));
        assertThat((List<?>) meta.get("shards")).hasSize(2);
        List<Finding> again = Experiments.conclude(merged, tmp.resolve("again")).findings();   // what ./maplab conclude of the merged folder gives
        assertThat(again).extracting(Finding::id, Finding::verdict, Finding::conditions)
                .containsExactlyElementsOf(findings.stream().map(f -> org.assertj.core.groups.Tuple.tuple(f.id(), f.verdict(), f.conditions())).toList());
    }

    @Test
    void roundsMeasuredInEveryShardAreKeptOnceFromTheFirst(@TempDir Path tmp) throws IOException {
        Path one = shard(tmp.resolve("a"), 1, 2, "m1");
        Path two = shard(tmp.resolve("b"), 2, 2, "m2");
        // as if shard 2 had also measured round 0 of every row (an experiment measuring something in every shard)
        Map<String, List<Sample>> twoSamples = RunData.readSamples(two.resolve("samples.csv"));
        Map<String, List<Sample>> withRound0 = new LinkedHashMap<>();
        twoSamples.forEach((key, list) -> {
            List<Sample> more = new ArrayList<>(list);
            more.add(new Sample(0, 0, 1e9));
            withRound0.put(key, more);
        });
        RunData.writeSamples(withRound0, (key, fork) -> "m2", two.resolve("samples.csv"));
        Path merged = Shards.merge(List.of(one, two), tmp.resolve("merged"));
        Map<String, List<Sample>> oneSamples = RunData.readSamples(one.resolve("samples.csv"));
        RunData.readSamples(merged.resolve("samples.csv")).forEach((key, list) -> {
            assertThat(list).as(key).containsExactlyInAnyOrderElementsOf(oneSamples.get(key));
            assertThat(list).noneMatch(x -> x.value() == 1e9);
        });
    }

    @Test
    void shardsOnOneMachineAddNoMachinesCondition(@TempDir Path tmp) throws IOException {
        Path merged = Shards.merge(List.of(shard(tmp.resolve("a"), 1, 2, "m1"), shard(tmp.resolve("b"), 2, 2, "m1")), tmp.resolve("merged"));
        assertThat(RunFolder.readFindings(merged)).allSatisfy(f -> assertThat(f.conditions()).doesNotContainKey("machines"));
    }

    @Test
    void shardsOfDifferentRunsAreRefusedWithOneLine(@TempDir Path tmp) throws IOException {
        Path one = shard(tmp.resolve("one"), 1, 2, "m1");
        refused(List.of(one, shard(tmp.resolve("p"), 2, 2, "m2", m -> m.put("params", Map.of("n", 5)))), "merge: shards of different runs: params is");
        refused(List.of(one, shard(tmp.resolve("c"), 2, 2, "m2", m -> m.put("git_commit", "0123abc"))), "merge: shards of different runs: git_commit is");
        refused(List.of(one, shard(tmp.resolve("e"), 2, 2, "m2", m -> m.put("experiment", "merge"))), "merge: shards of different runs: experiment is");
        refused(List.of(one, shard(tmp.resolve("q"), 2, 2, "m2", m -> m.put("profile", "quick"))), "merge: shards of different runs: profile is");
        refused(List.of(one, shard(tmp.resolve("n"), 2, 3, "m2")), "merge: shards of different runs: ");
        refused(List.of(one, shard(tmp.resolve("again"), 1, 2, "m2")), "merge: shard 1/2 given twice");
        refused(List.of(one), "merge: shard 2/2 missing");
        refused(List.of(one, PRESIZE), "merge: '" + PRESIZE + "' is not a shard");
        refused(List.of(one, tmp.resolve("nothing")), "merge: '" + tmp.resolve("nothing") + "' is not a run folder");
        refused(List.of(one, shard(tmp.resolve("f"), 2, 2, "m2", m -> m.put("status", "failed"))), "merge: shard 2/2 in '");
        assertThat(tmp.resolve("merged")).doesNotExist();
    }

    private static void refused(List<Path> shards, String message) {
        assertThatThrownBy(() -> Shards.merge(shards, Path.of("never-written"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
