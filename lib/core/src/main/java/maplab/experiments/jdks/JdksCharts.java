package maplab.experiments.jdks;

import maplab.conclude.ChartData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import maplab.chart.Charts;
import maplab.conclude.Finding;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.conclude.TidyTables;
import maplab.stats.Estimates;
import maplab.stats.Estimates.Estimate;
import maplab.subject.keys.KeyedMapKind;
import maplab.experiments.jdks.Jdks.Cell;
import maplab.experiments.jdks.Jdks.Role;
import static maplab.experiments.jdks.JdksConclude.label;
import static maplab.experiments.jdks.JdksConclude.one;

/** jdks' tables and charts: bytes per entry and timings per JVM. */
final class JdksCharts {

    private JdksCharts() { }

    static void memoryTableAndChart(Rows memory, Map<String, String> jdkOf, ResultBuilder out) {
        Rows jol = memory.metric("bytes_per_entry");
        if (jol.isEmpty()) return;
        List<Map<String, Object>> table = new ArrayList<>();
        Map<String, List<Double>> byJvm = new LinkedHashMap<>();
        Map<String, List<Double>> errByJvm = new LinkedHashMap<>();
        List<String> subjects = jol.distinct("subject");
        for (String jvm : jol.distinct("jvm")) {
            byJvm.put(jvm, new ArrayList<>());
            errByJvm.put(jvm, new ArrayList<>());
        }
        for (String subject : subjects) {
            for (String jvm : jol.distinct("jvm")) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("subject", subject);
                m.put("jvm", label(jvm, jdkOf));
                Optional<Rows.Row> j = one(memory, "bytes_per_entry", jvm, subject);
                Optional<Rows.Row> own = one(memory, "new_bytes_per_entry", jvm, subject);
                Optional<Rows.Row> heap = one(memory, "heap_bytes_per_entry", jvm, subject);
                m.put("jol_bytes_per_entry", j.map(Rows.Row::value).orElse(Double.NaN));
                m.put("jol_without_shared_boxes", own.map(Rows.Row::value).orElse(Double.NaN));
                m.put("heap_bytes_per_entry", heap.map(Rows.Row::value).orElse(Double.NaN));
                m.put("heap_min", heap.map(r -> r.samples().stream().mapToDouble(Estimates.Sample::value).min().orElse(Double.NaN)).orElse(Double.NaN));
                m.put("heap_max", heap.map(r -> r.samples().stream().mapToDouble(Estimates.Sample::value).max().orElse(Double.NaN)).orElse(Double.NaN));
                table.add(m);
                byJvm.get(jvm).add(j.map(Rows.Row::value).orElse(0.0));
                errByJvm.get(jvm).add(0.0);
            }
        }
        out.table("memory", TidyTables.fromRows("memory", table));
        ChartData.Builder chart = ChartData.bars("Bytes per entry by JVM (JOL object graph)", "map", "memory (B/entry)");
        List<String> labels = subjects.stream().map(s -> KeyedMapKind.parse(s).label()).toList();
        byJvm.forEach((jvm, values) -> chart.bars(label(jvm, jdkOf), labels, values, null));
        out.chart("bytes per entry by JVM", chart);
    }

    static void timeTableAndChart(Rows time, Map<String, String> jdkOf, ResultBuilder out) {
        if (time.isEmpty()) return;
        List<Map<String, Object>> table = new ArrayList<>();
        for (Rows.Row r : time) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cell", Cell.parse(r.str("subject")).label);
            m.put("jvm", label(r.str("jvm"), jdkOf));
            m.put("measure", r.metric());
            m.put("score", r.value());
            m.put("half_width", r.error());
            m.put("units", r.str("unit"));
            m.put("forks", r.measured().forkMeans().size());
            table.add(m);
        }
        out.table("timings", TidyTables.fromRows("timings", table));
        // each JVM's score relative to the older JDK's, per cell (1 = as fast as the older JDK)
        ChartData.Builder chart = ChartData.bars("Each JVM relative to JDK " + jdkOf.getOrDefault(Role.BASE.id(), "?") + " (score / older JDK's score; "
                + Finding.confidenceLabel() + " interval paired by round)", "cell", "ratio to the older JDK");
        List<String> cells = time.distinct("subject");
        for (String jvm : time.distinct("jvm")) {
            List<String> labels = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            for (String cell : cells) {
                String metric = Cell.parse(cell).metric();
                Optional<Rows.Row> a = one(time, metric, jvm, cell);
                Optional<Rows.Row> b = one(time, metric, Role.BASE.id(), cell);
                labels.add(cell + " (" + metric + ")");
                if (a.isEmpty() || b.isEmpty()) {
                    values.add(0.0);
                    errors.add(0.0);
                    continue;
                }
                Estimate e = a.get().measured().ratioTo(b.get().measured());
                values.add(e.value());
                errors.add(e.hasInterval() ? Math.max(e.high() - e.value(), e.value() - e.low()) : 0.0);
            }
            chart.bars(label(jvm, jdkOf), labels, values, errors);
        }
        out.chart("timings relative to the older JDK", chart);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v).replace("%", "%%");
    }
}
