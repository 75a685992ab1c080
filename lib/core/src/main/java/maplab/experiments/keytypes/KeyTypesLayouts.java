package maplab.experiments.keytypes;

import java.util.Map;
import java.util.Optional;
import maplab.conclude.Finding;
import maplab.conclude.ResultBuilder;
import maplab.measure.KeyFieldLayouts;
import maplab.measure.Rows;
import maplab.plan.Plan;
import maplab.plan.Unit;
import maplab.stats.Estimates.Estimate;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import static maplab.experiments.keytypes.KeyTypesRows.row;

/**
 * key-types' key field layouts ({@link KeyFieldLayouts}): bytes per entry of a HashMap whose key
 * class declares the same fields in another order, or boxed; JOL in process, exact for this JVM.
 */
final class KeyTypesLayouts {

    private KeyTypesLayouts() { }

    static final String PART = "layout";
    /** Entries per map: enough that the table's share is small, few enough that JOL walks them in well under a second. */
    static final int KEYS = 10_000;

    private static Map<String, Object> dims(String layout) {
        return Plan.dims("part", PART, "subject", layout, "key_type", "", "variant", "", "n_keys", KEYS);
    }

    /** The rows {@link #measure} writes (their findings are not promised, as {@link KeyTypesContracts#plan} explains). */
    static void plan(Plan.Builder plan) {
        plan.step("JOL: key classes by field layout", 1, 0.5);
        for (String layout : KeyFieldLayouts.layouts()) plan.count(dims(layout), "bytes_per_entry", Unit.BYTES_PER_ENTRY);
    }

    static void measure(ResultBuilder out) {
        KeyFieldLayouts.bytesPerEntry(KEYS).forEach((layout, bytes) -> row(out, dims(layout)).measure("bytes_per_entry", bytes, Unit.BYTES_PER_ENTRY));
    }

    /** The table "key layouts" and the two byte ratios, when the part ran. */
    static void conclude(Rows rows, ResultBuilder out) {
        Rows layouts = rows.where("part", PART).metric("bytes_per_entry");
        if (layouts.isEmpty()) return;
        StringColumn layout = StringColumn.create("key_fields");
        DoubleColumn bytes = DoubleColumn.create("bytes_per_entry");
        for (Rows.Row r : layouts) {
            layout.append(r.str("subject"));
            bytes.append(r.value());
        }
        out.table("key layouts", Table.create("key layouts", layout, bytes));
        ratio(layouts, out, "padded_vs_packed_key_bytes", KeyFieldLayouts.PADDED, KeyFieldLayouts.PACKED,
                "A HashMap entry whose key declares {byte, long, byte}", "one declaring {long, byte, byte}");
        ratio(layouts, out, "boxed_vs_primitive_key_bytes", KeyFieldLayouts.BOXED, KeyFieldLayouts.PADDED,
                "A HashMap entry whose key holds {Byte, Long, Byte}", "one holding {byte, long, byte}");
    }

    /** Bytes per entry of layout {@code a} over {@code b}: exact (JOL), so its interval is the value. */
    private static void ratio(Rows layouts, ResultBuilder out, String id, String a, String b, String aText, String bText) {
        Optional<Rows.Row> ra = layouts.where("subject", a).first();
        Optional<Rows.Row> rb = layouts.where("subject", b).first();
        if (ra.isEmpty() || rb.isEmpty()) return;
        out.attempt(id, () -> out.finding(Finding.ratio(id, aText, bText + " (JOL, " + ra.get().str("n_keys") + " entries)", Finding.Quantity.BYTES,
                Estimate.exact(ra.get().value() / rb.get().value()), Finding.Basis.COUNT).where("n_keys", ra.get().str("n_keys"))));
    }
}
