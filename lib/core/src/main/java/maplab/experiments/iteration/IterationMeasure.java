package maplab.experiments.iteration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import maplab.plan.Params;
import maplab.measure.AsyncSampler;
import maplab.measure.ChildJvm;
import maplab.measure.JfrProfile;
import maplab.measure.Jmh;
import maplab.measure.JmhScore;
import maplab.measure.MeasurementException;
import maplab.conclude.ResultBuilder;
import maplab.plan.Unit;
import maplab.stats.Estimates;
import maplab.subject.iteration.IterationMapKind;
import maplab.subject.iteration.IterationStyle;
import maplab.subject.iteration.MapState;
import maplab.subject.iteration.NodeLayout;
import maplab.measure.IterationLoop;
import maplab.experiments.RunContext;
import static maplab.experiments.iteration.Iteration.ASYNC_PROFILER;
import static maplab.experiments.iteration.Iteration.BENCH;
import static maplab.experiments.iteration.Iteration.JFR;
import static maplab.experiments.iteration.Iteration.LOCALITY_BENCH;
import static maplab.experiments.iteration.Iteration.NONE;
import static maplab.experiments.iteration.Iteration.OFF;
import static maplab.experiments.iteration.Iteration.ON;
import static maplab.experiments.iteration.Iteration.STORED_FRAMES;
import static maplab.experiments.iteration.Iteration.profileSteps;
import static maplab.experiments.iteration.IterationRows.asyncRanStatus;
import static maplab.experiments.iteration.IterationRows.collector;
import static maplab.experiments.iteration.IterationRows.filled;
import static maplab.experiments.iteration.IterationRows.localityDims;
import static maplab.experiments.iteration.IterationRows.profileDims;
import static maplab.experiments.iteration.IterationRows.stateDims;
import static maplab.experiments.iteration.IterationRows.styleDims;
import static maplab.experiments.iteration.IterationRows.withAsync;

/**
 * iteration's measurement ({@link Iteration#measure}): the states, styles and locality JMH runs in
 * alternating rounds, then the profiled JVMs (JFR, and async-profiler beside it); writes rows only.
 */
final class IterationMeasure {

    private IterationMeasure() { }

    /** The JMH parts, in the order of {@link #jmhBatches}. */
    static final List<String> JMH_PARTS = List.of("states", "styles", "locality");

    /**
     * The three JMH batches measured in alternating rounds ({@link Jmh#inRounds}), in the order of
     * {@link #JMH_PARTS}: the states (drained, cleared and remedied maps against fresh ones), the
     * iteration styles, and the node layouts (with the gc profiler). {@link IterationPlan#plan} and
     * {@link #measure} both build them here.
     */
    static List<Jmh> jmhBatches(RunContext ctx) {
        Params p = ctx.params();
        int n = p.getInt("n");
        int k = p.getInt("k");
        int styleSize = p.getInt("style_size");
        String keySeed = String.valueOf(ctx.seed("keys"));
        Jmh statesRun = ctx.jmh(BENCH, "states")
                .param("kind", constants(p, "state_kinds", IterationMapKind::parse)).param("state", constants(p, "states", MapState::parse))
                .param("style", IterationStyle.ENTRYSET)
                .param("n", String.valueOf(n)).param("k", String.valueOf(k)).param("seed", keySeed);
        Jmh stylesRun = ctx.jmh(BENCH, "styles")
                .param("kind", constants(p, "kinds", IterationMapKind::parse)).param("state", MapState.FRESH)
                .param("style", constants(p, "styles", IterationStyle::parse))
                .param("n", String.valueOf(styleSize)).param("k", String.valueOf(styleSize)).param("seed", keySeed);
        // the gc profiler counts the collections in each measured iteration: a collection could move the nodes
        Jmh localityRun = ctx.jmh(LOCALITY_BENCH, "locality").profiler("gc")
                .param("layout", constants(p, "layouts", NodeLayout::parse)).param("n", String.valueOf(p.getInt("locality_n"))).param("seed", keySeed);
        return List.of(statesRun, stylesRun, localityRun);
    }

    /** The values of parameter {@code name} as the constants the benchmarks' enum {@code @Param}s take. */
    private static <E extends Enum<E>> List<E> constants(Params p, String name, java.util.function.Function<String, E> parse) {
        return p.getStrings(name).stream().map(parse).toList();
    }

    static void measure(RunContext ctx) {
        measureJmh(ctx);
        if (ctx.shard().first()) measureProfiles(ctx);   // child JVMs, not JMH rounds: measured once when the run is split into shards
        if (ctx.shard().first()) IterationEvents.measure(ctx);   // in process, once
    }

    /** 1, 2 and 4: drained, cleared and remedied maps against fresh ones; iteration styles; node layouts; in alternating rounds. */
    private static void measureJmh(RunContext ctx) {
        int n = ctx.params().getInt("n");
        int k = ctx.params().getInt("k");
        int styleSize = ctx.params().getInt("style_size");
        ResultBuilder out = ctx.result();
        int localityN = ctx.params().getInt("locality_n");
        List<List<JmhScore>> scores = Jmh.inRounds(jmhBatches(ctx), ctx.random("run-order"));
        for (JmhScore s : scores.get(0)) {
            row(out, stateDims(s.param("kind", IterationMapKind.class).id(), s.param("state", MapState.class), n, k)).measure("iterate_time", s.measured(), Unit.ofJmh(s.unit()));
        }
        for (JmhScore s : scores.get(1)) {
            row(out, styleDims(s.param("kind", IterationMapKind.class).id(), s.param("style", IterationStyle.class).id(), styleSize)).measure("iterate_time", s.measured(), Unit.ofJmh(s.unit()));
        }
        for (JmhScore s : scores.get(2)) {
            Map<String, Object> dims = localityDims(s.param("layout", NodeLayout.class).id(), localityN, collector(s.jvmArgs()));
            row(out, dims).measure("iterate_time", s.measured(), Unit.ofJmh(s.unit()));
            JmhScore.Secondary gc = s.secondary().get("gc.count");
            // JMH reports gc.count only for iterations with a collection: absent means none in any measured iteration
            double collections = gc == null ? 0 : gc.samples().stream().mapToDouble(Estimates.Sample::value).sum();
            row(out, dims).measure("collections_measured", collections, Unit.COUNT);
        }
    }

    /** 3. Where the CPU goes: JFR (and async-profiler) in forked JVMs; the counts are stored, the tables and shares are concluded. */
    private static void measureProfiles(RunContext ctx) {
        int n = ctx.params().getInt("n");
        int k = ctx.params().getInt("k");
        long keySeed = ctx.seed("keys");
        ResultBuilder out = ctx.result();
        MapState profiled = MapState.parse(ctx.params().getString("profiled_state"));
        int filled = filled(profiled, n, k);
        int jvms = ctx.params().getInt("profile_jvms");
        List<String> modes = ctx.params().getStrings("debug_nonsafepoints");
        boolean async = ctx.params().getString("second_profiler").equals(ASYNC_PROFILER);
        ctx.progress().addSteps(profileSteps(jvms, modes.size()));
        for (int jvm = 0; jvm < jvms; jvm++) {
            for (String mode : modes) {
                boolean withAsync = withAsync(async, mode);
                Recorded r = profile(ctx, profiled, n, k, keySeed, jvm, mode.equals(ON), withAsync);
                storeProfile(out, r.jfr(), JFR, mode, profiled, k, filled, jvm, "ran");
                if (withAsync) {
                    if (r.async() != null) storeProfile(out, r.async(), ASYNC_PROFILER, mode, profiled, k, filled, jvm, asyncRanStatus());
                    else row(out, profileDims(profiled, k, filled, jvm, ASYNC_PROFILER, mode)).with("status", r.asyncStatus()).measure("profiler_ran", 0, Unit.COUNT);
                }
            }
        }
    }

    /** A row with these dimensions, in their order. */
    private static ResultBuilder.Row row(ResultBuilder out, Map<String, Object> dims) {
        ResultBuilder.Row row = out.row();
        dims.forEach(row::with);
        return row;
    }

    private static void storeProfile(ResultBuilder out, JfrProfile profile, String profiler, String mode, MapState state, int k, int filled, int jvm, String status) {
        Map<String, Object> dims = profileDims(state, k, filled, jvm, profiler, mode);
        row(out, dims).with("status", status).measure("profiler_ran", 1, Unit.COUNT);
        row(out, dims).measure("samples", profile.samples(), Unit.COUNT);
        row(out, dims).measure("iterator_samples", Math.round(profile.topFrameShare(IterationMeasure::isIteratorFrame) * profile.samples()), Unit.COUNT);
        for (JfrProfile.FrameCount f : profile.topFrames(STORED_FRAMES)) {
            row(out, dims).with("method", f.method()).measure("self_samples", f.self(), Unit.COUNT);
            row(out, dims).with("method", f.method()).measure("total_samples", f.total(), Unit.COUNT);
        }
    }

    /** One profiled JVM: JFR's samples, async-profiler's (null when it did not run) and what the loop said about it. */
    record Recorded(JfrProfile jfr, JfrProfile async, String asyncStatus) { }

    /**
     * Runs {@link IterationLoop} on a HashMap in {@code state} under JFR (and async-profiler when
     * {@code withAsync}) in forked JVM number {@code jvm}, with or without
     * {@code -XX:+DebugNonSafepoints}, and reads the samples.
     */
    private static Recorded profile(RunContext ctx, MapState state, int n, int k, long keySeed, int jvm, boolean debugNonSafepoints, boolean withAsync) {
        int warmupMs = ctx.params().getInt("profile_warmup_ms");
        int recordMs = ctx.params().getInt("profile_record_ms");
        int periodMs = 1;
        Path dir = ctx.workDir().resolve("jfr");
        String suffix = (debugNonSafepoints ? "" : "-nodebug") + (jvm == 0 ? "" : "-" + jvm);
        Path jfr = dir.resolve("iteration-" + state.id() + suffix + ".jfr");
        Path collapsed = dir.resolve("iteration-" + state.id() + suffix + "-async.collapsed");
        List<String> jvmArgs = new ArrayList<>(Jmh.Settings.DEFAULT_JVM_ARGS);
        // on: attribute samples to the exact (inlined) method, not the nearest safepoint's debug information
        if (debugNonSafepoints) jvmArgs.addAll(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints"));
        List<String> args = new ArrayList<>(List.of(IterationMapKind.HASHMAP.id(), state.id(), IterationStyle.ENTRYSET.id(), String.valueOf(n), String.valueOf(k),
                String.valueOf(keySeed), String.valueOf(warmupMs), String.valueOf(recordMs), String.valueOf(periodMs), jfr.toString()));
        if (withAsync) args.add(collapsed.toString());
        ctx.progress().step("JFR profile " + (jvm + 1) + " (DebugNonSafepoints " + (debugNonSafepoints ? ON : OFF) + (withAsync ? ", with async-profiler" : "")
                + ") of the entrySet loop over a " + state.label() + " HashMap (" + (warmupMs + recordMs) / 1000.0 + " s)");
        ctx.result().note("jfr", profileNote(ctx, state, args, periodMs, dir));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new MeasurementException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        ChildJvm.Output output = ctx.childJvm().run(IterationLoop.class, jvmArgs, args, Duration.ofMillis(warmupMs + recordMs + 60_000L));
        writeLog(dir.resolve("iteration-loop" + suffix + ".log"), output);
        JfrProfile profile = JfrProfile.read(jfr);
        if (profile.samples() == 0) throw new MeasurementException("the JFR recording " + jfr + " has no execution samples; the loop said: " + output.stdout().strip());
        if (!withAsync) return new Recorded(profile, null, "");
        String said = output.stdout().lines().filter(l -> l.startsWith(IterationLoop.ASYNC_UNAVAILABLE)).findFirst().orElse("");
        if (!said.isEmpty()) return new Recorded(profile, null, said);
        JfrProfile async = AsyncSampler.readCollapsed(collapsed, "main");
        if (async.samples() == 0) return new Recorded(profile, null, "async-profiler ran but took no sample of the loop's thread");
        return new Recorded(profile, async, "ran");
    }

    /** The run's "jfr" note: how the profiled JVMs were started and where their recordings are. */
    private static Map<String, Object> profileNote(RunContext ctx, MapState state, List<String> args, int periodMs, Path dir) {
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("main_class", IterationLoop.class.getName());
        note.put("jvm_args", Jmh.Settings.DEFAULT_JVM_ARGS);
        note.put("debug_nonsafepoints", ctx.params().getStrings("debug_nonsafepoints"));
        note.put("debug_nonsafepoints_flags", List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints"));
        note.put("args", args.subList(0, 9));
        note.put("sample_period_ms", periodMs);
        note.put("recording", dir.getFileName().resolve("iteration-" + state.id() + "[-nodebug][-JVM].jfr").toString());
        note.put("jvms", ctx.params().getInt("profile_jvms"));
        note.put("second_profiler", ctx.params().getString("second_profiler").equals(ASYNC_PROFILER)
                ? "async-profiler, " + AsyncSampler.EVENT + " mode, same window as JFR, in the DebugNonSafepoints JVMs" : NONE);
        return note;
    }

    private static void writeLog(Path log, ChildJvm.Output output) {
        try {
            Files.writeString(log, output.stdout() + output.stderr());
        } catch (IOException e) {
            throw new MeasurementException("cannot write " + log + ": " + e.getMessage(), e);
        }
    }

    /** A frame is an iterator's when its class is an Iterator or Spliterator implementation (HashMap$HashIterator, fastutil's MapIterator...). */
    static boolean isIteratorFrame(String method) {
        String type = method.substring(0, method.lastIndexOf('.'));
        String simple = type.substring(type.lastIndexOf('.') + 1);
        return simple.contains("Iterator");
    }

    /** iterator, map (the rest of java.util and fastutil), user (maplab's loop), or jdk/other. */
    static String category(String method) {
        if (isIteratorFrame(method)) return "iterator";
        if (method.startsWith("java.util.") || method.startsWith("it.unimi.dsi.fastutil.")) return "map";
        if (method.startsWith("maplab.")) return "user";
        if (method.startsWith("java.") || method.startsWith("jdk.")) return "jdk";
        return "other";
    }
}
