package maplab.progress;

import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Shows how far a long run has got. In a notebook one display updates in place (installed by
 * the kernel's startup script through {@link #useNotebookDisplay}); in a terminal a progress
 * line is rewritten on stderr.
 *
 * <p>The total is known before the first step when the run is planned ({@link #start} with a
 * total); otherwise it is the sum of {@link #addSteps} as the run goes (add a part's steps
 * before its first step). Planned steps that turn out not to be needed (a sequential JMH round
 * whose verdict is already settled) are {@linkplain #skipSteps skipped}: counted as done, so
 * the bar never moves backwards. A run ends in a visible state: {@link #done} or
 * {@link #end} with {@link Outcome#FAILED} / {@link Outcome#INTERRUPTED}.
 */
public interface Progress {

    /** How a task ended. */
    enum Outcome { DONE, FAILED, INTERRUPTED }

    /** Begins a task of {@code totalSteps} steps (0 when unknown: then {@link #addSteps} makes the total). */
    void start(String title, int totalSteps);

    /** Reports that the next step has begun, with what it does. */
    void step(String label);

    /** Adds steps to the expected total (for parts whose size is known only when they start). */
    default void addSteps(int moreSteps) { }

    /**
     * Counts {@code n} planned steps as done without running them ({@code why} says why, e.g.
     * "verdict settled"). The default reports them as steps, so wrappers that pass steps on count them too.
     */
    default void skipSteps(int n, String why) {
        for (int i = 0; i < n; i++) step(why);
    }

    /** Shows what the task is doing now without counting a step (e.g. waiting for a lock). */
    default void note(String label) { }

    /** Ends the task well; {@code summary} says what it made. */
    void done(String summary);

    /** Ends the task as {@code outcome}; failed and interrupted runs show it (red, orange) at the step they reached. */
    default void end(Outcome outcome, String summary) {
        done(outcome == Outcome.DONE ? summary : outcome.name() + ", " + summary);
    }

    /** Progress that shows nothing (tests). */
    Progress SILENT = new Progress() {
        @Override public void start(String title, int totalSteps) { }
        @Override public void step(String label) { }
        @Override public void skipSteps(int n, String why) { }
        @Override public void done(String summary) { }
    };

    /** The notebook display when the kernel installed one, else a terminal line. */
    static Progress auto() {
        NotebookProgress.Display display = NotebookProgress.installed();
        return display != null ? new NotebookProgress(display) : new TerminalProgress(System.err);
    }

    /** Whether a notebook display is installed (by the kernel extension or the startup script). */
    static boolean hasNotebookDisplay() {
        return NotebookProgress.installed() != null;
    }

    /**
     * Called by the kernel's startup script with JJava's {@code display} and
     * {@code updateDisplay} functions, so progress renders as one display updated in place.
     */
    static void useNotebookDisplay(Function<Object, String> display, BiConsumer<String, Object> update) {
        NotebookProgress.install(new NotebookProgress.Display(display, update));
    }
}
