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
        assertThat(last.label()).isEqualTo("finished");
    }

    @Test
    void viewTextShowsStepsAndPercent() {
        assertThat(new ProgressView("x", 3, 4, "lookup", 1.5, false).text()).contains("[3/4]", "50%", "lookup");
    }

    private static List<ProgressView> views(List<Object> shown, List<Object> updated) {
        List<ProgressView> all = new ArrayList<>();
        for (Object o : shown) all.add((ProgressView) o);
        for (Object o : updated) all.add((ProgressView) o);
        return all;
    }

    @Test
    void aNoteShowsItsLabelWithoutCountingAStep() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        TerminalProgress p = new TerminalProgress(new java.io.PrintStream(bytes, true));
        p.start("plan", 4);
        p.step("a");
        p.note("waiting for JMH's lock");
        p.step("b");
        String out = bytes.toString();
        assertThat(out).contains("[1/4]", "waiting for JMH's lock", "[2/4]").doesNotContain("[3/4]");
    }

    @Test
    void aPlannedTotalHoldsAndSkippedStepsCountAsDone() {
        List<Object> shown = new ArrayList<>();
        List<Object> updated = new ArrayList<>();
        NotebookProgress p = new NotebookProgress(new NotebookProgress.Display(o -> { shown.add(o); return "id"; }, (id, o) -> updated.add(o)));
        p.start("plan", 10);
        assertThat(((ProgressView) shown.get(0)).total()).isEqualTo(10);
        p.addSteps(4); // part of the plan
        p.step("a");
        p.skipSteps(5, "settled");
        p.end(Progress.Outcome.INTERRUPTED, "stopped");
        ProgressView last = (ProgressView) updated.get(updated.size() - 1);
        assertThat(last.total()).isEqualTo(10);
        assertThat(last.step()).isEqualTo(6);
        assertThat(last.state()).isEqualTo("interrupted at 6/10");
        assertThat(last.outcome()).isEqualTo(Progress.Outcome.INTERRUPTED);
        assertThat(last.text()).contains("INTERRUPTED AT 6/10", "stopped");
    }

    @Test
    void theBarNeverMovesBackwardsWhenStepsAreAddedAsTheRunGoes() {
        List<Object> shown = new ArrayList<>();
        List<Object> updated = new ArrayList<>();
        NotebookProgress p = new NotebookProgress(new NotebookProgress.Display(o -> { shown.add(o); return "id"; }, (id, o) -> updated.add(o)));
        p.start("grow", 0);
        p.addSteps(3);
        for (int i = 0; i < 3; i++) { p.step("a" + i); sleep(); }
        p.addSteps(9);
        for (int i = 0; i < 9; i++) { p.step("b" + i); sleep(); }
        p.end(Progress.Outcome.FAILED, "broke");
        List<ProgressView> all = views(shown, updated);
        assertThat(all.size()).isGreaterThan(5);
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).fraction()).as("view %d of %s", i, all).isGreaterThanOrEqualTo(all.get(i - 1).fraction());
        }
        assertThat(all.get(all.size() - 1).state()).isEqualTo("failed at 12/12");
        assertThat(all.get(all.size() - 1).outcome()).isEqualTo(Progress.Outcome.FAILED);
    }

    @Test
    void wrappersThatOnlyPassStepsOnCountSkippedSteps() {
        List<String> labels = new ArrayList<>();
        Progress wrapper = new Progress() {
            @Override public void start(String title, int totalSteps) { }
            @Override public void step(String label) { labels.add(label); }
            @Override public void done(String summary) { }
        };
        wrapper.skipSteps(3, "settled");
        assertThat(labels).containsExactly("settled", "settled", "settled");
    }

    private static void sleep() {
        try {
            Thread.sleep(210);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
