package maplab.experiments.keytypes;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import maplab.conclude.Finding;
import maplab.conclude.ResultBuilder;
import maplab.measure.MapContracts;
import maplab.measure.Rows;
import maplab.plan.Plan;
import maplab.plan.Unit;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import static maplab.experiments.keytypes.KeyTypesRows.row;

/**
 * key-types' contract edges, counted in process ({@link MapContracts}): {@code put(k, null)}
 * against {@code remove(k)} (part {@code null_values}), and read-only maps and a null reference
 * on reads and writes (part {@code read_only}); their rows, tables and findings.
 */
final class KeyTypesContracts {

    private KeyTypesContracts() { }

    static final String NULL_VALUES = "null_values", READ_ONLY = "read_only";
    /** The null_values metrics: each a 0/1 flag or a size. */
    static final List<String> NULL_METRICS = List.of("put_null_throws", "contains_key_after_put_null", "size_after_put_null",
            "default_after_put_null", "contains_key_after_remove", "size_after_remove");
    /** The read_only metrics: counts of the reads and writes that threw, and a 0/1 flag. */
    static final List<String> READ_ONLY_METRICS = List.of("reads_thrown", "writes_thrown", "writes_unsupported", "put_unsupported");

    private static Map<String, Object> dims(String part, String map, int entries) {
        return Plan.dims("part", part, "subject", map, "key_type", "", "variant", "", "n_keys", entries);
    }

    /**
     * The rows {@link #measure} writes. Their findings are not promised: references stored before
     * these parts re-conclude without them (absent, not "not computed").
     */
    static void plan(Plan.Builder plan) {
        plan.step("null values and read-only maps", 1, 0.05);
        for (String map : MapContracts.nullValueMaps()) {
            for (String m : NULL_METRICS) plan.count(dims(NULL_VALUES, map, MapContracts.NULL_VALUE_ENTRIES), m, Unit.COUNT);
        }
        for (MapContracts.ReadOnly r : MapContracts.readOnly()) {   // instant: the maps' names and sizes
            for (String m : READ_ONLY_METRICS) plan.count(dims(READ_ONLY, r.map(), r.entries()), m, Unit.COUNT);
        }
    }

    /** Counts both parts in process and writes their rows. */
    static void measure(ResultBuilder out) {
        for (MapContracts.NullValue v : MapContracts.nullValues()) {
            Map<String, Object> at = dims(NULL_VALUES, v.map(), MapContracts.NULL_VALUE_ENTRIES);
            double[] values = {flag(v.putNullThrew()), flag(v.containsAfterPutNull()), v.sizeAfterPutNull(), flag(v.defaultAfterPutNull()),
                    flag(v.containsAfterRemove()), v.sizeAfterRemove()};
            for (int i = 0; i < values.length; i++) row(out, at).measure(NULL_METRICS.get(i), values[i], Unit.COUNT);
        }
        for (MapContracts.ReadOnly r : MapContracts.readOnly()) {
            Map<String, Object> at = dims(READ_ONLY, r.map(), r.entries());
            double[] values = {r.readsThrown(), r.writesThrown(), r.writesUnsupported(), flag(r.putUnsupported())};
            for (int i = 0; i < values.length; i++) row(out, at).measure(READ_ONLY_METRICS.get(i), values[i], Unit.COUNT);
        }
    }

    private static double flag(boolean b) {
        return b ? 1 : 0;
    }

    /** The tables "null values" and "read-only maps", and the findings, when the parts ran. */
    static void conclude(Rows rows, ResultBuilder out) {
        Rows nulls = rows.where("part", NULL_VALUES);
        Rows readOnly = rows.where("part", READ_ONLY);
        if (!nulls.isEmpty()) {
            out.table("null values", pivot("null values", nulls, NULL_METRICS));
            nullValueFindings(nulls, out);
        }
        if (!readOnly.isEmpty()) {
            out.table("read-only maps", pivot("read-only maps", readOnly, READ_ONLY_METRICS));
            readOnlyFindings(readOnly, out);
        }
    }

    /** One line per map, one column per metric (in {@code metrics}' order). */
    private static Table pivot(String name, Rows part, List<String> metrics) {
        StringColumn map = StringColumn.create("map");
        IntColumn entries = IntColumn.create("entries");
        List<IntColumn> columns = metrics.stream().map(IntColumn::create).toList();
        for (String subject : part.distinct("subject")) {
            Rows one = part.where("subject", subject);
            map.append(subject);
            entries.append((int) one.list().get(0).integer("n_keys"));
            for (int i = 0; i < metrics.size(); i++) {
                columns.get(i).append(one.metric(metrics.get(i)).first().map(r -> (int) Math.round(r.value())).orElse(null));
            }
        }
        Table t = Table.create(name, map, entries);
        columns.forEach(t::addColumns);
        return t;
    }

    /** How many maps of {@code part} have {@code metric} at 1 (or above), and how many maps there are. */
    private static int[] flagged(Rows part, String metric) {
        Rows m = part.metric(metric);
        int yes = (int) m.list().stream().filter(r -> r.value() >= 1).count();
        return new int[] {yes, m.size()};
    }

    private static void nullValueFindings(Rows nulls, ResultBuilder out) {
        int[] refused = flagged(nulls, "put_null_throws");
        Rows accepting = nulls.filter(r -> nulls.where("subject", r.str("subject")).metric("put_null_throws").list().stream().allMatch(t -> t.value() == 0),
                "maps that accepted the null value");
        int[] kept = flagged(accepting, "contains_key_after_put_null");
        int[] removedKept = flagged(nulls, "contains_key_after_remove");
        out.attempt("put_null_keeps_key_maps", () -> out.finding(Finding.count("put_null_keeps_key_maps", kept[0], "maps", String.format(Locale.ROOT,
                "After put(k, null), containsKey(k) was still true in %%.0f of the %d maps that accept null values (%d of %d maps refused it); "
                        + "after remove(k) it was true in %d", kept[1], refused[0], refused[1], removedKept[0])).where("maps", kept[1])));
        out.attempt("put_null_refused_maps", () -> out.finding(Finding.count("put_null_refused_maps", refused[0], "maps", String.format(Locale.ROOT,
                "put(k, null) threw NullPointerException in %%.0f of %d maps (%s)", refused[1], names(nulls, "put_null_throws"))).where("maps", refused[1])));
    }

    private static void readOnlyFindings(Rows readOnly, ResultBuilder out) {
        Rows maps = readOnly.filter(r -> !r.str("subject").equals(MapContracts.NULL_REFERENCE), "not the null reference");
        int count = maps.distinct("subject").size();
        long readingFine = maps.metric("reads_thrown").list().stream().filter(r -> r.value() == 0).count();
        int[] refusing = flagged(maps, "put_unsupported");
        out.attempt("immutable_maps_reading_fine", () -> out.finding(Finding.count("immutable_maps_reading_fine", readingFine, "maps", String.format(Locale.ROOT,
                "%%.0f of %d read-only maps answered all %d reads (get, containsKey, size, getOrDefault, forEach)", count, MapContracts.READS))
                .where("maps", count)));
        out.attempt("immutable_maps_refusing_put", () -> out.finding(Finding.count("immutable_maps_refusing_put", refusing[0], "maps", String.format(Locale.ROOT,
                "put threw UnsupportedOperationException in %%.0f of %d read-only maps", count)).where("maps", count)));
        readOnly.where("subject", MapContracts.NULL_REFERENCE).metric("reads_thrown").first().ifPresent(r -> out.attempt("null_map_reads_throw",
                () -> out.finding(Finding.count("null_map_reads_throw", r.value(), "reads", String.format(Locale.ROOT,
                        "On a null Map reference, %%.0f of %d reads threw",
                        MapContracts.READS)))));
    }

    /** The maps of {@code part} whose {@code metric} is 1, joined. */
    private static String names(Rows part, String metric) {
        List<String> n = part.metric(metric).list().stream().filter(r -> r.value() >= 1).map(r -> r.str("subject")).toList();
        return n.isEmpty() ? "none" : String.join(", ", n);
    }
}
