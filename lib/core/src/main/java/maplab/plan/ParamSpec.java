package maplab.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One parameter an experiment accepts: its name, what values are allowed, and its default in
 * each profile. Values are given as text ({@code --set name=value} or a notebook map) and
 * checked here, so every experiment rejects bad input with the same kind of message: the
 * parameter's name and what is allowed.
 *
 * <p>Kinds: a whole number in a range, a list of whole numbers in a range, one choice of a
 * fixed set, or a list of choices (comma separated).
 */
public final class ParamSpec {

    /** What kind of value the parameter takes. */
    public enum Kind { INTEGER, INTEGERS, CHOICE, CHOICES, EFFORT, USER_SUBJECTS }

    private final String name;
    private final Kind kind;
    private final long min;
    private final long max;
    private final List<String> allowed;
    private final String quickDefault;
    private final String fullDefault;
    /** The smoke profile's default where one is set ({@link #smoke}); null: derived from quick. */
    private final String smokeDefault;
    private final String description;

    private ParamSpec(String name, Kind kind, long min, long max, List<String> allowed,
                      String quickDefault, String fullDefault, String description) {
        this(name, kind, min, max, allowed, quickDefault, fullDefault, null, description);
    }

    private ParamSpec(String name, Kind kind, long min, long max, List<String> allowed,
                      String quickDefault, String fullDefault, String smokeDefault, String description) {
        this.name = name;
        this.kind = kind;
        this.min = min;
        this.max = max;
        this.allowed = List.copyOf(allowed);
        this.quickDefault = quickDefault;
        this.fullDefault = fullDefault;
        this.smokeDefault = smokeDefault;
        this.description = description;
        parse(quickDefault);
        parse(fullDefault);
        if (smokeDefault != null) parse(smokeDefault);
    }

    /**
     * This parameter with its own smoke-profile default: set only on the few sizes that
     * dominate a smoke run's time (without one, smoke takes quick's value, and an effort
     * quick's {@link Effort#smoke()}).
     */
    public ParamSpec smoke(String value) {
        return new ParamSpec(name, kind, min, max, allowed, quickDefault, fullDefault, value, description);
    }

    /** {@link #smoke(String)} for a whole number. */
    public ParamSpec smoke(long value) {
        return smoke(Long.toString(value));
    }

    /** A whole number from {@code min} to {@code max}. */
    public static ParamSpec integer(String name, long min, long max, long quick, long full, String description) {
        return new ParamSpec(name, Kind.INTEGER, min, max, List.of(), Long.toString(quick), Long.toString(full), description);
    }

    /** A comma-separated list of whole numbers, each from {@code min} to {@code max}. */
    public static ParamSpec integers(String name, long min, long max, String quick, String full, String description) {
        return new ParamSpec(name, Kind.INTEGERS, min, max, List.of(), quick, full, description);
    }

    /** One of {@code allowed}. */
    public static ParamSpec choice(String name, List<String> allowed, String quick, String full, String description) {
        return new ParamSpec(name, Kind.CHOICE, 0, 0, allowed, quick, full, description);
    }

    /** A comma-separated, non-empty subset of {@code allowed}. */
    public static ParamSpec choices(String name, List<String> allowed, String quick, String full, String description) {
        return new ParamSpec(name, Kind.CHOICES, 0, 0, allowed, quick, full, description);
    }

    /** The form of a user subject's id: {@code user:} and its class's (binary) name. */
    public static final java.util.regex.Pattern USER_ID = java.util.regex.Pattern.compile("user:[A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)*");

    /** Whether {@code text} has the form of a user subject's id ({@link #USER_ID}). */
    public static boolean isWellFormedUserId(String text) {
        return USER_ID.matcher(text).matches();
    }

    /**
     * User subjects implementing one of {@code facades} (a map, a hash, a key source, a shared
     * map: see {@code UserSubject.FACADES}), by ids {@code user:ClassName}, comma separated, or {@code none};
     * default none. Only the form is checked here: that each one was compiled in this JVM is
     * checked when the run starts.
     */
    public static ParamSpec userSubjects(String name, String description, Class<?>... facades) {
        return new ParamSpec(name, Kind.USER_SUBJECTS, 0, 0, java.util.Arrays.stream(facades).map(Class::getName).toList(), "none", "none", description);
    }

    /** For a user-subjects parameter: the names of the facades its subjects may implement. */
    public List<String> userFacades() {
        return kind == Kind.USER_SUBJECTS ? allowed : List.of();
    }

    /** For a choice or choices parameter: every allowed value; otherwise empty. */
    public List<String> allowedValues() {
        return kind == Kind.CHOICE || kind == Kind.CHOICES ? allowed : List.of();
    }

    public String name() { return name; }
    public Kind kind() { return kind; }
    public String description() { return description; }

    /** The default value (as text) in {@code profile}; see {@link #smoke(String)} for the smoke profile. */
    public String defaultFor(Profile profile) {
        return switch (profile) {
            case FULL -> fullDefault;
            case QUICK -> quickDefault;
            case SMOKE -> smokeDefault != null ? smokeDefault
                    : kind == Kind.EFFORT ? ((maplab.plan.Effort) parse(quickDefault)).smoke().text() : quickDefault;
        };
    }

    /**
     * The JMH effort of one part of an experiment, named {@code <part>_effort}: forks, warm-up
     * and measured iterations (see {@link maplab.plan.Effort}).
     */
    public static ParamSpec effort(String part, maplab.plan.Effort quick, maplab.plan.Effort full, String description) {
        return new ParamSpec(part + "_effort", Kind.EFFORT, 0, 0, List.of(), quick.text(), full.text(), description);
    }

    /** What is allowed, in words, for error messages and {@code ./maplab list}. */
    public String allowedText() {
        return switch (kind) {
            case INTEGER -> "a whole number from " + min + " to " + max;
            case INTEGERS -> "a comma-separated list of whole numbers from " + min + " to " + max;
            case CHOICE -> "one of " + String.join(", ", allowed);
            case CHOICES -> "a comma-separated list of " + String.join(", ", allowed);
            case EFFORT -> "FORKS:WARMUPxMSms+ITERATIONSxMSms (e.g. 4:2x100ms+3x100ms), or FORKS:WARMUP+SHOTS for single shots (e.g. 4:2+3)";
            case USER_SUBJECTS -> "none, or a comma-separated list of user subjects (user:ClassName, from UserSubject.compile or --subject path/X.java)"
                    + " implementing " + String.join(" or ", allowed);
        };
    }

    /**
     * Checks and converts a value: a {@link Long}, a {@code List<Long>}, a {@link String} or a
     * {@code List<String>} by kind.
     *
     * @throws IllegalArgumentException naming this parameter and what is allowed
     */
    public Object parse(String text) {
        String value = text == null ? "" : text.trim();
        return switch (kind) {
            case INTEGER -> parseLong(value);
            case INTEGERS -> {
                List<Long> out = new ArrayList<>();
                for (String part : splitList(value)) {
                    long v = parseLong(part);
                    if (out.contains(v)) throw repeated(value, part);
                    out.add(v);
                }
                yield List.copyOf(out);
            }
            case CHOICE -> parseChoice(value);
            case EFFORT -> {
                maplab.plan.Effort e = maplab.plan.Effort.parseOrNull(value);
                if (e == null) throw bad(value);
                yield e;
            }
            case CHOICES -> {
                List<String> out = new ArrayList<>();
                for (String part : splitList(value)) {
                    String v = parseChoice(part);
                    if (out.contains(v)) throw repeated(value, part);
                    out.add(v);
                }
                yield List.copyOf(out);
            }
            case USER_SUBJECTS -> {
                if (value.isEmpty() || value.equalsIgnoreCase("none")) yield List.<String>of();
                List<String> out = new ArrayList<>();
                for (String part : splitList(value)) {
                    if (!isWellFormedUserId(part)) throw bad(value);
                    if (!out.contains(part)) out.add(part);
                }
                yield List.copyOf(out);
            }
        };
    }

    private List<String> splitList(String value) {
        List<String> parts = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) parts.add(part.trim());
        }
        if (parts.isEmpty()) throw bad(value);
        return parts;
    }

    private long parseLong(String value) {
        long parsed;
        try {
            parsed = Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw bad(value);
        }
        if (parsed < min || parsed > max) throw bad(value);
        return parsed;
    }

    private String parseChoice(String value) {
        for (String option : allowed) {
            if (option.equalsIgnoreCase(value)) return option;
        }
        throw bad(value);
    }

    /** A list that names one value twice would measure its cells twice: refused, not folded, so a typo is seen. */
    private IllegalArgumentException repeated(String value, String part) {
        return new IllegalArgumentException(String.format(Locale.ROOT,
                "parameter '%s': bad value '%s': %s appears more than once; allowed: %s, each value once", name, value, part, allowedText()));
    }

    private IllegalArgumentException bad(String value) {
        return new IllegalArgumentException(String.format(Locale.ROOT,
                "parameter '%s': bad value '%s'; allowed: %s", name, value, allowedText()));
    }
}
