package maplab.subject.user;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JShell script ({@code .jsh}) as Java source for {@link UserSubject}: its imports and type
 * declarations are compiled as one source file. What it does: JShell commands (lines starting
 * with {@code /}) become blank lines; JShell's default imports are added on the first line
 * (so javac's line numbers are the script's); the first class whose header names a maplab
 * facade is made public. Top-level statements, methods and variables are not compiled (javac
 * reports them at their line): a script that runs code is not a subject.
 */
final class JShellSource {

    /** JShell's default imports (what a script may use without importing). */
    static final String DEFAULT_IMPORTS = "import java.io.*; import java.math.*; import java.net.*; import java.nio.file.*; import java.util.*;"
            + " import java.util.concurrent.*; import java.util.function.*; import java.util.prefs.*; import java.util.regex.*; import java.util.stream.*; ";

    private static final Pattern FACADE_CLASS = Pattern.compile(
            "^(\\s*)((?:(?:final|abstract|strictfp|static)\\s+)*class\\s+\\w+[^{]*\\b(?:LongMap|LongHash|KeySource|SharedMap)\\b)", Pattern.MULTILINE);

    private JShellSource() { }

    /** The Java source of {@code script} (named {@code fileName} in messages). */
    static String toJava(String fileName, String script) {
        List<String> lines = new ArrayList<>(script.lines().toList());
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).stripLeading().startsWith("/")
                    && !lines.get(i).stripLeading().startsWith("//") && !lines.get(i).stripLeading().startsWith("/*")) {
                lines.set(i, "");   // a JShell command such as /open or /exit
            }
        }
        String body = String.join("\n", lines);
        if (!body.matches("(?s).*\\bpublic\\s+(?:(?:final|abstract|strictfp)\\s+)*class\\b.*")) {
            Matcher m = FACADE_CLASS.matcher(body);
            if (!m.find()) {
                throw new UserSubjectException("subject " + fileName + ": no class implementing " + UserSubject.facadeNames()
                        + " found in the script (declare e.g. 'class MyHash implements maplab.subject.probe.LongHash { ... }')", List.of());
            }
            body = body.substring(0, m.start(2)) + "public " + body.substring(m.start(2));
        }
        return DEFAULT_IMPORTS + body + "\n";
    }
}
