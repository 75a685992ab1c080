package maplab.measure;

/** A measurement that could not be made (a benchmark failed, a forked JVM died, a budget ran out). */
public class MeasurementException extends RuntimeException {
    public MeasurementException(String message) { super(message); }
    public MeasurementException(String message, Throwable cause) { super(message, cause); }
}
