package maplab.claims;

import java.util.List;
import java.util.Locale;

/**
 * One claim of the ledger ({@code data/claims.json}): a source article's claim ({@code A1}...
 * {@code A53}) or an outcome a notebook states ({@code N02-1}...), the findings that test it, what
 * each predicts, and how they combine. A claim with no tests is "not tested yet", or "not
 * applicable to Java" when {@code notApplicable} gives the reason.
 *
 * @param id            stable id ("A22", "N05-1")
 * @param source        where the claim comes from ("article 001", "notebook 05-collisions")
 * @param text          the claim in one sentence
 * @param question      the Java question that tests it ("" for notebook claims)
 * @param tests         the findings that test it, each with its prediction
 * @param combine       how several tests give one status
 * @param notebook      the notebook that discusses it ("" when none)
 * @param notApplicable why it does not apply to Java, or null
 * @param note          what the reader should know about the mapping ("" when nothing)
 */
public record Claim(String id, String source, String text, String question, List<Test> tests, Combine combine,
                    String notebook, String notApplicable, String note) {

    public Claim {
        tests = List.copyOf(tests);
        if (notApplicable != null && !tests.isEmpty()) {
            throw new IllegalArgumentException("claims: " + id + " is not applicable to Java and so has no findings; got " + tests.size());
        }
    }

    /** The experiments whose findings the claim rests on, in order, each once. */
    public List<String> experiments() {
        return tests.stream().map(Test::experiment).distinct().toList();
    }

    /** What a finding must show for the claim to hold. */
    public enum Prediction {
        /** The finding's verdict is "higher" (a ratio above 1). */
        HIGHER("higher"),
        /** The finding's verdict is "lower". */
        LOWER("lower"),
        /** The finding's verdict is "no detectable difference". */
        NO_DIFFERENCE("no difference"),
        /** The finding's interval lies at or above a number. */
        AT_LEAST("at least"),
        /** The finding's interval lies at or below a number. */
        AT_MOST("at most");

        private final String label;

        Prediction(String label) { this.label = label; }

        public String label() { return label; }

        /** True for the two bounds, which need a number. */
        public boolean isBound() { return this == AT_LEAST || this == AT_MOST; }

        /** The prediction with this label. */
        public static Prediction parse(String label) {
            for (Prediction p : values()) if (p.label.equals(label == null ? "" : label.trim().toLowerCase(Locale.ROOT))) return p;
            throw new IllegalArgumentException("predicts: unknown '" + label + "'; allowed: higher, lower, no difference, at least, at most");
        }
    }

    /** How the statuses of several tests give the claim's status. */
    public enum Combine {
        /** Every test must hold; one opposite makes the claim opposite. */
        ALL,
        /** One test holding is enough (alternative remedies, subjects named in one breath). */
        ANY;

        public static Combine parse(String s) {
            for (Combine c : values()) if (c.name().equalsIgnoreCase(s == null ? "" : s.trim())) return c;
            throw new IllegalArgumentException("combine: unknown '" + s + "'; allowed: all, any");
        }
    }

    /**
     * One finding a claim rests on and what it predicts of it.
     *
     * @param than the number a bound compares with (NaN for higher, lower, no difference)
     */
    public record Test(String experiment, String finding, Prediction predicts, double than) {

        public Test {
            if (predicts.isBound() == Double.isNaN(than)) {
                throw new IllegalArgumentException("than: " + experiment + "/" + finding + " predicts " + predicts.label()
                        + (predicts.isBound() ? " and needs a number" : " and takes no number"));
            }
        }

        /** "higher", "at least 2": the prediction in words. */
        public String predictionText() {
            return predicts.isBound() ? predicts.label() + " " + maplab.stats.Numbers.format(than) : predicts.label();
        }
    }
}
