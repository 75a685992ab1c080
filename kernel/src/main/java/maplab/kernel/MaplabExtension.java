package maplab.kernel;

import maplab.chart.Charts;
import maplab.progress.ProgressView;
import maplab.conclude.Finding;
import maplab.render.ChartDrawing;
import maplab.render.Html;
import maplab.render.ProgressBar;
import maplab.run.Reference;
import maplab.conclude.Result;
import maplab.lab.Comparison;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Registers maplab's renderers with JJava, so a cell that ends on a value shows it:
 * a Tablesaw {@link Table} as an HTML table, maplab's chart data and any XChart chart as a PNG (SVG on request), a
 * maplab {@link Result} as findings, charts and tables together, a run {@link Comparison} as its
 * ratios, verdicts and chart, a {@link Finding} as a
 * sentence, the claims ledger ({@code maplab.claims.Claims}) as its table of computed statuses, a
 * notebook's claim boxes ({@code maplab.claims.ClaimBox}: status here and in the reference), and a
 * {@link ProgressView} as a progress bar. The HTML comes from maplab.render; this
 * class only loads what a page needs (a result's reference) and hands it over.
 *
 * <p>Uses only the JJava API that is stable across 1.0-a6..a8: {@code Extension},
 * {@code Renderer}, {@code RenderContext}, {@code MIMEType}.
 */
public final class MaplabExtension implements Extension {

    @Override
    public void install(BaseKernel kernel) {
        register(kernel.getRenderer());
        stableLanguageInfo(kernel);
        progressDisplay(kernel);
    }

    /**
     * Progress as one display updated in place, published through the request that showed it.
     * JJava's own {@code updateDisplay} drops updates once the cell's request has been answered,
     * and an interrupted cell is answered at once (its thread goes on until the experiment has
     * stopped its child JVMs and written its run folder), so the final "interrupted at 5/12" never
     * reached the notebook. Publishing on the request kept from {@code start} still reaches it
     * (JupyterLab routes display updates by their display id). Uses JJava internals (the display
     * stream's current request); when they are not there, kernel/notebook.jsh's
     * {@code display}/{@code updateDisplay} stay in use. Returns whether it could install.
     */
    static boolean progressDisplay(BaseKernel kernel) {
        try {
            Object stream = kernel.getIO().display;
            java.lang.reflect.Field envField = stream.getClass().getDeclaredField("env");
            envField.setAccessible(true);
            java.util.Map<String, Object> requests = new java.util.concurrent.ConcurrentHashMap<>();
            maplab.progress.Progress.useNotebookDisplay(o -> {
                Object env = read(envField, stream);
                if (env == null) return null;
                String id = java.util.UUID.randomUUID().toString();
                org.dflib.jjava.jupyter.kernel.display.DisplayData data = kernel.getRenderer().render(o);
                data.putTransientData("display_id", id);
                requests.put(id, env);
                publish(env, new org.dflib.jjava.jupyter.messages.publish.PublishDisplayData(data));
                return id;
            }, (id, o) -> {
                Object env = requests.get(id);
                if (env == null) return;
                org.dflib.jjava.jupyter.kernel.display.DisplayData data = kernel.getRenderer().render(o);
                data.putTransientData("display_id", id);
                publish(env, new org.dflib.jjava.jupyter.messages.publish.PublishUpdateDisplayData(data));
                if (o instanceof ProgressView v && v.done()) requests.remove(id);
            });
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("maplab: progress uses JJava's display (an interrupted run's last state may not show): " + e);
            return false;
        }
    }

    private static Object read(java.lang.reflect.Field f, Object o) {
        try {
            return f.get(o);
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    private static void publish(Object env, Object message) {
        for (java.lang.reflect.Method m : env.getClass().getMethods()) {
            if (m.getName().equals("publish") && m.getParameterCount() == 1 && m.getParameterTypes()[0].isInstance(message)) {
                try {
                    m.invoke(env, message);
                } catch (ReflectiveOperationException e) {
                    System.err.println("maplab: could not show progress: " + e);
                }
                return;
            }
        }
    }

    /**
     * The {@code language_info} maplab's kernel reports: JJava's without the version. JupyterLab
     * copies the kernel's {@code language_info} into a notebook's metadata when it connects, and
     * JJava reports the full runtime version ({@code 17.0.15+6-Debian-1deb12u1}), so opening a
     * notebook on another JDK marked it unsaved and saving it changed the committed file. The
     * JDK a run used is recorded with its results (meta.json), not in the notebook.
     */
    public static final String LANGUAGE_INFO_NAME = "Java";

    /**
     * Replaces JJava's language info (a private field of its {@code JavaKernel}: JJava has no
     * setting for it) by one without the version; returns whether it could. Kept in step with
     * kernel/normalize_notebooks.py, which writes the same metadata into every notebook.
     */
    static boolean stableLanguageInfo(BaseKernel kernel) {
        try {
            org.dflib.jjava.jupyter.kernel.LanguageInfo info = new org.dflib.jjava.jupyter.kernel.LanguageInfo.Builder(LANGUAGE_INFO_NAME)
                    .mimetype("text/x-java-source").fileExtension(".jshell").pygments("java").codemirror("java").build();
            for (Class<?> c = kernel.getClass(); c != null; c = c.getSuperclass()) {
                try {
                    java.lang.reflect.Field f = c.getDeclaredField("languageInfo");
                    f.setAccessible(true);
                    f.set(kernel, info);
                    return true;
                } catch (NoSuchFieldException next) {
                    // look in the superclass
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("maplab: could not make the kernel's language_info stable: " + e);
        }
        return false;
    }

    /** Adds the renderers to {@code renderer} (separate from {@link #install} for tests). */
    public static void register(Renderer renderer) {
        html(renderer, Table.class, Html::table, table -> table.print(Html.MAX_ROWS));
        image(renderer, Chart.class, Charts::pngBase64, Charts::svg, Chart::getTitle);
        image(renderer, maplab.conclude.ChartData.class, ChartDrawing::pngBase64, ChartDrawing::svg, maplab.conclude.ChartData::title);
        html(renderer, Result.class, result -> Html.scopedStyle() + Html.fragment(result, Reference.lookup(result.experiment(), result.profile())), Result::toString);
        html(renderer, Comparison.class, comparison -> Html.scopedStyle() + comparison.fragment(), Comparison::summary);
        html(renderer, maplab.lab.MultiComparison.class, comparison -> Html.scopedStyle() + comparison.fragment(), maplab.lab.MultiComparison::summary);
        html(renderer, maplab.lab.Stability.class, stability -> Html.scopedStyle() + stability.fragment(), maplab.lab.Stability::summary);
        html(renderer, Finding.class, finding -> Html.findings(java.util.List.of(finding)), MaplabExtension::findingText);
        html(renderer, maplab.conclude.Findings.class, group -> Html.scopedStyle() + Html.findingsFragment(group), maplab.conclude.Findings::toString);
        html(renderer, ProgressView.class, ProgressBar::html, ProgressView::text);
        html(renderer, maplab.claims.Claims.class, claims -> maplab.render.ClaimsPage.fragment(claims.assessments()), maplab.claims.Claims::toString);
        html(renderer, maplab.claims.Assessment.class, claim -> maplab.render.ClaimsPage.fragment(java.util.List.of(claim)),
                claim -> claim.claim().id() + " " + claim.status().label() + ": " + claim.claim().text());
        html(renderer, maplab.claims.ClaimBox.class, maplab.render.ClaimsPage::box, maplab.claims.ClaimBox::toString);
        html(renderer, maplab.cluster.Submission.class, MaplabExtension::submissionHtml, maplab.cluster.Submission::status);
    }

    /** A Slurm submission: the merged run's Result once it exists, else its status line (display it again to refresh). */
    private static String submissionHtml(maplab.cluster.Submission submission) {
        if (!submission.hasResult()) return Html.statusLine(submission.status());
        Result result = submission.result();
        return Html.scopedStyle() + Html.fragment(result, Reference.lookup(result.experiment(), result.profile()));
    }

    /** Renders a chart of {@code type} as a PNG (preferred), an SVG on request, or its title as text. */
    private static <T> void image(Renderer renderer, Class<T> type, java.util.function.Function<T, String> pngBase64,
                                  java.util.function.Function<T, String> svg, java.util.function.Function<T, String> title) {
        renderer.createRegistration(type)
                .preferring(MIMEType.IMAGE_PNG)
                .supporting(MIMEType.IMAGE_SVG, MIMEType.TEXT_PLAIN)
                .register((chart, ctx) -> {
                    ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> pngBase64.apply(chart));
                    ctx.renderIfRequested(MIMEType.IMAGE_SVG, () -> svg.apply(chart));
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> "chart: " + title.apply(chart));
                });
    }

    /** Renders {@code type} as HTML (preferred) or plain text, each made only when the front end asks for it. */
    private static <T> void html(Renderer renderer, Class<T> type, java.util.function.Function<T, String> html, java.util.function.Function<T, String> text) {
        renderer.createRegistration(type)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((value, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> html.apply(value));
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> text.apply(value));
                });
    }

    /** One finding as a line: id, value, unit, interval, verdict and sentence. */
    private static String findingText(Finding finding) {
        return finding.id() + " = " + maplab.stats.Numbers.format(finding.value()) + " " + finding.unit()
                + (Html.interval(finding).isEmpty() ? "" : " [" + Finding.confidenceLabel() + ": " + Html.interval(finding) + "]")
                + (finding.verdict() == null ? "" : " (" + finding.verdictLabel() + ")") + ": " + finding.text();
    }
}
