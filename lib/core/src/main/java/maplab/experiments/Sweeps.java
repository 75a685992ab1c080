package maplab.experiments;

import java.util.List;
import java.util.TreeSet;
import maplab.plan.Params;

/** Shared by the experiments that sweep n and fit a growth exponent (merge, collisions). */
public final class Sweeps {
    private Sweeps() { }

    /** Checks that the integer-list parameter {@code name} holds at least two different sizes (a growth fit needs them). */
    public static void requireTwoSizes(Params params, String name) {
        List<Long> sizes = params.getLongs(name);
        if (new TreeSet<>(sizes).size() < 2) {
            throw new IllegalArgumentException("parameter '" + name + "': bad value '" + String.join(",", sizes.stream().map(String::valueOf).toList())
                    + "'; allowed: at least two different sizes (the growth exponent is fitted over them)");
        }
    }

    /** An error bar that stays above zero on a log axis (the tables keep the full error). */
    public static double logSafeError(double value, double error) {
        if (Double.isNaN(error)) return 0;
        return Math.min(error, value * 0.95);
    }
}
