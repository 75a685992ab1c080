package maplab.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardTest {

    @Test
    void parsesIndexAndCount() {
        assertThat(Shard.parse("2/3")).isEqualTo(new Shard(2, 3));
        assertThat(Shard.parse(" 1/1 ")).isEqualTo(Shard.ALL);
        assertThat(Shard.parse("2/3").toString()).isEqualTo("2/3");
    }

    @Test
    void aBadSpecIsRefusedWithOneLineNamingIt() {
        for (String bad : List.of("3/2", "0/2", "x", "1/0", "/2", "2/", "1/2/3", "-1/2", "")) {
            assertThatThrownBy(() -> Shard.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("shard: must be i/N with 1 <= i <= N, got '" + bad + "'");
        }
        assertThatThrownBy(() -> new Shard(3, 2)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("shard: must be i/N");
    }

    @Test
    void eachRoundBelongsToExactlyOneShardInTurn() {
        assertThat(IntStream.range(0, 7).filter(new Shard(1, 3)::takes).boxed().toList()).containsExactly(0, 3, 6);
        assertThat(IntStream.range(0, 7).filter(new Shard(3, 3)::takes).boxed().toList()).containsExactly(2, 5);
        for (int round = 0; round < 12; round++) {
            int r = round;
            assertThat(IntStream.rangeClosed(1, 4).filter(i -> new Shard(i, 4).takes(r)).count()).isEqualTo(1);
        }
        assertThat(new Shard(2, 3).roundsOf(4)).isEqualTo(1);
        assertThat(new Shard(1, 3).roundsOf(4)).isEqualTo(2);
        assertThat(Shard.ALL.roundsOf(4)).isEqualTo(4);
        assertThat(IntStream.range(0, 3).map(new Shard(2, 3)::round).boxed().toList()).containsExactly(1, 4, 7);
        assertThat(IntStream.range(0, 3).map(Shard.ALL::round).boxed().toList()).containsExactly(0, 1, 2);
    }

    @Test
    void onlyTheFirstShardMeasuresWhatIsNotARoundAndTheSetupCarriesIt() {
        assertThat(new Shard(1, 2).first()).isTrue();
        assertThat(new Shard(2, 2).first()).isFalse();
        assertThat(Shard.ALL.split()).isFalse();
        ForkSetup setup = ForkSetup.self().withShard(new Shard(2, 2));
        assertThat(setup.withClassPath(List.of(java.nio.file.Path.of("u.jar"))).shard()).isEqualTo(new Shard(2, 2));
        assertThat(ForkSetup.self().shard()).isEqualTo(Shard.ALL);
    }

    @Test
    void aShardedRunIsNeverSequential() {
        Jmh sequential = Jmh.benchmark("x").settings(Jmh.Settings.forProfile(maplab.plan.Profile.QUICK)).upTo(8)
                .compare(java.util.Map.of("s", "a"), java.util.Map.of("s", "b"));
        assertThat(sequential.sequential()).isTrue();
        assertThat(sequential.forks(ForkSetup.self().withShard(new Shard(1, 2))).sequential()).isFalse();
        assertThat(sequential.describe()).containsEntry("shard", new Shard(1, 2).asMap()).doesNotContainKey("max_forks");
    }
}
