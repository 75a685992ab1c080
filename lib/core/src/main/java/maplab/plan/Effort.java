package maplab.plan;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much JMH measures one part of an experiment: forks (run in alternating rounds), warm-up
 * iterations and their length, measured iterations and their length. Written and parsed as
 * {@code 4:2x100ms+3x100ms} (4 forks; 2 warm-up iterations of 100 ms; 3 measured of 100 ms),
 * or {@code 4:2+3} for single-shot benchmarks (2 warm-up shots, 3 measured shots per fork).
 * {@code 4-10:...} is sequential: 4 forks, then rounds added, up to 10 forks, only to the cells
 * of comparisons whose verdict is not settled yet ({@code Jmh.upTo}, {@link #looks()}). So
 * each part's effort is a parameter: shown by {@code ./maplab list -v}, set with
 * {@code --set <part>_effort=6:3x200ms+5x200ms}, recorded in meta.json.
 */
public record Effort(int forks, int maxForks, int warmupIterations, int warmupMillis, int iterations, int iterationMillis) {

    private static final Pattern FORM = Pattern.compile("(\\d+)(?:-(\\d+))?:(\\d+)(?:x(\\d+)ms)?\\+(\\d+)(?:x(\\d+)ms)?");

    /** A fixed effort: {@code forks} forks, no sequential rounds. */
    public Effort(int forks, int warmupIterations, int warmupMillis, int iterations, int iterationMillis) {
        this(forks, forks, warmupIterations, warmupMillis, iterations, iterationMillis);
    }

    public Effort {
        if (maxForks < forks || maxForks > 100) throw new IllegalArgumentException("forks: the maximum must be from the minimum to 100, got " + forks + "-" + maxForks);
        if (forks < 1 || forks > 100) throw new IllegalArgumentException("forks: must be 1 to 100 (never measure in the caller's JVM), got " + forks);
        if (warmupIterations < 0 || iterations < 1) throw new IllegalArgumentException("iterations: need >= 0 warm-up and >= 1 measured, got " + warmupIterations + " and " + iterations);
        if (warmupMillis < 0 || iterationMillis < 0) throw new IllegalArgumentException("iteration time: must be >= 0 ms");
    }

    /** Single-shot effort: {@code forks} forks of {@code warmupShots} + {@code shots} shots. */
    public static Effort shots(int forks, int warmupShots, int shots) {
        return new Effort(forks, warmupShots, 0, shots, 0);
    }

    /** Parses {@code F:WxTms+MxTms} or {@code F:W+M}; null when the text does not have that form. */
    public static Effort parseOrNull(String text) {
        Matcher m = FORM.matcher(text.trim().replace(" ", ""));
        if (!m.matches()) return null;
        boolean timed = m.group(4) != null && m.group(6) != null;
        if ((m.group(4) == null) != (m.group(6) == null)) return null;
        try {
            int forks = Integer.parseInt(m.group(1));
            return new Effort(forks, m.group(2) == null ? forks : Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    timed ? Integer.parseInt(m.group(4)) : 0, Integer.parseInt(m.group(5)), timed ? Integer.parseInt(m.group(6)) : 0);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The smallest effort that still yields an interval, for the smoke profile: 2 forks, no
     * sequential rounds, at most 1 warm-up and 2 measured iterations of at most 50 ms (single
     * shots: at most 1 warm-up and 2 measured shots). Proves the part runs; says nothing.
     */
    public Effort smoke() {
        return new Effort(2, Math.min(warmupIterations, 1), Math.min(warmupMillis, 50),
                Math.min(iterations, 2), Math.min(iterationMillis, 50));
    }

    /** True for single-shot effort (iteration lengths 0). */
    public boolean singleShot() {
        return warmupMillis == 0 && iterationMillis == 0;
    }

    /** {@code 4:2x100ms+3x100ms}, {@code 4-10:2x100ms+3x100ms} (sequential) or {@code 4:2+3}. */
    public String text() {
        String f = maxForks > forks ? forks + "-" + maxForks : String.valueOf(forks);
        return singleShot() ? f + ":" + warmupIterations + "+" + iterations
                : String.format(Locale.ROOT, "%s:%dx%dms+%dx%dms", f, warmupIterations, warmupMillis, iterations, iterationMillis);
    }

    /**
     * How many times a sequential measurement looks at its comparisons (after {@code forks}
     * and after each added round): the Bonferroni divisor of the confidence its ratios are
     * concluded at; 1 for a fixed effort.
     */
    public int looks() {
        return maxForks - forks + 1;
    }

    /**
     * The forks the progress plans per cell: every round a sequential part may take
     * ({@code maxForks}) when its run compares cells, else {@code forks}
     * (as {@code Jmh.inRounds} adds them; rounds a sequential run does not need are skipped).
     */
    public int plannedForks(boolean compares) {
        return compares ? maxForks : forks;
    }

    /** Seconds of measuring and warming up per benchmark cell, without JVM start-up (a planning estimate). */
    public double secondsPerCell() {
        return forks * (warmupIterations * warmupMillis + iterations * iterationMillis) / 1000.0;
    }

    @Override public String toString() { return text(); }
}
