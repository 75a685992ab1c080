package maplab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import maplab.render.IndexPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index's loading: the runner's JSON and the run folders it names, read here and handed to IndexPage. */
class ReportIndexTest {

    static final Path PRESIZE = Path.of("../../data/reference/presize").toAbsolutePath().normalize();

    @Test
    void readsEachRunFolderAndWritesTheIndex(@TempDir Path reports) throws Exception {
        Path run = Files.createDirectories(reports.resolve("runs/presize"));
        Files.copy(PRESIZE.resolve("meta.json"), run.resolve("meta.json"));
        Files.copy(PRESIZE.resolve("findings.json"), run.resolve("findings.json"));
        Files.createDirectories(reports.resolve("runs/empty"));
        Path data = Files.writeString(reports.resolve("data.json"), "{\"profile\":\"quick\",\"total_seconds\":\"12.5\",\"notebooks\":["
                + "{\"name\":\"03-presize\",\"error\":null,\"seconds\":4,\"runs\":[{\"experiment\":\"presize\",\"folder\":\"runs/presize\"},"
                + "{\"experiment\":\"gc\",\"folder\":\"runs/empty\"}]}]}");

        IndexPage.Report report = ReportIndex.load(reports, Map.of("notebooks", List.of()));
        assertThat(report.notebooks()).isEmpty();
        Path index = ReportIndex.write(reports, data);

        String html = Files.readString(index);
        assertThat(index).isEqualTo(reports.resolve("index.html"));
        assertThat(html).contains("13 s in all", "resizes_default", "No findings stored.", "JDK that measured", "(Debian)");
        assertThat(reports.resolve(".index.html.tmp")).doesNotExist();
        assertThat(html).contains("href=\"claims.html\"");
        assertThat(reports.resolve("claims.html")).exists();
    }

    @Test
    void theClaimsPageJudgesTheLedgerInThisReportAndInTheReferences(@TempDir Path reports) throws Exception {
        String previous = System.getProperty("maplab.home");
        System.setProperty("maplab.home", PRESIZE.getParent().getParent().getParent().toString());
        try {
            Path run = Files.createDirectories(reports.resolve("runs/presize"));
            Files.copy(PRESIZE.resolve("findings.json"), run.resolve("findings.json"));
            IndexPage.Report report = ReportIndex.load(reports, Map.of("profile", "quick", "notebooks", List.of(Map.of("name", "03-presize",
                    "runs", List.of(Map.of("experiment", "presize", "folder", "runs/presize"))))));
            String html = ReportIndex.claimsPage(report);
            assertThat(html).contains("this report (quick profile)", "<tr id=\"A20\">", "<tr id=\"A53\">", "not run here", "opposite in Java");
            assertThat(html).as("a quick report's ledger beside the quick references").contains("in the references (data/reference/quick/, quick profile)");
        } finally {
            if (previous == null) System.clearProperty("maplab.home");
            else System.setProperty("maplab.home", previous);
        }
    }

    @Test
    void aRunMeetsTheReferenceOfItsOwnProfile(@TempDir Path reports) throws Exception {
        String previous = System.getProperty("maplab.home");
        System.setProperty("maplab.home", PRESIZE.getParent().getParent().getParent().toString());
        try {
            for (String profile : List.of("quick", "full")) {
                Path ref = PRESIZE.getParent().resolve(profile.equals("full") ? "presize" : profile + "/presize");
                Path run = Files.createDirectories(reports.resolve(profile + "/presize"));
                Files.copy(ref.resolve("meta.json"), run.resolve("meta.json"));
                Files.copy(ref.resolve("findings.json"), run.resolve("findings.json"));
                IndexPage.Report report = ReportIndex.load(reports, Map.of("profile", profile, "notebooks", List.of(Map.of("name", "03-presize",
                        "runs", List.of(Map.of("experiment", "presize", "folder", profile + "/presize"))))));
                IndexPage.RunShown shown = report.notebooks().get(0).runs().get(0);
                assertThat(shown.reference().reference().run().profile()).as(profile + " run").isEqualTo(profile);
                assertThat(shown.reference().reference().run().dir()).isEqualTo(ref);
            }
        } finally {
            if (previous == null) System.clearProperty("maplab.home");
            else System.setProperty("maplab.home", previous);
        }
    }

    @Test
    void loadsMetaAndFindingsOnlyWhereTheFolderHasThem(@TempDir Path reports) throws Exception {
        Path run = Files.createDirectories(reports.resolve("r"));
        Files.copy(PRESIZE.resolve("findings.json"), run.resolve("findings.json"));
        IndexPage.Report report = ReportIndex.load(reports, Map.of("profile", "full", "notebooks", List.of(Map.of("name", "n", "seconds", "x",
                "runs", List.of(Map.of("experiment", "presize", "folder", "r"), Map.of("experiment", "gc", "folder", "none"))))));
        IndexPage.NotebookShown n = report.notebooks().get(0);
        assertThat(n.seconds()).isZero();
        assertThat(n.error()).isNull();
        assertThat(n.runs().get(0).meta()).isEmpty();
        assertThat(n.runs().get(0).findings()).isNotEmpty();
        assertThat(n.runs().get(1).findings()).isNull();
    }

    @Test
    void unreadableDataNamesTheParameter(@TempDir Path reports) throws Exception {
        Path data = Files.writeString(reports.resolve("data.json"), "{not json");
        assertThatThrownBy(() -> ReportIndex.write(reports, data)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("data: ");
    }
}
