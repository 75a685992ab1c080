package maplab.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import maplab.conclude.Finding;
import maplab.render.Html;
import maplab.stats.Estimates.Estimate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reference per profile: each run meets the reference of its own profile, and a verdict that changes with size says so. */
class ReferenceProfilesTest {

    private static final String ROWS = "hashmap,1000,time,100.0,2.0,ns/op,lower\n";

    /** A quick reference finding "speedup" 0.5 (lower) at threads 4, and a full one 2.0 (higher) at threads 8, promoted under {@code root}. */
    private static Path quickAndFull(Path tmp) throws Exception {
        Path root = tmp.resolve("data/reference");
        Path quick = SyntheticRun.write(tmp.resolve("runs/q"), "presize", "quick", 2, ROWS, 0.5);
        Files.writeString(quick.resolve("findings.json"), Files.readString(quick.resolve("findings.json")).replace("\"threads\":\"8\"", "\"threads\":\"4\""));
        Reference.promote(quick, root);
        Reference.promote(SyntheticRun.write(tmp.resolve("runs/f"), "presize", "full", 2, ROWS, 2.0), root);
        return root;
    }

    @Test
    void eachRunMeetsTheReferenceOfItsOwnProfile(@TempDir Path tmp) throws Exception {
        Path root = quickAndFull(tmp);
        Reference quick = Reference.lookup(root, "presize", "quick").reference();
        Reference full = Reference.lookup(root, "presize", "full").reference();
        assertThat(quick.run().profile()).isEqualTo("quick");
        assertThat(quick.run().dir()).isEqualTo(root.resolve("quick/presize").toAbsolutePath());
        assertThat(quick.finding("speedup").orElseThrow().value()).isEqualTo(0.5);
        assertThat(full.run().profile()).isEqualTo("full");
        assertThat(full.run().dir()).isEqualTo(root.resolve("presize").toAbsolutePath());
        assertThat(Reference.lookup(root, "gc", "quick")).as("no reference in any profile: no column").isEqualTo(Reference.Lookup.NONE);
    }

    @Test
    void aQuickRunsTableComparesWithTheQuickReferenceLikeWithLike(@TempDir Path tmp) throws Exception {
        Path root = quickAndFull(tmp);
        Finding quickRun = Finding.timeRatio("speedup", "A", "B", new Estimate(0.6, 0.5, 0.7, 4)).where("threads", 4);
        String html = Html.findings(List.of(quickRun), Reference.lookup(root, "presize", "quick").reference());
        assertThat(html).contains("same verdict").doesNotContain("measured under other conditions", "opposite verdict");
        String againstFull = Html.findings(List.of(quickRun), Reference.lookup(root, "presize", "full").reference());
        assertThat(againstFull).as("what a quick run showed before each profile had its reference").contains("measured under other conditions");
    }

    @Test
    void aProfileWithoutAReferenceSaysSoInsteadOfComparing(@TempDir Path tmp) throws Exception {
        Path root = quickAndFull(tmp);
        Reference.Lookup nightly = Reference.lookup(root, "presize", "nightly");
        assertThat(nightly.reference()).isNull();
        assertThat(nightly.problem()).isNull();
        assertThat(nightly.absent()).startsWith("No reference for this profile (nightly)").contains("presize has one for quick, full");
        assertThat(Html.referenceAbsentOrUnreadable(nightly)).contains("No reference for this profile (nightly)");
        Reference.Lookup smoke = Reference.lookup(root, "presize", "smoke");
        assertThat(smoke.reference()).isNull();
        assertThat(Html.referenceAbsentOrUnreadable(smoke)).contains("No reference: this is a smoke run").contains("its numbers say nothing");
        assertThat(Html.referenceAbsentOrUnreadable(Reference.lookup(root, "presize", "quick"))).isEmpty();
    }

    @Test
    void aReferenceFiledUnderAnotherProfileIsAProblemNotAComparison(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("ref");
        Path quick = SyntheticRun.write(tmp.resolve("q"), "presize", "quick", 2, ROWS, 0.5);
        Path misfiled = Files.createDirectories(root.resolve("presize"));
        for (String file : List.of("meta.json", "results.csv", "findings.json")) Files.copy(quick.resolve(file), misfiled.resolve(file));
        Reference.Lookup full = Reference.lookup(root, "presize", "full");
        assertThat(full.reference()).isNull();
        assertThat(full.problem()).contains("is a quick-profile run filed as the full profile's reference");

        Path other = tmp.resolve("other");
        Reference.promote(SyntheticRun.write(tmp.resolve("f"), "presize", "full", 2, ROWS, 2.0), other);
        Path misfiledQuick = Files.createDirectories(other.resolve("quick/presize"));
        for (String file : List.of("meta.json", "results.csv", "findings.json")) Files.copy(other.resolve("presize/" + file), misfiledQuick.resolve(file));
        assertThat(Reference.lookup(other, "presize", "full").reference()).as("another profile's bad folder does not hide this one's").isNotNull();
        assertThat(Reference.lookup(other, "presize", "quick").problem()).contains("is a full-profile run filed as the quick profile's reference");
    }

    @Test
    void aVerdictThatChangesWithSizeIsShownInWordsBesideTheFinding(@TempDir Path tmp) throws Exception {
        Path root = quickAndFull(tmp);
        String words = "changes with threads: lower at threads 4 (quick reference), higher at threads 8 (full reference)";
        Reference quick = Reference.lookup(root, "presize", "quick").reference();
        assertThat(quick.sizeChange("speedup")).contains(words);
        assertThat(Reference.lookup(root, "presize", "full").reference().sizeChange("speedup")).as("the same words beside a full run").contains(words);
        Finding quickRun = Finding.timeRatio("speedup", "A", "B", new Estimate(0.6, 0.5, 0.7, 4)).where("threads", 4);
        assertThat(Html.findings(List.of(quickRun), quick)).contains("same verdict; <b>" + words + "</b>");
        assertThat(Reference.find(root, "presize").orElseThrow().sizeChange("speedup")).as("a reference found alone knows no other").isEmpty();
    }

    @Test
    void sizeWordsNeedOppositeVerdictsUnderDifferentConditions() {
        Finding lowerSmall = Finding.timeRatio("r", "A", "B", new Estimate(0.5, 0.4, 0.6, 4)).where("n_keys", 200000);
        Finding higherLarge = Finding.timeRatio("r", "A", "B", new Estimate(2.58, 2.2, 3.0, 4)).where("n_keys", 1000000);
        Finding higherSmall = Finding.timeRatio("r", "A", "B", new Estimate(2.58, 2.2, 3.0, 4)).where("n_keys", 200000);
        Finding unclearLarge = Finding.timeRatio("r", "A", "B", new Estimate(1.1, 0.9, 1.3, 4)).where("n_keys", 1000000);
        assertThat(SizeChanges.words(ordered("quick", lowerSmall, "full", higherLarge)))
                .contains("changes with n_keys: lower at n_keys 200000 (quick reference), higher at n_keys 1000000 (full reference)");
        assertThat(SizeChanges.words(ordered("quick", higherSmall, "full", higherLarge))).as("same verdict").isEmpty();
        assertThat(SizeChanges.words(ordered("quick", lowerSmall, "full", unclearLarge))).as("no difference is not opposite").isEmpty();
        assertThat(SizeChanges.words(ordered("quick", lowerSmall, "full", higherSmall))).as("same conditions: a disagreement, not a change with size").isEmpty();
        assertThat(SizeChanges.words(Map.of("quick", lowerSmall))).isEmpty();
        Map<String, String> byId = SizeChanges.of(Map.of("quick", List.of(lowerSmall, Finding.count("c", 1, "x", "one")), "full", List.of(higherLarge)));
        assertThat(byId).containsOnlyKeys("r");
    }

    @Test
    void promoteAllFilesEveryRunOfAFolderUnderItsProfile(@TempDir Path tmp) throws Exception {
        Path runs = tmp.resolve("runs/quick-refs");
        SyntheticRun.write(runs.resolve("presize"), "presize", "quick", 2, ROWS, 0.5);
        SyntheticRun.write(runs.resolve("merge"), "merge", "quick", 2, ROWS, 2.0);
        Path root = tmp.resolve("data/reference");
        assertThat(maplab.lab.Runs.promoteAll(runs, root)).containsExactly(root.resolve("quick/merge").toAbsolutePath(), root.resolve("quick/presize").toAbsolutePath());
        assertThat(root.resolve("quick/merge/raw")).doesNotExist();

        SyntheticRun.write(runs.resolve("presize-again"), "presize", "quick", 2, ROWS, 3.0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> maplab.lab.Runs.promoteAll(runs, root))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two runs of presize (quick)");
        assertThat(Reference.find(root, "quick", "presize").orElseThrow().finding("speedup").orElseThrow().value()).as("nothing promoted").isEqualTo(0.5);
    }

    private static Map<String, Finding> ordered(String p1, Finding f1, String p2, Finding f2) {
        Map<String, Finding> m = new LinkedHashMap<>();
        m.put(p1, f1);
        m.put(p2, f2);
        return m;
    }
}
