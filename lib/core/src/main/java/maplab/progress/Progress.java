package maplab.progress;

import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Shows how far a long run has got. In a notebook one display updates in place (installed by
 * the kernel's startup script through {@link #useNotebookDisplay}); in a terminal a progress
 * line is rewritten on stderr.
 */
public interface Progress {

    /** Begins a task of {@code totalSteps} steps (0 when unknown). */
    void start(String title, int totalSteps);

    /** Reports that the next step has begun, with what it does. */
    void step(String label);

    /** Changes the expected number of steps (for tasks whose size is known only later). */
    default void addSteps(int moreSteps) { }

    /** Ends the task; {@code summary} says how it ended. */
    void done(String summary);

    /** Progress that shows nothing (tests). */
    Progress SILENT = new Progress() {
        @Override public void start(String title, int totalSteps) { }
        @Override public void step(String label) { }
        @Override public void done(String summary) { }
    };

    /** The notebook display when the kernel installed one, else a terminal line. */
    static Progress auto() {
        NotebookProgress.Display display = NotebookProgress.installed();
        return display != null ? new NotebookProgress(display) : new TerminalProgress(System.err);
    }

    /**
     * Called by the kernel's startup script with JJava's {@code display} and
     * {@code updateDisplay} functions, so progress renders as one display updated in place.
     */
    static void useNotebookDisplay(Function<Object, String> display, BiConsumer<String, Object> update) {
        NotebookProgress.install(new NotebookProgress.Display(display, update));
    }
}
