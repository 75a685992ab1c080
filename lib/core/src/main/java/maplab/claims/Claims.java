package maplab.claims;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import maplab.conclude.Result;
import maplab.run.Reference;
import maplab.run.StoredRun;

/**
 * The claims ledger judged against runs: the terminal's {@code ./maplab claims} and the notebook
 * API ({@code Claims.ledger()} against the references, {@code Claims.from(result)} against a
 * notebook's results). Reads the ledger and the run folders; {@link Judge} computes every status.
 */
public final class Claims {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<Assessment> assessments;

    private Claims(List<Assessment> assessments) {
        this.assessments = List.copyOf(assessments);
    }

    /** Every claim of the ledger judged against the full profile's references ({@code data/reference}). */
    public static Claims ledger() {
        return new Claims(Judge.assessAll(Ledger.standard().claims(), references(Reference.root())));
    }

    /** The claims that rest on these results' experiments (e.g. a notebook's runs), judged against them. */
    public static Claims from(Result... results) {
        RunSet runs = RunSet.empty("these runs");
        for (Result r : results) runs = runs.with(r.experiment(), r.findings());
        RunSet ran = runs;
        List<Claim> touched = Ledger.standard().claims().stream().filter(c -> c.experiments().stream().anyMatch(ran::ran)).toList();
        return new Claims(Judge.assessAll(touched, runs));
    }

    /**
     * The claims with these ids as a notebook shows them where it discusses the outcome: each judged
     * against {@code result} (this run) and against the references, side by side
     * ({@code Claims.box(r, "N05-1")}; the kernel renders one box per claim).
     *
     * @throws IllegalArgumentException when no id is given or an id is not in the ledger
     */
    public static ClaimBox box(Result result, String... ids) {
        return box(List.of(result), ids);
    }

    /** {@link #box(Result, String...)} for a notebook with several runs: the claims judged against all of them. */
    public static ClaimBox box(List<Result> results, String... ids) {
        if (ids == null || ids.length == 0) throw new IllegalArgumentException("ids: give at least one claim id, e.g. Claims.box(r, \"N05-1\")");
        return box(Ledger.standard().select(List.of(ids)), results);
    }

    /**
     * Every claim of the ledger that notebook {@code notebook} ("05-collisions") discusses, as
     * {@link #box(Result, String...)} shows them.
     *
     * @throws IllegalArgumentException when the ledger has no claim for that notebook
     */
    public static ClaimBox notebook(String notebook, Result... results) {
        List<Claim> claims = Ledger.standard().claims().stream().filter(c -> c.notebook().equals(notebook)).toList();
        if (claims.isEmpty()) throw new IllegalArgumentException("notebook: no claim of the ledger names '" + notebook + "'; expected a notebook name such as 05-collisions");
        return box(claims, List.of(results));
    }

    private static ClaimBox box(List<Claim> claims, List<Result> results) {
        RunSet here = RunSet.empty("this run");
        for (Result r : results) here = here.with(r.experiment(), r.findings());
        List<String> profiles = results.stream().map(r -> r.profile().label()).distinct().toList();
        String profile = referenceProfile(profiles.size() == 1 ? profiles.get(0) : Reference.FULL);
        return new ClaimBox(Judge.assessAll(claims, here), Judge.assessAll(claims, references(Reference.root(profile))), profile);
    }

    /**
     * The profile whose references runs of {@code profile} are judged against: their own when
     * {@code data/reference} holds any for it (like with like), else full, the ledger's default.
     */
    public static String referenceProfile(String profile) {
        return referenceProfile(Reference.root(), profile);
    }

    /** {@link #referenceProfile(String)} with the references' folder {@code base}. */
    public static String referenceProfile(Path base, String profile) {
        return references(Reference.root(base, profile)).byExperiment().isEmpty() ? Reference.FULL : profile;
    }

    /**
     * Only the claims with these ids, in the order given ({@code Claims.ledger().only("A22", "N05-1")}).
     *
     * @throws IllegalArgumentException for an id this set does not hold
     */
    public Claims only(String... ids) {
        List<Assessment> out = new ArrayList<>();
        for (String id : ids) out.add(claim(id));
        return new Claims(out);
    }

    /** {@code claims} judged against {@code runs}. */
    public static Claims of(List<Claim> claims, RunSet runs) {
        return new Claims(Judge.assessAll(claims, runs));
    }

    /** The findings of every reference folder under {@code root} (each {@code <experiment>/} with a meta.json). */
    public static RunSet references(Path root) {
        RunSet runs = RunSet.empty("reference");
        if (!Files.isDirectory(root)) return runs;
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.filter(p -> Files.isRegularFile(p.resolve("meta.json"))).sorted().toList()) {
                StoredRun run = StoredRun.read("reference", d);
                runs = runs.with(run.experiment(), run.findings());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("reference: cannot list '" + root + "' (" + e.getMessage() + ")");
        }
        return runs;
    }

    /**
     * The findings of these run folders, named {@code label}.
     *
     * @throws IllegalArgumentException when a folder is not a run folder
     */
    public static RunSet runs(String label, List<Path> runDirs) {
        RunSet runs = RunSet.empty(label);
        for (Path d : runDirs) {
            StoredRun run = StoredRun.read("--from", d);
            runs = runs.with(run.experiment(), run.findings());
        }
        return runs;
    }

    public List<Assessment> assessments() { return assessments; }

    /** The assessment of claim {@code id}. */
    public Assessment claim(String id) {
        return assessments.stream().filter(a -> a.claim().id().equalsIgnoreCase(id.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("claim: unknown id '" + id + "'; allowed: " + String.join(", ", ids())));
    }

    private List<String> ids() {
        return assessments.stream().map(a -> a.claim().id()).toList();
    }

    /** How many claims have each status (source claims, notebook claims or both: {@code prefix} "A", "N" or ""). */
    public Map<Status, Integer> counts(String prefix) {
        Map<Status, Integer> out = new EnumMap<>(Status.class);
        for (Assessment a : assessments) if (a.claim().id().startsWith(prefix)) out.merge(a.status(), 1, Integer::sum);
        return out;
    }

    /** One line: "source claims (53): 30 holds, 3 opposite in Java, ...". */
    public String summary() {
        List<String> lines = new ArrayList<>();
        for (String[] kind : new String[][] {{"A", "source claims"}, {"N", "notebook claims"}}) {
            Map<Status, Integer> c = counts(kind[0]);
            if (c.isEmpty()) continue;
            int total = c.values().stream().mapToInt(Integer::intValue).sum();
            lines.add(kind[1] + " (" + total + "): " + String.join(", ", c.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label()).toList()));
        }
        return String.join("\n", lines);
    }

    /** A plain-text table: id, source, status, evidence (each finding's value and interval). */
    public String table() {
        StringBuilder sb = new StringBuilder(String.format("%-6s  %-28s  %-28s  %s%n", "id", "source", "status", "evidence"));
        for (Assessment a : assessments) {
            List<String> ev = a.evidence().stream().map(e -> e.test().finding() + " " + e.summary() + " [predicts " + e.test().predictionText() + "]").toList();
            String first = ev.isEmpty() ? (a.claim().notApplicable() != null ? a.claim().notApplicable() : a.claim().note()) : ev.get(0);
            sb.append(String.format("%-6s  %-28s  %-28s  %s%n", a.claim().id(), a.claim().source(), a.status().label(), first));
            for (int i = 1; i < ev.size(); i++) sb.append(String.format("%-6s  %-28s  %-28s  %s%n", "", "", "", ev.get(i)));
        }
        return sb.toString();
    }

    /** JSON: one object per claim with id, source, claim, status, and each finding it rests on (value, interval, verdict, status). */
    public String json() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Assessment a : assessments) out.add(jsonOf(a));
        try {
            return JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the claims as JSON", e);
        }
    }

    private static Map<String, Object> jsonOf(Assessment a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.claim().id());
        m.put("source", a.claim().source());
        m.put("claim", a.claim().text());
        if (!a.claim().question().isEmpty()) m.put("question", a.claim().question());
        m.put("status", a.status().label());
        m.put("runs", a.runs());
        if (a.claim().notApplicable() != null) m.put("not_applicable", a.claim().notApplicable());
        if (a.claim().tests().size() > 1) m.put("combine", a.claim().combine().name().toLowerCase(java.util.Locale.ROOT));
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Assessment.Evidence e : a.evidence()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("experiment", e.test().experiment());
            f.put("id", e.test().finding());
            f.put("predicts", e.test().predictionText());
            f.put("status", e.status().label());
            if (e.finding() != null) {
                f.put("value", jsonNumber(e.finding().value()));
                f.put("low", jsonNumber(e.finding().low()));
                f.put("high", jsonNumber(e.finding().high()));
                f.put("unit", e.finding().unit());
                f.put("verdict", e.finding().verdict() == null ? null : e.finding().verdictLabel());
            }
            findings.add(f);
        }
        m.put("findings", findings);
        if (!a.claim().notebook().isEmpty()) m.put("notebook", a.claim().notebook());
        return m;
    }

    /** A number as JSON can hold it: infinite bounds as the text findings.json uses, NaN as null. */
    private static Object jsonNumber(double d) {
        if (Double.isNaN(d)) return null;
        if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
        return d;
    }

    @Override
    public String toString() {
        return table() + summary();
    }
}
