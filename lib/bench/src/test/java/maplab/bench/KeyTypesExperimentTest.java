package maplab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import maplab.lab.Experiments;
import maplab.plan.Profile;
import maplab.progress.Progress;
import maplab.conclude.Finding;
import maplab.conclude.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/** key-types end to end at small sizes: JOL bytes, pitfall rates with known answers and their bases, JMH lookups with intervals. */
@Tag("answers")  // slow (real JMH forks): run by ./maplab test --answers
class KeyTypesExperimentTest {

    @Test
    void pitfallsGiveTheirKnownRatesAndPrimitiveMapsAreSmaller(@TempDir Path tmp) throws Exception {
        Result r = Experiments.run("key-types", Profile.QUICK, Map.of(
                "n", "5000", "subjects", "hashmap_integer,hashmap_record,fastutil_int", "lookup_subjects", "hashmap_integer,fastutil_int",
                "pitfall_keys", "1000", "lookup_effort", "3:1x50ms+2x50ms"), tmp.resolve("run"), Progress.SILENT);

        assertThat(r.error()).isNull();
        assertThat(r.finding("byte_array_key_hit_rate").value()).isZero();
        assertThat(r.finding("mutated_key_found_rate").value()).isZero();
        assertThat(r.finding("bad_hashcode_collision_rate").value()).isEqualTo(1.0);
        assertThat(r.finding("weak_map_retained_after_gc").value()).isZero();
        assertThat(r.finding("weak_map_retained_after_gc").basis()).isEqualTo(Finding.Basis.COUNT);
        assertThat(r.finding("strong_map_retained_after_gc").value()).isEqualTo(1.0);
        assertThat(r.finding("strong_map_retained_after_gc").basis()).isEqualTo(Finding.Basis.CONSTRUCTION);
        // a node (>= 28 bytes) and a key box (>= 16) per entry, against two ints in arrays
        assertThat(r.finding("bytes_per_entry_hashmap_integer").value()).isGreaterThan(44);
        assertThat(r.finding("bytes_per_entry_fastutil_int").value()).isBetween(8.0, 32.0);
        // three forks per subject, paired by round: the ratio has an interval around its value
        Finding lookup = r.finding("lookup_fastutil_vs_hashmap_integer");
        assertThat(lookup.low()).isLessThan(lookup.value());
        assertThat(lookup.high()).isGreaterThan(lookup.value());
        assertThat(r.table("memory").rowCount()).isEqualTo(3);
        assertThat(r.table("pitfalls").rowCount()).isGreaterThanOrEqualTo(8);
        assertThat(r.charts()).containsKeys("bytes per entry", "lookup time");
        assertThat(Files.readString(tmp.resolve("run/meta.json"))).contains("jol_counting", "weak_map_gc_rounds");
    }
}
