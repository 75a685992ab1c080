package maplab.progress;

import java.io.PrintStream;

/** A progress line on a terminal: rewritten in place with {@code \r}, one line per step when not a console. */
public final class TerminalProgress implements Progress {

    private final PrintStream out;
    private final boolean inPlace;
    private String title = "";
    private int step;
    private int total;
    private long startNanos;
    private int lastWidth;

    public TerminalProgress(PrintStream out) {
        this.out = out;
        this.inPlace = System.console() != null;
    }

    @Override
    public synchronized void start(String title, int totalSteps) {
        this.title = title;
        this.total = totalSteps;
        this.step = 0;
        this.startNanos = System.nanoTime();
    }

    @Override
    public synchronized void addSteps(int moreSteps) {
        total += moreSteps;
    }

    @Override
    public synchronized void step(String label) {
        step++;
        print(new ProgressView(title, step, total, label, seconds(), false).text(), false);
    }

    @Override
    public synchronized void done(String summary) {
        print(new ProgressView(title, step, total, summary, seconds(), true).text(), true);
    }

    private double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private void print(String line, boolean last) {
        if (inPlace) {
            String padded = line.length() < lastWidth ? line + " ".repeat(lastWidth - line.length()) : line;
            out.print("\r" + padded + (last ? "\n" : ""));
            lastWidth = line.length();
        } else {
            out.println(line);
        }
        out.flush();
    }
}
