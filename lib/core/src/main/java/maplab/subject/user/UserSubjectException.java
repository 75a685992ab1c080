package maplab.subject.user;

import java.util.List;

/**
 * Bad user subject source: one line saying what is wrong ({@link #headline()}) and, for a
 * compile error, javac's diagnostics with line numbers ({@link #diagnostics()}). The message
 * holds both, so a notebook shows everything; the CLI prints the headline as its one line and
 * the diagnostics under it.
 */
public final class UserSubjectException extends IllegalArgumentException {

    private final String headline;
    private final List<String> diagnostics;

    public UserSubjectException(String headline, List<String> diagnostics) {
        super(diagnostics.isEmpty() ? headline : headline + "\n" + String.join("\n", diagnostics));
        this.headline = headline;
        this.diagnostics = List.copyOf(diagnostics);
    }

    public String headline() { return headline; }

    public List<String> diagnostics() { return diagnostics; }
}
