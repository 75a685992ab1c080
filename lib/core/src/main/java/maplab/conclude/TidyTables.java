package maplab.conclude;

import maplab.measure.Rows;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Builds Tablesaw tables from tidy rows, typing each column by the values it holds. */
public final class TidyTables {

    /** The columns every measurement row ends with. */
    public static final List<String> MEASURE_COLUMNS = maplab.plan.RowKey.MEASURE_COLUMNS;

    private TidyTables() { }

    /**
     * A table with one column per key seen in {@code rows} (in first-seen order, measurement
     * columns last): whole numbers become LongColumn, other numbers DoubleColumn, booleans
     * BooleanColumn, anything else StringColumn; a missing value stays missing.
     */
    public static Table fromRows(String name, List<Map<String, Object>> rows) {
        Set<String> names = new LinkedHashSet<>();
        for (Map<String, Object> row : rows) {
            for (String key : row.keySet()) {
                if (!MEASURE_COLUMNS.contains(key)) names.add(key);
            }
        }
        boolean anyMeasure = rows.stream().anyMatch(r -> r.containsKey("metric"));
        if (anyMeasure) names.addAll(MEASURE_COLUMNS);
        Table table = Table.create(name);
        for (String column : names) {
            table.addColumns(column(column, rows));
        }
        return table;
    }

    /** Rows of {@code table} as maps, for code that builds tables from other tables. */
    public static List<Map<String, Object>> toRows(Table table) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < table.rowCount(); i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (Column<?> c : table.columns()) {
                row.put(c.name(), c.isMissing(i) ? null : c.get(i));
            }
            out.add(row);
        }
        return out;
    }

    private static Column<?> column(String name, List<Map<String, Object>> rows) {
        List<Object> values = new ArrayList<>();
        for (Map<String, Object> row : rows) values.add(row.get(name));
        if (all(values, v -> v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte)) {
            LongColumn c = LongColumn.create(name);
            for (Object v : values) {
                if (v == null) c.appendMissing(); else c.append(((Number) v).longValue());
            }
            return c;
        }
        if (all(values, v -> v instanceof Number)) {
            DoubleColumn c = DoubleColumn.create(name);
            for (Object v : values) {
                if (v == null) c.appendMissing(); else c.append(((Number) v).doubleValue());
            }
            return c;
        }
        if (all(values, v -> v instanceof Boolean)) {
            BooleanColumn c = BooleanColumn.create(name);
            for (Object v : values) {
                if (v == null) c.appendMissing(); else c.append((Boolean) v);
            }
            return c;
        }
        StringColumn c = StringColumn.create(name);
        for (Object v : values) {
            if (v == null) c.appendMissing(); else c.append(String.valueOf(v));
        }
        return c;
    }

    private static boolean all(List<Object> values, Predicate<Object> test) {
        boolean any = false;
        for (Object v : values) {
            if (v == null) continue;
            if (!test.test(v)) return false;
            any = true;
        }
        return any;
    }
}
