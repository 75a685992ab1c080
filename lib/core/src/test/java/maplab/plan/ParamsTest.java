package maplab.plan;

import maplab.experiments.Experiment;
import maplab.experiments.RunContext;
import maplab.lab.Experiments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamsTest {

    static final Experiment EXAMPLE = new Experiment() {
        @Override public String id() { return "example"; }
        @Override public String summary() { return "an example"; }
        @Override public List<ParamSpec> params() {
            return List.of(
                    ParamSpec.integer("n", 1, 1000, 10, 100, "keys"),
                    ParamSpec.integers("threads", 1, 64, "1,2", "1,2,4,8", "threads"),
                    ParamSpec.choice("hash", List.of("identity", "mixed"), "mixed", "mixed", "hash"),
                    ParamSpec.choices("orders", List.of("ascending", "random"), "random", "ascending,random", "orders"));
        }
        @Override public void measure(RunContext context) { }
    };

    @Test
    void defaultsDependOnTheProfile() {
        Params quick = Params.resolve(EXAMPLE, Profile.QUICK, Map.of());
        Params full = Params.resolve(EXAMPLE, Profile.FULL, Map.of());
        assertThat(quick.getInt("n")).isEqualTo(10);
        assertThat(full.getInt("n")).isEqualTo(100);
        assertThat(full.getInts("threads")).containsExactly(1, 2, 4, 8);
        assertThat(full.getStrings("orders")).containsExactly("ascending", "random");
        assertThat(quick.seed()).isEqualTo(Params.DEFAULT_SEED);
        assertThat(quick.asMap()).containsKeys("n", "threads", "hash", "orders", "seed");
    }

    @Test
    void overridesAreParsedAndChecked() {
        Params p = Params.resolve(EXAMPLE, Profile.QUICK, Map.of("n", "1_000", "hash", "IDENTITY", "orders", "random, ascending", "seed", "-7"));
        assertThat(p.getLong("n")).isEqualTo(1000);
        assertThat(p.getString("hash")).isEqualTo("identity");
        assertThat(p.getStrings("orders")).containsExactly("random", "ascending");
        assertThat(p.seed()).isEqualTo(-7);
    }

    @Test
    void badValuesNameTheParameterAndWhatIsAllowed() {
        assertThatThrownBy(() -> Params.resolve(EXAMPLE, Profile.QUICK, Map.of("n", "-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'n': bad value '-1'; allowed: a whole number from 1 to 1000");
        assertThatThrownBy(() -> Params.resolve(EXAMPLE, Profile.QUICK, Map.of("n", "ten")))
                .hasMessageContaining("parameter 'n': bad value 'ten'");
        assertThatThrownBy(() -> Params.resolve(EXAMPLE, Profile.QUICK, Map.of("threads", "1,,999")))
                .hasMessageContaining("parameter 'threads': bad value '999'");
        assertThatThrownBy(() -> Params.resolve(EXAMPLE, Profile.QUICK, Map.of("hash", "fast")))
                .hasMessage("parameter 'hash': bad value 'fast'; allowed: one of identity, mixed");
        assertThatThrownBy(() -> Params.resolve(EXAMPLE, Profile.QUICK, Map.of("orders", "")))
                .hasMessageContaining("parameter 'orders'");
    }

    @Test
    void unknownParametersListTheKnownOnes() {
        assertThatThrownBy(() -> Params.resolve(EXAMPLE, Profile.QUICK, Map.of("size", "3")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'size' is not a parameter of experiment 'example'; allowed: n, threads, hash, orders, seed");
    }

    @Test
    void smokeTakesQuicksValuesItsOwnWhereSetAndCutsEveryEffort() {
        Experiment sized = new Experiment() {
            @Override public String id() { return "sized"; }
            @Override public String summary() { return "smoke defaults"; }
            @Override public List<ParamSpec> params() {
                return List.of(
                        ParamSpec.integer("n", 1, 1_000_000, 200_000, 1_000_000, "keys").smoke(2_000),
                        ParamSpec.integer("k", 1, 1000, 10, 100, "kept"),
                        ParamSpec.effort("timed", Effort.parseOrNull("4-8:2x100ms+3x100ms"), Effort.parseOrNull("6:3x500ms+5x500ms"), "timed"),
                        ParamSpec.effort("shot", Effort.shots(4, 0, 1), Effort.shots(6, 1, 3), "single shots"));
            }
            @Override public void measure(RunContext context) { }
        };
        Params smoke = Params.resolve(sized, Profile.SMOKE, Map.of());
        assertThat(smoke.getInt("n")).isEqualTo(2_000);
        assertThat(smoke.getInt("k")).isEqualTo(10);
        assertThat(smoke.getEffort("timed").text()).isEqualTo("2:1x50ms+2x50ms");
        assertThat(smoke.getEffort("shot").text()).isEqualTo("2:0+1");
        assertThat(Params.resolve(sized, Profile.QUICK, Map.of()).getInt("n")).isEqualTo(200_000);
        assertThat(Params.resolve(sized, Profile.SMOKE, Map.of("timed_effort", "10:5x300ms+9x300ms")).getEffort("timed").text())
                .as("a given effort is cut too").isEqualTo("2:1x50ms+2x50ms");
        assertThatThrownBy(() -> ParamSpec.integer("n", 1, 10, 5, 5, "keys").smoke(50)).hasMessageContaining("parameter 'n'");
    }

    @Test
    void profilesParseOrSayWhatIsAllowed() {
        assertThat(Profile.parse("FULL")).isEqualTo(Profile.FULL);
        assertThatThrownBy(() -> Profile.parse("fast")).hasMessage("profile: unknown value 'fast'; allowed: quick, full, smoke");
    }

    @Test
    void unknownExperimentListsTheIds() {
        assertThatThrownBy(() -> Experiments.byId("nonsense"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("experiment: unknown id 'nonsense'; allowed: ")
                .hasMessageContaining("presize");
    }

    @Test
    void derivedSeedsAreStableAndRecorded() {
        Params p = Params.resolve(EXAMPLE, Profile.QUICK, Map.of("seed", "42"));
        RunContext a = new RunContext(EXAMPLE, p, Profile.QUICK, maplab.progress.Progress.SILENT, java.nio.file.Path.of("/tmp"), maplab.measure.ForkSetup.self());
        RunContext b = new RunContext(EXAMPLE, p, Profile.QUICK, maplab.progress.Progress.SILENT, java.nio.file.Path.of("/tmp"), maplab.measure.ForkSetup.self());
        assertThat(a.seed("keys")).isEqualTo(b.seed("keys")).isNotEqualTo(a.seed("shuffle"));
        assertThat(a.seeds()).containsEntry("root", 42L).containsKeys("keys", "shuffle");
    }
}
