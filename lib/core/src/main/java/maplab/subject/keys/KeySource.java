package maplab.subject.keys;

/**
 * A key type of your own: the facade a user key class's factory implements to run as a subject
 * of key-types and collisions ({@link maplab.subject.user.UserSubject}). {@code key(i)} makes
 * key number {@code i}: the same {@code i} gives equal keys (a new object each call is fine, as
 * a parsed or deserialized key would be), different {@code i} give unequal keys. The key class
 * must keep the {@code equals}/{@code hashCode} contract; maplab checks it on the first keys
 * before timing anything. Needs a public no-argument constructor.
 */
@FunctionalInterface
public interface KeySource {

    /** Key number {@code i} (0 and up), never null. */
    Object key(int i);
}
