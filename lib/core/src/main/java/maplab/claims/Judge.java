package maplab.claims;

import java.util.ArrayList;
import java.util.List;
import maplab.conclude.Finding;
import maplab.conclude.Finding.Verdict;

/**
 * Computes a claim's status from findings: each test from its finding's verdict or interval, then
 * the claim from its tests as the ledger says they combine.
 *
 * <ul>
 *   <li>higher / lower: the finding's verdict ("higher", "lower") gives holds or opposite in Java;
 *       "no detectable difference" gives that status. A bound ("at least 53x") counts as the side
 *       of 1 its interval lies on.</li>
 *   <li>no difference: "no detectable difference" holds, and so does "equivalent within ±10%"
 *       (a stronger form of it); a detected difference is the opposite.</li>
 *   <li>Equivalent against a higher/lower prediction counts as no detectable difference (the
 *       safe choice): the data bound the difference within the margin but do not show it has
 *       the opposite direction, so it is not called opposite.</li>
 *   <li>at least N / at most N: holds when the whole interval lies on the predicted side of N,
 *       opposite when it lies wholly on the other, else no detectable difference.</li>
 * </ul>
 */
public final class Judge {

    private Judge() { }

    /** {@code claim} judged against {@code runs}. */
    public static Assessment assess(Claim claim, RunSet runs) {
        if (claim.tests().isEmpty()) {
            return new Assessment(claim, runs.label(), claim.notApplicable() != null ? Status.NOT_APPLICABLE : Status.NOT_TESTED, List.of());
        }
        List<Assessment.Evidence> evidence = new ArrayList<>();
        for (Claim.Test t : claim.tests()) {
            Finding f = runs.finding(t.experiment(), t.finding()).orElse(null);
            Status s = f != null ? status(t, f) : runs.ran(t.experiment()) ? Status.NOT_MEASURED : Status.NOT_RUN;
            evidence.add(new Assessment.Evidence(t, f, s));
        }
        return new Assessment(claim, runs.label(), combine(claim.combine(), evidence.stream().map(Assessment.Evidence::status).toList()), evidence);
    }

    /** Every claim of {@code claims} judged against {@code runs}. */
    public static List<Assessment> assessAll(Iterable<Claim> claims, RunSet runs) {
        List<Assessment> out = new ArrayList<>();
        for (Claim c : claims) out.add(assess(c, runs));
        return out;
    }

    /**
     * One test's status from its finding.
     *
     * @throws IllegalArgumentException when a higher/lower/no-difference test rests on a finding with no verdict (an estimate):
     *                                  the ledger must predict a bound for it
     */
    public static Status status(Claim.Test t, Finding f) {
        if (f.notComputed()) return Status.NOT_MEASURED;
        return switch (t.predicts()) {
            case AT_LEAST -> f.low() >= t.than() ? Status.HOLDS : f.high() < t.than() ? Status.OPPOSITE : Status.NO_DIFFERENCE;
            case AT_MOST -> f.high() <= t.than() ? Status.HOLDS : f.low() > t.than() ? Status.OPPOSITE : Status.NO_DIFFERENCE;
            case NO_DIFFERENCE -> direction(t, f) == Verdict.NO_DIFFERENCE ? Status.HOLDS : Status.OPPOSITE;
            case HIGHER, LOWER -> {
                Verdict d = direction(t, f);
                if (d == Verdict.NO_DIFFERENCE) yield Status.NO_DIFFERENCE;
                yield (d == Verdict.HIGHER) == (t.predicts() == Claim.Prediction.HIGHER) ? Status.HOLDS : Status.OPPOSITE;
            }
        };
    }

    /** HIGHER, LOWER or NO_DIFFERENCE: the finding's verdict (EQUIVALENT is no difference), a bound's side of 1. */
    private static Verdict direction(Claim.Test t, Finding f) {
        Verdict v = f.verdict();
        if (v == Verdict.EQUIVALENT) return Verdict.NO_DIFFERENCE;
        if (v == Verdict.AT_LEAST) return f.low() > 1 ? Verdict.HIGHER : Verdict.NO_DIFFERENCE;
        if (v == Verdict.AT_MOST) return f.high() < 1 ? Verdict.LOWER : Verdict.NO_DIFFERENCE;
        if (v == null) {
            throw new IllegalArgumentException("claims: " + t.experiment() + "/" + t.finding() + " has no verdict, so it cannot be "
                    + t.predicts().label() + "; predict 'at least' or 'at most' a number for it");
        }
        return v;
    }

    /**
     * The claim's status from its tests' statuses. ALL: one opposite makes it opposite, then one
     * undetected difference, then a missing finding, else it holds. ANY: one holding test is enough;
     * else a missing finding leaves it open, then no detectable difference, else opposite.
     */
    public static Status combine(Claim.Combine how, List<Status> tests) {
        List<Status> order = how == Claim.Combine.ALL
                ? List.of(Status.OPPOSITE, Status.NO_DIFFERENCE, Status.NOT_MEASURED, Status.NOT_RUN, Status.HOLDS)
                : List.of(Status.HOLDS, Status.NOT_MEASURED, Status.NOT_RUN, Status.NO_DIFFERENCE, Status.OPPOSITE);
        for (Status s : order) if (tests.contains(s)) return s;
        throw new IllegalArgumentException("tests: no status to combine");
    }
}
