package maplab.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import maplab.conclude.Finding;

/**
 * Where a verdict truly changes with size: the references of two profiles (quick at 200,000
 * keys, full at 1,000,000) give one finding opposite verdicts, measured under different
 * conditions. Pages put these words beside the finding, so that a reader sees a change with size
 * where the two references would otherwise look like a contradiction. Computed from the
 * references' findings only.
 */
public final class SizeChanges {

    private SizeChanges() { }

    /**
     * The words for every finding id whose references disagree with size.
     *
     * @param byProfile each profile's reference findings, in the order the words name them
     * @return finding id to words ({@link #words}); only ids whose verdicts change
     */
    public static Map<String, String> of(Map<String, List<Finding>> byProfile) {
        Map<String, Map<String, Finding>> byId = new LinkedHashMap<>();
        byProfile.forEach((profile, findings) -> {
            for (Finding f : findings) byId.computeIfAbsent(f.id(), id -> new LinkedHashMap<>()).put(profile, f);
        });
        Map<String, String> out = new LinkedHashMap<>();
        byId.forEach((id, found) -> words(found).ifPresent(w -> out.put(id, w)));
        return out;
    }

    /**
     * "changes with n_keys: lower at n_keys 200000 (quick reference), higher at n_keys 1000000
     * (full reference)": when one profile's reference finds this finding higher and another's
     * lower, under conditions that differ. Names only the conditions that differ, and only the
     * references that detected a difference. Empty when no two verdicts are opposite, or when
     * they are under the same conditions (that is no change with size).
     *
     * @param byProfile one finding (one id) per profile whose reference has it
     */
    public static Optional<String> words(Map<String, Finding> byProfile) {
        Map<String, Finding> called = new LinkedHashMap<>();
        byProfile.forEach((profile, f) -> {
            if (f.verdict() != null && f.verdict().isDifference()) called.put(profile, f);
        });
        boolean opposite = called.values().stream().anyMatch(a -> called.values().stream().anyMatch(b -> a.verdict().opposes(b.verdict())));
        if (!opposite) return Optional.empty();
        List<String> differing = differingConditions(called.values());
        if (differing.isEmpty()) return Optional.empty();
        List<String> parts = new ArrayList<>();
        called.forEach((profile, f) -> {
            List<String> where = differing.stream().map(k -> k + " " + f.conditions().getOrDefault(k, "none")).toList();
            parts.add(f.verdict().label() + " at " + String.join(", ", where) + " (" + profile + " reference)");
        });
        return Optional.of("changes with " + String.join(" and ", differing) + ": " + String.join(", ", parts));
    }

    /** The condition names whose values are not the same in all of {@code findings}, in first-seen order. */
    private static List<String> differingConditions(Iterable<Finding> findings) {
        Set<String> keys = new LinkedHashSet<>();
        for (Finding f : findings) keys.addAll(f.conditions().keySet());
        List<String> out = new ArrayList<>();
        for (String key : keys) {
            Set<String> values = new LinkedHashSet<>();
            for (Finding f : findings) values.add(Objects.toString(f.conditions().get(key), "none"));
            if (values.size() > 1) out.add(key);
        }
        return out;
    }
}
