package maplab.experiments.keytypes;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import maplab.conclude.Finding;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import maplab.measure.KeyPitfalls;
import maplab.subject.keys.KeyedMapKind;
import maplab.subject.user.UserSubject;
import static maplab.experiments.keytypes.KeyTypesCharts.count;
import static maplab.experiments.keytypes.KeyTypesMeasure.subjectLabel;

/** key-types' findings: bytes per entry, the pitfalls' rates, and the lookups' time ratios, with the peers'. */
final class KeyTypesFindings {

    private KeyTypesFindings() { }

    /** The pitfalls' findings, given whenever the pitfalls ran. */
    static final List<String> PITFALL_FINDINGS = List.of("byte_array_key_hit_rate", "mutated_key_found_rate", "bad_hashcode_collision_rate",
            "weak_map_retained_after_gc", "strong_map_retained_after_gc");

    static void findings(Rows rows, ResultBuilder out) {
        Rows perEntry = memoryFindings(rows, out);
        pitfallFindings(rows.where("part", "pitfalls"), out);
        lookupFindings(rows, perEntry, out);
    }

    /** Bytes per entry: {@code HashMap<Integer,Integer>}, fastutil's int map against it, and each user key type. Returns the memory rows. */
    private static Rows memoryFindings(Rows rows, ResultBuilder out) {
        Rows perEntry = rows.where("part", "memory").metric("bytes_per_entry");
        Optional<Rows.Row> hm = perEntry.where("subject", KeyedMapKind.HASHMAP_INTEGER.id()).first();
        out.attempt("bytes_per_entry_hashmap_integer", () -> hm.ifPresent(r -> out.finding(Finding.count("bytes_per_entry_hashmap_integer", r.value(), "B/entry",
                "HashMap<Integer,Integer> took %.1f bytes per entry at " + r.str("n_keys")
                        + " entries (JOL: node, key and value boxes, table share)").where("n_keys", r.str("n_keys")))));
        out.attempt("bytes_per_entry_fastutil_int", () -> perEntry.where("subject", KeyedMapKind.FASTUTIL_INT.id()).first().ifPresent(r -> {
            String versus = hm.map(h -> h.value() >= r.value()
                    ? String.format(Locale.ROOT, " (%s less than HashMap<Integer,Integer>)", Finding.formatRatio(h.value() / r.value()))
                    : String.format(Locale.ROOT, " (%s more than HashMap<Integer,Integer>)", Finding.formatRatio(r.value() / h.value()))).orElse("");
            out.finding(Finding.count("bytes_per_entry_fastutil_int", r.value(), "B/entry",
                    "fastutil Int2IntOpenHashMap took %.1f bytes per entry at " + r.str("n_keys") + " entries" + versus.replace("%", "%%"))
                    .where("n_keys", r.str("n_keys")));
        }));
        for (Rows.Row r : perEntry) {
            if (!UserSubject.isUserId(r.str("subject"))) continue;
            String id = "bytes_per_entry_" + UserSubject.findingName(r.str("subject"));
            out.attempt(id, () -> {
                String versus = hm.map(h -> String.format(Locale.ROOT, " (HashMap<Integer,Integer>: %.1f)", h.value())).orElse("");
                out.finding(Finding.count(id, r.value(), "B/entry",
                        subjectLabel(r.str("subject")) + " took %.1f bytes per entry at " + r.str("n_keys") + " entries (JOL: node, your key objects,"
                                + " value boxes, table share)" + versus.replace("%", "%%")).where("n_keys", r.str("n_keys")));
            });
        }
        return perEntry;
    }

    /** The pitfalls' rates: byte[] keys, mutated keys, a hashCode ignoring a field, weak and strong maps after a GC. */
    private static void pitfallFindings(Rows pitfalls, ResultBuilder out) {
        pitfall(pitfalls, out, "byte_array_key_hit_rate", KeyPitfalls.EQUAL_COPY, "hit_rate", Finding.Basis.CONSTRUCTION, r -> String.format(Locale.ROOT,
                "Looking up byte[] keys with equal-content copies found %d of %d entries (%.1f%%)%s",
                count(r), r.integer("n_keys"), 100 * r.value(), count(r) == 0 ? ": arrays hash and compare by identity" : ""));
        pitfall(pitfalls, out, "mutated_key_found_rate", KeyPitfalls.MUTATED_ITSELF, "hit_rate", Finding.Basis.CONSTRUCTION, r -> String.format(Locale.ROOT,
                "After their keys were mutated, looking up the very key objects found %d of %d entries (%.1f%%)",
                count(r), r.integer("n_keys"), 100 * r.value()));
        pitfall(pitfalls, out, "bad_hashcode_collision_rate", KeyPitfalls.HASH_OF_X_ONLY, "collision_rate", Finding.Basis.CONSTRUCTION, r -> String.format(Locale.ROOT,
                "With a hashCode that ignores one field, %.1f%% of %d keys shared their hash code with another key", 100 * r.value(), r.integer("n_keys")));
        Optional<Rows.Row> rounds = pitfalls.metric("gc_rounds").first();
        String after = rounds.map(r -> String.format(Locale.ROOT, " (%.0f System.gc() round(s))", r.value())).orElse("");
        pitfall(pitfalls, out, "weak_map_retained_after_gc", KeyPitfalls.WEAK, "retained_rate", Finding.Basis.COUNT, r -> String.format(Locale.ROOT,
                "A WeakHashMap kept %d of %d entries (%.1f%%) after its keys were dropped and a GC ran%s", count(r), r.integer("n_keys"), 100 * r.value(), after));
        pitfall(pitfalls, out, "strong_map_retained_after_gc", KeyPitfalls.STRONG, "retained_rate", Finding.Basis.CONSTRUCTION, r -> String.format(Locale.ROOT,
                "A HashMap kept %d of %d entries (%.1f%%) after the caller dropped its keys and a GC ran%s",
                count(r), r.integer("n_keys"), 100 * r.value(), count(r) == r.integer("n_keys") ? ": the map itself holds them strongly" : ""));
    }

    /** The lookups' time ratios: String and fastutil against {@code HashMap<Integer,Integer>}, the peers', each user key type's. */
    private static void lookupFindings(Rows rows, Rows perEntry, ResultBuilder out) {
        Rows lookups = rows.where("part", "lookup").metric("lookup_time");
        lookupRatio(lookups, out, "lookup_string_vs_integer", KeyedMapKind.HASHMAP_STRING, KeyedMapKind.HASHMAP_INTEGER);
        lookupRatio(lookups, out, "lookup_fastutil_vs_hashmap_integer", KeyedMapKind.FASTUTIL_INT, KeyedMapKind.HASHMAP_INTEGER);
        peerFindings(perEntry, lookups, out);
        Optional<Rows.Row> integer = lookups.where("subject", KeyedMapKind.HASHMAP_INTEGER.id()).first();
        for (Rows.Row r : lookups) {
            if (!UserSubject.isUserId(r.str("subject")) || integer.isEmpty()) continue;
            String id = userLookupId(r.str("subject"));
            out.attempt(id, () -> out.finding(Finding.timeRatio(id,
                    "A lookup in a " + subjectLabel(r.str("subject")) + " of " + r.str("n_keys") + " entries", "one in a " + KeyedMapKind.HASHMAP_INTEGER.label(),
                    r.measured().ratioTo(integer.get().measured())).where("n_keys", r.str("n_keys"))));
        }
    }

    /** The id of a user key type's lookup against HashMap<Integer,Integer>. */
    static String userLookupId(String user) {
        return "lookup_" + UserSubject.findingName(user) + "_vs_hashmap_integer";
    }

    /**
     * The peer libraries' maps that have findings. Eclipse's IntIntHashMap was measured before
     * the peers came: it stays in the tables and charts only, so runs stored before the peers
     * conclude to the same findings.
     */
    static List<KeyedMapKind> peersWithFindings() {
        return Arrays.stream(KeyedMapKind.values()).filter(k -> k.isPeer() && k != KeyedMapKind.ECLIPSE_INT).toList();
    }

    /** The map of the same key form the lab already measures: fastutil's for primitive int maps, HashMap<Integer,Integer> for boxed ones. */
    static KeyedMapKind peerBase(KeyedMapKind peer) {
        return peer.keyType() == maplab.subject.keys.KeyType.INT ? KeyedMapKind.FASTUTIL_INT : KeyedMapKind.HASHMAP_INTEGER;
    }

    static String peerLookupId(KeyedMapKind peer) {
        return "lookup_" + peer.id() + "_vs_" + peerBase(peer).id();
    }

    /**
     * The peer libraries' maps: bytes per entry (a JOL count) set against the map of the same
     * key form that the lab already measures ({@link #peerBase}), and a lookup against the same,
     * as a time ratio paired by round, when both were timed.
     */
    private static void peerFindings(Rows perEntry, Rows lookups, ResultBuilder out) {
        out.inGroup("peers", () -> {
            for (KeyedMapKind peer : peersWithFindings()) {
                KeyedMapKind base = peerBase(peer);
                Optional<Rows.Row> p = perEntry.where("subject", peer.id()).first();
                Optional<Rows.Row> b = perEntry.where("subject", base.id()).first();
                out.attempt("bytes_per_entry_" + peer.id(), () -> p.ifPresent(r -> {
                    String versus = b.map(h -> h.value() >= r.value()
                            ? String.format(Locale.ROOT, " (%s less than %s)", Finding.formatRatio(h.value() / r.value()), base.label())
                            : String.format(Locale.ROOT, " (%s more than %s)", Finding.formatRatio(r.value() / h.value()), base.label())).orElse("");
                    out.finding(Finding.count("bytes_per_entry_" + peer.id(), r.value(), "B/entry",
                            peer.label() + " took %.1f bytes per entry at " + r.str("n_keys") + " entries (JOL)" + versus.replace("%", "%%"))
                            .where("n_keys", r.str("n_keys")));
                }));
                lookupRatio(lookups, out, peerLookupId(peer), peer, base);
            }
        });
    }

    private static void pitfall(Rows pitfalls, ResultBuilder out, String id, String variant, String metric, Finding.Basis basis,
                                Function<Rows.Row, String> text) {
        out.attempt(id, () -> pitfalls.metric(metric).where("variant", variant).first().ifPresent(r -> {
            String sentence = text.apply(r).replace("%", "%%");
            Finding f = basis == Finding.Basis.COUNT ? Finding.count(id, r.value(), "fraction", sentence)
                    : Finding.construction(id, r.value(), "fraction", sentence);
            out.finding(f.where("n_keys", r.str("n_keys")));
        }));
    }

    /** One lookup in map {@code a} against one in map {@code b}, as a time ratio paired by round. */
    private static void lookupRatio(Rows lookups, ResultBuilder out, String id, KeyedMapKind a, KeyedMapKind b) {
        Optional<Rows.Row> ra = lookups.where("subject", a.id()).first();
        Optional<Rows.Row> rb = lookups.where("subject", b.id()).first();
        if (ra.isEmpty() || rb.isEmpty()) return;
        out.attempt(id, () -> out.finding(Finding.timeRatio(id, "A lookup in a " + a.label() + " of " + ra.get().str("n_keys") + " entries",
                "one in a " + b.label(), ra.get().measured().ratioTo(rb.get().measured())).where("n_keys", ra.get().str("n_keys"))));
    }
}
