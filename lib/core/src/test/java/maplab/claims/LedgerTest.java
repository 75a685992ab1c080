package maplab.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** data/claims.json: every source claim, findings that exist, and a status for each on the references. */
class LedgerTest {

    static final Path HOME = Path.of("../..").toAbsolutePath().normalize();
    static final Ledger LEDGER = Ledger.read(HOME.resolve("data/claims.json"));
    static final RunSet REFERENCES = Claims.references(HOME.resolve("data/reference"));

    @Test
    void holdsAllFiftyThreeSourceClaimsInOrder() {
        List<String> sourceIds = LEDGER.claims().stream().map(Claim::id).filter(id -> id.startsWith("A")).toList();
        assertThat(sourceIds).containsExactlyElementsOf(IntStream.rangeClosed(1, 53).mapToObj(i -> "A" + i).toList());
        assertThat(LEDGER.claims()).filteredOn(c -> c.id().startsWith("N")).isNotEmpty()
                .allSatisfy(c -> assertThat(c.tests()).as(c.id()).isNotEmpty());
    }

    @Test
    void everyNotebookItNamesExists() {
        for (Claim c : LEDGER.claims()) {
            if (!c.notebook().isEmpty()) assertThat(HOME.resolve("notebooks/" + c.notebook() + ".ipynb")).as(c.id()).exists();
        }
    }

    @Test
    void everyClaimGetsAComputedStatusOnTheReferences() {
        Claims claims = Claims.of(List.copyOf(LEDGER.claims()), REFERENCES);
        Map<Status, Integer> source = claims.counts("A");
        assertThat(source.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(53);
        // NOT_MEASURED: a finding newer than its experiment's reference (maplab.lab.LedgerFindingsTest checks the code makes it)
        assertThat(source).doesNotContainKeys(Status.NOT_RUN);
        // source claims no finding tests yet: the issue allows at most 5
        assertThat(source.getOrDefault(Status.NOT_TESTED, 0)).isLessThanOrEqualTo(5);
        assertThat(claims.claim("A22").status()).isEqualTo(Status.OPPOSITE);
        assertThat(claims.claim("A10").status()).isEqualTo(Status.NOT_APPLICABLE);
        assertThat(claims.claim("N02-3").status()).isEqualTo(Status.NO_DIFFERENCE);
        assertThat(claims.summary()).startsWith("source claims (53): ");
    }

    @Test
    void notApplicableClaimsSayWhyAndTestNothing() {
        assertThat(LEDGER.claims()).filteredOn(c -> c.notApplicable() != null)
                .isNotEmpty().allSatisfy(c -> assertThat(c.notApplicable()).as(c.id()).hasSizeGreaterThan(40));
    }

    @Test
    void badFilesAndIdsAreRefusedNamingTheProblem(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> Ledger.read(dir.resolve("none.json"))).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("claims: cannot read");
        Path twice = Files.writeString(dir.resolve("twice.json"), "{\"claims\":[{\"id\":\"A1\",\"source\":\"s\",\"claim\":\"c\"},{\"id\":\"A1\",\"source\":\"s\",\"claim\":\"c\"}]}");
        assertThatThrownBy(() -> Ledger.read(twice)).hasMessageContaining("A1 appears twice");
        Path badFinding = Files.writeString(dir.resolve("bad.json"), "{\"claims\":[{\"id\":\"A1\",\"source\":\"s\",\"claim\":\"c\",\"findings\":[\"nofolder\"],\"predicts\":\"higher\"}]}");
        assertThatThrownBy(() -> Ledger.read(badFinding)).hasMessageContaining("expected experiment/finding_id");
        assertThatThrownBy(() -> LEDGER.claim("A99")).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("claim: unknown id 'A99'");
        assertThat(LEDGER.claim("a22").id()).isEqualTo("A22");
    }
}
