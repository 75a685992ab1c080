package maplab.experiments.jdks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import maplab.plan.Params;
import maplab.plan.Profile;
import maplab.run.RunData;
import maplab.conclude.Finding;
import maplab.measure.Measured;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.plan.Unit;
import maplab.stats.Estimates.Sample;
import org.junit.jupiter.api.Test;

/** jdks' conclusions from hand-made rows, without JMH or other JDKs: bytes saved, JOL vs heap, paired time ratios. */
class JdksConcludeTest {

    static final int N = 20_000;
    static final String[][] JVMS = {{"base", "17", ""}, {"new", "25", ""}, {"new_coh", "25", "-XX:+UseCompactObjectHeaders"}};

    private static Measured forks(double... forkMeans) {
        List<Sample> samples = new ArrayList<>();
        for (int f = 0; f < forkMeans.length; f++) {
            samples.add(new Sample(f, 0, forkMeans[f] * 0.995));
            samples.add(new Sample(f, 1, forkMeans[f] * 1.005));
        }
        return Measured.of(samples);
    }

    private static Measured readings(double... values) {
        List<Sample> samples = new ArrayList<>();
        for (int r = 0; r < values.length; r++) samples.add(new Sample(r, 0, values[r]));
        return Measured.of(samples);
    }

    /** jol and heap per JVM for hashmap_integer (JOL includes 2048 B of shared boxes, i.e. 0.1024 B/entry); lookup times per JVM. */
    private static ResultBuilder rows(double[] jol, Measured[] heap, Measured[] lookup) {
        ResultBuilder b = new ResultBuilder();
        for (int i = 0; i < JVMS.length; i++) {
            String[] j = JVMS[i];
            b.row().with("part", "memory").with("jvm", j[0]).with("jdk", j[1]).with("options", j[2]).with("subject", "hashmap_integer").with("n_keys", N)
                    .measure("bytes_per_entry", jol[i], Unit.BYTES_PER_ENTRY);
            b.row().with("part", "memory").with("jvm", j[0]).with("jdk", j[1]).with("options", j[2]).with("subject", "hashmap_integer").with("n_keys", N)
                    .measure("new_bytes_per_entry", jol[i] - 2048.0 / N, Unit.BYTES_PER_ENTRY);
            b.row().with("part", "memory").with("jvm", j[0]).with("jdk", j[1]).with("options", j[2]).with("subject", "hashmap_integer").with("n_keys", N)
                    .measure("heap_bytes_per_entry", heap[i], Unit.BYTES_PER_ENTRY);
            b.row().with("part", "time").with("jvm", j[0]).with("jdk", j[1]).with("options", j[2]).with("subject", "lookup").with("n_keys", N)
                    .measure("time", lookup[i], Unit.NS_PER_OP);
        }
        return b;
    }

    private static Map<String, Finding> conclude(ResultBuilder rows) {
        Jdks jdks = new Jdks();
        RunData data = new RunData("jdks", Profile.QUICK, Params.resolve(jdks, Profile.QUICK, Map.of()), Rows.fromObjects(rows.rows(), rows.samples()));
        ResultBuilder out = new ResultBuilder();
        jdks.conclude(data, out);
        assertThat(out.tables()).isNotEmpty();
        Map<String, Finding> f = new HashMap<>();
        out.findings().forEach(x -> f.put(x.id(), x));
        return f;
    }

    @Test
    void compactHeadersSaveTheBytesJolCountsAndTheHeapAgrees() {
        double[] jol = {141.008, 141.008, 125.008};
        double own17 = 141.008 - 0.1024, ownCoh = 125.008 - 0.1024;
        Map<String, Finding> f = conclude(rows(jol,
                new Measured[] {readings(own17, own17, own17), readings(own17, own17, own17), readings(ownCoh, ownCoh, ownCoh)},
                new Measured[] {forks(20, 21, 19.5, 20.5), forks(20.2, 20.8, 19.6, 20.4), forks(20.1, 20.9, 19.4, 20.6)}));
        Finding saved = f.get("compact_headers_bytes_saved_hashmap_integer");
        assertThat(saved.value()).isCloseTo(16.0, within(1e-9));
        assertThat(saved.basis()).isEqualTo(Finding.Basis.COUNT);
        assertThat(saved.conditions()).containsEntry("new_jdk", "25").containsEntry("n_keys", String.valueOf(N));
        assertThat(f.get("new_jdk_bytes_saved_hashmap_integer").value()).isCloseTo(0.0, within(1e-9));
        Finding heapSaved = f.get("compact_headers_heap_bytes_saved_hashmap_integer");
        assertThat(heapSaved.value()).isCloseTo(16.0, within(1e-9));
        assertThat(heapSaved.verdict()).isEqualTo(Finding.Verdict.HIGHER);
        // JOL without shared boxes equals the heap growth exactly: no detectable difference, on every JVM
        assertThat(f.get("jol_minus_heap_new_coh_hashmap_integer").verdict()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);
        assertThat(f.get("jol_minus_heap_new_coh_hashmap_integer").value()).isCloseTo(0.0, within(1e-9));
        // lookups vary alike on every JVM: no detectable difference (the data do not support one)
        assertThat(f.get("new_vs_base_jdk_lookup").verdict()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);
        assertThat(f.get("compact_headers_vs_default_lookup").verdict()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);
    }

    @Test
    void aJolMiscountUnderCompactHeadersIsCaughtByTheHeapAndAFasterJdkIsCalled() {
        // JOL still says 141 B/entry under compact headers (as if it assumed 12-byte headers) while the heap grew by 125
        double[] jol = {141.008, 141.008, 141.008};
        double own = 141.008 - 0.1024, heapCoh = 125.008 - 0.1024;
        Map<String, Finding> f = conclude(rows(jol,
                new Measured[] {readings(own, own, own), readings(own, own, own), readings(heapCoh, heapCoh + 0.01, heapCoh - 0.01)},
                new Measured[] {forks(30, 31, 29.5, 30.5), forks(20.2, 20.8, 19.6, 20.4), forks(20.1, 20.9, 19.4, 20.6)}));
        Finding jolVsHeap = f.get("jol_minus_heap_new_coh_hashmap_integer");
        assertThat(jolVsHeap.verdict()).isEqualTo(Finding.Verdict.HIGHER);
        assertThat(jolVsHeap.value()).isCloseTo(16.0, within(0.01));
        assertThat(f.get("compact_headers_bytes_saved_hashmap_integer").value()).isCloseTo(0.0, within(1e-9));
        Finding faster = f.get("new_vs_base_jdk_lookup");
        assertThat(faster.verdict()).isEqualTo(Finding.Verdict.LOWER);
        assertThat(faster.high()).isLessThan(1.0);
        assertThat(faster.basis()).isEqualTo(Finding.Basis.TIMING);
    }

    @Test
    void theNewJdkMustDifferFromTheBaseAndBeInstalled() {
        Jdks jdks = new Jdks();
        assertThatThrownBy(() -> jdks.validate(Params.resolve(jdks, Profile.QUICK, Map.of("base_jdk", "25"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parameter 'new_jdk': must differ");
        assertThatThrownBy(() -> jdks.validate(Params.resolve(jdks, Profile.QUICK, Map.of("new_jdk", "98"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("parameter 'new_jdk': jdk: no installed JDK 98 found");
    }
}
