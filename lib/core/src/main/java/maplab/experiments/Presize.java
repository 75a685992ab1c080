package maplab.experiments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import maplab.chart.Charts;
import maplab.experiment.Experiment;
import maplab.experiment.ParamSpec;
import maplab.experiment.Profile;
import maplab.experiment.RunContext;
import maplab.measure.Jmh;
import maplab.measure.JmhScore;
import maplab.measure.TableLength;
import maplab.result.Finding;
import maplab.result.ResultBuilder;
import maplab.result.Unit;
import maplab.subject.jdk.Capacity;
import maplab.subject.jdk.MapConstructor;
import maplab.workload.KeyOrder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.openjdk.jmh.annotations.Mode;

/**
 * presize: what resizing costs against presizing. Inserts n keys into maps built by each
 * {@link MapConstructor} (HashMap, LinkedHashMap, ConcurrentHashMap, fastutil), counts table
 * resizes in process (table length read by reflection after every put), and times the whole
 * insertion with JMH single shots in forked JVMs, with allocation per entry from JMH's GC
 * profiler ({@code gc.alloc.rate.norm}).
 */
public final class Presize implements Experiment {

    static final String BENCH = "maplab.bench.PresizeBench.insert";

    @Override public String id() { return "presize"; }

    @Override public String summary() { return "resizing versus presizing: resizes, insert time and allocation per constructor"; }

    @Override
    public List<ParamSpec> params() {
        return List.of(
                ParamSpec.integer("n", 1, 50_000_000, 1_000_000, 4_000_000, "keys inserted"),
                ParamSpec.choices("constructors", MapConstructor.ids(), String.join(",", MapConstructor.ids()),
                        String.join(",", MapConstructor.ids()), "map constructors compared"));
    }

    @Override
    public void measure(RunContext ctx) {
        int n = ctx.params().getInt("n");
        List<MapConstructor> constructors = ctx.params().getStrings("constructors").stream().map(MapConstructor::parse).toList();
        long keySeed = ctx.seed("keys");
        int[] keys = KeyOrder.RANDOM.intKeys(n, keySeed);
        ResultBuilder out = ctx.result();
        out.note("capacity_helper", Capacity.describe());

        XYChart steps = Charts.xy("Table length as entries are inserted (n = " + n + ")", "entries inserted", "table length (buckets)");
        steps.getStyler().setXAxisLogarithmic(true);
        steps.getStyler().setYAxisLogarithmic(true);
        steps.getStyler().setMarkerSize(0);
        Map<MapConstructor, Integer> resizes = new LinkedHashMap<>();
        ctx.progress().addSteps(constructors.size());
        for (MapConstructor c : constructors) {
            ctx.progress().step("counting resizes: " + c.label());
            List<Integer> xs = new ArrayList<>();
            List<Integer> ys = new ArrayList<>();
            int count = countResizes(c, keys, xs, ys);
            resizes.put(c, count);
            out.row().with("subject", c.id()).with("n_keys", n).measure("resizes", count, Unit.COUNT);
            out.row().with("subject", c.id()).with("n_keys", n).measure("final_table_length", ys.get(ys.size() - 1), Unit.COUNT);
            XYSeries s = Charts.series(steps, c.label(), xs, ys, null);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        }
        out.chart("table length", steps);

        Jmh.Settings base = Jmh.Settings.forProfile(ctx.profile());
        List<JmhScore> scores = ctx.jmh(BENCH)
                .param("constructor", constructors.stream().map(MapConstructor::id).toList())
                .param("n", String.valueOf(n))
                .param("seed", String.valueOf(keySeed))
                .mode(Mode.SingleShotTime)
                .profiler("gc")
                .settings(ctx.profile() == Profile.FULL ? base.withWarmup(5, 0).withMeasurement(10, 0) : base.withWarmup(3, 0).withMeasurement(10, 0))
                .run();
        Map<MapConstructor, JmhScore> byConstructor = new LinkedHashMap<>();
        for (JmhScore s : scores) {
            MapConstructor c = MapConstructor.parse(s.param("constructor"));
            byConstructor.put(c, s);
            out.row().with("subject", c.id()).with("n_keys", n).measure("insert_time", s.score(), s.error(), Unit.ofJmh(s.unit()));
            maplab.result.Measured alloc = s.secondary("gc.alloc.rate.norm");
            out.row().with("subject", c.id()).with("n_keys", n).measure("alloc_per_entry", alloc.value() / n, alloc.error() / n, Unit.BYTES_PER_ENTRY);
        }
        List<MapConstructor> timed = constructors.stream().filter(byConstructor::containsKey).toList();
        List<String> labels = timed.stream().map(MapConstructor::label).toList();

        CategoryChart time = Charts.bars("Inserting " + n + " keys (JMH single shot, 99.9% CI)", "constructor", "time (" + scores.get(0).unit() + ")");
        time.getStyler().setYAxisMin(0.0); // times are positive; wide intervals of a quick run would pull the axis below zero
        Charts.bars(time, "insert time", labels,
                timed.stream().map(c -> byConstructor.get(c).score()).toList(),
                timed.stream().map(c -> zeroIfNaN(byConstructor.get(c).error())).toList());
        out.chart("insert time", time);

        CategoryChart alloc = Charts.bars("Bytes allocated per entry inserted (JMH -prof gc, 99.9% CI)", "constructor", "allocation (B/entry)");
        alloc.getStyler().setYAxisMin(0.0);
        Charts.bars(alloc, "allocation", labels,
                timed.stream().map(c -> byConstructor.get(c).secondary("gc.alloc.rate.norm").value() / n).toList(),
                timed.stream().map(c -> zeroIfNaN(byConstructor.get(c).secondary("gc.alloc.rate.norm").error() / n)).toList());
        out.chart("allocation", alloc);

        addFindings(out, n, resizes, byConstructor);
    }

    private static void addFindings(ResultBuilder out, int n, Map<MapConstructor, Integer> resizes, Map<MapConstructor, JmhScore> scores) {
        Integer dflt = resizes.get(MapConstructor.HASHMAP_DEFAULT);
        if (dflt != null) {
            out.finding(new Finding("resizes_default", dflt, "count", String.format(Locale.ROOT,
                    "new HashMap<>() resized %d times while %d keys were inserted (16 buckets doubled to hold them at load factor 0.75)", dflt, n)));
        }
        Integer plainN = resizes.get(MapConstructor.HASHMAP_N);
        if (plainN != null) {
            out.finding(new Finding("resizes_new_hashmap_n", plainN, "count", plainN > 0
                    ? String.format(Locale.ROOT, "new HashMap<>(n) still resized %d time(s): its argument sizes the table (the next power of two >= n), "
                    + "which holds only 0.75 of that many entries", plainN)
                    : String.format(Locale.ROOT, "new HashMap<>(n) did not resize at n = %d: the next power of two >= n happened to hold n entries at load factor 0.75", n)));
        }
        Integer presized = resizes.get(MapConstructor.HASHMAP_PRESIZED);
        if (presized != null) {
            out.finding(new Finding("resizes_presized", presized, "count", String.format(Locale.ROOT,
                    "A HashMap presized for n entries resized %d time(s) (sized by %s)", presized, Capacity.describe())));
        }
        JmhScore d = scores.get(MapConstructor.HASHMAP_DEFAULT);
        JmhScore p = scores.get(MapConstructor.HASHMAP_PRESIZED);
        if (d != null && p != null) {
            out.finding(Finding.timeRatio("insert_default_vs_presized", "Inserting into new HashMap<>()", d.score(),
                    "a presized HashMap", p.score()));
            double ratio = d.secondary("gc.alloc.rate.norm").value() / p.secondary("gc.alloc.rate.norm").value();
            out.finding(new Finding("alloc_default_vs_presized", ratio, "x", String.format(Locale.ROOT,
                    "new HashMap<>() allocated %s the bytes of a presized HashMap for the same %d entries (%s)",
                    Finding.formatRatio(ratio), n, ratio >= 1 ? "the tables it outgrew are garbage" : "less, against expectation")));
        }
    }

    /**
     * Inserts {@code keys} and records (entries, table length) after the first put and at
     * every table change; returns the resizes (changes of an allocated table).
     */
    static int countResizes(MapConstructor c, int[] keys, List<Integer> xs, List<Integer> ys) {
        Map<Integer, Integer> map = c.create(keys.length);
        int length = TableLength.of(map); // 0 while the table is allocated lazily
        int resizes = 0;
        for (int i = 0; i < keys.length; i++) {
            map.put(keys[i], i);
            int now = TableLength.of(map);
            if (now != length || i == 0) {
                if (length != 0 && now != length) resizes++;
                xs.add(i + 1);
                ys.add(now);
                length = now;
            }
        }
        xs.add(keys.length);
        ys.add(length);
        return resizes;
    }

    private static double zeroIfNaN(double d) {
        return Double.isNaN(d) ? 0 : d;
    }
}
