package maplab.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes small run folders by hand, so comparisons and references are tested on known numbers. */
public final class SyntheticRun {

    static final String HEADER = "subject,n_keys,metric,value,error,unit,better\n";

    private SyntheticRun() { }

    /** A completed run folder with this results.csv body (after the header), one finding and a raw/ file. */
    public static Path write(Path dir, String experiment, String profile, int cores, String rows, double findingValue) throws IOException {
        Files.createDirectories(dir.resolve("raw"));
        Files.writeString(dir.resolve("results.csv"), HEADER + rows);
        Files.writeString(dir.resolve("raw/jmh-1.json"), "[]");
        Files.writeString(dir.resolve("report.html"), "<html></html>");
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("java_vendor", "Debian");
        env.put("java_version", "17.0.15");
        env.put("gc", List.of("G1 Young Generation", "G1 Old Generation"));
        env.put("cpu_model", "Test CPU");
        env.put("logical_cores", cores);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("experiment", experiment);
        meta.put("status", "ok");
        meta.put("profile", profile);
        meta.put("params", Map.of("n", 1000, "seed", 1));
        meta.put("start", "2026-11-21T05:00:00Z");
        meta.put("environment", env);
        meta.put("measurement", Map.of("jmh_runs", List.of(Map.of("jvm_args", List.of("-Xmx1g", "-XX:+UseParallelGC")))));
        ObjectMapper json = new ObjectMapper();
        json.writeValue(dir.resolve("meta.json").toFile(), meta);
        Map<String, Object> finding = new LinkedHashMap<>();
        finding.put("id", "speedup");
        finding.put("value", findingValue);
        finding.put("unit", "x");
        finding.put("low", findingValue * 0.9);
        finding.put("high", findingValue * 1.1);
        finding.put("confidence", 0.99);
        finding.put("basis", "timing");
        finding.put("verdict", findingValue > 1 ? "higher" : "lower");
        finding.put("text", "it was " + findingValue + "x");
        finding.put("conditions", Map.of("threads", "8"));
        json.writeValue(dir.resolve("findings.json").toFile(), List.of(finding));
        return dir;
    }

    /**
     * Writes samples.csv for rows of {@link #HEADER}'s columns: {@code "hashmap,1000,time" ->}
     * fork means (each fork gets two iterations, mean +- 1%, so the fork mean is as given).
     */
    public static void samples(Path dir, Map<String, double[]> forkMeans) throws IOException {
        Map<String, List<maplab.stats.Estimates.Sample>> out = new LinkedHashMap<>();
        forkMeans.forEach((row, means) -> {
            String[] c = row.split(",");
            String key = "n_keys=" + c[1] + "|subject=" + c[0] + "|metric=" + c[2];
            List<maplab.stats.Estimates.Sample> list = new java.util.ArrayList<>();
            for (int f = 0; f < means.length; f++) {
                list.add(new maplab.stats.Estimates.Sample(f, 0, means[f] * 0.99));
                list.add(new maplab.stats.Estimates.Sample(f, 1, means[f] * 1.01));
            }
            out.put(key, list);
        });
        maplab.run.RunData.writeSamples(out, dir.resolve("samples.csv"));
    }
}
