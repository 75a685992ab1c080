package maplab.experiments.iteration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import maplab.measure.AsyncSampler;
import maplab.measure.JfrProfile;
import maplab.conclude.Finding;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.stats.Estimates;
import maplab.stats.Estimates.Estimate;
import maplab.subject.iteration.MapState;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import static maplab.experiments.iteration.Iteration.ASYNC_PROFILER;
import static maplab.experiments.iteration.Iteration.JFR;
import static maplab.experiments.iteration.Iteration.OFF;
import static maplab.experiments.iteration.Iteration.ON;
import static maplab.experiments.iteration.Iteration.TOP_FRAMES;
import static maplab.experiments.iteration.IterationCharts.topFramesChart;
import static maplab.experiments.iteration.IterationConclude.ifDrawable;
import static maplab.experiments.iteration.IterationMeasure.category;

/**
 * The profile's conclusions: the per-JVM shares of samples with an iterator on top and their
 * intervals, the hottest frames, and which profilers ran.
 */
final class IterationProfileConclude {

    private IterationProfileConclude() { }

    /** The profile rows of one profiler and DebugNonSafepoints setting (rows stored before either was recorded: JFR, on). */
    static Rows profileOf(Rows profile, String profiler, String mode) {
        return profile.filter(r -> (r.has("profiler") ? r.str("profiler") : JFR).equals(profiler)
                && (r.has("debug_nonsafepoints") ? r.str("debug_nonsafepoints") : ON).equals(mode), profiler + ", DebugNonSafepoints " + mode);
    }

    /** Per-JVM iterator shares of one profile, with the sample totals. */
    record Shares(Map<Integer, Double> byJvm, long samples, long onIterator) {
        /** Mean over JVMs with a Student-t interval; with one JVM the Wilson interval over its samples (sampling error only). */
        Estimate estimate() {
            if (byJvm.size() >= 2) {
                Estimate e = Estimates.mean(byJvm);
                return new Estimate(e.value(), Math.max(0, e.low()), Math.min(1, e.high()), e.n());
            }
            return wilson(onIterator, samples);
        }

        String method() {
            return byJvm.size() >= 2 ? "mean of " + byJvm.size() + " JVMs' shares, Student-t interval over JVMs"
                    : "one JVM, Wilson interval over its samples (sampling error only)";
        }
    }

    static Shares shares(Rows profile) {
        Map<Integer, Double> shares = new java.util.TreeMap<>();
        long samples = 0;
        long onIterator = 0;
        for (Rows.Row r : profile.metric("samples")) {
            Rows same = r.has("jvm") ? profile.where("jvm", r.str("jvm")) : profile;
            long n = (long) r.value();
            Rows iterator = same.metric("iterator_samples");
            // runs stored before the counts were kept have the share itself
            long x = iterator.isEmpty() ? Math.round(same.metric("iterator_frames_share").one().value() * n) : (long) iterator.one().value();
            shares.put(r.has("jvm") ? (int) r.integer("jvm") : 0, x / (double) n);
            samples += n;
            onIterator += x;
        }
        return new Shares(shares, samples, onIterator);
    }

    /**
     * The profile findings and tables. The headline, {@code iterator_frames_share}, is JFR on the
     * profiled (drained) map with DebugNonSafepoints: per JVM the share of samples with an
     * iterator method on top, the mean over JVMs with a Student-t interval (JIT decisions differ
     * between JVMs and move samples between the loop and the inlined iterator, more than
     * sampling error does); with one JVM (runs stored before several were recorded) that JVM's
     * share with the Wilson interval, which covers sampling error only, and says so. The same
     * share without DebugNonSafepoints; the difference with minus without (two sets of JVMs:
     * Welch interval); async-profiler's share minus JFR's in the same JVMs and window (paired
     * by JVM: Student-t over the per-JVM differences); the top-frames tables; which profilers ran.
     */
    static void concludeProfile(Rows profile, ResultBuilder out) {
        Rows headline = profileOf(profile, JFR, ON);
        Rows without = profileOf(profile, JFR, OFF);
        Rows async = profileOf(profile, ASYNC_PROFILER, ON);
        if (!headline.metric("samples").isEmpty()) {
            Rows.Row first = headline.metric("samples").list().get(0);
            out.attempt("iterator_frames_share", () -> out.finding(shareFinding("iterator_frames_share", headline, shares(headline), "JFR with -XX:+DebugNonSafepoints")));
            if (!frames(headline).isEmpty()) ifDrawable(out, () -> out.table("top frames", topFramesTable(frames(headline), shares(headline).samples())));
            if (!without.metric("samples").isEmpty()) concludeWithout(out, headline, without, first);
            if (!async.metric("samples").isEmpty()) concludeAsync(out, headline, async, first);
            if (!frames(headline).isEmpty()) ifDrawable(out, () -> out.chart("top frames", topFramesChart(headline, without, async)));
        }
        ifDrawable(out, () -> {
            Table ran = profilersTable(profile);
            if (ran.rowCount() > 0) out.table("profilers", ran);
        });
    }

    /** The share without DebugNonSafepoints, its top frames, and the headline's share minus it (Welch over the two sets of JVMs). */
    private static void concludeWithout(ResultBuilder out, Rows headline, Rows without, Rows.Row first) {
        out.attempt("iterator_frames_share_without_debug_nonsafepoints", () -> out.finding(shareFinding("iterator_frames_share_without_debug_nonsafepoints",
                without, shares(without), "JFR without -XX:+DebugNonSafepoints")));
        if (!frames(without).isEmpty()) {
            ifDrawable(out, () -> out.table("top frames without DebugNonSafepoints", topFramesTable(frames(without), shares(without).samples())));
        }
        out.attempt("debug_nonsafepoints_iterator_share_difference", () -> {
            Shares on = shares(headline);
            Shares off = shares(without);
            out.finding(Finding.versus("debug_nonsafepoints_iterator_share_difference", welchDifference(on.byJvm(), off.byJvm()), 0, "fraction", Finding.Basis.TIMING,
                    "The share of JFR's CPU samples with an iterator method on top, with -XX:+DebugNonSafepoints minus without (" + on.byJvm().size() + " and "
                            + off.byJvm().size() + " JVMs, Welch interval), was %+.3f")
                    .where("state", first.str("state")).where("n_keys", first.integer("n_keys")).where("n_filled", first.integer("n_filled")));
        });
    }

    /** async-profiler's share and top frames, and its share minus JFR's in the same JVMs (paired by JVM). */
    private static void concludeAsync(ResultBuilder out, Rows headline, Rows async, Rows.Row first) {
        out.attempt("async_iterator_frames_share", () -> out.finding(shareFinding("async_iterator_frames_share", async, shares(async),
                "async-profiler (" + AsyncSampler.EVENT + ") with -XX:+DebugNonSafepoints")));
        if (!frames(async).isEmpty()) ifDrawable(out, () -> out.table("top frames async-profiler", topFramesTable(frames(async), shares(async).samples())));
        out.attempt("async_minus_jfr_iterator_share", () -> {
            Shares on = shares(headline);
            Map<Integer, Double> diffs = new java.util.TreeMap<>();
            shares(async).byJvm().forEach((jvm, share) -> { if (on.byJvm().containsKey(jvm)) diffs.put(jvm, share - on.byJvm().get(jvm)); });
            if (!diffs.isEmpty()) {
                out.finding(Finding.versus("async_minus_jfr_iterator_share", Estimates.mean(diffs), 0, "fraction", Finding.Basis.TIMING,
                        "In the same JVMs and recorded window, async-profiler's share of samples with an iterator method on top minus JFR's (" + diffs.size()
                                + " JVMs, paired by JVM, Student-t interval) was %+.3f")
                        .where("state", first.str("state")).where("n_keys", first.integer("n_keys")).where("n_filled", first.integer("n_filled")));
            }
        });
    }

    private static Finding shareFinding(String id, Rows rows, Shares s, String how) {
        Rows.Row first = rows.metric("samples").list().get(0);
        List<Frame> frames = frames(rows);
        String hottest = frames.isEmpty() ? "" : String.format(Locale.ROOT, "; hottest: %s, %.1f%%%% self", frames.get(0).method(),
                100.0 * frames.get(0).self() / s.samples());
        return Finding.estimate(id, s.estimate(), "fraction", Finding.Basis.TIMING,
                "A share of %.3f of " + s.samples() + " CPU samples (" + s.onIterator() + ") of an entrySet loop over a "
                        + MapState.parse(first.str("state")).label() + " HashMap of " + first.integer("n_keys") + " entries had an iterator method on top ("
                        + how + ")" + hottest + "; " + s.method())
                .where("state", first.str("state")).where("n_keys", first.integer("n_keys")).where("n_filled", first.integer("n_filled"));
    }

    /**
     * {@code mean(a) - mean(b)} of two independent sets with Welch's interval at
     * {@link Estimates#CONFIDENCE}; NaN bounds when either side has fewer than two values.
     */
    static Estimate welchDifference(Map<Integer, Double> a, Map<Integer, Double> b) {
        double[] xa = a.values().stream().mapToDouble(Double::doubleValue).toArray();
        double[] xb = b.values().stream().mapToDouble(Double::doubleValue).toArray();
        if (xa.length == 0 || xb.length == 0) throw new IllegalArgumentException("a, b: need at least one value each");
        double d = maplab.stats.Stats.mean(xa) - maplab.stats.Stats.mean(xb);
        if (xa.length < 2 || xb.length < 2) return new Estimate(d, Double.NaN, Double.NaN, Math.min(xa.length, xb.length));
        double sa = maplab.stats.Stats.standardDeviation(xa);
        double sb = maplab.stats.Stats.standardDeviation(xb);
        double va = sa * sa / xa.length;
        double vb = sb * sb / xb.length;
        double se = Math.sqrt(va + vb);
        double df = se == 0 ? xa.length + xb.length - 2 : (va + vb) * (va + vb) / (va * va / (xa.length - 1) + vb * vb / (xb.length - 1));
        double h = Estimates.t(df) * se;
        return new Estimate(d, d - h, d + h, Math.min(xa.length, xb.length));
    }

    /** Which profilers ran, per profiler and DebugNonSafepoints setting: JVMs that recorded, JVMs where it did not run (and why), samples. */
    static Table profilersTable(Rows profile) {
        StringColumn profiler = StringColumn.create("profiler");
        StringColumn mode = StringColumn.create("debug_nonsafepoints");
        LongColumn ran = LongColumn.create("jvms_ran");
        LongColumn failed = LongColumn.create("jvms_not_ran");
        LongColumn samples = LongColumn.create("samples");
        StringColumn status = StringColumn.create("status");
        Rows flags = profile.metric("profiler_ran");
        for (String p : List.of(JFR, ASYNC_PROFILER)) {
            for (String m : List.of(ON, OFF)) {
                Rows f = profileOf(flags, p, m);
                Rows s = profileOf(profile.metric("samples"), p, m);
                if (f.isEmpty() && s.isEmpty()) continue;
                long yes = f.list().stream().filter(r -> r.value() > 0).count();
                profiler.append(p.equals(JFR) ? "JFR" : "async-profiler (" + AsyncSampler.EVENT + ")");
                mode.append(m);
                ran.append(f.isEmpty() ? s.size() : yes);
                failed.append(f.size() - yes);
                samples.append(s.list().stream().mapToLong(r -> (long) r.value()).sum());
                status.append(String.join("; ", f.list().stream().map(r -> r.str("status")).distinct().toList()));
            }
        }
        return Table.create("profilers", profiler, mode, ran, failed, samples, status);
    }

    /** One profiled method: samples with it on top (self) and anywhere on the stack (total). */
    record Frame(String method, long self, long total) { }

    /**
     * The stored frames summed over JVMs, most self samples first (ties: more total samples, then
     * by name), as {@link JfrProfile#topFrames} orders them. Each JVM stores its
     * {@value Iteration#STORED_FRAMES} hottest frames, so a frame below that in one JVM counts 0 there.
     */
    static List<Frame> frames(Rows profile) {
        Map<String, long[]> sums = new LinkedHashMap<>();
        for (Rows.Row r : profile.metric("self_samples")) sums.computeIfAbsent(r.str("method"), m -> new long[2])[0] += (long) r.value();
        for (Rows.Row r : profile.metric("total_samples")) sums.computeIfAbsent(r.str("method"), m -> new long[2])[1] += (long) r.value();
        List<Frame> out = new ArrayList<>();
        sums.forEach((m, c) -> out.add(new Frame(m, c[0], c[1])));
        out.sort(Comparator.comparingLong(Frame::self).reversed().thenComparing(Comparator.comparingLong(Frame::total).reversed())
                .thenComparing(Frame::method));
        return out;
    }

    static Table topFramesTable(List<Frame> frames, long samples) {
        StringColumn method = StringColumn.create("method");
        StringColumn cat = StringColumn.create("category");
        LongColumn self = LongColumn.create("self_samples");
        DoubleColumn selfShare = DoubleColumn.create("self_share");
        LongColumn total = LongColumn.create("total_samples");
        DoubleColumn totalShare = DoubleColumn.create("total_share");
        for (Frame f : frames.subList(0, Math.min(TOP_FRAMES, frames.size()))) {
            method.append(f.method());
            cat.append(category(f.method()));
            self.append(f.self());
            selfShare.append(f.self() / (double) samples);
            total.append(f.total());
            totalShare.append(f.total() / (double) samples);
        }
        return Table.create("top frames", method, cat, self, selfShare, total, totalShare);
    }

    /** The Wilson score interval of {@code x} of {@code n} samples: {@link Estimates#wilson}. */
    static Estimate wilson(long x, long n) {
        return Estimates.wilson(x, n);
    }
}
