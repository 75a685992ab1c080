package maplab.experiments.iteration;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import maplab.run.RunData;
import maplab.conclude.Finding;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.stats.Estimates.Estimate;
import maplab.subject.iteration.IterationMapKind;
import maplab.subject.iteration.IterationStyle;
import maplab.subject.iteration.MapState;
import maplab.subject.iteration.NodeLayout;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import static maplab.experiments.iteration.IterationCharts.localityChart;
import static maplab.experiments.iteration.IterationCharts.ratioChart;
import static maplab.experiments.iteration.IterationCharts.statesChart;
import static maplab.experiments.iteration.IterationCharts.stylesChart;
import static maplab.experiments.iteration.IterationProfileConclude.concludeProfile;

/**
 * iteration's conclusions ({@link Iteration#conclude}) from the stored rows: the states' and styles'
 * time ratios, the locality findings and table; the profile's are {@link IterationProfileConclude}'s.
 */
final class IterationConclude {

    private IterationConclude() { }

    /** The comparisons of node layouts: a time ratio each, when both layouts are measured. */
    record LocalityRatio(String id, NodeLayout a, NodeLayout b) { }

    static final List<LocalityRatio> LOCALITY_RATIOS = List.of(
            new LocalityRatio("locality_random_vs_copied", NodeLayout.RANDOM, NodeLayout.COPIED),
            new LocalityRatio("locality_copied_vs_ascending", NodeLayout.COPIED, NodeLayout.ASCENDING),
            new LocalityRatio("locality_rebuilt_vs_ascending", NodeLayout.REBUILT, NodeLayout.ASCENDING),
            new LocalityRatio("locality_full_gc_vs_random", NodeLayout.RANDOM_FULL_GC, NodeLayout.RANDOM),
            new LocalityRatio("locality_young_gc_vs_random", NodeLayout.RANDOM_YOUNG_GC, NodeLayout.RANDOM));

    /** An iteration compared with a HashMap's entrySet walk: another structure or style ({@code a}) against HashMap entrySet. */
    record StructureRatio(String id, IterationMapKind kind, IterationStyle style, String label) { }

    /** The structures and styles set against a HashMap's entrySet walk (the styles part, same size, paired by round). */
    static final List<StructureRatio> STRUCTURE_RATIOS = List.of(
            new StructureRatio("array_vs_hashmap_iteration", IterationMapKind.HASHMAP, IterationStyle.SNAPSHOT, "a snapshot array of a HashMap's entries"),
            new StructureRatio("linkedhashmap_vs_hashmap_iteration", IterationMapKind.LINKEDHASHMAP, IterationStyle.ENTRYSET, "a LinkedHashMap's entrySet"),
            new StructureRatio("treemap_vs_hashmap_iteration", IterationMapKind.TREEMAP, IterationStyle.ENTRYSET, "a TreeMap's entrySet"));

    /** Each of {@link #STRUCTURE_RATIOS} whose two cells the styles part measured: a time ratio against HashMap entrySet. */
    private static void concludeStructures(Rows styles, ResultBuilder out) {
        Rows base = styles.where("subject", IterationMapKind.HASHMAP.id()).where("style", IterationStyle.ENTRYSET.id());
        if (base.isEmpty()) return;
        for (StructureRatio r : STRUCTURE_RATIOS) {
            Rows a = styles.where("subject", r.kind().id()).where("style", r.style().id());
            if (a.isEmpty()) continue;
            out.attempt(r.id(), () -> out.finding(Finding.timeRatio(r.id(), "Iterating " + r.label() + " of " + a.one().integer("n_keys") + " entries",
                    "a HashMap's entrySet", a.one().measured().ratioTo(base.one().measured())).where("n_keys", a.one().integer("n_keys"))));
        }
    }

    static void conclude(RunData data, ResultBuilder out) {
        Rows rows = data.rows();
        Rows states = rows.metric("iterate_time").where("part", "states");
        Rows styles = rows.metric("iterate_time").where("part", "styles");

        Rows hashMap = states.where("subject", IterationMapKind.HASHMAP.id());
        Rows fresh = hashMap.where("state", MapState.FRESH.id());
        for (MapState variant : List.of(MapState.DRAINED, MapState.CLEARED)) {
            Rows v = hashMap.where("state", variant.id());
            if (fresh.isEmpty() || v.isEmpty()) continue;
            out.attempt(variant.id() + "_vs_fresh", () -> {
                long n = v.one().integer("n_filled");
                long k = v.one().integer("n_keys");
                String a = variant == MapState.DRAINED ? "Iterating a HashMap drained from " + n + " to " + k + " entries"
                        : "Iterating a HashMap cleared after " + n + " entries and refilled with " + k;
                out.finding(Finding.timeRatio(variant.id() + "_vs_fresh", a, "a fresh HashMap of " + k,
                        v.one().measured().ratioTo(fresh.one().measured())).where("n_filled", n).where("n_keys", k));
            });
        }
        Rows hashMapStyles = styles.where("subject", IterationMapKind.HASHMAP.id());
        Rows keySetGet = hashMapStyles.where("style", IterationStyle.KEYSET_GET.id());
        Rows entrySet = hashMapStyles.where("style", IterationStyle.ENTRYSET.id());
        if (!keySetGet.isEmpty() && !entrySet.isEmpty()) {
            out.attempt("keyset_get_vs_entryset", () -> out.finding(Finding.timeRatio("keyset_get_vs_entryset",
                    "Iterating a HashMap of " + keySetGet.one().integer("n_keys") + " entries with keySet + get",
                    "entrySet", keySetGet.one().measured().ratioTo(entrySet.one().measured())).where("n_keys", keySetGet.one().integer("n_keys"))));
        }
        out.inGroup("structures", () -> concludeStructures(styles, out));
        out.inGroup("events", () -> IterationEvents.conclude(rows, out));
        out.inGroup("locality", () -> concludeLocality(rows.where("part", "locality"), out));
        out.inGroup("profile", () -> concludeProfile(rows.where("part", "profile"), out));

        ifDrawable(out, () -> {
            Table ratios = ratioTable(states, styles);
            if (ratios.rowCount() > 0) {
                out.table("ratios", ratios);
                out.chart("ratios", ratioChart(ratios, states, styles));
            }
        });
        if (!states.isEmpty()) ifDrawable(out, () -> out.chart("states", statesChart(states)));
        if (!styles.isEmpty()) ifDrawable(out, () -> out.chart("styles", stylesChart(styles)));
    }

    /**
     * Adds a table or chart unless the rows present cannot make it (a run that stopped part way):
     * then it is left out, and the findings are unaffected.
     */
    static void ifDrawable(ResultBuilder out, Runnable tableOrChart) {
        out.attempt(List.of(), tableOrChart);
    }

    /**
     * The locality findings: the random-filled HashMap against its copy, the copy against an
     * ascending-filled one (and, where measured, the rebuilt and collected layouts), time ratios
     * with paired-by-round intervals; the collections counted during the measured iterations;
     * the layouts table and chart.
     */
    private static void concludeLocality(Rows locality, ResultBuilder out) {
        Rows times = locality.metric("iterate_time");
        if (times.isEmpty()) return;
        Rows.Row any = times.list().get(0);
        long n = any.integer("n_keys");
        String collector = any.str("collector");
        String map = "a HashMap<Integer, Integer> of " + n + " entries";
        Map<String, List<String>> labels = Map.of(
                "locality_random_vs_copied", List.of("Iterating " + map + " filled in random key order", "its copy (new HashMap<>(m), nodes allocated in table order)"),
                "locality_copied_vs_ascending", List.of("Iterating the copy of a random-filled " + map.substring(2), "one filled in ascending key order"),
                "locality_rebuilt_vs_ascending", List.of("Iterating a random-filled " + map.substring(2) + " rebuilt in table order with new boxes",
                        "one filled in ascending key order"),
                "locality_full_gc_vs_random", List.of("Iterating a random-filled " + map.substring(2) + " after a full collection (" + collector + ")",
                        "the same map never collected"),
                "locality_young_gc_vs_random", List.of("Iterating a random-filled " + map.substring(2) + " after a young collection (" + collector + ")",
                        "the same map never collected"));
        for (LocalityRatio r : LOCALITY_RATIOS) {
            out.attempt(r.id(), () -> localityRatio(out, times, r, labels.get(r.id()).get(0), labels.get(r.id()).get(1), n, collector));
        }
        Rows collections = locality.metric("collections_measured");
        if (!collections.isEmpty()) {
            out.attempt("locality_collections_measured", () -> {
                double total = 0;
                for (Rows.Row r : collections) total += r.value();
                out.finding(Finding.count("locality_collections_measured", total, "collections",
                        "%.0f garbage collections ran during the measured iterations of the " + collections.size() + " layouts (JMH gc profiler, "
                                + collector + "): " + (total == 0 ? "none could move the nodes while they were timed"
                                : "a collection may have moved nodes while they were timed"))
                        .where("n_keys", n).where("collector", collector));
            });
        }
        ifDrawable(out, () -> out.table("locality", localityTable(locality)));
        ifDrawable(out, () -> out.chart("locality", localityChart(times, collector)));
    }

    private static void localityRatio(ResultBuilder out, Rows times, LocalityRatio ratio, String aLabel, String bLabel, long n, String collector) {
        Rows ra = times.where("layout", ratio.a().id());
        Rows rb = times.where("layout", ratio.b().id());
        if (ra.isEmpty() || rb.isEmpty()) return;
        out.finding(Finding.timeRatio(ratio.id(), aLabel, bLabel, ra.one().measured().ratioTo(rb.one().measured())).where("n_keys", n).where("collector", collector));
    }

    /** Layout, time per full iteration with its interval half-width, and collections during measurement. */
    static Table localityTable(Rows locality) {
        StringColumn layout = StringColumn.create("layout");
        DoubleColumn time = DoubleColumn.create("time");
        DoubleColumn error = DoubleColumn.create("error");
        StringColumn unit = StringColumn.create("unit");
        DoubleColumn ns = DoubleColumn.create("ns_per_entry");
        DoubleColumn gcs = DoubleColumn.create("collections_measured");
        for (Rows.Row r : ordered(locality.metric("iterate_time"))) {
            layout.append(NodeLayout.parse(r.str("layout")).label());
            time.append(r.value());
            error.append(r.error());
            unit.append(r.str("unit"));
            ns.append(r.str("unit").startsWith("us") ? r.value() * 1000 / r.integer("n_keys") : Double.NaN);
            Rows c = locality.metric("collections_measured").where("layout", r.str("layout"));
            gcs.append(c.isEmpty() ? Double.NaN : c.one().value());
        }
        return Table.create("locality", layout, time, error, unit, ns, gcs);
    }

    static List<Rows.Row> ordered(Rows times) {
        return times.list().stream().sorted(Comparator.comparingInt(r -> NodeLayout.parse(r.str("layout")).ordinal())).toList();
    }

    /** Every state against fresh and every style against entrySet, per kind: ratio and interval (paired by round). */
    private static Table ratioTable(Rows states, Rows styles) {
        StringColumn comparison = StringColumn.create("comparison");
        DoubleColumn ratio = DoubleColumn.create("ratio");
        DoubleColumn low = DoubleColumn.create("low");
        DoubleColumn high = DoubleColumn.create("high");
        StringColumn verdict = StringColumn.create("verdict");
        addRatios(states, "state", MapState.FRESH.id(), s -> MapState.parse(s).label(), comparison, ratio, low, high, verdict);
        addRatios(styles, "style", IterationStyle.ENTRYSET.id(), s -> IterationStyle.parse(s).label(), comparison, ratio, low, high, verdict);
        return Table.create("ratios", comparison, ratio, low, high, verdict);
    }

    private static void addRatios(Rows rows, String column, String baseline, java.util.function.Function<String, String> label,
                                  StringColumn comparison, DoubleColumn ratio, DoubleColumn low, DoubleColumn high, StringColumn verdict) {
        for (String kind : rows.distinct("subject")) {
            Rows byKind = rows.where("subject", kind);
            Rows base = byKind.where(column, baseline);
            if (base.isEmpty()) continue;
            for (String variant : byKind.distinct(column)) {
                if (variant.equals(baseline)) continue;
                Estimate e = byKind.where(column, variant).one().measured().ratioTo(base.one().measured());
                comparison.append(IterationMapKind.parse(kind).shortLabel() + " " + label.apply(variant) + " / " + label.apply(baseline));
                ratio.append(e.value());
                low.append(e.low());
                high.append(e.high());
                verdict.append(Finding.verdict(e, 1).label());
            }
        }
    }
}
