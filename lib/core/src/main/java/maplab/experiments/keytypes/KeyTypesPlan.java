package maplab.experiments.keytypes;

import java.util.List;
import java.util.Map;
import maplab.plan.Params;
import maplab.plan.Plan;
import maplab.plan.Unit;
import maplab.measure.KeyPitfalls;
import maplab.subject.keys.KeyedMapKind;
import maplab.subject.user.UserSubject;
import maplab.experiments.RunContext;
import maplab.experiments.keytypes.KeyTypesRows.JolRow;
import static maplab.experiments.keytypes.KeyTypes.YS_PER_X;
import static maplab.experiments.keytypes.KeyTypes.lookupIds;
import static maplab.experiments.keytypes.KeyTypes.lookupSubjects;
import static maplab.experiments.keytypes.KeyTypes.subjects;
import static maplab.experiments.keytypes.KeyTypesFindings.PITFALL_FINDINGS;
import static maplab.experiments.keytypes.KeyTypesFindings.peerBase;
import static maplab.experiments.keytypes.KeyTypesFindings.peerLookupId;
import static maplab.experiments.keytypes.KeyTypesFindings.peersWithFindings;
import static maplab.experiments.keytypes.KeyTypesFindings.userLookupId;
import static maplab.experiments.keytypes.KeyTypesMeasure.lookupRun;
import static maplab.experiments.keytypes.KeyTypesRows.JOL_ROWS;
import static maplab.experiments.keytypes.KeyTypesRows.LOOKUP_UNIT;
import static maplab.experiments.keytypes.KeyTypesRows.gcRoundsDims;
import static maplab.experiments.keytypes.KeyTypesRows.pitfallDims;
import static maplab.experiments.keytypes.KeyTypesRows.pitfallUnit;
import static maplab.experiments.keytypes.KeyTypesRows.subjectDims;

/**
 * key-types' plan ({@link KeyTypes#plan}): the memory child JVM, the pitfalls and the lookup JMH run
 * with their estimates, every row measure writes and the findings conclude gives for them.
 */
final class KeyTypesPlan {

    private KeyTypesPlan() { }

    /**
     * The plan: the footprint child JVM (JOL and heap readings of every subject), the user key
     * types' object graphs in process, the four pitfalls, then the lookup run of
     * {@link KeyTypesMeasure#lookupRun}; every row those parts write, and the findings conclude gives for them.
     */
    static void plan(Plan.Builder plan, RunContext context) {
        Params p = plan.params();
        int n = p.getInt("n");
        List<KeyedMapKind> subjects = subjects(p);
        List<String> users = p.getStrings("user_key_types");
        plan.step("JOL object graphs and heap readings of " + subjects.size() + " maps (child JVM)", 1, footprintSeconds(subjects, n));
        for (KeyedMapKind kind : subjects) {
            for (JolRow r : JOL_ROWS) plan.count(subjectDims("memory", kind.id(), n), r.metric(), r.unit());
            plan.timed(subjectDims("memory", kind.id(), n), "heap_bytes_per_entry", Unit.BYTES_PER_ENTRY);
        }
        for (String user : users) {
            plan.step("JOL object graph: HashMap of " + user, 1, 0.2 + 2e-6 * n);
            for (JolRow r : JOL_ROWS) plan.count(subjectDims("memory", user, n), r.metric(), r.unit());
        }
        int pitfallKeys = p.getInt("pitfall_keys");
        plan.step("pitfalls: byte[] keys, mutated keys, hashCode ignoring a field", 3, 2e-6 * pitfallKeys);
        plan.step("pitfall: WeakHashMap and HashMap after GC", 1, 0.3 + 2e-6 * pitfallKeys);
        for (KeyPitfalls.Shape s : KeyPitfalls.shapes(pitfallKeys, YS_PER_X)) {
            Map<String, Object> at = pitfallDims(s.pitfall(), s.variant(), s.trials());
            if (pitfallUnit(s.metric()) == Unit.FRACTION) plan.count(at, s.metric(), Unit.FRACTION, 0.5);   // a share: between 0 and 1
            else plan.count(at, s.metric(), Unit.COUNT);
        }
        plan.count(gcRoundsDims(pitfallKeys), "gc_rounds", Unit.COUNT, 2);
        KeyTypesContracts.plan(plan);
        KeyTypesLayouts.plan(plan);
        plan.jmh("lookup", lookupRun(context));
        for (String subject : lookupIds(p)) plan.timed(subjectDims("lookup", subject, n), "lookup_time", LOOKUP_UNIT);
        plannedFindings(plan, subjects, lookupSubjects(p), users);
    }

    /**
     * Rough seconds of the footprint child JVM: its start, and per map JOL's walk of the graph
     * plus {@link KeyTypesMeasure#HEAP_REPEATS} + 1 builds between full collections (27 System.gc() calls a
     * map). Timed on the 2-core machine under load: 12.5 s a map at 1M entries, 2 s at 40000;
     * about 2.5 times less on a quiet machine, as the full reference (152 s in all) suggests.
     */
    private static double footprintSeconds(List<KeyedMapKind> subjects, int n) {
        return 1.5 + subjects.size() * (0.4 + 3e-6 * n);
    }

    /** The findings {@link KeyTypesConclude#conclude} gives for the rows of this plan. */
    private static void plannedFindings(Plan.Builder plan, List<KeyedMapKind> subjects, List<KeyedMapKind> lookups, List<String> users) {
        if (subjects.contains(KeyedMapKind.HASHMAP_INTEGER)) plan.finding("bytes_per_entry_hashmap_integer");
        if (subjects.contains(KeyedMapKind.FASTUTIL_INT)) plan.finding("bytes_per_entry_fastutil_int");
        for (String user : users) plan.finding("bytes_per_entry_" + UserSubject.findingName(user));
        plan.finding(PITFALL_FINDINGS.toArray(String[]::new));
        if (lookups.contains(KeyedMapKind.HASHMAP_STRING) && lookups.contains(KeyedMapKind.HASHMAP_INTEGER)) plan.finding("lookup_string_vs_integer");
        if (lookups.contains(KeyedMapKind.FASTUTIL_INT) && lookups.contains(KeyedMapKind.HASHMAP_INTEGER)) plan.finding("lookup_fastutil_vs_hashmap_integer");
        for (KeyedMapKind peer : peersWithFindings()) {
            if (subjects.contains(peer)) plan.finding("bytes_per_entry_" + peer.id());
            if (lookups.contains(peer) && lookups.contains(peerBase(peer))) plan.finding(peerLookupId(peer));
        }
        if (lookups.contains(KeyedMapKind.HASHMAP_INTEGER)) {
            for (String user : users) plan.finding(userLookupId(user));
        } else if (!users.isEmpty()) {
            plan.note("your key types' lookups are timed but not compared: the comparison needs hashmap_integer in lookup_subjects");
        }
    }
}
