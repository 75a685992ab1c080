package maplab.claims;

import java.util.ArrayList;
import java.util.List;

/**
 * Claims as a notebook shows them where it discusses an outcome: each claim judged against this
 * notebook's runs and against the references, side by side ({@code Claims.box(r, "N05-1")}). The
 * notebook kernel renders it as one box per claim (maplab.render); as text it is one line per claim.
 *
 * @param here      the claims judged against this notebook's runs
 * @param reference the same claims, in the same order, judged against the references
 * @param referenceProfile the profile of those references ("quick", "full")
 */
public record ClaimBox(List<Assessment> here, List<Assessment> reference, String referenceProfile) {

    /** Judged against the full profile's references. */
    public ClaimBox(List<Assessment> here, List<Assessment> reference) {
        this(here, reference, "full");
    }

    public ClaimBox {
        here = List.copyOf(here);
        reference = List.copyOf(reference);
        if (here.size() != reference.size()) {
            throw new IllegalArgumentException("reference: " + reference.size() + " assessments for " + here.size() + " claims; expected one per claim");
        }
        for (int i = 0; i < here.size(); i++) {
            if (!here.get(i).claim().id().equals(reference.get(i).claim().id())) {
                throw new IllegalArgumentException("reference: claim " + reference.get(i).claim().id() + " at " + i + "; expected " + here.get(i).claim().id());
            }
        }
    }

    /** The claims' ids, in order. */
    public List<String> ids() {
        return here.stream().map(a -> a.claim().id()).toList();
    }

    /** One claim as one line: "N05-1 this run: holds (1.02x ...); reference: opposite in Java (1.24x ...): The seeded ...". */
    public static String line(Assessment here, Assessment reference) {
        return line(here, reference, "full");
    }

    /** {@link #line(Assessment, Assessment)} naming the references' profile when it is not full ("reference (quick): ..."). */
    public static String line(Assessment here, Assessment reference, String referenceProfile) {
        String ref = "full".equals(referenceProfile) ? "reference" : "reference (" + referenceProfile + ")";
        return here.claim().id() + " this run: " + side(here) + "; " + ref + ": " + side(reference) + ": " + here.claim().text();
    }

    /** "holds (1.24x (1.08x to 1.42x), higher)": a status with its findings in a few words. */
    private static String side(Assessment a) {
        List<String> values = new ArrayList<>();
        for (Assessment.Evidence e : a.evidence()) if (e.finding() != null) values.add(e.summary());
        return a.status().label() + (values.isEmpty() ? "" : " (" + String.join("; ", values) + ")");
    }

    @Override
    public String toString() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < here.size(); i++) lines.add(line(here.get(i), reference.get(i), referenceProfile));
        return String.join("\n", lines);
    }
}
