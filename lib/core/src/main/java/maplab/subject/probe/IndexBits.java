package maplab.subject.probe;

import maplab.plan.EnumIds;
import java.util.List;

/** Which bits of the 64-bit hash pick the home slot in a power-of-two table. */
public enum IndexBits {
    /** {@code hash & (capacity - 1)}: the usual choice (HashMap, fastutil). */
    LOW,
    /** {@code hash >>> (64 - log2(capacity))}: the top bits (Fibonacci hashing, Rust's hashbrown tags). */
    HIGH;

    /** The parameter spelling: "low", "high". */
    public String id() {
        return EnumIds.id(this);
    }

    public static List<String> ids() {
        return EnumIds.ids(IndexBits.class);
    }

    public static IndexBits parse(String s) {
        return EnumIds.parse(IndexBits.class, "index", s);
    }
}
