/**
 * The facades the peer libraries' adapters ({@code maplab.peers}) implement: {@link maplab.subject.facade.IntMap}
 * (key-order), {@link maplab.subject.facade.KeyedMap} (key-types), {@link maplab.subject.facade.IterationMap}
 * (iteration), {@link maplab.subject.facade.PutGetMap} (gc) and {@link maplab.subject.facade.LongFillTarget}
 * (merge). They sit below {@code maplab.peers}, and the enums that name the subjects sit above it,
 * so that an enum can refer to a peer's adapter without a package cycle. The facades users
 * implement ({@code LongMap}, {@code KeySource}, {@code SharedMap}) keep their packages.
 */
package maplab.subject.facade;
