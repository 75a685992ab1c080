package maplab.progress;

import java.util.Locale;

/**
 * A snapshot of a task's progress, rendered by the kernel as an HTML progress bar.
 *
 * @param title   what runs
 * @param step    steps begun so far
 * @param total   steps expected (0 when unknown)
 * @param label   what the current step does
 * @param seconds time since the start
 * @param done    whether the task has ended
 */
public record ProgressView(String title, int step, int total, String label, double seconds, boolean done) {

    /** Fraction done from 0 to 1 (0 when the total is unknown). */
    public double fraction() {
        if (done) return 1;
        return total <= 0 ? 0 : Math.min(1, Math.max(0, (step - 1) / (double) total));
    }

    /** Plain text, e.g. {@code "merge [ 3/12] 25% 4.1 s  fastutil n=65536"}. */
    public String text() {
        if (done) return String.format(Locale.ROOT, "%s: %s (%.1f s)", title, label, seconds);
        String count = total > 0 ? String.format(Locale.ROOT, "[%d/%d] %3.0f%%", step, total, 100 * fraction()) : "[" + step + "]";
        return String.format(Locale.ROOT, "%s %s %.1f s  %s", title, count, seconds, label);
    }

    /** A small self-contained HTML progress bar. */
    public String html() {
        String escapedTitle = escape(title);
        String escapedLabel = escape(label);
        int percent = (int) Math.round(100 * fraction());
        return "<div class=\"maplab-progress\" style=\"font-family:sans-serif;font-size:13px;max-width:640px\">"
                + "<div><b>" + escapedTitle + "</b> " + (done ? "done" : (total > 0 ? step + "/" + total : "step " + step))
                + String.format(Locale.ROOT, " &middot; %.1f s", seconds) + "</div>"
                + "<div style=\"background:#e6e6e6;height:10px;border-radius:3px;margin:3px 0\">"
                + "<div style=\"background:" + (done ? "#2e7d32" : "#1565c0") + ";height:10px;border-radius:3px;width:" + percent + "%\"></div></div>"
                + "<div style=\"color:#555\">" + escapedLabel + "</div></div>";
    }

    static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
