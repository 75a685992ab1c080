package maplab.progress;

import java.io.PrintStream;

/**
 * A progress line on a terminal: rewritten in place with {@code \r}, one line per step when not
 * a console. A failed or interrupted run ends on a red or orange line saying so at the step it reached.
 */
public final class TerminalProgress implements Progress {

    private static final String RED = "\u001b[31m";
    private static final String ORANGE = "\u001b[33m";
    private static final String RESET = "\u001b[0m";

    private final PrintStream out;
    private final boolean inPlace;
    private final ProgressCount count = new ProgressCount();
    private int lastWidth;

    public TerminalProgress(PrintStream out) {
        this.out = out;
        this.inPlace = System.console() != null;
    }

    @Override
    public synchronized void start(String title, int totalSteps) {
        count.start(title, totalSteps);
    }

    @Override
    public synchronized void addSteps(int moreSteps) {
        count.addSteps(moreSteps);
    }

    @Override
    public synchronized void step(String label) {
        count.step();
        print(count.view(label, null).text(), false);
    }

    @Override
    public synchronized void note(String label) {
        print(count.view(label, null).text(), false);
    }

    @Override
    public synchronized void skipSteps(int n, String why) {
        if (n <= 0) return;
        count.skip(n);
        print(count.view(why, null).text(), false);
    }

    @Override
    public synchronized void done(String summary) {
        end(Outcome.DONE, summary);
    }

    @Override
    public synchronized void end(Outcome outcome, String summary) {
        String line = count.view(summary, outcome).text();
        if (inPlace && outcome != Outcome.DONE) line = (outcome == Outcome.FAILED ? RED : ORANGE) + line + RESET;
        print(line, true);
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
