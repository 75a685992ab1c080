package maplab.stats;

import java.util.Locale;

/** How maplab writes a number for people: in sentences, tables and pages alike. */
public final class Numbers {

    private Numbers() { }

    /** A number with precision that fits its size: whole numbers grouped, small ones to three significant digits. */
    public static String format(double d) {
        if (Double.isNaN(d)) return "NaN";
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return String.format(Locale.ROOT, "%,.0f", d);
        double a = Math.abs(d);
        if (a >= 1000) return String.format(Locale.ROOT, "%,.0f", d);
        if (a >= 10) return String.format(Locale.ROOT, "%.1f", d);
        if (a >= 0.01) return String.format(Locale.ROOT, "%.3f", d);
        return String.format(Locale.ROOT, "%.3g", d);
    }
}
