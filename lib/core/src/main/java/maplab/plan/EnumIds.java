package maplab.plan;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The one spelling of enum constants as parameter values: the lower-case name
 * ({@code HASHMAP_DEFAULT} is {@code "hashmap_default"}), used by the subject enums whose
 * constants are JMH {@code @Param} values and experiment parameters.
 */
public final class EnumIds {

    /**
     * The name of a subject enum's stand-in for a user's subject: a benchmark cell of it names the
     * user's class in another {@code @Param}, so it is no parameter value of its own and
     * {@link #ids} and {@link #parse} skip it.
     */
    public static final String USER = "USER";

    private EnumIds() { }

    /** The parameter spelling of a constant. */
    public static String id(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** The parameter spellings of every constant but a {@link #USER} stand-in, in declaration order. */
    public static <E extends Enum<E>> List<String> ids(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> !isUser(e)).map(EnumIds::id).toList();
    }

    /** Whether {@code constant} is a subject enum's stand-in for a user's subject ({@link #USER}). */
    public static boolean isUser(Enum<?> constant) {
        return constant.name().equals(USER);
    }

    /**
     * The constant spelled {@code id} (any case).
     *
     * @throws IllegalArgumentException naming {@code what} and the allowed values
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String what, String id) {
        for (E e : type.getEnumConstants()) if (!isUser(e) && id(e).equalsIgnoreCase(id)) return e;
        throw new IllegalArgumentException(what + ": unknown value '" + id + "'; allowed: " + String.join(", ", ids(type)));
    }
}
