package maplab.measure;

import java.util.List;
import java.util.Map;
import maplab.stats.Estimates.Sample;

/**
 * One benchmark result (one benchmark and parameter combination) as JMH wrote it, merged over
 * every round it ran in: each round is one fork, so fork {@code r} of every compared benchmark
 * ran in round {@code r}, side by side in time.
 *
 * @param benchmark  fully qualified method, e.g. {@code maplab.bench.MergeBench.putAll}
 * @param mode       JMH mode ("avgt", "thrpt", "ss", ...)
 * @param params     the {@code @Param} values of this result
 * @param unit       score unit, e.g. "ns/op"
 * @param samples    primary samples: fork (round), iteration, value
 * @param secondary  secondary metrics by name (e.g. "gc.alloc.rate.norm"), with their samples
 * @param threads    threads the benchmark ran with
 * @param jvmArgs    the forked JVM's arguments
 */
public record JmhScore(String benchmark, String mode, Map<String, String> params, String unit,
                       List<Sample> samples, Map<String, Secondary> secondary, int threads, List<String> jvmArgs) {

    /** A secondary metric (profiler output such as {@code gc.alloc.rate.norm}) with its samples. */
    public record Secondary(String unit, List<Sample> samples) {
        public Measured measured() {
            return samples.isEmpty() ? new Measured(Double.NaN, Double.NaN, List.of()) : Measured.of(samples);
        }
    }

    /** The primary metric: mean of fork means, its interval over forks, and the samples. */
    public Measured measured() {
        return Measured.of(samples);
    }

    /** The primary score (mean of fork means). */
    public double score() {
        return measured().value();
    }

    /** Half-width of the primary score's interval over forks (NaN with one fork). */
    public double error() {
        return measured().error();
    }

    /** How many forks (rounds) measured this result. */
    public int forks() {
        return (int) samples.stream().mapToInt(Sample::fork).distinct().count();
    }

    /** The method name without its class: {@code putAll}. */
    public String method() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /** A {@code @Param} value. */
    public String param(String name) {
        String v = params.get(name);
        if (v == null) throw new IllegalArgumentException("benchmark " + benchmark + " has no parameter '" + name + "': " + params.keySet());
        return v;
    }

    /**
     * An enum {@code @Param}'s value as its constant: JMH's JSON gives the constant's name (what
     * {@link Jmh#param(String, Enum[])} passed).
     *
     * @throws IllegalArgumentException when the value names no constant of {@code type}
     */
    public <E extends Enum<E>> E param(String name, Class<E> type) {
        String v = param(name);
        for (E e : type.getEnumConstants()) if (e.name().equals(v)) return e;
        throw new IllegalArgumentException("benchmark " + benchmark + ": parameter '" + name + "' is '" + v + "', not a constant of "
                + type.getSimpleName() + "; allowed: " + java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
    }

    /**
     * The subject id of a cell run with {@link Jmh#subjects}: a user's id ({@code user:ClassName},
     * from the {@value Jmh#USER_PARAM} {@code @Param}) when there is one, else the enum
     * {@code @Param} {@code name}'s constant spelled by {@code id}.
     */
    public <E extends Enum<E>> String subject(String name, Class<E> type, java.util.function.Function<E, String> id) {
        String user = params.getOrDefault(Jmh.USER_PARAM, "");
        return user.isEmpty() ? id.apply(param(name, type)) : user;
    }

    /** A secondary metric, measured; NaN-valued without samples when the profiler did not report it. */
    public Measured secondary(String name) {
        Secondary s = secondary.get(name);
        return s == null ? new Measured(Double.NaN, Double.NaN, List.of()) : s.measured();
    }
}
