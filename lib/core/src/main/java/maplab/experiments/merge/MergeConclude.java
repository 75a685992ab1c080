package maplab.experiments.merge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import maplab.run.RunData;
import maplab.conclude.Finding;
import maplab.measure.Measured;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.subject.merge.FastutilTarget;
import maplab.subject.merge.FillOrder;
import maplab.subject.merge.MergeStrategy;
import maplab.subject.user.UserSubject;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import maplab.experiments.merge.MergeTrapConclude.TrapPoint;
import static maplab.experiments.merge.MergeCharts.fillChart;
import static maplab.experiments.merge.MergeCharts.jdkChart;
import static maplab.experiments.merge.MergeCharts.probeChart;
import static maplab.experiments.merge.MergeCharts.timeChart;
import static maplab.experiments.merge.MergeTrapConclude.trapFindings;
import static maplab.experiments.merge.MergeTrapConclude.trapPoints;
import static maplab.experiments.merge.MergeTrapConclude.trapTable;

/**
 * merge's conclusions ({@link Merge#conclude}) from the stored rows: the JDK strategies, the fills
 * of fastutil, the peer libraries and the users' maps; the trap's are {@link MergeTrapConclude}'s.
 */
final class MergeConclude {

    private MergeConclude() { }

    static void conclude(RunData data, ResultBuilder out) {
        Rows rows = data.rows();
        long budgetMs = data.params().getLong("budget_ms");
        out.attempt("putall_vs_loop", () -> concludeJdk(rows, data.params().getEffort("jdk").looks(), out));
        out.inGroup("treemap", () -> out.attempt(TREEMAP_TIME, () -> concludeTreeMap(rows, data.params().getEffort("jdk").looks(), out)));
        concludeFills(rows, part -> data.params().getEffort(part).looks(), out);
        out.inGroup("user_subjects", () -> concludeUserFills(rows, data.params().getEffort("fastutil").looks(), out));
        List<TrapPoint> points = trapPoints(rows);
        if (!points.isEmpty()) {
            out.table("trap", trapTable(points, budgetMs));
            out.chart("merge time", timeChart(points, budgetMs));
            out.chart("max probe", probeChart(points));
            trapFindings(out, points, budgetMs);
        }
        MergeProfile.conclude(rows, out);
    }

    /** {@code looks}: how often a sequential jdk_effort looked at putAll against the loop (the interval's Bonferroni divisor). */
    private static void concludeJdk(Rows rows, int looks, ResultBuilder out) {
        Rows jdk = rows.metric("merge_time").where("part", "jdk");
        if (jdk.isEmpty()) return;
        Rows.Row first = jdk.list().get(0);
        String n = first.str("n_keys");
        String overlap = first.str("overlap_pct");
        out.chart("jdk strategies", jdkChart(jdk));
        Rows alloc = rows.metric("merge_alloc").where("part", "jdk");
        if (!alloc.isEmpty()) out.chart("jdk allocation", MergeCharts.jdkAllocChart(alloc));
        Rows putAll = jdk.where("subject", MergeStrategy.PUT_ALL.id());
        Rows loop = jdk.where("subject", MergeStrategy.PUT_LOOP.id());
        if (!putAll.isEmpty() && !loop.isEmpty()) {
            out.finding(Finding.timeRatio("putall_vs_loop", "Merging with putAll into new HashMap<>()", "a put loop",
                    putAll.one().measured().ratioTo(loop.one().measured(), looks)).where("n_keys", n).where("overlap_pct", overlap));
        }
    }

    static final String TREEMAP_TIME = "treemap_vs_hashmap_merge_time";
    static final String TREEMAP_ALLOC = "treemap_vs_hashmap_merge_alloc";

    /**
     * A TreeMap against a HashMap as the target of the same merge (both {@code putAll(a),
     * putAll(b)} into a new map, repeated by JMH): the time ratio paired by round (looked at
     * {@code looks} times, like putAll against the loop), and the ratio of bytes allocated per
     * merge (JMH's gc profiler). Runs before the TreeMap target (or without allocation rows) leave
     * them out.
     */
    private static void concludeTreeMap(Rows rows, int looks, ResultBuilder out) {
        Rows jdk = rows.where("part", "jdk");
        Rows treeTime = jdk.metric("merge_time").where("subject", MergeStrategy.TREEMAP_PUT_ALL.id());
        Rows hashTime = jdk.metric("merge_time").where("subject", MergeStrategy.PUT_ALL.id());
        if (treeTime.isEmpty() || hashTime.isEmpty()) return;
        String n = treeTime.one().str("n_keys");
        String overlap = treeTime.one().str("overlap_pct");
        out.finding(Finding.timeRatio(TREEMAP_TIME, "Merging two maps of " + n + " keys into new TreeMap<>() with putAll", "into new HashMap<>()",
                treeTime.one().measured().ratioTo(hashTime.one().measured(), looks)).where("n_keys", n).where("overlap_pct", overlap));
        Rows treeAlloc = jdk.metric("merge_alloc").where("subject", MergeStrategy.TREEMAP_PUT_ALL.id());
        Rows hashAlloc = jdk.metric("merge_alloc").where("subject", MergeStrategy.PUT_ALL.id());
        if (treeAlloc.isEmpty() || hashAlloc.isEmpty()) return;
        out.finding(Finding.ratio(TREEMAP_ALLOC, "Merging two maps of " + n + " keys into new TreeMap<>()", "new HashMap<>() (bytes allocated per merge, JMH -prof gc)",
                Finding.Quantity.BYTES, treeAlloc.one().measured().ratioTo(hashAlloc.one().measured(), looks), Finding.Basis.TIMING)
                .where("n_keys", n).where("overlap_pct", overlap));
    }

    /**
     * The trap for users' maps: per user subject, filling in another one's iteration order
     * against shuffled ({@code fill_iteration_order_vs_shuffled_<user>}), and each against the
     * fastutil targets filled the same way ({@code fill_iteration_order_<user>_vs_<target>}).
     * {@code looks}: how often a sequential fastutil_effort looked at these comparisons.
     */
    static void concludeUserFills(Rows rows, int looks, ResultBuilder out) {
        Rows fill = rows.metric("fill_time").where("part", "fastutil");
        if (fill.isEmpty()) return;
        String n = fill.list().get(0).str("n_keys");
        for (String user : fill.distinct("subject")) {
            if (!UserSubject.isUserId(user)) continue;
            Rows it = fill.where("subject", user).where("order", FillOrder.ITERATION.id());
            Rows sh = fill.where("subject", user).where("order", FillOrder.SHUFFLED.id());
            if (it.isEmpty() || sh.isEmpty()) continue;
            String own = "fill_iteration_order_vs_shuffled_" + UserSubject.findingName(user);
            out.attempt(own, () -> out.finding(Finding.timeRatio(own,
                    "Filling a " + UserSubject.label(user) + " of " + n + " keys in another one's iteration order", "the same keys shuffled",
                    it.one().measured().ratioTo(sh.one().measured(), looks)).where("n_keys", n)));
            for (String other : fill.distinct("subject")) {
                if (UserSubject.isUserId(other)) continue;
                Rows theirs = fill.where("subject", other).where("order", FillOrder.ITERATION.id());
                if (theirs.isEmpty()) continue;
                String versus = "fill_iteration_order_" + UserSubject.findingName(user) + "_vs_" + other;
                out.attempt(versus, () -> out.finding(Finding.timeRatio(versus,
                        "Filling a " + UserSubject.label(user) + " of " + n + " keys in another one's iteration order",
                        "a " + fillLabel(other) + " filled the same way", it.one().measured().ratioTo(theirs.one().measured(), looks)).where("n_keys", n)));
            }
        }
    }

    static String fillLabel(String subject) {
        return UserSubject.isUserId(subject) ? UserSubject.label(subject) : FastutilTarget.ofSubject(subject).label();
    }

    /**
     * The fills of fastutil (part "fastutil") and of the peer libraries (part "peer"): a chart
     * per part, per collection a time ratio of iteration order to shuffled, and a table of every
     * library's verdict. The first fastutil collection carries the id
     * {@code fastutil_iteration_order_vs_shuffled}; every other one {@code <subject>_iteration_order_vs_shuffled}.
     * {@code looks}: per part, how often its sequential effort looked at each comparison.
     */
    private static void concludeFills(Rows rows, java.util.function.ToIntFunction<String> looks, ResultBuilder out) {
        List<Finding> verdicts = new ArrayList<>();
        boolean anyPeer = false;
        for (String part : List.of("fastutil", "peer")) {
            Rows fill = rows.metric("fill_time").where("part", part);
            if (fill.isEmpty()) continue;
            String n = fill.list().get(0).str("n_keys");
            List<String> subjects = fill.distinct("subject");
            out.chart(part.equals("fastutil") ? "fastutil" : "peers", fillChart(fill, part));
            for (int i = 0; i < subjects.size(); i++) {
                String s = subjects.get(i);
                if (UserSubject.isUserId(s)) continue;   // users' maps: concludeUserFills
                String id = fillFindingId(part, i, s);
                out.attempt(id, () -> {
                    Finding f = fillFinding(fill, s, id, n, looks.applyAsInt(part));
                    if (f == null) return;
                    out.finding(f);
                    verdicts.add(f);
                });
                anyPeer |= verdicts.stream().anyMatch(f -> f.id().equals(id)) && FastutilTarget.ofSubject(s).isPeer();
            }
        }
        if (anyPeer) out.table("re-insert trap by library", trapVerdictTable(verdicts));
    }

    /** The id of a library's fill finding: the first fastutil collection's is {@code fastutil_iteration_order_vs_shuffled}, every other {@code <subject>_iteration_order_vs_shuffled}. */
    static String fillFindingId(String part, int index, String subject) {
        return part.equals("fastutil") && index == 0 ? "fastutil_iteration_order_vs_shuffled" : subject + "_iteration_order_vs_shuffled";
    }

    /**
     * One library's fill in another one's iteration order against the same keys shuffled: a
     * paired time ratio ({@link Measured#ratioTo}, over {@code looks} sequential looks); null when either order is missing.
     */
    private static Finding fillFinding(Rows fill, String subject, String id, String n, int looks) {
        Rows it = fill.where("subject", subject).where("order", FillOrder.ITERATION.id());
        Rows sh = fill.where("subject", subject).where("order", FillOrder.SHUFFLED.id());
        if (it.isEmpty() || sh.isEmpty()) return null;
        FastutilTarget t = FastutilTarget.ofSubject(subject);
        return Finding.timeRatio(id, "Filling a " + t.label() + " of " + n + " keys in another one's iteration order", "the same keys shuffled",
                it.one().measured().ratioTo(sh.one().measured(), looks)).where("n_keys", n).where("target", t.id());
    }

    /**
     * Which library falls into the re-insert trap: per library the iteration-order / shuffled
     * time ratio, its interval and what the verdict means here ("higher": slower in another
     * one's iteration order, so it falls into the trap; "no detectable difference": protected,
     * or too small an effect for this run).
     */
    static Table trapVerdictTable(List<Finding> findings) {
        StringColumn lib = StringColumn.create("library");
        StringColumn n = StringColumn.create("n_keys");
        StringColumn ratio = StringColumn.create("iteration order / shuffled (time)");
        StringColumn interval = StringColumn.create(Finding.confidenceLabel() + " interval");
        StringColumn verdict = StringColumn.create("verdict");
        for (Finding f : findings) {
            lib.append(FastutilTarget.parse(f.conditions().get("target")).label());
            n.append(f.conditions().get("n_keys"));
            ratio.append(String.format(Locale.ROOT, "%.2f", f.value()));
            interval.append(Double.isFinite(f.low()) ? String.format(Locale.ROOT, "[%.2f, %.2f]", f.low(), f.high()) : "none");
            verdict.append(switch (f.verdict()) {
                case HIGHER -> "falls into the trap: slower in another one's iteration order";
                case LOWER -> "no trap: faster in another one's iteration order";
                default -> "no trap detected: " + f.verdict().label();
            });
        }
        return Table.create("re-insert trap by library", lib, n, ratio, interval, verdict);
    }
}
