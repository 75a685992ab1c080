package maplab.plan;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The identity of a tidy row: its dimension columns and its metric. Plans name the rows they
 * promise by it, runs key their samples by it (samples.csv), and concluding finds rows by it,
 * so all three agree on what "the same row" is.
 */
public final class RowKey {

    /** The columns of a tidy row that hold the measurement; every other column is a dimension. */
    public static final List<String> MEASURE_COLUMNS = List.of("metric", "value", "error", "unit", "better");

    private RowKey() { }

    /**
     * A row's identity: its dimension columns ({@code name=value}, by name, measurement
     * columns and empty values left out) and its metric, joined with {@code |}.
     */
    public static String of(Map<String, ?> row, String metric) {
        StringBuilder sb = new StringBuilder();
        // sorted by column name: results.csv orders columns by first appearance across rows, a row's map by its own with() calls
        for (Map.Entry<String, ?> e : new TreeMap<>(row).entrySet()) {
            if (MEASURE_COLUMNS.contains(e.getKey())) continue;
            Object v = e.getValue();
            if (v == null || String.valueOf(v).isEmpty()) continue;
            sb.append(e.getKey()).append('=').append(cellText(v)).append('|');
        }
        return sb.append("metric=").append(metric).toString();
    }

    /** A cell's text as results.csv holds it (a NaN double as empty). */
    public static String cellText(Object v) {
        if (v instanceof Double d) return Double.isNaN(d) ? "" : String.valueOf(d);
        return String.valueOf(v);
    }
}
