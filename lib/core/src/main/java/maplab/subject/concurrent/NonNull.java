package maplab.subject.concurrent;

import java.util.Map;
import java.util.Objects;

/** The facade's null rule for bulk writes: checked before anything is written, so a bad entry changes nothing. */
final class NonNull {
    private NonNull() { }

    /** {@code entries} itself, after a {@link NullPointerException} for any null key or value. */
    static <K, V> Map<? extends K, ? extends V> entries(Map<? extends K, ? extends V> entries) {
        entries.forEach((k, v) -> {
            Objects.requireNonNull(k, "key");
            Objects.requireNonNull(v, "value");
        });
        return entries;
    }
}
