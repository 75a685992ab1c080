package maplab.experiments.jdks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import maplab.run.RunData;
import maplab.conclude.Finding;
import maplab.measure.Measured;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.stats.Estimates;
import maplab.stats.Estimates.Estimate;
import maplab.stats.Stats;
import org.openjdk.jmh.annotations.Mode;
import maplab.experiments.jdks.Jdks.Cell;
import maplab.experiments.jdks.Jdks.Role;
import static maplab.experiments.jdks.JdksCharts.fmt;
import static maplab.experiments.jdks.JdksCharts.memoryTableAndChart;
import static maplab.experiments.jdks.JdksCharts.timeTableAndChart;

/**
 * jdks' conclusions ({@link Jdks#conclude}) from the stored rows: bytes per entry and timings of the
 * newer JDKs against the older.
 */
final class JdksConclude {

    private JdksConclude() { }

    /**
     * Findings, tables and charts from the stored rows.
     *
     * <p>Bases: JOL bytes per entry are {@code count}s (exact for each JVM's layout and the
     * run's keys), so differences of them are counts too. Heap bytes per entry are readings of
     * used heap after full collections; their means get Student-t intervals over the readings
     * (zero width when every reading agrees, as with the fully compacting serial collector they do),
     * and JOL minus heap is compared with 0 on that interval ({@code count} basis: nothing is
     * timed). Timed cells are {@code timing} ratios with intervals paired by round.
     */
    static void conclude(RunData data, ResultBuilder out) {
        Rows rows = data.rows();
        Rows memory = rows.where("part", "memory");
        Map<String, String> jdkOf = new LinkedHashMap<>();
        for (Rows.Row r : rows) if (r.has("jvm")) jdkOf.putIfAbsent(r.str("jvm"), r.str("jdk"));
        String base = jdkOf.getOrDefault(Role.BASE.id(), "?"), next = jdkOf.getOrDefault(Role.NEW.id(), "?");
        memoryTableAndChart(memory, jdkOf, out);
        memoryFindings(memory, base, next, out);
        timeTableAndChart(rows.where("part", "time"), jdkOf, out);
        timeFindings(rows.where("part", "time"), base, next, out);
    }

    static String label(String role, Map<String, String> jdkOf) {
        String jdk = jdkOf.getOrDefault(role, "?");
        return role.equals(Role.NEW_COH.id()) ? "JDK " + jdk + " + compact headers" : "JDK " + jdk;
    }

    static Optional<Rows.Row> one(Rows rows, String metric, String jvm, String subject) {
        return rows.metric(metric).where("jvm", jvm).where("subject", subject).first();
    }

    private static void memoryFindings(Rows memory, String base, String next, ResultBuilder out) {
        String subject = "hashmap_integer";
        Optional<Rows.Row> jolBase = one(memory, "bytes_per_entry", Role.BASE.id(), subject);
        Optional<Rows.Row> jolNew = one(memory, "bytes_per_entry", Role.NEW.id(), subject);
        Optional<Rows.Row> jolCoh = one(memory, "bytes_per_entry", Role.NEW_COH.id(), subject);
        out.attempt("compact_headers_bytes_saved_hashmap_integer", () -> {
            if (jolNew.isPresent() && jolCoh.isPresent()) {
                double saved = jolNew.get().value() - jolCoh.get().value();
                out.finding(Finding.count("compact_headers_bytes_saved_hashmap_integer", saved, "B/entry",
                        "Compact object headers saved %.2f bytes per HashMap<Integer,Integer> entry on JDK " + next + " (JOL: "
                                + fmt(jolNew.get().value()) + " -> " + fmt(jolCoh.get().value()) + " B/entry, " + jolNew.get().str("n_keys") + " entries)")
                        .where("n_keys", jolNew.get().str("n_keys")).where("new_jdk", next));
            }
        });
        out.attempt("new_jdk_bytes_saved_hashmap_integer", () -> {
            if (jolBase.isPresent() && jolNew.isPresent()) {
                double saved = jolBase.get().value() - jolNew.get().value();
                out.finding(Finding.count("new_jdk_bytes_saved_hashmap_integer", saved, "B/entry",
                        "JDK " + next + " (default headers) used %.2f bytes per HashMap<Integer,Integer> entry fewer than JDK " + base + " (JOL: "
                                + fmt(jolBase.get().value()) + " -> " + fmt(jolNew.get().value()) + " B/entry)")
                        .where("n_keys", jolBase.get().str("n_keys")).where("base_jdk", base).where("new_jdk", next));
            }
        });
        out.attempt("compact_headers_heap_bytes_saved_hashmap_integer", () -> {
            Optional<Rows.Row> heapNew = one(memory, "heap_bytes_per_entry", Role.NEW.id(), subject);
            Optional<Rows.Row> heapCoh = one(memory, "heap_bytes_per_entry", Role.NEW_COH.id(), subject);
            if (heapNew.isPresent() && heapCoh.isPresent()) {
                Estimate d = difference(heapNew.get().measured(), heapCoh.get().measured());
                out.finding(Finding.versus("compact_headers_heap_bytes_saved_hashmap_integer", d, 0, "B/entry", Finding.Basis.COUNT,
                        "By used heap after full collections, compact headers saved %.2f bytes per HashMap<Integer,Integer> entry on JDK " + next)
                        .where("n_keys", heapNew.get().str("n_keys")).where("new_jdk", next));
            }
        });
        for (Role role : Role.values()) {
            out.attempt("jol_minus_heap_" + role.id() + "_hashmap_integer", () -> {
                Optional<Rows.Row> jolOwn = one(memory, "new_bytes_per_entry", role.id(), subject);
                Optional<Rows.Row> heap = one(memory, "heap_bytes_per_entry", role.id(), subject);
                if (jolOwn.isEmpty() || heap.isEmpty()) return;
                Estimate h = heap.get().measured().estimate();
                double jol = jolOwn.get().value();
                Estimate d = h.hasInterval() ? new Estimate(jol - h.value(), jol - h.high(), jol - h.low(), h.n())
                        : exactIfAllEqual(heap.get().measured(), jol);
                String jvm = role == Role.NEW_COH ? "JDK " + next + " with compact headers" : "JDK " + (role == Role.BASE ? base : next);
                out.finding(Finding.versus("jol_minus_heap_" + role.id() + "_hashmap_integer", d, 0, "B/entry", Finding.Basis.COUNT,
                        "On " + jvm + ", JOL's bytes per HashMap<Integer,Integer> entry (shared boxes left out) minus the used-heap growth per entry: %.3f")
                        .where("n_keys", jolOwn.get().str("n_keys")).where("jdk", role == Role.BASE ? base : next));
            });
        }
    }

    /** Mean of a minus mean of b over their readings, with a Welch interval (exact when every reading of each side agrees). */
    static Estimate difference(Measured a, Measured b) {
        double[] xa = a.samples().stream().mapToDouble(Estimates.Sample::value).toArray();
        double[] xb = b.samples().stream().mapToDouble(Estimates.Sample::value).toArray();
        if (xa.length == 0 || xb.length == 0) return new Estimate(a.value() - b.value(), Double.NaN, Double.NaN, 0);
        double ma = Stats.mean(xa), mb = Stats.mean(xb);
        double va = xa.length > 1 ? Math.pow(Stats.standardDeviation(xa), 2) / xa.length : Double.NaN;
        double vb = xb.length > 1 ? Math.pow(Stats.standardDeviation(xb), 2) / xb.length : Double.NaN;
        double d = ma - mb;
        if (Double.isNaN(va) || Double.isNaN(vb)) return new Estimate(d, Double.NaN, Double.NaN, Math.min(xa.length, xb.length));
        if (va + vb == 0) return new Estimate(d, d, d, Math.min(xa.length, xb.length));
        double df = Math.pow(va + vb, 2) / (va * va / (xa.length - 1) + vb * vb / (xb.length - 1));
        double h = Estimates.t(df) * Math.sqrt(va + vb);
        return new Estimate(d, d - h, d + h, Math.min(xa.length, xb.length));
    }

    private static Estimate exactIfAllEqual(Measured heap, double jol) {
        double[] xs = heap.samples().stream().mapToDouble(Estimates.Sample::value).toArray();
        boolean allEqual = xs.length > 1 && java.util.Arrays.stream(xs).allMatch(x -> x == xs[0]);
        double d = jol - heap.value();
        return allEqual ? new Estimate(d, d, d, xs.length) : new Estimate(d, Double.NaN, Double.NaN, xs.length);
    }

    private static void timeFindings(Rows time, String base, String next, ResultBuilder out) {
        for (String cell : time.distinct("subject")) {
            Cell c = Cell.parse(cell);
            String metric = c.metric();
            Optional<Rows.Row> b = one(time, metric, Role.BASE.id(), cell);
            Optional<Rows.Row> n = one(time, metric, Role.NEW.id(), cell);
            Optional<Rows.Row> coh = one(time, metric, Role.NEW_COH.id(), cell);
            Finding.Quantity q = c.mode == Mode.Throughput ? Finding.Quantity.THROUGHPUT : Finding.Quantity.TIME;
            out.attempt("new_vs_base_jdk_" + cell, () -> {
                if (b.isPresent() && n.isPresent()) {
                    out.finding(Finding.ratio("new_vs_base_jdk_" + cell, "JDK " + next + " (" + c.label + ")", "JDK " + base,
                            q, n.get().measured().ratioTo(b.get().measured()), Finding.Basis.TIMING)
                            .where("n_keys", n.get().str("n_keys")).where("base_jdk", base).where("new_jdk", next));
                }
            });
            out.attempt("compact_headers_vs_default_" + cell, () -> {
                if (n.isPresent() && coh.isPresent()) {
                    out.finding(Finding.ratio("compact_headers_vs_default_" + cell, "JDK " + next + " with compact headers (" + c.label + ")",
                            "default headers", q, coh.get().measured().ratioTo(n.get().measured()), Finding.Basis.TIMING)
                            .where("n_keys", n.get().str("n_keys")).where("new_jdk", next));
                }
            });
        }
        out.attempt("compact_headers_alloc_per_put", () -> {
            Optional<Rows.Row> allocNew = one(time, "alloc_per_put", Role.NEW.id(), Cell.GC_FILL.id);
            Optional<Rows.Row> allocCoh = one(time, "alloc_per_put", Role.NEW_COH.id(), Cell.GC_FILL.id);
            if (allocNew.isPresent() && allocCoh.isPresent()) {
                out.finding(Finding.ratio("compact_headers_alloc_per_put", "HashMap fill with compact headers (JDK " + next + ")", "default headers",
                        Finding.Quantity.BYTES, allocCoh.get().measured().ratioTo(allocNew.get().measured()), Finding.Basis.TIMING)
                        .where("n_keys", allocNew.get().str("n_keys")).where("new_jdk", next));
            }
        });
    }
}
