package maplab.experiments.gc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import maplab.measure.GcPauses.Collector;
import maplab.conclude.Finding;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.conclude.TidyTables;
import maplab.stats.Estimates;
import maplab.stats.Estimates.Estimate;
import maplab.stats.Stats;
import maplab.measure.ChurnKeys;
import org.apache.commons.math3.distribution.TDistribution;
import maplab.experiments.gc.GcPauseConclude.CellKey;
import maplab.experiments.gc.GcPauseConclude.PerJvm;
import static maplab.experiments.gc.Gc.DEFAULT;
import static maplab.experiments.gc.Gc.REFERENCE_GC;
import static maplab.experiments.gc.Gc.nonNegative;
import static maplab.experiments.gc.GcCharts.histogram;
import static maplab.experiments.gc.GcCharts.perJvmChart;
import static maplab.experiments.gc.GcConclude.ifDrawable;
import static maplab.experiments.gc.GcPauseConclude.testTable;
import static maplab.experiments.gc.GcPauseConclude.where;

/**
 * gc's pause comparisons: default-sized versus presized maps, every collector versus G1, colliding
 * versus random keys, with paired tests on the log of each JVM's quantity.
 */
final class GcPauseComparisons {

    private GcPauseComparisons() { }

    /** Default-sized versus presized maps of ints under the base collector (the findings gc had before collectors varied). */
    static void defaultVersusPresized(ResultBuilder out, Collector gc, PerJvm dflt, PerJvm pre) {
        Rows.Row settings = dflt.settings();
        long n = settings.integer("n_keys");
        if (!dflt.pauses().isEmpty() || !pre.pauses().isEmpty()) ifDrawable(out, () -> out.chart("pause histogram", histogram(gc, dflt.pauses(), pre.pauses())));
        ifDrawable(out, () -> out.chart("pause total per JVM", perJvmChart(gc, dflt, pre)));

        String what = gc.label() + " pause per JVM while building and merging " + n + "-entry maps with ";
        if (!dflt.max().isEmpty()) {
            out.attempt("gc_pause_max_default_ms", () -> out.finding(where(Finding.estimate("gc_pause_max_default_ms", nonNegative(Estimates.mean(dflt.max())),
                    "ms", Finding.Basis.TIMING, "Longest " + what + "new HashMap<>(), mean over " + dflt.max().size() + " JVMs: %.1f ms"), settings)));
        }
        if (!pre.max().isEmpty()) {
            out.attempt("gc_pause_max_presized_ms", () -> out.finding(where(Finding.estimate("gc_pause_max_presized_ms", nonNegative(Estimates.mean(pre.max())),
                    "ms", Finding.Basis.TIMING, "Longest " + what + "presized HashMaps, mean over " + pre.max().size() + " JVMs: %.1f ms"), settings)));
        }
        if (dflt.total().isEmpty() || pre.total().isEmpty()) return;
        out.attempt("pause_total_default_vs_presized", () -> out.finding(where(Finding.timeRatio("pause_total_default_vs_presized",
                "Total GC pause time per JVM with default-sized maps", "that with presized maps", Estimates.ratio(dflt.total(), pre.total())), settings)));
        out.attempt("pause_max_default_vs_presized", () -> out.finding(where(Finding.timeRatio("pause_max_default_vs_presized",
                "The longest GC pause per JVM with default-sized maps", "that with presized maps", Estimates.ratio(dflt.max(), pre.max())), settings)));
        out.attempt("collections_default_vs_presized", () -> out.finding(where(Finding.ratio("collections_default_vs_presized",
                "Collections per JVM with default-sized maps", "those with presized maps", Finding.Quantity.AMOUNT,
                Estimates.ratio(dflt.collections(), pre.collections()), Finding.Basis.TIMING), settings)));

        ifDrawable(out, () -> testTable(out, dflt, pre));
        out.attempt("pause_difference_p_value", () -> pValue(out, dflt, pre, settings));
    }

    /** {@code pause_difference_p_value}: the t-test on the log of each JVM's total pause time, whose interval is pause_total_default_vs_presized's. */
    private static void pValue(ResultBuilder out, PerJvm dflt, PerJvm pre, Rows.Row settings) {
        Estimate total = Estimates.ratio(dflt.total(), pre.total());
        double p = pairedLogP(dflt.total(), pre.total());
        String text = Double.isNaN(p)
                ? String.format(Locale.ROOT, "Too few JVMs to test (%d default-sized, %d presized; each needs at least 2, with pauses): raise the JVMs of pause_effort",
                        dflt.total().size(), pre.total().size())
                : String.format(Locale.ROOT, "%s on the log of each JVM's total GC pause time (%d default-sized and %d presized JVMs; "
                        + "pauses inside one JVM are not treated as independent): p = %.3g. The verdict is pause_total_default_vs_presized's: "
                        + "%s, %s (%s interval %s to %s)", paired(dflt.total(), pre.total()) ? "Paired t-test (JVMs paired by round)" : "Welch's t-test",
                        dflt.total().size(), pre.total().size(), p, Finding.verdict(total, 1).label(), Finding.formatRatio(total.value()),
                        Finding.confidenceLabel(), Finding.formatRatio(total.low()), Finding.formatRatio(total.high()));
        out.finding(where(Finding.statistic("pause_difference_p_value", p, "p", Finding.Basis.TIMING, text), settings));
    }

    /** Every other collector's default-sized map of ints against G1's: longest pause, total pause, collections, bytes per entry. */
    static void collectorsVersusG1(ResultBuilder out, Map<CellKey, PerJvm> cells, PerJvm g1) {
        List<Map<String, Object>> table = new ArrayList<>();
        for (var e : cells.entrySet()) {
            CellKey key = e.getKey();
            if (!key.variant().equals(DEFAULT.id()) || !key.keys().equals(ChurnKeys.INT.id()) || key.gc().equals(REFERENCE_GC.id())) continue;
            Collector c = key.collector();
            PerJvm v = e.getValue();
            Rows.Row settings = v.settings();
            String under = " under " + c.label();
            String g1Side = "that under G1";
            if (!v.max().isEmpty()) {
                out.attempt("gc_pause_max_" + c.id() + "_ms", () -> out.finding(where(Finding.estimate("gc_pause_max_" + c.id() + "_ms",
                        nonNegative(Estimates.mean(v.max())), "ms", Finding.Basis.TIMING, "Longest stop-the-world pause per JVM" + under
                        + " while building and merging " + settings.str("n_keys") + "-entry maps with new HashMap<>(), mean over " + v.max().size()
                        + " JVMs: %.3f ms"), settings)));
            }
            out.attempt("pause_max_" + c.id() + "_vs_g1", () -> {
                Estimate max = Estimates.ratio(v.max(), g1.max());
                out.finding(where(Finding.timeRatio("pause_max_" + c.id() + "_vs_g1", "The longest pause per JVM" + under, g1Side, max), settings));
                addComparison(table, c.label() + " vs G1", "longest pause per JVM", max);
            });
            out.attempt("pause_total_" + c.id() + "_vs_g1", () -> {
                Estimate total = Estimates.ratio(v.total(), g1.total());
                out.finding(where(Finding.timeRatio("pause_total_" + c.id() + "_vs_g1", "Total pause time per JVM" + under, g1Side, total), settings));
                addComparison(table, c.label() + " vs G1", "total pause per JVM", total);
            });
            out.attempt("collections_" + c.id() + "_vs_g1", () -> {
                Estimate count = Estimates.ratio(v.collections(), g1.collections());
                out.finding(where(Finding.ratio("collections_" + c.id() + "_vs_g1", "Collections per JVM" + under, "those under G1",
                        Finding.Quantity.AMOUNT, count, Finding.Basis.TIMING), settings));
                addComparison(table, c.label() + " vs G1", "collections per JVM", count);
            });
            if (!v.alloc().isEmpty() && !g1.alloc().isEmpty()) {
                out.attempt("alloc_per_entry_" + c.id() + "_vs_g1", () -> {
                    Estimate alloc = Estimates.ratio(v.alloc(), g1.alloc());
                    out.finding(where(Finding.ratio("alloc_per_entry_" + c.id() + "_vs_g1", "Bytes allocated per merged entry" + under,
                            "those under G1", Finding.Quantity.BYTES, alloc, Finding.Basis.TIMING), settings));
                    addComparison(table, c.label() + " vs G1", "bytes allocated per entry", alloc);
                });
            }
            if (c.isZ() && !v.stall().isEmpty()) {
                out.attempt("stall_total_" + c.id() + "_ms", () -> out.finding(where(Finding.estimate("stall_total_" + c.id() + "_ms",
                        nonNegative(Estimates.mean(v.stall())), "ms", Finding.Basis.TIMING, "Allocation stalls per JVM" + under
                        + " (the allocating thread waits for memory; not counted as pauses), mean over " + v.stall().size() + " JVMs: %.1f ms"), settings)));
            }
        }
        if (!table.isEmpty()) ifDrawable(out, () -> out.table("collector comparison", TidyTables.fromRows("collector comparison", table)));
    }

    /**
     * The measured collectors (default-sized map of ints) ordered by the geometric mean of their
     * per-JVM longest pause; the value counts the adjacent steps whose paired ratio interval
     * excludes 1.
     */
    static void collectorRank(ResultBuilder out, Map<CellKey, PerJvm> cells) {
        List<Map.Entry<Collector, PerJvm>> ranked = new ArrayList<>();
        for (var e : cells.entrySet()) {
            CellKey k = e.getKey();
            if (k.variant().equals(DEFAULT.id()) && k.keys().equals(ChurnKeys.INT.id()) && !e.getValue().max().isEmpty()
                    && e.getValue().max().values().stream().allMatch(x -> x > 0)) {
                ranked.add(Map.entry(k.collector(), e.getValue()));
            }
        }
        if (ranked.size() < 2) return;
        ranked.sort(Comparator.comparingDouble(e -> geometricMean(e.getValue().max())));
        StringBuilder order = new StringBuilder();
        StringBuilder steps = new StringBuilder();
        int separated = 0;
        for (int i = 0; i < ranked.size(); i++) {
            var e = ranked.get(i);
            if (i > 0) order.append(" < ");
            order.append(e.getKey().label()).append(String.format(Locale.ROOT, " (%s ms)", maplab.stats.Numbers.format(geometricMean(e.getValue().max()))));
            if (i == 0) continue;
            var prev = ranked.get(i - 1);
            Estimate r = Estimates.ratio(prev.getValue().max(), e.getValue().max());
            boolean apart = Finding.verdict(r, 1) == Finding.Verdict.LOWER;
            if (apart) separated++;
            steps.append(String.format(Locale.ROOT, "; %s vs %s: %s (%s interval %s to %s)%s", prev.getKey().label(), e.getKey().label(),
                    Finding.formatRatio(r.value()), Finding.confidenceLabel(), Finding.formatRatio(r.low()), Finding.formatRatio(r.high()),
                    apart ? ", separated" : ", not separated"));
        }
        Rows.Row settings = ranked.get(0).getValue().settings();
        String text = "Collectors ordered by the longest pause per JVM (geometric mean over JVMs): " + order + steps
                + String.format(Locale.ROOT, ". %d of %d steps are separated by their paired intervals", separated, ranked.size() - 1);
        Finding f = Finding.statistic("collector_rank_max_pause", separated, "steps", Finding.Basis.TIMING, text);
        out.finding(f.where("n_keys", settings.str("n_keys")).where("maps", settings.str("maps")).where("rounds", settings.str("rounds"))
                .where("heap_mb", settings.str("heap_mb")).where("collectors", String.join(",", ranked.stream().map(e -> e.getKey().id()).toList())));
    }

    private static double geometricMean(Map<Integer, Double> xs) {
        return Math.exp(xs.values().stream().mapToDouble(Math::log).average().orElse(Double.NaN));
    }

    /** Colliding Strings (one tree bin) against random Strings of the same length, default-sized HashMaps, base collector. */
    static void collidingVersusRandom(ResultBuilder out, Collector gc, PerJvm colliding, PerJvm random) {
        Rows.Row settings = colliding.settings();
        String a = " with colliding String keys (one tree bin of TreeNodes)";
        String b = "that with random Strings of the same length";
        List<Map<String, Object>> table = new ArrayList<>();
        out.attempt("pause_total_colliding_vs_random_string", () -> {
            Estimate total = Estimates.ratio(colliding.total(), random.total());
            out.finding(where(Finding.timeRatio("pause_total_colliding_vs_random_string", "Total " + gc.label() + " pause time per JVM" + a, b, total), settings));
            addComparison(table, "colliding vs random Strings", "total pause per JVM", total);
        });
        out.attempt("pause_max_colliding_vs_random_string", () -> {
            Estimate max = Estimates.ratio(colliding.max(), random.max());
            out.finding(where(Finding.timeRatio("pause_max_colliding_vs_random_string", "The longest " + gc.label() + " pause per JVM" + a, b, max), settings));
            addComparison(table, "colliding vs random Strings", "longest pause per JVM", max);
        });
        out.attempt("collections_colliding_vs_random_string", () -> {
            Estimate count = Estimates.ratio(colliding.collections(), random.collections());
            out.finding(where(Finding.ratio("collections_colliding_vs_random_string", "Collections per JVM" + a, "those with random Strings",
                    Finding.Quantity.AMOUNT, count, Finding.Basis.TIMING), settings));
            addComparison(table, "colliding vs random Strings", "collections per JVM", count);
        });
        if (!colliding.alloc().isEmpty() && !random.alloc().isEmpty()) {
            out.attempt("alloc_per_entry_colliding_vs_random_string", () -> {
                Estimate alloc = Estimates.ratio(colliding.alloc(), random.alloc());
                out.finding(where(Finding.ratio("alloc_per_entry_colliding_vs_random_string", "Bytes allocated per merged entry" + a,
                        "those with random Strings", Finding.Quantity.BYTES, alloc, Finding.Basis.TIMING), settings));
                addComparison(table, "colliding vs random Strings", "bytes allocated per entry", alloc);
            });
        }
        ifDrawable(out, () -> out.table("collision comparison", TidyTables.fromRows("collision comparison", table)));
    }

    private static void addComparison(List<Map<String, Object>> table, String comparison, String quantity, Estimate r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("comparison", comparison);
        row.put("quantity", quantity);
        row.put("jvm_pairs", (long) r.n());
        row.put("ratio", r.value());
        row.put("ratio_low", r.low());
        row.put("ratio_high", r.high());
        row.put("verdict", Finding.verdict(r, 1).label());
        table.add(row);
    }

    /** Whether two per-JVM maps pair by round (same JVM indices, at least 2). */
    static boolean paired(Map<Integer, Double> a, Map<Integer, Double> b) {
        return a.keySet().equals(b.keySet()) && a.size() >= 2;
    }

    /**
     * The two-sided p-value of the t-test behind {@link Estimates#ratio}: paired on the per-round
     * log ratios when the JVMs pair by round, else Welch's test on the logs; NaN with fewer than 2
     * values a side or a value that is not positive.
     */
    static double pairedLogP(Map<Integer, Double> a, Map<Integer, Double> b) {
        boolean positive = a.values().stream().allMatch(v -> v > 0) && b.values().stream().allMatch(v -> v > 0);
        if (!positive || a.size() < 2 || b.size() < 2) return Double.NaN;
        if (paired(a, b)) {
            double[] d = a.keySet().stream().mapToDouble(k -> Math.log(a.get(k)) - Math.log(b.get(k))).toArray();
            double m = Stats.mean(d);
            double sd = Stats.standardDeviation(d);
            if (sd == 0) return m == 0 ? 1 : 0;
            double t = m / (sd / Math.sqrt(d.length));
            return 2 * new TDistribution(d.length - 1).cumulativeProbability(-Math.abs(t));
        }
        return Stats.welch(logs(a), logs(b)).p();
    }

    private static double[] logs(Map<Integer, Double> xs) {
        return xs.values().stream().mapToDouble(Math::log).toArray();
    }

    static double[] values(Map<Integer, Double> xs) {
        return xs.values().stream().mapToDouble(Double::doubleValue).toArray();
    }
}
