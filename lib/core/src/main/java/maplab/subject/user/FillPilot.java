package maplab.subject.user;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import maplab.subject.intmap.LongMap;

/**
 * How long a user's map takes to fill with {@code n} keys, for a run's plan only (never
 * reported): a few small fills in this JVM, at doubling sizes until one takes a measurable time,
 * extrapolated with the growth exponent of the last two. A map that inserts in O(n) fills a
 * million keys in about a minute, which a plan that assumes HashMap's speed would not see, so a
 * run with a time budget could not say before it measures that it will not fit.
 */
public final class FillPilot {

    private static final Map<String, Double> ESTIMATES = new ConcurrentHashMap<>();
    private static final int FIRST = 1 << 10;
    private static final int LAST = 1 << 17;
    private static final double ENOUGH_SECONDS = 0.2;

    private FillPilot() { }

    /** Estimated seconds to fill the user map {@code id} with {@code n} distinct keys (cached per id and n). */
    public static double secondsToFill(String id, int n) {
        if (n < 1) throw new IllegalArgumentException("n: must be at least 1, got " + n);
        return ESTIMATES.computeIfAbsent(id + "@" + n, k -> extrapolate(id, n));
    }

    /**
     * The set-up a JMH fork of a cell pays to fill the map of the user subject its {@code user}
     * parameter names ({@code userParam}) with {@code n} keys; 0 for a built-in subject's cell or
     * a user subject that is not a map (a hash runs inside ProbeMap, which fills at ProbeMap's speed).
     */
    public static double forkSetupSeconds(Map<String, String> cellParams, String userParam, int n) {
        String id = cellParams.getOrDefault(userParam, "");
        if (!UserSubject.isUserId(id)) return 0;
        Object instance;
        try {
            instance = UserSubject.newInstance(id);
        } catch (RuntimeException notLoadable) {
            return 0;   // not compiled in this JVM: the run's contract check names it
        }
        return instance instanceof LongMap ? secondsToFill(id, n) : 0;
    }

    private static double extrapolate(String id, int n) {
        int size = FIRST;
        double previous = Double.NaN;
        double seconds = fill(id, size);
        while (seconds < ENOUGH_SECONDS && size < LAST && size < n) {
            previous = seconds;
            size *= 2;
            seconds = fill(id, size);
        }
        if (n <= size) return seconds * n / size;
        double exponent = Double.isNaN(previous) || previous <= 0 ? 1 : Math.log(seconds / previous) / Math.log(2);
        // between linear and quadratic (an O(n) insert): cache effects and noise at small sizes must neither promise less nor invent more
        exponent = Math.max(1, Math.min(2, exponent));
        return seconds * Math.pow((double) n / size, exponent);
    }

    /** One fill of {@code size} scattered keys, in seconds (the best of two, so a first-call class load does not count). */
    private static double fill(String id, int size) {
        double best = Double.POSITIVE_INFINITY;
        for (int attempt = 0; attempt < 2; attempt++) {
            LongMap map = UserSubject.newMap(id);
            long start = System.nanoTime();
            for (int i = 0; i < size; i++) map.put(i * 0x9E3779B97F4A7C15L, i);
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        return best;
    }
}
