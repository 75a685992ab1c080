package maplab.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import maplab.experiment.Experiments;
import maplab.experiment.Profile;
import maplab.progress.Progress;
import maplab.result.Result;
import maplab.workload.Words;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedOrderTest {

    /** Known answer: a fixed-seed ProbeMap iterates identically in two fresh JVMs and in this one; other seeds reorder. */
    @Test
    void fixedSeedProbeMapIteratesIdenticallyInTwoJvms() {
        String[] keys = Words.sample(24, 11);
        Map<SeedOrder.Subject, String> a = SeedOrder.launch(keys, 1, 99);
        Map<SeedOrder.Subject, String> b = SeedOrder.launch(keys, 2, 99);
        String here = SeedOrder.indexes(keys, SeedOrder.Subject.PROBEMAP_FIXED_SEED.order(keys, 99));
        assertThat(a.get(SeedOrder.Subject.PROBEMAP_FIXED_SEED)).isEqualTo(b.get(SeedOrder.Subject.PROBEMAP_FIXED_SEED)).isEqualTo(here);
        assertThat(a.get(SeedOrder.Subject.PROBEMAP_RANDOM_SEED)).isNotEqualTo(b.get(SeedOrder.Subject.PROBEMAP_RANDOM_SEED));
        assertThat(a.get(SeedOrder.Subject.HASHMAP)).isEqualTo(b.get(SeedOrder.Subject.HASHMAP));
        assertThat(a.get(SeedOrder.Subject.LINKEDHASHMAP)).isEqualTo(String.join(" ", java.util.stream.IntStream.range(0, 24).mapToObj(String::valueOf).toList()));
    }

    @Test
    void runWritesFindingsThatFollowTheOrders(@TempDir Path tmp) throws Exception {
        Result r = Experiments.run("seed-order", Profile.QUICK, Map.of("launches", "3", "seeds_in_jvm", "5"), tmp.resolve("run"), Progress.SILENT);
        assertThat(r.error()).isNull();
        assertThat(r.finding("launches").value()).isEqualTo(3);
        assertThat(r.finding("hashmap_distinct_orders").value()).isEqualTo(1);
        assertThat(r.finding("probemap_fixed_seed_distinct_orders").value()).isEqualTo(1);
        assertThat(r.finding("probemap_random_seed_distinct_orders").value()).isEqualTo(3);
        assertThat(r.finding("mapof_distinct_orders").value()).isBetween(1.0, 3.0);
        assertThat(r.finding("probemap_seeds_in_one_jvm_distinct_orders").value()).isEqualTo(5);
        assertThat(r.finding("hashmap_distinct_orders").text()).contains("one and the same order in all 3 fresh JVMs");
        assertThat(Files.readString(tmp.resolve("run/tables/orders.csv"))).contains("TreeMap,1,3,");
    }

    @Test
    void badParametersNameTheParameterAndTheAllowedValues() {
        assertThatThrownBy(() -> Experiments.run("seed-order", Profile.QUICK, Map.of("launches", "1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'launches': bad value '1'; allowed: a whole number from 2 to 500");
        assertThatThrownBy(() -> Experiments.run("seed-order", Profile.QUICK, Map.of("keys", "lots")))
                .hasMessageStartingWith("parameter 'keys': bad value 'lots'");
    }
}
