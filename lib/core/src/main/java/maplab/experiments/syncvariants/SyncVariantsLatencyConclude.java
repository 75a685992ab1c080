package maplab.experiments.syncvariants;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import maplab.measure.Contention;
import maplab.conclude.Finding;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.conclude.TidyTables;
import maplab.subject.concurrent.SharedMapType;
import maplab.experiments.syncvariants.SyncVariantsConclude.Slice;
import static maplab.subject.concurrent.SharedMapType.CONCURRENT_HASH_MAP;
import static maplab.subject.concurrent.SharedMapType.SHARDED;
import static maplab.subject.concurrent.SharedMapType.SYNCHRONIZED_MAP;
import static maplab.experiments.syncvariants.SyncVariants.FINDING_PERCENTILES;
import static maplab.experiments.syncvariants.SyncVariants.PERCENTILES;
import static maplab.experiments.syncvariants.SyncVariantsCharts.blockedChart;
import static maplab.experiments.syncvariants.SyncVariantsCharts.latencyChart;
import static maplab.experiments.syncvariants.SyncVariantsConclude.cell;
import static maplab.experiments.syncvariants.SyncVariantsConclude.ints;
import static maplab.experiments.syncvariants.SyncVariantsMeasure.cell;
import static maplab.experiments.syncvariants.SyncVariantsPlan.allocationId;
import static maplab.experiments.syncvariants.SyncVariantsPlan.blockedPerOpId;
import static maplab.experiments.syncvariants.SyncVariantsPlan.blockedShardedId;
import static maplab.experiments.syncvariants.SyncVariantsPlan.blockedVersusId;
import static maplab.experiments.syncvariants.SyncVariantsPlan.latencyRatioId;

/**
 * sync-variants' allocation, latency and contention conclusions: allocation per operation, each
 * subject's blocked time and latency percentiles against ConcurrentHashMap, and their tables.
 */
final class SyncVariantsLatencyConclude {

    private SyncVariantsLatencyConclude() { }

    /**
     * Allocation per operation of each subject at {@code finding_threads} threads and every read
     * share with writes (at 100% reads no map allocates), headline slice: {@code gc.alloc.rate.norm}
     * of JMH's gc profiler, the mean of fork means with its interval over forks. Keys and values
     * are boxed in setup and writes overwrite existing keys, so what is left is the map's own:
     * copies, queue nodes, lock records.
     */
    static void allocationFindings(ResultBuilder out, Rows alloc, Slice slice, int threads) {
        out.groups("allocation");
        for (int read : ints(alloc, "read_pct").stream().sorted(Comparator.reverseOrder()).toList()) {
            if (read == 100) continue;
            for (SharedMapType t : SharedMapType.values()) {
                Optional<Rows.Row> r = cell(alloc, t, read, threads, slice);
                if (r.isEmpty() || Double.isNaN(r.get().value())) continue;
                String template = t.label() + " allocated %.2f B per operation at " + threads + " threads, " + read + "%% reads, "
                        + slice.nKeys() + " keys (JMH gc profiler, gc.alloc.rate.norm)";
                Rows.Row row = r.get();
                out.inGroup("allocation", () -> out.attempt(allocationId(t, read), () -> {
                    // a run stored without samples has only JMH's own error
                    maplab.stats.Estimates.Estimate e = !row.samples().isEmpty() ? row.measured().estimate()
                            : new maplab.stats.Estimates.Estimate(row.value(), row.value() - row.error(), row.value() + row.error(), 0);
                    out.finding(Finding.estimate(allocationId(t, read), e.atLeast(0), "B/op",
                                    Finding.Basis.TIMING, template)
                            .where("threads", threads).where("read_pct", read).where("n_keys", slice.nKeys()).where("popularity", slice.popularity()));
                }));
            }
        }
    }

    /** The id token of a percentile: p50, p99, p999. */
    static String percentileToken(String percentile) {
        return percentile.replace(".", "");
    }

    /**
     * The latency and contention findings, tables and charts (none when the run measured no
     * latency cell); {@code looks}: how often a sequential latency effort looked at each pair
     * (the Bonferroni divisor of the percentile ratios' intervals).
     */
    static void concludeLatency(Rows rows, ResultBuilder out, int looks) {
        out.groups("latency", "contention");
        Rows latency = rows.metric("latency");
        Rows perSecond = rows.metric("blocked_per_s");
        Rows perOp = rows.metric("blocked_per_op");
        if (latency.isEmpty() && perSecond.isEmpty()) return;
        List<String> missing = new ArrayList<>();
        java.util.SortedSet<Integer> reads = new java.util.TreeSet<>(Comparator.reverseOrder());
        reads.addAll(ints(latency, "read_pct"));
        reads.addAll(ints(perSecond, "read_pct"));   // the same shares, unless a run lacks some rows
        for (int read : reads) {
            Rows lat = latency.where("read_pct", read);
            Rows bps = perSecond.where("read_pct", read);
            Rows bpo = perOp.where("read_pct", read);
            latencyChart(out, lat, read);
            blockedChart(out, bps, read);
            Optional<Rows.Row> chmBlocked = one(bps.where("subject", CONCURRENT_HASH_MAP.id()));
            for (SharedMapType t : SharedMapType.values()) {
                Optional<Rows.Row> blocked = one(bps.where("subject", t.id()));
                Optional<Rows.Row> op = one(bpo.where("subject", t.id()));
                if (blocked.isPresent() && op.isPresent()) {
                    Rows.Row b = blocked.get();
                    out.inGroup("contention", () -> out.attempt(blockedPerOpId(t, read), () -> {
                        String where = conditionsText(b).replace("%", "%%");
                        out.finding(conditions(Finding.estimate(blockedPerOpId(t, read), op.get().measured().estimate().atLeast(0), "ns/op",
                                Finding.Basis.TIMING, t.label() + " threads spent %.1f ns blocked per operation (JFR waits over " + b.str("threshold_us")
                                        + " us, " + where + ")"), b));
                    }));
                }
                if (t == CONCURRENT_HASH_MAP) continue;
                if (blocked.isPresent()) {
                    String id = blockedVersusId(t, read);
                    if (chmBlocked.isEmpty()) {
                        missing.add(id + ": needs concurrent_hash_map in latency_subjects");
                    } else {
                        out.inGroup("contention", () -> out.attempt(id, () -> out.finding(blockedVersus(id, t, blocked.get(), chmBlocked.get()))));
                    }
                }
                for (String pct : FINDING_PERCENTILES) {
                    Optional<Rows.Row> a = one(lat.where("subject", t.id()).where("percentile", pct));
                    Optional<Rows.Row> b = one(lat.where("subject", CONCURRENT_HASH_MAP.id()).where("percentile", pct));
                    String id = latencyRatioId(pct, t, read);
                    if (a.isEmpty()) continue;
                    if (b.isEmpty()) {
                        missing.add(id + ": needs concurrent_hash_map in latency_subjects");
                        continue;
                    }
                    out.inGroup("latency", () -> out.attempt(id, () -> {
                        Finding f = Finding.ratio(id, pct + " latency of " + t.label(), "ConcurrentHashMap", Finding.Quantity.TIME,
                                a.get().measured().ratioTo(b.get().measured(), looks), Finding.Basis.TIMING);
                        out.finding(conditions(f.at(conditionsText(a.get())), a.get()).where("percentile", pct));
                    }));
                }
            }
        }
        for (int read : reads) shardedVersusOneLock(out, perSecond.where("read_pct", read), read);
        if (!missing.isEmpty()) out.note("latency_findings_not_computed", missing);
        latencyTables(out, latency, perSecond, perOp, rows);
    }

    /** The sharded map's blocked time minus synchronizedMap's at one read share ({@code blocked_sharded_vs_synchronized_read<pct>}), when both were recorded. */
    private static void shardedVersusOneLock(ResultBuilder out, Rows blockedPerSecond, int read) {
        Optional<Rows.Row> sharded = one(blockedPerSecond.where("subject", SHARDED.id()));
        Optional<Rows.Row> oneLock = one(blockedPerSecond.where("subject", SYNCHRONIZED_MAP.id()));
        if (sharded.isEmpty() || oneLock.isEmpty()) return;
        String id = blockedShardedId(read);
        out.inGroup("contention", () -> out.attempt(id, () -> out.finding(blockedBetween(id, SHARDED, sharded.get(), SYNCHRONIZED_MAP, oneLock.get()))));
    }

    static Optional<Rows.Row> one(Rows r) {
        return r.size() == 1 ? Optional.of(r.one()) : Optional.empty();
    }

    /** "4 threads, 95% reads, 65536 keys, uniform popularity" from a latency or contention row. */
    static String conditionsText(Rows.Row r) {
        return r.str("threads") + " threads, " + r.str("read_pct") + "% reads, " + r.str("n_keys") + " keys, " + r.str("popularity") + " popularity";
    }

    private static Finding conditions(Finding f, Rows.Row r) {
        Finding out = f.where("threads", r.integer("threads")).where("read_pct", r.integer("read_pct"))
                .where("n_keys", r.integer("n_keys")).where("popularity", r.str("popularity"));
        return r.has("threshold_us") ? out.where("threshold_us", r.integer("threshold_us")) : out;
    }

    /**
     * Blocked time of {@code t} minus that of ConcurrentHashMap (ms blocked per second, summed
     * over threads), paired by round: the mean of the per-round differences with its t interval
     * over rounds. A difference, not a ratio: ConcurrentHashMap often has no wait over the
     * threshold at all, and a ratio to zero means nothing.
     */
    static Finding blockedVersus(String id, SharedMapType t, Rows.Row a, Rows.Row chm) {
        return blockedBetween(id, t, a, CONCURRENT_HASH_MAP, chm);
    }

    /**
     * Blocked time of {@code t} minus that of {@code other} (ms blocked per second, summed over
     * threads), paired by round, as {@link #blockedVersus} (e.g. the sharded map against one lock).
     */
    static Finding blockedBetween(String id, SharedMapType t, Rows.Row a, SharedMapType baseline, Rows.Row chm) {
        java.util.SortedMap<Integer, Double> fa = a.measured().forkMeans();
        java.util.SortedMap<Integer, Double> fb = chm.measured().forkMeans();
        Map<Integer, Double> diff = new java.util.TreeMap<>();
        for (Map.Entry<Integer, Double> e : fa.entrySet()) {
            Double other = fb.get(e.getKey());
            if (other != null) diff.put(e.getKey(), e.getValue() - other);
        }
        maplab.stats.Estimates.Estimate d = maplab.stats.Estimates.mean(diff);
        String template = "At " + conditionsText(a).replace("%", "%%") + ", " + t.label() + " threads were blocked %.1f ms per second more than " + baseline.label() + "'s ("
                + maplab.stats.Numbers.format(a.value()) + " against " + maplab.stats.Numbers.format(chm.value()) + " ms/s, summed over threads; JFR waits over " + a.str("threshold_us") + " us, paired by round)";
        return conditions(Finding.versus(id, d, 0, "ms/s", Finding.Basis.TIMING, template), a);
    }

    private static void latencyTables(ResultBuilder out, Rows latency, Rows perSecond, Rows perOp, Rows rows) {
        List<Map<String, Object>> lt = new ArrayList<>();
        for (int read : ints(latency, "read_pct").stream().sorted(Comparator.reverseOrder()).toList()) {
            for (SharedMapType t : SharedMapType.values()) {
                Rows here = latency.where("read_pct", read).where("subject", t.id());
                if (here.isEmpty()) continue;
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("subject", t.label());
                row.put("read_pct", read);
                for (String pct : PERCENTILES.keySet()) {
                    Optional<Rows.Row> r = one(here.where("percentile", pct));
                    row.put(pct + " (" + here.list().get(0).str("unit") + ")", r.map(Rows.Row::value).orElse(null));
                    row.put("± " + pct, r.map(Rows.Row::error).orElse(null));
                }
                lt.add(row);
            }
        }
        if (!lt.isEmpty()) out.table("latency percentiles", TidyTables.fromRows("latency percentiles", lt));

        List<Map<String, Object>> bt = new ArrayList<>();
        List<Map<String, Object>> ft = new ArrayList<>();
        for (Rows.Row r : perSecond) {
            String subject = r.str("subject");
            String read = r.str("read_pct");
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("subject", SharedMapType.parse(subject).label());
            row.put("read_pct", Integer.parseInt(read));
            row.put("threads", Integer.parseInt(r.str("threads")));
            row.put("threshold_us", Integer.parseInt(r.str("threshold_us")));
            row.put("blocked ms/s", r.value());
            row.put("± ms/s", r.error());
            Optional<Rows.Row> op = one(perOp.where("subject", subject).where("read_pct", read));
            row.put("blocked ns/op", op.map(Rows.Row::value).orElse(null));
            row.put("± ns/op", op.map(Rows.Row::error).orElse(null));
            for (String e : Contention.EVENTS) {
                Rows ev = rows.metric("blocked_events").where("subject", subject).where("read_pct", read).where("event", e);
                row.put(e + " events", one(ev).map(x -> (long) x.value()).orElse(null));
            }
            bt.add(row);
            Rows frames = rows.metric("blocked_frame_ms").where("subject", subject).where("read_pct", read);
            double total = frames.list().stream().mapToDouble(Rows.Row::value).sum();
            for (Rows.Row f : frames.list().stream().sorted(Comparator.comparingLong(x -> x.integer("rank"))).toList()) {
                Map<String, Object> fr = new LinkedHashMap<>();
                fr.put("subject", SharedMapType.parse(subject).label());
                fr.put("read_pct", Integer.parseInt(read));
                fr.put("rank", f.integer("rank"));
                fr.put("frame", f.str("frame"));
                fr.put("blocked ms (all forks)", f.value());
                fr.put("share of the top frames", total > 0 ? f.value() / total : null);
                ft.add(fr);
            }
        }
        if (!bt.isEmpty()) out.table("blocked time", TidyTables.fromRows("blocked time", bt));
        if (!ft.isEmpty()) out.table("top contended frames", TidyTables.fromRows("top contended frames", ft));
    }
}
