package maplab.progress;

import java.util.Locale;

/**
 * A snapshot of a task's progress, drawn in a notebook as an HTML progress bar (by
 * {@code maplab.render.ProgressBar}, through the kernel's renderer) and on a terminal as a line.
 * A finished task shows how it ended: done (green, full), failed (red) or interrupted (orange),
 * the last two at the step they reached ("interrupted at 5/12").
 *
 * @param title   what runs
 * @param step    steps begun so far (skipped planned steps count as done)
 * @param total   steps expected (0 when unknown)
 * @param label   what the current step does, or how the task ended
 * @param seconds time since the start
 * @param done    whether the task has ended
 * @param outcome how it ended (null while running)
 * @param floor   the largest fraction shown before: the bar never moves backwards, even when
 *                an experiment adds steps to the total as it goes
 */
public record ProgressView(String title, int step, int total, String label, double seconds, boolean done,
                           Progress.Outcome outcome, double floor) {

    /** A running task ({@code done} false) or one that ended well ({@code done} true). */
    public ProgressView(String title, int step, int total, String label, double seconds, boolean done) {
        this(title, step, total, label, seconds, done, done ? Progress.Outcome.DONE : null, 0);
    }

    /** Fraction done from 0 to 1 (0 when the total is unknown); never below {@link #floor}. */
    public double fraction() {
        if (outcome == Progress.Outcome.DONE) return 1;
        double f = total <= 0 ? 0 : Math.min(1, Math.max(0, (step - 1) / (double) total));
        return Math.max(f, Math.min(1, floor));
    }

    /** "5/12", or "step 5" when the total is unknown. */
    private String count() {
        return total > 0 ? step + "/" + total : "step " + step;
    }

    /** How the task stands in words: "3/12", "done", "failed at 3/12", "interrupted at 3/12". */
    public String state() {
        if (outcome == null) return count();
        return switch (outcome) {
            case DONE -> "done";
            case FAILED -> "failed at " + count();
            case INTERRUPTED -> "interrupted at " + count();
        };
    }

    /** Plain text, e.g. {@code "merge [ 3/12] 25% 4.1 s  fastutil n=65536"} or {@code "merge: interrupted at 5/12 (9.3 s): ..."}. */
    public String text() {
        if (done) {
            String how = outcome == null || outcome == Progress.Outcome.DONE ? "" : state().toUpperCase(Locale.ROOT) + ", ";
            return String.format(Locale.ROOT, "%s: %s%s (%.1f s)", title, how, label, seconds);
        }
        String count = total > 0 ? String.format(Locale.ROOT, "[%d/%d] %3.0f%%", step, total, 100 * fraction()) : "[" + step + "]";
        return String.format(Locale.ROOT, "%s %s %.1f s  %s", title, count, seconds, label);
    }
}
