package maplab.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The parameters of one run after defaults: every value checked against its {@link ParamSpec}.
 * Every experiment also takes {@code seed}, the root of every random choice it makes.
 */
public final class Params {

    /** Default root seed; recorded in every run's meta.json. */
    public static final long DEFAULT_SEED = 20261121L;

    /** The {@code seed} parameter every experiment accepts. */
    public static final ParamSpec SEED = ParamSpec.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE,
            DEFAULT_SEED, DEFAULT_SEED, "root seed of every random choice in the run");

    private final Map<String, Object> values;

    private Params(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Resolves the parameters of {@code experiment} for {@code profile}, applying
     * {@code overrides} (name to text value). In {@link Profile#SMOKE} every effort is cut to
     * {@link Effort#smoke()}, given ones too.
     *
     * @throws IllegalArgumentException for an unknown name (listing the known ones) or a bad value
     */
    public static Params resolve(Parameterized experiment, Profile profile, Map<String, String> overrides) {
        List<ParamSpec> specs = specsOf(experiment);
        Map<String, ParamSpec> byName = new LinkedHashMap<>();
        for (ParamSpec spec : specs) byName.put(spec.name(), spec);
        for (String name : overrides.keySet()) {
            if (!byName.containsKey(name)) {
                throw new IllegalArgumentException("parameter '" + name + "' is not a parameter of experiment '"
                        + experiment.id() + "'; allowed: " + String.join(", ", byName.keySet()));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParamSpec spec : specs) {
            String text = overrides.getOrDefault(spec.name(), spec.defaultFor(profile));
            Object value = spec.parse(text);
            // smoke proves a run works: every effort, a notebook's or --set's too, is cut to its smoke form
            values.put(spec.name(), profile == Profile.SMOKE && value instanceof Effort e ? e.smoke() : value);
        }
        return new Params(values);
    }

    /** The experiment's own parameters followed by {@link #SEED}. */
    public static List<ParamSpec> specsOf(Parameterized experiment) {
        List<ParamSpec> specs = new java.util.ArrayList<>(experiment.params());
        specs.add(SEED);
        return specs;
    }

    public long seed() { return getLong("seed"); }

    public long getLong(String name) { return (Long) get(name); }

    public int getInt(String name) { return Math.toIntExact(getLong(name)); }

    public String getString(String name) { return (String) get(name); }

    @SuppressWarnings("unchecked")
    public List<Long> getLongs(String name) { return (List<Long>) get(name); }

    public List<Integer> getInts(String name) {
        return getLongs(name).stream().map(Math::toIntExact).collect(Collectors.toList());
    }

    /** The whole numbers of a list parameter, ascending and each once (sizes given out of order or twice). */
    public List<Integer> getSortedInts(String name) {
        return getInts(name).stream().distinct().sorted().collect(Collectors.toCollection(java.util.ArrayList::new));
    }

    @SuppressWarnings("unchecked")
    public List<String> getStrings(String name) { return (List<String>) get(name); }

    /** The JMH effort of a part ({@code <part>_effort}). */
    public maplab.plan.Effort getEffort(String part) { return (maplab.plan.Effort) get(part + "_effort"); }

    /** All values, in declaration order, for meta.json (efforts as their text). */
    public Map<String, Object> asMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, v instanceof maplab.plan.Effort e ? e.text() : v));
        return Collections.unmodifiableMap(out);
    }

    private Object get(String name) {
        Object value = values.get(name);
        if (value == null) throw new IllegalArgumentException("parameter '" + name + "' is not defined; known: " + values.keySet());
        return value;
    }

    @Override
    public String toString() { return values.toString(); }
}
