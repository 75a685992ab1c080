package maplab.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import maplab.lab.Experiments;
import maplab.plan.Profile;
import maplab.progress.Progress;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad parameters of presize, iteration and key-types are refused before anything is written, with the contract message. */
class ExperimentParamsTest {

    @ParameterizedTest(name = "{0}: {1}={2}")
    @CsvSource(delimiter = '|', value = {
            "presize    | n              | -1          | parameter 'n': bad value '-1'; allowed: a whole number from 1 to 50000000",
            "presize    | constructors   | hashmap_n,foo | parameter 'constructors': bad value 'foo'; allowed: a comma-separated list of hashmap_default, hashmap_n",
            "iteration  | k              | 0           | parameter 'k': bad value '0'; allowed: a whole number from 1 to",
            "iteration  | k              | 1000000     | parameter 'k': bad value '1000000'; allowed: a whole number from 1 to n - 1 (999999)",
            "iteration  | styles         | while       | parameter 'styles': bad value 'while'; allowed: a comma-separated list of entryset, keyset_get, foreach, snapshot",
            "iteration  | profiled_state | stale       | parameter 'profiled_state': bad value 'stale'; allowed: one of fresh, drained, cleared, copied, rebuilt",
            "key-types  | pitfall_keys   | 1005        | parameter 'pitfall_keys': bad value '1005'; allowed: a multiple of 10 from 10 to 10000000",
            "key-types  | subjects       | hashmap_int | parameter 'subjects': bad value 'hashmap_int'; allowed: a comma-separated list of hashmap_integer",
            "key-types  | n              | ten         | parameter 'n': bad value 'ten'; allowed: a whole number from 1 to 10000000",
    })
    void badValuesNameTheParameterAndWhatIsAllowed(String id, String name, String value, String message, @TempDir Path tmp) {
        Path out = tmp.resolve("run");
        assertThatThrownBy(() -> Experiments.run(id, Profile.QUICK, Map.of(name, value), out, Progress.SILENT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
        assertThat(Files.exists(out)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"presize", "iteration", "key-types"})
    void unknownParametersAreNamed(String id) {
        assertThatThrownBy(() -> Experiments.run(id, Profile.QUICK, Map.of("size", "3"), null, Progress.SILENT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("parameter 'size' is not a parameter of experiment '" + id + "'; allowed: ");
    }
}
