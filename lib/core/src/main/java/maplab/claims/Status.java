package maplab.claims;

/**
 * What a claim's findings say about it in one set of runs (a report, the references): always
 * computed by {@link Judge} from the findings' verdicts and intervals, never written by hand.
 */
public enum Status {
    /** The findings go the way the claim predicts. */
    HOLDS("holds"),
    /** The findings detect the other direction (or a difference where the claim predicts none). */
    OPPOSITE("opposite in Java"),
    /** The interval includes the point the claim is judged at: these runs cannot tell. */
    NO_DIFFERENCE("no detectable difference"),
    /** The experiment ran, but its findings did not include (or could not compute) the one the claim rests on. */
    NOT_MEASURED("not measured in this profile"),
    /** The experiment the claim rests on is not among these runs. */
    NOT_RUN("not run here"),
    /** The claim has no Java counterpart; the ledger says why. */
    NOT_APPLICABLE("not applicable to Java"),
    /** No finding tests the claim yet. */
    NOT_TESTED("not tested yet");

    private final String label;

    Status(String label) { this.label = label; }

    /** "opposite in Java": how pages and the terminal say it. */
    public String label() { return label; }

    @Override
    public String toString() { return label; }
}
