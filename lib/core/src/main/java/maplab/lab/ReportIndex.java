package maplab.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import maplab.claims.Claims;
import maplab.claims.Judge;
import maplab.claims.Ledger;
import maplab.claims.RunSet;
import maplab.render.ClaimsPage;
import maplab.render.IndexPage;
import maplab.run.Reference;
import maplab.run.RunFolder;

/**
 * Writes the report's index page ({@code reports/index.html}): reads what the report runner
 * ({@code kernel/report.py}) knows, the run folders the notebooks made and their references,
 * and hands them to {@link IndexPage}, which renders them.
 *
 * <p>The runner passes its part as JSON and calls {@code maplab.cli.Main index <reportsDir> <data.json>}:
 * <pre>{"profile": "quick", "total_seconds": 250.1,
 *  "notebooks": [{"name": "03-presize", "error": null, "seconds": 21.4,
 *                 "runs": [{"experiment": "presize", "folder": "runs/20261121T050923Z-presize"}]}]}</pre>
 * where each {@code folder} is a run folder copied under {@code reportsDir} (with meta.json and
 * findings.json), relative to it. With {@code report --from}, a run taken from a stored folder has
 * {@code "stored": "<that folder>"}, and a notebook lists the runs no stored folder held in
 * {@code "missing": ["from: no stored run of ..."]}.
 */
public final class ReportIndex {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportIndex() { }

    /**
     * Reads {@code data} and the run folders it names, and writes {@code reportsDir/index.html} and the claims
     * ledger's page {@code reportsDir/claims.html} (each atomically); returns the index's path.
     */
    public static Path write(Path reportsDir, Path data) {
        Map<String, Object> d;
        try {
            d = JSON.readValue(data.toFile(), Map.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("data: cannot read '" + data + "' as the index's JSON (" + e.getMessage() + ")");
        }
        IndexPage.Report report = load(reportsDir, d);
        Path index = writePage(reportsDir, "index.html", IndexPage.page(report));
        writePage(reportsDir, "claims.html", claimsPage(report));
        return index;
    }

    /** The claims ledger judged against this report's runs and against the references, as {@link ClaimsPage} renders it. */
    static String claimsPage(IndexPage.Report report) {
        RunSet here = RunSet.empty("this report");
        for (IndexPage.NotebookShown n : report.notebooks()) {
            for (IndexPage.RunShown r : n.runs()) if (r.findings() != null) here = here.with(r.experiment(), r.findings());
        }
        if (!Files.isRegularFile(Ledger.file())) return ClaimsPage.unavailable("No claims ledger at " + Ledger.file() + ".");
        Ledger ledger = Ledger.standard();
        return ClaimsPage.page("this report (" + report.profile() + " profile)", Judge.assessAll(ledger.claims(), here),
                Judge.assessAll(ledger.claims(), Claims.references(Reference.root())));
    }

    private static Path writePage(Path reportsDir, String name, String html) {
        Path page = reportsDir.resolve(name);
        Path tmp = reportsDir.resolve("." + name + ".tmp");
        try {
            Files.writeString(tmp, html, StandardCharsets.UTF_8);
            Files.move(tmp, page, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalArgumentException("reportsDir: cannot write '" + page + "' (" + e.getMessage() + ")");
        }
        return page;
    }

    /** The report the index data {@code d} describes (see the class comment), its run folders read under {@code reportsDir}. */
    @SuppressWarnings("unchecked")
    static IndexPage.Report load(Path reportsDir, Map<String, Object> d) {
        List<IndexPage.NotebookShown> notebooks = new ArrayList<>();
        for (Map<String, Object> n : (List<Map<String, Object>>) d.getOrDefault("notebooks", List.of())) {
            List<IndexPage.RunShown> runs = new ArrayList<>();
            for (Map<String, Object> r : (List<Map<String, Object>>) n.getOrDefault("runs", List.of())) {
                Object stored = r.get("stored");
                runs.add(run(reportsDir, String.valueOf(r.get("experiment")), String.valueOf(r.get("folder")), stored == null ? null : String.valueOf(stored)));
            }
            Object error = n.get("error");
            List<String> missing = ((List<Object>) n.getOrDefault("missing", List.of())).stream().map(String::valueOf).toList();
            notebooks.add(new IndexPage.NotebookShown(String.valueOf(n.get("name")), error == null ? null : String.valueOf(error),
                    number(n.get("seconds")), runs, missing));
        }
        return new IndexPage.Report(String.valueOf(d.getOrDefault("profile", "")), number(d.get("total_seconds")), notebooks);
    }

    /** One run folder as the index shows it: meta.json (empty when none), findings.json (null when none) and, with findings, its reference. */
    private static IndexPage.RunShown run(Path reportsDir, String experiment, String folder, String storedFrom) {
        Path dir = reportsDir.resolve(folder);
        Map<String, Object> meta = Files.isRegularFile(dir.resolve("meta.json")) ? RunFolder.readMeta(dir) : Map.of();
        boolean stored = Files.isRegularFile(dir.resolve("findings.json"));
        return new IndexPage.RunShown(experiment, folder, meta, stored ? RunFolder.readFindings(dir) : null,
                stored ? Reference.lookup(experiment, profileOf(meta)) : Reference.Lookup.NONE, storedFrom);
    }

    /** The profile a run's meta.json records; quick when it records none (older runs). */
    private static maplab.plan.Profile profileOf(Map<String, Object> meta) {
        Object p = meta.get("profile");
        return p == null ? maplab.plan.Profile.QUICK : maplab.plan.Profile.parse(String.valueOf(p));
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
