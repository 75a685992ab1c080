package maplab.subject.user;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import maplab.subject.concurrent.SharedMap;
import maplab.subject.intmap.LongMap;
import maplab.subject.intmap.ProbeLongMap;
import maplab.subject.keys.KeySource;
import maplab.subject.probe.LongHash;

/**
 * A map, hash or key type of your own, from Java source, as a subject of maplab's experiments.
 * The source (a notebook text block, a {@code .java} file, a JShell {@code .jsh} script's class)
 * is compiled with the JDK's compiler against the lab's class path, loaded in this JVM, and
 * checked: it must be a public class implementing one of the {@linkplain #FACADES facades}
 * ({@link LongMap} a map for key-order and merge; {@link LongHash} a hash for ProbeMap, which
 * then runs wherever a LongMap does; {@link KeySource} a key type for key-types and collisions;
 * {@link SharedMap} a concurrent map for sync-variants) with a public no-argument constructor.
 * Its id ({@code user:ClassName}, also its {@link #toString()}) goes into the experiment's
 * parameter for its facade ({@code user_subjects} for maps and hashes, {@code user_key_types},
 * {@code user_shared_maps}); the run then {@linkplain #checkContract checks it} before any
 * benchmark, writes the class's jar and source into the run folder ({@code subjects/}) and puts
 * the jar on the class path of every JMH fork and child JVM of that run.
 *
 * <pre>{@code
 * UserSubject mine = UserSubject.compile("""
 *     public class RobinHoodMap implements maplab.subject.intmap.LongMap { ... }
 *     """);
 * Experiments.run("key-order", Profile.QUICK, Map.of("user_subjects", List.of(mine)));
 * }</pre>
 */
public final class UserSubject {

    /** The prefix of a user subject's id. */
    public static final String PREFIX = "user:";

    private static final Map<String, UserSubject> COMPILED = new ConcurrentHashMap<>();
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern PUBLIC_CLASS = Pattern.compile("\\bpublic\\s+(?:(?:final|abstract|sealed|non-sealed|strictfp)\\s+)*class\\s+(\\w+)");
    private static final Pattern ID = maplab.plan.ParamSpec.USER_ID;

    private final String className;
    private final String source;
    private final Map<String, byte[]> classes;
    private final Class<?> type;

    /** The facades a user subject may implement, with the experiments that take each. */
    public static final Map<Class<?>, String> FACADES = facades();

    private static Map<Class<?>, String> facades() {
        Map<Class<?>, String> m = new LinkedHashMap<>();
        m.put(LongMap.class, "a map: key-order, merge");
        m.put(LongHash.class, "a hash for ProbeMap: key-order, merge");
        m.put(KeySource.class, "a key type: key-types, collisions");
        m.put(SharedMap.class, "a concurrent map: sync-variants");
        return java.util.Collections.unmodifiableMap(m);
    }

    private UserSubject(String className, String source, Map<String, byte[]> classes, Class<?> type) {
        this.className = className;
        this.source = source;
        this.classes = classes;
        this.type = type;
    }

    /**
     * Compiles {@code source} (one public top-level class implementing a {@linkplain #FACADES facade}), loads
     * it and registers it under its id.
     *
     * @throws UserSubjectException (an {@link IllegalArgumentException}) for a compile error (with
     *         javac's diagnostics and line numbers), a class that does not implement the facade, or
     *         one without a public no-argument constructor
     */
    public static UserSubject compile(String source) {
        if (source == null || source.isBlank()) throw new UserSubjectException("source: empty; expected a public class implementing " + facadeNames(), List.of());
        Matcher c = PUBLIC_CLASS.matcher(stripComments(source));
        if (!c.find()) {
            throw new UserSubjectException("source: no public class found; expected a public class implementing " + facadeNames(), List.of());
        }
        Matcher p = PACKAGE.matcher(stripComments(source));
        String name = (p.find() ? p.group(1) + "." : "") + c.group(1);
        Map<String, byte[]> classes = javac(name, source);
        UserSubject s = new UserSubject(name, source, classes, check(name, load(name, classes)));
        COMPILED.put(s.id(), s);
        return s;
    }

    /** Compiles a {@code .java} file, or the class of a JShell {@code .jsh} script ({@link JShellSource}); see {@link #compile}. */
    public static UserSubject fromFile(Path javaFile) {
        String fileName = javaFile.getFileName().toString();
        if (!fileName.endsWith(".java") && !fileName.endsWith(".jsh")) {
            throw new UserSubjectException("subject: '" + javaFile + "' is not a .java file or a .jsh script", List.of());
        }
        String text;
        try {
            text = Files.readString(javaFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserSubjectException("subject: cannot read '" + javaFile + "': " + e.getMessage(), List.of());
        }
        return compile(fileName.endsWith(".jsh") ? JShellSource.toJava(fileName, text) : text);
    }

    /** The facades' names, for messages. */
    static String facadeNames() {
        List<String> names = new ArrayList<>();
        FACADES.forEach((c, what) -> names.add(c.getName() + " (" + what + ")"));
        return String.join(", or ", names);
    }

    /** The subject registered under {@code id} in this JVM; otherwise an {@link IllegalArgumentException} naming {@code parameter}. */
    public static UserSubject byId(String parameter, String id) {
        UserSubject s = COMPILED.get(id);
        if (s == null) {
            throw new IllegalArgumentException("parameter '" + parameter + "': unknown user subject '" + id + "'; allowed: "
                    + (COMPILED.isEmpty() ? "none compiled in this JVM yet" : String.join(", ", COMPILED.keySet()))
                    + " (make one with UserSubject.compile(source), or --subject path/X.java on the command line)");
        }
        return s;
    }

    /** True when {@code subject} (a parameter value) names a user subject. */
    public static boolean isUserId(String subject) {
        return subject != null && subject.startsWith(PREFIX);
    }

    /** True when {@code text} is a well-formed user subject id ({@code user:} and a class name). */
    public static boolean isWellFormedId(String text) {
        return ID.matcher(text).matches();
    }

    /**
     * A new, empty map of the user subject {@code id}: from this JVM's registry, or (in a JMH
     * fork or child JVM, where the run put the subject's jar on the class path) by class name.
     */
    public static LongMap newMap(String id) {
        UserSubject s = COMPILED.get(id);
        if (s != null) return s.newMap();
        return asLongMap(id, newInstance(id));
    }

    /**
     * A new instance of the user subject {@code id} (map, hash, key source or shared map): from
     * this JVM's registry, or by class name from the class path (in a JMH fork or child JVM).
     */
    public static Object newInstance(String id) {
        UserSubject s = COMPILED.get(id);
        if (s != null) return s.newInstance();
        String name = id.substring(PREFIX.length());
        try {
            Class<?> c = Class.forName(name, true, LongMap.class.getClassLoader());
            return c.getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("user subject " + id + ": cannot create it from the class path (is the run's subjects/*.jar on it?): " + e, e);
        }
    }

    private static LongMap asLongMap(String id, Object o) {
        if (o instanceof LongMap m) return m;
        if (o instanceof LongHash h) return new ProbeLongMap(h);
        throw new IllegalArgumentException("user subject " + id + ": is a " + facadeOf(o.getClass()).getName() + ", not a map or a hash (" + LongMap.class.getName()
                + " or " + LongHash.class.getName() + ")");
    }

    private static Class<?> facadeOf(Class<?> c) {
        for (Class<?> f : FACADES.keySet()) if (f.isAssignableFrom(c)) return f;
        return Object.class;
    }

    /** How a user subject is shown: its simple class name. */
    public static String label(String id) {
        String name = id.startsWith(PREFIX) ? id.substring(PREFIX.length()) : id;
        return name.substring(name.lastIndexOf('.') + 1) + " (yours)";
    }

    /** A snake_case name for finding ids: {@code user:pkg.RobinHoodMap} gives {@code user_robin_hood_map}. */
    public static String findingName(String id) {
        String name = id.startsWith(PREFIX) ? id.substring(PREFIX.length()) : id;
        name = name.substring(name.lastIndexOf('.') + 1);
        return "user_" + name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("[^A-Za-z0-9]+", "_").toLowerCase(Locale.ROOT);
    }

    public String id() { return PREFIX + className; }
    public String className() { return className; }
    public String source() { return source; }
    public Class<?> type() { return type; }

    /** The facade the class implements (one of {@link #FACADES}). */
    public Class<?> facade() { return facadeOf(type); }

    /** A new instance, loaded in this JVM. */
    public Object newInstance() {
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(id() + ": the constructor failed: " + e.getCause(), e);
        }
    }

    /**
     * A new, empty map, loaded in this JVM (for counts and the contract check): the user's map,
     * or for a user hash a {@link ProbeLongMap} hashing with it.
     */
    public LongMap newMap() {
        return asLongMap(id(), newInstance());
    }

    /** A new instance of a user hash; an {@link IllegalArgumentException} for other facades. */
    public LongHash newHash() {
        if (newInstance() instanceof LongHash h) return h;
        throw new IllegalArgumentException("user subject " + id() + ": is not a " + LongHash.class.getName());
    }

    /**
     * Checks the subject before any benchmark, by its facade: a map runs the {@linkplain
     * MapContract map contract}; a hash must be deterministic ({@link SubjectChecks#requireHash})
     * and ProbeMap with it must keep the map contract; a key source must keep the
     * equals/hashCode contract ({@link SubjectChecks#requireKeys}); a shared map keeps the map
     * contract from one thread and a short concurrent check ({@link SubjectChecks#requireShared}).
     *
     * @throws IllegalArgumentException with the first violation (and the operations that show it)
     */
    public MapContract.Report checkContract(long seed) {
        Class<?> f = facade();
        if (f == LongHash.class) {
            MapContract.Report hash = SubjectChecks.requireHash(id(), this::newHash, seed);
            MapContract.Report map = MapContract.require(id() + " (ProbeMap hashing with it)", this::newMap, seed);
            return new MapContract.Report(map.sequences(), map.operations() + hash.operations(), seed, hash + "; ProbeMap with it: " + map);
        }
        if (f == KeySource.class) {
            return SubjectChecks.requireKeys(id(), (KeySource) newInstance(), seed);
        }
        if (f == SharedMap.class) {
            return SubjectChecks.requireShared(id(), this::newSharedMap, seed);
        }
        return MapContract.require(id(), this::newMap, seed);
    }

    /** A new instance of a user shared map; an {@link IllegalArgumentException} for other facades. */
    @SuppressWarnings("unchecked")
    public SharedMap<Object, Object> newSharedMap() {
        if (newInstance() instanceof SharedMap<?, ?> m) return (SharedMap<Object, Object>) m;
        throw new IllegalArgumentException("user subject " + id() + ": is not a " + SharedMap.class.getName());
    }

    /**
     * Writes {@code <ClassName>.jar} (the classes and the source) and {@code <ClassName>.java} into
     * {@code dir} (the fully qualified name, so two classes of one simple name do not collide); returns the jar.
     */
    public Path writeTo(Path dir) {
        String simple = className;
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(simple + ".java"), source, StandardCharsets.UTF_8);
            Path jar = dir.resolve(simple + ".jar");
            Files.write(jar, jar());
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write user subject " + id() + " into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The compiled classes and the source as a jar. */
    public byte[] jar() {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        manifest.getMainAttributes().putValue("Created-By", "maplab UserSubject");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            for (Map.Entry<String, byte[]> e : classes.entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey().replace('.', '/') + ".class"));
                jar.write(e.getValue());
                jar.closeEntry();
            }
            jar.putNextEntry(new JarEntry(className.replace('.', '/') + ".java"));
            jar.write(source.getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override public String toString() { return id(); }

    // ------------------------------------------------------------------ compile, load, check

    private static String stripComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
    }

    /** The class path javac compiles against: this JVM's, plus wherever maplab's own classes came from. */
    static String compileClassPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) if (!e.isBlank()) entries.add(e);
        try {
            CodeSource cs = LongMap.class.getProtectionDomain().getCodeSource();
            if (cs != null && cs.getLocation() != null) entries.add(Path.of(cs.getLocation().toURI()).toString());
        } catch (Exception ignored) {
            // java.class.path alone
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Map<String, byte[]> javac(String className, String source) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler in this JVM (" + System.getProperty("java.home") + "): run maplab on a JDK, not a JRE");
        }
        String simple = className.substring(className.lastIndexOf('.') + 1);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> out = new LinkedHashMap<>();
        StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
        JavaFileManager files = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String name, JavaFileObject.Kind kind, FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + name.replace('.', '/') + kind.extension), kind) {
                    @Override public OutputStream openOutputStream() {
                        return out.computeIfAbsent(name, n -> new ByteArrayOutputStream());
                    }
                };
            }
        };
        JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///" + className.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override public CharSequence getCharContent(boolean ignoreEncodingErrors) { return source; }
        };
        List<String> options = List.of("--release", "17", "-proc:none", "-encoding", "UTF-8", "-classpath", compileClassPath());
        boolean ok = compiler.getTask(null, files, diagnostics, options, null, List.of(unit)).call();
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) continue;
            errors.add(simple + ".java:" + d.getLineNumber() + ":" + d.getColumnNumber() + ": error: " + d.getMessage(Locale.ROOT).lines().findFirst().orElse("")
                    + sourceLine(source, d.getLineNumber()));
        }
        if (!ok || !errors.isEmpty()) {
            throw new UserSubjectException("subject " + simple + ".java: does not compile (" + errors.size() + " error" + (errors.size() == 1 ? "" : "s")
                    + ", first: " + (errors.isEmpty() ? "?" : errors.get(0).lines().findFirst().orElse("")) + ")", errors);
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        out.forEach((n, b) -> classes.put(n, b.toByteArray()));
        if (!classes.containsKey(className)) {
            throw new UserSubjectException("subject: the source does not define class " + className + " (a public class in the file's package)", List.of());
        }
        return classes;
    }

    private static String sourceLine(String source, long line) {
        if (line < 1) return "";
        return source.lines().skip(line - 1).findFirst().map(l -> "\n    " + l.strip()).orElse("");
    }

    private static Class<?> load(String className, Map<String, byte[]> classes) {
        ClassLoader loader = new ClassLoader("maplab-user-" + className, LongMap.class.getClassLoader()) {
            @Override protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] b = classes.get(name);
                if (b == null) throw new ClassNotFoundException(name);
                return defineClass(name, b, 0, b.length);
            }
        };
        try {
            return Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new UserSubjectException("subject " + className + ": cannot be loaded: " + e, List.of());
        }
    }

    private static Class<?> check(String className, Class<?> c) {
        if (facadeOf(c) == Object.class) {
            throw new UserSubjectException("subject " + className + ": does not implement " + facadeNames()
                    + ": declare e.g. 'public class " + c.getSimpleName() + " implements " + LongMap.class.getName() + "'", List.of());
        }
        if (Modifier.isAbstract(c.getModifiers()) || !Modifier.isPublic(c.getModifiers())) {
            throw new UserSubjectException("subject " + className + ": must be a public, non-abstract class", List.of());
        }
        Constructor<?> constructor;
        try {
            constructor = c.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new UserSubjectException("subject " + className + ": has no public no-argument constructor; add 'public " + c.getSimpleName()
                    + "() { ... }' that makes an empty, default-sized map (every experiment builds its maps with it)", List.of());
        }
        try {
            constructor.newInstance();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new UserSubjectException("subject " + className + ": its no-argument constructor threw " + cause, List.of());
        }
        return c;
    }
}
