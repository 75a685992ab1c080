package maplab.lab;

import maplab.experiments.Experiment;
import java.util.List;

/** The experiments maplab ships, in notebook order. Add a new experiment here. */
final class Catalog {
    private Catalog() { }

    static final List<Experiment> ALL = List.of(
            new maplab.experiments.SeedOrder(),
            new maplab.experiments.KeyOrderExperiment(),
            new maplab.experiments.Presize(),
            new maplab.experiments.merge.Merge(),
            new maplab.experiments.Collisions(),
            new maplab.experiments.iteration.Iteration(),
            new maplab.experiments.KeyTypes(),
            new maplab.experiments.SyncVariants(),
            new maplab.experiments.Races(),
            new maplab.experiments.Gc(),
            new maplab.experiments.ResizeLatency(),
            new maplab.experiments.Jdks()
    );
}
