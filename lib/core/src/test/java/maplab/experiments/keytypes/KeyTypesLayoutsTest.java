package maplab.experiments.keytypes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import maplab.conclude.Finding;
import maplab.conclude.ResultBuilder;
import maplab.measure.KeyFieldLayouts;
import maplab.measure.Rows;
import maplab.plan.Unit;
import org.junit.jupiter.api.Test;

/** key-types' key field layouts: JOL's bytes by layout, and the exact byte ratios from hand-made rows. */
class KeyTypesLayoutsTest {

    private static Map<String, Finding> conclude(double padded, double packed, double boxed) {
        ResultBuilder b = new ResultBuilder();
        Map<String, Double> bytes = Map.of(KeyFieldLayouts.PADDED, padded, KeyFieldLayouts.PACKED, packed, KeyFieldLayouts.BOXED, boxed);
        bytes.forEach((layout, v) -> b.row().with("part", "layout").with("subject", layout).with("key_type", "").with("variant", "")
                .with("n_keys", 10000).measure("bytes_per_entry", v, Unit.BYTES_PER_ENTRY));
        ResultBuilder out = new ResultBuilder();
        KeyTypesLayouts.conclude(Rows.fromObjects(b.rows(), b.samples()), out);
        Map<String, Finding> byId = new LinkedHashMap<>();
        out.findings().forEach(f -> byId.put(f.id(), f));
        assertThat(out.tables()).containsKey("key layouts");
        return byId;
    }

    @Test
    void equalBytesAreNoDetectableDifferenceAndMoreBytesAreHigher() {
        Map<String, Finding> same = conclude(64, 64, 104);
        assertThat(same.get("padded_vs_packed_key_bytes").verdict()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);
        assertThat(same.get("padded_vs_packed_key_bytes").value()).isEqualTo(1.0);
        assertThat(same.get("padded_vs_packed_key_bytes").basis()).isEqualTo(Finding.Basis.COUNT);
        assertThat(same.get("boxed_vs_primitive_key_bytes").verdict()).isEqualTo(Finding.Verdict.HIGHER);
        assertThat(same.get("boxed_vs_primitive_key_bytes").value()).isEqualTo(104 / 64.0);
        assertThat(same.get("boxed_vs_primitive_key_bytes").low()).isEqualTo(104 / 64.0);

        Map<String, Finding> padded = conclude(72, 64, 104);   // a layout that kept declaration order would pay 8 bytes
        assertThat(padded.get("padded_vs_packed_key_bytes").verdict()).isEqualTo(Finding.Verdict.HIGHER);
        assertThat(padded.get("padded_vs_packed_key_bytes").text()).contains("more bytes");
    }

    @Test
    void jolSeesTheBoxesButHotSpotPacksTheFieldsInEitherOrder() {
        Map<String, Double> bytes = KeyFieldLayouts.bytesPerEntry(1000);
        assertThat(bytes.get(KeyFieldLayouts.BOXED)).isGreaterThan(bytes.get(KeyFieldLayouts.PADDED) + 16);
        assertThat(bytes.get(KeyFieldLayouts.PADDED)).as("HotSpot orders fields itself").isEqualTo(bytes.get(KeyFieldLayouts.PACKED));
    }
}
