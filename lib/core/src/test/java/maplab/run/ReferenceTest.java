package maplab.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import maplab.conclude.Finding;
import maplab.stats.Estimates.Estimate;
import maplab.render.Html;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Promoting run folders to reference and showing reference values beside a run's findings. */
class ReferenceTest {

    private static final String ROWS = "hashmap,1000,time,100.0,2.0,ns/op,lower\n";

    @Test
    void promoteCopiesWithoutRawAndReplacesTheOldReference(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("data/reference");
        Path first = SyntheticRun.write(tmp.resolve("runs/1"), "presize", "full", 2, ROWS, 2.0);
        Path second = SyntheticRun.write(tmp.resolve("runs/2"), "presize", "full", 2, ROWS, 4.0);

        Path target = Reference.promote(first, root);
        assertThat(target).isEqualTo(root.resolve("presize").toAbsolutePath());
        assertThat(target.resolve("meta.json")).exists();
        assertThat(target.resolve("report.html")).exists();
        assertThat(target.resolve("raw")).doesNotExist();

        Reference.promote(second, root);
        assertThat(Reference.find(root, "presize").orElseThrow().finding("speedup").orElseThrow().value()).isEqualTo(4.0);
        try (var left = Files.list(root)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly("presize");
        }
        assertThat(first.resolve("raw/jmh-1.json")).exists();
    }

    @Test
    void promoteFilesEachRunUnderItsOwnProfileAndRefusesFailedAndMissingRuns(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("ref");
        Path quick = SyntheticRun.write(tmp.resolve("quick"), "presize", "quick", 2, ROWS, 2.0);
        assertThat(Reference.promote(quick, root)).isEqualTo(root.resolve("quick/presize").toAbsolutePath());
        assertThat(Reference.find(root, "presize")).as("the full profile's place stays empty").isEmpty();
        assertThat(Reference.find(root, "quick", "presize")).isPresent();

        Path failed = SyntheticRun.write(tmp.resolve("failed"), "presize", "full", 2, ROWS, 2.0);
        Files.writeString(failed.resolve("meta.json"), Files.readString(failed.resolve("meta.json")).replace("\"ok\"", "\"failed\""));
        assertThatThrownBy(() -> Reference.promote(failed, root)).hasMessageContaining("is a failed run");
        assertThatThrownBy(() -> Reference.promote(tmp.resolve("nope"), root)).hasMessageContaining("does not exist");
    }

    @Test
    void findingsShowTheReferenceBesideThemLikeWithLike(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("ref");
        Reference.promote(SyntheticRun.write(tmp.resolve("run"), "presize", "full", 8, ROWS, 2.0), root);
        Reference ref = Reference.find(root, "presize").orElseThrow();
        assertThat(ref.finding("speedup").orElseThrow().verdict()).isEqualTo(Finding.Verdict.HIGHER);

        Finding same = Finding.timeRatio("speedup", "A", "B", new Estimate(3, 2.5, 3.5, 4)).where("threads", 8);
        Finding opposite = Finding.timeRatio("speedup", "A", "B", new Estimate(0.6, 0.5, 0.7, 4)).where("threads", 8);
        Finding unclear = Finding.timeRatio("speedup", "A", "B", new Estimate(1.1, 0.9, 1.3, 4)).where("threads", 8);
        Finding elsewhere = Finding.timeRatio("speedup", "A", "B", new Estimate(0.6, 0.5, 0.7, 4)).where("threads", 4);
        Finding refFinding = ref.finding("speedup").orElseThrow();
        assertThat(Reference.relation(same, refFinding)).isEqualTo("same verdict");
        assertThat(Reference.relation(opposite, refFinding)).isEqualTo("opposite verdict");
        assertThat(Reference.relation(unclear, refFinding)).isEqualTo("reference detected a difference");
        assertThat(Reference.relation(elsewhere, refFinding)).as("never a ratio across conditions")
                .isEqualTo("measured under other conditions (threads: 4 vs 8): not compared");
        assertThat(Reference.relation(Finding.notComputed("speedup", "too few forks"), refFinding)).isEqualTo("not computed in this run: not compared");

        String html = Html.findings(List.of(same, Finding.count("new_one", 1, "x", "new")), ref);
        assertThat(html).contains("<th>reference</th>", "2 (1.800 to 2.200)", "higher", "same verdict", "not in reference");
        assertThat(Reference.find(root, "gc")).isEmpty();
        assertThat(StoredRun.differences(StoredRun.environmentFacts(ref.run().meta()),
                StoredRun.environmentFacts(StoredRun.read("a", tmp.resolve("run")).meta()))).isEmpty();
        assertThat(ref.run().environmentFacts().get("GC")).isEqualTo("G1; forked JVMs ParallelGC");
    }
}
