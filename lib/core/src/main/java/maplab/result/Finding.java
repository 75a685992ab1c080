package maplab.result;

import java.util.Locale;

/**
 * One conclusion of an experiment, computed from the run's data: a stable id, the measured
 * value, its unit and a sentence generated from the value. Written to findings.json as
 * {@code {"id","value","unit","text"}}.
 */
public record Finding(String id, double value, String unit, String text) {

    /**
     * A finding whose text is {@code template} formatted with the value, e.g.
     * {@code Finding.of("putall_vs_loop", 1.8, "x", "putAll took %.2fx the time of a put loop")}.
     */
    public static Finding of(String id, double value, String unit, String template) {
        return new Finding(id, value, unit, String.format(Locale.ROOT, template, value));
    }

    /**
     * A time ratio {@code slow / fast} phrased as "A was 3.1x slower than B" (or "faster"
     * when below one), so the sentence always follows the data.
     */
    public static Finding timeRatio(String id, String a, double aTime, String b, double bTime) {
        double ratio = aTime / bTime;
        String text = ratio >= 1
                ? String.format(Locale.ROOT, "%s took %s the time of %s (%s slower)", a, formatRatio(ratio), b, formatRatio(ratio))
                : String.format(Locale.ROOT, "%s took %s the time of %s (%s faster)", a, formatRatio(ratio), b, formatRatio(1 / ratio));
        return new Finding(id, ratio, "x", text);
    }

    /** "3.1x", "731x", "0.52x": a ratio with sensible precision. */
    public static String formatRatio(double ratio) {
        if (Double.isNaN(ratio) || Double.isInfinite(ratio)) return String.valueOf(ratio);
        if (ratio >= 100) return String.format(Locale.ROOT, "%.0fx", ratio);
        if (ratio >= 10) return String.format(Locale.ROOT, "%.1fx", ratio);
        return String.format(Locale.ROOT, "%.2fx", ratio);
    }
}
