package maplab.experiments.keytypes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import maplab.stats.Estimates;
import maplab.measure.KeyPitfalls;
import org.junit.jupiter.api.Test;

/** key-types' conclusions on hand-made rows: bases, exact counts, lookup ratios with verdicts. */
class KeyTypesTest {

    private static Measured timed(double... forkMeans) {
        List<Estimates.Sample> samples = new ArrayList<>();
        for (int f = 0; f < forkMeans.length; f++) {
            samples.add(new Estimates.Sample(f, 0, forkMeans[f] * 0.98));
            samples.add(new Estimates.Sample(f, 1, forkMeans[f] * 1.02));
        }
        return Measured.of(samples);
    }

    private static void lookup(ResultBuilder b, String subject, String keyType, Measured m) {
        b.row().with("part", "lookup").with("subject", subject).with("key_type", keyType).with("variant", "").with("n_keys", 40000)
                .measure("lookup_time", m, Unit.NS_PER_OP);
    }

    private static void pitfall(ResultBuilder b, String pitfall, String variant, String metric, long trials, long count) {
        b.row().with("part", "pitfalls").with("subject", pitfall).with("key_type", "").with("variant", variant).with("n_keys", trials)
                .measure(metric, count / (double) trials, Unit.FRACTION);
    }

    private static Map<String, Finding> conclude(ResultBuilder rows, ResultBuilder out) {
        KeyTypes k = new KeyTypes();
        k.conclude(new RunData("key-types", Profile.QUICK, Params.resolve(k, Profile.QUICK, Map.of()), Rows.fromObjects(rows.rows(), rows.samples())), out);
        Map<String, Finding> byId = new LinkedHashMap<>();
        out.findings().forEach(f -> byId.put(f.id(), f));
        return byId;
    }

    private static ResultBuilder rows() {
        ResultBuilder b = new ResultBuilder();
        for (String[] m : new String[][] {{"hashmap_integer", "integer", "72.4"}, {"fastutil_int", "int", "16.8"}}) {
            b.row().with("part", "memory").with("subject", m[0]).with("key_type", m[1]).with("variant", "").with("n_keys", 40000)
                    .measure("bytes_per_entry", Double.parseDouble(m[2]), Unit.BYTES_PER_ENTRY);
        }
        pitfall(b, "byte[] keys", KeyPitfalls.EQUAL_COPY, "hit_rate", 10000, 0);
        pitfall(b, "key mutated after insertion", KeyPitfalls.MUTATED_ITSELF, "hit_rate", 10000, 0);
        pitfall(b, "hashCode ignores a field", KeyPitfalls.HASH_OF_X_ONLY, "collision_rate", 10000, 10000);
        pitfall(b, "keys dropped, then GC", KeyPitfalls.WEAK, "retained_rate", 10000, 3);
        pitfall(b, "keys dropped, then GC", KeyPitfalls.STRONG, "retained_rate", 10000, 10000);
        b.row().with("part", "pitfalls").with("subject", "keys dropped, then GC").with("key_type", "").with("variant", "").with("n_keys", 10000)
                .measure("gc_rounds", 2, Unit.COUNT);
        // String lookups clearly slower than Integer ones in every round; fastutil within noise of HashMap
        lookup(b, "hashmap_integer", "integer", timed(20, 26, 19, 22));
        lookup(b, "hashmap_string", "string", timed(41, 55, 37, 45));
        lookup(b, "fastutil_int", "int", timed(21, 24, 20, 21));
        return b;
    }

    @Test
    void bytesAreCountsPitfallsAreConstructionsAndTheWeakMapIsACountOfWhatTheCollectorDid() {
        ResultBuilder out = new ResultBuilder();
        Map<String, Finding> f = conclude(rows(), out);

        assertThat(f.get("bytes_per_entry_hashmap_integer").basis()).isEqualTo(Finding.Basis.COUNT);
        assertThat(f.get("bytes_per_entry_hashmap_integer").conditions()).containsEntry("n_keys", "40000");
        assertThat(f.get("bytes_per_entry_fastutil_int").text()).contains("4.31x less than HashMap<Integer,Integer>");
        for (String id : List.of("byte_array_key_hit_rate", "mutated_key_found_rate", "bad_hashcode_collision_rate", "strong_map_retained_after_gc")) {
            assertThat(f.get(id).basis()).as(id).isEqualTo(Finding.Basis.CONSTRUCTION);
            assertThat(f.get(id).low()).as(id).isEqualTo(f.get(id).high()).isEqualTo(f.get(id).value());
        }
        assertThat(f.get("byte_array_key_hit_rate").text()).contains("found 0 of 10000 entries (0.0%): arrays hash and compare by identity");
        assertThat(f.get("bad_hashcode_collision_rate").value()).isEqualTo(1.0);
        Finding weak = f.get("weak_map_retained_after_gc");
        assertThat(weak.basis()).isEqualTo(Finding.Basis.COUNT);
        assertThat(weak.value()).isEqualTo(3 / 10000.0);
        assertThat(weak.text()).contains("kept 3 of 10000 entries (0.0%)", "2 System.gc() round(s)");
        assertThat(f.get("strong_map_retained_after_gc").text()).endsWith("the map itself holds them strongly");
        assertThat(out.tables()).containsKeys("memory", "pitfalls", "lookup");
        assertThat(out.tables().get("pitfalls").rowCount()).isEqualTo(5);
        assertThat(out.charts()).containsKeys("bytes per entry", "lookup time");
    }

    @Test
    void lookupRatiosFollowTheirIntervals() {
        Map<String, Finding> f = conclude(rows(), new ResultBuilder());
        Finding strings = f.get("lookup_string_vs_integer");
        assertThat(strings.verdict()).isEqualTo(Finding.Verdict.HIGHER);
        assertThat(strings.basis()).isEqualTo(Finding.Basis.TIMING);
        assertThat(strings.low()).isGreaterThan(1.5);
        assertThat(strings.conditions()).containsEntry("n_keys", "40000");
        Finding fastutil = f.get("lookup_fastutil_vs_hashmap_integer");
        assertThat(fastutil.verdict()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);
        assertThat(fastutil.low()).isLessThan(1);
        assertThat(fastutil.high()).isGreaterThan(1);
        assertThat(fastutil.text()).startsWith("No detectable difference").doesNotContain("faster");
    }

    @Test
    void peersAreSetAgainstTheMapOfTheirKeyForm() {
        ResultBuilder b = rows();
        for (String[] m : new String[][] {{"agrona_int", "int", "12.6"}, {"agrona_object_integer", "integer", "44.0"}}) {
            b.row().with("part", "memory").with("subject", m[0]).with("key_type", m[1]).with("variant", "").with("n_keys", 40000)
                    .measure("bytes_per_entry", Double.parseDouble(m[2]), Unit.BYTES_PER_ENTRY);
        }
        lookup(b, "hppc_int", "int", timed(10, 11, 9.5, 10.2));                     // clearly faster than fastutil's 20-24
        lookup(b, "agrona_object_integer", "integer", timed(21, 25, 19, 23));        // within noise of HashMap
        Map<String, Finding> f = conclude(b, new ResultBuilder());

        Finding agrona = f.get("bytes_per_entry_agrona_int");
        assertThat(agrona.basis()).isEqualTo(Finding.Basis.COUNT);
        assertThat(agrona.value()).isEqualTo(12.6);
        assertThat(agrona.text()).contains("less than fastutil Int2IntOpenHashMap");
        assertThat(f.get("bytes_per_entry_agrona_object_integer").text()).contains("less than HashMap<Integer,Integer>");
        assertThat(f).doesNotContainKey("bytes_per_entry_hppc_int");   // not measured: no finding

        Finding hppc = f.get("lookup_hppc_int_vs_fastutil_int");
        assertThat(hppc.verdict()).isEqualTo(Finding.Verdict.LOWER);
        assertThat(hppc.high()).isLessThan(1);
        Finding agronaLookup = f.get("lookup_agrona_object_integer_vs_hashmap_integer");
        assertThat(agronaLookup.verdict()).isEqualTo(Finding.Verdict.NO_DIFFERENCE);
        assertThat(agronaLookup.low()).isLessThan(1);
        assertThat(agronaLookup.high()).isGreaterThan(1);
    }
}
