package maplab.subject.probe;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Which bits of the 64-bit hash pick the home slot in a power-of-two table. */
public enum IndexBits {
    /** {@code hash & (capacity - 1)}: the usual choice (HashMap, fastutil). */
    LOW,
    /** {@code hash >>> (64 - log2(capacity))}: the top bits (Fibonacci hashing, Rust's hashbrown tags). */
    HIGH;

    /** The parameter spelling: "low", "high". */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(IndexBits::id).toList();
    }

    public static IndexBits parse(String s) {
        for (IndexBits b : values()) if (b.id().equalsIgnoreCase(s)) return b;
        throw new IllegalArgumentException("index: unknown value '" + s + "'; allowed: " + String.join(", ", ids()));
    }
}
