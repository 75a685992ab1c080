package maplab.experiments;

import maplab.lab.PlanCheck;
import maplab.plan.ParamSpec;
import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.run.RunData;
import java.util.List;

/**
 * One experiment: a question about hash maps, answered by measurements, a tidy table,
 * charts and computed findings, in three steps kept apart:
 * <ol>
 * <li><b>plan</b>: the parameters, including the JMH effort of each part, as data
 *     ({@link #params()}; {@code ./maplab list -v} shows them, {@code --set} changes them, meta.json
 *     records them);</li>
 * <li><b>measure</b> ({@link #measure}): writes tidy rows and their samples, nothing else;</li>
 * <li><b>conclude</b> ({@link #conclude}): a pure function from the stored rows, samples and
 *     parameters to findings, tables and charts, so {@code ./maplab conclude <run>} recomputes
 *     them from a run folder without measuring.</li>
 * </ol>
 * Implementations are stateless; everything a run needs arrives in the {@link RunContext}.
 */
public interface Experiment extends maplab.plan.Parameterized {

    /** Stable id used by the CLI, notebooks, run folders and tests, e.g. {@code "merge"}. */
    String id();

    /** One line for {@code ./maplab list}. */
    String summary();

    /** The parameters besides {@code seed}, with their defaults per profile. */
    List<ParamSpec> params();

    /**
     * Checks combinations of parameters that single {@link ParamSpec}s cannot (e.g. a minimum
     * above a maximum) before anything is written.
     *
     * @throws IllegalArgumentException naming the parameter and what is allowed
     */
    default void validate(Params params) { }

    /**
     * The progress steps {@link #measure} will report with these parameters, known from the
     * plan before the first step (0 when the experiment does not say: then the steps it adds
     * with {@code progress().addSteps} as it goes make the total). When given, the progress
     * shows this total from the start and the experiment's own {@code addSteps} calls are taken
     * as part of it.
     */
    default int plannedSteps(Params params) { return 0; }

    /**
     * The progress steps of a run in {@code context}: {@link #plannedSteps(Params)} unless they
     * depend on the measuring JVM the context carries (e.g. the collectors its JDK offers).
     */
    default int plannedSteps(RunContext context) { return plannedSteps(context.params()); }

    /**
     * States what a run with {@code plan.params()} will do, from the parameters alone: the JMH
     * cells (build them with {@code context.jmh(...)} as {@link #measure} does), the
     * other steps with their estimated seconds, every row conclude will read, and the findings
     * conclude promises for those rows. {@code ./maplab run --dry-run} prints it; every run
     * checks it before measuring (no cell twice, conclude reads it: see {@link PlanCheck}).
     */
    default void plan(Plan.Builder plan, RunContext context) { }

    /** Measures and records rows (with samples) into {@code context.result()}; a failure keeps what was recorded before it. */
    void measure(RunContext context) throws Exception;

    /**
     * Computes findings, tables and charts from the stored measurements alone (no measuring,
     * no state from {@link #measure}), into {@code out}.
     */
    default void conclude(RunData data, maplab.conclude.ResultBuilder out) { }
}
