package maplab.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import maplab.plan.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch scripts of {@code ./maplab submit}: their Slurm options, commands, and the collect job's collect.json. */
class BatchJobTest {

    private static BatchJob run(Path out, Path lab) {
        return BatchJob.run("presize", Profile.FULL, Map.of("n", "20000", "constructors", "hashmap_default"), 3, out, lab,
                "long", List.of("--time=2:00:00"));
    }

    @Test
    void theArrayScriptRunsOneExclusiveShardPerTaskWithItsLogInOut() {
        String s = run(Path.of("/shared/job"), Path.of("/shared/lab")).arrayScript();

        assertThat(s).startsWith("#!/usr/bin/env bash\n").contains(
                "#SBATCH --array=1-3\n", "#SBATCH --exclusive\n", "#SBATCH --output=/shared/job/logs/task-%a.out\n",
                "#SBATCH --partition=long\n", "#SBATCH --time=2:00:00\n",
                "'/shared/lab/maplab' run 'presize' --shard \"$k/3\" --profile full --set 'constructors=hashmap_default' --set 'n=20000'"
                        + " --out '/shared/job/shards'/shard-\"$k\"\n",
                "echo \"$rc\" > '/shared/job/status'/task-\"$k\".rc\n");
    }

    @Test
    void theCollectScriptMergesEveryShardIntoMerged() {
        String s = run(Path.of("/shared/job"), Path.of("/shared/lab")).collectScript();

        assertThat(s).contains("#SBATCH --output=/shared/job/logs/collect-%j.out\n", "#SBATCH --partition=long\n",
                "'/shared/lab/maplab' merge \"$OUT/shards/shard-1\" \"$OUT/shards/shard-2\" \"$OUT/shards/shard-3\" --out \"$OUT/merged\"");
        assertThat(s).doesNotContain("--exclusive", "--array");
    }

    @Test
    void aReportRunsEachNotebookWithItsRunsInOutThenTheReportFromThem() {
        BatchJob job = BatchJob.report(List.of("00-quickstart", "03-presize"), Profile.QUICK, Path.of("/s/job"), Path.of("/s/lab"), null, List.of());

        assertThat(job.shards()).isEqualTo(2);
        assertThat(job.arrayScript()).contains("#SBATCH --array=1-2\n", "notebooks=('00-quickstart' '03-presize')\n",
                "MAPLAB_RUNS_DIR='/s/job/runs' '/s/lab/maplab' report --profile quick --out '/s/job/tasks'/task-\"$k\" \"${notebooks[k-1]}\"\n")
                .doesNotContain("--partition");
        assertThat(job.collectScript()).contains("'/s/lab/maplab' report --from \"$OUT/runs\" --out \"$OUT/reports\" --profile quick '00-quickstart' '03-presize'");
        assertThat(job.resultDir()).isEqualTo(Path.of("/s/job/reports"));
    }

    @Test
    void wordsWithQuotesStayOneBashWord() {
        assertThat(BatchJob.quote("it's")).isEqualTo("'it'\\''s'");
    }

    @Test
    void badShardCountsAndSbatchArgsAreRefusedNamingTheParameter() {
        assertThatThrownBy(() -> BatchJob.run("presize", Profile.QUICK, Map.of(), 0, Path.of("/o"), Path.of("/l"), null, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shards").hasMessageContaining("'0'");
        assertThatThrownBy(() -> BatchJob.run("presize", Profile.QUICK, Map.of(), 2, Path.of("/o"), Path.of("/l"), null, List.of("time=1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--sbatch-arg").hasMessageContaining("'time=1'");
    }

    @Test
    void theCollectScriptNamesTheFailedShardInCollectJsonAndDoesNotMerge(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("job");
        Files.createDirectories(out.resolve("status"));
        Files.writeString(out.resolve("status/task-1.rc"), "0\n");
        Files.writeString(out.resolve("status/task-2.rc"), "3\n");   // task 3 left no exit code: killed

        int exit = bash(run(out, standInLab(tmp)).collectScript(), tmp);

        Map<String, Object> collect = readJson(out.resolve("collect.json"));
        assertThat(exit).isEqualTo(1);
        assertThat(collect.get("status")).isEqualTo("failed");
        assertThat(collect.get("failed").toString()).contains("shard=2/3", "exit=3", "shard=3/3", "exit=null", out + "/logs/task-2.out");
        assertThat(out.resolve("merged")).doesNotExist();
    }

    @Test
    void theCollectScriptMergesWhenEveryShardSucceeded(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("job");
        Files.createDirectories(out.resolve("status"));
        for (int k = 1; k <= 3; k++) Files.writeString(out.resolve("status/task-" + k + ".rc"), "0\n");

        int exit = bash(run(out, standInLab(tmp)).collectScript(), tmp);

        Map<String, Object> collect = readJson(out.resolve("collect.json"));
        assertThat(exit).isZero();
        assertThat(collect).containsEntry("status", "ok").containsEntry("experiment", "presize").containsEntry("failed", List.of());
        assertThat(Files.readString(out.resolve("merged/args.txt"))).contains("merge " + out + "/shards/shard-1");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readJson(Path file) throws Exception {
        return new ObjectMapper().readValue(file.toFile(), Map.class);
    }

    /** A lab whose {@code maplab} only records its arguments in the --out folder. */
    private static Path standInLab(Path tmp) throws Exception {
        Path lab = Files.createDirectories(tmp.resolve("lab"));
        Path maplab = lab.resolve("maplab");
        Files.writeString(maplab, "#!/usr/bin/env bash\nout=\"\"; prev=\"\"\nfor a in \"$@\"; do [ \"$prev\" = --out ] && out=$a; prev=$a; done\n"
                + "mkdir -p \"$out\" && echo \"$*\" > \"$out/args.txt\"\n");
        Files.setPosixFilePermissions(maplab, PosixFilePermissions.fromString("rwxr-xr-x"));
        return lab;
    }

    private static int bash(String script, Path tmp) throws Exception {
        Path file = tmp.resolve("script.sh");
        Files.writeString(file, script);
        Process p = new ProcessBuilder("bash", file.toString()).redirectErrorStream(true).redirectOutput(tmp.resolve("script.log").toFile()).start();
        return p.waitFor();
    }
}
