package maplab.render;

import java.util.Locale;
import maplab.progress.Progress;
import maplab.progress.ProgressView;

/**
 * A {@link ProgressView} as a small self-contained HTML progress bar: the notebook's progress
 * display, which the kernel renders each time {@code maplab.progress.NotebookProgress} shows
 * or updates it in place. Blue running, green done, red failed, orange interrupted.
 */
public final class ProgressBar {

    private ProgressBar() { }

    /** The bar of {@code view}: title and state, the bar at its fraction, and the current step's label. */
    public static String html(ProgressView view) {
        int percent = (int) Math.round(100 * view.fraction());
        Progress.Outcome outcome = view.outcome();
        boolean bad = outcome == Progress.Outcome.FAILED || outcome == Progress.Outcome.INTERRUPTED;
        String state = bad ? "<b style=\"color:" + color(view) + "\">" + escape(view.state()) + "</b>" : escape(view.state());
        return "<div class=\"maplab-progress\" data-state=\"" + (outcome == null ? "running" : outcome.name().toLowerCase(Locale.ROOT))
                + "\" style=\"font-family:sans-serif;font-size:13px;max-width:640px\">"
                + "<div><b>" + escape(view.title()) + "</b> " + state
                + String.format(Locale.ROOT, " &middot; %.1f s", view.seconds()) + "</div>"
                + "<div style=\"background:#e6e6e6;height:10px;border-radius:3px;margin:3px 0\">"
                + "<div style=\"background:" + color(view) + ";height:10px;border-radius:3px;width:" + percent + "%\"></div></div>"
                + "<div style=\"color:#555\">" + escape(view.label()) + "</div></div>";
    }

    /** The bar's colour: blue running, green done, red failed, orange interrupted. */
    static String color(ProgressView view) {
        if (view.outcome() == null) return "#1565c0";
        return switch (view.outcome()) {
            case DONE -> "#2e7d32";
            case FAILED -> "#c62828";
            case INTERRUPTED -> "#ef6c00";
        };
    }

    /** Like {@link Html#escape} but a null shows as nothing and quotes stay (the bar's text is never in an attribute). */
    private static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
