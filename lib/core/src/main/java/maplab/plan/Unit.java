package maplab.plan;

/**
 * The unit of a measured value and which direction is better. Direction is part of the
 * measurement, never guessed from a metric's name: comparisons of runs read it from here.
 *
 * @param symbol    as printed and stored in the {@code unit} column, e.g. {@code "ns/op"}
 * @param direction whether lower or higher values are better, or neither (a count, a rate)
 */
public record Unit(String symbol, Direction direction) {

    /** Which way is better for a measured value. */
    public enum Direction { LOWER, HIGHER, NONE }

    public static final Unit NS_PER_OP = new Unit("ns/op", Direction.LOWER);
    public static final Unit US_PER_OP = new Unit("us/op", Direction.LOWER);
    public static final Unit MS_PER_OP = new Unit("ms/op", Direction.LOWER);
    public static final Unit OPS_PER_S = new Unit("ops/s", Direction.HIGHER);
    public static final Unit OPS_PER_MS = new Unit("ops/ms", Direction.HIGHER);
    public static final Unit BYTES_PER_OP = new Unit("B/op", Direction.LOWER);
    public static final Unit BYTES_PER_ENTRY = new Unit("B/entry", Direction.LOWER);
    public static final Unit BYTES = new Unit("B", Direction.LOWER);
    public static final Unit MS = new Unit("ms", Direction.LOWER);
    public static final Unit PROBES = new Unit("probes", Direction.LOWER);
    public static final Unit COUNT = new Unit("count", Direction.NONE);
    public static final Unit RATIO = new Unit("x", Direction.NONE);
    public static final Unit FRACTION = new Unit("fraction", Direction.NONE);
    public static final Unit EXPONENT = new Unit("exponent", Direction.NONE);
    public static final Unit P_VALUE = new Unit("p", Direction.NONE);

    /** The {@code better} column's text: lower, higher or none. */
    public String better() {
        return direction.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The lower-is-better/higher-is-better unit that a JMH score unit maps to (e.g. "ns/op", "ops/s"). */
    public static Unit ofJmh(String jmhUnit) {
        String u = jmhUnit.trim();
        return new Unit(u, u.startsWith("ops/") ? Direction.HIGHER : Direction.LOWER);
    }
}
