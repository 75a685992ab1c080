package maplab.measure;

import java.util.List;
import java.util.Map;

/**
 * One benchmark result as JMH wrote it to its JSON file.
 *
 * @param benchmark  fully qualified method, e.g. {@code maplab.bench.MergeBench.putAll}
 * @param mode       JMH mode ("avgt", "thrpt", "ss", ...)
 * @param params     the {@code @Param} values of this result
 * @param score      primary score
 * @param error      half-width of JMH's 99.9% confidence interval (NaN with fewer than 3 samples)
 * @param unit       score unit, e.g. "ns/op"
 * @param samples    raw primary samples, all forks and iterations
 * @param secondary  secondary metrics by name (e.g. "gc.alloc.rate.norm"), with score, error and unit
 * @param threads    threads the benchmark ran with
 * @param forks      forks it ran in
 * @param jvmArgs    the forked JVM's arguments
 */
public record JmhScore(String benchmark, String mode, Map<String, String> params, double score, double error, String unit,
                       List<Double> samples, Map<String, Secondary> secondary, int threads, int forks, List<String> jvmArgs) {

    /** A secondary metric (profiler output such as {@code gc.alloc.rate.norm}). */
    public record Secondary(double score, double error, String unit) { }

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

    /** A secondary metric, or NaN-valued when the profiler did not report it. */
    public Secondary secondary(String name) {
        return secondary.getOrDefault(name, new Secondary(Double.NaN, Double.NaN, ""));
    }
}
