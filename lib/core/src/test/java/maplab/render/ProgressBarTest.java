package maplab.render;

import static org.assertj.core.api.Assertions.assertThat;

import maplab.progress.Progress;
import maplab.progress.ProgressView;
import org.junit.jupiter.api.Test;

/** The notebook's progress bar: escaped text, the state in words and colour, the bar at its fraction. */
class ProgressBarTest {

    @Test
    void aRunningBarIsBlueAtItsFractionWithItsTextEscaped() {
        String html = ProgressBar.html(new ProgressView("x<", 3, 4, "a&b", 1.5, false));
        assertThat(html).contains("x&lt;", "a&amp;b", "3/4", "data-state=\"running\"", "#1565c0", "width:50%", "1.5 s");
    }

    @Test
    void anEndedBarSaysHowItEnded() {
        assertThat(ProgressBar.html(new ProgressView("merge", 2, 2, "finished", 1, true))).contains("finished", "merge", "#2e7d32", "width:100%");
        String interrupted = ProgressBar.html(new ProgressView("plan", 6, 10, "stopped", 1, true, Progress.Outcome.INTERRUPTED, 0));
        assertThat(interrupted).contains("interrupted at 6/10", "#ef6c00", "data-state=\"interrupted\"");
        assertThat(ProgressBar.html(new ProgressView("grow", 12, 12, "broke", 1, true, Progress.Outcome.FAILED, 0)))
                .contains("<b style=\"color:#c62828\">failed at 12/12</b>");
    }
}
