package maplab.experiments.races;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import maplab.plan.Plan;
import maplab.measure.race.RacePlan;
import maplab.subject.concurrent.SharedMapType;

/** The dimensions and metrics of races' trial rows: the plan states them and measure writes them. */
final class RacesRows {

    private RacesRows() { }

    /** A trial row's dimensions: subject, phase, run, and whether its threads started together (absent for a trial the watchdog ended). */
    static Map<String, Object> trialDims(SharedMapType subject, RacePlan.Phase phase, int run, Boolean together) {
        Map<String, Object> dims = Plan.dims("subject", subject.id(), "phase", phaseName(phase), "run", run);
        if (together != null) dims.put("started_together", together);
        return dims;
    }

    /** An extra trial row's dimensions: the extra's subject and phase ids, run, and whether its threads started together (absent for a trial the watchdog ended). */
    static Map<String, Object> extraDims(RacePlan.Extra extra, int run, Boolean together) {
        Map<String, Object> dims = Plan.dims("subject", extra.subject(), "phase", extra.id(), "run", run);
        if (together != null) dims.put("started_together", together);
        return dims;
    }

    /** The metrics of a finished extra trial, as measure writes them: gets' misses and lookups, or a put trial's. */
    static List<String> extraMetrics(RacePlan.Extra extra) {
        return extra == RacePlan.Extra.GETS_DURING_PUTS ? List.of("missed_gets", "lookups", "exceptions") : trialMetrics(RacePlan.Phase.PUTS);
    }

    static String phaseName(RacePlan.Phase phase) {
        return phase.name().toLowerCase(Locale.ROOT);
    }

    /** The metrics of a finished trial of {@code phase}, as measure writes them. */
    static List<String> trialMetrics(RacePlan.Phase phase) {
        return phase == RacePlan.Phase.PUTS ? List.of("lost_keys", "size_minus_present", "exceptions") : List.of("cme_thrown", "other_exceptions");
    }
}
