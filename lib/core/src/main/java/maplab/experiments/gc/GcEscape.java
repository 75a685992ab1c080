package maplab.experiments.gc;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import maplab.conclude.Finding;
import maplab.conclude.ResultBuilder;
import maplab.measure.Jmh;
import maplab.measure.JmhScore;
import maplab.measure.Rows;
import maplab.plan.Unit;
import maplab.stats.Estimates;
import maplab.stats.Estimates.Estimate;
import maplab.experiments.RunContext;
import static maplab.experiments.gc.GcPlan.row;

/**
 * gc's escape analysis part (effort {@code escape_effort}): bytes allocated per walk over a small
 * HashMap's {@code entrySet()} ({@code EscapeAllocBench}, {@code -prof gc}), in forks with the JVM's
 * default (escape analysis on) and with {@code -XX:-DoEscapeAnalysis}, the two in alternating
 * rounds. The loop's only allocation is its iterator, a temporary escape analysis can remove, so
 * the default side is near 0 bytes: the finding is the difference in bytes per walk (off minus
 * on), paired by round, not a ratio (whose denominator would be that near-zero).
 */
final class GcEscape {

    private GcEscape() { }

    static final String BENCH = "maplab\\.bench\\.EscapeAllocBench\\.iterate$";
    static final String OFF_FLAG = "-XX:-DoEscapeAnalysis";
    /** Entries of the walked map. */
    static final int ENTRIES = 16;
    static final String METRIC = "escape_alloc";
    static final String FINDING = "alloc_no_escape_analysis_vs_default";

    /** The two JMH batches: escape analysis on (the default), then off. */
    static List<Jmh> runs(RunContext ctx) {
        return List.of(run(ctx), run(ctx).jvmArgsAppend(OFF_FLAG));
    }

    private static Jmh run(RunContext ctx) {
        return ctx.jmh(BENCH, "escape").param("entries", String.valueOf(ENTRIES)).profiler("gc");
    }

    static Map<String, Object> dims(boolean escapeAnalysis) {
        return maplab.plan.Plan.dims("operation", "iterate", "escape_analysis", escapeAnalysis ? "on" : "off", "n_keys", ENTRIES);
    }

    /** The cells and rows (the finding is not promised: references stored before this part re-conclude without it). */
    static void plan(maplab.plan.Plan.Builder plan, RunContext context) {
        for (Jmh j : runs(context)) plan.jmh("escape", j);
        for (boolean on : List.of(true, false)) plan.timed(dims(on), METRIC, Unit.BYTES_PER_OP);
    }

    /** Measures both sides in alternating rounds and writes one row per side, with per-fork samples. */
    static void measure(RunContext ctx) {
        List<List<JmhScore>> scores = Jmh.inRounds(runs(ctx), ctx.random("escape-order"));
        for (int side = 0; side < 2; side++) {
            for (JmhScore s : scores.get(side)) row(ctx.result(), dims(side == 0)).measure(METRIC, s.secondary("gc.alloc.rate.norm"), Unit.BYTES_PER_OP);
        }
    }

    /** The finding: bytes per walk without escape analysis minus with it, paired by round, when both rows are there. */
    static void conclude(Rows rows, ResultBuilder out) {
        Rows alloc = rows.metric(METRIC);
        Optional<Rows.Row> on = alloc.where("escape_analysis", "on").first();
        Optional<Rows.Row> off = alloc.where("escape_analysis", "off").first();
        if (on.isEmpty() || off.isEmpty()) return;
        out.attempt(FINDING, () -> {
            SortedMap<Integer, Double> a = off.get().measured().forkMeans();
            SortedMap<Integer, Double> b = on.get().measured().forkMeans();
            Map<Integer, Double> differences = new TreeMap<>();
            a.forEach((fork, bytes) -> { if (b.containsKey(fork)) differences.put(fork, bytes - b.get(fork)); });
            if (differences.size() < 2) throw new IllegalArgumentException(FINDING + ": fewer than 2 rounds measured both sides");
            Estimate e = Estimates.mean(differences);
            String entries = on.get().str("n_keys");
            out.finding(Finding.versus(FINDING, e, 0, "B/op", Finding.Basis.TIMING, String.format(java.util.Locale.ROOT,
                    "With %s, one for-each walk over a HashMap of %s entries allocated %%.1f bytes more than with escape analysis on "
                            + "(%.1f against %.1f bytes per walk, mean over forks)", OFF_FLAG, entries, mean(a), mean(b)))
                    .where("entries", entries));
        });
    }

    private static double mean(Map<Integer, Double> forkMeans) {
        return forkMeans.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
