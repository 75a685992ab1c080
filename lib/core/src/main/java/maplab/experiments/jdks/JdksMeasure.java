package maplab.experiments.jdks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import maplab.plan.Params;
import maplab.measure.Jmh;
import maplab.measure.JmhScore;
import maplab.measure.ChildJvm;
import maplab.measure.TargetJvm;
import maplab.measure.Measured;
import maplab.conclude.ResultBuilder;
import maplab.plan.Unit;
import maplab.stats.Estimates;
import maplab.subject.concurrent.SharedMapType;
import maplab.subject.jdk.MapConstructor;
import maplab.subject.keys.KeyedMapKind;
import maplab.subject.putget.PutGetMapKind;
import maplab.measure.MapFootprints;
import maplab.experiments.RunContext;
import maplab.experiments.jdks.Jdks.Cell;
import maplab.experiments.jdks.Jdks.Role;
import static maplab.experiments.jdks.Jdks.jvms;
import static maplab.experiments.jdks.Jdks.timedCells;

/**
 * jdks' measurement ({@link Jdks#measure}): bytes per entry on every JVM, then every timed cell on
 * every JVM in alternating rounds; writes rows only.
 */
final class JdksMeasure {

    private JdksMeasure() { }

    static void measure(RunContext ctx) throws InterruptedException {
        Params p = ctx.params();
        Map<Role, TargetJvm> jvms = jvms(p);
        ResultBuilder out = ctx.result();
        Map<String, Object> described = new LinkedHashMap<>();
        jvms.forEach((role, jvm) -> described.put(role.id(), jvm.asMap()));
        out.note("jvms", described);
        int n = p.getInt("n");
        long keySeed = ctx.seed("keys");
        if (ctx.shard().first()) footprints(ctx, jvms, n, keySeed);   // child JVMs, not JMH rounds: measured once when the run is split into shards
        timings(ctx, jvms, n, keySeed);
    }

    /** Bytes per entry (JOL and heap readings) of the memory subjects on each JVM, each in a child JVM. */
    private static void footprints(RunContext ctx, Map<Role, TargetJvm> jvms, int n, long keySeed) throws InterruptedException {
        Params p = ctx.params();
        ResultBuilder out = ctx.result();
        List<KeyedMapKind> subjects = p.getStrings("memory_subjects").stream().map(KeyedMapKind::parse).toList();
        ctx.progress().addSteps(jvms.size());
        Map<String, Object> jolVm = new LinkedHashMap<>();
        for (Map.Entry<Role, TargetJvm> e : jvms.entrySet()) {
            ctx.checkInterrupted();
            ctx.progress().step("JOL and heap readings on " + e.getValue().label());
            MapFootprints.Measurement m = MapFootprints.measure(ChildJvm.of(ctx.forks().on(e.getValue())), subjects, n, keySeed,
                    p.getInt("heap_repeats"), Duration.ofMinutes(10));
            jolVm.put(e.getKey().id(), m.jolVm());
            for (MapFootprints.Footprint f : m.footprints()) memoryRows(out, e.getKey(), e.getValue(), f);
        }
        out.note("jol_vm", jolVm);
    }

    private static void memoryRows(ResultBuilder out, Role role, TargetJvm jvm, MapFootprints.Footprint f) {
        Object[][] counts = {{"bytes_per_entry", f.jolBytesPerEntry()}, {"new_bytes_per_entry", f.jolNewBytesPerEntry()}};
        for (Object[] c : counts) {
            out.row().with("part", "memory").with("jvm", role.id()).with("jdk", jvm.feature()).with("options", String.join(" ", jvm.options()))
                    .with("subject", f.kind().id()).with("n_keys", f.n()).measure((String) c[0], (Double) c[1], Unit.BYTES_PER_ENTRY);
        }
        out.row().with("part", "memory").with("jvm", role.id()).with("jdk", jvm.feature()).with("options", String.join(" ", jvm.options()))
                .with("subject", f.kind().id()).with("n_keys", f.n()).measure("shared_objects", (double) f.shared(), Unit.COUNT);
        List<Estimates.Sample> samples = new ArrayList<>();
        for (int r = 0; r < f.heapDeltas().length; r++) samples.add(new Estimates.Sample(r, 0, f.heapDeltas()[r] / (double) f.n()));
        out.row().with("part", "memory").with("jvm", role.id()).with("jdk", jvm.feature()).with("options", String.join(" ", jvm.options()))
                .with("subject", f.kind().id()).with("n_keys", f.n()).measure("heap_bytes_per_entry", Measured.of(samples), Unit.BYTES_PER_ENTRY);
    }

    /** One JMH batch: a timed cell on one JVM. */
    record Batch(Cell cell, Role role, Jmh jmh) { }

    /** Every timed cell on every JVM: one batch per cell and JVM, cells in the order of the parameter, JVMs in role order. */
    static List<Batch> timedBatches(RunContext ctx, Map<Role, TargetJvm> jvms, int n, long keySeed) {
        List<Batch> out = new ArrayList<>();
        for (Cell c : timedCells(ctx.params())) {
            for (Map.Entry<Role, TargetJvm> e : jvms.entrySet()) {
                Jmh j = ctx.jmh(c.bench, "time").on(e.getValue()).mode(c.mode).param("seed", String.valueOf(keySeed));
                switch (c) {
                    case LOOKUP -> j.param("subject", KeyedMapKind.HASHMAP_INTEGER).param("n", String.valueOf(n));
                    case PRESIZE -> j.param("constructor", MapConstructor.HASHMAP_DEFAULT).param("n", String.valueOf(n)).timeUnit(java.util.concurrent.TimeUnit.MICROSECONDS);
                    case SYNC -> j.param("subject", SharedMapType.CONCURRENT_HASH_MAP).param("readPct", "95").param("keys", String.valueOf(n)).threads(2);
                    case GC_FILL -> j.param("subject", PutGetMapKind.HASHMAP).param("n", String.valueOf(n)).profiler("gc").timeUnit(java.util.concurrent.TimeUnit.MICROSECONDS);
                }
                out.add(new Batch(c, e.getKey(), j));
            }
        }
        return out;
    }

    /** Every timed cell on every JVM, in alternating rounds (one batch per cell and JVM). */
    private static void timings(RunContext ctx, Map<Role, TargetJvm> jvms, int n, long keySeed) {
        List<Batch> batches = timedBatches(ctx, jvms, n, keySeed);
        if (batches.isEmpty()) return;
        List<List<JmhScore>> results = Jmh.inRounds(batches.stream().map(Batch::jmh).toList(), ctx.random("run-order"));
        for (int i = 0; i < batches.size(); i++) {
            Cell c = batches.get(i).cell();
            Role role = batches.get(i).role();
            TargetJvm jvm = jvms.get(role);
            for (JmhScore s : results.get(i)) {
                ctx.result().row().with("part", "time").with("jvm", role.id()).with("jdk", jvm.feature())
                        .with("options", String.join(" ", jvm.options())).with("subject", c.id).with("n_keys", n)
                        .measure(c.metric(), s.measured(), Unit.ofJmh(s.unit()));
                if (c == Cell.GC_FILL) {
                    ctx.result().row().with("part", "time").with("jvm", role.id()).with("jdk", jvm.feature())
                            .with("options", String.join(" ", jvm.options())).with("subject", c.id).with("n_keys", n)
                            .measure("alloc_per_put", s.secondary("gc.alloc.rate.norm").scaled(1.0 / n), Unit.BYTES_PER_OP);
                }
            }
        }
    }
}
