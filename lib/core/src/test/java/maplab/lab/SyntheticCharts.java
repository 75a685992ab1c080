package maplab.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import maplab.conclude.ChartData;
import maplab.conclude.ResultBuilder;
import maplab.experiments.Experiment;
import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.plan.Profile;
import maplab.run.RunData;

/**
 * Every chart an experiment's conclude draws from synthetic rows of its plan's shape
 * ({@link PlanCheck#synthetic}), at a profile's defaults: what a run of that profile would
 * chart, measured nothing. {@link #main} writes them as PNGs to look at.
 */
final class SyntheticCharts {

    private SyntheticCharts() { }

    /** The charts of {@code experiment} concluded from synthetic rows of its {@code profile} plan, by name. */
    static Map<String, ChartData> of(Experiment experiment, Profile profile) {
        return concluded(experiment, profile).charts();
    }

    /** What {@code experiment} concludes (findings, tables, charts) from synthetic rows of its {@code profile} plan. */
    static ResultBuilder concluded(Experiment experiment, Profile profile) {
        Params params = Params.resolve(experiment, profile, Map.of());
        experiment.validate(params);
        Plan plan = Experiments.plan(experiment, profile, params);
        RunData data = new RunData(experiment.id(), profile, params, PlanCheck.synthetic(plan.rows()));
        ResultBuilder out = new ResultBuilder();
        Experiments.conclude(experiment, data, out, plan.findings());
        return out;
    }

    /**
     * Writes every experiment's synthetic charts to {@code DIR/<experiment>/<chart>.png}.
     * Arguments: DIR (default /tmp/charts-synth), profile (quick or full; default quick), or
     * {@code reference} to re-conclude each data/reference folder into {@code DIR/<experiment>/}
     * instead (its charts in {@code charts/}).
     */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "/tmp/charts-synth");
        if (args.length > 1 && args[1].equals("reference")) {
            for (Experiment e : Experiments.all()) Experiments.conclude(Path.of("../../data/reference", e.id()), root.resolve(e.id()));
            return;
        }
        Profile profile = args.length > 1 ? Profile.parse(args[1]) : Profile.QUICK;
        for (Experiment e : Experiments.all()) {
            Path dir = Files.createDirectories(root.resolve(e.id()));
            for (Map.Entry<String, ChartData> c : of(e, profile).entrySet()) {
                Path file = dir.resolve(slug(c.getKey()) + ".png");
                Files.write(file, maplab.render.ChartDrawing.png(c.getValue()));
                System.out.println(file);
            }
        }
    }

    private static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
