package maplab.experiments.syncvariants;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import maplab.run.RunData;
import maplab.conclude.Finding;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.conclude.TidyTables;
import maplab.subject.concurrent.SharedMapType;
import maplab.subject.user.UserSubject;
import maplab.experiments.syncvariants.SyncVariantsPlan.Comparison;
import static maplab.subject.concurrent.SharedMapType.CONCURRENT_HASH_MAP;
import static maplab.experiments.syncvariants.SyncVariants.LATENCY_PART;
import static maplab.experiments.syncvariants.SyncVariants.PART;
import static maplab.experiments.syncvariants.SyncVariantsCharts.charts;
import static maplab.experiments.syncvariants.SyncVariantsLatencyConclude.allocationFindings;
import static maplab.experiments.syncvariants.SyncVariantsLatencyConclude.concludeLatency;
import static maplab.experiments.syncvariants.SyncVariantsPlan.COMPARISONS;
import static maplab.experiments.syncvariants.SyncVariantsPlan.userRatioId;

/**
 * sync-variants' conclusions ({@link SyncVariants#conclude}) from the stored rows: the throughput
 * comparisons and their tables; allocation, latency and contention are
 * {@link SyncVariantsLatencyConclude}'s.
 */
final class SyncVariantsConclude {

    private SyncVariantsConclude() { }

    /** The slice the findings and the plainly named charts use: a key count and a popularity. */
    record Slice(int nKeys, String popularity) {
        /** The largest key count measured, uniform popularity when measured (else the first measured). */
        static Optional<Slice> headline(Rows throughput) {
            Optional<Integer> keys = throughput.distinct("n_keys").stream().map(Integer::parseInt).max(Integer::compare);
            List<String> pops = throughput.distinct("popularity");
            if (keys.isEmpty() || pops.isEmpty()) return Optional.empty();
            return Optional.of(new Slice(keys.get(), pops.contains("uniform") ? "uniform" : pops.get(0)));
        }
    }

    static void conclude(RunData data, ResultBuilder out) {
        Rows throughput = data.rows().metric("throughput");
        concludeLatency(data.rows(), out, data.params().getEffort(LATENCY_PART).looks());
        Optional<Slice> headline = Slice.headline(throughput);
        if (headline.isEmpty()) return;
        Slice slice = headline.get();
        Rows alloc = data.rows().metric("alloc_per_op");
        // the logical core count measure recorded (absent from runs made before it was a row)
        Integer cores = data.rows().metric("logical_cores").first().map(r -> (int) Math.round(r.value())).orElse(null);

        charts(out, throughput, slice);
        tables(out, throughput, alloc, slice, cores);
        findings(out, throughput, slice, data.params().getInt("finding_threads"), data.params().getEffort(PART).looks(), cores);
        allocationFindings(out, alloc, slice, data.params().getInt("finding_threads"));
    }

    static Rows cells(Rows throughput, int readPct, Slice slice) {
        return throughput.where("read_pct", readPct).where("n_keys", slice.nKeys()).where("popularity", slice.popularity());
    }

    static Optional<Rows.Row> cell(Rows metric, SharedMapType t, int readPct, int threads, Slice slice) {
        Rows r = cells(metric, readPct, slice).where("subject", t.id()).where("threads", threads);
        return r.size() == 1 ? Optional.of(r.one()) : Optional.empty();
    }

    static List<Integer> ints(Rows rows, String column) {
        return rows.distinct(column).stream().map(Integer::parseInt).sorted().toList();
    }

    private static void tables(ResultBuilder out, Rows throughput, Rows alloc, Slice slice, Integer cores) {
        List<Integer> threadCounts = ints(throughput, "threads");
        List<Map<String, Object>> tp = new ArrayList<>();
        List<Map<String, Object>> al = new ArrayList<>();
        for (int read : ints(throughput, "read_pct").stream().sorted(Comparator.reverseOrder()).toList()) {
            for (SharedMapType t : SharedMapType.values()) {
                Map<String, Object> tpRow = new LinkedHashMap<>();
                Map<String, Object> alRow = new LinkedHashMap<>();
                for (Map<String, Object> row : List.of(tpRow, alRow)) {
                    row.put("subject", t.label());
                    row.put("read_pct", read);
                }
                boolean any = false;
                for (int threads : threadCounts) {
                    Optional<Rows.Row> s = cell(throughput, t, read, threads, slice);
                    Optional<Rows.Row> a = cell(alloc, t, read, threads, slice);
                    any |= s.isPresent();
                    String suffix = threads + (threads == 1 ? " thread" : " threads");
                    tpRow.put("ops/us, " + suffix, s.map(Rows.Row::value).orElse(null));
                    tpRow.put("± " + suffix, s.map(Rows.Row::error).orElse(null));
                    alRow.put("B/op, " + suffix, a.map(Rows.Row::value).orElse(null));
                }
                if (any) {
                    tp.add(tpRow);
                    al.add(alRow);
                }
            }
        }
        out.table("throughput", TidyTables.fromRows("throughput", tp));
        out.table("allocation per operation", TidyTables.fromRows("allocation per operation", al));

        List<Map<String, Object>> perCore = new ArrayList<>();
        for (int threads : threadCounts) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("threads", threads);
            if (cores != null) {
                row.put("logical_cores", cores);
                row.put("threads_per_core", (double) threads / cores);
                row.put("oversubscribed", threads > cores);
            }
            perCore.add(row);
        }
        out.table("threads per core", TidyTables.fromRows("threads per core", perCore));
    }

    /** {@code looks}: how often a sequential effort looked at each comparison (the Bonferroni divisor of its interval). */
    private static void findings(ResultBuilder out, Rows throughput, Slice slice, int findingThreads, int looks, Integer cores) {
        List<String> missing = new ArrayList<>();
        for (Comparison c : COMPARISONS) out.attempt(c.id(), () -> ratio(out, missing, throughput, slice, c, c.id(), findingThreads, looks));
        int maxThreads = ints(throughput, "threads").stream().max(Integer::compare).orElse(1);
        if (maxThreads > findingThreads) {
            for (Comparison c : COMPARISONS) {
                String id = c.id() + "_t" + maxThreads;
                out.attempt(id, () -> ratio(out, missing, throughput, slice, c, id, maxThreads, looks));
            }
        }
        userRatios(out, throughput, slice, findingThreads, looks);
        if (!missing.isEmpty()) out.note("findings_not_computed", missing);

        if (cores == null) return;
        out.attempt("max_threads_per_core", () -> threadsPerCore(out, maxThreads, cores));
    }

    /** How many threads the highest thread count puts on each logical core ({@code max_threads_per_core}). */
    private static void threadsPerCore(ResultBuilder out, int maxThreads, int cores) {
        double perCore = (double) maxThreads / cores;
        String text = perCore > 1
                ? String.format(Locale.ROOT, "The highest thread count, %d, puts %%.2f threads on each of this machine's %d logical cores:"
                        + " every column above %d threads is oversubscribed, so threads take turns on a core (throughput cannot grow"
                        + " past the %d-thread column), and a thread descheduled while holding a lock makes every thread waiting for that lock wait"
                        + " for the scheduler too", maxThreads, cores, cores, cores)
                : String.format(Locale.ROOT, "The highest thread count, %d, puts %%.2f threads on each of this machine's %d logical cores:"
                        + " no column is oversubscribed, every thread can have a core of its own", maxThreads, cores);
        out.finding(Finding.parameter("max_threads_per_core", perCore, "threads/core", text)
                .where("threads", maxThreads).where("logical_cores", cores));
    }

    /**
     * Each user shared map against ConcurrentHashMap at the finding thread count, per read share
     * measured, in the headline slice: {@code <user>_vs_concurrent_hash_map_read<pct>} (throughput ratio, paired by round).
     */
    private static void userRatios(ResultBuilder out, Rows throughput, Slice slice, int threads, int looks) {
        for (String user : throughput.distinct("subject")) {
            if (!UserSubject.isUserId(user)) continue;
            for (int readPct : ints(throughput.where("subject", user), "read_pct")) {
                Rows a = cells(throughput, readPct, slice).where("subject", user).where("threads", threads);
                Optional<Rows.Row> b = cell(throughput, CONCURRENT_HASH_MAP, readPct, threads, slice);
                if (a.size() != 1 || b.isEmpty()) continue;
                String id = userRatioId(user, readPct);
                out.attempt(id, () -> {
                    Finding f = Finding.ratio(id, UserSubject.label(user),
                            CONCURRENT_HASH_MAP.label(), Finding.Quantity.THROUGHPUT, a.one().measured().ratioTo(b.get().measured(), looks), Finding.Basis.TIMING);
                    out.finding(f.at(where(threads, readPct, slice)).where("threads", threads).where("read_pct", readPct).where("n_keys", slice.nKeys())
                            .where("popularity", slice.popularity()));
                });
            }
        }
    }

    /** Throughput of {@code c.a()} over {@code c.b()} at {@code threads} threads, in the headline slice, paired by round. */
    private static void ratio(ResultBuilder out, List<String> missing, Rows throughput, Slice slice, Comparison c, String id, int threads, int looks) {
        Optional<Rows.Row> a = cell(throughput, c.a(), c.readPct(), threads, slice);
        Optional<Rows.Row> b = cell(throughput, c.b(), c.readPct(), threads, slice);
        if (a.isEmpty() || b.isEmpty()) {
            missing.add(id + ": needs " + c.a().id() + " and " + c.b().id() + " at " + threads + " threads, " + c.readPct() + "% reads, "
                    + slice.nKeys() + " keys, " + slice.popularity());
            return;
        }
        Finding f = Finding.ratio(id, c.a().label(), c.b().label(), Finding.Quantity.THROUGHPUT,
                a.get().measured().ratioTo(b.get().measured(), looks), Finding.Basis.TIMING);
        out.finding(f.at(where(threads, c.readPct(), slice))
                .where("threads", threads).where("read_pct", c.readPct()).where("n_keys", slice.nKeys())
                .where("popularity", slice.popularity()));
    }

    /** "4 threads, 95% reads, 65536 keys, uniform popularity": where a throughput ratio was measured. */
    private static String where(int threads, int readPct, Slice slice) {
        return threads + (threads == 1 ? " thread, " : " threads, ") + readPct + "% reads, " + slice.nKeys() + " keys, " + slice.popularity() + " popularity";
    }
}
