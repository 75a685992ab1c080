package maplab.progress;

import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Progress as one notebook display updated in place. Steps are shown at most every 200 ms so
 * a fast loop does not flood the notebook; the final state is always shown.
 */
public final class NotebookProgress implements Progress {

    /** JJava's {@code display(obj)} and {@code updateDisplay(id, obj)}. */
    public record Display(Function<Object, String> show, BiConsumer<String, Object> update) { }

    private static volatile Display installed;

    private final Display display;
    private String id;
    private String title = "";
    private int step;
    private int total;
    private long startNanos;
    private long lastShown;
    private String label = "";

    NotebookProgress(Display display) {
        this.display = display;
    }

    static void install(Display display) {
        installed = display;
    }

    static Display installed() {
        return installed;
    }

    @Override
    public synchronized void start(String title, int totalSteps) {
        this.title = title;
        this.total = totalSteps;
        this.step = 0;
        this.startNanos = System.nanoTime();
        this.id = display.show().apply(view(false));
        this.lastShown = System.nanoTime();
    }

    @Override
    public synchronized void addSteps(int moreSteps) {
        total += moreSteps;
    }

    @Override
    public synchronized void step(String label) {
        step++;
        this.label = label;
        if (System.nanoTime() - lastShown > 200_000_000L) {
            show(false);
        }
    }

    @Override
    public synchronized void done(String summary) {
        this.label = summary;
        show(true);
    }

    private void show(boolean done) {
        if (id != null) {
            display.update().accept(id, view(done));
        }
        lastShown = System.nanoTime();
    }

    private ProgressView view(boolean done) {
        return new ProgressView(title, step, total, label, (System.nanoTime() - startNanos) / 1e9, done);
    }
}
