package maplab.experiments;

import maplab.conclude.ChartData;
import maplab.plan.EnumIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import maplab.chart.Charts;
import maplab.plan.ParamSpec;
import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.run.RunData;
import java.util.concurrent.TimeUnit;
import maplab.measure.ChildJvm;
import maplab.measure.Jmh;
import maplab.measure.JmhScore;
import maplab.plan.Effort;
import org.openjdk.jmh.annotations.Mode;
import maplab.measure.MeasurementException;
import maplab.conclude.Finding;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.plan.Unit;
import maplab.subject.probe.ProbeConfig;
import maplab.subject.probe.ProbeMap;
import maplab.workload.Words;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * seed-order: does one key set iterate in the same order every time? Launches fresh JVMs
 * (each runs {@link Launch}) that insert the same words into {@code Map.of}, {@code Set.of},
 * {@code HashMap}, {@code LinkedHashMap}, {@code TreeMap} and a seeded {@link ProbeMap}
 * (seed drawn per launch, as a runtime would at start-up, and a fixed seed), and counts the
 * distinct iteration orders per subject. Within this JVM it also varies ProbeMap's seed. Last,
 * JMH times a whole traversal of a seeded ProbeMap whose seed is fixed against one whose seed
 * is drawn per fork ({@code SeedIterationBench}): does a fixed seed improve traversal locality?
 *
 * <p><b>Measure</b> writes counts only (distinct orders per subject, launches per order with
 * the order itself, launches whose fixed-seed order matches this JVM's) and the traversal times; <b>conclude</b> turns
 * them into findings (counts, and {@code launches} as a parameter echo), the orders table and
 * the chart.
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

    /** Runs one {@link Launch} in a fresh JVM started by {@code jvm} and parses its orders. */
    public static Map<Subject, String> launch(ChildJvm jvm, String[] keys, long launchSeed, long fixedSeed) {
        List<String> args = new ArrayList<>();
        args.add(Long.toString(launchSeed));
        args.add(Long.toString(fixedSeed));
        args.addAll(List.of(keys));
        ChildJvm.Output out = jvm.run(Launch.class, CHILD_JVM_ARGS, args, LAUNCH_TIMEOUT);
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
                ParamSpec.integer("launches", 2, 500, 20, 50, "fresh JVMs launched")
                        .smoke(4),
                ParamSpec.integer("keys", 2, 2000, 16, 64, "words in the key set"),
                ParamSpec.integer("seeds_in_jvm", 2, 100_000, 10, 40, "ProbeMap seeds tried within this JVM"),
                ParamSpec.integer("iteration_n", 0, 10_000_000, 200_000, 2_000_000,
                        "boxed long keys in the seeded ProbeMap whose traversal is timed, fixed seed against a seed drawn per fork (0: not timed)")
                        .smoke(20_000),
                ParamSpec.effort("iteration", Effort.parseOrNull("4-6:1x100ms+2x100ms"), Effort.parseOrNull("6-12:2x200ms+5x200ms"),
                        "JMH effort of the traversal timing (average time of one whole traversal)"));
    }

    static final String ITERATION_BENCH = "maplab.bench.SeedIterationBench.iterate";
    static final String FIXED_VS_PER_RUN = "fixed_vs_per_run_seed_iteration";
    /** The traversal's subjects: the bench's {@code seedMode} values, which are also the rows' subject column. */
    static final List<String> SEED_MODES = List.of("fixed", "per_fork");

    /**
     * The traversal timing: the same keys in a seeded ProbeMap, its seed fixed (the run's
     * fixed ProbeMap seed, as the launches use) or drawn per fork from the run's seed and the
     * fork's round ({@link Jmh#roundProperty}), both in every round; the two compared, so a
     * sequential effort adds rounds while their ratio is open.
     */
    private static Jmh iterationRun(RunContext ctx) {
        return ctx.jmh(ITERATION_BENCH, "iteration")
                .param("seedMode", SEED_MODES)
                .param("n", String.valueOf(ctx.params().getInt("iteration_n")))
                .param("keySeed", String.valueOf(ctx.seed("iteration-keys")))
                .param("fixedSeed", String.valueOf(ctx.seed("probemap-fixed")))
                .param("perForkSeed", String.valueOf(ctx.seed("probemap-per-fork")))
                .roundProperty("maplab.round")
                .compare(Map.of("seedMode", SEED_MODES.get(0)), Map.of("seedMode", SEED_MODES.get(1)))
                .mode(Mode.AverageTime).timeUnit(TimeUnit.MICROSECONDS);
    }

    private static Map<String, Object> iterationDims(String seedMode, int n) {
        return Plan.dims("subject", "probemap_" + seedMode + "_seed", "n_keys", n);
    }

    @Override
    public int plannedSteps(Params params) {
        int timed = params.getInt("iteration_n") > 0 ? SEED_MODES.size() : 0;
        return steps(params.getInt("launches")) + timed * params.getEffort("iteration").plannedForks(true);
    }

    /** The plan's progress steps: one per launched JVM, then one for the seeds tried in this JVM. */
    private static int steps(int launches) {
        return launches + 1;
    }

    /** Rough seconds of one launch: a small JVM with C1 only and class data sharing, inserting a few words (50 took 4 s in all). */
    private static final double LAUNCH_SECONDS = 0.1;

    /**
     * The plan: the launches (child JVMs) and the seeds tried in this JVM, then the rows: per
     * subject its distinct orders and, per order seen (rank 1 always, ranks up to one per launch
     * when the launches disagree), the launches that gave it with the order itself, observed;
     * the in-JVM seeds' distinct orders, and the launches matching this JVM's fixed-seed order.
     * Synthetic values are those of launches that each gave another order.
     */
    @Override
    public void plan(Plan.Builder plan, RunContext context) {
        Params p = plan.params();
        int launches = p.getInt("launches");
        int n = p.getInt("keys");
        int seeds = p.getInt("seeds_in_jvm");
        plan.step("launching fresh JVMs", launches, LAUNCH_SECONDS);
        plan.step("ProbeMap seeds within this JVM", 1, 0.05 + seeds * n * 2e-6);
        String[] keys = Words.sample(n, context.seed("keys"));
        String insertionOrder = indexes(keys, List.of(keys));
        for (Subject s : Subject.values()) {
            plan.count(Plan.dims("subject", s.id(), "launches", launches, "n_keys", n), "distinct_orders", Unit.COUNT, launches);
            for (int rank = 1; rank <= launches; rank++) {
                plan.optional(rank > 1).varying("order", "order_preview");   // one row per distinct order seen: the launches may all agree
                plan.count(Plan.dims("subject", s.id(), "order_rank", rank, "n_keys", n, "order", insertionOrder,
                        "order_preview", preview(keys, insertionOrder)), "launches_with_order", Unit.COUNT, 1);
            }
            plan.optional(false).varying();
        }
        plan.count(Plan.dims("subject", "probemap_seeds_in_one_jvm", "seeds", seeds, "n_keys", n), "distinct_orders", Unit.COUNT, seeds);
        plan.count(Plan.dims("subject", Subject.PROBEMAP_FIXED_SEED.id(), "launches", launches, "n_keys", n), "launches_matching_this_jvm", Unit.COUNT, launches);
        plan.finding(FINDINGS.toArray(String[]::new));
        if (p.getInt("iteration_n") == 0) return;
        plan.jmh("iteration", iterationRun(context));
        for (String mode : SEED_MODES) plan.timed(iterationDims(mode, p.getInt("iteration_n")), "iterate_time", Unit.ofJmh("us/op"));
        plan.note(FIXED_VS_PER_RUN + " is concluded from this plan's rows but not promised: runs stored before it was measured (the references) leave it out");
    }

    /** Every finding {@link #conclude} gives for a run's rows, in its order. */
    static final List<String> FINDINGS = List.of("mapof_distinct_orders", "hashmap_distinct_orders", "probemap_random_seed_distinct_orders",
            "probemap_fixed_seed_distinct_orders", "launches", "setof_distinct_orders", "linkedhashmap_distinct_orders", "treemap_distinct_orders",
            "probemap_seeds_in_one_jvm_distinct_orders", "probemap_fixed_seed_same_in_parent", "mapof_orders_on_one_cycle");

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
        ctx.progress().addSteps(steps(launches));
        for (int i = 0; i < launches; i++) {
            ctx.progress().step("launch " + (i + 1) + " of " + launches);
            Map<Subject, String> orders = launch(ctx.childJvm(), keys, launchSeeds.nextLong(), fixedSeed);
            orders.forEach((s, order) -> seen.get(s).merge(order, 1, Integer::sum));
        }

        ctx.progress().step("ProbeMap seeds within this JVM");
        int seeds = ctx.params().getInt("seeds_in_jvm");
        SplittableRandom inJvm = ctx.random("probemap-in-jvm");
        Set<String> inJvmOrders = new LinkedHashSet<>();
        for (int i = 0; i < seeds; i++) inJvmOrders.add(indexes(keys, Subject.PROBEMAP_RANDOM_SEED.order(keys, inJvm.nextLong())));
        String fixedHere = indexes(keys, Subject.PROBEMAP_FIXED_SEED.order(keys, fixedSeed));

        for (Map.Entry<Subject, Map<String, Integer>> e : seen.entrySet()) {
            Subject s = e.getKey();
            out.row().with("subject", s.id()).with("launches", launches).with("n_keys", n).measure("distinct_orders", e.getValue().size(), Unit.COUNT);
            List<Map.Entry<String, Integer>> byCount = new ArrayList<>(e.getValue().entrySet());
            byCount.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
            int rank = 0;
            for (Map.Entry<String, Integer> o : byCount) {
                rank++;
                out.row().with("subject", s.id()).with("order_rank", rank).with("n_keys", n).with("order", o.getKey())
                        .with("order_preview", preview(keys, o.getKey())).measure("launches_with_order", o.getValue(), Unit.COUNT);
            }
        }
        out.row().with("subject", "probemap_seeds_in_one_jvm").with("seeds", seeds).with("n_keys", n).measure("distinct_orders", inJvmOrders.size(), Unit.COUNT);
        out.row().with("subject", Subject.PROBEMAP_FIXED_SEED.id()).with("launches", launches).with("n_keys", n)
                .measure("launches_matching_this_jvm", seen.get(Subject.PROBEMAP_FIXED_SEED).getOrDefault(fixedHere, 0), Unit.COUNT);

        int iterationN = ctx.params().getInt("iteration_n");
        if (iterationN == 0) return;
        for (JmhScore s : iterationRun(ctx).run()) {
            ResultBuilder.Row row = out.row();
            iterationDims(s.param("seedMode"), iterationN).forEach(row::with);
            row.measure("iterate_time", s.measured(), Unit.ofJmh(s.unit()));
        }
    }

    // ------------------------------------------------------------------ conclude

    /**
     * Findings, the orders table and the distinct-orders chart from the stored rows. Distinct
     * orders are counts (exact for the run's launches); {@code launches} echoes the parameter.
     * Where the rows keep each order ({@code order} column), Map.of's orders are also checked to
     * be rotations or reversals of one cycle, which is how its per-JVM salt works (it picks where
     * iteration starts and its direction; it does not change probing).
     */
    @Override
    public void conclude(RunData data, ResultBuilder out) {
        Rows rows = data.rows();
        int launches = data.params().getInt("launches");
        Rows distinctRows = rows.metric("distinct_orders");
        String n = distinctRows.first().map(r -> r.str("n_keys")).orElse(String.valueOf(data.params().getInt("keys")));
        ordersTableAndChart(rows, distinctRows, n, launches, out);
        countFindings(distinctRows, n, launches, out);
        oneJvmFindings(rows, distinctRows, n, launches, out);
        out.attempt(FIXED_VS_PER_RUN, () -> iterationFinding(rows.metric("iterate_time"), data.params().getEffort("iteration").looks(), out));
    }

    /**
     * {@code fixed_vs_per_run_seed_iteration}: a whole traversal of the fixed-seed ProbeMap over
     * that of the one whose seed was drawn per fork, a time ratio paired by round; with the
     * traversal chart; widened for {@code looks} sequential looks. Runs before the timing: absent.
     */
    static void iterationFinding(Rows time, int looks, ResultBuilder out) {
        Rows fixed = time.where("subject", "probemap_fixed_seed");
        Rows perFork = time.where("subject", "probemap_per_fork_seed");
        if (fixed.isEmpty() || perFork.isEmpty()) return;
        String n = fixed.one().str("n_keys");
        out.finding(Finding.timeRatio(FIXED_VS_PER_RUN, "A traversal of a seeded ProbeMap of " + n + " boxed keys with a fixed seed",
                "the same map with a seed drawn per fork (JVM)", fixed.one().measured().ratioTo(perFork.one().measured(), looks)).where("n_keys", n));
        ChartData.Builder chart = ChartData.bars("One traversal of a seeded ProbeMap, " + n + " keys (JMH, " + Finding.confidenceLabel() + " interval over forks)",
                "seed", "time (" + fixed.one().str("unit") + ")");
        chart.yMin(0.0);
        chart.bars("traversal", List.of("fixed seed", "seed drawn per fork"), List.of(fixed.one().value(), perFork.one().value()),
                List.of(fixed.one().error(), perFork.one().error()));
        out.chart("traversal", chart);
    }

    /** The orders table (each subject's orders with their launches) and the distinct-orders chart. */
    private static void ordersTableAndChart(Rows rows, Rows distinctRows, String n, int launches, ResultBuilder out) {
        StringColumn subjectCol = StringColumn.create("subject");
        IntColumn rankCol = IntColumn.create("order_rank");
        IntColumn launchesCol = IntColumn.create("launches");
        StringColumn orderCol = StringColumn.create("order (first keys)");
        List<String> categories = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (Subject s : Subject.values()) {
            Optional<Rows.Row> d = distinctRows.where("subject", s.id()).first();
            if (d.isEmpty()) continue;
            categories.add(s.label());
            values.add(d.get().value());
            for (Rows.Row o : rows.metric("launches_with_order").where("subject", s.id())) {
                subjectCol.append(s.label());
                rankCol.append((int) o.integer("order_rank"));
                launchesCol.append((int) o.value());
                orderCol.append(o.str("order_preview"));
            }
        }
        out.table("orders", Table.create("orders", subjectCol, rankCol, launchesCol, orderCol));
        if (!categories.isEmpty()) { // an interrupted run may have no counts: no chart then
            ChartData.Builder chart = ChartData.bars("Distinct iteration orders of one key set (" + n + " words) over " + launches + " fresh JVMs",
                    "subject", "distinct orders (count)");
            chart.bars("across " + launches + " JVMs", categories, values, null);
            out.chart("distinct orders", chart);
        }
    }

    /** Distinct orders per subject over the launched JVMs (counts), and the launches echoed. */
    private static void countFindings(Rows distinctRows, String n, int launches, ResultBuilder out) {
        count(out, distinctRows, "mapof_distinct_orders", Subject.MAP_OF, "Map.of", n, launches);
        count(out, distinctRows, "hashmap_distinct_orders", Subject.HASHMAP, "HashMap", n, launches);
        count(out, distinctRows, "probemap_random_seed_distinct_orders", Subject.PROBEMAP_RANDOM_SEED, "ProbeMap with a seed drawn per JVM", n, launches);
        count(out, distinctRows, "probemap_fixed_seed_distinct_orders", Subject.PROBEMAP_FIXED_SEED, "ProbeMap with a fixed seed", n, launches);
        out.attempt("launches", () -> {
            if (distinctRows.first().isPresent()) out.finding(Finding.parameter("launches", launches, "count", "%.0f fresh JVMs were launched, each inserting the same key set"));
        });
        count(out, distinctRows, "setof_distinct_orders", Subject.SET_OF, "Set.of", n, launches);
        count(out, distinctRows, "linkedhashmap_distinct_orders", Subject.LINKEDHASHMAP, "LinkedHashMap", n, launches);
        count(out, distinctRows, "treemap_distinct_orders", Subject.TREEMAP, "TreeMap", n, launches);
    }

    /** What one JVM shows: several seeds' orders, the fixed seed against the launches, Map.of's orders on one cycle. */
    private static void oneJvmFindings(Rows rows, Rows distinctRows, String n, int launches, ResultBuilder out) {
        out.attempt("probemap_seeds_in_one_jvm_distinct_orders", () -> distinctRows.where("subject", "probemap_seeds_in_one_jvm").first().ifPresent(r -> out.finding(Finding.count(
                "probemap_seeds_in_one_jvm_distinct_orders", r.value(), "count", String.format(Locale.ROOT,
                        "Within one JVM, %s different ProbeMap seeds gave %%.0f distinct orders of the same %s keys", r.str("seeds"), n))
                .where("n_keys", n).where("seeds", r.str("seeds")))));
        out.attempt("probemap_fixed_seed_same_in_parent", () -> rows.metric("launches_matching_this_jvm").where("subject", Subject.PROBEMAP_FIXED_SEED.id()).first().ifPresent(r -> {
            boolean all = r.value() == launches;
            out.finding(Finding.count("probemap_fixed_seed_same_in_parent", all ? 1 : 0, "boolean", all
                    ? "The fixed-seed ProbeMap iterated in this JVM exactly as in every launched JVM (" + launches + " of " + launches + ")"
                    : String.format(Locale.ROOT, "The fixed-seed ProbeMap iterated differently in this JVM than in the launched JVMs (%.0f of %d launches matched it)",
                            r.value(), launches)));
        }));
        out.attempt("mapof_orders_on_one_cycle", () -> {
            List<String> mapOfOrders = rows.metric("launches_with_order").where("subject", Subject.MAP_OF.id()).list().stream()
                    .map(r -> r.str("order")).toList();
            if (!mapOfOrders.isEmpty() && mapOfOrders.stream().noneMatch(String::isEmpty)) {
                long onCycle = onOneCycle(mapOfOrders);
                out.finding(Finding.count("mapof_orders_on_one_cycle", onCycle, "count", String.format(Locale.ROOT,
                        "%%.0f of the %d distinct Map.of orders were rotations or reversals of one cycle through its table "
                                + "(the per-JVM salt picks where iteration starts and its direction)", mapOfOrders.size()))
                        .where("n_keys", n).where("launches", launches));
            }
        });
    }

    private static void count(ResultBuilder out, Rows distinct, String id, Subject s, String label, String n, int launches) {
        out.attempt(id, () -> distinct.where("subject", s.id()).first().ifPresent(r -> out.finding(countFinding(id, (int) r.value(), label, n, launches)
                .where("n_keys", n).where("launches", launches))));
    }

    static Finding countFinding(String id, int distinct, String subject, String n, int launches) {
        String text = distinct == 1
                ? String.format(Locale.ROOT, "%s iterated the same %s keys in one and the same order in all %d fresh JVMs", subject, n, launches)
                : String.format(Locale.ROOT, "%s iterated the same %s keys in %d different orders across %d fresh JVMs", subject, n, distinct, launches);
        return Finding.count(id, distinct, "count", text.replace("%", "%%"));
    }

    /**
     * How many of {@code orders} (key indexes, space-separated) are a rotation of the first order
     * or of its reverse: all of them when they come from one cycle walked from different starts
     * in either direction.
     */
    static long onOneCycle(List<String> orders) {
        List<String> base = List.of(orders.get(0).split(" "));
        List<String> reversed = new ArrayList<>(base);
        Collections.reverse(reversed);
        return orders.stream().map(o -> List.of(o.split(" "))).filter(o -> isRotation(o, base) || isRotation(o, reversed)).count();
    }

    /** True when {@code a} is {@code b} started at another position (same length, same cyclic sequence). */
    static boolean isRotation(List<String> a, List<String> b) {
        if (a.size() != b.size()) return false;
        if (a.isEmpty()) return true;
        int start = b.indexOf(a.get(0));
        if (start < 0) return false;
        for (int i = 0; i < a.size(); i++) if (!a.get(i).equals(b.get((start + i) % b.size()))) return false;
        return true;
    }

    private static String preview(String[] keys, String indexes) {
        String[] idx = indexes.split(" ");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(5, idx.length); i++) sb.append(i == 0 ? "" : ", ").append(keys[Integer.parseInt(idx[i])]);
        return idx.length > 5 ? sb.append(", ...").toString() : sb.toString();
    }
}
