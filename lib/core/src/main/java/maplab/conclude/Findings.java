package maplab.conclude;

import java.util.List;

/**
 * The findings of one group of a result ({@link Result#findingsIn}), e.g. the peer libraries'
 * or the latency findings: what a notebook shows together, asked for by name.
 */
public record Findings(String experiment, String group, List<Finding> list) {

    public Findings {
        list = List.copyOf(list);
    }

    public boolean isEmpty() { return list.isEmpty(); }

    /** One line per finding: its id and sentence. */
    @Override
    public String toString() {
        if (list.isEmpty()) return "no " + group + " findings in this run";
        StringBuilder sb = new StringBuilder();
        for (Finding f : list) sb.append(f.id()).append(": ").append(f.text()).append('\n');
        return sb.toString().stripTrailing();
    }
}
