package maplab.experiments.syncvariants;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import maplab.conclude.Finding;
import maplab.conclude.ResultBuilder;
import maplab.measure.ChildJvm;
import maplab.measure.MeasurementException;
import maplab.measure.Rows;
import maplab.measure.TargetJvm;
import maplab.measure.race.VirtualThreadStress;
import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.plan.Unit;
import maplab.subject.concurrent.SharedMapType;
import maplab.experiments.RunContext;

/**
 * sync-variants' virtual-thread stress (source claim A49, "stress a map with a million goroutines"):
 * {@code virtual_threads} virtual threads at once on one shared ConcurrentHashMap, then on one
 * synchronizedMap, each doing {@code virtual_thread_ops} operations (half puts of its own keys,
 * half gets), in a child JVM ({@link VirtualThreadStress}); counts only: operations completed and
 * keys lost. Virtual threads need JDK 21+: the child runs on the run's JDK when it is 21+, else on
 * the newest installed JDK 21+ ({@link TargetJvm#installed}), as jdks picks its newer JDK; with
 * none, only the run's feature version is recorded and the findings say why they are not computed.
 */
final class SyncVariantsVirtualThreads {

    private SyncVariantsVirtualThreads() { }

    /** The maps stressed, with their findings' ids. */
    static final Map<SharedMapType, String> SUBJECTS = Map.of(
            SharedMapType.CONCURRENT_HASH_MAP, "virtual_threads_chm_lost_keys",
            SharedMapType.SYNCHRONIZED_MAP, "virtual_threads_synchronized_lost_keys");

    static final int MIN_FEATURE = 21;
    static final String TOO_OLD = "virtual threads need JDK 21+ (run with --jdk 25, or install one)";
    private static final List<String> METRICS = List.of("vt_completed_ops", "vt_keys_put", "vt_lost_keys", "vt_failed_threads");
    /** The column of each of {@link #METRICS} in a {@code VT} line of {@link VirtualThreadStress}. */
    private static final int[] COLUMNS = {3, 4, 5, 7};

    private static List<SharedMapType> subjects() {
        return List.of(SharedMapType.CONCURRENT_HASH_MAP, SharedMapType.SYNCHRONIZED_MAP);
    }

    /** Runs the stress (JDK 21+) and writes its rows; always the JDK's feature version. */
    static void measure(RunContext ctx) {
        Params p = ctx.params();
        int threads = p.getInt("virtual_threads");
        if (threads == 0) return;
        ResultBuilder out = ctx.result();
        TargetJvm jvm = stressJvm(ctx);
        out.row().with("part", "virtual_threads").measure("virtual_threads_jdk", jvm.feature(), Unit.COUNT);
        if (jvm.feature() < MIN_FEATURE) return;
        List<String> args = List.of("--subjects", String.join(",", subjects().stream().map(SharedMapType::id).toList()),
                "--threads", String.valueOf(threads), "--ops", String.valueOf(p.getInt("virtual_thread_ops")),
                "--seed", String.valueOf(ctx.seed("virtual-threads")));
        ChildJvm.Output o = ChildJvm.of(ctx.forks().on(jvm)).run(VirtualThreadStress.class, List.of("-Xmx1g"), args, Duration.ofMinutes(10));
        if (o.exitCode() != 0) throw new MeasurementException("virtual-thread stress exited with " + o.exitCode() + ": " + o.stderr().strip());
        for (String line : o.stdout().split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length != 8 || !f[0].equals("VT")) continue;
            for (int i = 0; i < METRICS.size(); i++) dims(out.row(), f[1], threads, p).measure(METRICS.get(i), Long.parseLong(f[COLUMNS[i]]), Unit.COUNT);
        }
    }

    /** The run's JVM when it is JDK 21+, else the newest installed JDK 21+, else the run's (too old: nothing runs). */
    static TargetJvm stressJvm(RunContext ctx) {
        if (ctx.jdkFeature() >= MIN_FEATURE) return ctx.forks().jvm();
        return TargetJvm.installed().stream().filter(i -> i.feature() >= MIN_FEATURE).max(java.util.Comparator.comparingInt(TargetJvm.Installed::feature))
                .map(i -> new TargetJvm(i.home(), List.of(), i.feature())).orElse(ctx.forks().jvm());
    }

    private static ResultBuilder.Row dims(ResultBuilder.Row row, String subject, int threads, Params p) {
        return row.with("part", "virtual_threads").with("subject", subject).with("virtual_threads", threads)
                .with("ops_per_thread", p.getInt("virtual_thread_ops"));
    }

    /** The rows measure writes on this JDK, a step, and the findings (promised on JDK 21+ only: older ones give the reason). */
    static void plan(Plan.Builder plan, RunContext ctx) {
        Params p = plan.params();
        int threads = p.getInt("virtual_threads");
        if (threads == 0) return;
        int feature = stressJvm(ctx).feature();
        plan.count(Plan.dims("part", "virtual_threads"), "virtual_threads_jdk", Unit.COUNT, feature);
        if (feature < MIN_FEATURE) return;
        plan.step("virtual threads on one map: a child JVM", 1, 2 + threads * (double) p.getInt("virtual_thread_ops") / 2e6);
        for (SharedMapType s : subjects()) {
            for (String metric : METRICS) {
                Map<String, Object> at = Plan.dims("part", "virtual_threads", "subject", s.id(), "virtual_threads", threads,
                        "ops_per_thread", p.getInt("virtual_thread_ops"));
                plan.count(at, metric, Unit.COUNT, metric.equals("vt_lost_keys") || metric.equals("vt_failed_threads") ? 0 : threads);
            }
            plan.finding(SUBJECTS.get(s));
        }
    }

    /** One finding per map: keys lost (0 expected); not computed with the reason on a JDK older than 21; none for runs made before this part. */
    static void conclude(Rows rows, ResultBuilder out) {
        Rows jdk = rows.metric("virtual_threads_jdk");
        if (jdk.isEmpty()) return;
        int feature = (int) Math.round(jdk.one().value());
        for (SharedMapType s : subjects()) {
            String id = SUBJECTS.get(s);
            Rows here = rows.where("part", "virtual_threads").where("subject", s.id());
            if (feature < MIN_FEATURE || here.metric("vt_lost_keys").isEmpty()) {
                out.finding(Finding.notComputed(id, feature < MIN_FEATURE ? TOO_OLD + "; this run's JDK is " + feature
                        : "the virtual-thread stress wrote no rows for " + s.id()).inGroup("virtual threads"));
                continue;
            }
            Rows.Row lost = here.metric("vt_lost_keys").one();
            long completed = Math.round(here.metric("vt_completed_ops").one().value());
            long put = Math.round(here.metric("vt_keys_put").one().value());
            long failed = Math.round(here.metric("vt_failed_threads").one().value());
            out.attempt(id, () -> out.finding(Finding.count(id, lost.value(), "count", String.format(Locale.ROOT,
                    "%s lost %%.0f of the %d keys that %s virtual threads put at once on JDK %d (%d operations completed, %d threads failed)",
                    s.label(), put, lost.str("virtual_threads"), feature, completed, failed))
                    .where("virtual_threads", lost.str("virtual_threads")).where("ops_per_thread", lost.str("ops_per_thread"))
                    .where("jdk", feature).inGroup("virtual threads")));
        }
    }
}
