package maplab.experiments.keytypes;

import maplab.run.RunData;
import maplab.conclude.ResultBuilder;
import maplab.measure.Rows;
import static maplab.experiments.keytypes.KeyTypesCharts.lookupTableAndChart;
import static maplab.experiments.keytypes.KeyTypesCharts.memoryTableAndChart;
import static maplab.experiments.keytypes.KeyTypesCharts.pitfallsTable;
import static maplab.experiments.keytypes.KeyTypesFindings.findings;

/**
 * key-types' conclusions ({@link KeyTypes#conclude}) from the stored rows: the tables with their
 * charts are {@link KeyTypesCharts}', the findings {@link KeyTypesFindings}'.
 */
final class KeyTypesConclude {

    private KeyTypesConclude() { }

    /**
     * Findings, tables and charts from the stored rows.
     *
     * <p>Bases: bytes per entry are {@code count}s (JOL walks the object graph: exact for this
     * JVM's object layout). The byte[] hit rate, the mutated key's found rate and the bad
     * hashCode's collision rate are {@code construction}: they follow from how the keys are
     * built (identity hash, a hash filed under the old content, a hash of one field) on any
     * JVM. {@code strong_map_retained_after_gc} is {@code construction} too: a HashMap references
     * its keys strongly, so no collector may remove them. {@code weak_map_retained_after_gc} is
     * a {@code count}: it is what this JVM's collector did after {@code System.gc()}; neither the
     * JLS nor {@code System.gc()}'s contract promises that a collection runs or clears every weak
     * reference, so another JVM, collector or flag ({@code -XX:+DisableExplicitGC}) may keep
     * entries. The run records how many GC rounds it took.
     */
    static void conclude(RunData data, ResultBuilder out) {
        Rows rows = data.rows();
        memoryTableAndChart(rows.where("part", "memory"), out);
        pitfallsTable(rows.where("part", "pitfalls"), out);
        lookupTableAndChart(rows.where("part", "lookup").metric("lookup_time"), out);
        findings(rows, out);
        out.inGroup("contracts", () -> KeyTypesContracts.conclude(rows, out));
        out.inGroup("layouts", () -> KeyTypesLayouts.conclude(rows, out));
    }
}
