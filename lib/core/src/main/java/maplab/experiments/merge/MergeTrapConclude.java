package maplab.experiments.merge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import maplab.conclude.Finding;
import maplab.measure.Measured;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.stats.Estimates.Estimate;
import maplab.stats.Stats;
import maplab.subject.merge.ReinsertTarget;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The trap's conclusions: its points (time and probe counts per variant and size), the trap
 * table, and the findings: same hash against per-map seeds, growth exponents, longest probes.
 */
final class MergeTrapConclude {

    private MergeTrapConclude() { }

    /**
     * One variant at one size, as stored: time (a lower bound when a shot ran out of the budget)
     * and probe counts (lower bounds when the count ran out; {@code inserted} is -1 when the run
     * did not store it).
     */
    record TrapPoint(ReinsertTarget variant, int n, Measured time, boolean overBudget,
                     double maxProbe, double meanProbe, boolean countCut, long inserted) {
        double ms() { return time.value(); }
        double errorMs() { return overBudget ? Double.NaN : time.error(); }
    }

    /** The trap's points from the rows: one per variant and size with a time, in variant order, then by size. */
    static List<TrapPoint> trapPoints(Rows rows) {
        Rows trap = rows.where("part", "trap");
        List<TrapPoint> out = new ArrayList<>();
        for (ReinsertTarget v : ReinsertTarget.values()) {
            Rows mine = trap.where("subject", v.id());
            List<Rows.Row> times = new ArrayList<>(mine.metric("merge_time").list());
            times.sort(java.util.Comparator.comparingLong(r -> r.integer("n_keys")));
            for (Rows.Row t : times) {
                Rows at = mine.where("n_keys", t.str("n_keys"));
                Rows.Row max = at.metric("max_probe").first().orElse(null);
                Rows.Row mean = at.metric("mean_probe_per_insert").first().orElse(null);
                Rows.Row inserted = at.metric("keys_inserted").first().orElse(null);
                out.add(new TrapPoint(v, (int) t.integer("n_keys"), t.measured(), t.bool("lower_bound"),
                        max == null ? Double.NaN : max.value(), mean == null ? Double.NaN : mean.value(),
                        max != null && max.bool("lower_bound"), inserted == null ? -1 : (long) inserted.value()));
            }
        }
        return out;
    }

    static Table trapTable(List<TrapPoint> points, long budgetMs) {
        StringColumn variant = StringColumn.create("variant");
        IntColumn n = IntColumn.create("n_keys");
        StringColumn time = StringColumn.create("merge time (ms)");
        StringColumn maxProbe = StringColumn.create("max probe");
        StringColumn mean = StringColumn.create("mean probe per insert");
        for (TrapPoint p : points) {
            variant.append(p.variant().label());
            n.append(p.n());
            time.append(p.overBudget() ? "at least " + Finding.formatBound(p.ms(), true).replace("x", "") + " (budget " + budgetMs + " ms ran out)"
                    : Double.isNaN(p.errorMs()) ? String.format(Locale.ROOT, "%.3f (no interval: one fork)", p.ms())
                    : String.format(Locale.ROOT, "%.3f ± %.3f", p.ms(), p.errorMs()));
            String cut = !p.countCut() ? "" : p.inserted() >= 0 ? " (budget hit after " + p.inserted() + " keys)" : " (budget hit)";
            maxProbe.append(Double.isNaN(p.maxProbe()) ? "" : (p.countCut() ? "at least " : "") + String.format(Locale.ROOT, "%.0f", p.maxProbe()) + cut);
            mean.append(Double.isNaN(p.meanProbe()) ? "" : String.format(Locale.ROOT, "%s%.2f%s", p.countCut() ? "at least " : "", p.meanProbe(), cut));
        }
        return Table.create("trap", variant, n, time, maxProbe, mean);
    }

    /**
     * The trap's findings from its points. {@code same_hash_vs_seeded} compares the two at the
     * largest size both were timed at: a paired time ratio ({@link Measured#ratioTo}) when the
     * same-hash merge finished, else the lower bound of {@link #lowerBoundRatio}. Growth
     * exponents are least-squares slopes on log-log axes over the sizes that finished within the
     * budget, with the slope's Student-t interval ({@link Stats#growth}); the longest probe runs
     * are exact counts, or "at least" bounds when the count ran out of the budget. A finding that
     * cannot be concluded (too few sizes within budget) is not computed, with the reason; the
     * others are.
     */
    static void trapFindings(ResultBuilder out, List<TrapPoint> points, long budgetMs) {
        TrapPoint same = null;
        TrapPoint seeded = null;
        for (TrapPoint p : points) {
            if (p.variant() != ReinsertTarget.SAME_HASH) continue;
            TrapPoint s = point(points, ReinsertTarget.SEEDED, p.n());
            if (s != null && (same == null || p.n() > same.n())) {
                same = p;
                seeded = s;
            }
        }
        if (same != null) {
            TrapPoint sameAtN = same;
            TrapPoint seededAtN = seeded;
            out.attempt("same_hash_vs_seeded", () -> sameHashVsSeeded(out, sameAtN, seededAtN, budgetMs));
        }
        for (ReinsertTarget v : ReinsertTarget.values()) {
            List<TrapPoint> ps = points.stream().filter(p -> p.variant() == v).toList();
            if (ps.isEmpty()) continue;
            String id = v.id() + "_growth_exponent";
            out.attempt(id, () -> growthExponent(out, id, v, ps, budgetMs));
        }
        for (ReinsertTarget v : List.of(ReinsertTarget.SAME_HASH, ReinsertTarget.SEEDED)) {
            TrapPoint p = points.stream().filter(x -> x.variant() == v && !Double.isNaN(x.maxProbe())).reduce((x, y) -> y).orElse(null);
            if (p == null) continue;
            out.attempt(v.id() + "_max_probe", () -> {
                String head = "Re-inserting " + p.n() + " keys in slot order (" + v.label() + "): the longest probe run was ";
                Finding f = p.countCut()
                        ? Finding.bound(v.id() + "_max_probe", p.maxProbe(), "probes", Finding.Verdict.AT_LEAST, head + "at least %.0f slots (the count ran out of its "
                                + budgetMs + " ms budget" + (p.inserted() >= 0 ? " after " + p.inserted() + " keys" : "") + ")")
                        : Finding.count(v.id() + "_max_probe", p.maxProbe(), "probes", head + "%.0f slots");
                out.finding(f.where("n_keys", p.n()));
            });
        }
    }

    /**
     * {@code same_hash_vs_seeded} at the largest size both were timed at.
     *
     * @throws IllegalStateException when the per-map-seeds merge ran out of the budget too
     */
    private static void sameHashVsSeeded(ResultBuilder out, TrapPoint same, TrapPoint seeded, long budgetMs) {
        int n = same.n();
        String a = "Re-inserting " + n + " keys in slot order into a map with the same hash";
        if (seeded.overBudget()) {
            throw new IllegalStateException("same_hash_vs_seeded: the per-map-seeds merge of " + n + " keys ran out of budget_ms=" + budgetMs + " too; raise budget_ms");
        } else if (same.overBudget()) {
            LowerBound b = lowerBoundRatio(same.time(), seeded.time());
            out.finding(Finding.ratioAtLeast("same_hash_vs_seeded", a, "per-map seeds", Finding.Quantity.TIME, b.ratio(),
                    "it ran out of its " + budgetMs + " ms budget; the bound is " + b.how())
                    .where("n_keys", n).where("budget_ms", budgetMs));
        } else {
            out.finding(Finding.timeRatio("same_hash_vs_seeded", a, "per-map seeds", same.time().ratioTo(seeded.time())).where("n_keys", n));
        }
    }

    /**
     * {@code <variant>_growth_exponent} over the sizes of {@code ps} that finished within the budget.
     *
     * @throws IllegalStateException when fewer than two did
     */
    private static void growthExponent(ResultBuilder out, String id, ReinsertTarget v, List<TrapPoint> ps, long budgetMs) {
        List<TrapPoint> fit = ps.stream().filter(p -> !p.overBudget()).toList();
        if (fit.size() < 2) {
            throw new IllegalStateException(id + ": only " + fit.size() + " of " + ps.size() + " sizes finished within budget_ms=" + budgetMs
                    + "; raise budget_ms or use smaller sizes");
        }
        Stats.Growth g = Stats.growth(fit.stream().mapToDouble(TrapPoint::n).toArray(), fit.stream().mapToDouble(TrapPoint::ms).toArray());
        int over = ps.size() - fit.size();
        String note = over == 0 ? "" : "; " + over + " larger size(s) ran out of the budget and are left out, so the true growth is steeper";
        String range = fit.get(0).n() + ".." + fit.get(fit.size() - 1).n();
        out.finding(Finding.estimate(id, g.exponentEstimate(), "exponent", Finding.Basis.TIMING, String.format(Locale.ROOT,
                "Re-inserting in slot order (%s): time grew as n^%%.2f (least squares on log-log over %d sizes, n = %s, R² = %.3f%s)",
                v.label(), fit.size(), range, g.r2(), note)).where("n_keys", range));
    }

    /** A conservative lower bound of a ratio: {@code numerator / denominator}, both as used. */
    record LowerBound(double ratio, double numerator, double denominator, String how) { }

    /**
     * The lower bound of {@code cut / other} when {@code cut}'s merge ran out of its budget. Every
     * cut shot is at most the time the whole merge would take, so each fork's mean of cut shots
     * is a lower bound of that fork's true time; the numerator is the <b>smallest</b> fork mean
     * (the stored value when there are no samples). The denominator is the <b>upper</b> end of
     * {@code other}'s interval at {@link maplab.stats.Estimates#CONFIDENCE} over forks (stored
     * value + error without samples; its value when it has no interval). So the ratio errs low on
     * both sides: the same-hash merge took at least this many times as long, at that confidence.
     */
    static LowerBound lowerBoundRatio(Measured cut, Measured other) {
        double num = cut.samples().isEmpty() ? cut.value()
                : cut.forkMeans().values().stream().mapToDouble(Double::doubleValue).min().orElse(cut.value());
        String numHow = cut.samples().isEmpty() ? "its stored time as cut" : "its time as cut (smallest fork mean)";
        double den;
        String denHow;
        if (other.samples().isEmpty()) {
            den = Double.isFinite(other.error()) ? other.value() + other.error() : other.value();
            denHow = Double.isFinite(other.error()) ? "the per-map-seeds time plus its stored error" : "the per-map-seeds time (no interval stored)";
        } else {
            Estimate e = other.estimate();
            den = e.hasInterval() ? Math.max(e.high(), e.value()) : e.value();
            denHow = e.hasInterval() ? "the upper end of the per-map-seeds time's " + Finding.confidenceLabel() + " interval over forks"
                    : "the per-map-seeds time (one fork: no interval)";
        }
        return new LowerBound(num / den, num, den, String.format(Locale.ROOT, "%s, %.1f ms, over %s, %.3f ms", numHow, num, denHow, den));
    }

    static TrapPoint point(List<TrapPoint> points, ReinsertTarget v, int n) {
        return points.stream().filter(p -> p.variant() == v && p.n() == n).findFirst().orElse(null);
    }
}
