package maplab.experiments.keytypes;

import java.util.List;
import java.util.Map;
import maplab.plan.Plan;
import maplab.conclude.ResultBuilder;
import maplab.plan.Unit;
import maplab.subject.keys.KeyedMapKind;
import maplab.subject.user.UserSubject;

/** The dimensions and units of key-types' rows: the plan states them and measure writes them. */
final class KeyTypesRows {

    private KeyTypesRows() { }

    /** The key type column of a subject: its key type's id, or {@code user} for a user key type. */
    private static String keyTypeOf(String subject) {
        return UserSubject.isUserId(subject) ? "user" : KeyedMapKind.parse(subject).keyType().id();
    }

    /** The dimensions of a row of {@code part} (memory or lookup) for one subject. */
    static Map<String, Object> subjectDims(String part, String subject, int n) {
        return Plan.dims("part", part, "subject", subject, "key_type", keyTypeOf(subject), "variant", "", "n_keys", n);
    }

    /** The dimensions of a pitfall's row (its trials in n_keys). */
    static Map<String, Object> pitfallDims(String pitfall, String variant, long trials) {
        return Plan.dims("part", "pitfalls", "subject", pitfall, "key_type", "", "variant", variant, "n_keys", trials);
    }

    /** The subject of the row counting the weak-map pitfall's GC rounds. */
    private static final String GC_ROUNDS_SUBJECT = "keys dropped, then GC";

    /** The dimensions of the GC rounds row. */
    static Map<String, Object> gcRoundsDims(int pitfallKeys) {
        return Plan.dims("part", "pitfalls", "subject", GC_ROUNDS_SUBJECT, "key_type", "", "variant", "", "n_keys", pitfallKeys);
    }

    static Unit pitfallUnit(String metric) {
        return metric.endsWith("_rate") ? Unit.FRACTION : Unit.COUNT;
    }

    /** A row with these dimensions, ready to measure. */
    static ResultBuilder.Row row(ResultBuilder out, Map<String, Object> dims) {
        ResultBuilder.Row row = out.row();
        dims.forEach(row::with);
        return row;
    }

    /** The object graph rows of a map (JOL): metric and unit, in the order measured. */
    record JolRow(String metric, Unit unit) { }

    static final List<JolRow> JOL_ROWS = List.of(new JolRow("bytes_per_entry", Unit.BYTES_PER_ENTRY), new JolRow("objects", Unit.COUNT),
            new JolRow("shared_objects", Unit.COUNT), new JolRow("bytes", Unit.BYTES));

    /** Writes the {@link #JOL_ROWS} of one subject: {@code values} in their order. */
    static void jolRows(ResultBuilder out, String subject, int n, double... values) {
        for (int i = 0; i < JOL_ROWS.size(); i++) {
            row(out, subjectDims("memory", subject, n)).measure(JOL_ROWS.get(i).metric(), values[i], JOL_ROWS.get(i).unit());
        }
    }

    /** Unit of the lookup timings ({@code KeyTypeBench}: average time in ns). */
    static final Unit LOOKUP_UNIT = Unit.ofJmh("ns/op");
}
