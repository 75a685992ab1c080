package maplab.experiments.merge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import maplab.conclude.Finding;
import maplab.conclude.ResultBuilder;
import maplab.experiments.RunContext;
import maplab.measure.ChildJvm;
import maplab.measure.JfrProfile;
import maplab.measure.Jmh;
import maplab.measure.MeasurementException;
import maplab.measure.ReinsertLoop;
import maplab.measure.Rows;
import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.plan.Unit;
import maplab.stats.Estimates;
import maplab.subject.merge.ReinsertTarget;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Is the quadratic merge's hotspot visible in a profiler? The same-hash re-insert
 * ({@link ReinsertTarget#SAME_HASH}, at {@code profile_n} keys) runs over and over in a forked
 * JVM under JFR ({@link ReinsertLoop}, {@code jdk.ExecutionSample} every millisecond, with
 * {@code -XX:+DebugNonSafepoints} so samples land on the inlined method itself); measure stores
 * the sample count, the samples whose top frame is a probe loop ({@link #HOTSPOT}) and the
 * hottest frames; conclude gives {@code quadratic_merge_hotspot_share} with its Wilson interval
 * and the top-frames table.
 */
final class MergeProfile {

    private MergeProfile() { }

    /**
     * The hotspot: LongProbeMap's two linear-probing loops, which walk the pile-up: {@code locate}
     * on every insert, and {@code grow}'s own loop as each doubling re-inserts the piled-up keys.
     */
    static final List<String> HOTSPOT = List.of("maplab.subject.probe.LongProbeMap.locate", "maplab.subject.probe.LongProbeMap.grow");
    static final String SHARE = "quadratic_merge_hotspot_share";
    /** Hottest frames stored per profile (self samples). */
    static final int STORED_FRAMES = 10;
    /** Not recorded: the JIT compiles the loop first. */
    static final int WARMUP_MS = 500;
    private static final int PERIOD_MS = 1;
    /** Rough seconds to start the profiled JVM, build the source and read the recording. */
    private static final double JVM_SECONDS = 2.0;

    static Map<String, Object> dims(int n) {
        return Plan.dims("part", "profile", "variant", ReinsertTarget.SAME_HASH.id(), "n_keys", n);
    }

    /** The plan: one profiled JVM and its counts (synthetic: 900 of 1000 samples on the hotspot); the finding is noted, not promised. */
    static void plan(Plan.Builder plan, Params p) {
        int n = p.getInt("profile_n");
        plan.step("JFR profile of the same-hash merge", 1, JVM_SECONDS + (WARMUP_MS + p.getInt("profile_record_ms")) / 1000.0);
        plan.count(dims(n), "samples", Unit.COUNT, 1000);
        plan.count(dims(n), "hotspot_samples", Unit.COUNT, 900);
        Map<String, Object> frame = new LinkedHashMap<>(dims(n));
        frame.put("method", HOTSPOT.get(0));
        plan.optional(true).varying("method");   // the hottest frames, whichever the JIT made hottest
        plan.count(frame, "self_samples", Unit.COUNT, 900);
        plan.optional(false).varying();
        plan.note(SHARE + " is concluded from this plan's rows but not promised: runs stored before it was measured (the references) leave it out");
    }

    /** Profiles the same-hash merge in a forked JVM under JFR and stores the counts (rows only). */
    static void measure(RunContext ctx, ResultBuilder out) {
        Params p = ctx.params();
        int n = p.getInt("profile_n");
        int recordMs = p.getInt("profile_record_ms");
        Path dir = ctx.workDir().resolve("jfr");
        Path jfr = dir.resolve("merge-same-hash.jfr");
        List<String> jvmArgs = new ArrayList<>(Jmh.Settings.DEFAULT_JVM_ARGS);
        jvmArgs.addAll(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints"));
        List<String> args = List.of(ReinsertTarget.SAME_HASH.id(), String.valueOf(n), String.valueOf(ctx.seed("trap-keys")),
                String.valueOf(ctx.seed("trap-source-map")), String.valueOf(ctx.seed("trap-target-map")),
                String.valueOf(WARMUP_MS), String.valueOf(recordMs), String.valueOf(PERIOD_MS), jfr.toString());
        ctx.progress().addSteps(1);
        ctx.progress().step("JFR profile of the same-hash merge of " + n + " keys (" + (WARMUP_MS + recordMs) / 1000.0 + " s)");
        out.note("merge_jfr", Map.of("main_class", ReinsertLoop.class.getName(), "jvm_args", jvmArgs, "args", args.subList(0, 8),
                "recording", dir.getFileName().resolve(jfr.getFileName()).toString()));
        try {
            Files.createDirectories(dir);
            ChildJvm.Output said = ctx.childJvm().run(ReinsertLoop.class, jvmArgs, args, Duration.ofMillis(WARMUP_MS + recordMs + 60_000L));
            Files.writeString(dir.resolve("merge-same-hash.log"), said.stdout() + said.stderr());
        } catch (IOException e) {
            throw new MeasurementException("cannot write in " + dir + ": " + e.getMessage(), e);
        }
        JfrProfile profile = JfrProfile.read(jfr);
        if (profile.samples() == 0) throw new MeasurementException("the JFR recording " + jfr + " has no execution samples");
        row(out, dims(n)).measure("samples", profile.samples(), Unit.COUNT);
        row(out, dims(n)).measure("hotspot_samples", Math.round(profile.topFrameShare(HOTSPOT::contains) * profile.samples()), Unit.COUNT);
        for (JfrProfile.FrameCount f : profile.topFrames(STORED_FRAMES)) {
            row(out, dims(n)).with("method", f.method()).measure("self_samples", f.self(), Unit.COUNT);
        }
    }

    private static ResultBuilder.Row row(ResultBuilder out, Map<String, Object> dims) {
        ResultBuilder.Row row = out.row();
        dims.forEach(row::with);
        return row;
    }

    /**
     * {@code quadratic_merge_hotspot_share}: the share of samples with the probe loop on top, with
     * the Wilson interval (one JVM: sampling error only), compared with one half (does the
     * hotspot hold most of the samples?); and the top-frames table. Runs before the profile: absent.
     */
    static void conclude(Rows rows, ResultBuilder out) {
        Rows profile = rows.where("part", "profile");
        if (profile.metric("samples").isEmpty()) return;
        Rows.Row samples = profile.metric("samples").one();
        long n = Math.round(samples.value());
        long hot = Math.round(profile.metric("hotspot_samples").one().value());
        out.attempt(SHARE, () -> out.finding(Finding.versus(SHARE, Estimates.wilson(hot, n), 0.5, "fraction", Finding.Basis.TIMING,
                "A share of %.3f of " + n + " JFR execution samples (" + hot + ") of the same-hash merge of " + samples.str("n_keys")
                        + " keys had a probe loop (" + String.join(" or ", HOTSPOT) + ") on top, against one half; one JVM, Wilson interval (sampling error only)")
                .where("n_keys", samples.str("n_keys"))));
        out.table("merge profile", topFrames(profile.metric("self_samples"), n));
    }

    private static Table topFrames(Rows frames, long samples) {
        StringColumn method = StringColumn.create("method");
        LongColumn self = LongColumn.create("self samples");
        DoubleColumn share = DoubleColumn.create("self share");
        for (Rows.Row r : frames) {
            method.append(r.str("method"));
            self.append(Math.round(r.value()));
            share.append(r.value() / samples);
        }
        return Table.create("merge profile", method, self, share);
    }
}
