package maplab.lab;

import maplab.experiments.Experiment;
import maplab.plan.ParamSpec;
import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.plan.Profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import maplab.conclude.Finding;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every experiment's plan concludes, measured nothing: for quick, full, smoke and "every choice at all
 * of its values" (and each single choice at each value), the plan repeats no cell or row, and
 * conclude, fed synthetic rows of exactly the plan's shape, gives every finding the plan
 * promises; with a third of the rows dropped (a budget ran out) conclude still finishes, each
 * promised finding computed or named as not computed with a reason.
 */
class PlanConcludesTest {

    /** (experiment, case name, parameters as text). */
    static Stream<Arguments> plans() {
        List<Arguments> out = new ArrayList<>();
        for (Experiment e : Experiments.all()) {
            out.add(Arguments.of(e.id(), "quick", Profile.QUICK, Map.of()));
            out.add(Arguments.of(e.id(), "full", Profile.FULL, Map.of()));
            out.add(Arguments.of(e.id(), "smoke", Profile.SMOKE, Map.of()));
            Map<String, String> all = everyChoice(e);
            out.add(Arguments.of(e.id(), "every choice" + (all.containsKey(REFUSED) ? " (" + all.remove(REFUSED) + " at default: refused together)" : ""),
                    Profile.QUICK, all));
            for (ParamSpec spec : e.params()) {
                if (spec.kind() != ParamSpec.Kind.CHOICE) continue;
                for (String v : spec.allowedValues()) {
                    Map<String, String> one = new LinkedHashMap<>(all);
                    one.put(spec.name(), v);
                    out.add(Arguments.of(e.id(), spec.name() + "=" + v, Profile.QUICK, one));
                }
            }
        }
        return out.stream();
    }

    private static final String REFUSED = "";

    /**
     * Every choices parameter at all of its values; a parameter whose full list {@link Experiment#validate}
     * refuses in combination (a thread-unsafe map among the latency subjects) stays at its default,
     * named under the key {@link #REFUSED}.
     */
    private static Map<String, String> everyChoice(Experiment e) {
        Map<String, String> all = new LinkedHashMap<>();
        for (ParamSpec spec : e.params()) {
            if (spec.kind() == ParamSpec.Kind.CHOICES) all.put(spec.name(), String.join(",", spec.allowedValues()));
        }
        List<String> refused = new ArrayList<>();
        for (int tries = 0; tries < 5; tries++) {
            try {
                e.validate(Params.resolve(e, Profile.QUICK, all));
                break;
            } catch (IllegalArgumentException ex) {
                String name = ex.getMessage().replaceFirst("^parameter '([^']+)'.*", "$1");
                if (!all.containsKey(name)) throw ex;
                all.remove(name);
                refused.add(name);
            }
        }
        if (!refused.isEmpty()) all.put(REFUSED, String.join(", ", refused));
        return all;
    }

    private static Plan plan(Experiment e, Profile profile, Map<String, String> params) {
        Params p = Params.resolve(e, profile, params);
        e.validate(p);
        return Experiments.plan(e, profile, p);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("plans")
    void thePlanRepeatsNoCellAndConcludeGivesEveryPromisedFinding(String id, String name, Profile profile, Map<String, String> params) {
        Experiment e = Experiments.byId(id);
        Plan plan = plan(e, profile, params);
        assertThat(plan.rows()).as("%s states the rows conclude reads", id).isNotEmpty();
        assertThat(plan.findings()).as("%s promises findings", id).isNotEmpty();
        assertThatCode(plan::check).doesNotThrowAnyException();
        assertThat(plan.maxSeconds()).isGreaterThan(0);
        PlanCheck.Outcome outcome = PlanCheck.conclude(e, plan, Params.resolve(e, profile, params), plan.rows());
        assertThat(outcome.missing()).as("promised findings conclude did not give").isEmpty();
        assertThat(outcome.notComputed()).as("promised findings conclude could not compute").isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("plans")
    void withRowsMissingTheRestStillConclude(String id, String name, Profile profile, Map<String, String> params) {
        Experiment e = Experiments.byId(id);
        Plan plan = plan(e, profile, params);
        SplittableRandom random = new SplittableRandom(id.hashCode());
        List<Plan.Row> kept = plan.rows().stream().filter(r -> random.nextInt(3) != 0).toList();
        PlanCheck.Outcome outcome = PlanCheck.conclude(e, plan, Params.resolve(e, profile, params), kept);
        // conclude finished: each promised finding is either computed or not computed with its reason, never lost to an exception
        assertThat(outcome.missing()).as("promised findings that vanished instead of being named not computed").isEmpty();
        for (Finding f : outcome.findings()) {
            if (f.notComputed()) assertThat(f.text()).startsWith("Not computed: ").hasSizeGreaterThan("Not computed: ".length());
        }
    }
}
