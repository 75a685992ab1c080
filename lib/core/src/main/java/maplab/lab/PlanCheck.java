package maplab.lab;

import maplab.experiments.Experiment;
import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.run.RunData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import maplab.conclude.Finding;
import maplab.measure.Measured;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.stats.Estimates.Sample;

/**
 * Checks a {@link Plan} before anything is measured: no cell or row twice ({@link Plan#check}),
 * and conclude, fed synthetic rows of exactly the plan's shape (deterministic values, a few
 * forks per timed row), yields every finding the plan promises. So a plan that conclude cannot
 * read is refused in milliseconds instead of after its last fork.
 */
public final class PlanCheck {

    /** Forks per timed synthetic row. */
    static final int SYNTHETIC_FORKS = 4;

    private PlanCheck() { }

    /** What concluding the plan's synthetic rows gave: the findings, and the promised ones missing or not computed. */
    public record Outcome(List<Finding> findings, List<String> missing, Map<String, String> notComputed) {
        /** True when every promised finding was computed. */
        public boolean ok() { return missing.isEmpty() && notComputed.isEmpty(); }

        /** One line naming the first problem, or null. */
        public String problem() {
            if (!missing.isEmpty()) return "conclude gives no finding " + String.join(", ", missing) + " for the rows this plan measures";
            if (!notComputed.isEmpty()) {
                var first = notComputed.entrySet().iterator().next();
                return "conclude cannot compute " + first.getKey() + " from the rows this plan measures: " + first.getValue();
            }
            return null;
        }
    }

    /**
     * Checks {@code plan}: duplicates refused, then conclude run on synthetic rows.
     *
     * @throws IllegalArgumentException with one line naming the repeated cell or row, or the
     *                                  promised finding conclude cannot give
     */
    public static Outcome check(Experiment experiment, Plan plan, Params params) {
        plan.check();
        Outcome outcome = conclude(experiment, plan, params, plan.rows());
        if (!outcome.ok()) throw new IllegalArgumentException("plan of " + plan.experiment() + ": " + outcome.problem());
        return outcome;
    }

    /** Concludes synthetic rows for {@code rows} (the plan's, or some of them) and reports on the plan's promised findings. */
    public static Outcome conclude(Experiment experiment, Plan plan, Params params, List<Plan.Row> rows) {
        RunData data = new RunData(experiment.id(), plan.profile(), params, synthetic(rows));
        ResultBuilder out = new ResultBuilder();
        Experiments.conclude(experiment, data, out, plan.findings());
        Map<String, Finding> byId = new LinkedHashMap<>();
        for (Finding f : out.findings()) byId.put(f.id(), f);
        List<String> missing = new ArrayList<>();
        Map<String, String> notComputed = new LinkedHashMap<>();
        for (String id : plan.findings()) {
            Finding f = byId.get(id);
            if (f == null) missing.add(id);
            else if (f.notComputed()) notComputed.put(id, f.text());
        }
        return new Outcome(List.copyOf(byId.values()), missing, notComputed);
    }

    /**
     * Rows as a run folder would give them back: deterministic values from each row's key (or
     * the plan's value), every timed row with {@link #SYNTHETIC_FORKS} forks of three iterations,
     * every column present in every row (empty where a row has no value).
     */
    public static Rows synthetic(List<Plan.Row> rows) {
        ResultBuilder b = syntheticRun(rows);
        return Rows.fromObjects(b.rows(), b.samples());
    }

    /** The synthetic rows of {@link #synthetic} recorded in a builder (its {@code table(name)} is the run's measurements table). */
    static ResultBuilder syntheticRun(List<Plan.Row> rows) {
        ResultBuilder b = new ResultBuilder();
        for (Plan.Row r : rows) {
            ResultBuilder.Row row = b.row();
            r.dims().forEach(row::with);
            double base = r.value() != null ? r.value() : valueOf(r.key(), r.timed());
            if (r.timed()) row.measure(r.metric(), Measured.of(samples(base, r.key())), r.unit());
            else row.measure(r.metric(), base, r.unit());
        }
        Set<String> columns = new LinkedHashSet<>();
        for (Map<String, Object> m : b.rows()) columns.addAll(m.keySet());
        ResultBuilder filled = new ResultBuilder();
        for (Map<String, Object> m : b.rows()) {
            ResultBuilder.Row row = filled.row();
            for (String c : columns) {
                if (!maplab.conclude.TidyTables.MEASURE_COLUMNS.contains(c)) row.with(c, m.getOrDefault(c, ""));
            }
            String key = Rows.key(m, String.valueOf(m.get("metric")));
            List<Sample> samples = b.samples().get(key);
            maplab.plan.Unit unit = new maplab.plan.Unit(String.valueOf(m.get("unit")), unitDirection(String.valueOf(m.get("better"))));
            if (samples != null) row.measure(String.valueOf(m.get("metric")), new Measured((Double) m.get("value"), (Double) m.get("error"), samples), unit);
            else row.measure(String.valueOf(m.get("metric")), (Double) m.get("value"), unit);
        }
        return filled;
    }

    private static maplab.plan.Unit.Direction unitDirection(String better) {
        for (maplab.plan.Unit.Direction d : maplab.plan.Unit.Direction.values()) {
            if (new maplab.plan.Unit("u", d).better().equals(better)) return d;
        }
        return maplab.plan.Unit.Direction.NONE;
    }

    private static double valueOf(String key, boolean timed) {
        int h = Math.floorMod(key.hashCode(), 1000);
        return timed ? 100 + h : 1 + h % 100;
    }

    private static List<Sample> samples(double base, String key) {
        List<Sample> out = new ArrayList<>();
        int h = Math.floorMod(key.hashCode() * 31, 7);
        for (int fork = 0; fork < SYNTHETIC_FORKS; fork++) {
            double forkMean = base * (1 + 0.01 * ((fork + h) % SYNTHETIC_FORKS - 1.5));
            for (int it = 0; it < 3; it++) out.add(new Sample(fork, it, forkMean * (1 + 0.002 * (it - 1))));
        }
        return out;
    }
}
