package maplab.experiment;

import java.util.List;

/**
 * One experiment: a question about hash maps, answered by measurements, a tidy table,
 * charts and computed findings. Implementations are stateless; everything a run needs
 * arrives in the {@link RunContext}, everything it produces goes into the context's
 * {@link maplab.result.ResultBuilder} (so a failure keeps what was measured before it).
 */
public interface Experiment {

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

    /** Measures and records into {@code context.result()}. */
    void run(RunContext context) throws Exception;
}
