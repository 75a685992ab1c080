package maplab.stress;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a jcstress run printed, reduced to what decides pass or fail: the last progress line
 * ({@code (Results: 30 planned; 30 passed, 0 failed, 0 soft errs, 0 hard errs)}) and the
 * names of tests it lists as failed or in error.
 */
record JcstressOutput(int planned, int passed, int failed, int softErrors, int hardErrors, List<String> problems) {

    private static final Pattern RESULTS = Pattern.compile(
            "\\(Results: (\\d+) planned; (\\d+) passed, (\\d+) failed, (\\d+) soft errs, (\\d+) hard errs\\)");

    /** Parses jcstress's console output; planned = -1 when no results line was printed. */
    static JcstressOutput parse(String output) {
        Matcher m = RESULTS.matcher(output);
        int[] last = {-1, 0, 0, 0, 0};
        while (m.find()) {
            for (int i = 0; i < 5; i++) last[i] = Integer.parseInt(m.group(i + 1));
        }
        List<String> problems = output.lines()
                .filter(l -> l.contains("had failed") || l.startsWith("*** FAILED") || l.contains("[FAILED]") || l.contains("[ERROR]"))
                .map(String::trim).toList();
        return new JcstressOutput(last[0], last[1], last[2], last[3], last[4], problems);
    }

    /** Every planned test configuration ran and passed, and jcstress named no failure. */
    boolean allPassed() {
        return planned > 0 && passed == planned && failed == 0 && softErrors == 0 && hardErrors == 0 && problems.isEmpty();
    }

    @Override
    public String toString() {
        return planned + " planned, " + passed + " passed, " + failed + " failed, " + softErrors + " soft errors, "
                + hardErrors + " hard errors" + (problems.isEmpty() ? "" : "; " + String.join("; ", problems));
    }
}
