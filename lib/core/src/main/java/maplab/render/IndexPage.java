package maplab.render;

import maplab.conclude.Finding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import maplab.run.Reference;

/**
 * The report's index page ({@code reports/index.html}), written by Java so that numbers,
 * intervals, verdicts, reference relations and CSS are formatted in one place ({@link Html}):
 * each notebook's status and run time, every finding of every run the notebooks made (with its
 * interval, verdict and the reference beside it), the environment, and links.
 *
 * <p>It is handed a {@link Report} already loaded ({@code maplab.lab.ReportIndex} reads the
 * report runner's JSON and the run folders, and writes the page) and reads nothing itself.
 */
public final class IndexPage {

    private IndexPage() { }

    /**
     * One run a notebook made, loaded from its folder.
     *
     * @param folder    the run folder, relative to the reports folder (links point there)
     * @param meta      its meta.json (empty when it has none)
     * @param findings  its findings.json (null when it has none)
     * @param reference its experiment's reference
     * @param storedFrom the stored run folder it was taken from instead of measuring ({@code report --from}), null when measured now
     */
    public record RunShown(String experiment, String folder, Map<String, Object> meta, List<Finding> findings, Reference.Lookup reference,
                           String storedFrom) {

        /** A run measured now. */
        public RunShown(String experiment, String folder, Map<String, Object> meta, List<Finding> findings, Reference.Lookup reference) {
            this(experiment, folder, meta, findings, reference, null);
        }

        /** "From stored run DIR, measured 2026-11-28 01:39:27 UTC" for a run taken from a stored folder; null for one measured now. */
        public String storedLine() {
            if (storedFrom == null) return null;
            java.time.Instant measured;
            try {
                measured = java.time.Instant.parse(String.valueOf(meta.get("start")));
            } catch (java.time.format.DateTimeParseException e) {
                measured = null;
            }
            return Html.storedLine(storedFrom, measured);
        }
    }

    /**
     * One notebook: its name, why it failed (null when it did not), its run time, the runs it made, and
     * the runs it asked for that no stored folder held ({@code report --from}: measured instead, or failed).
     */
    public record NotebookShown(String name, String error, double seconds, List<RunShown> runs, List<String> missing) {

        /** A notebook whose runs were all measured now (no stored runs sought). */
        public NotebookShown(String name, String error, double seconds, List<RunShown> runs) {
            this(name, error, seconds, runs, List.of());
        }
    }

    /** The whole report: its profile, total run time and notebooks. */
    public record Report(String profile, double totalSeconds, List<NotebookShown> notebooks) { }

    /** The page for {@code report}, stamped with the time it is written. */
    public static String page(Report report) {
        StringBuilder nb = new StringBuilder("<table class=\"maplab\"><thead><tr><th class=\"s\">notebook</th><th class=\"s\">status</th>"
                + "<th>run time</th><th class=\"s\">run folders</th></tr></thead><tbody>");
        StringBuilder findings = new StringBuilder();
        List<Map<String, Object>> metas = new ArrayList<>();
        List<String> experiments = new ArrayList<>();
        int failed = 0;
        for (NotebookShown n : report.notebooks()) {
            if (n.error() != null) failed++;
            StringBuilder links = new StringBuilder();
            for (RunShown r : n.runs()) {
                links.append(link(r.folder() + "/report.html", Path.of(r.folder()).getFileName().toString()));
                if (r.storedFrom() != null) links.append(" <span class=\"muted\">(").append(Html.escape(lowerFirst(r.storedLine()))).append(")</span>");
                links.append(' ');
                metas.add(r.meta());
                experiments.add(r.experiment());
                findings.append(runFindings(n.name(), r));
            }
            nb.append("<tr><td class=\"s\">").append(link(n.name() + ".html", n.name())).append("</td><td class=\"s\">")
                    .append(n.error() == null ? "<span class=\"ok\">ok</span>" : "<span class=\"failed\">failed</span> " + Html.escape(n.error()))
                    .append(missing(n.missing()))
                    .append("</td><td>").append(String.format(Locale.ROOT, "%.1f s", n.seconds()))
                    .append("</td><td class=\"s\">").append(links.toString().strip()).append("</td></tr>");
        }
        nb.append("</tbody></table>");
        int count = report.notebooks().size();
        String summary = count + " notebooks, " + (count - failed) + " ok, " + failed + " failed, profile <b>"
                + Html.escape(report.profile()) + "</b>, " + String.format(Locale.ROOT, "%.0f s", report.totalSeconds())
                + " in all, written " + Html.escape(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
                        .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now()));
        String body = "<h1>maplab report</h1><p>" + summary + "</p><p><a href=\"claims.html\">Claims ledger</a>: every claim maplab tests, "
                + "with its status computed in this report and in the references.</p><h2>Notebooks</h2>" + nb
                + "<h2>Findings</h2><p class=\"muted\">Every value was " + (anyStored(report) ? "measured in this report's runs or in the "
                + "stored run named beside it, and" : "measured in this report's runs and") + " concluded from what the run "
                + "stored; each interval is " + Finding.confidenceLabel() + ", and each sentence follows its verdict (higher or lower when the "
                + "interval excludes no difference; equivalent within a declared margin when it lies wholly inside it; else no "
                + "detectable difference). Beside each finding: "
                + "the reference (data/reference/, full profile) and how this run relates to it, like with like only.</p>"
                + (findings.length() == 0 ? "<p class=\"muted\">No experiment ran.</p>" : findings)
                + "<h2>Environment</h2>" + environment(metas, experiments);
        return Html.page("maplab report", body);
    }

    private static String runFindings(String notebook, RunShown run) {
        StringBuilder sb = new StringBuilder("<h3>").append(Html.escape(run.experiment())).append(" <span class=\"muted\">(")
                .append(Html.escape(notebook)).append(", ").append(link(run.folder() + "/report.html", "run report")).append(")</span></h3>");
        if (run.storedFrom() != null) sb.append("<p class=\"muted\">").append(Html.escape(run.storedLine())).append("; concluded again, not measured now.</p>");
        if (run.findings() == null) return sb.append("<p class=\"muted\">No findings stored.</p>").toString();
        Reference reference = run.reference().reference();
        if (run.reference().problem() != null) {
            sb.append("<p class=\"muted\">Reference unreadable: ").append(Html.escape(run.reference().problem())).append("</p>");
        }
        if (run.reference().note() != null) sb.append("<p class=\"muted\">").append(Html.escape(run.reference().note())).append("</p>");
        sb.append(Html.findings(run.findings(), reference));
        if (reference != null && !run.meta().isEmpty()) sb.append(Html.referenceNote(reference.environmentDifferences(run.meta()), reference));
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

    /** Whether any run of the report was taken from a stored folder. */
    private static boolean anyStored(Report report) {
        return report.notebooks().stream().anyMatch(n -> n.runs().stream().anyMatch(r -> r.storedFrom() != null));
    }

    /** The runs a notebook sought in stored folders and did not find, one line each under its status. */
    private static String missing(List<String> missing) {
        StringBuilder sb = new StringBuilder();
        for (String m : missing) sb.append("<br/><span class=\"failed\">missing</span> <span class=\"muted\">").append(Html.escape(m)).append("</span>");
        return sb.toString();
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static String link(String href, String text) {
        return "<a href=\"" + Html.escape(href) + "\">" + Html.escape(text) + "</a>";
    }

    /** A number in the run's meta.json (0 when missing or not a number). */
    private static double number(Object o) {
        if (o instanceof Number n) return n.doubleValue();
        try {
            return o == null ? 0 : Double.parseDouble(String.valueOf(o));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
