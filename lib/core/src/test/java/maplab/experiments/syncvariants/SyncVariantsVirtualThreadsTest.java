package maplab.experiments.syncvariants;

import static org.assertj.core.api.Assertions.assertThat;

import maplab.conclude.Finding;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.plan.Unit;
import org.junit.jupiter.api.Test;

/** The virtual-thread stress concluded from hand-made rows: lost keys per map on JDK 21+, the reason on JDK 17, nothing for older runs. */
class SyncVariantsVirtualThreadsTest {

    static ResultBuilder rows(int jdk, long chmLost, long syncLost) {
        ResultBuilder b = new ResultBuilder();
        b.row().with("part", "virtual_threads").measure("virtual_threads_jdk", jdk, Unit.COUNT);
        if (jdk < 21) return b;
        for (String subject : new String[] {"concurrent_hash_map", "synchronized_map"}) {
            long lost = subject.startsWith("concurrent") ? chmLost : syncLost;
            row(b, subject).measure("vt_completed_ops", 200_000, Unit.COUNT);
            row(b, subject).measure("vt_keys_put", 100_000, Unit.COUNT);
            row(b, subject).measure("vt_lost_keys", lost, Unit.COUNT);
            row(b, subject).measure("vt_failed_threads", 0, Unit.COUNT);
        }
        return b;
    }

    private static ResultBuilder.Row row(ResultBuilder b, String subject) {
        return b.row().with("part", "virtual_threads").with("subject", subject).with("virtual_threads", 10_000).with("ops_per_thread", 20);
    }

    static ResultBuilder conclude(ResultBuilder measured) {
        ResultBuilder out = new ResultBuilder();
        SyncVariantsVirtualThreads.conclude(Rows.fromObjects(measured.rows(), measured.samples()), out);
        return out;
    }

    static Finding finding(ResultBuilder out, String id) {
        return SyncVariantsConcludeTest.finding(out, id);
    }

    @Test
    void onJdk21PlusEachMapsLostKeysAreCounted() {
        ResultBuilder out = conclude(rows(25, 0, 7));
        Finding chm = finding(out, "virtual_threads_chm_lost_keys");
        assertThat(chm.value()).isZero();
        assertThat(chm.high()).isZero();
        assertThat(chm.text()).contains("0 of the 100000 keys").contains("10000 virtual threads").contains("JDK 25").contains("200000 operations");
        assertThat(chm.conditions()).containsEntry("virtual_threads", "10000").containsEntry("jdk", "25");
        assertThat(chm.group()).isEqualTo("virtual threads");
        assertThat(finding(out, "virtual_threads_synchronized_lost_keys").value()).isEqualTo(7);
    }

    @Test
    void onJdk17TheFindingsSayWhyTheyAreNotComputed() {
        ResultBuilder out = conclude(rows(17, 0, 0));
        for (String id : new String[] {"virtual_threads_chm_lost_keys", "virtual_threads_synchronized_lost_keys"}) {
            assertThat(finding(out, id).notComputed()).isTrue();
            assertThat(finding(out, id).text()).contains("virtual threads need JDK 21+ (run with --jdk 25, or install one)").contains("JDK is 17");
        }
    }

    @Test
    void aRunMadeBeforeThisPartHasNoSuchFindings() {
        ResultBuilder measured = new ResultBuilder();
        measured.row().measure("logical_cores", 2, Unit.COUNT);
        assertThat(conclude(measured).findings()).isEmpty();
    }
}
