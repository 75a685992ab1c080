package maplab.experiments;

import maplab.subject.EnumIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import maplab.chart.Charts;
import maplab.experiment.Experiment;
import maplab.experiment.ParamSpec;
import maplab.experiment.RunContext;
import maplab.measure.ChildJvm;
import maplab.measure.MeasurementException;
import maplab.result.Finding;
import maplab.result.ResultBuilder;
import maplab.result.Unit;
import maplab.subject.probe.ProbeConfig;
import maplab.subject.probe.ProbeMap;
import maplab.workload.Words;
import org.knowm.xchart.CategoryChart;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * seed-order: does one key set iterate in the same order every time? Launches fresh JVMs
 * (each runs {@link Launch}) that insert the same words into {@code Map.of}, {@code Set.of},
 * {@code HashMap}, {@code LinkedHashMap}, {@code TreeMap} and a seeded {@link ProbeMap}
 * (seed drawn per launch, as a runtime would at start-up, and a fixed seed), and counts the
 * distinct iteration orders per subject. Within this JVM it also varies ProbeMap's seed.
 */
public final class SeedOrder implements Experiment {

    static final Duration LAUNCH_TIMEOUT = Duration.ofSeconds(60);
    static final List<String> CHILD_JVM_ARGS = List.of("-Xmx64m", "-XX:TieredStopAtLevel=1", "-Xshare:auto");

    /** The maps whose iteration order is compared; ids are the {@code subjects} parameter values. */
    public enum Subject {
        MAP_OF("Map.of"),
        SET_OF("Set.of"),
        HASHMAP("HashMap"),
        LINKEDHASHMAP("LinkedHashMap"),
        TREEMAP("TreeMap"),
        PROBEMAP_RANDOM_SEED("ProbeMap, seed per JVM"),
        PROBEMAP_FIXED_SEED("ProbeMap, fixed seed");

        private final String label;

        Subject(String label) {
            this.label = label;
        }

        public String id() {
            return EnumIds.id(this);
        }

        public String label() {
            return label;
        }

        public static Subject parse(String s) {
        return EnumIds.parse(Subject.class, "subject", s);
        }

        public static List<String> ids() {
            return EnumIds.ids(Subject.class);
        }

        /** The keys in this subject's iteration order after inserting {@code keys} in array order; {@code probeSeed} seeds ProbeMap. */
        public List<String> order(String[] keys, long probeSeed) {
            Map<String, Integer> m = switch (this) {
                case MAP_OF -> {
                    @SuppressWarnings("unchecked") Map.Entry<String, Integer>[] e = new Map.Entry[keys.length];
                    for (int i = 0; i < keys.length; i++) e[i] = Map.entry(keys[i], i);
                    yield Map.ofEntries(e);
                }
                case SET_OF -> null;
                case HASHMAP -> new HashMap<>();
                case LINKEDHASHMAP -> new LinkedHashMap<>();
                case TREEMAP -> new TreeMap<>();
                case PROBEMAP_RANDOM_SEED, PROBEMAP_FIXED_SEED -> new ProbeMap<>(ProbeConfig.seeded(probeSeed), 0);
            };
            if (this == SET_OF) return List.copyOf(Set.of(keys));
            if (this != MAP_OF) for (int i = 0; i < keys.length; i++) m.put(keys[i], i);
            return List.copyOf(m.keySet());
        }
    }

    /**
     * One launch: {@code <seed per launch> <fixed seed> <key>...}; prints one line per
     * subject, {@code <subject id> TAB <key indexes in iteration order, space-separated>}.
     */
    public static final class Launch {
        public static void main(String[] args) {
            long launchSeed = Long.parseLong(args[0]);
            long fixedSeed = Long.parseLong(args[1]);
            String[] keys = Arrays.copyOfRange(args, 2, args.length);
            for (Subject s : Subject.values()) {
                long seed = s == Subject.PROBEMAP_FIXED_SEED ? fixedSeed : launchSeed;
                System.out.println(s.id() + "\t" + indexes(keys, s.order(keys, seed)));
            }
        }
    }

    /** The positions in {@code keys} of each key of {@code order}, space-separated. */
    static String indexes(String[] keys, List<String> order) {
        Map<String, Integer> at = new HashMap<>();
        for (int i = 0; i < keys.length; i++) at.put(keys[i], i);
        return order.stream().map(k -> String.valueOf(at.get(k))).collect(Collectors.joining(" "));
    }

    /** Runs one {@link Launch} in a fresh JVM and parses its orders. */
    public static Map<Subject, String> launch(String[] keys, long launchSeed, long fixedSeed) {
        List<String> args = new ArrayList<>();
        args.add(Long.toString(launchSeed));
        args.add(Long.toString(fixedSeed));
        args.addAll(List.of(keys));
        ChildJvm.Output out = ChildJvm.run(Launch.class, CHILD_JVM_ARGS, args, LAUNCH_TIMEOUT);
        Map<Subject, String> orders = new LinkedHashMap<>();
        for (String line : out.stdout().split("\\R")) {
            if (line.isBlank()) continue;
            String[] parts = line.split("\t", 2);
            orders.put(Subject.parse(parts[0]), parts[1]);
        }
        if (orders.size() != Subject.values().length) {
            throw new MeasurementException("a seed-order launch printed " + orders.size() + " of " + Subject.values().length + " orders: " + out.stdout());
        }
        return orders;
    }

    @Override public String id() { return "seed-order"; }

    @Override public String summary() { return "hash seeds and iteration order: one key set in fresh JVMs, orders per map"; }

    @Override
    public List<ParamSpec> params() {
        return List.of(
                ParamSpec.integer("launches", 2, 500, 20, 50, "fresh JVMs launched"),
                ParamSpec.integer("keys", 2, 2000, 16, 64, "words in the key set"),
                ParamSpec.integer("seeds_in_jvm", 2, 100_000, 10, 40, "ProbeMap seeds tried within this JVM"));
    }

    @Override
    public void measure(RunContext ctx) {
        int launches = ctx.params().getInt("launches");
        int n = ctx.params().getInt("keys");
        String[] keys = Words.sample(n, ctx.seed("keys"));
        long fixedSeed = ctx.seed("probemap-fixed");
        SplittableRandom launchSeeds = ctx.random("probemap-per-launch");
        ResultBuilder out = ctx.result();

        Map<Subject, Map<String, Integer>> seen = new LinkedHashMap<>();
        for (Subject s : Subject.values()) seen.put(s, new LinkedHashMap<>());
        ctx.progress().addSteps(launches + 1);
        for (int i = 0; i < launches; i++) {
            ctx.progress().step("launch " + (i + 1) + " of " + launches);
            Map<Subject, String> orders = launch(keys, launchSeeds.nextLong(), fixedSeed);
            orders.forEach((s, order) -> seen.get(s).merge(order, 1, Integer::sum));
        }

        ctx.progress().step("ProbeMap seeds within this JVM");
        int seeds = ctx.params().getInt("seeds_in_jvm");
        SplittableRandom inJvm = ctx.random("probemap-in-jvm");
        Set<String> inJvmOrders = new LinkedHashSet<>();
        for (int i = 0; i < seeds; i++) inJvmOrders.add(indexes(keys, Subject.PROBEMAP_RANDOM_SEED.order(keys, inJvm.nextLong())));
        String fixedHere = indexes(keys, Subject.PROBEMAP_FIXED_SEED.order(keys, fixedSeed));

        StringColumn subjectCol = StringColumn.create("subject");
        IntColumn rankCol = IntColumn.create("order_rank");
        IntColumn launchesCol = IntColumn.create("launches");
        StringColumn orderCol = StringColumn.create("order (first keys)");
        Map<Subject, Integer> distinct = new LinkedHashMap<>();
        for (Map.Entry<Subject, Map<String, Integer>> e : seen.entrySet()) {
            Subject s = e.getKey();
            distinct.put(s, e.getValue().size());
            out.row().with("subject", s.id()).with("launches", launches).with("n_keys", n).measure("distinct_orders", e.getValue().size(), Unit.COUNT);
            List<Map.Entry<String, Integer>> byCount = new ArrayList<>(e.getValue().entrySet());
            byCount.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
            int rank = 0;
            for (Map.Entry<String, Integer> o : byCount) {
                rank++;
                out.row().with("subject", s.id()).with("order_rank", rank).with("n_keys", n).measure("launches_with_order", o.getValue(), Unit.COUNT);
                subjectCol.append(s.label());
                rankCol.append(rank);
                launchesCol.append(o.getValue());
                orderCol.append(preview(keys, o.getKey()));
            }
        }
        out.row().with("subject", "probemap_seeds_in_one_jvm").with("seeds", seeds).with("n_keys", n).measure("distinct_orders", inJvmOrders.size(), Unit.COUNT);
        out.table("orders", Table.create("orders", subjectCol, rankCol, launchesCol, orderCol));

        CategoryChart chart = Charts.bars("Distinct iteration orders of one key set (" + n + " words) over " + launches + " fresh JVMs",
                "subject", "distinct orders (count)");
        List<String> categories = new ArrayList<>();
        List<Integer> values = new ArrayList<>();
        distinct.forEach((s, d) -> { categories.add(s.label()); values.add(d); });
        Charts.bars(chart, "across " + launches + " JVMs", categories, values, null);
        out.chart("distinct orders", chart);

        out.finding(countFinding("mapof_distinct_orders", distinct.get(Subject.MAP_OF), "Map.of", n, launches));
        out.finding(countFinding("hashmap_distinct_orders", distinct.get(Subject.HASHMAP), "HashMap", n, launches));
        out.finding(countFinding("probemap_random_seed_distinct_orders", distinct.get(Subject.PROBEMAP_RANDOM_SEED),
                "ProbeMap with a seed drawn per JVM", n, launches));
        out.finding(countFinding("probemap_fixed_seed_distinct_orders", distinct.get(Subject.PROBEMAP_FIXED_SEED),
                "ProbeMap with a fixed seed", n, launches));
        out.finding(Finding.of("launches", launches, "count", "%.0f fresh JVMs were launched, each inserting the same key set"));
        out.finding(countFinding("setof_distinct_orders", distinct.get(Subject.SET_OF), "Set.of", n, launches));
        out.finding(countFinding("linkedhashmap_distinct_orders", distinct.get(Subject.LINKEDHASHMAP), "LinkedHashMap", n, launches));
        out.finding(countFinding("treemap_distinct_orders", distinct.get(Subject.TREEMAP), "TreeMap", n, launches));
        out.finding(new Finding("probemap_seeds_in_one_jvm_distinct_orders", inJvmOrders.size(), "count", String.format(Locale.ROOT,
                "Within one JVM, %d different ProbeMap seeds gave %d distinct orders of the same %d keys", seeds, inJvmOrders.size(), n)));
        boolean fixedMatches = seen.get(Subject.PROBEMAP_FIXED_SEED).size() == 1 && seen.get(Subject.PROBEMAP_FIXED_SEED).containsKey(fixedHere);
        out.finding(new Finding("probemap_fixed_seed_same_in_parent", fixedMatches ? 1 : 0, "boolean", fixedMatches
                ? "The fixed-seed ProbeMap iterated in this JVM exactly as in every launched JVM"
                : "The fixed-seed ProbeMap iterated differently in this JVM than in the launched JVMs"));
    }

    static Finding countFinding(String id, int distinct, String subject, int n, int launches) {
        String text = distinct == 1
                ? String.format(Locale.ROOT, "%s iterated the same %d keys in one and the same order in all %d fresh JVMs", subject, n, launches)
                : String.format(Locale.ROOT, "%s iterated the same %d keys in %d different orders across %d fresh JVMs", subject, n, distinct, launches);
        return new Finding(id, distinct, "count", text);
    }

    private static String preview(String[] keys, String indexes) {
        String[] idx = indexes.split(" ");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(5, idx.length); i++) sb.append(i == 0 ? "" : ", ").append(keys[Integer.parseInt(idx[i])]);
        return idx.length > 5 ? sb.append(", ...").toString() : sb.toString();
    }
}
