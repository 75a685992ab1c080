package maplab.plan;

import java.util.List;

/**
 * What planning needs of an experiment: its id and its parameters. The experiments implement
 * it (through {@code maplab.experiments.Experiment}), so plans and parameters are resolved
 * without the plan package knowing any experiment.
 */
public interface Parameterized {

    /** The stable id (e.g. {@code "merge"}). */
    String id();

    /** The parameters besides {@code seed}, with their defaults per profile. */
    List<ParamSpec> params();
}
