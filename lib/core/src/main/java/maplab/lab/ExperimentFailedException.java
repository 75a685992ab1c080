package maplab.lab;

import maplab.conclude.Result;

/** A run that failed part way; {@link #result()} holds what was measured before (also written to its run folder). */
public final class ExperimentFailedException extends RuntimeException {
    private final transient Result result;

    public ExperimentFailedException(Result result, Throwable cause) {
        super(result.experiment() + " failed: " + result.error()
                + (result.runDir() == null ? "" : " (partial results in " + result.runDir() + ")"), cause);
        this.result = result;
    }

    public Result result() { return result; }
}
