package maplab.progress;

/**
 * The counting shared by the notebook and terminal progress: the total is the planned one
 * when {@link #start} got one (then {@code addSteps} calls are part of that plan), else the sum
 * of the steps added as the task goes; skipped planned steps count as done; the fraction shown
 * never goes down.
 */
final class ProgressCount {
    String title = "";
    int step;
    int total;
    boolean planned;
    long startNanos = System.nanoTime();
    double floor;

    void start(String title, int totalSteps) {
        this.title = title;
        this.total = Math.max(0, totalSteps);
        this.planned = totalSteps > 0;
        this.step = 0;
        this.floor = 0;
        this.startNanos = System.nanoTime();
    }

    void addSteps(int more) {
        if (!planned && more > 0) total += more;
    }

    void step() {
        step++;
        if (step > total && total > 0) total = step; // a plan that was short: grow, never overflow 100 %
    }

    void skip(int n) {
        if (n <= 0) return;
        step += n;
        if (step > total && total > 0) total = step;
    }

    double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    ProgressView view(String label, Progress.Outcome outcome) {
        ProgressView v = new ProgressView(title, step, total, label, seconds(), outcome != null, outcome, floor);
        floor = Math.max(floor, v.fraction());
        return v;
    }
}
