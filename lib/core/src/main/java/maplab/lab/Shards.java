package maplab.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import maplab.conclude.Result;
import maplab.measure.Measured;
import maplab.measure.Rows;
import maplab.plan.RowKey;
import maplab.run.RunData;
import maplab.run.RunFolder;
import maplab.stats.Estimates.Sample;

/**
 * Joins the shards of one run ({@code ./maplab run ID --shard i/N} on several machines) into
 * one run folder: every shard's samples, each keeping its round (fork) and machine; rows with
 * samples recomputed from all of them; rows without samples (measured once, by shard 1) taken
 * from the shard that has them; then concluded as {@code ./maplab conclude} would. Shards of
 * different runs (experiment, profile, parameters, commit or shard count) are refused, as are
 * a repeated or missing shard.
 */
public final class Shards {

    /** meta.json's list of the shards a merged run was made of. */
    public static final String SHARDS = "shards";
    /** meta.json's list of the machines that measured a merged run (more than one: findings say so). */
    public static final String MACHINES = "machines";

    /** What every shard of one run must share, as meta.json names it. */
    static final List<String> SHARED = List.of("experiment", "profile", "params", "git_commit");

    private Shards() { }

    /** One shard: its folder, its meta.json and its index. */
    record Part(Path dir, Map<String, Object> meta, int index, int count) { }

    /**
     * Merges the shard run folders {@code shards} into {@code out} (new or empty; null for a new
     * folder under runs/) and returns the merged folder.
     *
     * @throws IllegalArgumentException naming the shard that does not fit (one line)
     */
    public static Path merge(List<Path> shards, Path out) {
        return mergeAndConclude(shards, out).runDir();
    }

    /** {@link #merge}, returning the merged run's concluded result (what the CLI prints). */
    public static Result mergeAndConclude(List<Path> shards, Path out) {
        List<Part> parts = check(shards);
        String id = String.valueOf(parts.get(0).meta().get("experiment"));
        Path target = (out != null ? out : RunFolder.newFolderUnderRuns(id + "-merged")).toAbsolutePath().normalize();
        if (Files.exists(target) && !isEmptyDir(target)) {
            throw new IllegalArgumentException("out: '" + target + "' exists and is not an empty folder; give a new folder (results are never overwritten)");
        }
        Path staging = target.resolveSibling("." + target.getFileName() + ".merge-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(staging);
            writeMerged(parts, staging);
            return Experiments.conclude(staging, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot merge the shards into " + target, e);
        } finally {
            deleteTree(staging);
        }
    }

    /** Reads the shards and checks that they are the complete shards of one run; returns them by index. */
    static List<Part> check(List<Path> shards) {
        if (shards.isEmpty()) throw new IllegalArgumentException("merge: give the run folders of a run's shards (made with --shard i/N)");
        List<Part> parts = new ArrayList<>();
        for (Path dir : shards) parts.add(read(dir));
        Part first = parts.get(0);
        for (Part p : parts) {
            for (String key : SHARED) {
                if (!Objects.equals(first.meta().get(key), p.meta().get(key))) {
                    throw new IllegalArgumentException("merge: shards of different runs: " + key + " is " + first.meta().get(key) + " in " + first.dir()
                            + " but " + p.meta().get(key) + " in " + p.dir());
                }
            }
            if (p.count() != first.count()) {
                throw new IllegalArgumentException("merge: shards of different runs: " + first.dir() + " is one of " + first.count()
                        + " shards but " + p.dir() + " one of " + p.count());
            }
        }
        Map<Integer, Part> byIndex = new java.util.TreeMap<>();
        for (Part p : parts) {
            Part before = byIndex.put(p.index(), p);
            if (before != null) throw new IllegalArgumentException("merge: shard " + p.index() + "/" + p.count() + " given twice: " + before.dir() + " and " + p.dir());
        }
        List<String> missing = new ArrayList<>();
        for (int i = 1; i <= first.count(); i++) if (!byIndex.containsKey(i)) missing.add(i + "/" + first.count());
        if (!missing.isEmpty()) throw new IllegalArgumentException("merge: shard " + String.join(", ", missing) + " missing; give every shard of the run");
        return List.copyOf(byIndex.values());
    }

    private static Part read(Path dir) {
        if (!Files.isRegularFile(dir.resolve("meta.json"))) throw new IllegalArgumentException("merge: '" + dir + "' is not a run folder (no meta.json)");
        Map<String, Object> meta = RunFolder.readMeta(dir);
        if (!(meta.get(RunFolder.SHARD) instanceof Map<?, ?> shard)) {
            throw new IllegalArgumentException("merge: '" + dir + "' is not a shard (its meta.json has no \"shard\"; run it with --shard i/N)");
        }
        if (!"ok".equals(meta.get("status"))) {
            throw new IllegalArgumentException("merge: shard " + shard.get("index") + "/" + shard.get("count") + " in '" + dir + "' failed: " + meta.get("error"));
        }
        return new Part(dir.toAbsolutePath().normalize(), meta, ((Number) shard.get("index")).intValue(), ((Number) shard.get("count")).intValue());
    }

    /** Writes the merged results.csv, samples.csv and meta.json into {@code dir}. */
    private static void writeMerged(List<Part> parts, Path dir) throws IOException {
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        Map<String, Map<Integer, String>> machines = new LinkedHashMap<>();
        for (Part p : parts) {
            Path csv = p.dir().resolve("samples.csv");
            String fallback = String.valueOf(p.meta().getOrDefault("machine", "unknown"));   // a shard whose samples.csv names no machine
            Map<String, Map<Integer, String>> own = RunData.readMachines(csv);
            RunData.readSamples(csv).forEach((key, list) -> {
                Map<Integer, String> byFork = machines.computeIfAbsent(key, k -> new LinkedHashMap<>());
                // rounds another shard already has: measured in every shard, not a JMH round (an experiment that does not
                // leave those to shard 1); the first shard's are kept, so no round is counted twice
                if (list.stream().anyMatch(s -> byFork.containsKey(s.fork()))) return;
                samples.computeIfAbsent(key, k -> new ArrayList<>()).addAll(list);
                list.forEach(s -> byFork.put(s.fork(), own.getOrDefault(key, Map.of()).getOrDefault(s.fork(), fallback)));
            });
        }
        samples.values().forEach(list -> list.sort(Comparator.comparingInt(Sample::fork).thenComparingInt(Sample::iteration)));
        RunData.writeCells(mergedRows(parts, samples), dir.resolve("results.csv"));
        RunData.writeSamples(samples, (key, fork) -> machines.get(key).get(fork), dir.resolve("samples.csv"));
        RunFolder.writeMeta(dir, mergedMeta(parts));
        Files.writeString(dir.resolve("findings.json"), "[]");   // a run folder until concluding writes the findings
    }

    /**
     * The merged rows in the shards' order: a row with samples once, its value and error
     * recomputed from every shard's samples; a row without samples from the first shard that has it.
     */
    static List<Map<String, String>> mergedRows(List<Part> parts, Map<String, List<Sample>> samples) {
        List<Map<String, String>> out = new ArrayList<>();
        Set<String> sampled = new LinkedHashSet<>();
        Map<String, Integer> ownerOf = new LinkedHashMap<>();
        for (Part p : parts) {
            for (Map<String, String> row : RunData.readCells(p.dir().resolve("results.csv"))) {
                String key = Rows.key(row, row.get("metric"));
                if (samples.containsKey(key)) {
                    if (sampled.add(key)) out.add(recomputed(row, samples.get(key)));
                } else if (ownerOf.computeIfAbsent(key, k -> p.index()) == p.index()) {
                    out.add(row);
                }
            }
        }
        return out;
    }

    private static Map<String, String> recomputed(Map<String, String> row, List<Sample> samples) {
        Measured m = Measured.of(samples);
        Map<String, String> out = new LinkedHashMap<>(row);
        out.put("value", RowKey.cellText(m.value()));
        out.put("error", RowKey.cellText(m.error()));
        return out;
    }

    /** Shard 1's meta.json, spanning every shard's time, listing the shards and their machines, without "shard". */
    private static Map<String, Object> mergedMeta(List<Part> parts) {
        Map<String, Object> meta = new LinkedHashMap<>(parts.get(0).meta());
        meta.remove(RunFolder.SHARD);
        meta.remove("findings");
        List<Map<String, Object>> listed = new ArrayList<>();
        Set<String> hosts = new LinkedHashSet<>();
        for (Part p : parts) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("folder", p.dir().toString());
            s.put("index", p.index());
            s.put("machine", p.meta().getOrDefault("machine", "unknown"));
            s.put("start", p.meta().get("start"));
            s.put("end", p.meta().get("end"));
            listed.add(s);
            hosts.add(String.valueOf(s.get("machine")));
        }
        meta.put("start", parts.stream().map(p -> Instant.parse(String.valueOf(p.meta().get("start")))).min(Comparator.naturalOrder()).orElseThrow().toString());
        meta.put("end", parts.stream().map(p -> Instant.parse(String.valueOf(p.meta().get("end")))).max(Comparator.naturalOrder()).orElseThrow().toString());
        if (meta.get("measurement") instanceof Map<?, ?> notes) {
            Map<Object, Object> merged = new LinkedHashMap<>(notes);
            merged.remove(RunFolder.SHARD);
            meta.put("measurement", merged);
        }
        meta.put("machine", String.join(",", hosts));
        meta.put(MACHINES, List.copyOf(hosts));
        meta.put(SHARDS, listed);
        return meta;
    }

    private static boolean isEmptyDir(Path p) {
        try (var files = Files.list(p)) {
            return Files.isDirectory(p) && files.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        } catch (IOException e) {
            // a leftover hidden staging folder is harmless
        }
    }
}
