package maplab.measure;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which JMH rounds one machine measures when a run is split over several ({@code --shard i/N}):
 * rounds {@code i, i+N, i+2N...} (counted from 1), so every cell of a round is measured on the
 * same machine and pairing by round still holds. {@link #ALL} is an unsplit run.
 *
 * @param index this shard, from 1 to {@code count}
 * @param count how many shards the run is split into
 */
public record Shard(int index, int count) {

    /** The whole run on one machine. */
    public static final Shard ALL = new Shard(1, 1);

    public Shard {
        if (count < 1 || index < 1 || index > count) throw new IllegalArgumentException(message(index + "/" + count));
    }

    /** Parses {@code i/N}, e.g. {@code 2/3}; anything else, or {@code i} outside 1..N, is refused with one line. */
    public static Shard parse(String spec) {
        String s = spec == null ? "" : spec.trim();
        int slash = s.indexOf('/');
        try {
            if (slash > 0) {
                int index = Integer.parseInt(s.substring(0, slash).trim());
                int count = Integer.parseInt(s.substring(slash + 1).trim());
                if (count >= 1 && index >= 1 && index <= count) return new Shard(index, count);
            }
        } catch (NumberFormatException e) {
            // falls through to the one-line refusal
        }
        throw new IllegalArgumentException(message(spec));
    }

    private static String message(String spec) {
        return "shard: must be i/N with 1 <= i <= N, got '" + spec + "'";
    }

    /** True when {@code round} (counted from 0, as JMH forks are) is this shard's. */
    public boolean takes(int round) {
        return round % count == index - 1;
    }

    /** True when the run is split over more than one shard. */
    public boolean split() {
        return count > 1;
    }

    /** True for the shard that measures what is not a JMH round (in-process counts, child JVM loops): the first. */
    public boolean first() {
        return index == 1;
    }

    /** The round (counted from 0) of this shard's {@code k}-th round (counted from 0): what its samples are numbered by. */
    public int round(int k) {
        return index - 1 + k * count;
    }

    /** How many of {@code rounds} rounds (0 to rounds-1) this shard measures. */
    public int roundsOf(int rounds) {
        int n = 0;
        for (int r = 0; r < rounds; r++) if (takes(r)) n++;
        return n;
    }

    /** For meta.json: {@code {"index": i, "count": N}}. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", index);
        m.put("count", count);
        return m;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
