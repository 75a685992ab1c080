package maplab.measure;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Bytes per entry of a {@code HashMap<Key, Integer>} by how the key class declares its fields,
 * from JOL in process (exact for this JVM's layout). In C or Go, {@code {byte, long, byte}} pads
 * to 24 bytes where {@code {long, byte, byte}} packs into 16; HotSpot lays fields out itself
 * (largest first, small ones into gaps), so declaration order may cost nothing. Boxed fields do
 * change the size: each becomes a reference to another object.
 */
public final class KeyFieldLayouts {

    /** The layouts measured, by name: declared {byte, long, byte}, {long, byte, byte}, and {Byte, Long, Byte}. */
    public static final String PADDED = "byte_long_byte", PACKED = "long_byte_byte", BOXED = "boxed_byte_long_byte";

    private static final Map<String, IntFunction<Object>> KEYS = keys();

    private KeyFieldLayouts() { }

    private static Map<String, IntFunction<Object>> keys() {
        Map<String, IntFunction<Object>> m = new LinkedHashMap<>();
        m.put(PADDED, i -> new ByteLongByte((byte) i, 1_000L + i, (byte) (i >> 8)));
        m.put(PACKED, i -> new LongByteByte(1_000L + i, (byte) i, (byte) (i >> 8)));
        m.put(BOXED, i -> new BoxedByteLongByte((byte) i, 1_000L + i, (byte) (i >> 8)));   // Longs above the cached -128..127: one box each
        return m;
    }

    /** The layout names, in the order {@link #bytesPerEntry} measures them. */
    public static java.util.List<String> layouts() {
        return java.util.List.copyOf(KEYS.keySet());
    }

    /**
     * Bytes per entry (JOL: nodes, keys with what they reference, value boxes, table share) of a
     * HashMap of {@code n} keys of each layout, values {@code Integer.valueOf(i)}, by layout name.
     */
    public static Map<String, Double> bytesPerEntry(int n) {
        if (n < 1) throw new IllegalArgumentException("n: must be at least 1, got " + n);
        Map<String, Double> out = new LinkedHashMap<>();
        KEYS.forEach((name, key) -> {
            Map<Object, Integer> map = new HashMap<>();
            for (int i = 0; i < n; i++) map.put(key.apply(i), i);
            if (map.size() != n) throw new IllegalStateException(name + ": " + n + " keys made " + map.size() + " entries");
            out.put(name, ObjectGraphs.of(map).bytes() / (double) n);
        });
        return out;
    }

    /** Declared byte, long, byte: padded in declaration order (a record's fields are its components, in order). */
    record ByteLongByte(byte a, long b, byte c) { }

    /** Declared long, byte, byte: packed in declaration order. */
    record LongByteByte(long b, byte a, byte c) { }

    /** Byte, Long, Byte: the same values behind references to boxes. */
    record BoxedByteLongByte(Byte a, Long b, Byte c) { }
}
