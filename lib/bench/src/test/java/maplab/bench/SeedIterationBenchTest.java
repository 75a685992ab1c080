package maplab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The per-fork seed of SeedIterationBench: drawn from the recorded seed and the fork's round, reproducibly. */
class SeedIterationBenchTest {

    @Test
    void eachRoundDrawsItsOwnSeedFromTheRecordedOneReproducibly() {
        long recorded = 42;
        assertThat(SeedIterationBench.seedOfRound(recorded, 0)).isEqualTo(new SplittableRandom(recorded).nextLong());
        assertThat(SeedIterationBench.seedOfRound(recorded, 3)).isEqualTo(SeedIterationBench.seedOfRound(recorded, 3));
        assertThat(IntStream.range(0, 6).mapToLong(r -> SeedIterationBench.seedOfRound(recorded, r)).distinct().count()).isEqualTo(6);
        assertThatThrownBy(() -> SeedIterationBench.seedOfRound(recorded, -1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("round");
    }

    @Test
    void aBadSeedModeNamesTheParameterAndItsValues() {
        SeedIterationBench b = new SeedIterationBench();
        b.seedMode = "random";
        b.n = 10;
        assertThatThrownBy(b::setUp).isInstanceOf(IllegalArgumentException.class).hasMessage("seedMode: must be fixed or per_fork, got random");
        b.seedMode = "fixed";
        b.setUp();
        assertThat(b.iterate()).isEqualTo(IntStream.range(0, 10).sum());
    }
}
