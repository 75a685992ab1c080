package maplab.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void notebookProgressUpdatesOneDisplayAndEndsDone() {
        List<Object> shown = new ArrayList<>();
        List<String> updatedIds = new ArrayList<>();
        List<Object> updated = new ArrayList<>();
        Progress p = new NotebookProgress(new NotebookProgress.Display(o -> { shown.add(o); return "id-1"; },
                (id, o) -> { updatedIds.add(id); updated.add(o); }));
        p.start("merge", 2);
        p.step("a");
        p.step("b");
        p.done("finished");
        assertThat(shown).hasSize(1);
        assertThat(updatedIds).isNotEmpty().allMatch("id-1"::equals);
        ProgressView last = (ProgressView) updated.get(updated.size() - 1);
        assertThat(last.done()).isTrue();
        assertThat(last.fraction()).isEqualTo(1.0);
        assertThat(last.html()).contains("finished", "merge");
    }

    @Test
    void viewTextShowsStepsAndPercent() {
        assertThat(new ProgressView("x", 3, 4, "lookup", 1.5, false).text()).contains("[3/4]", "50%", "lookup");
        assertThat(new ProgressView("x<", 1, 0, "a&b", 0, false).html()).contains("x&lt;", "a&amp;b");
    }
}
