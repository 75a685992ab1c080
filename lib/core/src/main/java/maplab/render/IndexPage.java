package maplab.render;

import maplab.conclude.Finding;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import maplab.run.Reference;
import maplab.run.RunFolder;

/**
 * The report's index page ({@code reports/index.html}), written by Java so that numbers,
 * intervals, verdicts, reference relations and CSS are formatted in one place ({@link Html}):
 * each notebook's status and run time, every finding of every run the notebooks made (with its
 * interval, verdict and the reference beside it), the environment, and links.
 *
 * <p>The report runner ({@code kernel/report.py}) passes what only it knows as JSON and calls
 * {@code maplab.cli.Main index <reportsDir> <data.json>}:
 * <pre>{"profile": "quick", "total_seconds": 250.1,
 *  "notebooks": [{"name": "03-presize", "error": null, "seconds": 21.4,
 *                 "runs": [{"experiment": "presize", "folder": "runs/20261121T050923Z-presize"}]}]}</pre>
 * where each {@code folder} is a run folder copied under {@code reportsDir} (with meta.json and
 * findings.json), relative to it.
 */
public final class IndexPage {

    private static final ObjectMapper JSON = new ObjectMapper();

    private IndexPage() { }

    /** Reads {@code data} and writes {@code reportsDir/index.html} (atomically); returns its path. */
    public static Path write(Path reportsDir, Path data) {
        Map<String, Object> d;
        try {
            d = JSON.readValue(data.toFile(), Map.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("data: cannot read '" + data + "' as the index's JSON (" + e.getMessage() + ")");
        }
        Path index = reportsDir.resolve("index.html");
        Path tmp = reportsDir.resolve(".index.html.tmp");
        try {
            Files.writeString(tmp, page(reportsDir, d), StandardCharsets.UTF_8);
            Files.move(tmp, index, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalArgumentException("reportsDir: cannot write '" + index + "' (" + e.getMessage() + ")");
        }
        return index;
    }

    /** The page for the index data {@code d} (see the class comment), run folders read under {@code reportsDir}. */
    @SuppressWarnings("unchecked")
    public static String page(Path reportsDir, Map<String, Object> d) {
        List<Map<String, Object>> notebooks = (List<Map<String, Object>>) d.getOrDefault("notebooks", List.of());
        StringBuilder nb = new StringBuilder("<table class=\"maplab\"><thead><tr><th class=\"s\">notebook</th><th class=\"s\">status</th>"
                + "<th>run time</th><th class=\"s\">run folders</th></tr></thead><tbody>");
        StringBuilder findings = new StringBuilder();
        List<Map<String, Object>> metas = new ArrayList<>();
        List<String> experiments = new ArrayList<>();
        int failed = 0;
        for (Map<String, Object> n : notebooks) {
            String name = String.valueOf(n.get("name"));
            Object error = n.get("error");
            if (error != null) failed++;
            List<Map<String, Object>> runs = (List<Map<String, Object>>) n.getOrDefault("runs", List.of());
            StringBuilder links = new StringBuilder();
            for (Map<String, Object> r : runs) {
                String folder = String.valueOf(r.get("folder"));
                String experiment = String.valueOf(r.get("experiment"));
                links.append(link(folder + "/report.html", Path.of(folder).getFileName().toString())).append(' ');
                Path dir = reportsDir.resolve(folder);
                Map<String, Object> meta = Files.isRegularFile(dir.resolve("meta.json")) ? RunFolder.readMeta(dir) : Map.of();
                metas.add(meta);
                experiments.add(experiment);
                findings.append(runFindings(name, experiment, folder, dir, meta));
            }
            nb.append("<tr><td class=\"s\">").append(link(name + ".html", name)).append("</td><td class=\"s\">")
                    .append(error == null ? "<span class=\"ok\">ok</span>" : "<span class=\"failed\">failed</span> " + Html.escape(error))
                    .append("</td><td>").append(String.format(Locale.ROOT, "%.1f s", number(n.get("seconds"))))
                    .append("</td><td class=\"s\">").append(links.toString().strip()).append("</td></tr>");
        }
        nb.append("</tbody></table>");
        String summary = notebooks.size() + " notebooks, " + (notebooks.size() - failed) + " ok, " + failed + " failed, profile <b>"
                + Html.escape(d.getOrDefault("profile", "")) + "</b>, " + String.format(Locale.ROOT, "%.0f s", number(d.get("total_seconds")))
                + " in all, written " + Html.escape(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
                        .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now()));
        String body = "<h1>maplab report</h1><p>" + summary + "</p><h2>Notebooks</h2>" + nb
                + "<h2>Findings</h2><p class=\"muted\">Every value was measured in this report's runs and concluded from what the run "
                + "stored; each interval is " + Finding.confidenceLabel() + ", and each sentence follows its verdict. Beside each finding: "
                + "the reference (data/reference/, full profile) and how this run relates to it, like with like only.</p>"
                + (findings.length() == 0 ? "<p class=\"muted\">No experiment ran.</p>" : findings)
                + "<h2>Environment</h2>" + environment(metas, experiments);
        return Html.page("maplab report", body);
    }

    private static String runFindings(String notebook, String experiment, String folder, Path dir, Map<String, Object> meta) {
        StringBuilder sb = new StringBuilder("<h3>").append(Html.escape(experiment)).append(" <span class=\"muted\">(")
                .append(Html.escape(notebook)).append(", ").append(link(folder + "/report.html", "run report")).append(")</span></h3>");
        if (!Files.isRegularFile(dir.resolve("findings.json"))) return sb.append("<p class=\"muted\">No findings stored.</p>").toString();
        List<Finding> fs = RunFolder.readFindings(dir);
        Reference reference = null;
        try {
            reference = Reference.find(experiment).orElse(null);
        } catch (RuntimeException e) {
            sb.append("<p class=\"muted\">Reference unreadable: ").append(Html.escape(e.getMessage())).append("</p>");
        }
        sb.append(Html.findings(fs, reference));
        if (reference != null && !meta.isEmpty()) sb.append(Html.referenceNote(reference.environmentDifferences(meta), reference));
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static String environment(List<Map<String, Object>> metas, List<String> experiments) {
        if (metas.isEmpty()) return "<p class=\"muted\">No experiment ran, so no environment was recorded.</p>";
        Map<List<Object>, List<String>> groups = new LinkedHashMap<>();
        Map<List<Object>, Map<String, Object>> envs = new LinkedHashMap<>();
        for (int i = 0; i < metas.size(); i++) {
            Map<String, Object> e = metas.get(i).get("environment") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            List<Object> key = java.util.Arrays.asList(e.get("java_vendor"), e.get("java_version"), e.get("measuring_jvm"), e.get("gc"), e.get("logical_cores"),
                    e.get("cpu_model"), e.get("os"));
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(experiments.get(i));
            envs.putIfAbsent(key, e);
        }
        StringBuilder sb = new StringBuilder("<table class=\"maplab\"><thead><tr><th class=\"s\">JDK that measured</th><th class=\"s\">lab JVM</th><th class=\"s\">GC (runner JVM)</th>"
                + "<th>logical cores</th><th class=\"s\">CPU</th><th class=\"s\">OS</th><th>max heap</th><th class=\"s\">commit</th>"
                + "<th class=\"s\">experiments</th></tr></thead><tbody>");
        groups.forEach((key, exps) -> {
            Map<String, Object> e = envs.get(key);
            String gc = e.get("gc") instanceof List<?> l ? String.join("+", l.stream().map(String::valueOf).toList()) : String.valueOf(e.get("gc"));
            String commit = String.valueOf(e.getOrDefault("git_commit", "unknown"));
            Map<String, Object> measuring = e.get("measuring_jvm") instanceof Map<?, ?> j ? (Map<String, Object>) j : e;
            List<?> opts = measuring.get("options") instanceof List<?> o ? o : List.of();
            sb.append("<tr><td class=\"s\">").append(Html.escape(measuring.get("java_version") + " (" + measuring.get("java_vendor") + ")"
                            + (opts.isEmpty() ? "" : " " + String.join(" ", opts.stream().map(String::valueOf).toList()))))
                    .append("</td><td class=\"s\">").append(Html.escape(e.get("java_version") + " (" + e.get("java_vendor") + ")"))
                    .append("</td><td class=\"s\">").append(Html.escape(gc)).append("</td><td>").append(Html.escape(e.get("logical_cores")))
                    .append("</td><td class=\"s\">").append(Html.escape(e.get("cpu_model"))).append("</td><td class=\"s\">").append(Html.escape(e.get("os")))
                    .append("</td><td>").append(((long) number(e.get("max_heap_bytes"))) >> 20).append(" MiB</td><td class=\"s\">")
                    .append(Html.escape(commit.length() > 10 ? commit.substring(0, 10) : commit)).append("</td><td class=\"s\">")
                    .append(Html.escape(String.join(", ", exps))).append("</td></tr>");
        });
        return sb.append("</tbody></table><p class=\"muted\">Timings come from JMH in forked JVMs; each run's meta.json records their JVM "
                + "arguments and GC.</p>").toString();
    }

    private static String link(String href, String text) {
        return "<a href=\"" + Html.escape(href) + "\">" + Html.escape(text) + "</a>";
    }

    private static double number(Object o) {
        if (o instanceof Number n) return n.doubleValue();
        try {
            return o == null ? 0 : Double.parseDouble(String.valueOf(o));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
