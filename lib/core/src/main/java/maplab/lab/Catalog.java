package maplab.lab;

import maplab.experiments.Experiment;
import java.util.List;

/** The experiments maplab ships, in notebook order. Add a new experiment here. */
final class Catalog {
    private Catalog() { }

    static final List<Experiment> ALL = List.of(
            new maplab.experiments.SeedOrder(),
            new maplab.experiments.keyorder.KeyOrderExperiment(),
            new maplab.experiments.Presize(),
            new maplab.experiments.merge.Merge(),
            new maplab.experiments.collisions.Collisions(),
            new maplab.experiments.iteration.Iteration(),
            new maplab.experiments.keytypes.KeyTypes(),
            new maplab.experiments.syncvariants.SyncVariants(),
            new maplab.experiments.races.Races(),
            new maplab.experiments.gc.Gc(),
            new maplab.experiments.resizelatency.ResizeLatency(),
            new maplab.experiments.jdks.Jdks()
    );
}
