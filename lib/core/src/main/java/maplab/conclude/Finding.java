package maplab.conclude;

import maplab.measure.Measured;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import maplab.stats.Estimates;
import maplab.stats.Estimates.Estimate;

/**
 * One conclusion of an experiment, computed from the run's stored data: a stable id, the value,
 * its unit, its interval {@code [low, high]} at {@link Estimates#CONFIDENCE}, what kind of
 * evidence it rests on ({@link Basis}), for comparisons a {@link Verdict}, a sentence generated
 * from value, interval and verdict, and the conditions it was measured under (threads, sizes)
 * so that a reference is compared like with like.
 *
 * <p>The verdicts of a comparison, from its interval alone: {@link Verdict#HIGHER} or
 * {@link Verdict#LOWER} when the interval excludes the point of no difference (1 for a ratio, 0
 * for a difference); otherwise {@link Verdict#NO_DIFFERENCE}, never called faster or slower, the
 * sentence saying so with the ratio and its interval. A comparison whose point is "no difference
 * expected" may declare an equivalence {@link #margin()} (factories taking a {@code margin}): an
 * interval wholly inside it ({@code [1/(1+m), 1+m]} for a ratio, {@code neutral ± m} in the
 * finding's own unit for a difference) is {@link Verdict#EQUIVALENT}, "equivalent within ±10%",
 * stronger than no detectable difference. An interval that reaches outside the margin stays no
 * detectable difference, and one that excludes the neutral point stays higher or lower even when
 * it lies inside the margin: a real difference may be small.
 *
 * <p>{@link #neutral()} is the point of no difference a comparison's factory used (null for none,
 * and for a finding read back from findings.json); {@link #n()} the forks (or points, trials)
 * behind its interval as the estimate had them (0 when unknown, as read back). {@link #betweenRun()}, when not null, relates
 * the finding to the run level of repetition ({@link BetweenRun}): on a reference made from
 * several runs the finding combines them; on a later run its interval and verdict include the
 * reference's between-run spread.
 */
public record Finding(String id, double value, String unit, double low, double high, Basis basis, Verdict verdict,
                      String text, Map<String, String> conditions, String group, double margin, Double neutral, int n, BetweenRun betweenRun) {

    /** What a finding rests on. */
    public enum Basis {
        /** Measured times (JMH in forked JVMs); the interval comes from fork-to-fork variation. */
        TIMING,
        /** Counted in process (probes, resizes, bytes, lost keys); exact for the run's seed. */
        COUNT,
        /** A demonstration that holds by how it is built (a {@code byte[]} key never matches an equal array). */
        CONSTRUCTION,
        /** An echo of the run's settings (how many launches). */
        PARAMETER;

        public String id() { return name().toLowerCase(Locale.ROOT); }

        public static Basis parse(String s) { return valueOf(s.trim().toUpperCase(Locale.ROOT)); }
    }

    /** What a comparison concludes. */
    public enum Verdict {
        /** The interval lies entirely above the point of no difference (1 for a ratio). */
        HIGHER("higher"),
        /** The interval lies entirely below it. */
        LOWER("lower"),
        /** The interval includes it: this run cannot tell the two apart. */
        NO_DIFFERENCE("no detectable difference"),
        /**
         * The interval lies wholly inside the finding's declared equivalence margin (and includes
         * the point of no difference): the two are the same within the margin. Shown with the
         * margin ({@link Finding#verdictLabel()}: "equivalent within ±10%").
         */
        EQUIVALENT("equivalent"),
        /** The value is a lower bound (a measurement ran out of its budget). */
        AT_LEAST("at least"),
        /** The value is an upper bound. */
        AT_MOST("at most"),
        /** Not computed: what was measured cannot give it (the reason is the finding's text). */
        NOT_COMPUTED("not computed");

        private final String label;

        Verdict(String label) { this.label = label; }

        public String label() { return label; }

        /** The verdict with this label ("higher", "no detectable difference"...). */
        public static Verdict parse(String label) {
            if (label.trim().toLowerCase(Locale.ROOT).startsWith("equivalent")) return EQUIVALENT;
            for (Verdict v : values()) if (v.label.equalsIgnoreCase(label.trim())) return v;
            throw new IllegalArgumentException("verdict: unknown '" + label + "'");
        }

        /** HIGHER and LOWER: a difference was detected. */
        public boolean isDifference() { return this == HIGHER || this == LOWER; }

        /** NO_DIFFERENCE and EQUIVALENT: no difference was detected (EQUIVALENT also bounds it). */
        public boolean isNoDifference() { return this == NO_DIFFERENCE || this == EQUIVALENT; }

        /** True when one says higher and the other lower. */
        public boolean opposes(Verdict other) {
            return (this == HIGHER && other == LOWER) || (this == LOWER && other == HIGHER);
        }
    }

    public Finding {
        if (Double.isNaN(margin)) margin = NO_MARGIN;
        if (!(margin >= 0 && Double.isFinite(margin))) {
            throw new IllegalArgumentException("margin: a positive finite number (0.10 for ±10%), or 0 or NaN for none, got " + margin);
        }
        conditions = conditions == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(conditions));
        group = group == null ? "" : group;
    }

    /** The {@link #margin()} of a finding that declares none. */
    public static final double NO_MARGIN = 0;

    /**
     * A finding with no {@link #neutral()} (null), no known {@link #n()} (0) and no {@link #betweenRun()}:
     * as read back from findings.json.
     */
    public Finding(String id, double value, String unit, double low, double high, Basis basis, Verdict verdict,
                   String text, Map<String, String> conditions, String group, double margin) {
        this(id, value, unit, low, high, basis, verdict, text, conditions, group, margin, null, 0, null);
    }

    /** A finding with no equivalence margin. */
    public Finding(String id, double value, String unit, double low, double high, Basis basis, Verdict verdict,
                   String text, Map<String, String> conditions, String group) {
        this(id, value, unit, low, high, basis, verdict, text, conditions, group, NO_MARGIN);
    }

    /** A finding in no group. */
    public Finding(String id, double value, String unit, double low, double high, Basis basis, Verdict verdict,
                   String text, Map<String, String> conditions) {
        this(id, value, unit, low, high, basis, verdict, text, conditions, "");
    }

    /**
     * The same finding in {@code group}: the experiment's name for findings shown together
     * ("peers", "latency", "locality"...), so notebooks and pages ask for a group
     * ({@code Result.findingsIn}) instead of matching ids.
     */
    public Finding inGroup(String group) {
        return new Finding(id, value, unit, low, high, basis, verdict, text, conditions, group, margin, neutral, n, betweenRun);
    }

    /**
     * A finding the run promised but cannot compute from what it measured (too few sizes finished
     * within a budget, an empty series, a zero denominator): no value, the reason as its text.
     */
    public static Finding notComputed(String id, String reason) {
        return new Finding(id, Double.NaN, "", Double.NaN, Double.NaN, null, Verdict.NOT_COMPUTED, "Not computed: " + reason, Map.of());
    }

    /** True when the finding declares an equivalence margin ({@link #margin()} is {@link #NO_MARGIN}, 0, otherwise). */
    public boolean hasMargin() { return margin > 0; }

    /** The verdict as shown: its label, with the margin for EQUIVALENT ("equivalent within ±10%"); "" for none. */
    public String verdictLabel() {
        if (verdict == null) return "";
        return verdict == Verdict.EQUIVALENT ? "equivalent within ±" + marginText(margin, unit) : verdict.label();
    }

    /** True for a finding that could not be computed ({@link #notComputed}). */
    public boolean notComputed() { return verdict == Verdict.NOT_COMPUTED; }

    /** The confidence level of {@link #low()} and {@link #high()}: one level for every finding. */
    public double confidence() { return Estimates.CONFIDENCE; }

    /** The same finding with another sentence ({@link #at} leads it with its conditions). */
    private Finding withText(String sentence) {
        return new Finding(id, value, unit, low, high, basis, verdict, sentence, conditions, group, margin, neutral, n, betweenRun);
    }

    /**
     * The same finding with its sentence led by the conditions it was measured under
     * ("At 4 threads, 95% reads, "): the verdict's wording stays the one this class writes.
     */
    public Finding at(String conditions) {
        String sentence = text.startsWith("No detectable") ? "n" + text.substring(1) : text;
        return withText("At " + conditions + ", " + sentence);
    }

    /** The same finding measured under one more condition (e.g. {@code "threads", 8}). */
    public Finding where(String name, Object setting) {
        Map<String, String> c = new LinkedHashMap<>(conditions);
        c.put(name, String.valueOf(setting));
        return new Finding(id, value, unit, low, high, basis, verdict, text, c, group, margin, neutral, n, betweenRun);
    }

    // ------------------------------------------------------------------ exact values

    /** A count made in process: exact, so its interval is the value. {@code template} gets the value ({@code %.0f}). */
    public static Finding count(String id, double value, String unit, String template) {
        return exact(id, value, unit, Basis.COUNT, template);
    }

    /** A demonstration true by construction (a hit rate of 0 for {@code byte[]} keys). */
    public static Finding construction(String id, double value, String unit, String template) {
        return exact(id, value, unit, Basis.CONSTRUCTION, template);
    }

    /** An echo of a setting of the run (how many launches, runs). */
    public static Finding parameter(String id, double value, String unit, String template) {
        return exact(id, value, unit, Basis.PARAMETER, template);
    }

    /**
     * A statistic computed from measurements that has no interval of its own (a p-value): its
     * interval is the value, no verdict; {@code text} is the sentence as is.
     */
    public static Finding statistic(String id, double value, String unit, Basis basis, String text) {
        return new Finding(id, value, unit, value, value, basis, null, text, Map.of());
    }

    private static Finding exact(String id, double value, String unit, Basis basis, String template) {
        return new Finding(id, value, unit, value, value, basis, null, String.format(Locale.ROOT, template, value), Map.of());
    }

    /** A count that is a bound: the budget ran out, so the true value is at least (or at most) this. */
    public static Finding bound(String id, double value, String unit, Verdict atLeastOrAtMost, String template) {
        if (atLeastOrAtMost != Verdict.AT_LEAST && atLeastOrAtMost != Verdict.AT_MOST) {
            throw new IllegalArgumentException("verdict: a bound is 'at least' or 'at most', got " + atLeastOrAtMost);
        }
        double low = atLeastOrAtMost == Verdict.AT_LEAST ? value : Double.NEGATIVE_INFINITY;
        double high = atLeastOrAtMost == Verdict.AT_LEAST ? Double.POSITIVE_INFINITY : value;
        return new Finding(id, value, unit, low, high, Basis.COUNT, atLeastOrAtMost, String.format(Locale.ROOT, template, value), Map.of());
    }

    // ------------------------------------------------------------------ estimates

    /**
     * A measured value with its interval but no comparison (bytes per entry, a growth
     * exponent). {@code template} gets the value; the interval is appended.
     */
    public static Finding estimate(String id, Estimate e, String unit, Basis basis, String template) {
        String text = String.format(Locale.ROOT, template, e.value()) + intervalClause(e, unit);
        return new Finding(id, e.value(), unit, e.low(), e.high(), basis, null, text, Map.of(), "", NO_MARGIN, null, e.n(), null);
    }

    /**
     * A quantity compared with a point of no difference ({@code neutral}: 0 for a difference or
     * an effect size, 1 for a ratio), with a verdict from its interval. {@code template} gets
     * the value; the verdict and interval follow.
     */
    public static Finding versus(String id, Estimate e, double neutral, String unit, Basis basis, String template) {
        return versus(id, e, neutral, unit, basis, template, NO_MARGIN);
    }

    /**
     * {@link #versus(String, Estimate, double, String, Basis, String)} with an equivalence margin
     * in the finding's own unit: an interval wholly inside {@code neutral ± margin} is
     * {@link Verdict#EQUIVALENT}. {@link #NO_MARGIN} (0) declares none.
     */
    public static Finding versus(String id, Estimate e, double neutral, String unit, Basis basis, String template, double margin) {
        Verdict v = equivalentWithin(verdict(e, neutral), e, margin, neutral - margin, neutral + margin);
        String base = String.format(Locale.ROOT, template, e.value());
        String text = switch (v) {
            case HIGHER -> base + " (above " + maplab.stats.Numbers.format(neutral) + intervalClause(e, unit).replace(" (", ", ");
            case LOWER -> base + " (below " + maplab.stats.Numbers.format(neutral) + intervalClause(e, unit).replace(" (", ", ");
            case EQUIVALENT -> base + intervalClause(e, unit).replace(")", "): equivalent within ±" + marginText(margin, unit));
            default -> "No detectable difference in this run: " + base + intervalClause(e, unit).replace(")", ", which includes " + maplab.stats.Numbers.format(neutral) + ")");
        };
        return new Finding(id, e.value(), unit, e.low(), e.high(), basis, v, text, Map.of(), "", margin, neutral, e.n(), null);
    }

    /**
     * EQUIVALENT when a margin is declared, {@code v} is no detectable difference and the interval
     * lies wholly in {@code [lo, hi]}; else {@code v}.
     */
    static Verdict equivalentWithin(Verdict v, Estimate e, double margin, double lo, double hi) {
        if (!(margin > 0) || v != Verdict.NO_DIFFERENCE || !e.hasInterval()) return v;
        return e.low() >= lo && e.high() <= hi ? Verdict.EQUIVALENT : v;
    }

    /** "10%" for a ratio's margin 0.10, "0.5 ns" for a difference's margin in its unit. */
    static String marginText(double margin, String unit) {
        if ("x".equals(unit)) return maplab.stats.Numbers.format(Math.round(margin * 1000) / 10.0) + "%";
        return maplab.stats.Numbers.format(margin) + (unit == null || unit.isBlank() ? "" : " " + unit);
    }

    /** Which way an interval lies relative to {@code neutral}; no interval means no detectable difference. */
    public static Verdict verdict(Estimate e, double neutral) {
        if (!e.hasInterval()) return Verdict.NO_DIFFERENCE;
        if (e.low() > neutral) return Verdict.HIGHER;
        if (e.high() < neutral) return Verdict.LOWER;
        return Verdict.NO_DIFFERENCE;
    }

    // ------------------------------------------------------------------ ratios

    /** What a ratio's two sides measure, which decides how its sentence reads. */
    public enum Quantity {
        /** Time per operation: a ratio above 1 means A was slower. */
        TIME("took %s the time of %s", "slower", "faster"),
        /** Throughput: a ratio above 1 means A did more operations per unit of time. */
        THROUGHPUT("had %s the throughput of %s", "more throughput", "less throughput"),
        /** Bytes allocated or held. */
        BYTES("used %s the bytes of %s", "more bytes", "fewer bytes"),
        /** Any other measured amount. */
        AMOUNT("measured %s the value of %s", "higher", "lower");

        private final String phrase;
        private final String above;
        private final String below;

        Quantity(String phrase, String above, String below) {
            this.phrase = phrase;
            this.above = above;
            this.below = below;
        }
    }

    /**
     * The ratio {@code a / b} of two measured quantities with its interval ({@link Estimates#ratio}),
     * its verdict (higher, lower, or no detectable difference) and a sentence that follows it:
     * "A took 3.10x the time of B (99% interval 2.90x to 3.31x): 3.10x slower", or "No
     * detectable difference in this run: A took 1.12x the time of B (99% interval 0.85x to
     * 1.47x, which includes 1)".
     */
    public static Finding ratio(String id, String a, String b, Quantity q, Estimate r, Basis basis) {
        return ratio(id, a, b, q, r, basis, NO_MARGIN);
    }

    /**
     * {@link #ratio(String, String, String, Quantity, Estimate, Basis)} for a comparison whose point
     * is "no difference expected", with a relative equivalence {@code margin} (0.10 for ±10%): an
     * interval wholly inside {@code [1/(1+margin), 1+margin]} is {@link Verdict#EQUIVALENT},
     * "A took 1.00x the time of B (99% interval 0.97x to 1.04x): equivalent within ±10%". An
     * interval excluding 1 stays higher or lower even inside the margin. {@link #NO_MARGIN} (0) declares none.
     */
    public static Finding ratio(String id, String a, String b, Quantity q, Estimate r, Basis basis, double margin) {
        Verdict v = equivalentWithin(verdict(r, 1), r, margin, 1 / (1 + margin), 1 + margin);
        String phrase = a + " " + String.format(Locale.ROOT, q.phrase, formatRatio(r.value()), b);
        String interval = ratioInterval(r);
        String text = switch (v) {
            case HIGHER -> phrase + " (" + interval + "): " + formatRatio(r.value()) + " " + q.above;
            case LOWER -> phrase + " (" + interval + "): " + formatRatio(1 / r.value()) + " " + q.below;
            case EQUIVALENT -> phrase + " (" + interval + "): equivalent within ±" + marginText(margin, "x");
            default -> "No detectable difference in this run: " + phrase + " ("
                    + (r.hasInterval() ? interval + ", which includes 1" : "no interval: too few forks") + ")";
        };
        return new Finding(id, r.value(), "x", r.low(), r.high(), basis, v, text, Map.of(), "", margin, 1.0, r.n(), null);
    }

    /** A time ratio {@code a / b} measured with JMH. */
    public static Finding timeRatio(String id, String a, String b, Estimate r) {
        return ratio(id, a, b, Quantity.TIME, r, Basis.TIMING);
    }

    /** A time ratio {@code a / b} measured with JMH, with an equivalence margin (0.10 for ±10%; see {@link #ratio(String, String, String, Quantity, Estimate, Basis, double)}). */
    public static Finding timeRatio(String id, String a, String b, Estimate r, double margin) {
        return ratio(id, a, b, Quantity.TIME, r, Basis.TIMING, margin);
    }

    /**
     * A ratio that is only a lower bound (the numerator's measurement ran out of its budget):
     * verdict "at least", printed as measured (never rounded up), with the reason.
     */
    public static Finding ratioAtLeast(String id, String a, String b, Quantity q, double lowerBound, String reason) {
        String text = a + " " + String.format(Locale.ROOT, q.phrase, "at least " + formatBound(lowerBound, true), b) + " (" + reason + ")";
        return new Finding(id, lowerBound, "x", lowerBound, Double.POSITIVE_INFINITY, Basis.TIMING, Verdict.AT_LEAST, text, Map.of());
    }

    // ------------------------------------------------------------------ formatting

    /** "99% interval 2.90x to 3.31x". */
    static String ratioInterval(Estimate r) {
        return confidenceLabel() + " interval " + formatRatio(r.low()) + " to " + formatRatio(r.high());
    }

    /** " (99% interval 0.812 to 0.844)" or " (no interval: ...)" for an estimate. */
    static String intervalClause(Estimate e, String unit) {
        if (!e.hasInterval()) return " (no interval: too few forks or points)";
        String u = unit == null || unit.isBlank() || List.of("exponent", "x", "fraction", "p").contains(unit) ? "" : " " + unit;
        return " (" + confidenceLabel() + " interval " + maplab.stats.Numbers.format(e.low()) + " to " + maplab.stats.Numbers.format(e.high()) + u + ")";
    }

    /** "99%". */
    public static String confidenceLabel() {
        return String.format(Locale.ROOT, "%.0f%%", Estimates.CONFIDENCE * 100);
    }

    /** "3.10x", "731x", "0.52x": a ratio with sensible precision (3 significant digits). */
    public static String formatRatio(double ratio) {
        if (Double.isNaN(ratio) || Double.isInfinite(ratio)) return String.valueOf(ratio);
        if (ratio >= 100) return String.format(Locale.ROOT, "%.0fx", ratio);
        if (ratio >= 10) return String.format(Locale.ROOT, "%.1fx", ratio);
        if (ratio >= 0.01) return String.format(Locale.ROOT, "%.2fx", ratio);
        return String.format(Locale.ROOT, "%.2gx", ratio);
    }

    /** A bound printed as measured: digits are cut toward the safe side (116.58 as a lower bound prints 116.5x, never 117x). */
    public static String formatBound(double bound, boolean lower) {
        double scale = bound >= 100 ? 10 : bound >= 10 ? 100 : 1000;
        double cut = lower ? Math.floor(bound * scale) / scale : Math.ceil(bound * scale) / scale;
        String s = String.format(Locale.ROOT, bound >= 100 ? "%.1f" : bound >= 10 ? "%.2f" : "%.3f", cut);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "") + "x";
    }
}
