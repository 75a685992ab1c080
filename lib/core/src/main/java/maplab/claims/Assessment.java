package maplab.claims;

import java.util.List;
import maplab.conclude.Finding;

/**
 * A claim judged against one {@link RunSet}: its computed status and the evidence, one entry per
 * test (the finding as measured, or null when the set has none, and that test's own status).
 */
public record Assessment(Claim claim, String runs, Status status, List<Evidence> evidence) {

    public Assessment {
        evidence = List.copyOf(evidence);
    }

    /**
     * One test of a claim in one set of runs.
     *
     * @param finding the finding as stored, or null when the run does not have it (or did not run)
     */
    public record Evidence(Claim.Test test, Finding finding, Status status) {

        /** "1.86x (1.40x to 2.48x), higher" or why there is no value: the finding in a few words. */
        public String summary() {
            if (finding == null) return status.label();
            if (finding.notComputed()) {
                return finding.text().regionMatches(true, 0, "not computed", 0, 12) ? finding.text() : "not computed: " + finding.text();
            }
            String unit = "x".equals(finding.unit()) || finding.unit() == null || finding.unit().isBlank() ? "" : " " + finding.unit();
            String value = number(finding.value(), finding.unit()) + unit;
            String interval = finding.low() == finding.high() || Double.isNaN(finding.low()) ? ""
                    : " (" + number(finding.low(), finding.unit()) + " to " + number(finding.high(), finding.unit()) + ")";
            return value + interval + (finding.verdict() == null ? "" : ", " + finding.verdictLabel());
        }

        private static String number(double d, String unit) {
            return "x".equals(unit) ? Finding.formatRatio(d) : maplab.stats.Numbers.format(d);
        }
    }
}
