package maplab.claims;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import maplab.plan.Home;

/**
 * The claims ledger: every claim maplab tests, read from {@code data/claims.json} (claims, the
 * findings that test them and what they predict; statuses are never stored, {@link Judge} computes them).
 *
 * <p>A test names its finding as {@code "experiment/finding_id"}, as a string (the claim's
 * {@code predicts} and {@code than} apply) or an object {@code {"finding": ..., "predicts": ..., "than": ...}}.
 */
public final class Ledger {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("A[1-9][0-9]*|N[0-9]{2}-[1-9][0-9]*");

    private final Map<String, Claim> claims;

    private Ledger(Map<String, Claim> claims) {
        this.claims = claims;
    }

    /** {@code <home>/data/claims.json}. */
    public static Path file() {
        return Home.data().resolve("claims.json");
    }

    /** The ledger at {@link #file()}. */
    public static Ledger standard() {
        return read(file());
    }

    /**
     * Reads a ledger file.
     *
     * @throws IllegalArgumentException when the file cannot be read or a claim is malformed (naming the claim and field)
     */
    public static Ledger read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("claims: cannot read '" + file + "' (" + String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " ") + ")");
        }
        if (root == null || !root.path("claims").isArray()) throw new IllegalArgumentException("claims: '" + file + "' has no \"claims\" array");
        Map<String, Claim> claims = new LinkedHashMap<>();
        for (JsonNode n : root.get("claims")) {
            Claim c = claim(n);
            if (claims.put(c.id(), c) != null) throw new IllegalArgumentException("claims: id " + c.id() + " appears twice in '" + file + "'");
        }
        return new Ledger(claims);
    }

    private static Claim claim(JsonNode n) {
        String id = n.path("id").asText("");
        if (!ID.matcher(id).matches()) throw new IllegalArgumentException("claims: id '" + id + "' is not A<number> or N<notebook>-<number>");
        List<Claim.Test> tests = new ArrayList<>();
        for (JsonNode t : n.path("findings")) tests.add(test(id, t, n));
        Claim.Combine combine = n.has("combine") ? Claim.Combine.parse(n.get("combine").asText()) : Claim.Combine.ALL;
        String na = n.hasNonNull("not_applicable") ? n.get("not_applicable").asText() : null;
        return new Claim(id, text(n, "source"), text(n, "claim"), n.path("question").asText(""), tests, combine,
                n.path("notebook").asText(""), na, n.path("note").asText(""));
    }

    private static Claim.Test test(String id, JsonNode t, JsonNode claim) {
        JsonNode spec = t.isTextual() ? claim : t;
        String name = t.isTextual() ? t.asText() : t.path("finding").asText("");
        int slash = name.indexOf('/');
        if (slash <= 0 || slash == name.length() - 1) {
            throw new IllegalArgumentException("claims: " + id + " names finding '" + name + "'; expected experiment/finding_id");
        }
        double than = spec.hasNonNull("than") ? spec.get("than").asDouble() : Double.NaN;
        try {
            return new Claim.Test(name.substring(0, slash), name.substring(slash + 1), Claim.Prediction.parse(spec.path("predicts").asText(null)), than);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("claims: " + id + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode n, String field) {
        String s = n.path(field).asText("");
        if (s.isBlank()) throw new IllegalArgumentException("claims: " + n.path("id").asText() + " has no " + field);
        return s;
    }

    /** Every claim, in the file's order. */
    public Collection<Claim> claims() {
        return claims.values();
    }

    /** The claims with these ids, in the order given; all claims when none is given. */
    public List<Claim> select(List<String> ids) {
        if (ids == null || ids.isEmpty()) return List.copyOf(claims.values());
        List<Claim> out = new ArrayList<>();
        for (String id : ids) out.add(claim(id));
        return out;
    }

    /**
     * The claim with this id.
     *
     * @throws IllegalArgumentException for an unknown id
     */
    public Claim claim(String id) {
        Claim c = claims.get(id == null ? "" : id.trim().toUpperCase(java.util.Locale.ROOT));
        if (c == null) throw new IllegalArgumentException("claim: unknown id '" + id + "'; allowed: A1..A53 and the notebook claims N01-1... (./maplab claims lists them)");
        return c;
    }
}
