package maplab.subject.user;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Users' sources the tests compile: RobinHoodMap (test resource) and maps made from it. */
public final class UserSources {

    private UserSources() { }

    /** The source of /user/RobinHoodMap.java. */
    public static String robinHoodMap() throws IOException {
        try (InputStream in = UserSources.class.getResourceAsStream("/user/RobinHoodMap.java")) {
            if (in == null) throw new IllegalStateException("test resource /user/RobinHoodMap.java is missing");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** RobinHoodMap with one bug, as WrongGetMap: getOrDefault misses negative keys. */
    public static String wrongGetMap() throws IOException {
        String robin = robinHoodMap();
        String get = "    @Override public long getOrDefault(long key, long defaultValue) {\n";
        if (!robin.contains(get)) throw new IllegalStateException("RobinHoodMap.java has no line '" + get.strip() + "' to break");
        return robin.replace("RobinHoodMap", "WrongGetMap")
                .replace(get, get + "        if (key < 0) return defaultValue;   // the bug: negative keys are never found\n");
    }
}
