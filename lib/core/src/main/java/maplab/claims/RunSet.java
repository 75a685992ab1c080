package maplab.claims;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import maplab.conclude.Finding;

/**
 * The findings of a set of runs, by experiment, that claims are judged against: a report's run
 * folders, the references, or the results of a notebook. A later run of an experiment replaces an
 * earlier one.
 *
 * @param label  how pages name the set ("reference", "this report")
 * @param byExperiment each experiment that ran, with its findings by id
 */
public record RunSet(String label, Map<String, Map<String, Finding>> byExperiment) {

    public RunSet {
        Map<String, Map<String, Finding>> copy = new LinkedHashMap<>();
        byExperiment.forEach((e, f) -> copy.put(e, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(f))));
        byExperiment = java.util.Collections.unmodifiableMap(copy);
    }

    /** An empty set named {@code label}; add runs with {@link #with}. */
    public static RunSet empty(String label) {
        return new RunSet(label, Map.of());
    }

    /**
     * This set with one more run of {@code experiment}. A report may run one experiment twice with
     * other parameters (a notebook with its own subjects, say): each finding comes from the last
     * run that computed it, so a later run that lacks a finding does not hide an earlier one's.
     */
    public RunSet with(String experiment, List<Finding> findings) {
        Map<String, Map<String, Finding>> next = new LinkedHashMap<>(byExperiment);
        Map<String, Finding> byId = new LinkedHashMap<>(byExperiment.getOrDefault(experiment, Map.of()));
        for (Finding f : findings) {
            Finding earlier = byId.get(f.id());
            if (earlier == null || !f.notComputed() || earlier.notComputed()) byId.put(f.id(), f);
        }
        next.put(experiment, byId);
        return new RunSet(label, next);
    }

    /** True when the set holds a run of {@code experiment}. */
    public boolean ran(String experiment) {
        return byExperiment.containsKey(experiment);
    }

    /** The finding {@code id} of {@code experiment}'s run, if it ran and stored it. */
    public Optional<Finding> finding(String experiment, String id) {
        return Optional.ofNullable(byExperiment.getOrDefault(experiment, Map.of()).get(id));
    }
}
