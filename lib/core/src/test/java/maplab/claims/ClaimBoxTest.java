package maplab.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import maplab.conclude.Finding;
import org.junit.jupiter.api.Test;

/** A claim box pairs each claim judged here with the same claim judged in the reference. */
class ClaimBoxTest {

    static final Claim SEEDED = new Claim("N05-1", "notebook 05-collisions", "The seeded hash costs what random keys do.", "",
            List.of(new Claim.Test("collisions", "seeded_content_hash_vs_random", Claim.Prediction.NO_DIFFERENCE, Double.NaN)),
            Claim.Combine.ALL, "05-collisions", null, "");
    static final Claim OTHER = new Claim("N05-2", "notebook 05-collisions", "Colliding keys cost more.", "", List.of(), Claim.Combine.ALL, "05-collisions", null, "");

    @Test
    void oneLinePerClaimWithStatusAndValueHereAndInTheReference() {
        Finding here = new Finding("seeded_content_hash_vs_random", 1.05, "x", 0.9, 1.2, Finding.Basis.TIMING, Finding.Verdict.NO_DIFFERENCE, "", Map.of());
        Finding ref = new Finding("seeded_content_hash_vs_random", 1.94, "x", 1.35, 2.78, Finding.Basis.TIMING, Finding.Verdict.HIGHER, "", Map.of());
        ClaimBox box = new ClaimBox(Judge.assessAll(List.of(SEEDED, OTHER), RunSet.empty("this run").with("collisions", List.of(here))),
                Judge.assessAll(List.of(SEEDED, OTHER), RunSet.empty("reference").with("collisions", List.of(ref))));

        assertThat(box.ids()).containsExactly("N05-1", "N05-2");
        assertThat(box.toString().lines()).containsExactly(
                "N05-1 this run: holds (1.05x (0.90x to 1.20x), no detectable difference); reference: opposite in Java (1.94x (1.35x to 2.78x), higher): "
                        + "The seeded hash costs what random keys do.",
                "N05-2 this run: not tested yet; reference: not tested yet: Colliding keys cost more.");
    }

    @Test
    void aClaimNotRunHereSaysSoAndKeepsTheReference() {
        Finding ref = new Finding("seeded_content_hash_vs_random", 1.94, "x", 1.35, 2.78, Finding.Basis.TIMING, Finding.Verdict.HIGHER, "", Map.of());
        ClaimBox box = new ClaimBox(Judge.assessAll(List.of(SEEDED), RunSet.empty("this run").with("iteration", List.of())),
                Judge.assessAll(List.of(SEEDED), RunSet.empty("reference").with("collisions", List.of(ref))));
        assertThat(box.toString()).startsWith("N05-1 this run: not run here; reference: opposite in Java (1.94x");
    }

    @Test
    void theReferenceMustHoldTheSameClaimsInTheSameOrder() {
        List<Assessment> here = Judge.assessAll(List.of(SEEDED, OTHER), RunSet.empty("this run"));
        assertThatThrownBy(() -> new ClaimBox(here, Judge.assessAll(List.of(OTHER, SEEDED), RunSet.empty("reference"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reference: claim N05-2 at 0; expected N05-1");
        assertThatThrownBy(() -> new ClaimBox(here, Judge.assessAll(List.of(SEEDED), RunSet.empty("reference"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("reference: 1 assessments for 2 claims");
    }

    @Test
    void aBoxNeedsAClaimId() {
        assertThatThrownBy(() -> Claims.box(List.of())).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("ids: give at least one claim id");
    }

    @Test
    void aFindingNotComputedHereSaysWhyOnce() {
        Finding here = Finding.notComputed("seeded_content_hash_vs_random", "forkMeans: needs at least 1 fork, got 0");
        ClaimBox box = new ClaimBox(Judge.assessAll(List.of(SEEDED), RunSet.empty("this run").with("collisions", List.of(here))),
                Judge.assessAll(List.of(SEEDED), RunSet.empty("reference")));
        assertThat(box.toString()).startsWith("N05-1 this run: not measured in this profile (Not computed: forkMeans: needs at least 1 fork, got 0); reference: ");
    }
}
