/**
 * The peer libraries, one class each ({@link maplab.peers.Fastutil}, {@link maplab.peers.EclipseCollections},
 * {@link maplab.peers.Hppc}, {@link maplab.peers.Agrona}, {@link maplab.peers.Koloboke},
 * {@link maplab.peers.Guava}, {@link maplab.peers.JcTools}): every adapter of a library, for every facade it
 * takes part in, lives in its class, and only these classes import the library.
 *
 * <p>Adding a library: its version in the root pom (a property and a dependencyManagement line)
 * and a dependency line in lib/core's pom; a class here whose static methods make its maps
 * behind the facades of {@code maplab.subject.facade} (or as a {@code java.util.Map} where the
 * facade is one); and a constant in each subject-kind enum it joins ({@code SharedMapType},
 * {@code IntMapType}, {@code KeyedMapKind}, {@code FastutilTarget}, {@code CollisionCase},
 * {@code MapConstructor}...), which is what makes it a parameter value and a row's subject.
 * A concurrent map marked as a peer in {@code SharedMapType} is raced, timed against
 * ConcurrentHashMap and latency-measured by default, with no change to the experiments.
 *
 * <p>Peers sit between the facades (below) and the subject kinds (above), so no package cycle
 * forms: {@code maplab.subject.facade} <- {@code maplab.peers} <- {@code maplab.subject.*}.
 */
package maplab.peers;
