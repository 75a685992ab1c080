package maplab.stress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The gate that fails the build: a FORBIDDEN outcome or an error in any test must not pass. */
class JcstressOutputTest {

    @Test
    void aCleanRunPasses() {
        JcstressOutput o = JcstressOutput.parse("""
                (ETA: 00:00:01) (Results: 30 planned; 12 passed, 0 failed, 0 soft errs, 0 hard errs)
                (ETA: now) (Results: 30 planned; 30 passed, 0 failed, 0 soft errs, 0 hard errs)
                RUN RESULTS:
                  Failed tests: No matches.
                  Error tests: No matches.
                """);
        assertThat(o.planned()).isEqualTo(30);
        assertThat(o.allPassed()).isTrue();
    }

    @Test
    void aForbiddenOutcomeFails() {
        JcstressOutput o = JcstressOutput.parse("""
                  [FAILED] maplab.stress.DistinctPuts.CopyOnWrite
                (ETA: now) (Results: 30 planned; 29 passed, 1 failed, 0 soft errs, 0 hard errs)
                  Failed tests: 1 matching test results.
                """);
        assertThat(o.failed()).isEqualTo(1);
        assertThat(o.allPassed()).isFalse();
        assertThat(o.toString()).contains("1 failed", "DistinctPuts.CopyOnWrite");
    }

    @Test
    void anErrorOrAMissingResultsLineFails() {
        assertThat(JcstressOutput.parse("(Results: 30 planned; 28 passed, 0 failed, 0 soft errs, 2 hard errs)").allPassed()).isFalse();
        assertThat(JcstressOutput.parse("maplab.stress.SafePublication.SingleWriter [-XX:+UseBiasedLocking] had failed with the test error.\n"
                + "(Results: 30 planned; 30 passed, 0 failed, 0 soft errs, 0 hard errs)").allPassed()).isFalse();
        assertThat(JcstressOutput.parse("FATAL: No matching tests.").allPassed()).isFalse();
        assertThat(JcstressOutput.parse("(Results: 30 planned; 20 passed, 0 failed, 0 soft errs, 0 hard errs)").allPassed()).isFalse();
    }
}
