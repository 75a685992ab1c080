package maplab.conclude;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import maplab.stats.BetweenRuns;
import maplab.stats.Estimates.Estimate;
import maplab.stats.Numbers;

/**
 * A finding's run-to-run spread ({@link BetweenRuns}): the between-run standard deviation
 * {@code sd} on the finding's {@code scale} ("log" for a ratio, "natural" otherwise), estimated
 * from the runs {@code runIds}. On a reference made from several runs ({@code folded} false) the
 * finding combines those runs ({@link #combine}); on a later run ({@code folded} true) its
 * interval and verdict include the spread of its reference's runs ({@link #fold}). Like
 * {@link Finding}'s factories, the two write the finding's sentence (the words for run-to-run
 * spread live here).
 */
public record BetweenRun(double sd, String scale, List<String> runIds, boolean folded) {

    /** A ratio's scale: its log. */
    public static final String LOG = "log";
    /** A difference's, count's or measured value's scale. */
    public static final String NATURAL = "natural";

    public BetweenRun {
        if (!(sd >= 0) || Double.isInfinite(sd)) throw new IllegalArgumentException("sd: a finite standard deviation >= 0, got " + sd);
        if (!LOG.equals(scale) && !NATURAL.equals(scale)) throw new IllegalArgumentException("scale: 'log' or 'natural', got '" + scale + "'");
        runIds = List.copyOf(runIds);
    }

    /** How many runs the spread was estimated from. */
    public int runs() { return runIds.size(); }

    /** The short form pages show beside an interval: "over 3 runs" or "with the spread of 3 runs". */
    public String shortLabel() {
        return (folded ? "with the spread of " : "over ") + runs() + " runs";
    }

    /** The spread in words: "sd 6.2% between runs" (log scale) or "sd 0.31 ns between runs". */
    String sdText(String unit) {
        if (LOG.equals(scale)) return "sd " + Numbers.format(Math.round((Math.exp(sd) - 1) * 1000) / 10.0) + "% between runs";
        return "sd " + Numbers.format(sd) + (unit == null || unit.isBlank() || "x".equals(unit) ? "" : " " + unit) + " between runs";
    }

    // ------------------------------------------------------------------ combining runs

    /**
     * Every finding of the first run combined with the same finding of the others
     * ({@link #combine}); a finding some run lacks stays as the first run has it.
     * {@code runs.get(i)} are the findings of run {@code runIds.get(i)}.
     */
    public static List<Finding> combineAll(List<List<Finding>> runs, List<String> runIds) {
        if (runs.size() != runIds.size()) throw new IllegalArgumentException("runIds: one per run, got " + runIds.size() + " for " + runs.size() + " runs");
        List<Map<String, Finding>> byId = new ArrayList<>();
        for (List<Finding> run : runs) {
            Map<String, Finding> m = new LinkedHashMap<>();
            run.forEach(f -> m.put(f.id(), f));
            byId.add(m);
        }
        List<Finding> out = new ArrayList<>();
        for (Finding first : runs.get(0)) {
            List<Finding> same = byId.stream().map(m -> m.get(first.id())).toList();
            out.add(same.contains(null) ? first : combine(same, runIds));
        }
        return out;
    }

    /**
     * One finding over {@code k >= 3} runs: the mean of the run values on the finding's scale (a
     * ratio's geometric mean) with its interval and the between-run sd ({@link BetweenRuns#combine}),
     * the verdict by {@link Finding}'s rules (neutral point, equivalence margin) from that
     * interval. A finding that cannot be combined (not computed, a bound, no interval in some run,
     * units that differ) stays as the first run has it; one exact and equal in every run (a count
     * for the seed) too, with a spread of 0.
     */
    public static Finding combine(List<Finding> runs, List<String> runIds) {
        Finding first = runs.get(0);
        if (!combinable(runs)) return first;
        String scale = scaleOf(runs);
        boolean exactAndEqual = runs.stream().allMatch(f -> f.low() == f.high() && f.value() == first.value());
        if (exactAndEqual) return with(first, first.value(), first.low(), first.high(), first.verdict(), first.text(), new BetweenRun(0, scale, runIds, false));
        List<BetweenRuns.RunValue> values = runs.stream().map(f -> runValue(f, scale)).toList();
        BetweenRuns.Combined c = BetweenRuns.combine(values);
        Estimate e = back(scale, c.value(), c.value() - c.low());
        BetweenRun spread = new BetweenRun(c.tau(), scale, runIds, false);
        Finding.Verdict v = verdictOf(first, e);
        String text = "Over " + runs.size() + " runs: " + valueText(first, e.value()) + " (" + Finding.confidenceLabel() + " interval "
                + valueText(first, e.low()) + " to " + valueText(first, e.high()) + "; " + spread.sdText(first.unit()) + ")"
                + verdictWords(first, v) + ". The first run: " + first.text();
        return with(first, e.value(), e.low(), e.high(), v, text, spread);
    }

    private static boolean combinable(List<Finding> runs) {
        for (Finding f : runs) {
            if (f.notComputed() || !Double.isFinite(f.value()) || !Double.isFinite(f.low()) || !Double.isFinite(f.high())) return false;
            if (f.verdict() == Finding.Verdict.AT_LEAST || f.verdict() == Finding.Verdict.AT_MOST) return false;
            if (!java.util.Objects.equals(f.unit(), runs.get(0).unit())) return false;
        }
        return runs.size() >= BetweenRuns.MIN_RUNS;
    }

    /** Log for a ratio with positive value and interval; natural otherwise. */
    private static String scaleOf(List<Finding> runs) {
        boolean ratio = runs.stream().allMatch(f -> "x".equals(f.unit()) && f.low() > 0 && f.value() > 0);
        return ratio ? LOG : NATURAL;
    }

    /**
     * A finding's value and half-width on {@code scale} (the wider side, for an interval cut at a
     * floor: bytes cannot be negative), with {@code n - 1} degrees of freedom when the finding knows
     * its {@link Finding#n()} (a paired ratio's are exactly that; Welch's and a fit's are about it).
     */
    private static BetweenRuns.RunValue runValue(Finding f, String scale) {
        double df = f.n() >= 2 ? f.n() - 1 : Double.POSITIVE_INFINITY;
        if (LOG.equals(scale)) {
            double v = Math.log(f.value());
            return new BetweenRuns.RunValue(v, Math.max(Math.log(f.high()) - v, v - Math.log(f.low())), df);
        }
        return new BetweenRuns.RunValue(f.value(), Math.max(f.high() - f.value(), f.value() - f.low()), df);
    }

    /** The estimate {@code centre ± halfWidth} on {@code scale}, back on the finding's own scale. */
    private static Estimate back(String scale, double centre, double halfWidth) {
        if (LOG.equals(scale)) return new Estimate(Math.exp(centre), Math.exp(centre - halfWidth), Math.exp(centre + halfWidth), 0);
        return new Estimate(centre, centre - halfWidth, centre + halfWidth, 0);
    }

    // ------------------------------------------------------------------ folding into a later run

    /**
     * {@code f}, one run's finding, with the between-run spread {@code ref} of its reference
     * folded in: its interval widened to {@link BetweenRuns#widenedHalfWidth} on the spread's
     * scale around the same value, its verdict recomputed from the widened interval by
     * {@link Finding}'s rules (it can only move toward no detectable difference), and its
     * sentence saying so. Unchanged when the spread is 0 or {@code f} has no finite interval, is a
     * bound or was not computed. A lower bound of exactly 0 (a quantity that cannot be negative)
     * stays 0.
     */
    public static Finding fold(Finding f, BetweenRun ref) {
        if (ref.sd() == 0 || f.notComputed() || !Double.isFinite(f.low()) || !Double.isFinite(f.high()) || !Double.isFinite(f.value())) return f;
        if (f.verdict() == Finding.Verdict.AT_LEAST || f.verdict() == Finding.Verdict.AT_MOST) return f;
        if (LOG.equals(ref.scale()) && !(f.low() > 0 && f.value() > 0)) return f;
        BetweenRuns.RunValue own = runValue(f, ref.scale());
        Estimate e = back(ref.scale(), own.value(), BetweenRuns.widenedHalfWidth(own, ref.sd(), ref.runs()));
        if (NATURAL.equals(ref.scale()) && f.low() == 0 && e.low() < 0) e = e.atLeast(0);
        BetweenRun spread = new BetweenRun(ref.sd(), ref.scale(), ref.runIds(), true);
        Finding.Verdict v = verdictOf(f, e);
        String widened = Finding.confidenceLabel() + " interval " + valueText(f, e.low()) + " to " + valueText(f, e.high());
        String text;
        if (v == f.verdict()) {
            String old = Finding.confidenceLabel() + " interval " + valueText(f, f.low()) + " to " + valueText(f, f.high());
            String note = widened + " with the between-run spread of " + ref.runs() + " runs (" + spread.sdText(f.unit()) + ")";
            text = f.text().contains(old) ? f.text().replace(old, note) : f.text() + " (" + note + ")";
        } else {
            text = "No detectable difference across runs: with the between-run spread of " + ref.runs() + " runs (" + spread.sdText(f.unit())
                    + ") the " + widened + " includes " + Numbers.format(neutralOf(f)) + " (this run alone: " + f.text() + ")";
        }
        return with(f, f.value(), e.low(), e.high(), v, text, spread);
    }

    // ------------------------------------------------------------------ shared

    private static Finding with(Finding f, double value, double low, double high, Finding.Verdict v, String text, BetweenRun spread) {
        return new Finding(f.id(), value, f.unit(), low, high, f.basis(), v, text, f.conditions(), f.group(), f.margin(), f.neutral(), f.n(), spread);
    }

    /** The finding's point of no difference: as its factory recorded it; else 1 for a ratio, 0 otherwise (a finding read back from findings.json). */
    static double neutralOf(Finding f) {
        if (f.neutral() != null) return f.neutral();
        return "x".equals(f.unit()) ? 1 : 0;
    }

    /** The verdict of {@code e} by {@code f}'s rules; none when {@code f} has none. */
    private static Finding.Verdict verdictOf(Finding f, Estimate e) {
        if (f.verdict() == null) return null;
        double n = neutralOf(f);
        double m = f.margin();
        boolean ratio = "x".equals(f.unit());
        return Finding.equivalentWithin(Finding.verdict(e, n), e, m, ratio ? 1 / (1 + m) : n - m, ratio ? 1 + m : n + m);
    }

    private static String verdictWords(Finding f, Finding.Verdict v) {
        if (v == null) return "";
        String n = Numbers.format(neutralOf(f));
        return switch (v) {
            case HIGHER -> ": above " + n;
            case LOWER -> ": below " + n;
            case EQUIVALENT -> ": equivalent within ±" + Finding.marginText(f.margin(), f.unit());
            default -> ": no detectable difference, the interval includes " + n;
        };
    }

    /** A value as the finding's sentences print it: "3.10x" for a ratio, "12.5" otherwise. */
    private static String valueText(Finding f, double d) {
        return "x".equals(f.unit()) ? Finding.formatRatio(d) : Numbers.format(d);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (sd %s on the %s scale, runs %s)", shortLabel(), Numbers.format(sd), scale, runIds);
    }
}
