package maplab.experiments.gc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import maplab.measure.GcPauses.Collector;
import maplab.conclude.Finding;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.conclude.TidyTables;
import maplab.stats.Estimates;
import maplab.stats.Estimates.Estimate;
import maplab.stats.Stats;
import maplab.subject.jdk.MapConstructor;
import maplab.measure.ChurnKeys;
import static maplab.experiments.gc.Gc.DEFAULT;
import static maplab.experiments.gc.Gc.PRESIZED;
import static maplab.experiments.gc.Gc.REFERENCE_GC;
import static maplab.experiments.gc.Gc.nonNegative;
import static maplab.experiments.gc.GcCharts.collectionsChart;
import static maplab.experiments.gc.GcCharts.pauseDistributionChart;
import static maplab.experiments.gc.GcConclude.ifDrawable;
import static maplab.experiments.gc.GcPauseComparisons.collectorRank;
import static maplab.experiments.gc.GcPauseComparisons.collectorsVersusG1;
import static maplab.experiments.gc.GcPauseComparisons.collidingVersusRandom;
import static maplab.experiments.gc.GcPauseComparisons.defaultVersusPresized;
import static maplab.experiments.gc.GcPauseComparisons.pairedLogP;
import static maplab.experiments.gc.GcPauseComparisons.values;

/**
 * gc's pause conclusions: per-JVM quantities per cell, the listed collectors and the pause tables;
 * the comparisons are {@link GcPauseComparisons}'.
 */
final class GcPauseConclude {

    private GcPauseConclude() { }

    /** The key of a row's cell: gc/variant/keys (runs stored before collectors varied have one gc and int keys). */
    record CellKey(String gc, String variant, String keys) {
        static CellKey of(Rows.Row r, String defaultGc) {
            return new CellKey(r.has("gc") ? r.str("gc") : defaultGc, r.str("variant"), r.has("keys") ? r.str("keys") : ChurnKeys.INT.id());
        }

        Collector collector() { return Collector.parse(gc); }

        String label() {
            return collector().label() + ", " + (variant.equals(DEFAULT.id()) ? "default-sized" : "presized") + ", " + ChurnKeys.parse(keys).label();
        }

        /** A short label for chart axes: "G1, int", "G1, int, presized", "ZGC gen, colliding". */
        String shortLabel() {
            String c = switch (collector()) {
                case ZGC -> "ZGC";
                case ZGC_GENERATIONAL -> "ZGC gen";
                default -> collector().label();
            };
            String k = switch (ChurnKeys.parse(keys)) {
                case INT -> "int";
                case RANDOM_STRING -> "random Str";
                case COLLIDING_STRING -> "colliding Str";
            };
            return c + ", " + k + (variant.equals(DEFAULT.id()) ? "" : ", presized");
        }

        /** Plan order: collector, then default-sized before presized, then keys. */
        static final Comparator<CellKey> ORDER = Comparator.comparing((CellKey k) -> k.collector().ordinal())
                .thenComparing(k -> !k.variant().equals(DEFAULT.id()))
                .thenComparing(k -> ChurnKeys.parse(k.keys()).ordinal());
    }

    /**
     * One cell's JVMs: per JVM its collections, total pause time, longest pause, nearest-rank p99
     * pause, bytes allocated per entry, allocation-stall time; and every pause.
     */
    record PerJvm(Rows.Row settings, SortedMap<Integer, Double> collections, SortedMap<Integer, Double> total, SortedMap<Integer, Double> max,
                  SortedMap<Integer, Double> p99, SortedMap<Integer, Double> alloc, SortedMap<Integer, Double> stall, List<Double> pauses) {

        static Map<CellKey, PerJvm> all(Rows rows) {
            Rows collections = rows.metric("collections");
            String defaultGc = collections.first().map(r -> r.str("gc")).orElse(REFERENCE_GC.id());
            Map<CellKey, PerJvm> out = new LinkedHashMap<>();
            Map<CellKey, Map<Integer, List<Double>>> byJvm = new LinkedHashMap<>();
            for (Rows.Row r : collections) {
                CellKey key = CellKey.of(r, defaultGc);
                PerJvm cell = out.computeIfAbsent(key, k -> new PerJvm(r, new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>(),
                        new TreeMap<>(), new TreeMap<>(), new ArrayList<>()));
                int jvm = (int) r.integer("jvm");
                cell.collections().put(jvm, r.value());
                cell.total().put(jvm, 0.0);
                cell.max().put(jvm, 0.0);
                cell.p99().put(jvm, 0.0);
                byJvm.computeIfAbsent(key, k -> new TreeMap<>()).put(jvm, new ArrayList<>());
            }
            for (Rows.Row r : rows.metric("pause")) {
                CellKey key = CellKey.of(r, defaultGc);
                PerJvm cell = out.get(key);
                if (cell == null) continue;
                int jvm = (int) r.integer("jvm");
                double ms = r.value();
                cell.pauses().add(ms);
                cell.total().merge(jvm, ms, Double::sum);
                cell.max().merge(jvm, ms, Math::max);
                byJvm.get(key).computeIfAbsent(jvm, j -> new ArrayList<>()).add(ms);
            }
            for (var e : byJvm.entrySet()) {
                for (var j : e.getValue().entrySet()) out.get(e.getKey()).p99().put(j.getKey(), nearestRank(j.getValue(), 0.99));
            }
            for (Rows.Row r : rows.metric("alloc_per_entry")) {
                PerJvm cell = out.get(CellKey.of(r, defaultGc));
                if (cell != null) cell.alloc().put((int) r.integer("jvm"), r.value());
            }
            for (Rows.Row r : rows.metric("stall_total")) {
                PerJvm cell = out.get(CellKey.of(r, defaultGc));
                if (cell != null) cell.stall().put((int) r.integer("jvm"), r.value());
            }
            Map<CellKey, PerJvm> sorted = new TreeMap<>(CellKey.ORDER);
            sorted.putAll(out);
            return new LinkedHashMap<>(sorted);
        }
    }

    /** The nearest-rank quantile (0 for no values): with fewer than 1/(1-q) values it is the largest. */
    static double nearestRank(List<Double> xs, double q) {
        if (xs.isEmpty()) return 0;
        double[] sorted = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    static void concludePauses(Rows rows, ResultBuilder out) {
        collectorsTable(rows, out);
        Rows collections = rows.metric("collections");
        if (collections.isEmpty()) {
            out.note("findings_not_computed", List.of("pause findings: need per-JVM 'collections' and per-pause 'pause' rows "
                    + "(runs stored before pauses were kept per JVM have only pooled summaries; a run whose collectors were all not offered has none)"));
            return;
        }
        Map<CellKey, PerJvm> cells = PerJvm.all(rows);
        // the base collector: G1 when measured, else the one that ran the presized or String cells (the plan's base), else the first
        String baseGc = cells.keySet().stream().map(CellKey::gc).anyMatch(REFERENCE_GC.id()::equals) ? REFERENCE_GC.id()
                : cells.keySet().stream().filter(k -> !k.variant().equals(DEFAULT.id()) || !k.keys().equals(ChurnKeys.INT.id()))
                        .map(CellKey::gc).findFirst().orElse(cells.keySet().iterator().next().gc());
        ifDrawable(out, () -> perJvmTable(out, cells));
        ifDrawable(out, () -> summaryTable(out, cells));
        ifDrawable(out, () -> collectionsChart(out, cells));
        ifDrawable(out, () -> pauseDistributionChart(out, cells));

        PerJvm dflt = cells.get(new CellKey(baseGc, DEFAULT.id(), ChurnKeys.INT.id()));
        PerJvm pre = cells.get(new CellKey(baseGc, PRESIZED.id(), ChurnKeys.INT.id()));
        if (dflt != null && pre != null) defaultVersusPresized(out, Collector.parse(baseGc), dflt, pre);
        if (baseGc.equals(REFERENCE_GC.id()) && dflt != null) collectorsVersusG1(out, cells, dflt);
        out.attempt("collector_rank_max_pause", () -> collectorRank(out, cells));
        PerJvm random = cells.get(new CellKey(baseGc, DEFAULT.id(), ChurnKeys.RANDOM_STRING.id()));
        PerJvm colliding = cells.get(new CellKey(baseGc, DEFAULT.id(), ChurnKeys.COLLIDING_STRING.id()));
        if (random != null && colliding != null) collidingVersusRandom(out, Collector.parse(baseGc), colliding, random);
    }

    /** The listed collectors: measured, or "not offered by JDK N" (from the {@code offered} rows; older runs: the measured ones). */
    private static void collectorsTable(Rows rows, ResultBuilder out) {
        List<Map<String, Object>> table = new ArrayList<>();
        Rows offered = rows.metric("offered");
        if (offered.isEmpty()) {
            for (String gc : rows.metric("collections").distinct("gc")) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("collector", Collector.parse(gc).label());
                row.put("status", "measured");
                table.add(row);
            }
        }
        List<String> missing = new ArrayList<>();
        for (Rows.Row r : offered) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("collector", Collector.parse(r.str("gc")).label());
            row.put("jdk", r.integer("jdk"));
            row.put("status", r.str("status"));
            row.put("flags", r.str("flags"));
            table.add(row);
            if (r.value() == 0) missing.add(Collector.parse(r.str("gc")).label() + ": " + r.str("status"));
        }
        if (!table.isEmpty()) out.table("collectors", TidyTables.fromRows("collectors", table));
        if (!missing.isEmpty()) out.note("collectors_not_offered", missing);
    }

    /** The pause workload's settings as a finding's conditions (they differ between quick and full). */
    static Finding where(Finding f, Rows.Row settings) {
        Finding w = f.where("n_keys", settings.str("n_keys")).where("maps", settings.str("maps")).where("rounds", settings.str("rounds"))
                .where("heap_mb", settings.str("heap_mb")).where("gc", settings.str("gc"));
        return settings.has("keys") && !settings.str("keys").equals(ChurnKeys.INT.id()) ? w.where("keys", settings.str("keys")) : w;
    }

    private static void perJvmTable(ResultBuilder out, Map<CellKey, PerJvm> cells) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (var e : cells.entrySet()) {
            PerJvm v = e.getValue();
            for (int jvm : v.collections().keySet()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("collector", e.getKey().collector().label());
                row.put("variant", label(e.getKey().variant().equals(DEFAULT.id()) ? DEFAULT : PRESIZED));
                row.put("keys", ChurnKeys.parse(e.getKey().keys()).label());
                row.put("jvm", (long) jvm);
                row.put("collections", Math.round(v.collections().get(jvm)));
                row.put("total_pause_ms", v.total().get(jvm));
                row.put("max_pause_ms", v.max().get(jvm));
                row.put("p99_pause_ms", v.p99().get(jvm));
                row.put("alloc_bytes_per_entry", v.alloc().getOrDefault(jvm, Double.NaN));
                row.put("stall_ms", v.stall().getOrDefault(jvm, Double.NaN));
                rows.add(row);
            }
        }
        out.table("pause per JVM", TidyTables.fromRows("pause per JVM", rows));
    }

    private static void summaryTable(ResultBuilder out, Map<CellKey, PerJvm> cells) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (var e : cells.entrySet()) {
            PerJvm v = e.getValue();
            if (v.collections().isEmpty()) continue;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("collector", e.getKey().collector().label());
            row.put("variant", label(e.getKey().variant().equals(DEFAULT.id()) ? DEFAULT : PRESIZED));
            row.put("keys", ChurnKeys.parse(e.getKey().keys()).label());
            row.put("jvms", (long) v.collections().size());
            addMean(row, "collections_per_jvm", v.collections());
            addMean(row, "total_ms_per_jvm", v.total());
            addMean(row, "max_ms_per_jvm", v.max());
            if (!v.alloc().isEmpty()) addMean(row, "alloc_bytes_per_entry", v.alloc());
            if (!v.stall().isEmpty()) addMean(row, "stall_ms_per_jvm", v.stall());
            row.put("pauses", (long) v.pauses().size());
            row.put("median_pause_ms_pooled", v.pauses().isEmpty() ? Double.NaN : Stats.median(v.pauses().stream().mapToDouble(Double::doubleValue).toArray()));
            rows.add(row);
        }
        out.table("pause summary", TidyTables.fromRows("pause summary", rows));
    }

    private static void addMean(Map<String, Object> row, String name, Map<Integer, Double> perJvm) {
        Estimate e = Estimates.mean(perJvm);
        e = nonNegative(e);
        row.put(name, e.value());
        row.put(name + "_low", e.low());
        row.put(name + "_high", e.high());
    }

    /** Per per-JVM quantity: the ratio with its interval, the paired log t-test and Welch's test on the per-JVM values. */
    static void testTable(ResultBuilder out, PerJvm dflt, PerJvm pre) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (var e : List.of(Map.entry("total pause time per JVM", List.of(dflt.total(), pre.total())),
                Map.entry("longest pause per JVM", List.of(dflt.max(), pre.max())),
                Map.entry("collections per JVM", List.of(dflt.collections(), pre.collections())))) {
            Map<Integer, Double> a = e.getValue().get(0);
            Map<Integer, Double> b = e.getValue().get(1);
            Estimate r = Estimates.ratio(a, b);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("quantity", e.getKey());
            row.put("jvms_default", (long) a.size());
            row.put("jvms_presized", (long) b.size());
            row.put("ratio_default_vs_presized", r.value());
            row.put("ratio_low", r.low());
            row.put("ratio_high", r.high());
            row.put("verdict", Finding.verdict(r, 1).label());
            row.put("p_paired_log_t", pairedLogP(a, b));
            row.put("p_welch_per_jvm", a.size() >= 2 && b.size() >= 2 ? Stats.welch(values(a), values(b)).p() : Double.NaN);
            rows.add(row);
        }
        out.table("pause test", TidyTables.fromRows("pause test", rows));
    }

    /** "default-sized: new HashMap<>()", "presized: HashMap for n entries". */
    static String label(MapConstructor variant) {
        return (variant == DEFAULT ? "default-sized: " : "presized: ") + variant.label();
    }
}
