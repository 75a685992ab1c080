package maplab.measure;

import maplab.workload.KeyOrder;
import maplab.workload.Strings;
import java.util.List;
import maplab.plan.EnumIds;
import maplab.subject.collision.CollisionCase;

/**
 * The keys of the gc experiment's pause workload ({@link MapChurn}); ids are parameter values.
 * The String kinds are the collisions experiment's cases ({@link CollisionCase}) in a
 * default-sized HashMap, so a merged map of colliding keys holds one tree bin of
 * {@code HashMap.TreeNode}s (bigger than plain nodes, with parent/left/right/prev links), and
 * its baseline holds random Strings of the same length in plain nodes.
 */
public enum ChurnKeys {
    /** Boxed ints in a seeded random order (distinct hashes). */
    INT(null),
    /** Random Strings as long as the colliding ones: the baseline for {@link #COLLIDING_STRING}. */
    RANDOM_STRING(CollisionCase.RANDOM_STRING),
    /** Strings that all share one {@code String.hashCode}: one tree bin in a HashMap. */
    COLLIDING_STRING(CollisionCase.COLLIDING_STRING);

    private final CollisionCase collisionCase;

    ChurnKeys(CollisionCase collisionCase) {
        this.collisionCase = collisionCase;
    }

    /** {@code n} distinct keys from {@code seed}, built once before the workload runs. */
    public Object[] keys(int n, long seed) {
        if (collisionCase == null) {
            int[] ints = KeyOrder.RANDOM.intKeys(n, seed);
            Object[] out = new Object[n];
            for (int i = 0; i < n; i++) out[i] = ints[i];
            return out;
        }
        return collisionCase.keys(n, seed);
    }

    public String label() {
        return switch (this) {
            case INT -> "Integer keys";
            case RANDOM_STRING -> "random Strings";
            case COLLIDING_STRING -> "colliding Strings (one tree bin)";
        };
    }

    public String id() { return EnumIds.id(this); }

    public static List<String> ids() { return EnumIds.ids(ChurnKeys.class); }

    public static ChurnKeys parse(String id) { return EnumIds.parse(ChurnKeys.class, "keys", id); }
}
