package maplab.measure;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * When a run's time budget ends ({@code --budget}): the sequential rounds a measurement adds
 * after its first forks start only while the round's estimated time still fits before it. The
 * first forks of every cell always run (a run whose plan cannot fit them is refused before it
 * measures), so a budget shortens only the optional part, and never changes the error control:
 * the looks a sequential part may take are fixed by its effort, and stopping at any of them,
 * settled or not, keeps the Bonferroni bound.
 *
 * @param end     the instant the budget ends, or null for no budget
 * @param seconds the budget's length, for what the run records (0 without a budget)
 */
public record Deadline(Instant end, double seconds) {

    /** No budget: every sequential round up to the effort's cap may run. */
    public static final Deadline NONE = new Deadline(null, 0);

    public Deadline {
        if (end != null && !(seconds > 0)) throw new IllegalArgumentException("budget: must be more than 0 s, got " + seconds);
    }

    /** A budget of {@code seconds} starting now. */
    public static Deadline in(double seconds) {
        if (!(seconds > 0) || !Double.isFinite(seconds)) throw new IllegalArgumentException("budget: must be more than 0 s, got " + seconds);
        return new Deadline(Instant.now().plusMillis(Math.round(seconds * 1000)), seconds);
    }

    /** True when a budget is set. */
    public boolean limited() { return end != null; }

    /** Seconds left before the end (negative once past it); infinite without a budget. */
    public double secondsLeft() {
        return end == null ? Double.POSITIVE_INFINITY : Duration.between(Instant.now(), end).toMillis() / 1000.0;
    }

    /** True when work estimated at {@code seconds} would end before the budget does. */
    public boolean allows(double seconds) {
        return seconds <= secondsLeft();
    }

    /**
     * Parses a budget as the CLI takes it: {@code 90s}, {@code 5m}, {@code 1h}, {@code 2m30s}, or
     * plain seconds; an {@link IllegalArgumentException} naming {@code budget} and the forms otherwise.
     */
    public static double parseSeconds(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        var m = java.util.regex.Pattern.compile("(?:(\\d+(?:\\.\\d+)?)h)?(?:(\\d+(?:\\.\\d+)?)m(?!s))?(?:(\\d+(?:\\.\\d+)?)s?)?").matcher(t);
        if (t.isEmpty() || !m.matches() || (m.group(1) == null && m.group(2) == null && m.group(3) == null)) {
            throw new IllegalArgumentException("budget: cannot read '" + text + "'; allowed: a duration such as 90s, 5m, 1h, 2m30s or seconds (more than 0)");
        }
        double s = (m.group(1) == null ? 0 : Double.parseDouble(m.group(1)) * 3600)
                + (m.group(2) == null ? 0 : Double.parseDouble(m.group(2)) * 60)
                + (m.group(3) == null ? 0 : Double.parseDouble(m.group(3)));
        if (!(s > 0)) throw new IllegalArgumentException("budget: must be more than 0 s, got '" + text + "'; allowed: a duration such as 90s, 5m, 1h, 2m30s");
        return s;
    }
}
