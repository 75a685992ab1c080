package maplab.experiments.keytypes;

import maplab.conclude.ChartData;
import java.util.ArrayList;
import java.util.List;
import maplab.chart.Charts;
import maplab.conclude.Finding;
import maplab.measure.Measured;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import static maplab.experiments.keytypes.KeyTypes.MEANINGS;
import static maplab.experiments.keytypes.KeyTypesMeasure.subjectLabel;

/** key-types' tables with their charts: memory per entry, the pitfalls, and the lookups. */
final class KeyTypesCharts {

    private KeyTypesCharts() { }

    static void memoryTableAndChart(Rows memory, ResultBuilder out) {
        Rows perEntry = memory.metric("bytes_per_entry");
        if (perEntry.isEmpty()) return;
        StringColumn subject = StringColumn.create("subject");
        StringColumn keyType = StringColumn.create("key_type");
        LongColumn entries = LongColumn.create("n_keys");
        DoubleColumn objects = DoubleColumn.create("objects");
        DoubleColumn shared = DoubleColumn.create("shared_objects");
        DoubleColumn bytes = DoubleColumn.create("bytes");
        DoubleColumn bpe = DoubleColumn.create("bytes_per_entry");
        DoubleColumn heap = DoubleColumn.create("heap_bytes_per_entry");
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (Rows.Row r : perEntry) {
            Rows same = memory.where("subject", r.str("subject"));
            subject.append(r.str("subject"));
            keyType.append(r.str("key_type"));
            entries.append(r.integer("n_keys"));
            objects.append(valueOf(same, "objects"));
            shared.append(valueOf(same, "shared_objects"));
            bytes.append(valueOf(same, "bytes"));
            bpe.append(r.value());
            Rows heapRow = same.metric("heap_bytes_per_entry");
            heap.append(heapRow.isEmpty() ? Double.NaN : heapRow.list().get(0).value());
            labels.add(subjectLabel(r.str("subject")));
            values.add(r.value());
        }
        out.table("memory", Table.create("memory", subject, keyType, entries, objects, shared, bytes, bpe, heap));
        ChartData.Builder chart = ChartData.bars("Bytes per entry, " + perEntry.list().get(0).str("n_keys") + " entries (JOL object graph, shared boxes included)",
                "map and key type", "memory (B/entry)");
        chart.legend(false);
        chart.bars("bytes per entry", labels, values, null);
        out.chart("bytes per entry", chart);
    }

    private static double valueOf(Rows rows, String metric) {
        return rows.metric(metric).first().map(Rows.Row::value).orElse(Double.NaN);
    }

    static void pitfallsTable(Rows pitfalls, ResultBuilder out) {
        StringColumn pitfall = StringColumn.create("pitfall");
        StringColumn variant = StringColumn.create("variant");
        StringColumn metric = StringColumn.create("metric");
        LongColumn trials = LongColumn.create("trials");
        LongColumn counted = LongColumn.create("count");
        DoubleColumn rate = DoubleColumn.create("rate");
        StringColumn meaning = StringColumn.create("meaning");
        for (Rows.Row r : pitfalls) {
            if (!MEANINGS.containsKey(r.metric())) continue;
            pitfall.append(r.str("subject"));
            variant.append(r.str("variant"));
            metric.append(r.metric());
            trials.append(r.integer("n_keys"));
            counted.append(count(r));
            rate.append(r.value());
            meaning.append(MEANINGS.get(r.metric()));
        }
        if (pitfall.size() > 0) out.table("pitfalls", Table.create("pitfalls", pitfall, variant, metric, trials, counted, rate, meaning));
    }

    /** How many of the row's trials succeeded (or, for a cost, the total count): the rate times the trials, which were whole numbers. */
    static long count(Rows.Row r) {
        return Math.round(r.value() * r.integer("n_keys"));
    }

    static void lookupTableAndChart(Rows lookups, ResultBuilder out) {
        if (lookups.isEmpty()) return;
        StringColumn subject = StringColumn.create("subject");
        StringColumn keyType = StringColumn.create("key_type");
        LongColumn entries = LongColumn.create("n_keys");
        DoubleColumn mean = DoubleColumn.create("time");
        DoubleColumn low = DoubleColumn.create("low");
        DoubleColumn high = DoubleColumn.create("high");
        StringColumn unit = StringColumn.create("unit");
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        for (Rows.Row r : lookups) {
            Measured m = r.measured();
            subject.append(r.str("subject"));
            keyType.append(r.str("key_type"));
            entries.append(r.integer("n_keys"));
            mean.append(m.value());
            low.append(m.value() - m.error());
            high.append(m.value() + m.error());
            unit.append(r.str("unit"));
            labels.add(subjectLabel(r.str("subject")));
            values.add(m.value());
            errors.add(m.error());
        }
        out.table("lookup", Table.create("lookup", subject, keyType, entries, mean, low, high, unit));
        Rows.Row first = lookups.list().get(0);
        ChartData.Builder chart = ChartData.bars("One lookup in a map of " + first.str("n_keys") + " entries, by key type (JMH, "
                + Finding.confidenceLabel() + " interval over forks)", "map and key type", "time per lookup (" + first.str("unit") + ")");
        chart.legend(false);
        chart.yMin(0.0);
        chart.bars("lookup time", labels, values, errors);
        out.chart("lookup time", chart);
    }
}
