package maplab.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.Map;
import maplab.experiment.Params;
import maplab.experiment.Profile;
import maplab.subject.collision.CollisionCase;
import maplab.subject.probe.HashMode;
import maplab.subject.probe.ProbeConfig;
import maplab.subject.probe.ProbeMap;
import maplab.workload.Strings;
import org.junit.jupiter.api.Test;

/** collisions' in-process counts: known answers that hold on any machine. */
class CollisionsTest {

    private static final int N = 2048;
    private static final double LOG2_N = 11;

    private static Collisions.Counts count(CollisionCase c) {
        return Collisions.count(c, N, 5, 6);
    }

    @Test
    void nonComparableConstantHashKeysCostAboutHalfNEqualsCallsPerInsert() {
        Collisions.Counts k = count(CollisionCase.CONSTANT_HASH);
        assertThat(k.equalsPerInsert()).isCloseTo(N / 2.0, offset(N * 0.05));
        assertThat(k.compareToPerInsert()).isZero();
        assertThat(k.hashCodePerInsert()).isEqualTo(1.0);
        assertThat(k.treeBins()).isEqualTo(1);
        assertThat(k.maxBinLength()).isEqualTo(N);
    }

    @Test
    void comparableConstantHashKeysCostAboutLog2NComparesPerInsert() {
        Collisions.Counts k = count(CollisionCase.CONSTANT_HASH_COMPARABLE);
        assertThat(k.compareToPerInsert()).isBetween(0.5 * LOG2_N, 1.5 * LOG2_N);
        assertThat(k.equalsPerInsert()).isLessThan(2 * LOG2_N);
        assertThat(k.treeBins()).isEqualTo(1);
    }

    @Test
    void collidingStringsShareOneTreeBinWhileRandomAndDistinctKeysDoNot() {
        Collisions.Counts colliding = count(CollisionCase.COLLIDING_STRING);
        assertThat(colliding.treeBins()).isEqualTo(1);
        assertThat(colliding.maxBinLength()).isEqualTo(N);
        assertThat(count(CollisionCase.RANDOM_STRING).treeBins()).isZero();
        Collisions.Counts distinct = count(CollisionCase.DISTINCT_HASH);
        assertThat(distinct.treeBins()).isZero();
        assertThat(distinct.equalsPerInsert()).isZero();
        assertThat(distinct.hashCodePerInsert()).isEqualTo(1.0);
    }

    @Test
    void aSeededContentHashSpreadsCollidingStringsThatAnUnseededHashPilesUp() {
        Collisions.Counts seeded = count(CollisionCase.COLLIDING_STRING_SEEDED);
        assertThat(seeded.meanProbe()).isLessThan(5);
        // The same Strings with fmix64(String.hashCode()): one hash, so one probe run as long as the map.
        ProbeMap<String, String> mixed = new ProbeMap<>(ProbeConfig.of(HashMode.MIXED).withCounting(true), 0);
        for (String s : Strings.colliding(N, 5)) mixed.put(s, s);
        assertThat(mixed.counters().meanInsertProbe()).isGreaterThan(N / 4.0);
    }

    @Test
    void badParametersGiveTheContractError() {
        Collisions c = new Collisions();
        assertThatThrownBy(() -> Params.resolve(c, Profile.QUICK, Map.of("sizes", "1024,-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'sizes': bad value '-1'; allowed: a comma-separated list of whole numbers from 16 to 1048576");
        assertThatThrownBy(() -> Params.resolve(c, Profile.QUICK, Map.of("cases", "strings")))
                .hasMessageStartingWith("parameter 'cases': bad value 'strings'; allowed: a comma-separated list of colliding_string, ");
        assertThatThrownBy(() -> c.validate(Params.resolve(c, Profile.QUICK, Map.of("sizes", "1024"))))
                .hasMessageStartingWith("parameter 'sizes': bad value '1024'; allowed: at least two different sizes");
        c.validate(Params.resolve(c, Profile.QUICK, Map.of()));
        c.validate(Params.resolve(c, Profile.FULL, Map.of()));
    }
}
