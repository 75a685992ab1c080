package maplab.experiments;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import maplab.chart.Charts;
import maplab.experiment.Experiment;
import maplab.experiment.ParamSpec;
import maplab.experiment.RunContext;
import maplab.measure.HashMapInternals;
import maplab.measure.JmhScore;
import maplab.result.Finding;
import maplab.result.ResultBuilder;
import maplab.result.Unit;
import maplab.subject.jdk.MapConstructor;
import maplab.workload.KeyOrder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.openjdk.jmh.annotations.Mode;

/**
 * presize: what resizing costs against presizing. Inserts n keys into maps built by each
 * {@link MapConstructor}, counts table resizes in process (table length read by reflection
 * after every put), and times the whole insertion with JMH single shots in forked JVMs,
 * with allocation per entry from JMH's GC profiler.
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
    public void run(RunContext ctx) {
        int n = ctx.params().getInt("n");
        List<MapConstructor> constructors = ctx.params().getStrings("constructors").stream().map(MapConstructor::parse).toList();
        long keySeed = ctx.seed("keys");
        int[] keys = KeyOrder.RANDOM.intKeys(n, keySeed);
        ResultBuilder out = ctx.result();

        XYChart steps = Charts.xy("Table length as entries are inserted (n = " + n + ")", "entries inserted", "table length (buckets)");
        steps.getStyler().setXAxisLogarithmic(true);
        steps.getStyler().setYAxisLogarithmic(true);
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

        List<JmhScore> scores = ctx.jmh(BENCH)
                .param("constructor", constructors.stream().map(MapConstructor::id).toList())
                .param("n", String.valueOf(n))
                .param("seed", String.valueOf(keySeed))
                .mode(Mode.SingleShotTime)
                .profiler("gc")
                .settings(ctx.profile() == maplab.experiment.Profile.FULL
                        ? maplab.measure.Jmh.Settings.forProfile(ctx.profile()).withWarmup(5, 0).withMeasurement(10, 0)
                        : maplab.measure.Jmh.Settings.forProfile(ctx.profile()).withWarmup(3, 0).withMeasurement(6, 0))
                .run();
        Map<MapConstructor, JmhScore> byConstructor = new LinkedHashMap<>();
        for (JmhScore s : scores) {
            MapConstructor c = MapConstructor.parse(s.param("constructor"));
            byConstructor.put(c, s);
            out.row().with("subject", c.id()).with("n_keys", n).measure("insert_time", s.score(), s.error(), Unit.ofJmh(s.unit()));
            JmhScore.Secondary alloc = s.secondary("gc.alloc.rate.norm");
            out.row().with("subject", c.id()).with("n_keys", n).measure("alloc_per_entry", alloc.score() / n, alloc.error() / n, Unit.BYTES_PER_ENTRY);
        }

        CategoryChart time = Charts.bars("Inserting " + n + " keys (JMH single shot, 99.9% CI)", "constructor", "time (" + scores.get(0).unit() + ")");
        List<MapConstructor> timed = new ArrayList<>(byConstructor.keySet());
        Charts.bars(time, "insert time", timed.stream().map(MapConstructor::label).toList(),
                timed.stream().map(c -> byConstructor.get(c).score()).toList(),
                timed.stream().map(c -> zeroIfNaN(byConstructor.get(c).error())).toList());
        out.chart("insert time", time);

        if (resizes.containsKey(MapConstructor.HASHMAP_DEFAULT)) {
            out.finding(Finding.of("resizes_default", resizes.get(MapConstructor.HASHMAP_DEFAULT), "count",
                    "new HashMap<>() resized %.0f times while " + n + " keys were inserted"));
        }
        if (resizes.containsKey(MapConstructor.HASHMAP_N)) {
            out.finding(Finding.of("resizes_new_hashmap_n", resizes.get(MapConstructor.HASHMAP_N), "count",
                    "new HashMap<>(n) still resized %.0f time(s): it sizes the table, not the entry count"));
        }
        if (resizes.containsKey(MapConstructor.HASHMAP_PRESIZED)) {
            out.finding(Finding.of("resizes_presized", resizes.get(MapConstructor.HASHMAP_PRESIZED), "count",
                    "A HashMap presized for n entries resized %.0f times"));
        }
        JmhScore dflt = byConstructor.get(MapConstructor.HASHMAP_DEFAULT);
        JmhScore pre = byConstructor.get(MapConstructor.HASHMAP_PRESIZED);
        if (dflt != null && pre != null) {
            out.finding(Finding.timeRatio("insert_default_vs_presized", "Inserting into new HashMap<>()", dflt.score(),
                    "a presized HashMap", pre.score()));
            double a = dflt.secondary("gc.alloc.rate.norm").score();
            double b = pre.secondary("gc.alloc.rate.norm").score();
            out.finding(Finding.of("alloc_default_vs_presized", a / b, "x",
                    "new HashMap<>() allocated %.2fx the bytes of a presized HashMap for the same entries"));
        }
    }

    /** Inserts {@code keys} and records (entries, table length) at every table change; returns the resizes (changes after the first allocation). */
    static int countResizes(MapConstructor c, int[] keys, List<Integer> xs, List<Integer> ys) {
        Map<Integer, Integer> map = c.create(keys.length);
        if (!(map instanceof HashMap<?, ?> hm)) throw new IllegalStateException(c + " does not build a java.util.HashMap");
        int length = HashMapInternals.tableLength(hm);
        int resizes = 0;
        for (int i = 0; i < keys.length; i++) {
            map.put(keys[i], i);
            int now = HashMapInternals.tableLength(hm);
            if (now != length) {
                if (length != 0) resizes++;
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
