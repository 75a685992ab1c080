package maplab.subject.user;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import maplab.subject.intmap.LongMap;

/**
 * The map contract a {@link LongMap} must keep before maplab times it: random sequences of
 * put / get / remove from a seed, each checked against {@code HashMap} after every operation
 * (return values, size) and by a full iteration every so often and at the end (every entry
 * exactly once, with its value). Sequences start short and grow (up to tens of thousands of
 * keys, so the map resizes), over small key ranges (many overwrites and removes) and the
 * whole long range (0, -1, {@code Long.MIN_VALUE} and {@code Long.MAX_VALUE} included). The
 * first failing sequence is shrunk (chunks of operations dropped while it still fails) so the
 * report shows a short sequence that reproduces the violation from a new map.
 */
public final class MapContract {

    /** One operation of a sequence. */
    public record Op(Kind kind, long key, long value) {
        public enum Kind { PUT, GET, REMOVE, ITERATE }

        @Override public String toString() {
            return switch (kind) {
                case PUT -> "put(" + key + ", " + value + ")";
                case GET -> "getOrDefault(" + key + ", " + value + ")";
                case REMOVE -> "remove(" + key + ")";
                case ITERATE -> "forEach(...)";
            };
        }
    }

    /**
     * The first violation: what went wrong and the operations, from a new map, that show it
     * (the last one is where it went wrong).
     */
    public record Violation(String what, List<Op> operations) {
        /** One paragraph: what went wrong, then the numbered operations. */
        public String describe() {
            StringBuilder s = new StringBuilder(what).append("; operations on a new map (" + operations.size() + "):");
            int shown = 0;
            for (int i = 0; i < operations.size(); i++) {
                if (operations.size() > 40 && i >= 20 && i < operations.size() - 20) {
                    if (shown++ == 0) s.append(" ... (").append(operations.size() - 40).append(" more)");
                    continue;
                }
                s.append(' ').append(i + 1).append(". ").append(operations.get(i)).append(';');
            }
            return s.toString();
        }
    }

    /** What a passing check covered. */
    public record Report(int sequences, long operations, long seed, String what) {
        /** A report of the map contract itself. */
        public Report(int sequences, long operations, long seed) {
            this(sequences, operations, seed, null);
        }

        @Override public String toString() {
            if (what != null) return what;
            return String.format(Locale.ROOT, "map contract kept: %d random sequences, %d operations checked against HashMap (seed %d)",
                    sequences, operations, seed);
        }
    }

    /** Sequence lengths, short first so a violation shows up in a short sequence. */
    static final int[] LENGTHS = {4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 20_000};
    /** Sequences per length. */
    static final int PER_LENGTH = 6;

    private MapContract() { }

    /** Checks new maps from {@code factory} with sequences drawn from {@code seed}; empty when every sequence passed. */
    public static Optional<Violation> check(Supplier<? extends LongMap> factory, long seed) {
        return Optional.ofNullable(run(factory, seed, null));
    }

    /** As {@link #check}, but returns what was covered, or throws {@link IllegalArgumentException} naming {@code subject} and the violation. */
    public static Report require(String subject, Supplier<? extends LongMap> factory, long seed) {
        long[] ops = {0};
        Violation v = withinTimeLimit(subject, () -> run(factory, seed, ops));
        if (v != null) {
            throw new IllegalArgumentException("subject '" + subject + "': breaks the map contract, so nothing is benchmarked with it: " + v.describe());
        }
        return new Report(LENGTHS.length * PER_LENGTH, ops[0], seed);
    }

    /** How long the whole check may take: a map stuck in an endless probe loop must not hang a notebook or the CLI. */
    static volatile java.time.Duration timeLimit = java.time.Duration.ofSeconds(60);   // tests shorten it

    /** The operation being checked now (for the message when the check does not finish). */
    private static volatile String current = "";

    private static Violation withinTimeLimit(String subject, java.util.concurrent.Callable<Violation> check) {
        java.util.concurrent.FutureTask<Violation> task = new java.util.concurrent.FutureTask<>(check);
        Thread t = new Thread(task, "maplab-contract-" + subject);
        t.setDaemon(true);   // a stuck user map cannot be stopped; as a daemon it does not keep the JVM alive
        t.start();
        try {
            return task.get(timeLimit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            task.cancel(true);
            stop(t);
            throw new IllegalArgumentException("subject '" + subject + "': the map contract check did not finish within "
                    + timeLimit.toSeconds() + " s (stuck at " + current + ": an endless probe loop?), so nothing is benchmarked with it");
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the map contract of " + subject, e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        }
    }

    /**
     * Stops a stuck check's thread where the JVM still can (Thread.stop, JDK 17 to 19; later JDKs
     * refuse, and the daemon thread spins until the JVM exits).
     */
    private static void stop(Thread t) {
        try {
            Thread.class.getMethod("stop").invoke(t);
        } catch (ReflectiveOperationException | RuntimeException ignored) {
            // not supported on this JDK
        }
    }

    private static Violation run(Supplier<? extends LongMap> factory, long seed, long[] count) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int length : LENGTHS) {
            for (int s = 0; s < PER_LENGTH; s++) {
                List<Op> ops = sequence(random, length, s);
                if (replay(factory, ops) != null) return shrink(factory, ops);
                if (count != null) count[0] += ops.size();
            }
        }
        return null;
    }

    /** A random sequence; {@code variant} picks the key range (small ranges force overwrites and removes). */
    static List<Op> sequence(SplittableRandom random, int length, int variant) {
        long range = switch (variant % 3) {
            case 0 -> Math.max(4, length / 4);
            case 1 -> Math.max(8, length * 2L);
            default -> 0;   // the whole long range
        };
        boolean growth = length >= 4096 && variant % 2 == 0;   // mostly puts: the map grows through several resizes
        List<Op> ops = new ArrayList<>(length + 1);
        for (int i = 0; i < length; i++) {
            long key = key(random, range);
            int p = random.nextInt(100);
            Op.Kind kind = growth ? (p < 80 ? Op.Kind.PUT : p < 95 ? Op.Kind.GET : Op.Kind.REMOVE)
                    : (p < 45 ? Op.Kind.PUT : p < 75 ? Op.Kind.GET : p < 97 ? Op.Kind.REMOVE : Op.Kind.ITERATE);
            ops.add(new Op(kind, key, kind == Op.Kind.REMOVE || kind == Op.Kind.ITERATE ? 0 : random.nextLong()));
        }
        ops.add(new Op(Op.Kind.ITERATE, 0, 0));
        return ops;
    }

    private static long key(SplittableRandom random, long range) {
        int special = random.nextInt(64);
        if (special == 0) return 0L;
        if (special == 1) return -1L;
        if (special == 2) return Long.MIN_VALUE;
        if (special == 3) return Long.MAX_VALUE;
        if (range == 0) return random.nextLong();
        return random.nextLong(range) - range / 2;
    }

    /** Where a replay went wrong: the number of operations done (the failing one included) and what. */
    record Failure(int at, String what) { }

    /** Replays {@code ops} on a new map and on a HashMap; returns what went wrong first, or null. */
    static Failure replay(Supplier<? extends LongMap> factory, List<Op> ops) {
        Map<Long, Long> expected = new HashMap<>();
        LongMap map;
        try {
            map = factory.get();
        } catch (RuntimeException | Error e) {
            return new Failure(0, "the constructor threw " + e);
        }
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            String step = "operation " + (i + 1) + ", " + op;
            current = step;
            try {
                switch (op.kind()) {
                    case PUT -> {
                        boolean wasNew = !expected.containsKey(op.key());
                        expected.put(op.key(), op.value());
                        boolean got = map.put(op.key(), op.value());
                        if (got != wasNew) return new Failure(i + 1, step + ": returned " + got + ", expected " + wasNew);
                    }
                    case GET -> {
                        long want = expected.getOrDefault(op.key(), op.value());
                        long got = map.getOrDefault(op.key(), op.value());
                        if (got != want) return new Failure(i + 1, step + ": returned " + got + ", expected " + want
                                + (expected.containsKey(op.key()) ? " (the key is in the map)" : " (the key is not in the map: the default)"));
                    }
                    case REMOVE -> {
                        boolean was = expected.remove(op.key()) != null;
                        boolean got = map.remove(op.key());
                        if (got != was) return new Failure(i + 1, step + ": returned " + got + ", expected " + was);
                    }
                    case ITERATE -> {
                        String wrong = iterationProblem(map, expected);
                        if (wrong != null) return new Failure(i + 1, step + ": " + wrong);
                    }
                }
                if (map.size() != expected.size()) return new Failure(i + 1, step + ": size() is " + map.size() + " afterwards, expected " + expected.size());
            } catch (RuntimeException | StackOverflowError e) {
                return new Failure(i + 1, step + ": threw " + e);
            }
        }
        return null;
    }

    private static String iterationProblem(LongMap map, Map<Long, Long> expected) {
        Map<Long, Long> seen = new HashMap<>();
        List<String> problems = new ArrayList<>();
        map.forEach((k, v) -> {
            if (problems.size() > 0) return;
            if (seen.put(k, v) != null) problems.add("visited key " + k + " twice");
            else if (!expected.containsKey(k)) problems.add("visited key " + k + ", which is not in the map");
            else if (expected.get(k) != v) problems.add("visited key " + k + " with value " + v + ", expected " + expected.get(k));
        });
        if (!problems.isEmpty()) return "forEach " + problems.get(0);
        if (seen.size() != expected.size()) {
            long missing = expected.keySet().stream().filter(k -> !seen.containsKey(k)).findFirst().orElse(0L);
            return "forEach visited " + seen.size() + " entries, expected " + expected.size() + " (missed key " + missing + ")";
        }
        return null;
    }

    /** Drops chunks of operations (halves, quarters, ... single ones) while the sequence still fails. */
    static Violation shrink(Supplier<? extends LongMap> factory, List<Op> failing) {
        List<Op> ops = new ArrayList<>(failing);
        int replays = 0;
        for (int chunk = Math.max(1, ops.size() / 2); chunk >= 1 && replays < 3000; chunk /= 2) {
            for (int start = ops.size() - chunk; start >= 0 && replays < 3000; start -= chunk) {
                List<Op> fewer = new ArrayList<>(ops.subList(0, start));
                fewer.addAll(ops.subList(Math.min(ops.size(), start + chunk), ops.size()));
                replays++;
                if (!fewer.isEmpty() && replay(factory, fewer) != null) {
                    ops = fewer;
                    start = Math.min(start, ops.size());
                }
            }
        }
        Failure failure = replay(factory, ops);
        if (failure.at() > 0 && failure.at() < ops.size()) ops = new ArrayList<>(ops.subList(0, failure.at()));   // the failing one is the last shown
        return new Violation(failure.what(), List.copyOf(ops));
    }
}
