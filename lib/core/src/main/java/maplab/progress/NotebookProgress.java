package maplab.progress;

import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Progress as one notebook display updated in place. Steps are shown at most every 200 ms so
 * a fast loop does not flood the notebook; a step held back is shown 250 ms later (so the
 * display never stays on an older step while a long one runs); the final state (done, failed
 * or interrupted) is always shown.
 */
public final class NotebookProgress implements Progress {

    /** JJava's {@code display(obj)} and {@code updateDisplay(id, obj)}. */
    public record Display(Function<Object, String> show, BiConsumer<String, Object> update) { }

    private static volatile Display installed;

    /** Shows held-back steps; one daemon thread for all progress displays. */
    private static final java.util.concurrent.ScheduledExecutorService LATER =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "maplab-progress");
                t.setDaemon(true);
                return t;
            });

    private final Display display;
    private final ProgressCount count = new ProgressCount();
    private String id;
    private long lastShown;
    private String label = "";
    private boolean pending;
    private boolean ended;

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
        count.start(title, totalSteps);
        label = "";
        ended = false;
        pending = false;
        this.id = display.show().apply(count.view(label, null));
        this.lastShown = System.nanoTime();
    }

    @Override
    public synchronized void addSteps(int moreSteps) {
        count.addSteps(moreSteps);
    }

    @Override
    public synchronized void step(String label) {
        count.step();
        this.label = label;
        showSoon();
    }

    @Override
    public synchronized void note(String label) {
        this.label = label;
        showSoon();
    }

    @Override
    public synchronized void skipSteps(int n, String why) {
        count.skip(n);
        this.label = why;
        showSoon();
    }

    @Override
    public synchronized void done(String summary) {
        end(Outcome.DONE, summary);
    }

    @Override
    public synchronized void end(Outcome outcome, String summary) {
        this.label = summary;
        ended = true;
        pending = false;
        show(outcome);
    }

    /** Shows now, or, within 200 ms of the last update, 250 ms later. */
    private void showSoon() {
        if (System.nanoTime() - lastShown > 200_000_000L) {
            pending = false;
            show(null);
        } else if (!pending) {
            pending = true;
            LATER.schedule(this::flush, 250, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void flush() {
        if (pending && !ended) {
            pending = false;
            show(null);
        }
    }

    private void show(Outcome outcome) {
        if (id != null) {
            display.update().accept(id, count.view(label, outcome));
        }
        lastShown = System.nanoTime();
    }
}
