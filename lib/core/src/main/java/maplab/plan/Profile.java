package maplab.plan;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How much effort a run spends. {@code QUICK}: every notebook together in about five minutes
 * on two cores, sizes still large enough for the findings to hold. {@code FULL}: publication
 * grade (JMH with at least 3 forks and 5 measurement iterations, larger sizes). {@code SMOKE}:
 * proves every notebook runs and renders, for {@code ./maplab test}; its numbers say nothing
 * (each effort cut to {@link Effort#smoke()}, a few sizes cut by {@link ParamSpec#smoke}),
 * so a smoke run is never compared with a reference.
 */
public enum Profile {
    QUICK, FULL, SMOKE;

    /** The name used on the command line and in {@code MAPLAB_PROFILE}. */
    public String label() {
        return EnumIds.id(this);
    }

    /** Parses "quick", "full" or "smoke"; anything else is an {@link IllegalArgumentException} naming the allowed values. */
    public static Profile parse(String text) {
        for (Profile p : values()) {
            if (p.label().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("profile: unknown value '" + text + "'; allowed: "
                + Arrays.stream(values()).map(Profile::label).collect(Collectors.joining(", ")));
    }

    /** The profile named by the environment variable {@code MAPLAB_PROFILE}, quick when unset. */
    public static Profile fromEnvironment() {
        String value = System.getenv("MAPLAB_PROFILE");
        return value == null || value.isBlank() ? QUICK : parse(value);
    }
}
