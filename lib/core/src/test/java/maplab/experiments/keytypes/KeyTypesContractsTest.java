package maplab.experiments.keytypes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import maplab.claims.Claim;
import maplab.claims.Judge;
import maplab.claims.Status;
import maplab.conclude.Finding;
import maplab.conclude.ResultBuilder;
import maplab.measure.MapContracts;
import maplab.measure.Rows;
import maplab.plan.Unit;
import org.junit.jupiter.api.Test;

/** key-types' null-value and read-only map counts: the JDK's behaviour counted, and the findings from hand-made rows. */
class KeyTypesContractsTest {

    private static Map<String, Finding> conclude(ResultBuilder rows) {
        ResultBuilder out = new ResultBuilder();
        KeyTypesContracts.conclude(Rows.fromObjects(rows.rows(), rows.samples()), out);
        Map<String, Finding> byId = new LinkedHashMap<>();
        out.findings().forEach(f -> byId.put(f.id(), f));
        return byId;
    }

    private static Status judged(String finding, Claim.Prediction p, double than, Finding f) {
        return Judge.status(new Claim.Test("key-types", finding, p, than), f);
    }

    @Test
    void theJdkMapsKeepANullValuedKeyOrRefuseTheNull() {
        Map<String, MapContracts.NullValue> byMap = new LinkedHashMap<>();
        MapContracts.nullValues().forEach(v -> byMap.put(v.map(), v));
        MapContracts.NullValue hashMap = byMap.get("HashMap");
        assertThat(hashMap.containsAfterPutNull()).isTrue();
        assertThat(hashMap.sizeAfterPutNull()).isEqualTo(2);
        assertThat(hashMap.defaultAfterPutNull()).as("getOrDefault returns the stored null, not the default").isFalse();
        assertThat(hashMap.containsAfterRemove()).isFalse();
        assertThat(hashMap.sizeAfterRemove()).isEqualTo(1);
        assertThat(byMap.get("ConcurrentHashMap").putNullThrew()).isTrue();
        assertThat(byMap.get("Hashtable").putNullThrew()).isTrue();
        assertThat(byMap.get("TreeMap").containsAfterPutNull()).isTrue();
    }

    @Test
    void readOnlyMapsReadAndRefuseWritesWhileANullReferenceThrowsOnReads() {
        Map<String, MapContracts.ReadOnly> byMap = new LinkedHashMap<>();
        MapContracts.readOnly().forEach(r -> byMap.put(r.map(), r));
        for (String m : List.of("Map.of(a, b, c)", "Map.of()", "Map.copyOf", "Collections.unmodifiableMap")) {
            assertThat(byMap.get(m).readsThrown()).as(m).isZero();
            assertThat(byMap.get(m).writesUnsupported()).as(m).isEqualTo(MapContracts.WRITES);
        }
        assertThat(byMap.get("Collections.emptyMap").putUnsupported()).isTrue();
        assertThat(byMap.get("Collections.emptyMap").writesThrown()).as("remove and clear of nothing do not throw").isLessThan(MapContracts.WRITES);
        assertThat(byMap.get(MapContracts.NULL_REFERENCE).readsThrown()).isEqualTo(MapContracts.READS);
    }

    private static void nullRow(ResultBuilder b, String map, int throwsFlag, int contains, int size) {
        int[] values = {throwsFlag, contains, size, 0, 0, 1};
        for (int i = 0; i < values.length; i++) {
            b.row().with("part", "null_values").with("subject", map).with("key_type", "").with("variant", "").with("n_keys", 2)
                    .measure(KeyTypesContracts.NULL_METRICS.get(i), values[i], Unit.COUNT);
        }
    }

    private static void readOnlyRow(ResultBuilder b, String map, int entries, int readsThrown, int putUnsupported) {
        int[] values = {readsThrown, 5, putUnsupported * 5, putUnsupported};
        for (int i = 0; i < values.length; i++) {
            b.row().with("part", "read_only").with("subject", map).with("key_type", "").with("variant", "").with("n_keys", entries)
                    .measure(KeyTypesContracts.READ_ONLY_METRICS.get(i), values[i], Unit.COUNT);
        }
    }

    @Test
    void nullValueFindingsCountTheMapsThatKeptTheKeyAndTheClaimFollowsThem() {
        ResultBuilder b = new ResultBuilder();
        nullRow(b, "HashMap", 0, 1, 2);
        nullRow(b, "TreeMap", 0, 1, 2);
        nullRow(b, "ConcurrentHashMap", 1, 1, 2);   // refused the null: the old value stays
        Map<String, Finding> f = conclude(b);

        assertThat(f.get("put_null_keeps_key_maps").value()).as("the refusing map keeps its old value: not counted").isEqualTo(2);
        assertThat(f.get("put_null_keeps_key_maps").basis()).isEqualTo(Finding.Basis.COUNT);
        assertThat(f.get("put_null_keeps_key_maps").text()).contains("2 of the 2 maps that accept null values (1 of 3 maps refused it)");
        assertThat(f.get("put_null_refused_maps").value()).isEqualTo(1);
        assertThat(f.get("put_null_refused_maps").text()).contains("(ConcurrentHashMap)");
        assertThat(judged("put_null_keeps_key_maps", Claim.Prediction.AT_LEAST, 1, f.get("put_null_keeps_key_maps"))).isEqualTo(Status.HOLDS);

        ResultBuilder deleting = new ResultBuilder();   // a map where a null value deleted the key: the claim's opposite
        nullRow(deleting, "DeletingMap", 0, 0, 1);
        Finding none = conclude(deleting).get("put_null_keeps_key_maps");
        assertThat(none.value()).isZero();
        assertThat(judged("put_null_keeps_key_maps", Claim.Prediction.AT_LEAST, 1, none)).isEqualTo(Status.OPPOSITE);
        assertThat(conclude(new ResultBuilder())).as("a run without the part (an old reference) has no such findings").isEmpty();
    }

    @Test
    void readOnlyFindingsLeaveTheNullReferenceOutAndCountItsReadsApart() {
        ResultBuilder b = new ResultBuilder();
        readOnlyRow(b, "Map.of()", 0, 0, 1);
        readOnlyRow(b, "Collections.unmodifiableMap", 3, 0, 1);
        readOnlyRow(b, "WritableView", 3, 1, 0);
        readOnlyRow(b, MapContracts.NULL_REFERENCE, 0, 5, 0);
        Map<String, Finding> f = conclude(b);

        assertThat(f.get("immutable_maps_reading_fine").value()).isEqualTo(2);
        assertThat(f.get("immutable_maps_reading_fine").text()).contains("2 of 3 read-only maps");
        assertThat(f.get("immutable_maps_refusing_put").value()).isEqualTo(2);
        assertThat(f.get("null_map_reads_throw").value()).isEqualTo(5);
        assertThat(judged("immutable_maps_refusing_put", Claim.Prediction.AT_LEAST, 3, f.get("immutable_maps_refusing_put"))).isEqualTo(Status.OPPOSITE);
        assertThat(judged("immutable_maps_refusing_put", Claim.Prediction.AT_LEAST, 2, f.get("immutable_maps_refusing_put"))).isEqualTo(Status.HOLDS);
    }
}
